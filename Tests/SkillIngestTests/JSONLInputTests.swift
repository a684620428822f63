import Foundation
import XCTest
@testable import SkillIngest
import SkillIO

/// The mixed JSONL file of the hostile set, line by line.
final class JSONLInputTests: XCTestCase {
    var dir: TempDir!
    var result: ReadResult!

    override func setUpWithError() throws {
        dir = try TempDir()
        result = try readInput(try dir.write("mixed.jsonl", HostileCorpus.jsonlFile()), .jsonl)
    }

    override func tearDown() {
        dir = nil
        result = nil
    }

    func testRecordsAndQuarantinedLinesAreExactlyTheExpectedOnes() {
        assertAccounting(result, lineFormat: true)
        XCTAssertEqual(Set(result.records.map(\.line)), HostileCorpus.jsonlRecordLines)
        XCTAssertEqual(Set(result.quarantined.map(\.line)), HostileCorpus.jsonlQuarantinedLines)
        // Blank lines 6 and 7 are neither records nor quarantined.
        XCTAssertFalse(result.events.contains { event in
            switch event {
            case .record(let r): return r.line == 6 || r.line == 7
            case .quarantined(let q): return q.line == 6 || q.line == 7
            }
        })
        // Events come in file order.
        let order = result.events.map { event -> Int in
            switch event {
            case .record(let r): return r.line
            case .quarantined(let q): return q.line
            }
        }
        XCTAssertEqual(order, order.sorted())
    }

    func reason(_ line: Int) -> String? { result.quarantined.first { $0.line == line }?.reason }

    func testQuarantineReasons() {
        XCTAssertEqual(reason(2), "invalid UTF-8")
        XCTAssertEqual(reason(3), "not valid JSON")
        XCTAssertEqual(reason(4), "not valid JSON")
        XCTAssertEqual(reason(5), "JSON value is not an object")
        XCTAssertTrue(reason(8)?.hasPrefix("no title or text") ?? false, "\(reason(8) ?? "nil")")
        XCTAssertTrue(reason(8)?.contains("--map text=KEY") ?? false)
        XCTAssertEqual(reason(9), "invalid date '2023-13-45'")
        XCTAssertEqual(reason(10), "invalid date '2021-02-30'")
        XCTAssertTrue(reason(19)?.hasPrefix("no title or text") ?? false)
        // `null` and `42` are JSON but not objects (or rejected as fragments): either way quarantined.
        for line in [16, 17] {
            XCTAssertTrue(["not valid JSON", "JSON value is not an object"].contains(reason(line) ?? ""),
                          "line \(line): \(reason(line) ?? "nil")")
        }
    }

