import Foundation
import XCTest
@testable import SkillAnalytics
import SkillStore

/// A temporary directory removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skillanalytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A store filled by hand: 2019, 2020 and 2021 with 100 postings each, and four skills whose shares are known.
///
/// Posting `i` (0..<100) of a year is dated month `i % 12 + 1`, day `i % 28 + 1`, in Berlin (even `i`) or
/// Munich (odd `i`), by employer `Emp(i % 10)`.
/// - `k8s` (Kubernetes, count 2 per posting): `i < 5` in 2019, `i < 20` in 2020, `i < 40` in 2021 (5 → 20 → 40 %).
/// - `cobol`: `i >= 60` in 2019, `i >= 70` in 2020, `i >= 90` in 2021 (40 → 30 → 10 %).
/// - `llm`: only in 2021, `40 <= i < 70` (30 %).
/// - `sql`: `i % 5 == 0` every year (20 %).
/// Posting 95 of 2021 is by MegaCorp, which reposts it 50 times (same content hash, new ids, dated 2021-12-31,
/// all "mentioning" cobol): the reposts must not count anywhere.
/// Supply: 10 programmes by UniA (4), UniB (3), UniC (3), undated.
struct AnalyticsFixture {
    static let years = [2019, 2020, 2021]
    static let labels = ["k8s": "Kubernetes", "cobol": "COBOL", "llm": "Large language models", "sql": "SQL",
                         "excel": "Excel"]

    static func skills(year: Int, i: Int) -> [String] {
        var s: [String] = []
        let k8sLimit = [2019: 5, 2020: 20, 2021: 40][year]!
        let cobolFrom = [2019: 60, 2020: 70, 2021: 90][year]!
        if i < k8sLimit { s.append("k8s") }
        if i >= cobolFrom { s.append("cobol") }
        if year == 2021, (40..<70).contains(i) { s.append("llm") }
        if i % 5 == 0 { s.append("sql") }
        return s
    }

    static func date(year: Int, i: Int) -> String { String(format: "%04d-%02d-%02d", year, i % 12 + 1, i % 28 + 1) }
    static func region(_ i: Int) -> String { i % 2 == 0 ? "Berlin" : "Munich" }
    static func employer(year: Int, i: Int) -> String { year == 2021 && i == 95 ? "MegaCorp" : "Emp\(i % 10)" }
    static func matched(_ concept: String) -> String {
        ["k8s": "Kubernetes", "cobol": "COBOL", "llm": "LLM", "sql": "SQL", "excel": "Excel"][concept]!
    }

    /// (programme index, provider, skills).
    static let supply: [(provider: String, skills: [String])] = [
        ("UniA", ["k8s", "cobol", "sql", "excel"]),
        ("UniA", ["k8s", "cobol"]),
        ("UniA", ["sql"]),
        ("UniA", []),
        ("UniB", ["cobol", "sql", "excel"]),
        ("UniB", ["cobol"]),
        ("UniB", []),
        ("UniC", ["cobol", "sql", "excel"]),
        ("UniC", ["cobol"]),
        ("UniC", []),
    ]

    let dir: TempDir
    let store: SkillStore
    let taxonomyID: Int64
    let demandRun: Int64
    let supplyRun: Int64
    let analytics: Analytics

