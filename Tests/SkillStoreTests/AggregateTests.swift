import Foundation
import XCTest
@testable import SkillStore

final class AggregateTests: XCTestCase {
    func testRefreshAggregatesTotalsPerMonthAndRegion() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        let supplyRun = try Fixture.run(store, taxonomy: tax, corpus: .supply)
        let m = { (id: String, count: Int) in Fixture.mention(id, count: count) }
        let P = { (id: String, hash: String, date: String?, region: String?, employer: String?, corpus: Corpus) in
            Fixture.posting(id, hash: hash, date: date, region: region, employer: employer, corpus: corpus)
        }
        _ = try store.insertBatch(runID: run, taxonomyID: tax, items: [
            (P("A", "hA", "2021-01-05", "Berlin", "E1", .demand), [m("swift", 2), m("sql", 1)]),
            (P("B", "hB", "2021-01-20", "Berlin", "E1", .demand), [m("swift", 1)]),
            (P("C", "hC", "2021-01-31", "Berlin", "E2", .demand), [m("k8s", 1)]),
            (P("D", "hA", "2021-01-06", "Berlin", "E1", .demand), [m("swift", 1)]), // duplicate of A
            (P("E", "hE", "2021-01-10", "Paris", "E3", .demand), [m("swift", 3)]),
            (P("F", "hF", "2021-02-01", "Berlin", "E1", .demand), [m("sql", 1)]),
            (P("G", "hG", "2021-02-28", "Berlin", nil, .demand), []),
            (P("H", "hH", nil, nil, "E9", .demand), [m("swift", 1)]),
        ], quarantined: [])
        _ = try store.insertBatch(runID: supplyRun, taxonomyID: tax, items: [
            (P("S1", "hS1", "2021-01-01", "Berlin", "Uni", .supply), [m("sql", 1)]),
        ], quarantined: [])
        try store.refreshAggregates()

        let totals = try store.db.prepare("SELECT * FROM agg_period_totals ORDER BY 1, 2, 3").rows()
        XCTAssertEqual(totals, [
            [.text("demand"), .text("2021-01"), .text("Berlin"), .int(3), .int(2)],
            [.text("demand"), .text("2021-01"), .text("Paris"), .int(1), .int(1)],
            [.text("demand"), .text("2021-02"), .text("Berlin"), .int(2), .int(1)],
            [.text("demand"), .text("undated"), .text(""), .int(1), .int(1)],
            [.text("supply"), .text("2021-01"), .text("Berlin"), .int(1), .int(1)],
        ])
        let skills = try store.db.prepare("""
            SELECT corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month
            WHERE taxonomy_id = ? ORDER BY 1, 2, 3, 4
            """).rows([.int(tax)])
        XCTAssertEqual(skills, [
            [.text("demand"), .text("2021-01"), .text("Berlin"), .text("k8s"), .int(1), .int(1)],
            [.text("demand"), .text("2021-01"), .text("Berlin"), .text("sql"), .int(1), .int(1)],
            [.text("demand"), .text("2021-01"), .text("Berlin"), .text("swift"), .int(2), .int(3)],
            [.text("demand"), .text("2021-01"), .text("Paris"), .text("swift"), .int(1), .int(3)],
            [.text("demand"), .text("2021-02"), .text("Berlin"), .text("sql"), .int(1), .int(1)],
            [.text("demand"), .text("undated"), .text(""), .text("swift"), .int(1), .int(1)],
            [.text("supply"), .text("2021-01"), .text("Berlin"), .text("sql"), .int(1), .int(1)],
        ])

        // Refreshing again gives the same tables.
        let snapshot = try store.aggregateSnapshot()
        try store.refreshAggregates()
        XCTAssertEqual(try store.aggregateSnapshot(), snapshot)
    }

    func testAggregatesAreEmptyForAnEmptyStore() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        try store.refreshAggregates()
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM agg_period_totals"), 0)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM agg_skill_month"), 0)
    }
}

/// Aggregates kept by addition in each batch equal a full recomputation.
final class IncrementalAggregateTests: XCTestCase {
    func testBatchAdditionsEqualRecomputation() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let taxonomyID = try Fixture.taxonomy(store)
        let runID = try store.recordRun(engineVersion: "t", taxonomyID: taxonomyID, tokenizer: "t", corpus: .demand,
                                        parameters: [:], command: "t")
        var rows: [(PostingRow, [MentionRow])] = []
        for i in 0..<300 {
            let text = "posting \(i % 250)" // 50 exact duplicates
            let p = PostingRow(corpus: .demand, sourceID: "s\(i)", contentHash: SHA256Like.hex(text), title: "t",
                               text: text, date: i % 7 == 0 ? nil : "202\(i % 4)-0\(1 + i % 9)-01",
                               region: i % 5 == 0 ? nil : "r\(i % 3)", employer: i % 4 == 0 ? nil : "e\(i % 11)",
                               sourcePath: "f", sourceLine: i)
            let m = [MentionRow(conceptID: "c\(i % 3)", count: 1 + i % 2, firstStart: 0, firstEnd: 1, matchedText: "x")]
            rows.append((p, m))
        }
        for chunk in stride(from: 0, to: rows.count, by: 37) {
            _ = try store.insertBatch(runID: runID, taxonomyID: taxonomyID,
                                      items: Array(rows[chunk..<min(chunk + 37, rows.count)]), quarantined: [])
        }
        let query = """
            SELECT 'S', taxonomy_id, corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month
            UNION ALL SELECT 'T', 0, corpus, period_month, region, '', postings, employers FROM agg_period_totals
            ORDER BY 1, 2, 3, 4, 5, 6
            """
        let incremental = try store.db.prepare(query).rows()
        try store.refreshAggregates()
        let recomputed = try store.db.prepare(query).rows()
        XCTAssertFalse(incremental.isEmpty)
        XCTAssertEqual(incremental, recomputed)
    }
}

/// A stand-in content hash for the aggregate test (any injective-enough string works).
enum SHA256Like {
    static func hex(_ s: String) -> String { String(s.utf8.map { String(format: "%02x", $0) }.joined().prefix(64)) }
}
