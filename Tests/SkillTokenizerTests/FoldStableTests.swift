import XCTest
@testable import SkillTokenizer

/// The fold-stable fast path of `Tokenizer.normalize` (CJK ideographs copied as they are) gives exactly what
/// `foldUnicode` gives, for every scalar it covers, with and without diacritic folding.
final class FoldStableTests: XCTestCase {
    func testEveryFoldStableScalarFoldsToItself() {
        var checked = 0
        for v in UInt32(0x3400)...UInt32(0x3134F) where Tokenizer.isFoldStable(v) {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            XCTAssertEqual(Tokenizer.foldUnicode(s, diacritics: true), s, "U+\(String(v, radix: 16))")
            XCTAssertEqual(Tokenizer.foldUnicode(s, diacritics: false), s, "U+\(String(v, radix: 16))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 90_000)
        // Neighbours that do fold stay on the slow path: compatibility ideographs, ideographic space, full-width.
        for v: UInt32 in [0xF900, 0x2F800, 0x3000, 0xFF21, 0x304C, 0xAC00] {
            XCTAssertFalse(Tokenizer.isFoldStable(v), "U+\(String(v, radix: 16))")
        }
    }

    func testNormalizeMatchesFoldUnicodeOnMixedText() {
        let tokenizer = Tokenizer()
        let text = "招聘高级后端开发工程师（Go/Rust），熟悉數據庫 ＡＰＩ 設計、Café と データ 𠀀𪚲 한국어"
        var copy = text
        copy.withUTF8 { buf in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            for t in tokens {
                tokenizer.normalize(t, in: buf, into: &out)
                let raw = String(decoding: UnsafeBufferPointer(rebasing: buf[t.start..<t.end]), as: UTF8.self)
                let slow = raw.utf8.allSatisfy { $0 < 0x80 } ? raw.lowercased()
                    : Tokenizer.foldUnicode(raw, diacritics: tokenizer.options.foldDiacritics)
                XCTAssertEqual(String(decoding: out, as: UTF8.self), slow, raw)
            }
        }
    }
}
