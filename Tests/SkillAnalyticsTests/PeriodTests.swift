import XCTest
@testable import SkillAnalytics

final class MonthWindowTests: XCTestCase {
    func testParsing() {
        let cases: [(String, String, String)] = [
            ("2017-01..2018-12", "2017-01", "2018-12"),
            ("2017..2018", "2017-01", "2018-12"),
            ("2018", "2018-01", "2018-12"),
            ("2018-05", "2018-05", "2018-05"),
            ("2017..2018-03", "2017-01", "2018-03"),
            ("2017-06..2017", "2017-06", "2017-12"),
            (" 2017-02 .. 2017-04 ", "2017-02", "2017-04"),
            ("2020-12..2020-12", "2020-12", "2020-12"),
        ]
        for (s, from, to) in cases {
            let w = MonthWindow(parsing: s)
            XCTAssertEqual(w?.from, from, s)
            XCTAssertEqual(w?.to, to, s)
        }
    }

    func testRejectedWindows() {
        for s in ["", "..", "2018..", "..2018", "2019..2018", "2018-06..2018-05", "2018-13", "2018-00", "2018-5",
                  "18", "2018/05", "2018-05-01", "2017..2018..2019", "abcd", "2018-ab", "2018 05"] {
            XCTAssertNil(MonthWindow(parsing: s), "'\(s)' must be rejected")
        }
    }

    /// Months must be two digits; `Int("+5")` accepts a sign, so "2018-+5" passes as a month and yields a
    /// window whose string comparisons are meaningless.
    func testSignedMonthOrYearIsRejected() {
        for s in ["2018-+5", "+018-05", "-201", "+201..2018"] {
            XCTAssertNil(MonthWindow(parsing: s), "'\(s)' must be rejected, got \(String(describing: MonthWindow(parsing: s)))")
        }
    }

    func testContainsAndDescription() {
        let w = MonthWindow(from: "2020-03", to: "2020-06")
        XCTAssertTrue(w.contains("2020-03"))
        XCTAssertTrue(w.contains("2020-06"))
        XCTAssertFalse(w.contains("2020-02"))
        XCTAssertFalse(w.contains("2020-07"))
        XCTAssertFalse(w.contains("undated"))
        XCTAssertEqual(w.description, "2020-03..2020-06")
        XCTAssertEqual(MonthWindow(parsing: "2019")?.description, "2019-01..2019-12")
    }

    func testShift() {
        XCTAssertEqual(MonthWindow.shift("2021-01", by: -1), "2020-12")
        XCTAssertEqual(MonthWindow.shift("2020-12", by: 1), "2021-01")
        XCTAssertEqual(MonthWindow.shift("2021-12", by: -11), "2021-01")
        XCTAssertEqual(MonthWindow.shift("2021-01", by: -24), "2019-01")
        XCTAssertEqual(MonthWindow.shift("2021-01", by: -25), "2018-12")
        XCTAssertEqual(MonthWindow.shift("2021-06", by: 0), "2021-06")
        XCTAssertEqual(MonthWindow.shift("2021-06", by: 120), "2031-06")
        XCTAssertEqual(MonthWindow.shift("1999-12", by: 1), "2000-01")
        XCTAssertEqual(MonthWindow.shift("2000-03", by: -3), "1999-12")
        XCTAssertEqual(MonthWindow.shift("nonsense", by: 3), "nonsense")
        // Round trip.
        for d in -40...40 { XCTAssertEqual(MonthWindow.shift(MonthWindow.shift("2020-07", by: d), by: -d), "2020-07") }
    }
}

final class PeriodGranularityTests: XCTestCase {
    func testKeys() {
        XCTAssertEqual(PeriodGranularity.month.key(forISODate: "2021-03-04"), "2021-03")
        XCTAssertEqual(PeriodGranularity.quarter.key(forISODate: "2021-03-04"), "2021-Q1")
        XCTAssertEqual(PeriodGranularity.year.key(forISODate: "2021-03-04"), "2021")
        XCTAssertEqual(PeriodGranularity.month.key(forISODate: "2021-12"), "2021-12")
        XCTAssertEqual(PeriodGranularity.year.key(forISODate: "2021"), "2021")
        let quarters = (1...12).map { PeriodGranularity.quarter.key(forISODate: String(format: "2020-%02d", $0)) }
        XCTAssertEqual(quarters, ["2020-Q1", "2020-Q1", "2020-Q1", "2020-Q2", "2020-Q2", "2020-Q2",
                                  "2020-Q3", "2020-Q3", "2020-Q3", "2020-Q4", "2020-Q4", "2020-Q4"])
    }

    func testInvalidDates() {
        for g in PeriodGranularity.allCases {
            XCTAssertNil(g.key(forISODate: ""), "\(g)")
            XCTAssertNil(g.key(forISODate: "undated"), "\(g)")
            XCTAssertNil(g.key(forISODate: "21-03-04"), "\(g)")
        }
        XCTAssertNil(PeriodGranularity.month.key(forISODate: "2021"))
        XCTAssertNil(PeriodGranularity.quarter.key(forISODate: "2021"))
        XCTAssertNil(PeriodGranularity.month.key(forISODate: "2021-13-01"))
        XCTAssertNil(PeriodGranularity.quarter.key(forISODate: "2021-00"))
        XCTAssertNil(PeriodGranularity.month.key(forISODate: "2021/03/04"))
        XCTAssertNil(PeriodGranularity.month.key(forISODate: "2021-+3"))
        XCTAssertEqual(PeriodGranularity.year.key(forISODate: "2021/03/04"), "2021")
    }

    func testRawValues() {
        XCTAssertEqual(PeriodGranularity.allCases.map(\.rawValue), ["month", "quarter", "year"])
    }
}
