import Foundation
import XCTest
@testable import SkillAnalytics

final class GrowthModelTests: XCTestCase {
    let months = (0..<36).map { MonthWindow.shift("2020-01", by: $0) }
    let recent = MonthWindow(from: "2022-01", to: "2022-12")
    let reference = MonthWindow(from: "2020-01", to: "2021-12")

    func years(_ ms: [String]) -> [Double] {
        ms.map { Double(Int($0.prefix(4))!) + (Double(Int($0.suffix(2))!) - 0.5) / 12 }
    }

    func testPoissonTrendRecoversAKnownSlopeFromExpectedCounts() throws {
        // Counts equal to their expectation under share = 0.02 · 2^(years since 2020): slope ln 2 per year.
        let t = years(months)
        let exposure = months.map { _ in 100_000 }
        let counts = t.map { Int((100_000 * 0.02 * pow(2, $0 - 2020)).rounded()) }
        let fit = try XCTUnwrap(Statistics.poissonTrend(counts: counts, exposures: exposure, years: t))
        XCTAssertEqual(fit.perYear, 2, accuracy: 0.002)
        XCTAssertTrue(fit.converged)
        XCTAssertEqual(fit.dispersion, 1, "rounding noise is below Poisson noise: no inflation")
        XCTAssertLessThan(fit.low, 2)
        XCTAssertGreaterThan(fit.high, 2)
        XCTAssertLessThan(fit.pValue, 1e-10)
    }

    func testFlatSeriesHasNoTrendAndOverdispersionWidensTheInterval() throws {
        let t = years(months)
        let exposure = months.map { _ in 1_000 }
        let flat = try XCTUnwrap(Statistics.poissonTrend(counts: months.map { _ in 50 }, exposures: exposure, years: t))
        XCTAssertEqual(flat.perYear, 1, accuracy: 1e-9)
        XCTAssertEqual(flat.pValue, 1, accuracy: 1e-9)
        // Same total, but bursts (0 / 100 alternating): Pearson dispersion ≈ 100, interval ≈ 10× wider in log scale.
        let bursty = try XCTUnwrap(Statistics.poissonTrend(counts: months.indices.map { $0 % 2 == 0 ? 0 : 100 },
                                                           exposures: exposure, years: t))
        XCTAssertGreaterThan(bursty.dispersion, 50)
        XCTAssertGreaterThan(log(bursty.high) - log(bursty.low), 5 * (log(flat.high) - log(flat.low)))
    }

    func testTrendNeedsThreeMonthsWithExposure() {
        XCTAssertNil(Statistics.poissonTrend(counts: [1, 2], exposures: [10, 10], years: [2020, 2021]))
        XCTAssertNil(Statistics.poissonTrend(counts: [0, 0, 0], exposures: [10, 10, 10], years: [2020, 2020.5, 2021]))
        XCTAssertNil(Statistics.poissonTrend(counts: [1, 2, 3], exposures: [0, 0, 10], years: [2020, 2020.5, 2021]))
    }

    /// 100 postings a month by 20 employers; a key in 5 % of reference and 20 % of recent postings.
    func exposure() -> Exposure {
        var e = Exposure(monthly: [:], recentByEmployer: [:])
        for m in months { e.monthly[m] = 100 }
        for k in 0..<20 { e.recentByEmployer["E\(k)"] = 60 }
        return e
    }

    func key(_ name: String, recentByEmployer: [String: Int]) -> KeyCounts {
        var monthly: [String: Int] = [:]
        for m in months { monthly[m] = recent.contains(m) ? 20 : 5 }
        return KeyCounts(key: name, label: name, monthly: monthly, recentByEmployer: recentByEmployer)
    }

