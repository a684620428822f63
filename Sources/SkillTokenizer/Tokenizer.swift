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
        let first = tokens.count
        scanTokens(text, into: &tokens)
        Self.markNonProse(text, tokens: &tokens, from: first)
    }

    /// The scanner proper: appends tokens, all marked prose.
    func scanTokens(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return }
        var i = 0
        while i < n {
            let b = p[i]
            switch ByteClass.of(b) {
            case ByteClass.space:
                i += 1
            case ByteClass.word:
                i = scanWordToken(p, n, from: i, into: &tokens)
            case ByteClass.punct:
                i = scanPunct(p, n, at: i, ascii: b, length: 1, into: &tokens)
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
                    if let (c, l) = FullWidth.ascii(p, n, at: i) {
                        i = scanPunct(p, n, at: i, ascii: c, length: l, into: &tokens)
                    } else {
                        tokens.append(Token(start: i, end: i + len, rule: .punct))
                        i += len
                    }
                }
            }
        }
    }

    // MARK: Text that is not prose

    /// File extensions that end a path (`src/app.py`, `conf/nginx.conf`). Names that are also technologies
    /// (`.js`, `.net`, `.io`) are left out, so `React/Node.js` stays prose.
    static let pathExtensions: Set<String> = [
        "py", "pyc", "rb", "php", "pl", "sh", "bash", "ps1", "bat", "exe", "dll", "so", "o", "a", "h", "c", "cpp",
        "cc", "hpp", "java", "class", "jar", "war", "kt", "swift", "m", "cs", "conf", "cfg", "ini", "yml", "yaml",
        "json", "xml", "toml", "lock", "txt", "md", "rst", "csv", "tsv", "log", "gz", "tgz", "zip", "tar", "bz2",
        "pdf", "doc", "docx", "xls", "xlsx", "png", "jpg", "jpeg", "gif", "svg", "htm", "html", "css", "scss",
        "env", "sql", "db", "sqlite", "ipynb", "tf", "dockerfile",
    ]

    /// Top-level domains that mark `name.tld/path` as a web address (not `net`, `js`, `io`...: names of
    /// technologies end so too, `ASP.NET/MVC`, `Node.js/Express`, `Socket.io/…`).
    static let topLevelDomains: Set<String> = ["com", "org", "edu", "gov", "de", "uk", "fr", "nl", "cn", "jp", "ru",
                                               "es", "it", "se", "ch", "au", "ca", "in", "info", "co", "us", "eu"]

    /// Marks the tokens `tokens[from...]` that lie inside text that is not prose, so that no skill is matched
    /// there. Works on *runs*: maximal sequences of tokens with nothing between them. Within a run:
    /// - a URL: `scheme://…` or a word starting `www.`, up to a closing bracket, quote or non-ASCII token;
    /// - an e-mail address: `@` with a word right before and right after (`jobs@python.org`), the local part
    ///   extended over `.`, `-`, `+`; a handle: `@` starting a run, with the word after it (`@golang`);
    /// - a file path: a run that starts with `/`, `~/`, `./` or `../` and has two `/`, or has a `\` between
    ///   words, or has a `/` and ends in a file extension (`src/app.py`);
    /// - a code call: a word followed right away by `()`, or a dotted word followed by `(` (`df.groupby(`).
    /// A non-prose token keeps its rule; its ``Token/span`` says which kind of text it is in. O(tokens).
    public static func markNonProse(_ text: UnsafeBufferPointer<UInt8>, tokens: inout [Token], from: Int) {
        let n = tokens.count
        guard n - from >= 2 else { return }
        func byte(_ k: Int) -> UInt8 {
            let t = tokens[k]
            return t.end - t.start == 1 ? text[t.start] : 0
        }
        func isWord(_ k: Int) -> Bool { tokens[k].rule == .word || tokens[k].rule == .dotted }
        func isASCII(_ k: Int) -> Bool {
            for b in tokens[k].start..<tokens[k].end where text[b] >= 0x80 { return false }
            return true
        }
        func startsWWW(_ k: Int) -> Bool {
            let t = tokens[k]
            guard t.rule == .dotted, t.end - t.start > 4 else { return false }
            return text[t.start] | 0x20 == 0x77 && text[t.start + 1] | 0x20 == 0x77 && text[t.start + 2] | 0x20 == 0x77
                && text[t.start + 3] == 0x2E
        }
        func lastSegment(_ k: Int) -> String {
            let t = tokens[k]
            var s = t.end
            while s > t.start, text[s - 1] != 0x2E { s -= 1 }
            guard s > t.start else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: text[s..<t.end]), as: UTF8.self).lowercased()
        }
        func containsLineBreak(_ a: Int, _ b: Int) -> Bool {
            for x in a..<max(a, b) where text[x] == 0x0A { return true }
            return false
        }
        func mark(_ a: Int, _ b: Int, _ kind: TokenSpan) {
            for k in a..<b where tokens[k].span == .prose { tokens[k].span = kind }
        }
        /// End of a URL starting at token `k` within the run ending at `j`.
        func urlEnd(_ k: Int, _ j: Int) -> Int {
            var e = k
            while e < j, isASCII(e) {
                let b = byte(e)
                if b == 0x29 || b == 0x5D || b == 0x3E || b == 0x22 || b == 0x27 || b == 0x3C { break } // ) ] > " ' <
                e += 1
            }
            return e
        }
        var i = from
        while i < n {
            var j = i + 1
            while j < n, tokens[j].start == tokens[j - 1].end { j += 1 }
            if j - i >= 2 { markRun(i, j) }
            i = j
        }
        func markRun(_ i: Int, _ j: Int) {
            var slashes = 0, backslashBetweenWords = false
            for k in i..<j {
                let b = byte(k)
                if b == 0x2F { slashes += 1 }
                if b == 0x5C, k > i, k + 1 < j, isWord(k - 1) || byte(k - 1) == 0x3A, isWord(k + 1) {
                    backslashBetweenWords = true
                }
            }
            // File paths (the whole run, as far as it is ASCII).
            if slashes > 0 || backslashBetweenWords {
                let b0 = byte(i), b1 = i + 1 < j ? byte(i + 1) : 0, b2 = i + 2 < j ? byte(i + 2) : 0
                let rooted = (b0 == 0x2F && i + 1 < j && isWord(i + 1)) || (b0 == 0x7E && b1 == 0x2F)
                    || (b0 == 0x2E && b1 == 0x2F) || (b0 == 0x2E && b1 == 0x2E && b2 == 0x2F)
                var last = j - 1
                while last > i, !isWord(last) { last -= 1 }
                let withExtension = slashes > 0 && tokens[last].rule == .dotted
                    && pathExtensions.contains(lastSegment(last))
                if (rooted && slashes >= 2) || backslashBetweenWords || withExtension {
                    var e = i
                    while e < j, isASCII(e) { e += 1 }
                    mark(i, e, .path)
                    if e == j { return }
                }
            }
            var k = i
            while k < j {
                let b = byte(k)
                // Markup: `<div>`, `<img src="…">`, `</p>` — from `<` to the next `>` on the line (at most 64 tokens).
                if b == 0x3C, k + 1 < j, isWord(k + 1) || (byte(k + 1) == 0x2F && k + 2 < j && isWord(k + 2)) {
                    var e = k + 1
                    while e < n, e - k < 64, byte(e) != 0x3E, !(e > k + 1 && byte(e) == 0x3C) { e += 1 }
                    if e < n, byte(e) == 0x3E, !containsLineBreak(tokens[k].end, tokens[e].start) {
                        mark(k, e + 1, .code)
                        k = e + 1
                        continue
                    }
                }
                if isWord(k), k + 3 < j, byte(k + 1) == 0x3A, byte(k + 2) == 0x2F, byte(k + 3) == 0x2F {
                    let e = urlEnd(k, j)
                    mark(k, e, .url)
                    k = max(e, k + 1)
                    continue
                }
                // `mailto:` and `tel:` links have no `//`.
                if tokens[k].rule == .word, k + 1 < j, byte(k + 1) == 0x3A, tokens[k].end - tokens[k].start <= 6,
                   ["mailto", "tel"].contains(String(decoding: UnsafeBufferPointer(rebasing: text[tokens[k].start..<tokens[k].end]), as: UTF8.self).lowercased()) {
                    let e = urlEnd(k, j)
                    mark(k, e, .url)
                    k = max(e, k + 1)
                    continue
                }
                // A domain name followed by a path (`nvie.com/posts/…`); not `ASP.NET/MVC` (`.net` is left out).
                if tokens[k].rule == .dotted, k + 1 < j, byte(k + 1) == 0x2F, (k == i || byte(k - 1) != 0x2F),
                   Self.topLevelDomains.contains(lastSegment(k)) {
                    let e = urlEnd(k, j)
                    mark(k, e, .url)
                    k = max(e, k + 1)
                    continue
                }
                if startsWWW(k) {
                    let e = urlEnd(k, j)
                    mark(k, e, .url)
                    k = max(e, k + 1)
                    continue
                }
                if b == 0x40, k + 1 < j, isWord(k + 1) { // @
                    if k > i, isWord(k - 1) {
                        var a = k - 1
                        while a > i, isWord(a - 1) || byte(a - 1) == 0x2E || byte(a - 1) == 0x2D || byte(a - 1) == 0x2B {
                            a -= 1
                        }
                        var e = k + 2
                        while e + 1 < j, byte(e) == 0x2E || byte(e) == 0x2D, isWord(e + 1) { e += 2 }
                        mark(a, e, .email)
                        k = e
                        continue
                    }
                    if k == i {
                        mark(k, k + 2, .handle)
                        k += 2
                        continue
                    }
                }
                if isWord(k), k + 1 < j, byte(k + 1) == 0x28, // (
                   (k + 2 < j && byte(k + 2) == 0x29) || tokens[k].rule == .dotted {
                    mark(k, k + 1, .code)
                }
                k += 1
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

    /// Handles a punctuation character `ascii` (an ASCII byte, or the ASCII form of a full-width character)
    /// of `length` bytes at `i`: a dot prefix (`.net`), a soft hyphen between words, or a `punct` token.
    @usableFromInline
    func scanPunct(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, ascii c: UInt8, length: Int,
                   into tokens: inout [Token]) -> Int {
        if c == UInt8(ascii: "."), startsLatinWord(p, n, at: i + length), i == 0 || !isWordEnd(p, before: i) {
            // `.net`: a dot prefix, then the word and its suffixes.
            let end = scanWordToken(p, n, from: i + length, into: &tokens)
            tokens[tokens.count - 1].start = i
            if tokens[tokens.count - 1].rule == .word { tokens[tokens.count - 1].rule = .dotPrefix }
            return end
        }
        if c == UInt8(ascii: "-"), i > 0, isWordEnd(p, before: i), startsWord(p, n, at: i + length) {
            return i + length // hyphen between words: a separator, not a token
        }
        tokens.append(Token(start: i, end: i + length, rule: .punct))
        return i + length
    }

    /// True when an ASCII letter, digit or `_`, or its full-width form, starts at `i`.
    @usableFromInline
    func startsLatinWord(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> Bool {
        guard i < n else { return false }
        if p[i] < 0x80 { return ByteClass.isASCIIWord(p[i]) }
        guard let (c, _) = FullWidth.ascii(p, n, at: i) else { return false }
        return ByteClass.isASCIIWord(c)
    }

    /// The ASCII punctuation character (or full-width equivalent) at `i` and its length, if it is `c`.
    @inline(__always)
    func punct(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int, is c: UInt8) -> Int? {
        guard i < n else { return nil }
        if p[i] == c { return 1 }
        if p[i] == 0xEF, let (a, l) = FullWidth.ascii(p, n, at: i), a == c { return l }
        return nil
    }

    /// Scans a word starting at `start` (which must start a word), applies the join and suffix rules,
    /// appends the token and returns its end.
    @usableFromInline
    func scanWordToken(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int,
                       into tokens: inout [Token]) -> Int {
        var end = scanWordRun(p, n, from: start)
        var rule = TokenRule.word
        // Inner dots: node.js, asp.net, 3.5 (full-width dots and letters too)
        while let l = punct(p, n, at: end, is: UInt8(ascii: ".")), startsLatinWord(p, n, at: end + l) {
            end = scanWordRun(p, n, from: end + l)
            rule = .dotted
        }
        if punct(p, n, at: end, is: UInt8(ascii: "+")) != nil {
            var k = end
            while let l = punct(p, n, at: k, is: UInt8(ascii: "+")) { k += l }
            if k == n || !startsWord(p, n, at: k) {
                end = k
                rule = .plusSuffix
            }
        } else if let l = punct(p, n, at: end, is: UInt8(ascii: "#")), !startsWord(p, n, at: end + l) {
            end += l
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
                if ByteClass.isASCIIWord(b) { i += 1; continue }
                return i
            }
            guard let (scalar, len) = UTF8Scalar.decode(p, n, at: i) else { return i }
            if ScalarClass.of(scalar) != .word {
                // A soft hyphen or zero-width (non-)joiner between word characters stays inside the word
                // (it is removed by normalization): `Soft\u{AD}ware` is one word.
                guard ScalarClass.isJoiner(scalar), i > start, startsWord(p, n, at: i + len) else { return i }
            }
            i += len
        }
        return i
    }

    /// True when the character ending right before `i` is a word character (ASCII or not).
    @usableFromInline
    func isWordEnd(_ p: UnsafePointer<UInt8>, before i: Int) -> Bool {
        let b = p[i - 1]
        if b < 0x80 { return ByteClass.isASCIIWord(b) }
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
        if b < 0x80 { return ByteClass.isASCIIWord(b) }
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
            for k in token.start..<token.end { out.append(ByteClass.lowered(text[k])) }
        } else if Self.isFoldStable(UnsafeBufferPointer(rebasing: text[token.start..<token.end])) {
            // CJK ideographs (a token each): no case, no decomposition; Foundation's normalization is not needed.
            out.append(contentsOf: text[token.start..<token.end])
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
    ///
    /// Only marks of the combining-diacritics blocks (U+0300–036F, 1AB0–1AFF, 1DC0–1DFF, 20D0–20FF,
    /// FE20–FE2F) and the optional Hebrew and Arabic vowel marks are removed: vowel signs of Indic scripts
    /// and the kana voicing marks are parts of letters, not accents. Format characters (soft hyphen, zero-width joiners)
    /// and the Arabic tatweel (a stretching stroke) are always removed.
    public static func foldUnicode(_ s: String, diacritics: Bool) -> String {
        // lower -> upper -> lower folds `ß` and capital `ẞ` to `ss` and final sigma to sigma.
        let folded = s.lowercased().uppercased().lowercased()
        var scalars = String.UnicodeScalarView()
        let decomposed = diacritics ? folded.decomposedStringWithCompatibilityMapping
            : folded.precomposedStringWithCompatibilityMapping
        for u in decomposed.unicodeScalars {
            if u.properties.generalCategory == .format { continue }
            if u.value == 0x0640 { continue } // Arabic tatweel: a stretching stroke, typographic only
            if diacritics, isCombiningDiacritic(u) { continue }
            scalars.append(u)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// True when every scalar of the UTF-8 `bytes` is a CJK unified ideograph (U+3400–4DBF, 4E00–9FFF,
    /// 20000–2A6DF, 2A700–2EBEF, 30000–3134F): scalars that ``foldUnicode(_:diacritics:)`` leaves as they are
    /// (no case, no canonical or compatibility decomposition; a test checks every one), so folding them is a copy.
    @inlinable
    public static func isFoldStable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return false }
        var i = 0
        while i < bytes.count {
            guard let (u, len) = UTF8Scalar.decode(p, bytes.count, at: i), isFoldStable(u.value) else { return false }
            i += len
        }
        return true
    }

    @inlinable
    public static func isFoldStable(_ v: UInt32) -> Bool {
        switch v {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x30000...0x3134F: true
        default: false
        }
    }

    static func isCombiningDiacritic(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0300...0x036F, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        // Optional vowel marks: Hebrew points and cantillation, Arabic harakat.
        case 0x0591...0x05BD, 0x05BF, 0x05C1...0x05C2, 0x05C4...0x05C5, 0x05C7: true
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7...0x06E8,
             0x06EA...0x06ED: true
        default: false
        }
    }
}

/// Byte classes for the ASCII fast path.
@usableFromInline
enum ByteClass {
    @usableFromInline static let space: UInt8 = 0
    @usableFromInline static let word: UInt8 = 1
    @usableFromInline static let punct: UInt8 = 2
    @usableFromInline static let high: UInt8 = 3

    /// Byte classification by arithmetic (no lazy-global table access in hot loops).
    @inline(__always) @usableFromInline static func isASCIIWord(_ b: UInt8) -> Bool {
        (b &- 0x30 < 10) || ((b | 0x20) &- 0x61 < 26) || b == 0x5F
    }

    @inline(__always) @usableFromInline static func lowered(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always) @usableFromInline static func of(_ b: UInt8) -> UInt8 {
        if b >= 0x80 { return high }
        if isASCIIWord(b) { return word }
        if b <= 0x20 || b == 0x7F { return space }
        return punct
    }
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

extension ScalarClass {
    /// Soft hyphen, zero-width non-joiner and joiner, word joiner: invisible inside words.
    @usableFromInline
    static func isJoiner(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x00AD || u.value == 0x200C || u.value == 0x200D || u.value == 0x2060
    }
}

/// Full-width forms of ASCII (U+FF01–FF5E, frequent in Chinese and Japanese text).
@usableFromInline
enum FullWidth {
    /// The ASCII character whose full-width form starts at `i`, and the form's length (3), or nil.
    @inline(__always) @usableFromInline
    static func ascii(_ p: UnsafePointer<UInt8>, _ n: Int, at i: Int) -> (UInt8, Int)? {
        guard i + 2 < n, p[i] == 0xEF else { return nil }
        let b1 = p[i + 1], b2 = p[i + 2]
        if b1 == 0xBC, b2 >= 0x81, b2 <= 0xBF { return (0x21 + (b2 - 0x81), 3) }
        if b1 == 0xBD, b2 >= 0x80, b2 <= 0x9E { return (0x60 + (b2 - 0x80), 3) }
        return nil
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
