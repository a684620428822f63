// fuzz-modules: SkillTokenizer
// The tokenizer and normalizer on arbitrary bytes (DESIGN.md, "Tokenizer").
//
// Invariants: tokens are in order, non-empty, within bounds and non-overlapping; every token is valid
// UTF-8 (so it starts and ends on scalar boundaries) and holds no white space or control character; a
// format character appears only as a joiner between word characters; no letter, digit or symbol is
// lost between tokens (gaps hold only separators, or a hyphen between two words); rule-specific shapes (`cjk-char` and
// `punct` are one scalar); token ranges do not depend on the normalization options; normalizing ASCII
// lower-cases it; with folding on, no combining diacritic survives; the vocabulary's ASCII fast path
// agrees with full normalization.
import Foundation
import SkillTokenizer

private let folding = Tokenizer()
private let plain = Tokenizer(options: TokenizerOptions(foldDiacritics: false))

/// Non-ASCII scalars that separate tokens (DESIGN.md: white space, control and format characters).
private func isSeparator(_ u: Unicode.Scalar) -> Bool {
    if u.value < 0x80 { return u.value <= 0x20 || u.value == 0x7F }
    if u.properties.isWhitespace || u.value == 0xFEFF || u.value == 0x200B { return true }
    switch u.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
         .spaceSeparator:
        return true
    default:
        return false
    }
}

private func isJoiner(_ u: Unicode.Scalar) -> Bool {
    u.value == 0xAD || u.value == 0x200C || u.value == 0x200D || u.value == 0x2060
}

private func isCJK(_ v: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FFFF).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0x3040...0x30FF).contains(v)
}

/// Scalars of `bytes[range]`, with nil for each byte that is not part of a valid sequence.
private func scalars(_ p: UnsafePointer<UInt8>, _ n: Int, _ range: Range<Int>) -> [(Unicode.Scalar?, Int)] {
    var out: [(Unicode.Scalar?, Int)] = []
    var i = range.lowerBound
    while i < range.upperBound {
        if let (u, len) = UTF8Scalar.decode(p, range.upperBound, at: i) {
            out.append((u, i))
            i += len
        } else {
            out.append((nil, i))
            i += 1
        }
    }
    return out
}

private func dump(_ bytes: some Collection<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = UnsafeBufferPointer(start: data, count: size)
    var tokens: [Token] = []
    folding.tokenize(text, into: &tokens)
    var plainTokens: [Token] = []
    plain.tokenize(text, into: &plainTokens)
    require(tokens == plainTokens, "token ranges depend on the normalization options")

    var previousEnd = 0
    var vocabulary = Vocabulary()
    var normalized: [UInt8] = []
    var normalizedAll: [[UInt8]] = []
    for (k, t) in tokens.enumerated() {
        require(t.start >= previousEnd, "token \(k) \(t) overlaps or precedes the previous one (end \(previousEnd))")
        require(t.start < t.end && t.end <= size, "token \(k) \(t) is empty or out of bounds (size \(size))")
        let bytes = text[t.start..<t.end]
        require(isValidUTF8(bytes), "token \(k) \(t) is not valid UTF-8: \(dump(bytes))")

        // The gap before the token: only separators, invalid bytes, and a hyphen that is the whole gap
        // between two tokens (`front-end`).
        for (u, at) in scalars(data, size, previousEnd..<t.start) {
            guard let u else { continue }
            if u == "-" || u == "\u{FF0D}" {
                require(k > 0 && at == previousEnd && t.start == at + String(u).utf8.count,
                        "hyphen at byte \(at) dropped although it is not between two words")
                continue
            }
            require(isSeparator(u), "U+\(String(u.value, radix: 16)) at byte \(at) is in no token and is not a separator")
        }
        previousEnd = t.end

        let inside = scalars(data, size, t.start..<t.end).compactMap(\.0)
        // (A `cjk-char` token is any scalar of the CJK ranges, assigned or not: checked below.)
        for (idx, u) in inside.enumerated() where t.rule != .cjk {
            require(!isSeparator(u) || (isJoiner(u) && idx > 0 && idx < inside.count - 1),
                    "token \(k) \(t) holds separator U+\(String(u.value, radix: 16))")
        }
        switch t.rule {
        case .cjk:
            require(inside.count == 1 && isCJK(inside[0].value), "cjk-char token \(k) \(t) is not one CJK character")
        case .punct:
            require(inside.count == 1, "punct token \(k) \(t) is not one character")
        case .dotPrefix:
            require(inside.first == "." || inside.first == "\u{FF0E}", "dot-prefix token \(k) does not start with a dot")
        case .plusSuffix:
            require(inside.last == "+" || inside.last == "\u{FF0B}", "plus-suffix token \(k) does not end with +")
        case .hashSuffix:
            require(inside.last == "#" || inside.last == "\u{FF03}", "hash-suffix token \(k) does not end with #")
        case .word, .dotted:
            break
        }

        // Normalization.
        folding.normalize(t, in: text, into: &normalized)
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            require(normalized == lowered, "ASCII token \(k) normalizes to \(dump(normalized))")
        } else {
            for u in String(decoding: normalized, as: UTF8.self).unicodeScalars {
                require(!(0x300...0x36F).contains(u.value), "folded token \(k) keeps combining mark U+\(String(u.value, radix: 16))")
                require(u.properties.generalCategory != .format, "normalized token \(k) keeps a format character")
            }
        }
        var again: [UInt8] = []
        folding.normalize(t, in: text, into: &again)
        require(again == normalized, "normalization of token \(k) is not deterministic")
        var unfolded: [UInt8] = []
        plain.normalize(t, in: text, into: &unfolded)
        vocabulary.insert(normalized)
        normalizedAll.append(normalized)
    }
    for (u, at) in scalars(data, size, previousEnd..<size) {
        guard let u else { continue }
        require(isSeparator(u), "U+\(String(u.value, radix: 16)) at byte \(at) is in no token and is not a separator")
    }

    // The vocabulary: IDs through the ASCII fast path agree with the normalized strings' IDs.
    var scratch: [UInt8] = []
    for (k, t) in tokens.enumerated() {
        let viaText = folding.tokenID(t, in: text, vocabulary: vocabulary, scratch: &scratch)
        let viaString = normalizedAll[k].withUnsafeBufferPointer { vocabulary.id(ofNormalized: $0) }
        require(viaText == viaString && viaText != Vocabulary.unknown,
                "token \(k) \(t): tokenID \(viaText) but normalized string has ID \(viaString)")
        require(vocabulary.string(for: viaText) == String(decoding: normalizedAll[k], as: UTF8.self),
                "vocabulary string of ID \(viaText) differs")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    HostileSeeds.all + [
        ("terms", Array("C++ C# F# .NET node.js ASP.NET 3.5 e.g. notepad++ c++11 CI/CD TCP/IP PL/SQL front-end Objective-C".utf8)),
        ("fullwidth", Array("Ｃ＋＋ Ｃ＃ ．ＮＥＴ ｆｒｏｎｔ－ｅｎｄ Node．js".utf8)),
        ("joiners", Array("Soft\u{AD}ware \u{AD}x x\u{AD} a\u{200C}b a\u{200D}\u{200D}b a\u{2060}-b".utf8)),
        ("dots", Array("...a..b. .a. a.-b a+.b a#b #a ++ a++b a+ +a".utf8)),
    ]
}
