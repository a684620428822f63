import Foundation
import XCTest
@testable import SkillStore

private struct Boom: Error, CustomStringConvertible {
    var description: String { "boom" }
}

final class TransactionTests: XCTestCase {
    func testTransactionThatThrowsIsRolledBack() throws {
        let dir = try TempDir()
        let db = try SQLiteConnection(path: dir.path("t.sqlite"))
        try db.execute("CREATE TABLE t(x INTEGER)")
        try db.prepare("INSERT INTO t(x) VALUES(?)").run([.int(1)])
        XCTAssertThrowsError(try db.transaction("demo") { () throws -> Void in
            try db.prepare("INSERT INTO t(x) VALUES(?)").run([.int(2)])
            try db.prepare("INSERT INTO t(x) VALUES(?)").run([.int(3)])
            XCTAssertEqual(try db.prepare("SELECT count(*) FROM t").rows().first?[0].int, 3, "visible inside")
            throw Boom()
        }) { error in
            XCTAssertEqual("\(error)", "demo failed and was rolled back: boom")
        }
        XCTAssertEqual(try db.prepare("SELECT x FROM t ORDER BY x").rows(), [[.int(1)]])
        // The connection is usable afterwards (no transaction left open).
        let v = try db.transaction("ok") { () throws -> Int in
            try db.prepare("INSERT INTO t(x) VALUES(?)").run([.int(4)])
            return 42
        }
        XCTAssertEqual(v, 42)
        XCTAssertEqual(try db.prepare("SELECT x FROM t ORDER BY x").rows(), [[.int(1)], [.int(4)]])
    }

    func testSQLErrorInsideTransactionRollsBack() throws {
        let dir = try TempDir()
        let db = try SQLiteConnection(path: dir.path("t.sqlite"))
        try db.execute("CREATE TABLE t(x INTEGER NOT NULL)")
        XCTAssertThrowsError(try db.transaction("bad insert") { () throws -> Void in
            try db.prepare("INSERT INTO t(x) VALUES(?)").run([.int(1)])
            try db.prepare("INSERT INTO t(x) VALUES(?)").run([.null])
        }) { error in
            XCTAssertTrue("\(error)".hasPrefix("bad insert failed and was rolled back"), "\(error)")
            XCTAssertTrue("\(error)".contains("NOT NULL"), "\(error)")
        }
        XCTAssertEqual(try db.prepare("SELECT count(*) FROM t").rows().first?[0].int, 0)
    }

    func testInsertBatchFailingMidBatchStoresNothing() throws {
        let dir = try TempDir()
        let store = try SkillStore(path: dir.path("radar.sqlite"))
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        let good = Fixture.posting("good", hash: "h1")
        let bad = Fixture.posting("bad", hash: "h2")
        let q = QuarantineRow(sourcePath: "in.jsonl", line: 1, offset: 0, reason: "r", excerpt: "")
        // A mention count of 0 violates CHECK(count > 0) on the second posting.
        XCTAssertThrowsError(try store.insertBatch(runID: run, taxonomyID: tax, items: [
            (good, [Fixture.mention("swift")]),
            (bad, [Fixture.mention("sql", count: 0)]),
        ], quarantined: [q])) { error in
            XCTAssertTrue("\(error)".contains("insertBatch failed and was rolled back"), "\(error)")
        }
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM postings"), 0)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM mentions"), 0)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM posting_matches"), 0)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM quarantine"), 0)
        // The same good posting can be stored afterwards as new.
        XCTAssertEqual(try store.insertBatch(runID: run, taxonomyID: tax, items: [(good, [Fixture.mention("swift")])],
                                             quarantined: []), [.new])
    }

    func testReadOnlyStoreCannotWrite() throws {
        let dir = try TempDir()
        let path = dir.path("radar.sqlite")
        let tax: Int64
        let run: Int64
        do {
            let writer = try SkillStore(path: path)
            tax = try Fixture.taxonomy(writer)
            run = try Fixture.run(writer, taxonomy: tax)
            _ = try writer.insertBatch(runID: run, taxonomyID: tax, items: [(Fixture.posting("a", hash: "h"), [])],
                                       quarantined: [])
        }
        let reader = try SkillStore(path: path, readOnly: true)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM postings"), 1)
        XCTAssertEqual(try reader.runs().count, 1)
        XCTAssertThrowsError(try reader.insertBatch(runID: run, taxonomyID: tax,
                                                    items: [(Fixture.posting("b", hash: "h2"), [])], quarantined: []))
        XCTAssertThrowsError(try reader.db.execute("INSERT INTO taxonomies(digest, name, version, concepts, labels) VALUES('x','x','x',0,0)"))
        XCTAssertThrowsError(try reader.db.execute("DELETE FROM postings"))
        XCTAssertThrowsError(try reader.refreshAggregates())
        XCTAssertThrowsError(try reader.finishRun(run, status: .completed))
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM postings"), 1)
        XCTAssertEqual(try reader.runs().first?.status, .running)
    }

    func testReaderSeesCommittedDataWhileWriterIsOpen() throws {
        let dir = try TempDir()
        let path = dir.path("radar.sqlite")
        let writer = try SkillStore(path: path)
        let tax = try Fixture.taxonomy(writer)
        let run = try Fixture.run(writer, taxonomy: tax)
        let reader = try SkillStore(path: path, readOnly: true)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM postings"), 0)
        _ = try writer.insertBatch(runID: run, taxonomyID: tax, items: [(Fixture.posting("a", hash: "h"), [])],
                                   quarantined: [])
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM postings"), 1)
    }

    func testOpeningAMissingDatabaseReadOnlyMentionsAnalyze() throws {
        let dir = try TempDir()
        let path = dir.path("missing.sqlite")
        XCTAssertThrowsError(try SkillStore(path: path, readOnly: true)) { error in
            XCTAssertTrue("\(error)".contains("skillradar analyze"), "\(error)")
            XCTAssertTrue("\(error)".contains(path), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a read-only open must not create the file")
        XCTAssertThrowsError(try SQLiteConnection(path: path, readOnly: true)) { error in
            XCTAssertTrue("\(error)".contains("skillradar analyze"), "\(error)")
        }
    }

    func testBadSQLReportsTheStatement() throws {
        let dir = try TempDir()
        let db = try SQLiteConnection(path: dir.path("t.sqlite"))
        XCTAssertThrowsError(try db.prepare("SELEC nonsense")) { error in
            XCTAssertTrue("\(error)".contains("SELEC nonsense"), "\(error)")
        }
        XCTAssertThrowsError(try db.execute("CREATE TABLE")) { error in
            XCTAssertTrue("\(error)".hasPrefix("SQL failed"), "\(error)")
        }
    }

    func testValuesRoundTrip() throws {
        let dir = try TempDir()
        let db = try SQLiteConnection(path: dir.path("t.sqlite"))
        try db.execute("CREATE TABLE v(a, b, c, d)")
        let values: [SQLValue] = [.int(Int64.max), .double(0.25), .text("äöü \u{1F600} 'quoted'"), .null]
        try db.prepare("INSERT INTO v VALUES(?,?,?,?)").run(values)
        XCTAssertEqual(try db.prepare("SELECT * FROM v").rows(), [values])
        XCTAssertEqual(db.changes, 1)
        XCTAssertEqual(db.lastInsertRowID, 1)
    }
}
