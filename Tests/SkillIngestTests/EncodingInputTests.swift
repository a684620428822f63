import Foundation
import SkillIO
import XCTest
@testable import SkillIngest

/// Encodings, delimiters and input expansion for the line formats.
final class EncodingInputTests: XCTestCase {
    static let jsonl = #"{"id":"e1","title":"Développeur €","description":"Zürich “quoted”"}"# + "\n"
        + #"{"id":"e2","title":"Second","description":"ok"}"# + "\n"
    static let csv = "id,title,description\ne1,Développeur €,\"Zürich “quoted”\"\ne2,Second,ok\n"

    /// Every supported encoding (with and without byte-order marks) gives the same records.
    func testEveryEncodingGivesTheSameRecords() throws {
        let dir = try TempDir()
        for (format, text) in [(InputFormat.jsonl, Self.jsonl), (.csv, Self.csv)] {
            let expected = try readInput(try dir.write("ref.\(format.rawValue)", text), format).records
            XCTAssertEqual(expected.count, 2)
            XCTAssertEqual(expected.first?.title, "Développeur €")
            let variants: [(String, [UInt8], TextEncoding?)] = [
                ("utf8-bom", [0xEF, 0xBB, 0xBF] + Array(text.utf8), nil),
                ("utf16le-bom", [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!), nil),
                ("utf16be-bom", [0xFE, 0xFF] + Array(text.data(using: .utf16BigEndian)!), nil),
                ("cp1252", Array(text.data(using: .windowsCP1252)!), .windows1252),
                ("latin9", Array(text.replacingOccurrences(of: "“", with: "'").replacingOccurrences(of: "”", with: "'")
                    .data(using: .windowsCP1252)!).map { $0 == 0x80 ? 0xA4 : $0 }, .latin9),
            ]
            for (name, bytes, encoding) in variants {
                var m = FieldMapping()
                m.encoding = encoding
                let r = try readInput(try dir.write("\(name).\(format.rawValue)", bytes), format, mapping: m)
                assertAccounting(r, lineFormat: true)
                XCTAssertEqual(r.quarantined.count, 0, "\(format) \(name): \(r.quarantined)")
                XCTAssertEqual(r.records.map(\.title), expected.map(\.title), "\(format) \(name)")
                if name != "latin9" {
                    XCTAssertEqual(r.records.map(\.text), expected.map(\.text), "\(format) \(name)")
                }
                XCTAssertEqual(r.records.map(\.line), expected.map(\.line), "\(format) \(name)")
            }
        }
    }

    func testLatin1BytesReadAsUTF8StayPerRecordQuarantine() throws {
        let dir = try TempDir()
        let bytes = Array(#"{"id":"a","title":"Caf"#.utf8) + [0xE9] + Array("\"}\n{\"id\":\"b\",\"title\":\"ok\"}\n".utf8)
        let r = try readInput(try dir.write("l1.jsonl", bytes), .jsonl)
        XCTAssertEqual(r.records.map(\.sourceID), ["b"])
        XCTAssertEqual(r.quarantined.map(\.reason), ["invalid UTF-8"])
        var m = FieldMapping()
        try m.setEncoding("latin1")
        let fixed = try readInput(dir.path("l1.jsonl"), .jsonl, mapping: m)
        XCTAssertEqual(fixed.records.map(\.title), ["Café", "ok"])
    }

    func testCustomDelimiter() throws {
        let dir = try TempDir()
        var m = FieldMapping()
        try m.setDelimiter(";")
        let r = try readInput(try dir.write("semi.csv", "id;title;text\nx1;Dev, senior;\"a;b\"\n"), .csv, mapping: m)
        XCTAssertEqual(r.records.map(\.title), ["Dev, senior"])
        XCTAssertEqual(r.records.map(\.text), ["a;b"])
        try m.setDelimiter("tab")
        XCTAssertEqual(m.delimiter, 9)
        XCTAssertThrowsError(try m.setDelimiter("ab"))
        XCTAssertThrowsError(try m.setDelimiter("\""))
        XCTAssertThrowsError(try m.setEncoding("ebcdic"))
    }

    func testInputExpansion() throws {
        let dir = try TempDir()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir.path("data/2021"), withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir.path("data/.hidden"), withIntermediateDirectories: true)
        for f in ["data/b.jsonl.gz", "data/a.jsonl.gz", "data/2021/c.csv", "data/2021/notes.txt",
                  "data/.hidden/x.jsonl", "data/feed.xml", "single.html"] {
            try dir.write(f, "x")
        }
        let root = dir.url.path
        XCTAssertEqual(try InputExpansion.expand([root + "/data"]),
                       ["2021/c.csv", "a.jsonl.gz", "b.jsonl.gz", "feed.xml"].map { root + "/data/" + $0 })
        XCTAssertEqual(try InputExpansion.expand([root + "/data/*.jsonl.gz"]),
                       [root + "/data/a.jsonl.gz", root + "/data/b.jsonl.gz"])
        // Order of the arguments is kept; duplicates are dropped; a plain file is kept whatever its name.
        XCTAssertEqual(try InputExpansion.expand([root + "/single.html", root + "/data/2021/notes.txt",
                                                  root + "/data/b.jsonl.gz", root + "/data/*.jsonl.gz"]),
                       [root + "/single.html", root + "/data/2021/notes.txt", root + "/data/b.jsonl.gz",
                        root + "/data/a.jsonl.gz"])
        XCTAssertThrowsError(try InputExpansion.expand([root + "/nope.jsonl"]))
        XCTAssertThrowsError(try InputExpansion.expand([root + "/data/*.tsv"]))
        try fm.createDirectory(atPath: dir.path("empty"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try InputExpansion.expand([root + "/empty"]))
        // The same call twice gives the same list.
        XCTAssertEqual(try InputExpansion.expand([root]), try InputExpansion.expand([root]))
    }
}