    func testQuarantinedEntriesCarryOffsetAndExcerpt() throws {
        let lines = HostileCorpus.jsonlLines
        func offset(ofLine n: Int) -> Int { lines[0..<(n - 1)].reduce(0) { $0 + $1.count + 1 } }
        for q in result.quarantined {
            XCTAssertEqual(q.offset, offset(ofLine: q.line), "line \(q.line)")
        }
        let truncated = try XCTUnwrap(result.quarantined.first { $0.line == 3 })
        XCTAssertEqual(truncated.excerpt, #"{"id":"a3","title":"Data engineer","descr"#)
        let invalid = try XCTUnwrap(result.quarantined.first { $0.line == 2 })
        XCTAssertTrue(invalid.excerpt.hasPrefix(#"{"id":"a2","title":"Caf"#), invalid.excerpt)
        XCTAssertTrue(invalid.excerpt.contains("\u{FFFD}"), "invalid bytes shown as replacement characters")
    }

    func testFieldsOfAGoodRecord() throws {
        let r = try XCTUnwrap(result.record(id: "a1"))
        XCTAssertEqual(r.title, "Swift developer")
        XCTAssertEqual(r.text, "Build iOS apps")
        XCTAssertEqual(r.date, "2021-03-04")
        XCTAssertEqual(r.region, "Berlin")
        XCTAssertEqual(r.employer, "Acme")
        XCTAssertEqual(r.line, 1)
        XCTAssertEqual(r.offset, 0)
        XCTAssertEqual(r.matchText, "Swift developer\n\nBuild iOS apps")
    }

    func testValidDateFormsAreNormalized() {
        XCTAssertEqual(result.record(id: "a1")?.date, "2021-03-04")   // 2021-03-04T10:00:00Z
        XCTAssertEqual(result.record(id: "a12")?.date, "2021-03-04")  // 2021/03/04 (on a CRLF line)
        XCTAssertEqual(result.record(id: "a13")?.date, "2021-03-04")  // 04.03.2021
        XCTAssertEqual(result.record(id: "a14")?.date, "2021-03-01")  // 2021-03
        XCTAssertEqual(result.record(id: "a15")?.date, "2021-03-04")  // RFC 822
        XCTAssertNil(result.record(id: "12345")?.date)
    }

    func testNumbersAsIDs() {
        XCTAssertEqual(result.record(id: "12345")?.title, "Numbered")
        XCTAssertEqual(result.record(id: "12345")?.text, "numeric id")
        XCTAssertEqual(result.record(id: "7.5")?.text, "float")
    }

    func testCRLFLineEndIsNotPartOfTheRecord() throws {
        let r = try XCTUnwrap(result.record(id: "a12"))
        XCTAssertEqual(r.title, "CRLF line")
        XCTAssertEqual(r.text, "slash date")
    }

    func testLastLineWithoutNewlineIsARecord() {
        XCTAssertEqual(result.record(id: "a20")?.text, "end")
        XCTAssertEqual(result.record(id: "a20")?.line, 20)
    }

    func testTitleOnlyAndTextOnlyRecordsAreAccepted() throws {
        let path = try dir.write("partial.jsonl", """
            {"title":"Title only"}
            {"text":"Text only"}
            {"title":42,"text":{"nested":true}}
            {"title":["x"],"text":null}
            """)
        let r = try readInput(path, .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.title), ["Title only", "", "42"])
        XCTAssertEqual(r.records.map(\.text), ["", "Text only", ""])
        XCTAssertEqual(r.quarantined.map(\.line), [4])
        // Records without an id are named by the file's digest and their line.
        let prefix = "sha256:" + (try SHA256.hexOfFile(path)).prefix(16) + ":"
        XCTAssertEqual(r.records.map(\.sourceID), [prefix + "1", prefix + "2", prefix + "3"])
    }

    func testAnonymousIDsAreStablePerFileAndDistinctPerLine() throws {
        let text = """
            {"title":"Same","text":"identical"}
            {"title":"Same","text":"identical"}
            {"id":"given","title":"Has an id"}
            """
        let path = try dir.write("anon.jsonl", text)
        let first = try readInput(path, .jsonl)
        let again = try readInput(path, .jsonl)
        XCTAssertEqual(first.records.map(\.sourceID), again.records.map(\.sourceID), "rereading gives the same ids")
        XCTAssertNotEqual(first.records[0].sourceID, first.records[1].sourceID, "identical records on two lines")
        XCTAssertEqual(first.records[0].contentHash, first.records[1].contentHash)
        XCTAssertEqual(first.records[2].sourceID, "given")
        // The same content in another file gets other ids.
        let other = try readInput(try dir.write("anon-copy.jsonl", text + "\n"), .jsonl)
        XCTAssertNotEqual(other.records[0].sourceID, first.records[0].sourceID)
        // A digest passed in is used as is.
        var ids: [String?] = []
        try InputReader().read(path, format: .jsonl, fileDigest: "0123456789abcdefXYZ") { event in
            if case .record(let r) = event { ids.append(r.sourceID) }
        }
        XCTAssertEqual(ids, ["sha256:0123456789abcdef:1", "sha256:0123456789abcdef:2", "given"])
    }

    func testValuesAreTrimmedAndFirstNonEmptyCandidateWins() throws {
        let path = try dir.write("candidates.jsonl", """
            {"id":"  x1 ","title":"  ","job_title":"  Fallback title  ","description":"","text":" real text ","location":"Graz"}
            """)
        let r = try readInput(path, .jsonl)
        let rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.sourceID, "x1")
        XCTAssertEqual(rec.title, "Fallback title")
        XCTAssertEqual(rec.text, "real text")
        XCTAssertEqual(rec.region, "Graz")
        XCTAssertNil(rec.employer)
    }
}
