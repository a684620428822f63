import SkillAnalytics
@testable import SkillReports
import XCTest

final class JSONReportTests: XCTestCase {
    func testRoundTrip() throws {
        for data in [Fixtures.report, Fixtures.empty, Fixtures.singlePeriod] {
            let json = try JSONReport.render(data)
            XCTAssertEqual(try JSONReport.decode(json), data)
            XCTAssertEqual(try JSONDecoder().decode(ReportData.self, from: Data(json.utf8)), data)
        }
    }

    func testSortedPrettyAndDeterministic() throws {
        let json = try JSONReport.render(Fixtures.report)
        XCTAssertEqual(json, try JSONReport.render(Fixtures.report))
        XCTAssertTrue(json.hasPrefix("{\n"))
        XCTAssertTrue(json.hasSuffix("}\n"))
        let keys = ["\"emerging\"", "\"gaps\"", "\"granularity\"", "\"periods\"", "\"provenance\"",
                    "\"recentWindow\"", "\"referenceWindow\"", "\"summary\"", "\"title\"", "\"topSkills\"",
                    "\"trends\""]
        let positions = try keys.map { try XCTUnwrap(json.range(of: "\n  \($0)")).lowerBound }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testNonFiniteNumbers() throws {
        var data = Fixtures.report
        data.emerging[2].ciHigh = .infinity
        let json = try JSONReport.render(data)
        XCTAssertTrue(json.contains("\"Infinity\""))
        XCTAssertEqual(try JSONReport.decode(json), data)
    }
}
