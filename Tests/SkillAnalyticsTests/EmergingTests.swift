import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

final class EmergingTests: XCTestCase {
    var fixture: AnalyticsFixture!

    override func setUpWithError() throws { fixture = try AnalyticsFixture() }
    override func tearDown() { fixture = nil }

    func testDefaultWindows() throws {
        let w = try XCTUnwrap(try fixture.analytics.defaultWindows())
        XCTAssertEqual(w.recent, MonthWindow(from: "2021-01", to: "2021-12"))
        XCTAssertEqual(w.reference, MonthWindow(from: "2019-01", to: "2020-12"))
    }

    func testClassification() throws {
        let e = try fixture.analytics.emerging(EmergingParameters())
        XCTAssertEqual(e.recent.description, "2021-01..2021-12")
        XCTAssertEqual(e.reference.description, "2019-01..2020-12")
        // Ranked new, emerging, growing, stable, declining.
        XCTAssertEqual(e.skills.map(\.conceptID), ["llm", "k8s", "sql", "cobol"])
        XCTAssertEqual(e.skills.map(\.status), [.new, .emerging, .stable, .declining])
        let by = Dictionary(uniqueKeysWithValues: e.skills.map { ($0.conceptID, $0) })
        XCTAssertTrue(e.skills.allSatisfy { $0.recentTotal == 100 && $0.referenceTotal == 200 },
                      "reposts are not exposure")
        XCTAssertEqual(by["llm"].map { [$0.recentPostings, $0.referencePostings] }, [30, 0])
        XCTAssertEqual(by["k8s"].map { [$0.recentPostings, $0.referencePostings] }, [40, 25])
        XCTAssertEqual(by["sql"].map { [$0.recentPostings, $0.referencePostings] }, [20, 40])
        XCTAssertEqual(by["cobol"].map { [$0.recentPostings, $0.referencePostings] }, [10, 70],
                       "MegaCorp's 50 cobol reposts do not count")
        XCTAssertEqual(by["k8s"]?.recentShare, 0.4)
        XCTAssertEqual(by["k8s"]?.referenceShare, 0.125)
        XCTAssertEqual(by["k8s"]?.recentEmployers, 10)
        XCTAssertEqual(by["cobol"]?.recentEmployers, 10) // Emp0-4, MegaCorp, Emp6-9
        XCTAssertNil(by["excel"], "a skill with no demand is not tested")
    }

    func testStatisticsOfEachSkillAreTheDocumentedOnes() throws {
        let e = try fixture.analytics.emerging(EmergingParameters())
        let ps = e.skills.map { Statistics.twoProportionPValue(x1: $0.recentPostings, n1: 100, x0: $0.referencePostings, n0: 200) }
        let qs = Statistics.benjaminiHochberg(ps)
        for (i, s) in e.skills.enumerated() {
            let rr = Statistics.rateRatio(x1: s.recentPostings, n1: 100, x0: s.referencePostings, n0: 200)
            XCTAssertEqual(s.rateRatio, rr.ratio, accuracy: 1e-12, s.conceptID)
            XCTAssertEqual(s.ciLow, rr.low, accuracy: 1e-12, s.conceptID)
            XCTAssertEqual(s.ciHigh, rr.high, accuracy: 1e-12, s.conceptID)
            XCTAssertEqual(s.pValue, ps[i], accuracy: 1e-15, s.conceptID)
            XCTAssertEqual(s.qValue, qs[i], accuracy: 1e-15, s.conceptID)
        }
        let sql = try XCTUnwrap(e.skills.first { $0.conceptID == "sql" })
        XCTAssertEqual(sql.pValue, 1, accuracy: 1e-12, "equal shares")
        XCTAssertEqual(sql.rateRatio, (20.5 / 100.5) / (40.5 / 200.5), accuracy: 1e-12)
        let k8s = try XCTUnwrap(e.skills.first { $0.conceptID == "k8s" })
        XCTAssertEqual(k8s.ciLow, 2.0535, accuracy: 1e-4)
        XCTAssertLessThan(k8s.qValue, 0.05)
    }

