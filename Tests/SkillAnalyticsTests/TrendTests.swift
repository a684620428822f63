import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

final class TrendTests: XCTestCase {
    var fixture: AnalyticsFixture!

    override func setUpWithError() throws { fixture = try AnalyticsFixture() }
    override func tearDown() { fixture = nil }

    func testYearlySharesAreExact() throws {
        let (periods, series) = try fixture.analytics.trends(.year)
        XCTAssertEqual(periods, ["2019", "2020", "2021"])
        // Ranked by postings over the whole corpus: cobol 80, k8s 65, sql 60, llm 30.
        XCTAssertEqual(series.map(\.conceptID), ["cobol", "k8s", "sql", "llm"])
        let byID = Dictionary(uniqueKeysWithValues: series.map { ($0.conceptID, $0) })
        XCTAssertEqual(byID["k8s"]?.points.map(\.share), [0.05, 0.20, 0.40])
        XCTAssertEqual(byID["cobol"]?.points.map(\.share), [0.40, 0.30, 0.10])
        XCTAssertEqual(byID["llm"]?.points.map(\.share), [0, 0, 0.30])
        XCTAssertEqual(byID["sql"]?.points.map(\.share), [0.20, 0.20, 0.20])
        XCTAssertEqual(byID["k8s"]?.points.map(\.postings), [5, 20, 40])
        XCTAssertEqual(byID["k8s"]?.label, "Kubernetes")
        XCTAssertEqual(byID["k8s"]?.totalPostings, 65)
        // The 50 reposts of 2021 count neither in the exposure nor in cobol.
        for s in series { XCTAssertEqual(s.points.map(\.totalPostings), [100, 100, 100], s.conceptID) }
    }

    func testTopLimitsTheSeries() throws {
        let (_, series) = try fixture.analytics.trends(.year, top: 2)
        XCTAssertEqual(series.map(\.conceptID), ["cobol", "k8s"])
    }

    func testChosenConceptsIncludingUnknownOnes() throws {
        let (_, series) = try fixture.analytics.trends(.year, concepts: ["llm", "excel", "nope"])
        XCTAssertEqual(series.map(\.conceptID), ["llm", "excel", "nope"])
        XCTAssertEqual(series[0].points.map(\.postings), [0, 0, 30])
        XCTAssertEqual(series[1].points.map(\.postings), [0, 0, 0], "taught but never demanded")
        XCTAssertEqual(series[1].label, "Excel")
        XCTAssertEqual(series[2].label, "nope")
        XCTAssertEqual(series[2].points.map(\.share), [0, 0, 0])
    }

    func testQuarterAndMonthPeriods() throws {
        let a = fixture.analytics
        let (quarters, qSeries) = try a.trends(.quarter, concepts: ["k8s"])
        XCTAssertEqual(quarters, AnalyticsFixture.years.flatMap { y in (1...4).map { "\(y)-Q\($0)" } })
        // Exposure per quarter from the fixture's dating rule (month = i % 12 + 1).
        let perQuarter = (1...4).map { q in (0..<100).filter { ($0 % 12) / 3 + 1 == q }.count }
        XCTAssertEqual(perQuarter, [27, 25, 24, 24])
        XCTAssertEqual(qSeries[0].points.map(\.totalPostings), perQuarter + perQuarter + perQuarter)
        let k8sQ = AnalyticsFixture.years.flatMap { y in
            (1...4).map { q in AnalyticsFixture.count("k8s", year: y, months: (q * 3 - 2)...(q * 3)) }
        }
        XCTAssertEqual(qSeries[0].points.map(\.postings), k8sQ)
        XCTAssertEqual(k8sQ.reduce(0, +), 65)

        let (months, mSeries) = try a.trends(.month, concepts: ["llm"])
        XCTAssertEqual(months.count, 36)
        XCTAssertEqual(months.first, "2019-01")
        XCTAssertEqual(months.last, "2021-12")
        XCTAssertEqual(mSeries[0].points.first { $0.period == "2021-01" }?.postings,
                       AnalyticsFixture.count("llm", year: 2021, months: 1...1))
        XCTAssertEqual(mSeries[0].points.filter { $0.period.hasPrefix("2021") }.map(\.postings).reduce(0, +), 30)
    }

    func testRegionFilter() throws {
        let (_, series) = try fixture.analytics.trends(.year, concepts: ["k8s", "sql"], region: "Berlin")
        // Even i only: k8s 3 (0, 2, 4), 10, 20 of 50; sql (i % 10 == 0) 10 of 50 each year.
        XCTAssertEqual(series[0].points.map(\.postings), [3, 10, 20])
        XCTAssertEqual(series[0].points.map(\.totalPostings), [50, 50, 50])
        XCTAssertEqual(series[1].points.map(\.share), [0.2, 0.2, 0.2])
    }

    func testMonthTotalsAndCounts() throws {
        let totals = try fixture.analytics.monthTotals()
        XCTAssertEqual(totals.count, 36)
        XCTAssertEqual(totals.values.reduce(0, +), 300)
        XCTAssertEqual(totals["2021-12"], 8, "the 50 reposts dated 2021-12-31 are not counted")
        XCTAssertEqual(totals["2021-01"], 9)
        let supply = try fixture.analytics.monthTotals(corpus: .supply)
        XCTAssertTrue(supply.isEmpty, "programmes are undated")
        let counts = try fixture.analytics.monthCounts()
        XCTAssertEqual(counts["cobol"]?.values.reduce(0, +), 80)
        XCTAssertEqual(counts["cobol"]?["2021-12"], 1)
        XCTAssertNil(counts["excel"])
    }

    func testTopSkills() throws {
        let top = try fixture.analytics.topSkills()
        XCTAssertEqual(top.map(\.conceptID), ["cobol", "k8s", "sql", "llm"])
        XCTAssertEqual(top.map(\.postings), [80, 65, 60, 30])
        XCTAssertTrue(top.allSatisfy { $0.totalPostings == 300 })
        XCTAssertEqual(top[0].share, 80.0 / 300.0)
        XCTAssertEqual(top.map(\.employers), [11, 10, 3, 10], "MegaCorp's one original counts for cobol and sql")
        let recent = try fixture.analytics.topSkills(limit: 2, window: MonthWindow(parsing: "2021"))
        XCTAssertEqual(recent.map(\.conceptID), ["k8s", "llm"])
        XCTAssertEqual(recent.map(\.totalPostings), [100, 100])
    }

    func testDuplicatesChangeNoAnalysis() throws {
        let clean = try AnalyticsFixture(withDuplicates: false)
        XCTAssertEqual(try fixture.analytics.trends(.month).series, try clean.analytics.trends(.month).series)
        XCTAssertEqual(try fixture.analytics.topSkills(), try clean.analytics.topSkills())
        XCTAssertEqual(try fixture.analytics.emerging(EmergingParameters()).skills,
                       try clean.analytics.emerging(EmergingParameters()).skills)
        XCTAssertEqual(try fixture.analytics.gaps(), try clean.analytics.gaps())
    }
}
