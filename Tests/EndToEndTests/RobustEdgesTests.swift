import Foundation
import XCTest

/// Issue 14's edges, through the real binary: empty inputs of every format, every query command on an empty
/// store, the documented exit codes (0 done, 1 usage or input error, 3 finished with unusable inputs or skipped
/// files), JSON that a strict parser accepts, and one status for one question in `emerging`, `gaps` and the report.
final class RobustEdgesTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    /// The query commands with their arguments, each given `--db` and (where it has one) `--format json`.
    static let queries: [(args: [String], json: Bool)] = [
        (["trends"], true), (["trends", "--by-region"], true), (["emerging"], true), (["emerging", "--taxonomy-only"], true),
        (["emerging", "--occupations"], true), (["discover"], true), (["gaps"], true), (["gaps", "--by-region"], true),
        (["gaps", "--rank", "unmet"], true), (["gaps", "--taught-not-demanded"], true), (["postings", "--skill", "Python"], true),
        (["quarantine"], true), (["runs"], true), (["regions"], true), (["regions", "--level", "raw"], true),
        (["report", "--out"], false), (["audit", "--out"], false),
    ]

    func analyzeSample() throws -> String {
        let db = tmp.appendingPathComponent("s.sqlite").path
        let r = try CLI.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let g = try CLI.run(["gaps", "--db", db, "--supply", "Corpora/sample/programmes.csv", "--limit", "1"])
        XCTAssertEqual(g.status, 0, g.stderr)
        return db
    }

    func args(_ q: [String], db: String, json: Bool) -> [String] {
        var a = q + (q.last == "--out" ? [tmp.appendingPathComponent("out-\(UUID().uuidString)").path] : []) + ["--db", db]
        if json { a += ["--format", "json"] }
        if q.first == "report" { a.append("--no-new-terms") }
        return a
    }

    /// A store without any posting (an analysed empty file) and a file that is no store: every command ends
    /// with 0 or 1, never a crash, and a failure says what is wrong.
    func testEveryCommandOnAnEmptyStore() throws {
        let empty = tmp.appendingPathComponent("empty.jsonl")
        try Data().write(to: empty)
        let db = tmp.appendingPathComponent("empty.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", empty.path, "--db", db, "--quiet"]).status, 1)
        let notAStore = tmp.appendingPathComponent("none.sqlite").path
        for store in [db, notAStore] {
            for (q, json) in Self.queries {
                let a = args(q, db: store, json: json)
                let r = try CLI.run(a)
                XCTAssertTrue(r.status == 0 || r.status == 1, "\(a): status \(r.status) \(r.stderr)")
                if r.status == 1 {
                    XCTAssertFalse(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(a): no message")
                    XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("Fatal error"), "\(a): \(r.stderr)")
                } else if json, !r.stdout.isEmpty {
                    XCTAssertNoThrow(try StrictJSON.parse(r.stdout), "\(a): \(r.stdout.prefix(300))")
                }
            }
        }
    }

    /// Every `--format json` output of every query command parses with a strict parser (numbers stay numbers,
    /// inf and NaN become null).
    func testEveryJSONOutputParsesStrictly() throws {
        let db = try analyzeSample()
        var programme = ""
        for (q, json) in Self.queries where json {
            let a = args(q, db: db, json: true)
            let r = try CLI.run(a)
            XCTAssertEqual(r.status, 0, "\(a): \(r.stderr)")
            let v = try StrictJSON.parse(r.stdout)
            XCTAssertNotNil(v.array, "\(a): not an array")
            if q == ["trends"] {
                let first = try XCTUnwrap(v.array?.first?.object)
                XCTAssertNotNil(first["share"]?.number, "share is a number")
                XCTAssertNotNil(first["postings"]?.number, "postings is a number")
                XCTAssertNotNil(first["taxonomy_digest"]?.string)
            }
            if q == ["gaps"] {
                let first = try XCTUnwrap(v.array?.first?.object)
                XCTAssertNotNil(first["gap_index"]?.number)
                XCTAssertNotNil(first["recent_window"]?.string, "every gap row says its analysis window")
            }
        }
        let runs = try CLI.run(["postings", "--db", db, "--skill", "Python", "--supply", "--format", "json", "--limit", "1"])
        if let id = try StrictJSON.parse(runs.stdout).array?.first?.object?["source_id"]?.string { programme = id }
        if !programme.isEmpty {
            let r = try CLI.run(["gaps", "--db", db, "--programme", programme, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertNoThrow(try StrictJSON.parse(r.stdout))
        }
        // Non-finite ratios (a skill new in the recent window) are null, not a bare inf.
        let emerging = try CLI.run(["emerging", "--db", db, "--format", "json", "--all", "--limit", "500", "--taxonomy-only"])
        for row in try StrictJSON.parse(emerging.stdout).array ?? [] {
            let o = try XCTUnwrap(row.object)
            XCTAssertTrue(o["rate_ratio"] == .null || o["rate_ratio"]?.number != nil, "\(o)")
        }
    }

    /// The same question gets the same status: `emerging`, `gaps` and the report compute growth on one analysis
    /// window; per region, `emerging --region` and `gaps --region` agree too.
    func testOneStatusForOneQuestion() throws {
        let db = try analyzeSample()
        func statuses(_ args: [String], key: String) throws -> [String: String] {
            let r = try CLI.run(args + ["--db", db, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            var out: [String: String] = [:]
            for row in try StrictJSON.parse(r.stdout).array ?? [] {
                guard let o = row.object, let id = o["concept_id"]?.string, let s = o[key]?.string else { continue }
                out[id] = s
            }
            return out
        }
        let emerging = try statuses(["emerging", "--all", "--limit", "100000", "--taxonomy-only"], key: "status")
        let gaps = try statuses(["gaps", "--limit", "100000"], key: "demand_status")
        XCTAssertGreaterThan(emerging.count, 20)
        var compared = 0
        for (id, s) in gaps where emerging[id] != nil {
            XCTAssertEqual(s, emerging[id], id)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 10)
        let out = tmp.appendingPathComponent("report").path
        XCTAssertEqual(try CLI.run(["report", "--db", db, "--out", out, "--no-new-terms"]).status, 0)
        let report = try StrictJSON.parse(String(contentsOfFile: out + "/report.json", encoding: .utf8))
        let listed = report.object?["emerging"]?.array ?? []
        XCTAssertFalse(listed.isEmpty)
        for e in listed {
            guard let o = e.object, let id = o["conceptID"]?.string, let s = o["status"]?.string else { continue }
            XCTAssertEqual(s, emerging[id], "report vs emerging: \(id)")
        }
        let region = "Capital Region"
        let er = try statuses(["emerging", "--all", "--limit", "100000", "--taxonomy-only", "--region", region], key: "status")
        let gr = try statuses(["gaps", "--limit", "100000", "--region", region], key: "demand_status")
        for (id, s) in gr where er[id] != nil { XCTAssertEqual(s, er[id], "region \(region): \(id)") }
    }

    /// Exit code 3: the run finished but an input gave no usable record, or files were skipped; each is named.
    func testPartialRunsExitThreeAndNameTheInputs() throws {
        let bad = tmp.appendingPathComponent("bad.jsonl")
        try Data("{not json\n".utf8).write(to: bad)
        let mixed = try CLI.run(["analyze", bad.path, "Corpora/sample/postings.jsonl", "--db",
                                 tmp.appendingPathComponent("m.sqlite").path, "--quiet"])
        XCTAssertEqual(mixed.status, 3, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("warning: \(bad.path)"), mixed.stderr)
        XCTAssertTrue(mixed.stdout.contains("top skills"), "the run's results are still printed")
        let dir = tmp.appendingPathComponent("inputs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("Corpora/sample/postings.jsonl").path,
                                         toPath: dir.appendingPathComponent("p.jsonl").path)
        try Data("notes".utf8).write(to: dir.appendingPathComponent("notes.bin"))
        let skipped = try CLI.run(["analyze", dir.path, "--db", tmp.appendingPathComponent("d.sqlite").path, "--quiet"])
        XCTAssertEqual(skipped.status, 3, skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("notes.bin"), skipped.stderr)
        // A CSV read with the wrong delimiter: every record quarantined, and the hint names the right one.
        let csv = tmp.appendingPathComponent("semi.csv")
        try Data("id;title;text;date\n1;Data Engineer;Python and SQL;2023-01-05\n2;Dev;Go and Kubernetes;2023-02-01\n".utf8)
            .write(to: csv)
        let semi = try CLI.run(["analyze", csv.path, "--db", tmp.appendingPathComponent("c.sqlite").path, "--quiet"])
        XCTAssertEqual(semi.status, 1, semi.stderr)
        XCTAssertTrue(semi.stderr.contains("try --delimiter ';'"), semi.stderr)
        let fixed = try CLI.run(["analyze", csv.path, "--delimiter", ";", "--db", tmp.appendingPathComponent("c2.sqlite").path,
                                 "--quiet"])
        XCTAssertEqual(fixed.status, 0, fixed.stderr)
        // gaps --supply with one unusable programme file among good ones: the gaps still print, then exit 3.
        let badSupply = tmp.appendingPathComponent("bad-supply.jsonl")
        try Data("{not json\n".utf8).write(to: badSupply)
        let gaps = try CLI.run(["gaps", "--db", tmp.appendingPathComponent("d.sqlite").path, "--supply", badSupply.path,
                                "Corpora/sample/programmes.csv", "--limit", "3"])
        XCTAssertEqual(gaps.status, 3, gaps.stderr)
        XCTAssertTrue(gaps.stdout.contains("gap_index"), gaps.stdout)
        XCTAssertTrue(gaps.stderr.contains("warning: \(badSupply.path)"), gaps.stderr)
        // An empty answer says why and what to try.
        let none = try CLI.run(["emerging", "--db", tmp.appendingPathComponent("d.sqlite").path, "--min-support", "100000"])
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.contains("# no rows: no skill rose or fell significantly"), none.stdout)
        // Usage errors are 1 too, with the message.
        let usage = try CLI.run(["trends", "--db", "x.sqlite", "--granularity", "week"])
        XCTAssertEqual(usage.status, 1)
        XCTAssertTrue(usage.stderr.contains("granularity"), usage.stderr)
    }

    /// Lookups in any case, by alias, with "did you mean": skills by a text postings used for them (`ML`), programmes
    /// by title.
    func testLookupsBySkillAliasAndProgrammeTitle() throws {
        let db = try analyzeSample()
        let alias = try CLI.run(["postings", "--db", db, "--skill", "ml", "--limit", "1", "--format", "json"])
        XCTAssertEqual(alias.status, 0, alias.stderr)
        XCTAssertEqual(try StrictJSON.parse(alias.stdout).array?.count, 1)
        let byTitle = try CLI.run(["gaps", "--db", db, "--programme", "database design and sql", "--format", "json"])
        XCTAssertEqual(byTitle.status, 0, byTitle.stderr)
        XCTAssertTrue(byTitle.stdout.contains("\"programme\": \"database design and sql\""), byTitle.stdout.prefix(400).description)
        let typo = try CLI.run(["gaps", "--db", db, "--programme", "Databse Design and SQL"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("did you mean 'Database Design and SQL'"), typo.stderr)
    }

    /// Help texts fit the 80-column wrap: no prose line is wider, and no sentence of an overview or discussion is broken
    /// into a short line followed by its continuation (a missing line continuation in the source).
    func testHelpTextsReadAtEightyColumns() throws {
        let root = try CLI.run(["--help"])
        XCTAssertEqual(root.status, 0)
        var commands: [[String]] = [[]]
        for group in ["taxonomy", "occupations", "places"] {
            let r = try CLI.run([group, "--help"])
            let subs = r.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
                .compactMap { $0.hasPrefix("  ") ? $0.split(separator: " ").first.map(String.init) : nil } ?? []
            XCTAssertFalse(subs.isEmpty, group)
            commands += subs.map { [group, $0] }
        }
        let top = root.stdout.components(separatedBy: "SUBCOMMANDS:").last?.split(separator: "\n")
            .compactMap { $0.hasPrefix("  ") ? $0.split(separator: " ").first.map(String.init) : nil } ?? []
        XCTAssertGreaterThan(top.count, 15)
        commands += top.filter { !["taxonomy", "occupations", "places", "help"].contains($0) }.map { [$0] }
        for c in commands {
            let r = try CLI.run(c + ["--help"])
            XCTAssertEqual(r.status, 0, "\(c)")
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // The overview and discussion (before USAGE; indented example commands aside) are prose we write.
            let prose = lines.prefix { !$0.hasPrefix("USAGE:") }
            for l in prose where !l.hasPrefix(" ") { XCTAssertLessThanOrEqual(l.count, 80, "\(c): \(l)") }
            for (a, b) in zip(prose, prose.dropFirst()) where !a.hasPrefix(" ") && !b.hasPrefix(" ") && !a.isEmpty {
                let broken = a.count < 50 && !(a.last.map { ".:;!?)".contains($0) } ?? true)
                    && (b.first.map { $0.isLowercase || $0 == "(" } ?? false)
                XCTAssertFalse(broken, "\(c): a sentence broken after '\(a)'")
            }
        }
    }

    /// Empty inputs of every supported format, plain and gzip (a zero-byte file and a gzip stream of nothing): no
    /// crash, the file named with the reason, exit 1 (no input gave a usable record).
    func testEmptyInputsOfEveryFormatAndCompression() throws {
        let emptyGzip = Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00,
                              0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
        for (suffix, bytes) in [("", Data()), (".gz", Data()), (".gz", emptyGzip)] {
            var files: [URL] = []
            for ext in ["jsonl", "csv", "tsv", "html", "htm", "xml", "rss", "atom"] {
                files.append(tmp.appendingPathComponent("empty-\(bytes.count).\(ext)\(suffix)"))
                try bytes.write(to: files[files.count - 1])
            }
            let r = try CLI.run(["analyze"] + files.map(\.path) + ["--db", tmp.appendingPathComponent("e.sqlite").path, "--quiet"])
            XCTAssertEqual(r.status, 1, r.stderr)
            for f in files { XCTAssertTrue(r.stderr.contains("warning: \(f.path): "), "\(f.lastPathComponent): \(r.stderr)") }
            XCTAssertTrue(r.stderr.contains("no input gave a usable record"), r.stderr)
        }
    }

    /// The other commands with `--format json`: occupation coding, place normalisation, audit scoring and re-checking,
    /// and the drill-downs of `discover` and `emerging --occupations`.
    func testJSONOfTheOtherCommandsParsesStrictly() throws {
        let db = try analyzeSample()
        let sheet = try XCTUnwrap(try FileManager.default.contentsOfDirectory(
            atPath: CLI.root.appendingPathComponent("Tests/fixtures/audit").path).sorted().first { $0.hasSuffix(".tsv") })
        let sheetPath = "Tests/fixtures/audit/" + sheet
        let runs: [[String]] = [
            ["occupations", "code", "Python Developer", "Java-Entwickler (m/w/d)"],
            ["places", "normalize", "San Francisco, CA", "Remote | Berlin", "北京市朝阳区"],
            ["audit", "--score", sheetPath],
            ["emerging", "--db", db, "--occupations", "--all", "--limit", "1"],
        ]
        for args in runs {
            let r = try CLI.run(args + ["--format", "json"])
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertNotNil(try StrictJSON.parse(r.stdout).array, "\(args)")
        }
        // Drill-downs, keyed by what the tables print.
        let clusters = try StrictJSON.parse(try CLI.run(["emerging", "--db", db, "--occupations", "--all", "--format", "json"]).stdout)
        if let key = clusters.array?.first?.object?["cluster"]?.string {
            let r = try CLI.run(["emerging", "--db", db, "--occupations", "--explain", key, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertNotNil(try StrictJSON.parse(r.stdout).array)
        }
        let terms = try StrictJSON.parse(try CLI.run(["discover", "--db", db, "--all", "--format", "json"]).stdout)
        if let term = terms.array?.first?.object?["term"]?.string {
            let r = try CLI.run(["discover", "--db", db, "--explain", term, "--format", "json"])
            XCTAssertTrue(r.status == 0 || r.stderr.contains("no ICT posting contains"), r.stderr)
            if r.status == 0 { XCTAssertNotNil(try StrictJSON.parse(r.stdout).array) }
        }
    }

    /// Every usage and input error the CLI raises itself: exit 1 and a message that says what to do.
    func testEveryUsageErrorExitsOneWithItsMessage() throws {
        let db = tmp.appendingPathComponent("none.sqlite").path
        let cases: [([String], String)] = [
            (["audit"], "give --db DB to draw a sheet"),
            (["audit", "--db", db, "--score", "x.tsv"], "exclude each other"),
            (["audit", "--db", db, "--top", "0"], "must be positive"),
            (["audit", "--db", db, "--corpus", "jobs"], "--corpus must be demand or supply"),
            (["audit", "--score", tmp.appendingPathComponent("missing.tsv").path], "cannot read"),
            (["sample", "--corpus", tmp.path], "not found; run from the skillradar checkout"),
            (["occupations", "code", "--scheme", "isco", "x"], "--scheme must be esco, onet or all"),
            (["occupations", "code", "--limit", "0", "x"], "--limit must be at least 1"),
            (["occupations", "roles"], "give header lines, or --evaluate"),
            (["taxonomy", "import", "--out", tmp.path], "give at least one source"),
            (["taxonomy", "import", "--onet", "x", "--collection", "digital", "--out", tmp.path], "--collection applies to --esco only"),
            (["emerging", "--db", db, "--fdr", "1.5"], "--fdr must be between 0 and 1"),
            (["emerging", "--db", db, "--min-support", "0"], "--min-support must be at least 1"),
            (["emerging", "--db", db, "--min-employers", "0"], "--min-employers must be at least 1"),
            (["emerging", "--db", db, "--min-confidence", "2"], "--min-confidence must be in 0...1"),
            (["emerging", "--db", db, "--explain", "x"], "--explain needs --occupations"),
            (["emerging", "--db", db, "--recent", "2020-13"], "--recent must look like"),
            (["gaps", "--db", db, "--programme", "a", "--occupation", "b"], "give --programme or --occupation, not both"),
            (["gaps", "--db", db, "--rank", "best"], "rank"),
            (["gaps", "--db", db, "--window", "last year"], "--window must look like"),
            (["extract", "--min-confidence", "3"], "--min-confidence must lie in [0, 1]"),
            (["extract", "--no-rules", "--rules", "r.tsv"], "--rules and --no-rules exclude each other"),
            (["evaluate", "--split", "all"], "--split must be train, dev or test"),
            (["evaluate", "--domain", "law"], "--domain must be tech, house or all"),
            (["places", "evaluate", "--gold", tmp.appendingPathComponent("missing.tsv").path], "cannot read"),
            (["discover", "--db", db, "--max-n", "9"], "--max-n must be 1...4"),
            (["discover", "--db", db, "--min-skills=-1"], "--min-skills must be >= 0"),
            (["analyze"], "Missing expected argument '<inputs> ...'"),
            (["analyze", "x.jsonl", "--db", db, "--input-format", "pdf"], "--input-format must be one of"),
            (["analyze", "x.jsonl", "--db", db, "--near-dup-threshold", "0"], "--near-dup-threshold must be in (0, 1]"),
            (["analyze", "x.jsonl", "--db", db, "--repost-window-days", "90"], "--distinct-after-days (60) must be at least"),
            (["analyze", "x.jsonl", "--db", db, "--max-record-bytes", "10"], "--max-record-bytes must be at least 1024"),
            (["analyze", "x.jsonl", "--db", db, "--map", "salary=pay"], "salary"),
            (["analyze", "x.jsonl", "--db", db, "--occupations", "--occupation-languages", "xx"], "unknown --occupation-languages xx"),
            (["count", "--labels", "l.txt", "--corpus", "c.txt", "--threads", "0"], "--threads must be at least 1"),
            (["trends", "--db", db], "skillradar analyze"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): expected '\(message)' in \(r.stderr)")
        }
    }
}
