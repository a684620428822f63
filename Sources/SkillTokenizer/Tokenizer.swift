import Foundation

/// Options that change how text is normalized; labels and text must use the same options.
public struct TokenizerOptions: Sendable, Hashable, Codable {
    /// Strip combining marks after canonical decomposition (`é` -> `e`, `ł` stays `ł`).
    public var foldDiacritics: Bool

    public init(foldDiacritics: Bool = true) {
        self.foldDiacritics = foldDiacritics
    }

    /// A short stable string for digests and run records.
    public var fingerprint: String { "tok1;fold-diacritics=\(foldDiacritics)" }
}

/// Splits UTF-8 bytes into tokens and normalizes tokens; pure, allocation-free on ASCII text.
///
/// The rules (DESIGN.md, "Tokenizer"):
/// - ASCII letters, digits and `_` form words; so do non-ASCII letters, marks and digits, except Han,
///   Hiragana and Katakana characters, which are one token each (CJK text has no spaces, and a Latin
///   term inside it, `熟悉React和Node.js开发`, becomes its own token).
/// - White space, control characters and invalid UTF-8 separate tokens and are never part of one.
/// - A hyphen between two word characters splits the words and is dropped (`front-end` = `front end`).
/// - An inner `.` between word characters joins (`node.js`, `asp.net`, `3.5`); a `.` right before a
///   letter after a non-word character starts a word (`.net`).
/// - A run of `+` after a word joins it when no word character follows (`c++`, `notepad++`);
///   so does one `#` (`c#`, `f#`).
/// - Any other punctuation or symbol is a one-character token, so matches never span it and labels
///   that contain it (`CI/CD`, `TCP/IP`, `PL/SQL`) match exactly.
///
/// Complexity: O(n) in the input bytes; each byte is looked at a bounded number of times.
public struct Tokenizer: Sendable, Hashable {
    public let options: TokenizerOptions

    public init(options: TokenizerOptions = TokenizerOptions()) {
        self.options = options
    }

    // MARK: Tokenizing

