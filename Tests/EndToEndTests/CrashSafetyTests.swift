import Foundation
import XCTest

/// A run killed with SIGKILL and rerun on the same input gives exactly the aggregates of an uninterrupted run.
final class CrashSafetyTests: XCTestCase {
    func testKilledRunThenRerunEqualsUninterruptedRun() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("c.jsonl").path
        XCTAssertEqual(try CLI.run(["generate", "--out", corpus, "--postings", "6000", "--seed", "3",
                                    "--mean-bytes", "1200"]).status, 0)
        // Reference: one uninterrupted run.
        let clean = dir.appendingPathComponent("clean.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", corpus, "--db", clean, "--quiet", "--batch-size", "100"]).status, 0)

        // Killed run: SIGKILL at several points, then a rerun to completion.
        let killed = dir.appendingPathComponent("killed.sqlite").path
        var killedMidway = false
        for delay in [0.3, 0.8, 1.5] {
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["analyze", corpus, "--db", killed, "--quiet", "--batch-size", "100"]
            p.currentDirectoryURL = CLI.root
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
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
        let runs = try CLI.run(["runs", "--db", killed, "--format", "csv"])
        XCTAssertTrue(runs.stdout.contains("running"), "killed runs stay marked running: \(runs.stdout)")
        XCTAssertTrue(runs.stdout.contains("completed"), runs.stdout)
    }
}