    func testRiseSpreadOverEmployersIsEmergingButOneEmployersRiseIsConcentrated() {
        var spread: [String: Int] = [:]
        for k in 0..<20 { spread["E\(k)"] = 12 }
        let one = ["E0": 228, "E1": 6, "E2": 6]
        let few = ["E0": 120, "E1": 120]
        var e = exposure()
        e.recentByEmployer["E0"] = 600
        let r = GrowthModel.analyze([key("spread", recentByEmployer: spread), key("one", recentByEmployer: one),
                                     key("few", recentByEmployer: few)],
                                    exposure: e, recent: recent, reference: reference, parameters: EmergingParameters())
        let by = Dictionary(uniqueKeysWithValues: r.map { ($0.conceptID, $0) })
        XCTAssertEqual(by["spread"]?.status, .emerging)
        XCTAssertEqual(by["one"]?.status, .concentrated, "without E0 only 12 of 600 recent postings remain")
        XCTAssertEqual(by["one"]?.topEmployer, "E0")
        XCTAssertEqual(by["one"]?.topEmployerPostings, 228)
        XCTAssertEqual(by["few"]?.status, .concentrated, "2 employers < minimum 3")
        XCTAssertEqual(by["spread"]?.recentEmployers, 20)
        XCTAssertEqual(r.first?.conceptID, "spread", "concentrated rank after emerging")
        let trend = try? XCTUnwrap(by["spread"]?.trend)
        XCTAssertGreaterThan(trend?.perYear ?? 0, 1.5)
    }

    func testUnknownEmployersDoNotTriggerTheConcentrationCheck() {
        let r = GrowthModel.analyze([key("anon", recentByEmployer: ["": 240])], exposure: exposure(), recent: recent,
                                    reference: reference, parameters: EmergingParameters())
        XCTAssertEqual(r.first?.status, .emerging)
        XCTAssertEqual(r.first?.recentEmployers, 0)
    }

    /// SkillSpan's dated postings span nine months: the default reference window holds none. Nothing can be compared,
    /// so the rate ratio is undefined (it was 0.52 for a skill in 71 of 138 recent postings) and no status is called.
    func testAWindowWithoutPostingsGivesNoRatio() {
        var e = exposure()
        for m in months where reference.contains(m) { e.monthly[m] = nil }
        var k = key("skill", recentByEmployer: ["E0": 10, "E1": 10, "E2": 10])
        for m in months where reference.contains(m) { k.monthly[m] = nil }
        let r = GrowthModel.analyze([k], exposure: e, recent: recent, reference: reference, parameters: EmergingParameters())
        XCTAssertEqual(r.first?.status, .stable)
        XCTAssertTrue(r.first?.rateRatio.isNaN == true && r.first?.ciLow.isNaN == true && r.first?.ciHigh.isNaN == true)
        XCTAssertEqual(r.first?.referenceTotal, 0)
    }

    func testKeyCountsMergeByAddition() {
        var a = KeyCounts(key: "k", label: "k", monthly: ["2020-01": 2], recentByEmployer: ["E": 1])
        a.merge(KeyCounts(key: "k", label: "k", monthly: ["2020-01": 3, "2020-02": 1], recentByEmployer: ["E": 2, "F": 1]))
        XCTAssertEqual(a.monthly, ["2020-01": 5, "2020-02": 1])
        XCTAssertEqual(a.recentByEmployer, ["E": 3, "F": 1])
    }

    func testFixtureTrendAgreesWithPlantedDirection() throws {
        let f = try AnalyticsFixture()
        let e = try f.analytics.emerging(EmergingParameters())
        let by = Dictionary(uniqueKeysWithValues: e.skills.map { ($0.conceptID, $0) })
        XCTAssertGreaterThan(try XCTUnwrap(by["k8s"]?.trend).low, 1, "k8s 5 → 20 → 40 %")
        XCTAssertLessThan(try XCTUnwrap(by["cobol"]?.trend).high, 1, "cobol 40 → 30 → 10 %")
        XCTAssertEqual(by["k8s"]?.topEmployerPostings, 4, "Emp0…Emp9 each post 4 of the 40")
    }
}