    init(withSupply: Bool = true, withDuplicates: Bool = true) throws {
        dir = try TempDir()
        store = try SkillStore(path: dir.path("radar.sqlite"))
        taxonomyID = try store.recordTaxonomy(
            name: "fixture", version: "1", digest: "fixture-digest", labelCount: 5,
            concepts: Self.labels.sorted { $0.key < $1.key }.map {
                (id: $0.key, label: $0.value, type: "technology", source: "test", hot: false, inDemand: false)
            })
        demandRun = try store.recordRun(engineVersion: "test", taxonomyID: taxonomyID, tokenizer: "default",
                                        corpus: .demand, parameters: [:], command: "test")
        var items: [(PostingRow, [MentionRow])] = []
        for year in Self.years {
            for i in 0..<100 {
                let row = PostingRow(corpus: .demand, sourceID: "\(year)-\(i)", contentHash: "hash-\(year)-\(i)",
                                     title: "Job \(year)-\(i)", text: "Text of posting \(i)",
                                     date: Self.date(year: year, i: i), region: Self.region(i),
                                     employer: Self.employer(year: year, i: i), sourcePath: "jobs-\(year).jsonl",
                                     sourceLine: i + 1)
                let mentions = Self.skills(year: year, i: i).map {
                    MentionRow(conceptID: $0, count: $0 == "k8s" ? 2 : 1, firstStart: 10, firstEnd: 10 + Self.matched($0).utf8.count,
                               matchedText: Self.matched($0))
                }
                items.append((row, mentions))
            }
        }
        if withDuplicates {
            for k in 0..<50 {
                let row = PostingRow(corpus: .demand, sourceID: "mega-repost-\(k)", contentHash: "hash-2021-95",
                                     title: "Job 2021-95", text: "Text of posting 95", date: "2021-12-31",
                                     region: "Berlin", employer: "MegaCorp", sourcePath: "mega.jsonl", sourceLine: k + 1)
                items.append((row, [MentionRow(conceptID: "cobol", count: 1, firstStart: 0, firstEnd: 5,
                                               matchedText: "COBOL")]))
            }
        }
        let outcomes = try store.insertBatch(
            runID: demandRun, taxonomyID: taxonomyID, items: items,
            quarantined: [
                QuarantineRow(sourcePath: "jobs-2019.jsonl", line: 101, offset: 9000, reason: "not valid JSON", excerpt: "{"),
                QuarantineRow(sourcePath: "jobs-2020.jsonl", line: 7, offset: 700, reason: "invalid UTF-8", excerpt: ""),
                QuarantineRow(sourcePath: "jobs-2021.jsonl", line: 3, offset: 300, reason: "invalid date '2021-02-30'",
                              excerpt: "x"),
            ])
        XCTAssertEqual(outcomes.filter { $0 == .new }.count, 300)
        XCTAssertEqual(outcomes.filter { $0 == .duplicate(.exact) }.count, withDuplicates ? 50 : 0)
        try store.finishRun(demandRun, status: .completed)

        supplyRun = try store.recordRun(engineVersion: "test", taxonomyID: taxonomyID, tokenizer: "default",
                                        corpus: .supply, parameters: [:], command: "test supply")
        if withSupply {
            let programmes = Self.supply.enumerated().map { (n, p) in
                (PostingRow(corpus: .supply, sourceID: "prog-\(n)", contentHash: "prog-hash-\(n)", title: "Course \(n)",
                            text: "Syllabus \(n)", date: nil, region: nil, employer: p.provider,
                            sourcePath: "programmes.csv", sourceLine: n + 2),
                 p.skills.map { MentionRow(conceptID: $0, count: 1, firstStart: 0, firstEnd: 3, matchedText: Self.matched($0)) })
            }
            _ = try store.insertBatch(runID: supplyRun, taxonomyID: taxonomyID, items: programmes, quarantined: [
                QuarantineRow(sourcePath: "programmes.csv", line: 4, offset: 50, reason: "supply-side problem", excerpt: ""),
            ])
        }
        try store.finishRun(supplyRun, status: .completed)
        try store.refreshAggregates()
        analytics = try Analytics(store: store)
    }

    /// Postings of `year` (non-duplicates) mentioning `concept`, counted from the fixture's definition.
    static func count(_ concept: String, year: Int, months: ClosedRange<Int> = 1...12) -> Int {
        (0..<100).filter { skills(year: year, i: $0).contains(concept) && months.contains($0 % 12 + 1) }.count
    }
}
