import Foundation
import XCTest
@testable import SkillIngest

/// The shared set of hostile inputs, generated into a temporary directory (nothing is downloaded).
///
/// Each case knows how many records and quarantined entries a correct reader must deliver.
struct HostileCase {
    var name: String
    var path: String
    var format: InputFormat
    var expectedRecords: Int
    var expectedQuarantined: Int
    var maxRecordBytes: Int = 8 << 20
    /// False when only the total (records + quarantined) is known in advance.
    var exact = true
    /// False when the counts depend on the generated content (junk, truncated streams): only the accounting
    /// and `requiredReason` are checked.
    var countsKnown = true
    /// A text some quarantined entry's reason must contain.
    var requiredReason: String?
    var mapping = FieldMapping()
    var lineFormat: Bool { format != .html }
}

enum HostileCorpus {
    // MARK: JSONL

    /// One JSONL file mixing good records with every kind of broken line. Line numbers are fixed (see
    /// `jsonlExpectations`).
    static let jsonlLines: [[UInt8]] = [
        /* 1 */ #"{"id":"a1","title":"Swift developer","description":"Build iOS apps","date":"2021-03-04T10:00:00Z","region":"Berlin","company":"Acme"}"#.bytes,
        /* 2 */ #"{"id":"a2","title":"Caf"#.bytes + [0xC3, 0x28] + #"","description":"bad bytes"}"#.bytes,
        /* 3 */ #"{"id":"a3","title":"Data engineer","descr"#.bytes,
        /* 4 */ "this is not json at all".bytes,
        /* 5 */ #"["an","array","instead","of","an","object"]"#.bytes,
        /* 6 */ [],
        /* 7 */ "   \t  ".bytes,
        /* 8 */ #"{"id":"a8","region":"Paris","company":"NoText GmbH"}"#.bytes,
        /* 9 */ #"{"id":"a9","title":"Bad month","description":"x","date":"2023-13-45"}"#.bytes,
        /* 10 */ #"{"id":"a10","title":"Bad day","description":"x","date":"2021-02-30"}"#.bytes,
        /* 11 */ #"{"id":12345,"title":"Numbered","text":"numeric id"}"#.bytes,
        /* 12 */ #"{"id":"a12","title":"CRLF line","description":"slash date","date":"2021/03/04"}"#.bytes + [0x0D],
        /* 13 */ #"{"id":"a13","title":"Dotted","description":"dotted date","date":"04.03.2021"}"#.bytes,
        /* 14 */ #"{"id":"a14","title":"Month only","description":"month date","date":"2021-03"}"#.bytes,
        /* 15 */ #"{"id":"a15","title":"RSS","description":"rfc date","date":"Mon, 04 Mar 2021 10:00:00 +0000"}"#.bytes,
        /* 16 */ "null".bytes,
        /* 17 */ "42".bytes,
        /* 18 */ #"{"id":7.5,"title":"Float id","body":"float"}"#.bytes,
        /* 19 */ #"{"id":"a19","title":"","description":"   "}"#.bytes,
        /* 20 */ #"{"id":"a20","title":"Last line without newline","summary":"end"}"#.bytes,
    ]
    static let jsonlRecordLines: Set<Int> = [1, 11, 12, 13, 14, 15, 18, 20]
    static let jsonlQuarantinedLines: Set<Int> = [2, 3, 4, 5, 8, 9, 10, 16, 17, 19]

    static func jsonlFile() -> [UInt8] {
        var out: [UInt8] = []
        for (i, l) in jsonlLines.enumerated() {
            out += l
            if i < jsonlLines.count - 1 { out.append(0x0A) }
        }
        return out
    }

    // MARK: CSV

