import Foundation
import XCTest

/// Readers while `analyze` writes: the service reads WAL snapshots, so every answer during a run is a complete
/// answer (no error, no half-written batch), and the new run shows once it ends.
final class ServeConcurrencyTests: XCTestCase {
    func testConcurrentReadersWhileAnalyzeWrites() async throws {
        let s = try ServeHarness()
        defer { _ = s.stop() }
        let corpus = s.dir.appendingPathComponent("synthetic.jsonl").path
        try ServeHarness.run(["generate", "--out", corpus, "--postings", "4000", "--seed", "11"])
        let before = try await s.request("/api/v1/skills?limit=1").object()["postings"] as? Int ?? 0
        let writer = Process()
        writer.executableURL = ServeHarness.binaries.appendingPathComponent("skillradar")
        writer.arguments = ["analyze", corpus, "--db", s.db, "--quiet", "--batch-size", "200"]
        writer.currentDirectoryURL = ServeHarness.root
        writer.standardOutput = FileHandle.nullDevice
        writer.standardError = FileHandle.nullDevice
        try writer.run()
        nonisolated(unsafe) let running = writer
        let paths = ["/api/v1/skills?limit=5", "/api/v1/gaps?limit=5", "/api/v1/runs", "/api/v1/regions", "/", "/api/v1/emerging"]
        let results = try await withThrowingTaskGroup(of: [(String, Int)].self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var seen: [(String, Int)] = []
                    var i = worker
                    while running.isRunning || seen.count < 5 {
                        let path = paths[i % paths.count]
                        let r = try await s.request(path)
                        seen.append((path, r.status))
                        i += 1
                    }
                    return seen
                }
            }
            var all: [(String, Int)] = []
            for try await r in group { all += r }
            return all
        }
        writer.waitUntilExit()
        XCTAssertEqual(writer.terminationStatus, 0)
        XCTAssertGreaterThan(results.count, 30, "readers ran during the write")
        let failures = results.filter { $0.1 != 200 }
        XCTAssertTrue(failures.isEmpty, "answers during the run: \(failures.prefix(10))")
        try await Task.sleep(nanoseconds: 400_000_000)
        let after = try await s.request("/api/v1/skills?limit=1").object()
        XCTAssertGreaterThan(after["postings"] as? Int ?? 0, before, "the finished run is served")
        let runs = try await s.request("/api/v1/runs").object()["items"] as? [[String: Any]] ?? []
        XCTAssertEqual(runs.first?["status"] as? String, "completed")
    }
}
