import SkillAnalytics
@testable import SkillReports
import XCTest

final class CSVReportTests: XCTestCase {
    func testExactQuoting() {
        let csv = CSVReport.table(header: ["a", "b"],
                                  rows: [["x,y", "he said \"hi\""], ["line\nbreak", "plain"], ["cr\r", ""]])
        XCTAssertEqual(csv, "a,b\n\"x,y\",\"he said \"\"hi\"\"\"\n\"line\nbreak\",plain\n\"cr\r\",\n")
    }

    func testTopSkillsRoundTrip() throws {
        let data = Fixtures.report
        let records = parseCSV(CSVReport.topSkills(data))
        XCTAssertEqual(records.first, ["concept_id", "label", "postings", "total_postings", "share", "employers"])
        XCTAssertEqual(records.count, data.topSkills.count + 1)
        for (record, skill) in zip(records.dropFirst(), data.topSkills) {
            XCTAssertEqual(record, [skill.conceptID, skill.label, String(skill.postings),
                                    String(skill.totalPostings), String(skill.share), String(skill.employers)])
            XCTAssertEqual(try XCTUnwrap(Double(record[4])), skill.share)
        }
        XCTAssertEqual(records[3][1], Fixtures.csvLabel, "comma, quote and newline survive")
        XCTAssertEqual(records[2][1], Fixtures.scriptLabel)
    }

    func testTrendsLongFormat() throws {
        let data = Fixtures.report
        let records = parseCSV(CSVReport.trends(data))
        XCTAssertEqual(records.first, ["concept_id", "label", "period", "postings", "total_postings", "share"])
        XCTAssertEqual(records.count, 1 + data.trends.count * Fixtures.periods.count)
        XCTAssertEqual(records[1], ["s1", "Python", "2021-Q1", "80", "200", "0.4"])
        let q3 = try XCTUnwrap(records.first { $0[0] == "s1" && $0[2] == "2021-Q3" })
        XCTAssertEqual(Double(q3[5]), 130.0 / 300.0, "full precision, not percent")
        XCTAssertTrue(records.dropFirst().allSatisfy { $0.count == 6 })
    }

    func testEmergingAndGapColumns() throws {
        let data = Fixtures.report
        let emerging = parseCSV(CSVReport.emerging(data))
        XCTAssertEqual(emerging.first, ["concept_id", "label", "recent_postings", "recent_total",
                                        "reference_postings", "reference_total", "recent_employers", "rate_ratio",
                                        "ci_low", "ci_high", "p_value", "q_value", "status", "recent_share",
                                        "reference_share"])
        let first = emerging[1]
        XCTAssertEqual(first[1], Fixtures.unicodeLabel)
        XCTAssertEqual(Double(first[11]), 1.234e-7)
        XCTAssertEqual(first[12], "emerging")
        XCTAssertEqual(Double(first[13]), data.emerging[0].recentShare)
        XCTAssertEqual(emerging[3][1], Fixtures.pipeLabel)

        let gaps = parseCSV(CSVReport.gaps(data))
        XCTAssertEqual(gaps.first, ["concept_id", "label", "demand_postings", "demand_total", "supply_programmes",
                                    "supply_total", "supply_providers", "gap_index", "demand_share", "supply_share"])
        XCTAssertEqual(gaps.count, 4)
        XCTAssertEqual(gaps[3][1], Fixtures.csvLabel)
        XCTAssertEqual(Double(gaps[1][7]), data.gaps[0].gapIndex)
        XCTAssertEqual(Double(gaps[1][8]), 0.42)
    }

    func testEmptyTablesHaveHeaderOnly() {
        let data = Fixtures.empty
        for csv in [CSVReport.topSkills(data), CSVReport.trends(data), CSVReport.emerging(data), CSVReport.gaps(data)] {
            XCTAssertEqual(parseCSV(csv).count, 1)
            XCTAssertTrue(csv.hasSuffix("\n"))
            XCTAssertFalse(csv.contains("\r"))
        }
    }
}
