import Foundation
import XCTest
@testable import SkillIngest

/// CSV and TSV inputs: RFC 4180 quoting, BOM, CRLF, field counts, unbalanced quotes.
final class CSVInputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir = nil }

    func testMixedCSVRecordsAndQuarantine() throws {
        let r = try readInput(try dir.write("mixed.csv", HostileCorpus.csvFile()), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(Set(r.records.map(\.line)), HostileCorpus.csvRecordLines)
        XCTAssertEqual(Set(r.quarantined.map(\.line)), HostileCorpus.csvQuarantinedLines)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, ["c1", "c2", "7", "c9"])

        func reason(_ line: Int) -> String { r.quarantined.first { $0.line == line }?.reason ?? "nil" }
        XCTAssertEqual(reason(6), "expected 5 fields as in the header, found 2")
        XCTAssertEqual(reason(7), "invalid date '2021-02-30'")
        XCTAssertTrue(reason(9).hasPrefix("no title or text"), reason(9))
        XCTAssertEqual(reason(10), "invalid UTF-8")
        XCTAssertEqual(reason(12), "expected 5 fields as in the header, found 6")
    }

    func testBOMIsSkippedAndHeaderIsCaseInsensitive() throws {
        // The header starts with a BOM and says "Title": the id and title columns must still be found.
        let r = try readInput(try dir.write("mixed.csv", HostileCorpus.csvFile()), .csv)
        let c1 = try XCTUnwrap(r.record(id: "c1"))
        XCTAssertEqual(c1.title, "Backend dev")
        XCTAssertEqual(c1.line, 2)
        XCTAssertEqual(c1.offset, 3 + "id,Title,description,date,region\r\n".utf8.count)
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let r = try readInput(try dir.write("mixed.csv", HostileCorpus.csvFile()), .csv)
        let c1 = try XCTUnwrap(r.record(id: "c1"))
        XCTAssertEqual(c1.text, "Go, Kubernetes and \"cloud\" work")
        XCTAssertEqual(c1.date, "2021-03-04")
        XCTAssertEqual(c1.region, "Berlin")
        let c2 = try XCTUnwrap(r.record(id: "c2"))
        XCTAssertEqual(c2.text, "line one\r\nline two\nline three")
        XCTAssertEqual(c2.line, 3)
        XCTAssertEqual(c2.date, "2021-03-04")
        // CRLF does not leak into the last field.
        XCTAssertEqual(c2.region, "Paris")
        let seven = try XCTUnwrap(r.record(id: "7"))
        XCTAssertEqual(seven.date, "2021-03-04")
        XCTAssertEqual(seven.region, "Wien")
        let c9 = try XCTUnwrap(r.record(id: "c9"))
        XCTAssertEqual(c9.date, "2021-03-04")
        XCTAssertEqual(c9.region, "Madrid")
        XCTAssertEqual(c9.line, 13)
    }

    func testCRLFAndLFGiveTheSameRecords() throws {
        let lf = "id,title,text\nx1,One,first\nx2,Two,second\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try readInput(try dir.write("lf.csv", lf), .csv)
        let b = try readInput(try dir.write("crlf.csv", crlf), .csv)
        XCTAssertEqual(a.records.map(\.title), ["One", "Two"])
        XCTAssertEqual(a.records.map(\.text), b.records.map(\.text))
        XCTAssertEqual(b.records.map(\.text), ["first", "second"])
        XCTAssertEqual(b.records.map(\.line), [2, 3])
    }

    func testQuoteInsideUnquotedFieldIsKeptAsText() throws {
        let r = try readInput(try dir.write("q.csv", "id,title,text\nq1,5\" monitor,uses \"Excel\"\nq2,Next,ok\n"), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.title), ["5\" monitor", "Next"])
        XCTAssertEqual(r.records.first?.text, "uses \"Excel\"")
    }

    func testQuoteOpenAtEndOfInputIsQuarantined() throws {
        let r = try readInput(try dir.write("open.csv", "id,title,text\nu1,First,ok\nu2,\"Never closed,text\n"), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, ["u1"])
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertEqual(r.quarantined.first?.line, 3)
        XCTAssertEqual(r.quarantined.first?.reason, "quoted field opened in this record is not closed before end of input")
        XCTAssertTrue(r.quarantined.first?.excerpt.contains("Never closed") ?? false)
    }

    /// An unbalanced quote in the middle of a file: the broken record is quarantined, and the records after it
    /// must still be read (a single stray quote must not swallow the rest of the input).
    func testUnbalancedQuoteMidFileKeepsFollowingRecords() throws {
        var text = "id,title,text\nu1,First,ok\nu2,\"Broken quote,oops\n"
        for i in 3...12 { text += "u\(i),Title \(i),fine\n" }
        let r = try readInput(try dir.write("unbalanced.csv", text), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.quarantined.first?.line, 3)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, ["u1"] + (3...12).map { "u\($0)" },
                       "records after the unbalanced quote on line 3 are lost: \(r.quarantined)")
    }

    /// The excerpt of a record whose quoted field never closes drops the delimiter (and quote) before that field:
    /// `u2,"Never closed` is shown as `u2Never closed` (CSVReader.forEach, end-of-input branch joins `fields`
    /// and the open `field` with no separator).
    func testUnclosedQuoteExcerptKeepsTheDelimiter() throws {
        let r = try readInput(try dir.write("open.csv", "id,title,text\nu2,\"Never closed,text\n"), .csv)
        let excerpt = r.quarantined.first?.excerpt ?? ""
        XCTAssertTrue(excerpt.hasPrefix("u2,"), "excerpt: \(excerpt)")
    }

    func testTSV() throws {
        let r = try readInput(try dir.write("jobs.tsv", HostileCorpus.tsvFile()), .tsv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.count, 2)
        XCTAssertEqual(r.records.first?.text, "uses, commas and \"quotes\" inside")
        XCTAssertEqual(r.records.first?.date, "2021-03-04")
        XCTAssertEqual(r.records.last?.text, "quoted\ttab")
        XCTAssertEqual(r.records.last?.date, "2021-03-01")
        XCTAssertEqual(r.quarantined.map(\.line), [4])
        XCTAssertEqual(r.quarantined.first?.reason, "expected 4 fields as in the header, found 2")
    }

    func testCSVReadAsTSVIsOneColumnAndQuarantinedForMissingText() throws {
        // A CSV given the wrong delimiter has one (unknown) column: no title or text in any row.
        let r = try readInput(try dir.write("wrong.tsv", "id,title,text\nx,Job,text\n"), .tsv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.count, 0)
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertTrue(r.quarantined.first?.reason.hasPrefix("no title or text") ?? false)
    }

    func testBlankLinesBetweenRecordsAreNotRecords() throws {
        let r = try readInput(try dir.write("blank.csv", "id,title,text\n\nb1,One,x\n\r\n\nb2,Two,y\n\n"), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.title), ["One", "Two"])
        XCTAssertEqual(r.records.map(\.line), [3, 6])
        XCTAssertTrue(r.quarantined.isEmpty)
    }
}