    func testHigherEmergingRatioMakesARiserGrowing() throws {
        var p = EmergingParameters()
        p.emergingRatio = 2.5 // k8s's lower bound is 2.05
        let e = try fixture.analytics.emerging(p)
        XCTAssertEqual(e.skills.first { $0.conceptID == "k8s" }?.status, .growing)
        XCTAssertEqual(e.skills.first { $0.conceptID == "llm" }?.status, .new, "new does not depend on the ratio")
        XCTAssertEqual(e.skills.map(\.status), [.new, .growing, .stable, .declining])
    }

    func testMinimumSupport() throws {
        var p = EmergingParameters()
        p.minSupport = 50
        let e = try fixture.analytics.emerging(p)
        let status = Dictionary(uniqueKeysWithValues: e.skills.map { ($0.conceptID, $0.status) })
        XCTAssertEqual(status, ["llm": .stable, "k8s": .stable, "sql": .stable, "cobol": .declining],
                       "recent support 30 and 40 is below 50; cobol's reference support 70 is not")
        p.minSupport = 71
        XCTAssertEqual(try fixture.analytics.emerging(p).skills.first { $0.conceptID == "cobol" }?.status, .stable)
    }

    func testExplicitWindows() throws {
        var p = EmergingParameters()
        p.recent = MonthWindow(parsing: "2020")
        p.reference = MonthWindow(parsing: "2019")
        let e = try fixture.analytics.emerging(p)
        XCTAssertEqual(e.recent.description, "2020-01..2020-12")
        XCTAssertEqual(e.reference.description, "2019-01..2019-12")
        XCTAssertNil(e.skills.first { $0.conceptID == "llm" }, "absent from both windows")
        let k8s = try XCTUnwrap(e.skills.first { $0.conceptID == "k8s" })
        XCTAssertEqual([k8s.recentPostings, k8s.recentTotal, k8s.referencePostings, k8s.referenceTotal], [20, 100, 5, 100])
        XCTAssertGreaterThan(k8s.recentShare, k8s.referenceShare)
        XCTAssertTrue([.emerging, .growing].contains(k8s.status))
        let cobol = try XCTUnwrap(e.skills.first { $0.conceptID == "cobol" })
        XCTAssertEqual([cobol.recentPostings, cobol.referencePostings], [30, 40])
    }

    func testRegion() throws {
        var p = EmergingParameters()
        p.region = "Munich"
        let e = try fixture.analytics.emerging(p)
        XCTAssertTrue(e.skills.allSatisfy { $0.recentTotal == 50 && $0.referenceTotal == 100 })
        // Odd i: k8s 2021 20 of 50, reference 2 + 10.
        let k8s = try XCTUnwrap(e.skills.first { $0.conceptID == "k8s" })
        XCTAssertEqual([k8s.recentPostings, k8s.referencePostings], [20, 12])
    }

    func testNoDatedPostingsIsAnError() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("undated.sqlite"))
        let tax = try store.recordTaxonomy(name: "t", version: "1", digest: "d", labelCount: 0, concepts: [])
        let run = try store.recordRun(engineVersion: "t", taxonomyID: tax, tokenizer: "t", corpus: .demand,
                                      parameters: [:], command: "t")
        _ = try store.insertBatch(runID: run, taxonomyID: tax, items: [
            (PostingRow(corpus: .demand, sourceID: "u", contentHash: "h", title: "t", text: "x", date: nil, region: nil,
                        employer: nil, sourcePath: "p", sourceLine: 1), []),
        ], quarantined: [])
        try store.refreshAggregates()
        let a = try Analytics(store: store)
        XCTAssertNil(try a.defaultWindows())
        XCTAssertThrowsError(try a.emerging(EmergingParameters())) { error in
            XCTAssertTrue("\(error)".contains("no dated postings"), "\(error)")
        }
        XCTAssertEqual(try a.periods(.month), [])
    }

    func testAnalyticsOnAStoreWithoutRunsIsAnError() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("empty.sqlite"))
        XCTAssertThrowsError(try Analytics(store: store)) { error in
            XCTAssertTrue("\(error)".contains("skillradar analyze"), "\(error)")
        }
    }
}
