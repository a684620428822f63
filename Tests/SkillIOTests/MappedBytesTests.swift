import Foundation
import XCTest
@testable import SkillIO

/// Whole files as one buffer: mapped when plain (with and without prefaulting), decompressed when gzip, and
/// the same errors as ``ByteSource`` for missing files and directories.
final class MappedBytesTests: XCTestCase {
    func bytes(_ m: borrowing MappedBytes) -> [UInt8] { m.withBytes { Array($0) } }

    func testPlainFileIsMappedWithAndWithoutPrefault() throws {
        let t = try TempDir()
        // Several pages, so prefaulting has more than one page to read in.
        let content = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try t.write("plain.txt", content)
        for prefault in [false, true] {
            let m = try MappedBytes(path: path, prefault: prefault)
            XCTAssertTrue(m.isMapped, "prefault \(prefault)")
            XCTAssertEqual(m.count, content.count)
            XCTAssertEqual(bytes(m), content, "prefault \(prefault)")
            XCTAssertEqual(m.path, path)
        }
    }

    func testGzipIsDecompressedAndAgreesWithByteSource() throws {
        let t = try TempDir()
        let content = Array(String(repeating: "python, c++ and .net\n", count: 500).utf8)
        let path = try t.gzip("corpus.txt", content)
        let m = try MappedBytes(path: path, prefault: true)
        XCTAssertFalse(m.isMapped)
        XCTAssertEqual(m.count, content.count)
        XCTAssertEqual(bytes(m), content)
        XCTAssertEqual(bytes(m), try readFileBytes(path))
    }

    func testEmptyAndOneByteFiles() throws {
        let t = try TempDir()
        let empty = try MappedBytes(path: try t.write("empty.txt", []), prefault: true)
        XCTAssertEqual(empty.count, 0)
        XCTAssertEqual(bytes(empty), [])
        // One byte: too short for the gzip magic, still mapped.
        let one = try MappedBytes(path: try t.write("one.txt", [0x1F]))
        XCTAssertTrue(one.isMapped)
        XCTAssertEqual(bytes(one), [0x1F])
    }

    func testMissingFileAndDirectoryGiveTheByteSourceMessages() throws {
        let t = try TempDir()
        let missing = t.url.appendingPathComponent("nope.txt").path
        XCTAssertThrowsError(try MappedBytes(path: missing, prefault: true).count) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.path, missing)
            XCTAssertEqual(e?.message, "no such file; check the path")
        }
        XCTAssertThrowsError(try MappedBytes(path: t.url.path).count) { error in
            XCTAssertEqual((error as? InputError)?.message, "is a directory; pass the files inside it")
        }
        // The same words as the streaming reader.
        XCTAssertThrowsError(try ByteSource(path: missing)) { error in
            XCTAssertEqual((error as? InputError)?.message, "no such file; check the path")
        }
    }

    func testTruncatedGzipIsAnInputError() throws {
        let t = try TempDir()
        let gz = try t.gzip("big.txt", Array(String(repeating: "kubernetes operator\n", count: 2_000).utf8))
        let whole = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = try t.write("cut.txt.gz", Array(whole.prefix(whole.count / 2)))
        XCTAssertThrowsError(try MappedBytes(path: cut).count) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.path, cut)
            XCTAssertTrue(e?.message.contains("truncated or corrupt") ?? false, "\(error)")
        }
    }
}
