import Foundation
import XCTest
@testable import SkillIO

/// Conversion of UTF-16 and single-byte encodings to UTF-8, against Foundation as the reference.
final class TextEncodingTests: XCTestCase {
    /// Every byte 0x00–0xFF, converted by the tables, equals Foundation's conversion (where Foundation
    /// defines the byte).
    func testSingleByteTablesAgreeWithFoundation() throws {
        let all = (0...255).map { UInt8($0) }
        let cases: [(TextEncoding, String.Encoding)] = [(.latin1, .isoLatin1), (.windows1252, .windowsCP1252)]
        for (ours, reference) in cases {
            for b in all {
                guard let expected = String(bytes: [b], encoding: reference) else { continue }
                let got = String(decoding: Transcoder.utf8([b], from: ours), as: UTF8.self)
                XCTAssertEqual(got, expected, "\(ours) byte \(String(b, radix: 16))")
            }
        }
        // ISO-8859-15 differs from Latin-1 in eight places.
        let l9 = Transcoder.utf8([0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE, 0xE9, 0x41], from: .latin9)
        XCTAssertEqual(String(decoding: l9, as: UTF8.self), "€ŠšŽžŒœŸéA")
        let cp = Transcoder.utf8([0x80, 0x81, 0x8D, 0x9D, 0x9F], from: .windows1252)
        XCTAssertEqual(String(decoding: cp, as: UTF8.self).unicodeScalars.map(\.value), [0x20AC, 0x81, 0x8D, 0x9D, 0x178])
    }

    func testUTF16InEveryChunkingAgreesWithFoundation() {
        let text = "Zürich 東京 😀 €\n" + String(repeating: "a𝄞", count: 50)
        for (encoding, reference) in [(TextEncoding.utf16LE, String.Encoding.utf16LittleEndian),
                                      (.utf16BE, .utf16BigEndian)] {
            let bytes = Array(text.data(using: reference)!)
            for chunk in [1, 2, 3, 5, 7, 64, bytes.count] {
                var t = Transcoder(encoding)
                var out: [UInt8] = []
                var i = 0
                while i < bytes.count {
                    let j = min(bytes.count, i + chunk)
                    bytes[i..<j].withUnsafeBytes { t.decode($0, into: &out) }
                    i = j
                }
                t.finish(into: &out)
                XCTAssertEqual(String(decoding: out, as: UTF8.self), text, "\(encoding) chunk \(chunk)")
            }
        }
        // A lone surrogate and a dangling byte become U+FFFD.
        XCTAssertEqual(String(decoding: Transcoder.utf8([0x00, 0xD8, 0x41, 0x00, 0x42], from: .utf16LE), as: UTF8.self),
                       "\u{FFFD}A\u{FFFD}")
    }

    func testLabels() {
        XCTAssertEqual(TextEncoding(label: "Latin1"), .latin1)
        XCTAssertEqual(TextEncoding(label: "ISO-8859-15"), .latin9)
        XCTAssertEqual(TextEncoding(label: "cp1252"), .windows1252)
        XCTAssertEqual(TextEncoding(label: " \"utf-8\" "), .utf8)
        XCTAssertNil(TextEncoding(label: "shift_jis"))
    }

    func testByteSourceTextMode() throws {
        let dir = try TempDir()
        let text = "a,b\nZürich,€\n"
        let le: [UInt8] = [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)
        for gz in [false, true] {
            let p = gz ? try dir.gzip("le.txt", le) : try dir.write("le.txt", le)
            let s = try ByteSource(path: p, encoding: nil)
            XCTAssertEqual(try s.readAll(), Array(text.utf8))
            XCTAssertEqual(s.encoding, .utf16LE)
            XCTAssertEqual(s.offset, text.utf8.count)
        }
        // A UTF-8 byte-order mark is passed through and wins over a requested single-byte encoding.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("é".utf8)
        let s = try ByteSource(path: try dir.write("bom.txt", bom), encoding: .latin1)
        XCTAssertEqual(try s.readAll(), bom)
        // Requested Latin-1 without a mark is converted; plain mode leaves bytes alone.
        let p = try dir.write("l1.txt", [0x63, 0x61, 0x66, 0xE9])
        XCTAssertEqual(try ByteSource(path: p, encoding: .latin1).readAll(), Array("café".utf8))
        XCTAssertEqual(try ByteSource(path: p).readAll(), [0x63, 0x61, 0x66, 0xE9])
        // Empty input.
        XCTAssertEqual(try ByteSource(path: try dir.write("e.txt", []), encoding: .utf16BE).readAll(), [])
    }

    func testLineReaderSkipsAUTF8ByteOrderMark() throws {
        let dir = try TempDir()
        let p = try dir.write("bom.jsonl", [0xEF, 0xBB, 0xBF] + Array("one\ntwo".utf8))
        var lines: [(String, Int)] = []
        try LineReader().forEach(try ByteSource(path: p)) { e in
            if case .line(let l) = e { lines.append((String(decoding: l.bytes, as: UTF8.self), l.offset)) }
        }
        XCTAssertEqual(lines.map(\.0), ["one", "two"])
        XCTAssertEqual(lines.map(\.1), [3, 7])
    }
}
