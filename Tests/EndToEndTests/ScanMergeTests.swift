import Foundation
import XCTest

/// `scan` then `merge` stores exactly what `analyze` stores (every posting, duplicate link, mention, occupation,
/// role, place, quarantined record, aggregate and accounting row), in both stream encodings, whether the inputs are
/// scanned together or as separate parts; damaged, foreign or incomplete scan files are refused with a message
/// and leave no completed run.
final class ScanMergeTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func path(_ name: String) -> String { tmp.appendingPathComponent(name).path }

    /// Everything a run stores that does not name the run itself, in a fixed order.
    static func contents(_ db: String) throws -> String {
        let queries = [
            """
            SELECT id, corpus, source_id, content_hash, title, text, date, period_month, region, employer, source_path,
                   source_line, duplicate_of, duplicate_kind, round(similarity, 6), source_record, source_offset,
                   source_length, text_stored FROM postings ORDER BY id
            """,
            "SELECT posting_id, concept_id, count, first_start, first_end, matched_text, round(confidence, 6) FROM mentions ORDER BY 1, 2",
            "SELECT corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month ORDER BY 1, 2, 3, 4",
            "SELECT * FROM agg_period_totals ORDER BY 1, 2, 3",
            "SELECT * FROM agg_employers ORDER BY 1, 2, 3, 4",
            "SELECT posting_id, occupation_id, isco_code, round(confidence, 6), method FROM posting_occupations ORDER BY 1",
            "SELECT posting_id, role_key, ordinal, phrase, evidence, occupation_id, round(confidence, 6) FROM posting_roles ORDER BY 1, 2, 3",
            "SELECT region, summary, round(confidence, 6), remote, hybrid, onsite, evidence, gazetteer FROM region_resolutions ORDER BY 1",
            "SELECT * FROM region_places ORDER BY 1, 2",
            "SELECT source_path, line, byte_offset, reason, excerpt FROM quarantine ORDER BY id",
            "SELECT posting_id, corpus, scheme, hex(band_keys) FROM posting_lsh ORDER BY 1",
            """
            SELECT path, sha256, bytes, format, records_read, postings_new, duplicates, already_present, quarantined,
                   duplicates_exact, duplicates_near, duplicates_repost FROM run_inputs ORDER BY path
            """,
            "SELECT path, format, mapping FROM source_readers ORDER BY path",
        ]
        return try queries.map { "## " + $0 + "\n" + (try CLI.sqlite(db, $0)) }.joined(separator: "\n")
    }

    /// Runs `analyze` and `scan` + `merge` (binary and JSON Lines) on `inputs` with `options`; asserts the three
    /// stores hold the same. Returns the number of postings stored.
    @discardableResult
    func assertSameAsAnalyze(_ inputs: [String], _ options: [String] = [], name: String,
                             encodings: [String] = ["binary", "jsonl"],
                             file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let analyzed = path("\(name)-analyze.sqlite")
        let a = try CLI.run(["analyze"] + inputs + options + ["--db", analyzed, "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr, file: file, line: line)
        let expected = try Self.contents(analyzed)
        for encoding in encodings {
            let part = path("\(name)-part.\(encoding)"), merged = path("\(name)-\(encoding).sqlite")
            let s = try CLI.run(["scan"] + inputs + options + ["--out", part, "--scan-format", encoding, "--quiet"])
            XCTAssertEqual(s.status, 0, s.stderr, file: file, line: line)
            let m = try CLI.run(["merge", "--db", merged, part])
            XCTAssertEqual(m.status, 0, m.stderr, file: file, line: line)
            XCTAssertTrue(m.stdout.contains("balanced") && m.stdout.contains("records in"), m.stdout, file: file, line: line)
            let got = try Self.contents(merged)
            XCTAssertTrue(got == expected, "\(name), \(encoding): merge stored something else than analyze; first difference: "
                          + Self.firstDifference(expected, got), file: file, line: line)
        }
        return Int(try CLI.sqlite(analyzed, "SELECT count(*) FROM postings")) ?? 0
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for k in 0..<max(x.count, y.count) where k >= x.count || k >= y.count || x[k] != y[k] {
            return "line \(k + 1): analyze `\(k < x.count ? x[k] : "<none>")` merge `\(k < y.count ? y[k] : "<none>")`"
        }
        return "none"
    }

    func testSampleWithOccupationsAndSupply() throws {
        let n = try assertSameAsAnalyze(["Corpora/sample/postings.jsonl"], ["--occupations"], name: "sample")
        XCTAssertGreaterThan(n, 300)
        try assertSameAsAnalyze(["Corpora/sample/programmes.csv"], ["--supply"], name: "programmes")
    }

    /// Inputs with quarantined records, exact duplicates and records without an id (ids from the file's digest).
    func testHostileInputsAndStoreText() throws {
        let lines = [
            #"{"title":"Data engineer","text":"Python, SQL and Spark pipelines on AWS.","date":"2024-01-05","location":"Berlin"}"#,
            "{not json",
            #"{"title":"Data engineer","text":"Python, SQL and Spark pipelines on AWS.","date":"2024-01-09","location":"Berlin"}"#,
            #"{"id":"x","title":"Bad date","text":"Java","date":"2024-13-45"}"#,
            "",
            #"{"id":"y","title":"Web developer","text":"React, TypeScript and Node.js; Docker a plus.","date":"2024-02-01","location":"Remote (EU)"}"#,
        ]
        let input = path("hostile.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        try assertSameAsAnalyze([input], ["--store-text"], name: "hostile")
        XCTAssertEqual(try CLI.sqlite(path("hostile-binary.sqlite"), "SELECT count(*) FROM quarantine"), "2")
    }

    /// Parts scanned one per input (as separate processes or machines would) and merged in input order give the
    /// store of one `analyze` of all inputs; the near-duplicate links across parts included.
    func testPartsMergeLikeOneRun() throws {
        let data = try CLI.requireSharedData()
        let feeds = data.appendingPathComponent("postings/pythonjobs/atom_feed_snapshots").path
        let files = try FileManager.default.contentsOfDirectory(atPath: feeds).filter { $0.hasSuffix(".xml") || $0.hasSuffix(".atom") || $0.hasSuffix(".gz") }
            .sorted().prefix(4).map { feeds + "/" + $0 }
        XCTAssertGreaterThan(files.count, 1, "need several feed snapshots")
        let analyzed = path("feeds.sqlite")
        XCTAssertEqual(try CLI.run(["analyze"] + files + ["--db", analyzed, "--quiet"]).status, 0)
        var parts: [String] = []
        for (k, f) in files.enumerated() {
            parts.append(path("part\(k).scan"))
            let s = try CLI.run(["scan", f, "--out", parts[k], "--quiet"])
            XCTAssertEqual(s.status, 0, s.stderr)
        }
        let merged = path("feeds-merged.sqlite")
        let m = try CLI.run(["merge", "--db", merged] + parts)
        XCTAssertEqual(m.status, 0, m.stderr)
        let expected = try Self.contents(analyzed), got = try Self.contents(merged)
        XCTAssertTrue(expected == got, Self.firstDifference(expected, got))
        XCTAssertGreaterThan(Int(try CLI.sqlite(merged, "SELECT count(*) FROM postings WHERE duplicate_of IS NOT NULL")) ?? 0, 0,
                             "feed snapshots repeat entries: the parts' duplicates must be linked across parts")
    }

    /// A JSON Lines file cut into byte ranges anywhere (mid-line, on a line start, on a CR, past the end), each
    /// range scanned alone and the parts merged in order, stores what one `analyze` stores: line numbers, offsets,
    /// ordinals and the ids of records without one come out as in a read of the whole file. Parts out of order
    /// or missing are refused.
    func testByteRangesMergeLikeTheWholeFile() throws {
        var lines = ["\u{FEFF}" + #"{"title":"Data engineer","text":"Python and SQL on AWS.","date":"2024-01-05"}"#]
        for i in 0..<40 {
            switch i % 7 {
            case 0: lines.append("")
            case 1: lines.append("   ")
            case 2: lines.append("{broken \(i)")
            case 3: lines.append(#"{"title":"Web developer \#(i)","text":"React and TypeScript; Docker.","date":"2024-02-0\#(1 + i % 9)"}"# + "\r")
            case 4: lines.append(#"{"id":"id\#(i)","title":"Analyst","text":"\#(String(repeating: "Excel and SQL. ", count: 200))"}"#)
            default: lines.append(#"{"title":"Data engineer","text":"Python and SQL on AWS, Kafka \#(i).","date":"2024-03-1\#(i % 9)"}"#)
            }
        }
        let input = path("ranges.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        try assertRangesMergeLikeTheWholeFile(input, options: ["--max-record-bytes", "2048"]) // long lines are quarantined records
        let gz = path("ranges.jsonl.gz")
        try FileManager.default.copyItem(atPath: input, toPath: path("copy.jsonl"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sh", "-c", "gzip -c '\(path("copy.jsonl"))' > '\(gz)'"]
        try p.run()
        p.waitUntilExit()
        let refused = try CLI.run(["scan", gz, "--range", "0-100", "--out", path("gz.scan"), "--quiet"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("uncompressed"), refused.stderr)
    }

    /// `input` cut into byte ranges at fixed and random points, each range scanned alone and the parts merged in
    /// order, stores what one `analyze` stores; parts out of order or missing are refused.
    func assertRangesMergeLikeTheWholeFile(_ input: String, options: [String], randomCuts: Int = 4,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let size = try FileManager.default.attributesOfItem(atPath: input)[.size] as? Int ?? 0
        let name = URL(fileURLWithPath: input).lastPathComponent
        let analyzed = path(name + ".sqlite")
        XCTAssertEqual(try CLI.run(["analyze", input, "--db", analyzed, "--quiet"] + options).status, 0, file: file, line: line)
        let expected = try Self.contents(analyzed)
        var generator = SystemRandomNumberGenerator()
        let cutSets: [[Int]] = [[], [1], [2, 3, 4], [size / 2], [size - 1], [size + 10]]
            + (0..<randomCuts).map { _ in (0..<Int.random(in: 2...6, using: &generator)).map { _ in Int.random(in: 1..<size, using: &generator) }.sorted() }
        for (k, cuts) in cutSets.enumerated() {
            let bounds = [0] + cuts + [Int.max]
            var parts: [String] = []
            for j in 0..<(bounds.count - 1) {
                parts.append(path("\(name)-\(k)-\(j).scan"))
                let range = "\(bounds[j])-" + (bounds[j + 1] == Int.max ? "" : String(bounds[j + 1]))
                let s = try CLI.run(["scan", input, "--range", range, "--out", parts[j], "--quiet"] + options)
                XCTAssertEqual(s.status, 0, "cuts \(cuts): " + s.stderr, file: file, line: line)
            }
            let merged = path("\(name)-\(k).sqlite")
            let m = try CLI.run(["merge", "--db", merged] + parts)
            XCTAssertEqual(m.status, 0, "cuts \(cuts): " + m.stderr, file: file, line: line)
            let got = try Self.contents(merged)
            XCTAssertTrue(got == expected, "\(name), cuts \(cuts): " + Self.firstDifference(expected, got), file: file, line: line)
            if parts.count >= 3 {
                let swapped = try CLI.run(["merge", "--db", path("\(name)-swapped-\(k).sqlite"), parts[1], parts[0]] + parts[2...])
                XCTAssertEqual(swapped.status, 1, "cuts \(cuts): parts out of order must be refused", file: file, line: line)
                let missing = try CLI.run(["merge", "--db", path("\(name)-missing-\(k).sqlite")] + parts.dropLast())
                XCTAssertEqual(missing.status, 1, "cuts \(cuts): a missing last part must be refused", file: file, line: line)
                XCTAssertTrue(missing.stderr.contains("covered only up to byte"), missing.stderr, file: file, line: line)
            }
        }
    }

    /// CSV (and TSV) cut anywhere: quoted fields holding newlines, delimiters and quotes, rows of the wrong width,
    /// an unclosed quote, records without an id, a byte-order mark and CRLF line ends; a record belongs to the range
    /// where it starts, numbered as in a read of the whole file.
    func testCSVByteRangesMergeLikeTheWholeFile() throws {
        var rows = ["\u{FEFF}id,title,description,date,location"]
        for i in 0..<36 {
            switch i % 6 {
            case 0: rows.append(#"c\#(i),"Data engineer, \#(i)","Python and SQL on AWS.\#nSpark ""batch"" jobs; Kafka.",2024-01-0\#(1 + i % 9),Berlin"#)
            case 1: rows.append(#",Web developer,"React, TypeScript and Docker",2024-02-1\#(i % 9),"Remote (EU)""# + "\r")
            case 2: rows.append("bad\(i),only three,fields")
            case 3: rows.append("")
            case 4: rows.append(#"c\#(i),Analyst,"\#(String(repeating: "Excel and SQL. ", count: 30))",2024-03-0\#(1 + i % 9),Munich"#)
            default: rows.append(#"c\#(i),DevOps engineer,Kubernetes and Terraform on GCP,2024-04-1\#(i % 9),Hamburg"#)
            }
        }
        rows.append(#"c99,Broken,"never closed,2024-05-01,Berlin"#)
        rows.append("c100,Data scientist,Python and PyTorch,2024-05-02,Berlin")
        let csv = path("ranges.csv")
        try (rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        try assertRangesMergeLikeTheWholeFile(csv, options: ["--map", "region=location"])
        XCTAssertGreaterThan(Int(try CLI.sqlite(path("ranges.csv.sqlite"), "SELECT count(*) FROM quarantine")) ?? 0, 5)
        let tsv = path("ranges.tsv")
        try (rows.map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\n") + "\n")
            .write(toFile: tsv, atomically: true, encoding: .utf8)
        try assertRangesMergeLikeTheWholeFile(tsv, options: [], randomCuts: 1)
    }

    func testSharedCorporaSameAsAnalyze() throws {
        let data = try CLI.requireSharedData()
        let pj = data.appendingPathComponent("postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz").path
        // Near-duplicates whose shingles merge rebuilds from the source; occupations and roles coded.
        XCTAssertGreaterThan(try assertSameAsAnalyze([pj], ["--map", "region=location", "--occupations"], name: "pythonjobs",
                                                     encodings: ["binary"]), 250)
        try assertSameAsAnalyze([data.appendingPathComponent("postings/pythonjobs/html_pages").path], name: "html",
                                encodings: ["binary"])
    }

    func testDamagedForeignAndIncompleteScansAreRefused() throws {
        let part = path("p.scan")
        XCTAssertEqual(try CLI.run(["scan", "Corpora/sample/postings.jsonl", "--out", part, "--quiet"]).status, 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: part))
        func refuse(_ data: Data, _ expect: String, _ extra: [String] = [], line: UInt = #line) throws {
            let damaged = path("damaged-\(line).scan"), db = path("damaged-\(line).sqlite")
            try data.write(to: URL(fileURLWithPath: damaged))
            let m = try CLI.run(["merge", "--db", db, damaged] + extra)
            XCTAssertEqual(m.status, 1, "line \(line): " + m.stdout, line: line)
            XCTAssertTrue(m.stderr.contains(expect), "line \(line): " + m.stderr, line: line)
            if FileManager.default.fileExists(atPath: db) {
                XCTAssertEqual(try CLI.sqlite(db, "SELECT count(*) FROM runs WHERE status = 'completed'"), "0", line: line)
            }
        }
        try refuse(bytes.prefix(bytes.count / 2), "ends")                       // cut short
        try refuse(bytes.prefix(bytes.count - 2), "ends inside a frame")        // end message damaged
        try refuse(Data("hello".utf8), "not a scan stream")
        var flipped = bytes
        flipped[8] = 0x58 // the header frame's kind byte
        try refuse(flipped, "unknown frame kind")
        try refuse(bytes, "were scanned with", ["--no-fold-diacritics"])   // another tokenizer
        // Two parts scanned with other settings cannot be one run.
        let other = path("other.scan")
        XCTAssertEqual(try CLI.run(["scan", "Corpora/sample/postings.jsonl", "--out", other, "--no-near-dup", "--quiet"]).status, 0)
        let m = try CLI.run(["merge", "--db", path("mixed.sqlite"), part, other])
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.stderr.contains("other settings"), m.stderr)
    }
}
