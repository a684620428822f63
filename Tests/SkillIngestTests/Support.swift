import Foundation
import SkillIO
import SkillSynth
import XCTest
@testable import SkillIngest

/// A temporary directory removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skillingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Writes `bytes` to `name` and compresses it with /bin/gzip; returns the path of `name.gz`.
    func gzip(_ name: String, _ bytes: [UInt8]) throws -> String {
        let plain = try write(name, bytes)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-f", "-n", plain]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "gzip failed")
        return plain + ".gz"
    }
}

/// Everything an ``InputReader`` delivered for one file.
struct ReadResult {
    var path: String
    var events: [IngestEvent] = []
    var records: [PostingRecord] = []
    var quarantined: [QuarantinedRecord] = []

    func record(id: String) -> PostingRecord? { records.first { $0.sourceID == id } }
}

func readInput(_ path: String, _ format: InputFormat, mapping: FieldMapping = FieldMapping(),
               maxRecordBytes: Int = 8 << 20, fileDigest: String? = nil) throws -> ReadResult {
    var r = ReadResult(path: path)
    try InputReader(mapping: mapping, maxRecordBytes: maxRecordBytes).read(path, format: format,
                                                                           fileDigest: fileDigest) { event in
        r.events.append(event)
        switch event {
        case .record(let rec): r.records.append(rec)
        case .quarantined(let q): r.quarantined.append(q)
        }
    }
    return r
}

/// The accounting every hostile input must satisfy: each event is a record or a quarantined entry, and
/// each quarantined entry says where (path, line) and why.
func assertAccounting(_ r: ReadResult, lineFormat: Bool, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.events.count, r.records.count + r.quarantined.count,
                   "\(r.path): events must be records + quarantined", file: file, line: line)
    for q in r.quarantined {
        XCTAssertEqual(q.sourcePath, r.path, "quarantined entry without its path", file: file, line: line)
        if lineFormat {
            XCTAssertGreaterThanOrEqual(q.line, 1, "\(r.path): quarantined entry without a line: \(q)",
                                        file: file, line: line)
        }
        XCTAssertFalse(q.reason.trimmingCharacters(in: .whitespaces).isEmpty,
                       "\(r.path): quarantined entry without a reason", file: file, line: line)
        XCTAssertLessThanOrEqual(q.excerpt.count, 201, "excerpt is at most 200 characters (+ ellipsis)",
                                 file: file, line: line)
    }
    for rec in r.records {
        XCTAssertEqual(rec.sourcePath, r.path, file: file, line: line)
        XCTAssertFalse(rec.title.isEmpty && rec.text.isEmpty, "record without title or text", file: file, line: line)
        if lineFormat { XCTAssertGreaterThanOrEqual(rec.line, 1, file: file, line: line) }
    }
}

/// A deterministic generator for junk bytes (the shared SplitMix64).
typealias SeededBytes = SplitMix64

extension SplitMix64 {
    mutating func bytes(_ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n)
        while out.count < n {
            var x = next()
            for _ in 0..<8 where out.count < n {
                out.append(UInt8(truncatingIfNeeded: x))
                x >>= 8
            }
        }
        return out
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

