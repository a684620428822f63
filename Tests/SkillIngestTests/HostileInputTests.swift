import Foundation
import XCTest
@testable import SkillIngest

/// Every file of the shared hostile set: no crash, and every record accounted for.
final class HostileInputTests: XCTestCase {
    func testEveryHostileInputIsAccountedFor() throws {
        let dir = try TempDir()
        let cases = try HostileCorpus.build(in: dir)
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        for c in cases {
            // The 100 MB inputs skip file hashing (slow in debug builds; hashing is tested elsewhere).
            let digest = c.name.contains(" MB ") ? String(repeating: "0", count: 64) : nil
            let r = try readInput(c.path, c.format, mapping: c.mapping, maxRecordBytes: c.maxRecordBytes,
                                  fileDigest: digest)
            assertAccounting(r, lineFormat: c.lineFormat)
            if let reason = c.requiredReason {
                XCTAssertTrue(r.quarantined.contains { $0.reason.contains(reason) },
                              "\(c.name): no quarantined entry says '\(reason)': \(r.quarantined.map(\.reason))")
            }
            if !c.countsKnown {
                continue
            } else if c.exact {
                XCTAssertEqual(r.records.count, c.expectedRecords, "\(c.name): records")
                XCTAssertEqual(r.quarantined.count, c.expectedQuarantined,
                               "\(c.name): quarantined \(r.quarantined.map { "\($0.line): \($0.reason)" })")
            } else {
                XCTAssertEqual(r.events.count, c.expectedRecords + c.expectedQuarantined, "\(c.name): events")
            }
        }
    }

    func testBinaryJunkAsJSONLQuarantinesEveryNonBlankLineWithItsLineNumber() throws {
        let dir = try TempDir()
        for seed in [UInt64(1), 2, 3] {
            let junk = HostileCorpus.junk(count: 64 << 10, seed: seed)
            let path = try dir.write("junk-\(seed).jsonl", junk)
            let r = try readInput(path, .jsonl)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.count, 0)
            XCTAssertEqual(r.quarantined.count, HostileCorpus.nonBlankLines(junk))
            // Line numbers are strictly increasing and within the file's line count.
            let lines = junk.filter { $0 == 0x0A }.count + 1
            let numbers = r.quarantined.map(\.line)
            XCTAssertEqual(numbers, numbers.sorted())
            XCTAssertEqual(Set(numbers).count, numbers.count)
            XCTAssertLessThanOrEqual(numbers.last ?? 0, lines)
            let reasons = Set(r.quarantined.map(\.reason))
            XCTAssertTrue(reasons.isSubset(of: ["invalid UTF-8", "not valid JSON", "JSON value is not an object"]),
                          "\(reasons)")
        }
    }

    func testBinaryJunkAsCSVDoesNotCrashAndIsAccountedFor() throws {
        let dir = try TempDir()
        let junk = HostileCorpus.junk(count: 64 << 10, seed: 99)
        let r = try readInput(try dir.write("junk.csv", junk), .csv)
        assertAccounting(r, lineFormat: true)
        XCTAssertFalse(r.events.isEmpty)
    }

    func testOversizedLineIsQuarantinedWithTheSizeReasonAndNeighboursAreRead() throws {
        let dir = try TempDir()
        let limit = 1 << 20
        let bigLength = 20 << 20
        let line2 = "{\"id\":\"big\",\"title\":\"".bytes + [UInt8](repeating: UInt8(ascii: "a"), count: bigLength)
            + "\"}".bytes
        let line1 = "{\"id\":\"before\",\"title\":\"Before\"}\n".bytes
        let bytes = line1 + line2
            + "\n{\"id\":\"after\",\"title\":\"After\"}\n".bytes
        let r = try readInput(try dir.write("big.jsonl", bytes), .jsonl, maxRecordBytes: limit)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, ["before", "after"])
        XCTAssertEqual(r.records.map(\.line), [1, 3])
        XCTAssertEqual(r.quarantined.count, 1)
        let q = try XCTUnwrap(r.quarantined.first)
        XCTAssertEqual(q.line, 2)
        XCTAssertEqual(q.offset, line1.count)
        XCTAssertEqual(q.reason, "record of \(line2.count) bytes is over the \(limit)-byte limit")
        XCTAssertEqual(q.excerpt, "")
    }

    func testOversizedCSVRecordIsQuarantinedWithTheSizeReason() throws {
        let dir = try TempDir()
        let limit = 1 << 20
        var bytes = "id,title,text\nc1,Before,ok\nc2,Big,\"".bytes
        bytes += [UInt8](repeating: UInt8(ascii: "b"), count: 20 << 20)
        bytes += "\"\nc3,After,ok\n".bytes
        let r = try readInput(try dir.write("big.csv", bytes), .csv, maxRecordBytes: limit)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map { $0.sourceID ?? "" }, ["c1", "c3"])
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertEqual(r.quarantined.first?.line, 3)
        XCTAssertEqual(r.quarantined.first?.reason, "record longer than \(limit) bytes")
    }

    func testEmptyFilesDeliverNothing() throws {
        let dir = try TempDir()
        for format in [InputFormat.jsonl, .csv, .tsv] {
            let r = try readInput(try dir.write("empty.\(format.rawValue)", []), format)
            XCTAssertTrue(r.events.isEmpty, "\(format)")
        }
        let html = try readInput(try dir.write("empty.html", []), .html)
        XCTAssertEqual(html.records.count, 0)
        XCTAssertEqual(html.quarantined.map(\.reason), ["no JobPosting and no main text"])
    }

    func testDirectoryThrows() throws {
        let dir = try TempDir()
        XCTAssertThrowsError(try readInput(dir.url.path, .jsonl)) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }
    }

    /// `InputReader.read` now hashes the file (SHA256.hexOfFile) before opening it with ByteSource, so a
    /// missing path fails with "cannot open for hashing" instead of ByteSource's actionable
    /// "no such file; check the path".
    func testMissingFileReportsNoSuchFileNotAHashingError() throws {
        let dir = try TempDir()
        let path = dir.path("nope.jsonl")
        XCTAssertThrowsError(try readInput(path, .jsonl)) { error in
            XCTAssertTrue("\(error)".contains("no such file"), "\(error)")
            XCTAssertTrue("\(error)".contains(path), "\(error)")
        }
    }

    func testFormatDetectionIgnoresGzipSuffix() {
        XCTAssertEqual(InputFormat.detect("/x/jobs.jsonl"), .jsonl)
        XCTAssertEqual(InputFormat.detect("/x/jobs.NDJSON.gz"), .jsonl)
        XCTAssertEqual(InputFormat.detect("jobs.json"), .jsonl)
        XCTAssertEqual(InputFormat.detect("jobs.csv.gz"), .csv)
        XCTAssertEqual(InputFormat.detect("jobs.tab"), .tsv)
        XCTAssertEqual(InputFormat.detect("page.HTM"), .html)
        XCTAssertNil(InputFormat.detect("jobs.txt"))
        XCTAssertNil(InputFormat.detect("jobs.gz"))
    }
}
