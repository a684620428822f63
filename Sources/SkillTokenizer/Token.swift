/// One token: a byte range in the input and the rule that made it.
///
/// Tokens never copy text; the normalized form is produced on demand by ``Tokenizer/normalize(_:in:into:)``.
public struct Token: Sendable, Hashable {
    /// Byte offsets into the UTF-8 input, half-open.
    public var start: Int
    public var end: Int
    public var rule: TokenRule
    /// Whether the token lies in prose or inside a URL, e-mail address, handle, file path or code call
    /// (``Tokenizer/markNonProse(_:tokens:from:)``); matchers skip non-prose tokens.
    public var span: TokenSpan

    @inlinable
    public init(start: Int, end: Int, rule: TokenRule, span: TokenSpan = .prose) {
        self.start = start
        self.end = end
        self.rule = rule
        self.span = span
    }

    @inlinable public var byteRange: Range<Int> { start..<end }
}

/// Which tokenizer rule produced a token; ``Tokenizer`` documents each rule, `explain` prints them.
public enum TokenRule: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// A run of word characters: ASCII letters, digits, `_`, and non-ASCII letters, marks and digits
    /// outside the CJK ranges. Hyphens between word characters split words and are dropped.
    case word
    /// Words joined by an inner `.`: `node.js`, `asp.net`, `3.5`.
    case dotted
    /// A word followed by a run of `+`: `c++`, `notepad++`.
    case plusSuffix
    /// A word followed by `#`: `c#`, `f#`.
    case hashSuffix
    /// A `.` that starts a word after a non-word character: `.net`, `.htaccess`.
    case dotPrefix
    /// One Han, Hiragana or Katakana character; CJK text is matched character by character.
    case cjk
    /// One punctuation or symbol character (`/`, `&`, `,`, `(`...). Kept so that labels such as
    /// `CI/CD` or `TCP/IP` match exactly and so that matches never span punctuation.
    case punct

    public var description: String {
        switch self {
        case .word: "word"
        case .dotted: "dotted"
        case .plusSuffix: "plus-suffix"
        case .hashSuffix: "hash-suffix"
        case .dotPrefix: "dot-prefix"
        case .cjk: "cjk-char"
        case .punct: "punct"
        }
    }
}

/// The kind of text a token lies in. Tokens of a URL, e-mail address, `@handle`, file path or code call never
/// take part in a skill match: `https://golang.org/doc` names no skill, `jobs@python.org` neither.
public enum TokenSpan: UInt8, Sendable, Hashable, CustomStringConvertible {
    case prose, url, email, handle, path, code

    public var description: String {
        switch self {
        case .prose: "prose"
        case .url: "url"
        case .email: "e-mail"
        case .handle: "handle"
        case .path: "file path"
        case .code: "code"
        }
    }
}
