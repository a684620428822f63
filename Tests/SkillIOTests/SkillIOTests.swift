import Foundation
import XCTest
@testable import SkillIO

/// A temporary directory removed after each test.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skillio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }
    func gzip(_ name: String, _ bytes: [UInt8]) throws -> String {
        let plain = try write(name, bytes)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -f '\(plain)'"]
        try p.run()
        p.waitUntilExit()
        return plain + ".gz"
    }
}

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingEqualsOneShot() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var h = SHA256()
        for cut in stride(from: 0, to: 1000, by: 37) { h.update(data[cut..<min(cut + 37, 1000)]) }
        XCTAssertEqual(h.finalizeHex(), SHA256.hex(data))
    }
}

final class LineReaderTests: XCTestCase {
    func lines(_ path: String, max: Int = 1 << 20, chunk: Int = 7) throws -> [String] {
        var out: [String] = []
        try LineReader(maxLineBytes: max, chunkBytes: chunk).forEach(try ByteSource(path: path)) { ev in
            switch ev {
            case .line(let l): out.append("\(l.number)@\(l.offset):" + String(decoding: l.bytes, as: UTF8.self))
            case .tooLong(let n, let o, let len): out.append("\(n)@\(o):TOOLONG(\(len))")
            }
        }
        return out
    }

    func testSplitsAcrossChunksAndCRLF() throws {
        let t = try TempDir()
        let p = try t.write("a.txt", Array("alpha\r\nbeta gamma\n\nlast".utf8))
        XCTAssertEqual(try lines(p), ["1@0:alpha", "2@7:beta gamma", "3@18:", "4@19:last"])
    }

    func testTooLongLineIsReportedNotBuffered() throws {
        let t = try TempDir()
        let long = String(repeating: "x", count: 100)
        let p = try t.write("b.txt", Array("ok\n\(long)\nafter\n".utf8))
        XCTAssertEqual(try lines(p, max: 50), ["1@0:ok", "2@3:TOOLONG(100)", "3@104:after"])
        let p2 = try t.write("c.txt", Array("ok\n\(long)".utf8))
        XCTAssertEqual(try lines(p2, max: 50), ["1@0:ok", "2@3:TOOLONG(100)"])
    }

    func testGzipIsReadTransparently() throws {
        let t = try TempDir()
        let p = try t.gzip("d.txt", Array("one\ntwo\n".utf8))
        XCTAssertEqual(try lines(p), ["1@0:one", "2@4:two"])
    }

    func testTruncatedGzipDeliversWhatItCanThenThrows() throws {
        let t = try TempDir()
        var text = ""
        for i in 0..<20000 { text += "line \(i) with some text to compress \(i * 31)\n" }
        let p = try t.gzip("e.txt", Array(text.utf8))
        let full = try Data(contentsOf: URL(fileURLWithPath: p))
        let cut = try t.write("cut.gz", Array(full.prefix(full.count / 2)))
        var seen = 0
        XCTAssertThrowsError(try LineReader().forEach(try ByteSource(path: cut)) { _ in seen += 1 }) { err in
            XCTAssertTrue("\(err)".contains("truncated") || "\(err)".contains("failed"), "\(err)")
        }
        XCTAssertGreaterThan(seen, 0)
        XCTAssertLessThan(seen, 20000)
    }

    func testMissingFileAndDirectoryErrors() throws {
        XCTAssertThrowsError(try ByteSource(path: "/nonexistent/file.jsonl")) { err in
            XCTAssertTrue("\(err)".contains("no such file"))
        }
        let t = try TempDir()
        XCTAssertThrowsError(try ByteSource(path: t.url.path)) { err in
            XCTAssertTrue("\(err)".contains("directory"))
        }
    }
}

final class CSVReaderTests: XCTestCase {
    func events(_ text: [UInt8], delimiter: UInt8 = 44, max: Int = 1 << 20) throws -> [String] {
        let t = try TempDir()
        let p = try t.write("x.csv", text)
        var out: [String] = []
        try CSVReader(delimiter: delimiter, maxRecordBytes: max).forEach(try ByteSource(path: p)) { ev in
            switch ev {
            case .record(let f, let line, _): out.append("\(line):" + f.joined(separator: "|"))
            case .malformed(let line, _, let reason, _): out.append("\(line):BAD(\(reason))")
            }
        }
        return out
    }

    func testRFC4180Cases() throws {
        let csv = "\u{FEFF}id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\n3,\"multi\nline\"\n\n4,plain\n"
        XCTAssertEqual(try events(Array(csv.utf8)),
                       ["1:id|text", "2:1|a, b", "3:2|say \"hi\"", "4:3|multi\nline", "7:4|plain"])
    }

    func testUnterminatedQuoteIsMalformedAndReadingResumesOnTheNextLine() throws {
        let ev = try events(Array("a,b\n1,\"open\n2,x\n3,y\n".utf8))
        XCTAssertEqual(ev.count, 4, "\(ev)")
        XCTAssertEqual(ev.first, "1:a|b")
        XCTAssertTrue(ev[1].hasPrefix("2:BAD(quoted field opened in this record is not closed before end of input"), ev[1])
        XCTAssertEqual(Array(ev[2...]), ["3:2|x", "4:3|y"])
    }

    func testUnclosedQuoteOverTheSizeLimitResumesToo() throws {
        var text = "a,b\n1,\"never closed\n"
        for i in 2..<40 { text += "\(i),row \(i)\n" }
        let ev = try events(Array(text.utf8), max: 100)
        XCTAssertTrue(ev[1].hasPrefix("2:BAD(quoted field opened in this record is not closed within 100 bytes"), ev[1])
        XCTAssertEqual(ev.count, 40, "\(ev)")
        XCTAssertEqual(ev.last, "40:39|row 39")
    }

    func testTabDelimiterAndInvalidUTF8() throws {
        XCTAssertEqual(try events(Array("a\tb\n".utf8), delimiter: 9), ["1:a|b"])
        let ev = try events([0x61, 0x2C, 0xFF, 0xFE, 0x0A, 0x62, 0x0A])
        XCTAssertEqual(ev, ["1:BAD(invalid UTF-8)", "2:b"])
    }

    func testOversizedRecordIsSkippedAndReported() throws {
        let big = String(repeating: "z", count: 300)
        let ev = try events(Array("a,b\n\(big),1\nc,d\n".utf8), max: 100)
        XCTAssertEqual(ev.count, 3)
        XCTAssertEqual(ev[0], "1:a|b")
        XCTAssertTrue(ev[1].contains("BAD(record longer"), ev[1])
        XCTAssertEqual(ev[2], "3:c|d")
    }
}