    /// A CSV with a byte-order mark, CRLF line ends, quoted fields with commas, quotes and newlines, a blank
    /// line, wrong field counts, an invalid date, invalid UTF-8 and a last record without a line end.
    static func csvFile() -> [UInt8] {
        var b: [UInt8] = [0xEF, 0xBB, 0xBF]
        b += "id,Title,description,date,region\r\n".bytes                                  // line 1
        b += "c1,Backend dev,\"Go, Kubernetes and \"\"cloud\"\" work\",2021-03-04,Berlin\r\n".bytes // 2
        b += "c2,Multi line,\"line one\r\nline two\nline three\",2021/03/04,Paris\r\n".bytes   // 3-5
        b += "c3,Too few fields\r\n".bytes                                                   // 6
        b += "c4,Bad date,text,2021-02-30,Rome\r\n".bytes                                    // 7
        b += "\r\n".bytes                                                                    // 8 (blank)
        b += "c5,,,2021-03-01,Oslo\r\n".bytes                                                // 9
        b += "c6,Invalid utf8,caf".bytes + [0xC3, 0x28] + " x,2021-03-01,Oslo\r\n".bytes     // 10
        b += "7,Numeric id,text,04.03.2021,Wien\r\n".bytes                                   // 11
        b += "c8,extra,fields,2021-03,X,Y\r\n".bytes                                         // 12
        b += "c9,Last no newline,text,\"Mon, 04 Mar 2021 10:00:00 +0000\",Madrid".bytes      // 13
        return b
    }
    static let csvRecordLines: Set<Int> = [2, 3, 11, 13]
    static let csvQuarantinedLines: Set<Int> = [6, 7, 9, 10, 12]

    static func tsvFile() -> [UInt8] {
        ("id\ttitle\tdescription\tdate\n"
            + "t1\tTab job\tuses, commas and \"quotes\" inside\t2021-03-04\n"
            + "t2\tSecond\t\"quoted\ttab\"\t2021-03\n"
            + "t3\tShort row\n").bytes
    }

    // MARK: Generated bulk inputs

    /// `count` distinct JSONL records with some incompressible text, so that a gzip of them is large.
    static func bulkJSONL(count: Int, seed: UInt64 = 7) -> [UInt8] {
        var rng = SeededBytes(seed: seed)
        var out: [UInt8] = []
        for i in 0..<count {
            let noise = rng.bytes(24).map { String(format: "%02x", $0) }.joined()
            out += #"{"id":"r\#(i)","title":"Job \#(i)","description":"needs Swift \#(noise)","date":"2021-03-04"}"#.bytes
            out.append(0x0A)
        }
        return out
    }

    /// Seeded random bytes that do not start with the gzip magic number.
    static func junk(count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededBytes(seed: seed)
        var b = rng.bytes(count)
        if b.count >= 2, b[0] == 0x1F, b[1] == 0x8B { b[0] = 0x20 }
        return b
    }

    /// How many lines of `bytes` a JSONL reader must account for: lines that are not empty or blank.
    static func nonBlankLines(_ bytes: [UInt8]) -> Int {
        var n = 0
        var current: [UInt8] = []
        func close() {
            var l = current
            if l.last == 0x0D { l.removeLast() }
            if !l.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { n += 1 }
            current.removeAll(keepingCapacity: true)
        }
        for b in bytes {
            if b == 0x0A { close() } else { current.append(b) }
        }
        if !current.isEmpty { close() }
        return n
    }

    // MARK: The set

