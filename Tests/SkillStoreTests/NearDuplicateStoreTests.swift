import XCTest
@testable import SkillStore

/// A resolver that links chosen batch items to chosen originals, and records what it was told.
final class ScriptedResolver: DuplicateResolver {
    var links: [Int: (toItem: Int, kind: DuplicateLink.Kind, similarity: Double)] = [:]
    var storedIDs: [Int: Int64] = [:]
    var exactSeen: [Int: Int64] = [:]

    func resolve(item: Int, postingID: Int64, exactOriginal: Int64?) throws -> DuplicateLink? {
        if let e = exactOriginal { exactSeen[item] = e }
        guard let l = links[item], let original = storedIDs[l.toItem] else {
            return exactOriginal.map { DuplicateLink(original: $0, kind: .exact, similarity: 1) }
        }
        return DuplicateLink(original: original, kind: l.kind, similarity: l.similarity)
    }

    func didStoreOriginal(item: Int, postingID: Int64) { storedIDs[item] = postingID }
}

final class NearDuplicateStoreTests: XCTestCase {
    func testResolverLinksAreStoredAndExcludedFromAggregates() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        var a = Fixture.posting("a", hash: "ha", employer: "Acme")
        a.bandKeys = [1, 2, 3]
        var b = Fixture.posting("b", hash: "hb", employer: "Other")
        b.bandKeys = [1, 9, 9]
        var c = Fixture.posting("c", hash: "hc", date: "2021-03-20", employer: "Acme")
        c.bandKeys = [7, 2, 5]
        let d = Fixture.posting("d", hash: "ha")
        let resolver = ScriptedResolver()
        resolver.links = [1: (0, .near, 0.93), 2: (0, .repost, 0.97)]
        let outcomes = try store.insertBatch(
            runID: run, taxonomyID: tax,
            items: [(a, [Fixture.mention("swift")]), (b, [Fixture.mention("swift"), Fixture.mention("sql")]),
                    (c, [Fixture.mention("k8s")]), (d, [Fixture.mention("swift")])],
            quarantined: [], resolver: resolver, lshScheme: "test-scheme")
        XCTAssertEqual(outcomes, [.new, .duplicate(.near), .duplicate(.repost), .duplicate(.exact)])
        let idA = try XCTUnwrap(resolver.storedIDs[0])
        XCTAssertEqual(resolver.storedIDs.count, 1, "only the original is indexed")
        XCTAssertEqual(resolver.exactSeen, [3: idA])
        let rows = try store.db.prepare("""
            SELECT source_id, duplicate_of, duplicate_kind, similarity FROM postings ORDER BY source_id
            """).rows()
        XCTAssertEqual(rows, [[.text("a"), .null, .null, .null],
                              [.text("b"), .int(idA), .text("near"), .double(0.93)],
                              [.text("c"), .int(idA), .text("repost"), .double(0.97)],
                              [.text("d"), .int(idA), .text("exact"), .double(1)]])
        XCTAssertEqual(try store.scalar("SELECT sum(postings) FROM agg_period_totals"), 1)
        XCTAssertEqual(try store.scalar("SELECT sum(employers) FROM agg_period_totals"), 1)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions"), 1)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM posting_lsh"), 1)
        var loaded: [(Int64, [UInt64])] = []
        try store.forEachBandKeys(corpus: .demand, scheme: "test-scheme") { loaded.append(($0, $1)) }
        XCTAssertEqual(loaded.map(\.0), [idA])
        XCTAssertEqual(loaded.first?.1, [1, 2, 3])
        let before = try store.aggregateSnapshot()
        try store.refreshAggregates()
        XCTAssertEqual(try store.aggregateSnapshot(), before, "additions equal recomputation with near-duplicates")

        // Rerunning the batch stores nothing and asks the resolver nothing.
        let again = ScriptedResolver()
        let second = try store.insertBatch(runID: run, taxonomyID: tax, items: [(a, []), (b, []), (c, []), (d, [])],
                                           quarantined: [], resolver: again, lshScheme: "test-scheme")
        XCTAssertEqual(second, Array(repeating: .alreadyPresent, count: 4))
        XCTAssertTrue(again.storedIDs.isEmpty)
        XCTAssertTrue(again.exactSeen.isEmpty)
    }

    func testBandKeysEncodingAndBackfillQueries() throws {
        for keys: [UInt64] in [[], [0], [1, .max, 0x0102_0304_0506_0708]] {
            XCTAssertEqual(SkillStore.decodeKeys(SkillStore.encode(keys)), keys)
        }
        XCTAssertNil(SkillStore.decodeKeys([1, 2, 3]))
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        var a = Fixture.posting("a", hash: "ha", title: "T1", text: "alpha")
        a.bandKeys = [5]
        let b = Fixture.posting("b", hash: "hb", title: "T2", text: "beta")
        _ = try store.insertBatch(runID: run, taxonomyID: tax, items: [(a, [])], quarantined: [], lshScheme: "s1")
        // As stored by a run without near-duplicate detection: no band keys.
        _ = try store.insertBatch(runID: run, taxonomyID: tax, items: [(b, [])], quarantined: [])
        let missing = try store.originalsWithoutBandKeys(corpus: .demand, scheme: "s1")
        XCTAssertEqual(missing.map(\.1), ["T2"], "b has no band keys")
        XCTAssertEqual(try store.originalsWithoutBandKeys(corpus: .demand, scheme: "s2").map(\.2), ["alpha", "beta"])
        XCTAssertEqual(try store.originalsWithoutBandKeys(corpus: .supply, scheme: "s1").count, 0)
        try store.storeBandKeys(missing.map { ($0.0, [42]) }, corpus: .demand, scheme: "s1")
        XCTAssertEqual(try store.originalsWithoutBandKeys(corpus: .demand, scheme: "s1").count, 0)
        let f = try XCTUnwrap(store.dedupFields(of: try XCTUnwrap(missing.first).0))
        XCTAssertEqual(f.title, "T2")
        XCTAssertEqual(f.text, "beta")
        XCTAssertEqual(f.employer, "Acme")
        XCTAssertEqual(f.date, "2021-03-04")
    }

    /// A database made before migration 003 (001 and 002 applied, an exact duplicate stored) is upgraded.
    func testMigration003UpgradesAnOlderDatabase() throws {
        let dir = try TempDir()
        let path = dir.path("old.sqlite")
        do {
            let db = try SQLiteConnection(path: path)
            try db.execute("CREATE TABLE schema_migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            for (name, sql) in SkillStore.migrations.prefix(2) {
                try db.execute(sql)
                try db.prepare("INSERT INTO schema_migrations VALUES(?, 'x')").run([.text(name)])
            }
            try db.execute("""
                INSERT INTO taxonomies VALUES(1, 'd', 't', '1', 0, 0);
                INSERT INTO runs VALUES(1, 'x', NULL, 'completed', 'v', 1, 'tok', 'demand', '', '');
                INSERT INTO run_inputs VALUES(1, 'in.jsonl', 'ff', 10, 'jsonl', 3, 2, 1, 0, 0);
                INSERT INTO postings(id, corpus, source_id, content_hash, title, text, source_path, source_line,
                                     first_run_id, duplicate_of)
                VALUES(1, 'demand', 'a', 'h', 'T', 'x', 'in', 1, 1, NULL), (2, 'demand', 'b', 'h', 'T', 'x', 'in', 2, 1, 1);
                INSERT INTO mentions VALUES(1, 1, 'swift', 1, 0, 5, 'Swift');
                """)
        }
        let store = try SkillStore(path: path)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM schema_migrations"), SkillStore.migrations.count)
        XCTAssertEqual(try store.text("SELECT duplicate_kind FROM postings WHERE id = 2"), "exact")
        XCTAssertEqual(try store.db.prepare("SELECT similarity FROM postings WHERE id = 2").rows().first?[0], .double(1))
        XCTAssertEqual(try store.scalar("SELECT duplicates_exact FROM run_inputs"), 1)
        XCTAssertEqual(try store.inputs().first?.account.exactDuplicates, 1)
        XCTAssertEqual(try store.db.prepare("SELECT confidence FROM mentions").rows().first?[0], .double(1))
        let columns = try store.db.prepare("PRAGMA table_info(posting_occupations)").rows().compactMap { $0[1].string }
        XCTAssertEqual(columns, ["posting_id", "occupation_id", "occupation_label", "isco_code", "onet_code",
                                 "confidence", "method"])
        XCTAssertEqual(try store.text("""
            SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posting_occupations'
              AND sql LIKE '%occupation_id%'
            """), "posting_occupations_occupation")
        XCTAssertThrowsError(try store.db.execute("UPDATE postings SET duplicate_kind = 'fuzzy' WHERE id = 2"))
    }

    func testAccountBalancesOnlyWhenKindsAddUp() {
        var a = InputAccount(path: "p", sha256: "s", bytes: 1, format: "jsonl")
        for o: InsertOutcome in [.new, .new, .duplicate(.exact), .duplicate(.near), .duplicate(.repost), .alreadyPresent] {
            a.read += 1
            a.count(o)
        }
        XCTAssertEqual([a.new, a.duplicates, a.exactDuplicates, a.nearDuplicates, a.reposts, a.alreadyPresent],
                       [2, 3, 1, 1, 1, 1])
        XCTAssertTrue(a.balanced)
        XCTAssertEqual(a.duplicateRate, 0.6, accuracy: 1e-12)
        a.nearDuplicates += 1
        XCTAssertFalse(a.balanced)
    }
}
