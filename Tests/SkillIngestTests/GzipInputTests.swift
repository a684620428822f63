import Foundation
import XCTest
@testable import SkillIngest

/// Gzip-compressed inputs: detected by content, and a truncated stream is reported, not silently cut.
final class GzipInputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir = nil }

    func testGzipJSONLEqualsPlain() throws {
        let bytes = HostileCorpus.bulkJSONL(count: 2_000)
        let plain = try readInput(try dir.write("plain.jsonl", bytes), .jsonl)
        let gz = try readInput(try dir.gzip("packed.jsonl", bytes), .jsonl)
        XCTAssertEqual(plain.records.count, 2_000)
        XCTAssertTrue(plain.quarantined.isEmpty)
        XCTAssertEqual(gz.records.count, 2_000)
        XCTAssertTrue(gz.quarantined.isEmpty, "\(gz.quarantined)")
        XCTAssertEqual(gz.records.map(\.sourceID), plain.records.map(\.sourceID))
        XCTAssertEqual(gz.records.map(\.text), plain.records.map(\.text))
        XCTAssertEqual(gz.records.map(\.offset), plain.records.map(\.offset), "offsets are in decompressed bytes")
    }

    func testGzipDetectedByContentNotName() throws {
        // A gzip stream whose name does not end in .gz is still decompressed.
        let gz = try dir.gzip("hidden.csv", "id,title,text\nz1,Zipped,inside\n".bytes)
        let renamed = dir.path("not-compressed-looking.csv")
        try FileManager.default.moveItem(atPath: gz, toPath: renamed)
        let r = try readInput(renamed, .csv)
        XCTAssertEqual(r.records.map(\.title), ["Zipped"])
    }

    func testTruncatedGzipDeliversRecordsBeforeAndSaysInputEndsEarly() throws {
        let count = 20_000
        let bytes = HostileCorpus.bulkJSONL(count: count)
        let full = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("full.jsonl", bytes)))
        XCTAssertGreaterThan(full.count, 100_000, "the compressed file must be large enough to cut")
        let half = try dir.write("half.jsonl.gz", Array(full.prefix(full.count / 2)))
        let r = try readInput(half, .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertGreaterThan(r.records.count, 1_000)
        XCTAssertLessThan(r.records.count, count)
        // The records before the cut are delivered whole and in order.
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, (0..<r.records.count).map { "r\($0)" })
        XCTAssertEqual(r.records.map(\.line), Array(1...r.records.count))
        XCTAssertEqual(r.quarantined.count, 1, "\(r.quarantined)")
        let q = try XCTUnwrap(r.quarantined.first)
        XCTAssertTrue(q.reason.hasPrefix("input ends early"), q.reason)
        XCTAssertTrue(q.reason.contains("truncated") || q.reason.contains("corrupt") || q.reason.contains("read failed"),
                      q.reason)
        XCTAssertEqual(q.line, r.records.count + 1)
        // The quarantined entry comes last.
        if case .quarantined = r.events.last {} else { XCTFail("the truncation entry must be the last event") }
    }

    func testTruncatedGzipCSV() throws {
        var text = "id,title,text\n"
        var rng = SeededBytes(seed: 3)
        for i in 0..<20_000 { text += "k\(i),Job \(i),\(rng.bytes(20).map { String($0) }.joined(separator: "-"))\n" }
        let full = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("full.csv", text.bytes)))
        let half = try dir.write("half.csv.gz", Array(full.prefix(full.count / 2)))
        let r = try readInput(half, .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertGreaterThan(r.records.count, 1_000)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, (0..<r.records.count).map { "k\($0)" })
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertTrue(r.quarantined.first?.reason.hasPrefix("input ends early") ?? false)
    }

    func testGzipHeaderOnlyIsReportedNotCrashed() throws {
        // Just the 10-byte gzip header: no records, one entry saying the input ends early.
        let full = try Data(contentsOf: URL(fileURLWithPath: try dir.gzip("tiny.jsonl", HostileCorpus.bulkJSONL(count: 5))))
        let cut = try dir.write("header-only.jsonl.gz", Array(full.prefix(10)))
        let r = try readInput(cut, .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.count, 0)
        XCTAssertEqual(r.quarantined.count, 1, "\(r.quarantined)")
        XCTAssertTrue(r.quarantined.first?.reason.hasPrefix("input ends early") ?? false)
    }
}
