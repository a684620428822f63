import SkillSynth
import XCTest
@testable import SkillTokenizer

/// One token as the tests see it: normalized text, rule, byte range.
struct TokenView: Equatable, CustomStringConvertible {
    var text: String
    var rule: TokenRule
    var range: Range<Int>

    var description: String { "\(text)[\(rule)]@\(range.lowerBound)..<\(range.upperBound)" }
}

/// Tokenizes raw bytes and normalizes every token.
func tokenViews(_ bytes: [UInt8], _ tokenizer: Tokenizer = Tokenizer()) -> [TokenView] {
    bytes.withUnsafeBufferPointer { buf in
        var tokens: [Token] = []
        tokenizer.tokenize(buf, into: &tokens)
        var out: [UInt8] = []
        return tokens.map { t in
            tokenizer.normalize(t, in: buf, into: &out)
            return TokenView(text: String(decoding: out, as: UTF8.self), rule: t.rule, range: t.byteRange)
        }
    }
}

func tokenViews(_ text: String, _ tokenizer: Tokenizer = Tokenizer()) -> [TokenView] {
    tokenViews(Array(text.utf8), tokenizer)
}

extension TokenRule {
    /// Short names used in the test tables.
    static let w = TokenRule.word
    static let d = TokenRule.dotted
    static let p = TokenRule.punct
}
