import XCTest
@testable import SkillIngest

final class DateNormalizerTests: XCTestCase {
    func testAcceptedForms() {
        let cases: [(String, String)] = [
            ("2021-03-04", "2021-03-04"),
            ("2021-03-04T10:00:00Z", "2021-03-04"),
            ("2021-03-04T23:59:59+05:00", "2021-03-04"),
            ("2021-03-04 10:00", "2021-03-04"),
            ("2021/03/04", "2021-03-04"),
            ("04.03.2021", "2021-03-04"),
            ("2021-03", "2021-03-01"),
            ("Mon, 04 Mar 2021 10:00:00 +0000", "2021-03-04"),
            ("4 March 2021", "2021-03-04"),
            ("  2021-03-04  ", "2021-03-04"),
            ("2020-02-29", "2020-02-29"), // leap year
            ("2000-02-29", "2000-02-29"), // divisible by 400
            ("2021-12-31", "2021-12-31"),
            ("1900-01-01", "1900-01-01"),
            ("2100-12-31", "2100-12-31"),
        ]
        for (raw, expected) in cases {
            XCTAssertEqual(DateNormalizer.normalize(raw), expected, raw)
        }
    }

    func testRejectedForms() {
        let cases = [
            "2023-13-45", "2021-02-30", "2021-02-29", "1900-02-29", "2021-00-10", "2021-04-31", "2021-01-00",
            "2021-13", "2021-00", "31.04.2021", "2021-03-04X", "2021-3-4", "2021/03-04", "", "   ",
            "yesterday", "abcd-ef-gh", "1899-12-31", "2101-01-01", "Tue, 30 Feb 2021 10:00:00 +0000",
            "Mon, 04 Foo 2021", "04.03.21",
        ]
        for raw in cases {
            XCTAssertNil(DateNormalizer.normalize(raw), "'\(raw)' must be rejected")
        }
    }

    func testInvalidDatesAreQuarantinedWithTheDateInTheReason() throws {
        let dir = try TempDir()
        let path = try dir.write("dates.jsonl", """
            {"title":"a","date":"2023-13-45"}
            {"title":"b","date":"2021-02-30"}
            {"title":"c","date":"2021-02-28"}
            {"title":"d"}
            """)
        let r = try readInput(path, .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.quarantined.map(\.line), [1, 2])
        XCTAssertTrue(r.quarantined[0].reason.contains("2023-13-45"), r.quarantined[0].reason)
        XCTAssertTrue(r.quarantined[1].reason.contains("2021-02-30"), r.quarantined[1].reason)
        XCTAssertTrue(r.quarantined.allSatisfy { $0.reason.contains("date") })
        XCTAssertEqual(r.records.map(\.date), ["2021-02-28", nil])
    }
}
