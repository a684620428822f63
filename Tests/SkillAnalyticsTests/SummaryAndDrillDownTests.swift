import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

final class SummaryAndDrillDownTests: XCTestCase {
    var fixture: AnalyticsFixture!

    override func setUpWithError() throws { fixture = try AnalyticsFixture() }
    override func tearDown() { fixture = nil }

    func testSummaryCounts() throws {
        let s = try fixture.analytics.summary()
        XCTAssertEqual(s.postings, 300)
        XCTAssertEqual(s.duplicates, 50)
        XCTAssertEqual(s.quarantined, 3, "demand runs only")
        let withSkills = AnalyticsFixture.years.map { y in
            (0..<100).filter { !AnalyticsFixture.skills(year: y, i: $0).isEmpty }.count
        }.reduce(0, +)
        XCTAssertEqual(s.postingsWithSkills, withSkills)
        XCTAssertEqual(withSkills, 56 + 60 + 84)
        XCTAssertEqual(s.mentions, 65 * 2 + 80 + 30 + 60)
        XCTAssertEqual(s.distinctSkills, 4)
        XCTAssertEqual(s.firstDate, "2019-01-01")
        XCTAssertEqual(s.lastDate, "2021-12-28", "the reposts dated 2021-12-31 do not count")
        XCTAssertEqual(s.regions, ["Berlin": 150, "Munich": 150])
    }

    func testQuarantineSeenAgainInALaterRunIsCountedOnce() throws {
        let store = fixture.store
        let run = try store.recordRun(engineVersion: "test", taxonomyID: fixture.taxonomyID, tokenizer: "default",
                                      corpus: .demand, parameters: [:], command: "rerun")
        _ = try store.insertBatch(runID: run, taxonomyID: fixture.taxonomyID, items: [], quarantined: [
            QuarantineRow(sourcePath: "jobs-2019.jsonl", line: 101, offset: 9000, reason: "not valid JSON", excerpt: "{"),
            QuarantineRow(sourcePath: "jobs-2021.jsonl", line: 4, offset: 400, reason: "new problem", excerpt: ""),
        ])
        XCTAssertEqual(try fixture.analytics.summary().quarantined, 4)
    }

    func testDrillDownReturnsPostingsWithMatchedText() throws {
        let rows = try fixture.analytics.drillDown(conceptID: "llm", limit: 100)
        XCTAssertEqual(rows.count, 30)
        XCTAssertTrue(rows.allSatisfy { $0.matched == "LLM" && $0.count == 1 })
        XCTAssertEqual(Set(rows.compactMap(\.sourceID)), Set((40..<70).map { "2021-\($0)" }))
        XCTAssertEqual(rows.map { $0.date ?? "" }, rows.map { $0.date ?? "" }.sorted(), "ordered by date")
        let first = try XCTUnwrap(rows.first)
        XCTAssertEqual(first.date, "2021-01-05") // i = 60: month 60 % 12 + 1, day 60 % 28 + 1
        XCTAssertEqual(first.title, "Job 2021-60")
        XCTAssertEqual(first.source, "jobs-2021.jsonl:61")
        XCTAssertEqual(try fixture.analytics.drillDown(conceptID: "llm").count, 20, "default limit")
    }

    func testDrillDownWindowAndDuplicates() throws {
        let q1 = try fixture.analytics.drillDown(conceptID: "llm", window: MonthWindow(parsing: "2021-01..2021-03"))
        XCTAssertEqual(q1.compactMap(\.sourceID).sorted(), ["2021-48", "2021-49", "2021-50", "2021-60", "2021-61", "2021-62"])
        XCTAssertEqual(q1.count, AnalyticsFixture.count("llm", year: 2021, months: 1...3))
        // December 2021 cobol: only MegaCorp's original (i = 95), none of its 50 reposts.
        let dec = try fixture.analytics.drillDown(conceptID: "cobol", window: MonthWindow(parsing: "2021-12"), limit: 100)
        XCTAssertEqual(dec.map(\.sourceID), ["2021-95"])
        XCTAssertEqual(dec.first?.matched, "COBOL")
        let k8s = try fixture.analytics.drillDown(conceptID: "k8s", window: MonthWindow(parsing: "2019"))
        XCTAssertEqual(k8s.count, 5)
        XCTAssertTrue(k8s.allSatisfy { $0.count == 2 && $0.matched == "Kubernetes" })
        XCTAssertTrue(try fixture.analytics.drillDown(conceptID: "unknown").isEmpty)
    }

    func testDrillDownSupply() throws {
        let rows = try fixture.analytics.drillDown(conceptID: "cobol", corpus: .supply)
        XCTAssertEqual(rows.count, 6)
        XCTAssertTrue(rows.allSatisfy { $0.date == nil && $0.source.hasPrefix("programmes.csv:") })
    }
}
