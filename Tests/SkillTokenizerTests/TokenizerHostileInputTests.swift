import SkillSynth
import XCTest
@testable import SkillTokenizer

/// Invalid UTF-8, random bytes and other hostile input: never a crash, never an invalid byte in a token.
final class TokenizerHostileInputTests: XCTestCase {
    func testInvalidUTF8Table() {
        let cases: [(name: String, bytes: [UInt8], expected: [TokenView])] = [
            ("invalid byte between letters", [0x61, 0xFF, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 2..<3),
            ]),
            ("0xFE and 0xF8 leads", [0x61, 0xFE, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 7..<8),
            ]),
            ("truncated sequence at end", Array("ab".utf8) + [0xE2, 0x82], [
                TokenView(text: "ab", rule: .word, range: 0..<2),
            ]),
            ("truncated 4-byte sequence at end", Array("x".utf8) + [0xF0, 0x9F, 0x9A], [
                TokenView(text: "x", rule: .word, range: 0..<1),
            ]),
            ("truncated sequence inside a word", Array("ab".utf8) + [0xE2, 0x82] + Array("cd".utf8), [
                TokenView(text: "ab", rule: .word, range: 0..<2),
                TokenView(text: "cd", rule: .word, range: 4..<6),
            ]),
            ("overlong slash is not a slash", [0x61, 0xC0, 0xAF, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 3..<4),
            ]),
            ("overlong 3-byte encoding of a letter", [0xE0, 0x81, 0x81, 0x62], [
                TokenView(text: "b", rule: .word, range: 3..<4),
            ]),
            ("UTF-16 surrogate encoded in UTF-8", [0x61, 0xED, 0xA0, 0x80, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 4..<5),
            ]),
            ("scalar above U+10FFFF", [0x61, 0xF4, 0x90, 0x80, 0x80, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 5..<6),
            ]),
            ("lone continuation bytes", [0x80, 0xBF, 0x61], [
                TokenView(text: "a", rule: .word, range: 2..<3),
            ]),
            ("invalid byte inside a non-ASCII word", Array("Zü".utf8) + [0xFF] + Array("rich".utf8), [
                TokenView(text: "zu", rule: .word, range: 0..<3),
                TokenView(text: "rich", rule: .word, range: 4..<8),
            ]),
            ("stray continuation after a valid character", Array("é".utf8) + [0xA9, 0x2D, 0x62], [
                TokenView(text: "e", rule: .word, range: 0..<2),
                TokenView(text: "-", rule: .punct, range: 3..<4),
                TokenView(text: "b", rule: .word, range: 4..<5),
            ]),
            ("invalid byte before hyphen makes it punctuation", [0x61, 0xFF, 0x2D, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "-", rule: .punct, range: 2..<3),
                TokenView(text: "b", rule: .word, range: 3..<4),
            ]),
            ("invalid byte before a dot prefix", [0x61, 0xFF] + Array(".NET".utf8), [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: ".net", rule: .dotPrefix, range: 2..<6),
            ]),
            ("invalid byte after C++", Array("C++".utf8) + [0xFF] + Array("x".utf8), [
                TokenView(text: "c++", rule: .plusSuffix, range: 0..<3),
                TokenView(text: "x", rule: .word, range: 4..<5),
            ]),
            ("invalid byte after a dot", Array("node.".utf8) + [0xFF] + Array("js".utf8), [
                TokenView(text: "node", rule: .word, range: 0..<4),
                TokenView(text: ".", rule: .punct, range: 4..<5),
                TokenView(text: "js", rule: .word, range: 6..<8),
            ]),
            ("only invalid bytes", [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xBF, 0xBF], []),
            ("NUL bytes separate", [0x61, 0x00, 0x62], [
                TokenView(text: "a", rule: .word, range: 0..<1),
                TokenView(text: "b", rule: .word, range: 2..<3),
            ]),
        ]
        for c in cases {
            XCTAssertEqual(tokenViews(c.bytes), c.expected, c.name)
            XCTAssertEqual(tokenViews(c.bytes, Tokenizer(options: .init(foldDiacritics: false))).map(\.range),
                           c.expected.map(\.range), "\(c.name) (no folding)")
        }
    }

    func testEmptyInput() {
        let tokenizer = Tokenizer()
        XCTAssertEqual(tokenizer.tokenize(""), [])
        XCTAssertEqual(tokenizer.normalizedTokens(""), [])
        var tokens: [Token] = []
        [UInt8]().withUnsafeBufferPointer { tokenizer.tokenize($0, into: &tokens) }
        XCTAssertEqual(tokens, [])
        tokenizer.tokenize(UnsafeBufferPointer<UInt8>(start: nil, count: 0), into: &tokens)
        XCTAssertEqual(tokens, [])
    }

    func testStrictUTF8Decoder() {
        func decode(_ bytes: [UInt8]) -> (UInt32, Int)? {
            bytes.withUnsafeBufferPointer { b in
                UTF8Scalar.decode(b.baseAddress!, b.count, at: 0).map { ($0.0.value, $0.1) }
            }
        }
        XCTAssertEqual(decode([0x41])?.0, 0x41)
        XCTAssertEqual(decode([0xC3, 0xBC])?.0, 0xFC)
        XCTAssertEqual(decode([0xC3, 0xBC])?.1, 2)
        XCTAssertEqual(decode([0xE2, 0x82, 0xAC])?.0, 0x20AC)
        XCTAssertEqual(decode([0xF0, 0x9F, 0x9A, 0x80])?.0, 0x1F680)
        XCTAssertEqual(decode([0xF4, 0x8F, 0xBF, 0xBF])?.0, 0x10FFFF)
        XCTAssertNil(decode([0xC0, 0xAF]), "overlong")
        XCTAssertNil(decode([0xC1, 0xBF]), "overlong")
        XCTAssertNil(decode([0xE0, 0x9F, 0xBF]), "overlong 3-byte")
        XCTAssertNil(decode([0xF0, 0x8F, 0xBF, 0xBF]), "overlong 4-byte")
        XCTAssertNil(decode([0xED, 0xA0, 0x80]), "surrogate")
        XCTAssertNil(decode([0xED, 0xBF, 0xBF]), "surrogate")
        XCTAssertNil(decode([0xF4, 0x90, 0x80, 0x80]), "above U+10FFFF")
        XCTAssertNil(decode([0xE2, 0x82]), "truncated")
        XCTAssertNil(decode([0xE2, 0x41, 0x41]), "bad continuation")
        XCTAssertNil(decode([0x80]), "lone continuation")
        XCTAssertNil(decode([0xFF]))
    }

    // MARK: Random input

    /// Checks the invariants every tokenization must satisfy.
    func assertWellFormed(_ bytes: [UInt8], tokenizer: Tokenizer, normalizeAll: Bool, _ label: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        bytes.withUnsafeBufferPointer { buf in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            var previousEnd = 0
            var out: [UInt8] = []
            var failures = 0
            for (k, t) in tokens.enumerated() {
                var ok = t.start >= previousEnd && t.start < t.end && t.end <= buf.count
                if ok {
                    let slice = Array(buf[t.start..<t.end])
                    // Every token is valid UTF-8 and holds no white space or control byte.
                    if String(validating: slice, as: UTF8.self) == nil { ok = false }
                    if slice.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { ok = false }
                    if t.rule == .punct || t.rule == .cjk {
                        // One scalar exactly.
                        if let s = String(validating: slice, as: UTF8.self), s.unicodeScalars.count != 1 { ok = false }
                    }
                }
                if !ok {
                    failures += 1
                    if failures <= 5 {
                        XCTFail("\(label): bad token #\(k) \(t) (previous end \(previousEnd), n \(buf.count))",
                                file: file, line: line)
                    }
                } else if normalizeAll || k % 64 == 0 {
                    tokenizer.normalize(t, in: buf, into: &out)
                }
                previousEnd = max(previousEnd, t.end)
            }
            XCTAssertEqual(failures, 0, label, file: file, line: line)
        }
    }

    func testOneMegabyteOfRandomBytes() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        for k in bytes.indices { bytes[k] = UInt8(truncatingIfNeeded: rng.next()) }
        assertWellFormed(bytes, tokenizer: Tokenizer(), normalizeAll: false, "uniform random bytes")
        assertWellFormed(bytes, tokenizer: Tokenizer(options: .init(foldDiacritics: false)), normalizeAll: false,
                         "uniform random bytes, no folding")
    }

    /// Random concatenations of fragments chosen to hit every rule and its edges: valid multi-byte
    /// characters, CJK, marks, invalid sequences, `.`, `+`, `#`, `-`, at every position.
    func testRandomFragmentSoup() {
        let fragments: [[UInt8]] = [
            "a", "Z", "7", "_", ".", "+", "#", "-", "/", " ", "\n", ",", "'", "é", "e\u{301}", "ß", "ẞ", "Σ",
            "ü", "ł", "开", "和", "テ", "の", "개", "م", "ُ", "🚀", "\u{200B}", "\u{00A0}", "\u{FEFF}", "\u{FE0F}",
            "\u{200D}", "\u{200C}", "\u{AD}", "\u{2060}", "Ｊ", "＋", "．", "＃", "－", "ｊｓ", "C++", ".NET", "node.js", "e.g.", "C#", "--", "..", "++",
        ].map { Array($0.utf8) } + [
            [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0],
            [0xC3], [0x00],
        ]
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(seed: seed)
            var bytes: [UInt8] = []
            let length = Int(rng.next() % 4000)
            while bytes.count < length {
                bytes += fragments[Int(rng.next() % UInt64(fragments.count))]
            }
            assertWellFormed(bytes, tokenizer: Tokenizer(), normalizeAll: true, "fragment soup seed \(seed)")
            // Deterministic, and truncating the input never crashes either.
            XCTAssertEqual(tokenViews(bytes), tokenViews(bytes), "seed \(seed) deterministic")
            let cut = Int(rng.next() % UInt64(bytes.count + 1))
            assertWellFormed(Array(bytes[..<cut]), tokenizer: Tokenizer(), normalizeAll: true,
                             "fragment soup seed \(seed) cut at \(cut)")
        }
    }

    /// Long runs that stress the join rules (no quadratic blow-up, no crash).
    func testPathologicalRuns() {
        let n = 200_000
        let inputs: [(String, [UInt8])] = [
            ("plus run then word", Array("c".utf8) + [UInt8](repeating: 0x2B, count: n) + Array("x".utf8)),
            ("plus run at end", Array("c".utf8) + [UInt8](repeating: 0x2B, count: n)),
            ("dot chain", Array(String(repeating: "a.", count: n / 2).utf8)),
            ("hyphen chain", Array(String(repeating: "a-", count: n / 2).utf8)),
            ("dots", [UInt8](repeating: 0x2E, count: n)),
            ("continuation bytes", [UInt8](repeating: 0x80, count: n)),
            ("lead bytes", [UInt8](repeating: 0xE2, count: n)),
            ("one long word", [UInt8](repeating: 0x61, count: n)),
            ("combining marks", Array(String(repeating: "\u{301}", count: n / 2).utf8)),
        ]
        let tokenizer = Tokenizer()
        for (name, bytes) in inputs {
            assertWellFormed(bytes, tokenizer: tokenizer, normalizeAll: false, name)
        }
        // Spot-check the expected shapes.
        XCTAssertEqual(tokenViews(inputs[1].1).map(\.rule), [.plusSuffix])
        XCTAssertEqual(tokenViews(inputs[1].1).first?.range, 0..<(n + 1))
        XCTAssertEqual(tokenViews(inputs[0].1).count, n + 2)
        XCTAssertEqual(tokenViews(inputs[2].1).count, 2, "one dotted token and the final period")
        XCTAssertEqual(tokenViews(inputs[3].1).count, n / 2 + 1)
        XCTAssertEqual(tokenViews(inputs[6].1).count, 0)
        XCTAssertEqual(tokenViews(inputs[7].1).map(\.range), [0..<n])
    }
}
