import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

final class GapTests: XCTestCase {
    var fixture: AnalyticsFixture!

    override func setUpWithError() throws { fixture = try AnalyticsFixture() }
    override func tearDown() { fixture = nil }

    func testGapIndexIsDemandShareMinusSupplyShare() throws {
        let gaps = try fixture.analytics.gaps()
        // Demand over all 300 postings; supply over 10 programmes.
        let expected: [(id: String, demand: Int, supply: Int, providers: Int)] = [
            ("llm", 30, 0, 0),
            ("k8s", 65, 2, 1),
            ("sql", 60, 4, 3),
            ("excel", 0, 3, 3),
            ("cobol", 80, 6, 3),
        ]
        XCTAssertEqual(gaps.map(\.conceptID), expected.map(\.id), "largest gap first")
        for (g, e) in zip(gaps, expected) {
            XCTAssertEqual(g.demandPostings, e.demand, g.conceptID)
            XCTAssertEqual(g.demandTotal, 300, g.conceptID)
            XCTAssertEqual(g.supplyProgrammes, e.supply, g.conceptID)
            XCTAssertEqual(g.supplyTotal, 10, g.conceptID)
            XCTAssertEqual(g.supplyProviders, e.providers, "\(g.conceptID): distinct providers")
            XCTAssertEqual(g.gapIndex, Double(e.demand) / 300 - Double(e.supply) / 10, g.conceptID)
            XCTAssertEqual(g.gapIndex, g.demandShare - g.supplyShare, g.conceptID)
        }
        XCTAssertEqual(gaps.first?.label, "Large language models")
        XCTAssertEqual(gaps[1].gapIndex, 65.0 / 300.0 - 0.2, accuracy: 1e-15)
    }

    func testGapsInAWindow() throws {
        let gaps = try fixture.analytics.gaps(window: MonthWindow(parsing: "2021"))
        XCTAssertEqual(gaps.map(\.conceptID), ["llm", "k8s", "sql", "excel", "cobol"])
        XCTAssertEqual(gaps.map(\.demandPostings), [30, 40, 20, 0, 10])
        XCTAssertTrue(gaps.allSatisfy { $0.demandTotal == 100 && $0.supplyTotal == 10 }, "the window limits demand only")
        XCTAssertEqual(gaps.map(\.gapIndex), [0.3 - 0, 0.4 - 0.2, 0.2 - 0.4, 0 - 0.3, 0.1 - 0.6])
    }

    func testSupplyCount() throws {
        XCTAssertEqual(try fixture.analytics.supplyCount(), 10)
    }

    func testWithoutSupplyTheGapIsTheDemandShare() throws {
        let noSupply = try AnalyticsFixture(withSupply: false)
        XCTAssertEqual(try noSupply.analytics.supplyCount(), 0)
        let gaps = try noSupply.analytics.gaps()
        XCTAssertEqual(gaps.map(\.conceptID), ["cobol", "k8s", "sql", "llm"])
        for g in gaps {
            XCTAssertEqual(g.supplyTotal, 0)
            XCTAssertEqual(g.supplyShare, 0)
            XCTAssertEqual(g.gapIndex, Double(g.demandPostings) / 300)
        }
    }
}