    /// Writes every hostile input into `dir` and returns them with their expectations.
    static func build(in dir: TempDir) throws -> [HostileCase] {
        var cases: [HostileCase] = []
        let jsonl = jsonlFile()
        cases.append(HostileCase(name: "mixed jsonl", path: try dir.write("mixed.jsonl", jsonl), format: .jsonl,
                                 expectedRecords: jsonlRecordLines.count,
                                 expectedQuarantined: jsonlQuarantinedLines.count))
        cases.append(HostileCase(name: "mixed jsonl gzip", path: try dir.gzip("mixed-gz.jsonl", jsonl), format: .jsonl,
                                 expectedRecords: jsonlRecordLines.count,
                                 expectedQuarantined: jsonlQuarantinedLines.count))
        let csv = csvFile()
        cases.append(HostileCase(name: "mixed csv", path: try dir.write("mixed.csv", csv), format: .csv,
                                 expectedRecords: csvRecordLines.count, expectedQuarantined: csvQuarantinedLines.count))
        cases.append(HostileCase(name: "mixed csv gzip", path: try dir.gzip("mixed-gz.csv", csv), format: .csv,
                                 expectedRecords: csvRecordLines.count, expectedQuarantined: csvQuarantinedLines.count))
        cases.append(HostileCase(name: "tsv", path: try dir.write("jobs.tsv", tsvFile()), format: .tsv,
                                 expectedRecords: 2, expectedQuarantined: 1))
        for format in [InputFormat.jsonl, .csv, .tsv] {
            cases.append(HostileCase(name: "empty \(format)", path: try dir.write("empty.\(format.rawValue)", []),
                                     format: format, expectedRecords: 0, expectedQuarantined: 0))
        }
        cases.append(HostileCase(name: "blank lines only", path: try dir.write("blank.jsonl", "\n\n  \n\t\r\n\n".bytes),
                                 format: .jsonl, expectedRecords: 0, expectedQuarantined: 0))
        cases.append(HostileCase(name: "csv header only", path: try dir.write("header.csv", "id,title,text\r\n".bytes),
                                 format: .csv, expectedRecords: 0, expectedQuarantined: 0))
        let junk = junk(count: 256 << 10, seed: 42)
        cases.append(HostileCase(name: "binary junk", path: try dir.write("junk.jsonl", junk), format: .jsonl,
                                 expectedRecords: 0, expectedQuarantined: nonBlankLines(junk)))
        let big = "{\"id\":\"before\",\"title\":\"Before\"}\n{\"id\":\"big\",\"title\":\"".bytes
            + [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
            + "\"}\n{\"id\":\"after\",\"title\":\"After\"}\n".bytes
        cases.append(HostileCase(name: "20 MB line", path: try dir.write("big.jsonl", big), format: .jsonl,
                                 expectedRecords: 2, expectedQuarantined: 1, maxRecordBytes: 1 << 20))
        let unbalancedAtEnd = "id,title,text\nu1,First,ok\nu2,\"Never closed,text\n".bytes
        cases.append(HostileCase(name: "csv quote open at end", path: try dir.write("open-quote.csv", unbalancedAtEnd),
                                 format: .csv, expectedRecords: 1, expectedQuarantined: 1))
        cases.append(HostileCase(name: "html empty", path: try dir.write("empty.html", []), format: .html,
                                 expectedRecords: 0, expectedQuarantined: 1))
        cases.append(HostileCase(name: "html junk", path: try dir.write("junk.html", junk), format: .html,
                                 expectedRecords: 1, expectedQuarantined: 0, exact: false))
        try formatCases(in: dir, junk: junk, into: &cases)
        return cases
    }

    /// Writes `head`, `count` copies of `fill`, then `tail` to `name` without holding the whole file.
    static func writeLarge(_ dir: TempDir, _ name: String, head: [UInt8], fill: UInt8, count: Int,
                           tail: [UInt8]) throws -> String {
        let p = dir.path(name)
        FileManager.default.createFile(atPath: p, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: p))
        defer { try? h.close() }
        try h.write(contentsOf: head)
        let block = Data(repeating: fill, count: 1 << 20)
        var left = count
        while left > 0 {
            let n = min(left, block.count)
            try h.write(contentsOf: n == block.count ? block : block.prefix(n))
            left -= n
        }
        try h.write(contentsOf: tail)
        return p
    }

