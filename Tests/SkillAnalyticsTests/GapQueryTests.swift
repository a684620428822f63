import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

final class GapQueryTests: XCTestCase {
    var fixture: AnalyticsFixture!

    override func setUpWithError() throws { fixture = try AnalyticsFixture() }
    override func tearDown() { fixture = nil }

    func testCoverageCountsProvidersAndUnmetDemandWeighsDemandByIt() throws {
        let gaps = try fixture.analytics.gapMatrix(window: nil, byRegion: false, emerging: EmergingParameters())
        let k8s = try XCTUnwrap(gaps.first { $0.conceptID == "k8s" })
        XCTAssertEqual(k8s.providersTotal, 3)
        XCTAssertEqual(k8s.supplyProviders, 1, "only UniA teaches Kubernetes (in 2 of its programmes)")
        XCTAssertEqual(k8s.coverage, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(k8s.demandShare, 65.0 / 300, accuracy: 1e-12)
        XCTAssertEqual(k8s.unmetDemand, 65.0 / 300 * 2 / 3, accuracy: 1e-12)
        XCTAssertEqual(k8s.demandStatus, .emerging)
        let cobol = try XCTUnwrap(gaps.first { $0.conceptID == "cobol" })
        XCTAssertEqual(cobol.coverage, 1, "all three providers teach COBOL")
        XCTAssertEqual(cobol.unmetDemand, 0)
        XCTAssertEqual(cobol.demandStatus, .declining)
    }

    func testByRegionAddsOneBlockPerRegion() throws {
        let gaps = try fixture.analytics.gapMatrix(window: nil, byRegion: true, emerging: nil)
        XCTAssertEqual(Set(gaps.map { $0.region ?? "(all)" }), ["(all)", "Berlin", "Munich"])
        let berlin = try XCTUnwrap(gaps.first { $0.region == "Berlin" && $0.conceptID == "sql" })
        XCTAssertEqual(berlin.demandTotal, 150)
        XCTAssertEqual(berlin.supplyTotal, 0, "programmes have no region, so none is in Berlin")
    }

    func testProgrammeGaps() throws {
        let covered = try fixture.analytics.programmeGaps(programme: "prog-0", window: nil, emerging: EmergingParameters())
        XCTAssertEqual(covered.title, "Course 0")
        XCTAssertEqual(covered.gaps.map(\.conceptID), ["llm"], "prog-0 teaches k8s, cobol, sql, excel")
        XCTAssertEqual(covered.gaps.first?.reason, "top-demand+new")
        let empty = try fixture.analytics.programmeGaps(programme: "prog-3", window: nil, emerging: EmergingParameters())
        XCTAssertEqual(empty.gaps.map(\.conceptID), ["cobol", "k8s", "sql", "llm"], "every demanded skill, most demanded first")
        XCTAssertThrowsError(try fixture.analytics.programmeGaps(programme: "nope", window: nil, emerging: EmergingParameters())) {
            XCTAssertTrue("\($0)".contains("no programme 'nope'"), "\($0)")
        }
    }

    func testOccupationRegionGapsWithoutCoding() throws {
        let r = try fixture.analytics.occupationRegionGaps(occupation: "occ1", essential: ["k8s", "llm", "k8s"])
        XCTAssertFalse(r.coded)
        XCTAssertEqual(r.regions.map(\.region), ["Berlin", "Munich"])
        XCTAssertEqual(r.regions.map(\.demandPostings), [150, 150])
        XCTAssertEqual(r.regions.map(\.essentialSkills), [2, 2], "duplicates in the list count once")
        XCTAssertEqual(r.regions.first?.missing, ["k8s (Kubernetes)", "llm (Large language models)"])
        XCTAssertEqual(r.regions.first?.coverage, 0)
    }
}
