import Foundation
import XCTest

/// `skillradar count`: the standard benchmark task through the real binary.
final class CountEndToEndTests: XCTestCase {
    func testCountPrintsSortedCountsAndStatsAndUsesTheCache() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labels = dir.appendingPathComponent("labels.txt").path
        let corpus = dir.appendingPathComponent("corpus.txt").path
        try "C++\n.NET\nmachine learning\nmachine learning engineer\nPython\npython\nunused\n"
            .write(toFile: labels, atomically: true, encoding: .utf8)
        try "c++ dev and asp.net, .net\nmachine learning engineers\nPython python3 PYTHON\n"
            .write(toFile: corpus, atomically: true, encoding: .utf8)
        let cache = dir.appendingPathComponent("cache").path
        for (round, threads) in [(1, "1"), (2, "2")] {
            let r = try CLI.run(["count", "--labels", labels, "--corpus", corpus, "--threads", threads, "--cache", cache])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, ".net\t1\nc++\t1\nmachine learning\t1\npython\t2\n")
            let last = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
            let stats = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
            XCTAssertEqual(stats["labels"] as? Int, 6)
            XCTAssertEqual(stats["matches"] as? Int, 5)
            XCTAssertEqual(stats["threads"] as? Int, Int(threads))
            XCTAssertEqual(stats["cached"] as? Bool, round == 2, "second run loads the compiled automaton")
        }
        let scan = try CLI.run(["count", "--labels", labels, "--corpus", corpus, "--scan-only"])
        XCTAssertEqual(scan.status, 0, scan.stderr)
        XCTAssertEqual(scan.stdout, "")
        XCTAssertTrue(scan.stderr.contains("\"scan_only\":true"), scan.stderr)
    }
}