    /// Appends the tokens of `text` to `tokens` (the caller keeps and clears the buffer to reuse it).
    public func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return }
        var i = 0
        while i < n {
            let b = p[i]
            switch ByteClass.table[Int(b)] {
            case ByteClass.space:
                i += 1
            case ByteClass.word:
                i = scanWordToken(p, n, from: i, into: &tokens)
            case ByteClass.punct:
                if b == UInt8(ascii: "."), i + 1 < n, ByteClass.isASCIIWord(p[i + 1]),
                   i == 0 || !isWordEnd(p, before: i) {
                    // `.net`: a dot prefix, then the word and its suffixes.
                    let end = scanWordToken(p, n, from: i + 1, into: &tokens)
                    tokens[tokens.count - 1].start = i
                    if tokens[tokens.count - 1].rule == .word { tokens[tokens.count - 1].rule = .dotPrefix }
                    i = end
                } else if b == UInt8(ascii: "-"), i > 0, i + 1 < n, isWordEnd(p, before: i),
                          startsWord(p, n, at: i + 1) {
                    i += 1 // soft hyphen between words
                } else {
                    tokens.append(Token(start: i, end: i + 1, rule: .punct))
                    i += 1
                }
            default: // non-ASCII lead byte, or an invalid byte
                guard let (scalar, len) = UTF8Scalar.decode(p, n, at: i) else {
                    i += 1 // invalid UTF-8: a separator, never part of a token
                    continue
                }
                switch ScalarClass.of(scalar) {
                case .cjk:
                    tokens.append(Token(start: i, end: i + len, rule: .cjk))
                    i += len
                case .word:
                    i = scanWordToken(p, n, from: i, into: &tokens)
                case .space:
                    i += len
                case .punct:
                    tokens.append(Token(start: i, end: i + len, rule: .punct))
                    i += len
                }
            }
        }
    }

    /// Tokens of a Swift string (convenience for tests, labels and `explain`).
    public func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var copy = text
        copy.withUTF8 { tokenize($0, into: &tokens) }
        return tokens
    }

    /// Scans a word starting at `start` (which must start a word), applies the join and suffix rules,
    /// appends the token and returns its end.
    @usableFromInline
    func scanWordToken(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int,
                       into tokens: inout [Token]) -> Int {
        var end = scanWordRun(p, n, from: start)
        var rule = TokenRule.word
        // Inner dots: node.js, asp.net, 3.5
        while end + 1 < n, p[end] == UInt8(ascii: "."), ByteClass.isASCIIWord(p[end + 1]) {
            end = scanWordRun(p, n, from: end + 1)
            rule = .dotted
        }
        if end < n, p[end] == UInt8(ascii: "+") {
            var k = end
            while k < n, p[k] == UInt8(ascii: "+") { k += 1 }
            if k == n || !startsWord(p, n, at: k) {
                end = k
                rule = .plusSuffix
            }
        } else if end < n, p[end] == UInt8(ascii: "#"), end + 1 == n || !startsWord(p, n, at: end + 1) {
            end += 1
            rule = .hashSuffix
        }
        tokens.append(Token(start: start, end: end, rule: rule))
        return end
    }

    /// End of the maximal run of word characters (ASCII and non-CJK non-ASCII) from `start`.
    @usableFromInline
    func scanWordRun(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int) -> Int {
        var i = start
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if ByteClass.table[Int(b)] == ByteClass.word { i += 1; continue }
                return i
            }
            guard let (scalar, len) = UTF8Scalar.decode(p, n, at: i),
                  ScalarClass.of(scalar) == .word else { return i }
            i += len
        }
        return i
    }

    /// True when the character ending right before `i` is a word character (ASCII or not).
    @usableFromInline
    func isWordEnd(_ p: UnsafePointer<UInt8>, before i: Int) -> Bool {
        let b = p[i - 1]
        if b < 0x80 { return ByteClass.table[Int(b)] == ByteClass.word }
        // Walk back to the lead byte (at most 3 continuation bytes).
        var s = i - 1
        while s > 0, i - s < 4, p[s] & 0xC0 == 0x80 { s -= 1 }
        guard let (scalar, len) = UTF8Scalar.decode(p, i, at: s), s + len == i else { return false }
        return ScalarClass.of(scalar) == .word
    }

    /// True when a word character (not CJK) starts at `i`.
    @usableFromInline
    func startsWord(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Bool {
        guard i < n else { return false }
        let b = p[i]
        if b < 0x80 { return ByteClass.table[Int(b)] == ByteClass.word }
        guard let (scalar, _) = UTF8Scalar.decode(p, n, at: i) else { return false }
        return ScalarClass.of(scalar) == .word
    }

    // MARK: Normalizing

    /// Writes the normalized form of `token` to `out` (cleared first): ASCII is lower-cased; a token with
    /// non-ASCII characters is case-folded, NFKC-normalized and, with `foldDiacritics`, stripped of marks.
    public func normalize(_ token: Token, in text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var ascii = true
        for k in token.start..<token.end where text[k] >= 0x80 { ascii = false; break }
        if ascii {
            for k in token.start..<token.end { out.append(ByteClass.lower[Int(text[k])]) }
        } else {
            let raw = String(decoding: UnsafeBufferPointer(rebasing: text[token.start..<token.end]),
                             as: UTF8.self)
            out.append(contentsOf: Self.foldUnicode(raw, diacritics: options.foldDiacritics).utf8)
        }
    }

    /// The normalized form of a token as a string.
    public func normalized(_ token: Token, in text: String) -> String {
        var out: [UInt8] = []
        var copy = text
        copy.withUTF8 { normalize(token, in: $0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Normalized token strings of `text`, in order (used for labels).
    public func normalizedTokens(_ text: String) -> [String] {
        var copy = text
        return copy.withUTF8 { buf -> [String] in
            var tokens: [Token] = []
            tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            return tokens.map { t in
                normalize(t, in: buf, into: &out)
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Case folding (upper- then lower-case mapping, which folds `ß` to `ss` and final sigma to sigma),
    /// compatibility composition (NFKC: full-width Latin to ASCII, ligatures split), and optionally
    /// removal of combining marks after canonical decomposition.
    public static func foldUnicode(_ s: String, diacritics: Bool) -> String {
        let folded = s.uppercased().lowercased()
        guard diacritics else { return folded.precomposedStringWithCompatibilityMapping }
        var scalars = String.UnicodeScalarView()
        for u in folded.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch u.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: scalars.append(u)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}

/// Byte classes for the ASCII fast path.
@usableFromInline
enum ByteClass {
    @usableFromInline static let space: UInt8 = 0
    @usableFromInline static let word: UInt8 = 1
    @usableFromInline static let punct: UInt8 = 2
    @usableFromInline static let high: UInt8 = 3

    @usableFromInline static let table: [UInt8] = (0..<256).map { v -> UInt8 in
        let b = UInt8(v)
        if b >= 0x80 { return high }
        if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F {
            return word
        }
        if b <= 0x20 || b == 0x7F { return space }
        return punct
    }

    /// ASCII lower-casing table (identity above 0x7F).
    @usableFromInline static let lower: [UInt8] = (0..<256).map { v -> UInt8 in
        let b = UInt8(v)
        return (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    @inlinable static func isASCIIWord(_ b: UInt8) -> Bool { b < 0x80 && table[Int(b)] == word }
}

/// How a non-ASCII scalar behaves in tokenizing.
@usableFromInline
enum ScalarClass: Equatable {
    case word, cjk, space, punct

    @usableFromInline
    static func of(_ u: Unicode.Scalar) -> ScalarClass {
        let v = u.value
        if (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FFFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x3040...0x30FF).contains(v) {
            return .cjk
        }
        let p = u.properties
        if p.isWhitespace || v == 0xFEFF || v == 0x200B { return .space }
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber:
            return .word
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
             .spaceSeparator:
            return .space
        default:
            return .punct
        }
    }
}

/// A strict UTF-8 decoder: rejects overlong forms, surrogates and truncated sequences.
public enum UTF8Scalar {
    /// The scalar starting at `i` and its length in bytes, or nil if the bytes there are not valid UTF-8.
    @inlinable
    public static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        var len = 0
        var v: UInt32 = 0
        var minimum: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { len = 2; v = b0 & 0x1F; minimum = 0x80 }
        else if b0 & 0xF0 == 0xE0 { len = 3; v = b0 & 0x0F; minimum = 0x800 }
        else if b0 & 0xF8 == 0xF0 { len = 4; v = b0 & 0x07; minimum = 0x10000 }
        else { return nil }
        guard i + len <= n else { return nil }
        for k in 1..<len {
            let c = UInt32(p[i + k])
            guard c & 0xC0 == 0x80 else { return nil }
            v = (v << 6) | (c & 0x3F)
        }
        guard v >= minimum, let scalar = Unicode.Scalar(v) else { return nil }
        return (scalar, len)
    }
}
