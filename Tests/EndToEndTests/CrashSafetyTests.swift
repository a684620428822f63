import Foundation
import SkillStore
import XCTest

/// A run killed with SIGKILL and rerun on the same input gives exactly the aggregates of an uninterrupted run.
final class CrashSafetyTests: XCTestCase {
    func testKilledRunThenRerunEqualsUninterruptedRun() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("c.jsonl").path
        XCTAssertEqual(try CLI.run(["generate", "--out", corpus, "--postings", "6000", "--seed", "3",
                                    "--mean-bytes", "1200"]).status, 0)
        // Near-duplicates and reposts across batches: decisions must survive kill and rerun too.
        let planted = try CLI.plantNearDuplicates(in: corpus, every: 40, offset: 150)
        XCTAssertGreaterThan(planted.count, 100)
        // Reference: one uninterrupted run.
        let clean = dir.appendingPathComponent("clean.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", corpus, "--db", clean, "--quiet", "--batch-size", "100"]).status, 0)

        // Killed run: SIGKILL at several points after the run has started writing (not by the clock alone: on a
        // busy machine loading the taxonomy can outlast a fixed delay), then a rerun to completion.
        let killed = dir.appendingPathComponent("killed.sqlite").path
        func runsStarted() -> Int {
            guard FileManager.default.fileExists(atPath: killed),
                  let c = try? SQLiteConnection(path: killed, readOnly: true),
                  let rows = try? c.prepare("SELECT count(*) FROM runs").rows() else { return 0 }
            return rows.first?.first?.int ?? 0
        }
        var killedMidway = false
        for delay in [0.05, 0.4, 1.0] {
            let before = runsStarted()
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["analyze", corpus, "--db", killed, "--quiet", "--batch-size", "100"]
            p.currentDirectoryURL = CLI.root
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(60)
            while p.isRunning, runsStarted() <= before, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killedMidway = true
            }
            p.waitUntilExit()
        }
        XCTAssertTrue(killedMidway, "the run finished before any kill; raise the corpus size")
        let rerun = try CLI.run(["analyze", corpus, "--db", killed, "--quiet", "--batch-size", "100"])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)

        for args in [["trends", "--granularity", "month", "--top", "40", "--format", "csv"],
                     ["emerging", "--all", "--limit", "100000", "--format", "csv"]] {
            let a = try CLI.run(args + ["--db", clean]), b = try CLI.run(args + ["--db", killed])
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertEqual(a.stdout, b.stdout, "\(args[0]) differs after kill and rerun")
        }
        // Every planted copy is linked to its original with the planted kind, in both databases alike.
        let links = "SELECT c.source_id, o.source_id, c.duplicate_kind FROM postings c "
            + "JOIN postings o ON o.id = c.duplicate_of ORDER BY c.source_id"
        let cleanLinks = try SQLiteConnection(path: clean).prepare(links).rows()
        XCTAssertEqual(try SQLiteConnection(path: killed).prepare(links).rows(), cleanLinks)
        let found = Set(cleanLinks.map { "\($0[0].string ?? "") \($0[1].string ?? "") \($0[2].string ?? "")" })
        for (copy, original, kind) in planted {
            XCTAssertTrue(found.contains("\(copy) \(original) \(kind)"), "\(copy) → \(original) as \(kind)")
        }
        let runs = try CLI.run(["runs", "--db", killed, "--format", "csv"])
        XCTAssertTrue(runs.stdout.contains("running"), "killed runs stay marked running: \(runs.stdout)")
        XCTAssertTrue(runs.stdout.contains("completed"), runs.stdout)
    }

    /// The run summary counts near-duplicates and reposts; --no-near-dup finds exact duplicates only;
    /// a higher threshold misses copies below it.
    func testNearDuplicateAccountingAndOptions() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("c.jsonl").path
        XCTAssertEqual(try CLI.run(["generate", "--out", corpus, "--postings", "600", "--seed", "5",
                                    "--mean-bytes", "1500"]).status, 0)
        let planted = try CLI.plantNearDuplicates(in: corpus, every: 20, offset: 7)
        let near = planted.filter { $0.2 == "near" }.count, reposts = planted.count - near
        XCTAssertGreaterThan(near, 10)
        func summary(_ extra: [String]) throws -> [String] {
            let db = dir.appendingPathComponent(UUID().uuidString + ".sqlite").path
            let r = try CLI.run(["analyze", corpus, "--db", db, "--quiet", "--batch-size", "50"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let row = r.stdout.split(separator: "\n").first { $0.contains("c.jsonl") }.map(String.init) ?? ""
            return row.split(separator: " ").map(String.init)
        }
        // input format read new duplicates exact near reposts already quarantined rate balanced
        let on = try summary([])
        XCTAssertEqual(on.count, 12, on.joined(separator: " "))
        XCTAssertEqual(on[2], String(600 + planted.count))
        XCTAssertEqual(on[3], "600")
        XCTAssertEqual(on[4], String(planted.count))
        XCTAssertEqual(on[5], "0")
        XCTAssertEqual(on[6], String(near))
        XCTAssertEqual(on[7], String(reposts))
        XCTAssertEqual(on[11], "yes")
        let off = try summary(["--no-near-dup"])
        XCTAssertEqual(off[3], String(600 + planted.count))
        XCTAssertEqual(off[4], "0")
        // One word in ~230 changes about 5 of ~230 shingles (J ≈ 0.96): a 0.99 threshold misses them all.
        let strict = try summary(["--near-dup-threshold", "0.99"])
        XCTAssertEqual(strict[4], "0")
        // With a zero-day window, reposts are plain near-duplicates.
        let noWindow = try summary(["--repost-window-days", "0"])
        XCTAssertEqual(noWindow[6], String(planted.count))
        XCTAssertEqual(noWindow[7], "0")
        // Across runs: originals stored without detection get band keys when a later run needs them.
        let base = dir.appendingPathComponent("base.jsonl").path, copies = dir.appendingPathComponent("copies.jsonl").path
        XCTAssertEqual(try CLI.run(["generate", "--out", base, "--postings", "300", "--seed", "6",
                                    "--mean-bytes", "1500"]).status, 0)
        let later = try CLI.plantNearDuplicates(in: base, every: 10, offset: 0, copiesTo: copies)
        let db = dir.appendingPathComponent("two-runs.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", base, "--db", db, "--quiet", "--no-near-dup"]).status, 0)
        let second = try CLI.run(["analyze", copies, "--db", db, "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        let row = second.stdout.split(separator: "\n").first { $0.contains("copies.jsonl") }
            .map { $0.split(separator: " ").map(String.init) } ?? []
        XCTAssertEqual(row.count, 12, second.stdout)
        if row.count == 12 {
            XCTAssertEqual(row[3], "0", "every copy duplicates a posting of the first run")
            XCTAssertEqual(row[4], String(later.count))
        }
        let bad = try CLI.run(["analyze", corpus, "--db", dir.appendingPathComponent("x.sqlite").path,
                               "--near-dup-threshold", "1.5"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--near-dup-threshold"), bad.stderr)
    }
}
