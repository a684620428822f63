import Foundation
import XCTest
@testable import SkillStore

final class InsertBatchTests: XCTestCase {
    var dir: TempDir!
    var store: SkillStore!
    var tax: Int64 = 0
    var run: Int64 = 0

    override func setUpWithError() throws {
        dir = try TempDir()
        store = try SkillStore(path: dir.path("radar.sqlite"))
        tax = try Fixture.taxonomy(store)
        run = try Fixture.run(store, taxonomy: tax)
    }

    override func tearDown() {
        store = nil
        dir = nil
    }

    func insert(_ items: [(PostingRow, [MentionRow])], quarantined: [QuarantineRow] = [],
                run: Int64? = nil, taxonomy: Int64? = nil) throws -> [InsertOutcome] {
        try store.insertBatch(runID: run ?? self.run, taxonomyID: taxonomy ?? tax, items: items,
                              quarantined: quarantined)
    }

    func id(_ sourceID: String) throws -> Int {
        try store.scalar("SELECT id FROM postings WHERE source_id = ?", [.text(sourceID)])
    }

    func testNewDuplicateAndAlreadyPresent() throws {
        let a = Fixture.posting("a", hash: "h1", employer: "Acme")
        let b = Fixture.posting("b", hash: "h1", date: "2021-04-01", region: "Paris", employer: "Acme")
        let c = Fixture.posting("c", hash: "h2")
        XCTAssertEqual(try insert([(a, [Fixture.mention("swift")]), (b, [Fixture.mention("swift")]),
                                   (c, [Fixture.mention("sql")])]),
                       [.new, .duplicate(.exact), .new])
        // The duplicate is kept and linked to the original.
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), 3)
        XCTAssertEqual(try store.scalar("SELECT duplicate_of FROM postings WHERE source_id = 'b'"), try id("a"))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings WHERE duplicate_of IS NULL"), 2)
        // A duplicate gets no mentions.
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions WHERE posting_id = ?", [.init(try id("b"))]), 0)
        // The same source ids again: already present, whatever their content now.
        let changed = Fixture.posting("a", hash: "h-changed", title: "Edited")
        XCTAssertEqual(try insert([(changed, []), (b, []), (c, [])]), [.alreadyPresent, .alreadyPresent, .alreadyPresent])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), 3)
        XCTAssertEqual(try store.text("SELECT title FROM postings WHERE source_id = 'a'"), "Job")
    }

    func testDuplicatesAreExcludedFromAggregates() throws {
        var items: [(PostingRow, [MentionRow])] = [(Fixture.posting("orig", hash: "same", employer: "Mega"),
                                                    [Fixture.mention("k8s")])]
        for i in 0..<50 {
            items.append((Fixture.posting("dup\(i)", hash: "same", employer: "Mega"), [Fixture.mention("k8s")]))
        }
        let outcomes = try insert(items)
        XCTAssertEqual(outcomes.first, .new)
        XCTAssertEqual(outcomes.filter { $0 == .duplicate(.exact) }.count, 50)
        try store.refreshAggregates()
        XCTAssertEqual(try store.scalar("SELECT sum(postings) FROM agg_period_totals"), 1)
        XCTAssertEqual(try store.scalar("SELECT sum(postings) FROM agg_skill_month WHERE concept_id = 'k8s'"), 1)
        XCTAssertEqual(try store.scalar("SELECT count(DISTINCT duplicate_of) FROM postings WHERE duplicate_of IS NOT NULL"), 1)
    }

    func testAnonymousRecordsDedupeByHash() throws {
        let anon = Fixture.posting(nil, hash: "anon-1")
        XCTAssertEqual(try insert([(anon, [Fixture.mention("swift")]), (anon, [Fixture.mention("swift")])]),
                       [.new, .alreadyPresent])
        XCTAssertEqual(try insert([(anon, [])]), [.alreadyPresent])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings WHERE source_id IS NULL"), 1)
        // An anonymous copy of an identified posting is a duplicate, once.
        XCTAssertEqual(try insert([(Fixture.posting("named", hash: "h-named"), [])]), [.new])
        let anonCopy = Fixture.posting(nil, hash: "h-named")
        XCTAssertEqual(try insert([(anonCopy, [])]), [.duplicate(.exact)])
        XCTAssertEqual(try insert([(anonCopy, [])]), [.alreadyPresent])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), 3)
    }

    func testSameSourceIDTwiceInOneBatch() throws {
        let p = Fixture.posting("x", hash: "hx")
        XCTAssertEqual(try insert([(p, [Fixture.mention("sql")]), (p, [Fixture.mention("sql")])]), [.new, .alreadyPresent])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions"), 1)
    }

    func testCorporaAreSeparate() throws {
        let demand = Fixture.posting("same-id", hash: "same-hash")
        let supply = Fixture.posting("same-id", hash: "same-hash", corpus: .supply)
        XCTAssertEqual(try insert([(demand, []), (supply, [])]), [.new, .new])
    }

    func testStoredFieldsAndPeriodMonth() throws {
        _ = try insert([(Fixture.posting("d", hash: "hd", date: "2021-03-04", region: "Wien", employer: "E",
                                         title: "T", text: "X", line: 42), []),
                        (Fixture.posting("u", hash: "hu", date: nil, region: nil, employer: nil), [])])
        let d = try store.db.prepare("""
            SELECT corpus, source_id, content_hash, title, text, date, period_month, region, employer, source_path,
                   source_line, first_run_id, duplicate_of FROM postings WHERE source_id = 'd'
            """).rows().first ?? []
        XCTAssertEqual(d, [.text("demand"), .text("d"), .text("hd"), .text("T"), .text("X"), .text("2021-03-04"),
                           .text("2021-03"), .text("Wien"), .text("E"), .text("in.jsonl"), .int(42), .int(run), .null])
        let u = try store.db.prepare("SELECT date, period_month, region, employer FROM postings WHERE source_id = 'u'")
            .rows().first ?? []
        XCTAssertEqual(u, [.null, .null, .null, .null])
    }

    func testMentionsAreStoredOnce() throws {
        let p = Fixture.posting("m", hash: "hm")
        _ = try insert([(p, [Fixture.mention("swift", count: 3, text: "Swift"), Fixture.mention("sql")])])
        // The same posting again, even with other mentions, changes nothing.
        _ = try insert([(p, [Fixture.mention("swift", count: 9), Fixture.mention("k8s")])])
        let rows = try store.db.prepare("""
            SELECT concept_id, count, first_start, first_end, matched_text FROM mentions ORDER BY concept_id
            """).rows()
        XCTAssertEqual(rows, [[.text("sql"), .int(1), .int(0), .int(3), .text("sql")],
                              [.text("swift"), .int(3), .int(0), .int(5), .text("Swift")]])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM posting_matches"), 1)
    }

    func testAnExistingPostingGetsMentionsForANewTaxonomy() throws {
        let p = Fixture.posting("m", hash: "hm")
        XCTAssertEqual(try insert([(p, [Fixture.mention("swift")])]), [.new])
        let tax2 = try Fixture.taxonomy(store, digest: "digest-2")
        let run2 = try Fixture.run(store, taxonomy: tax2)
        XCTAssertEqual(try insert([(p, [Fixture.mention("k8s"), Fixture.mention("sql")])], run: run2, taxonomy: tax2),
                       [.alreadyPresent])
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions WHERE taxonomy_id = ?", [.int(tax)]), 1)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions WHERE taxonomy_id = ?", [.int(tax2)]), 2)
        XCTAssertEqual(try store.scalar("SELECT run_id FROM posting_matches WHERE taxonomy_id = ?", [.int(tax2)]), Int(run2))
    }

    func batch() -> [(PostingRow, [MentionRow])] {
        var items: [(PostingRow, [MentionRow])] = []
        for i in 0..<30 {
            let month = String(format: "2021-%02d-15", i % 3 + 1)
            let region = i % 2 == 0 ? "Berlin" : "Paris"
            var mentions = [Fixture.mention("swift")]
            if i % 3 == 0 { mentions.append(Fixture.mention("sql", count: 2)) }
            items.append((Fixture.posting("p\(i)", hash: "h\(i)", date: month, region: region,
                                          employer: "E\(i % 4)"), mentions))
        }
        // Reposts of p0 and p1 under new ids, and anonymous records.
        items.append((Fixture.posting("p0-repost", hash: "h0", date: "2021-01-15", region: "Berlin", employer: "E0"),
                      [Fixture.mention("swift")]))
        items.append((Fixture.posting("p1-repost", hash: "h1", date: "2021-02-15", region: "Paris", employer: "E1"),
                      [Fixture.mention("swift")]))
        items.append((Fixture.posting(nil, hash: "anon", date: "2021-03-01", region: "Berlin"), [Fixture.mention("k8s")]))
        return items
    }

    func testRerunningTheSameBatchInANewRunChangesNoAggregate() throws {
        let first = try insert(batch())
        XCTAssertEqual(first.filter { $0 == .new }.count, 31)
        XCTAssertEqual(first.filter { $0 == .duplicate(.exact) }.count, 2)
        try store.refreshAggregates()
        let before = try store.aggregateSnapshot()
        let postingsBefore = try store.scalar("SELECT count(*) FROM postings")
        try store.finishRun(run, status: .completed)

        let run2 = try Fixture.run(store, taxonomy: tax)
        let second = try insert(batch(), run: run2)
        XCTAssertEqual(second, Array(repeating: .alreadyPresent, count: batch().count))
        try store.refreshAggregates()
        XCTAssertEqual(try store.aggregateSnapshot(), before)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), postingsBefore)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings WHERE first_run_id = ?", [.int(run2)]), 0)
    }

    /// Storing the same record again is documented as a no-op ("already present"). For a posting stored as a
    /// duplicate, the second run stores its mentions (and a posting_matches row) although the first did not.
    func testRerunStoresMentionsForDuplicatePostings() throws {
        _ = try insert(batch())
        let mentionsBefore = try store.scalar("SELECT count(*) FROM mentions")
        let matchesBefore = try store.scalar("SELECT count(*) FROM posting_matches")
        let run2 = try Fixture.run(store, taxonomy: tax)
        _ = try insert(batch(), run: run2)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions"), mentionsBefore,
                       "a rerun must not add mentions")
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM posting_matches"), matchesBefore,
                       "a rerun must not add posting_matches")
        XCTAssertEqual(try store.scalar("""
            SELECT count(*) FROM mentions m JOIN postings p ON p.id = m.posting_id WHERE p.duplicate_of IS NOT NULL
            """), 0, "duplicates never have mentions")
    }

    func testQuarantineRowsAreListedNewestRunFirst() throws {
        let q1 = QuarantineRow(sourcePath: "a.jsonl", line: 3, offset: 120, reason: "not valid JSON", excerpt: "{\"id\"")
        let q2 = QuarantineRow(sourcePath: "a.jsonl", line: 9, offset: 400, reason: "invalid UTF-8", excerpt: "")
        _ = try insert([], quarantined: [q1, q2])
        let run2 = try Fixture.run(store, taxonomy: tax)
        let q3 = QuarantineRow(sourcePath: "b.csv", line: 2, offset: 10, reason: "invalid date '2021-02-30'", excerpt: "x")
        _ = try insert([(Fixture.posting("z", hash: "hz"), [])], quarantined: [q3], run: run2)
        let listed = try store.quarantine()
        XCTAssertEqual(listed.map(\.runID), [run2, run, run])
        XCTAssertEqual(listed.map(\.row), [q3, q1, q2])
        XCTAssertEqual(try store.quarantine(limit: 2).map(\.row), [q3, q1])
    }
}
