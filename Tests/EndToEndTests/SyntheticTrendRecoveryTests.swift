import Foundation
import XCTest

/// The generator's planted trends are recovered by `analyze` + `emerging` at default settings.
final class SyntheticTrendRecoveryTests: XCTestCase {
    func testPlantedTrendsAreRecoveredWithHighPrecisionAndRecall() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("syn.jsonl").path
        let db = dir.appendingPathComponent("syn.sqlite").path
        let gen = try CLI.run(["generate", "--out", corpus, "--postings", "3000", "--seed", "11",
                               "--start-year", "2020", "--years", "4", "--mean-bytes", "1500"])
        XCTAssertEqual(gen.status, 0, gen.stderr)
        XCTAssertEqual(try CLI.run(["analyze", corpus, "--db", db, "--quiet"]).status, 0)
        let truthData = try Data(contentsOf: URL(fileURLWithPath: corpus + ".truth.json"))
        let truth = try XCTUnwrap(JSONSerialization.jsonObject(with: truthData) as? [String: Any])
        let planted = try XCTUnwrap(truth["planted"] as? [[String: Any]])
        var expected: [String: String] = [:] // concept -> expected status family
        for p in planted {
            guard let id = p["conceptID"] as? String, let kind = p["kind"] as? String else { continue }
            switch kind {
            case "rising": expected[id] = "up"
            case "appearing": expected[id] = "new"
            case "falling": expected[id] = "declining"
            default: break
            }
        }
        XCTAssertEqual(expected.count, 15)
        let r = try CLI.run(["emerging", "--db", db, "--recent", "2023-01..2023-12", "--reference", "2020-01..2021-12",
                             "--format", "json", "--limit", "10000", "--taxonomy-only"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        var flagged: [String: String] = [:]
        for row in rows {
            guard let id = row["concept_id"] as? String, let status = row["status"] as? String else { continue }
            switch status {
            case "emerging", "growing": flagged[id] = "up"
            case "new": flagged[id] = "new"
            case "declining": flagged[id] = "declining"
            default: break
            }
        }
        let correct = flagged.filter { expected[$0.key] == $0.value }.count
        let precision = flagged.isEmpty ? 0 : Double(correct) / Double(flagged.count)
        let recall = Double(correct) / Double(expected.count)
        print("synthetic trend recovery: flagged \(flagged.count), correct \(correct), "
              + "precision \(precision), recall \(recall)")
        XCTAssertGreaterThanOrEqual(precision, 0.9, "flagged: \(flagged)")
        XCTAssertGreaterThanOrEqual(recall, 0.9, "expected: \(expected)")
    }
}