    /// The cases added for XML, encodings and truncated streams of every format.
    static func formatCases(in dir: TempDir, junk: [UInt8], into cases: inout [HostileCase]) throws {
        // Empty files and binary junk for every format.
        cases.append(HostileCase(name: "empty xml", path: try dir.write("empty.xml", []), format: .xml,
                                 expectedRecords: 0, expectedQuarantined: 1, requiredReason: "no XML root element"))
        cases.append(HostileCase(name: "xml junk", path: try dir.write("junk.xml", junk), format: .xml,
                                 expectedRecords: 0, expectedQuarantined: 1))
        cases.append(HostileCase(name: "csv junk", path: try dir.write("junk.csv", junk), format: .csv,
                                 expectedRecords: 0, expectedQuarantined: 0, countsKnown: false))
        cases.append(HostileCase(name: "tsv junk", path: try dir.write("junk.tsv", junk), format: .tsv,
                                 expectedRecords: 0, expectedQuarantined: 0, countsKnown: false))
        // Entity attacks: refused before libxml2 sees the internal subset.
        for (i, attack) in XMLInputTests.attacks.enumerated() where attack.name != "external DTD" {
            cases.append(HostileCase(name: "xml \(attack.name)", path: try dir.write("attack\(i).xml", attack.xml),
                                     format: .xml, expectedRecords: 0, expectedQuarantined: 1,
                                     requiredReason: "internal subset"))
        }
        // 100 MB single lines: a per-record limit with a clear reason, memory bounded by the limit.
        let hundred = 100 << 20
        cases.append(HostileCase(
            name: "100 MB jsonl line",
            path: try writeLarge(dir, "line100.jsonl", head: "{\"id\":\"a\",\"title\":\"A\"}\n{\"title\":\"".bytes,
                                 fill: UInt8(ascii: "x"), count: hundred,
                                 tail: "\"}\n{\"id\":\"c\",\"title\":\"C\"}\n".bytes),
            format: .jsonl, expectedRecords: 2, expectedQuarantined: 1, maxRecordBytes: 1 << 20,
            requiredReason: "over the 1048576-byte limit"))
        cases.append(HostileCase(
            name: "30 MB csv field", // the byte-at-a-time CSV state machine is slow in debug builds
            path: try writeLarge(dir, "line30.csv", head: "id,title\na,A\nb,\"".bytes, fill: UInt8(ascii: "x"),
                                 count: 30 << 20, tail: "\"\nc,C\n".bytes),
            format: .csv, expectedRecords: 2, expectedQuarantined: 1, maxRecordBytes: 1 << 20,
            requiredReason: "record longer than 1048576 bytes"))
        cases.append(HostileCase(
            name: "100 MB xml text line",
            path: try writeLarge(dir, "line100.xml", head: "<rss><channel><item><title>A</title></item>\n<item><title>".bytes,
                                 fill: UInt8(ascii: "x"), count: hundred,
                                 tail: "</title></item>\n<item><title>C</title></item></channel></rss>\n".bytes),
            format: .xml, expectedRecords: 1, expectedQuarantined: 1, maxRecordBytes: 1 << 20,
            requiredReason: "malformed XML"))
        // Truncated gzip for every format: what could be read, then one "input ends early" entry.
        var rss = "<rss><channel>\n"
        var csv = "id,title,text\n"
        for i in 0..<4000 {
            rss += "<item><title>Job \(i)</title><description>text \(i) \(i &* 7919 % 10007)</description></item>\n"
            csv += "r\(i),Job \(i),text \(i &* 7919 % 10007)\n"
        }
        rss += "</channel></rss>\n"
        let inputs: [(String, InputFormat, [UInt8])] = [
            ("cut.jsonl", .jsonl, bulkJSONL(count: 4000)), ("cut.csv", .csv, csv.bytes),
            ("cut.tsv", .tsv, csv.replacingOccurrences(of: ",", with: "\t").bytes), ("cut.rss", .xml, rss.bytes),
            ("cut.html", .html, ("<html><body><p>" + String(repeating: "word \(UUID().uuidString) ", count: 3000)
                                 + "</p></body></html>").bytes),
        ]
        for (name, format, bytes) in inputs {
            let full = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("full-" + name, bytes)))
            let cut = try dir.write(name + ".gz", Array(full.prefix(full.count / 2)))
            cases.append(HostileCase(name: "truncated gzip \(format)", path: cut, format: format, expectedRecords: 0,
                                     expectedQuarantined: 1, countsKnown: false, requiredReason: "ends early"))
        }
        // Encodings: UTF-16 without a mark is junk to a UTF-8 reader, but each line is still accounted for.
        let u16 = Array("{\"title\":\"a\"}\n{\"title\":\"b\"}\n".data(using: .utf16LittleEndian) ?? Data())
        cases.append(HostileCase(name: "utf-16 without BOM", path: try dir.write("u16.jsonl", u16), format: .jsonl,
                                 expectedRecords: 0, expectedQuarantined: 3)) // 3rd line: the NUL after the last \\n
        var latin = FieldMapping()
        latin.encoding = .latin9
        cases.append(HostileCase(name: "latin9 with --encoding",
                                 path: try dir.write("l9.jsonl", "{\"title\":\"".bytes + [0xA4, 0xE9] + "\"}\n".bytes),
                                 format: .jsonl, expectedRecords: 1, expectedQuarantined: 0, mapping: latin))
        // The real malformed Atom feeds and the ISO-8859-15 DEFTIS catalogue, when the shared data is there.
        if let feeds = try? SharedData.path("postings/pythonjobs/atom_feed_snapshots") {
            for f in RealDataTests.atomFeeds {
                cases.append(HostileCase(name: "atom \(f.year)", path: feeds + "/atom_\(f.year).xml", format: .xml,
                                         expectedRecords: f.records, expectedQuarantined: f.broken.count,
                                         requiredReason: f.broken.isEmpty ? nil : "malformed XML"))
            }
        }
        if let deftis = try? SharedData.path(
            "training_supply/wdb_brandenburg_deftis_xml/wdb_brandenburg_courses_2022-05_cropped.xml") {
            cases.append(HostileCase(name: "DEFTIS ISO-8859-15", path: deftis, format: .xml, expectedRecords: 19,
                                     expectedQuarantined: 0))
        }
    }
}
