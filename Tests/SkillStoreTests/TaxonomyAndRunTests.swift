import Foundation
import XCTest
@testable import SkillStore

final class TaxonomyAndRunTests: XCTestCase {
    var dir: TempDir!
    var store: SkillStore!

    override func setUpWithError() throws {
        dir = try TempDir()
        store = try SkillStore(path: dir.path("radar.sqlite"))
    }

    override func tearDown() {
        store = nil
        dir = nil
    }

    func testRecordTaxonomyReturnsTheSameIDForTheSameDigest() throws {
        let a = try Fixture.taxonomy(store, digest: "abc")
        let b = try Fixture.taxonomy(store, digest: "abc")
        let c = try store.recordTaxonomy(name: "renamed", version: "2", digest: "abc", labelCount: 1, concepts: [])
        XCTAssertEqual(a, b)
        XCTAssertEqual(a, c)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM taxonomies"), 1)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM concepts WHERE taxonomy_id = ?", [.int(a)]), 3,
                       "concepts are stored once")
        let d = try Fixture.taxonomy(store, digest: "other")
        XCTAssertNotEqual(a, d)
        XCTAssertEqual(try store.scalar("SELECT count(*) FROM concepts"), 6)
        let row = try store.db.prepare("""
            SELECT name, version, concepts, labels FROM taxonomies WHERE id = ?
            """).rows([.int(a)]).first ?? []
        XCTAssertEqual(row, [.text("test"), .text("1"), .int(3), .int(5)])
        let k8s = try store.db.prepare("""
            SELECT label, type, hot_technology, in_demand FROM concepts WHERE taxonomy_id = ? AND concept_id = 'k8s'
            """).rows([.int(a)]).first ?? []
        XCTAssertEqual(k8s, [.text("Kubernetes"), .text("technology"), .int(1), .int(1)])
    }

    func testRunLifecycle() throws {
        let tax = try Fixture.taxonomy(store)
        let run1 = try Fixture.run(store, taxonomy: tax)
        let run2 = try Fixture.run(store, taxonomy: tax, corpus: .supply)
        XCTAssertEqual(run2, run1 + 1)
        var runs = try store.runs()
        XCTAssertEqual(runs.map(\.id), [run2, run1], "newest first")
        XCTAssertEqual(runs.last?.status, .running)
        XCTAssertNil(runs.last?.finishedAt)
        XCTAssertEqual(runs.last?.parameters, "a=1; b=2", "parameters sorted by key")
        XCTAssertEqual(runs.last?.taxonomyDigest, "digest-1")
        XCTAssertEqual(runs.last?.corpus, "demand")
        XCTAssertEqual(runs.first?.corpus, "supply")
        XCTAssertEqual(runs.last?.command, "skillradar analyze in.jsonl")
        try store.finishRun(run1, status: .completed)
        runs = try store.runs()
        XCTAssertEqual(runs.last?.status, .completed)
        XCTAssertNotNil(runs.last?.finishedAt)
        XCTAssertEqual(runs.first?.status, .running)
    }

    /// A status is a ``RunStatus``; the schema's CHECK still refuses any other text written to the table, and a
    /// row holding one is an error when read, never a silent value.
    func testInvalidRunStatusIsRejectedAndUnreadable() throws {
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        XCTAssertNil(RunStatus(rawValue: "exploded"))
        XCTAssertThrowsError(try store.db.prepare("UPDATE runs SET status = 'exploded' WHERE id = ?").run([.int(run)]))
        XCTAssertEqual(try store.runs().first?.status, .running)
        XCTAssertNil(try store.runs().first?.finishedAt)
        try store.db.execute("PRAGMA ignore_check_constraints = ON")
        try store.db.prepare("UPDATE runs SET status = 'exploded' WHERE id = ?").run([.int(run)])
        XCTAssertThrowsError(try store.runs()) { XCTAssertTrue("\($0)".contains("unknown status 'exploded'"), "\($0)") }
    }

    func testLatestTaxonomyPrefersCompletedRuns() throws {
        XCTAssertNil(try store.latestTaxonomy())
        let t1 = try Fixture.taxonomy(store, digest: "one")
        let t2 = try Fixture.taxonomy(store, digest: "two")
        let r1 = try Fixture.run(store, taxonomy: t1)
        XCTAssertEqual(try store.latestTaxonomy()?.id, t1)
        _ = try Fixture.run(store, taxonomy: t2)
        XCTAssertEqual(try store.latestTaxonomy()?.id, t2, "newest run when none completed")
        try store.finishRun(r1, status: .completed)
        XCTAssertEqual(try store.latestTaxonomy()?.id, t1, "a completed run wins over a newer unfinished one")
        XCTAssertEqual(try store.latestTaxonomy()?.digest, "one")
    }

    func testInputAccountingRoundTrip() throws {
        let tax = try Fixture.taxonomy(store)
        let run = try Fixture.run(store, taxonomy: tax)
        var a = InputAccount(path: "/data/in.jsonl", sha256: "ff", bytes: 1234, format: "jsonl")
        a.read = 10; a.new = 6; a.duplicates = 2; a.alreadyPresent = 1; a.quarantined = 1
        a.exactDuplicates = 1; a.nearDuplicates = 1
        XCTAssertTrue(a.balanced)
        try store.recordInput(runID: run, a)
        a.new = 5
        XCTAssertFalse(a.balanced)
        a.quarantined = 2
        try store.recordInput(runID: run, a) // replaces the first entry
        let inputs = try store.inputs()
        XCTAssertEqual(inputs.count, 1)
        XCTAssertEqual(inputs.first?.runID, run)
        XCTAssertEqual(inputs.first?.account, a)
    }
}
