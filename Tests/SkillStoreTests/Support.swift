import Foundation
import XCTest
@testable import SkillStore

/// A temporary directory removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skillstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Small constructors for rows and a store with a taxonomy and a run.
enum Fixture {
    static let concepts: [(id: String, label: String, type: String, source: String, hot: Bool, inDemand: Bool)] = [
        ("swift", "Swift", "technology", "test", true, false),
        ("sql", "SQL", "technology", "test", false, true),
        ("k8s", "Kubernetes", "technology", "test", true, true),
    ]

    static func posting(_ sourceID: String?, hash: String, date: String? = "2021-03-04", region: String? = "Berlin",
                        employer: String? = "Acme", corpus: Corpus = .demand, title: String = "Job",
                        text: String = "Text", line: Int = 1) -> PostingRow {
        PostingRow(corpus: corpus, sourceID: sourceID, contentHash: hash, title: title, text: text, date: date,
                   region: region, employer: employer, sourcePath: "in.jsonl", sourceLine: line)
    }

    static func mention(_ id: String, count: Int = 1, text: String? = nil) -> MentionRow {
        MentionRow(conceptID: id, count: count, firstStart: 0, firstEnd: (text ?? id).utf8.count, matchedText: text ?? id)
    }

    static func taxonomy(_ store: SkillStore, digest: String = "digest-1") throws -> Int64 {
        try store.recordTaxonomy(name: "test", version: "1", digest: digest, labelCount: 5, concepts: concepts)
    }

    static func run(_ store: SkillStore, taxonomy: Int64, corpus: Corpus = .demand) throws -> Int64 {
        try store.recordRun(engineVersion: "test-1", taxonomyID: taxonomy, tokenizer: "default", corpus: corpus,
                            parameters: ["b": "2", "a": "1"], command: "skillradar analyze in.jsonl")
    }
}

extension SkillStore {
    /// The single integer of a query.
    func scalar(_ sql: String, _ args: [SQLValue] = []) throws -> Int {
        try db.prepare(sql).rows(args).first?[0].int ?? -1
    }

    func text(_ sql: String, _ args: [SQLValue] = []) throws -> String? {
        try db.prepare(sql).rows(args).first?[0].string
    }

    /// All rows of the aggregate tables, for before/after comparisons.
    func aggregateSnapshot() throws -> [[SQLValue]] {
        try db.prepare("SELECT * FROM agg_period_totals ORDER BY 1, 2, 3").rows()
            + [[.text("--")]]
            + db.prepare("SELECT * FROM agg_skill_month ORDER BY 1, 2, 3, 4, 5").rows()
    }
}
