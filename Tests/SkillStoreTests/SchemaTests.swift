import Foundation
import XCTest
@testable import SkillStore

final class SchemaTests: XCTestCase {
    func testMigrationsAreIdempotent() throws {
        let dir = try TempDir()
        let path = dir.path("radar.sqlite")
        do {
            let store = try SkillStore(path: path)
            _ = try Fixture.taxonomy(store)
            XCTAssertEqual(try store.scalar("SELECT count(*) FROM schema_migrations"), SkillStore.migrations.count)
        }
        for _ in 0..<2 {
            let again = try SkillStore(path: path)
            XCTAssertEqual(try again.scalar("SELECT count(*) FROM schema_migrations"), SkillStore.migrations.count)
            XCTAssertEqual(try again.text("SELECT name FROM schema_migrations ORDER BY name LIMIT 1"), "001-initial")
            XCTAssertEqual(try again.scalar("SELECT count(*) FROM taxonomies"), 1, "data survives reopening")
            XCTAssertEqual(try again.scalar("SELECT count(*) FROM concepts"), 3)
        }
    }

    func testTwoConnectionsOnTheSameFileBothMigrateSafely() throws {
        let dir = try TempDir()
        let path = dir.path("radar.sqlite")
        let a = try SkillStore(path: path)
        let b = try SkillStore(path: path)
        XCTAssertEqual(try a.scalar("SELECT count(*) FROM schema_migrations"), SkillStore.migrations.count)
        XCTAssertEqual(try b.scalar("SELECT count(*) FROM schema_migrations"), SkillStore.migrations.count)
    }

    func testSchemaHasTheDocumentedTables() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tables = Set(try store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").rows()
            .compactMap { $0[0].string })
        for t in ["schema_migrations", "taxonomies", "concepts", "runs", "run_inputs", "postings", "posting_matches",
                  "mentions", "quarantine", "agg_period_totals", "agg_skill_month", "agg_employers", "posting_lsh",
                  "posting_occupations", "region_resolutions", "region_places", "posting_roles", "source_readers"] {
            XCTAssertTrue(tables.contains(t), "missing table \(t)")
        }
        XCTAssertEqual(SkillStore.schemaVersion, 6)
    }

    func testWALModeIsOn() throws {
        let dir = try TempDir()
        let path = dir.path("radar.sqlite")
        let store = try SkillStore(path: path)
        XCTAssertEqual(try store.text("PRAGMA journal_mode"), "wal")
        XCTAssertEqual(try store.scalar("PRAGMA foreign_keys"), 1)
        // WAL is persistent: a plain connection sees it too.
        let plain = try SQLiteConnection(path: path)
        XCTAssertEqual(try plain.prepare("PRAGMA journal_mode").rows().first?[0].string, "wal")
    }

    func testForeignKeysAreEnforced() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tax = try Fixture.taxonomy(store)
        XCTAssertThrowsError(try store.insertBatch(runID: 999, taxonomyID: tax,
                                                   items: [(Fixture.posting("a", hash: "h"), [])], quarantined: []))
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), 0)
    }
}
