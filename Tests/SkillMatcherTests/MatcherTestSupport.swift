import SkillSynth
import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// A label to add: text, exact-case flag and value (defaults to the label's index).
struct LabelSpec: ExpressibleByStringLiteral {
    var text: String
    var exactCase: Bool
    var value: UInt32?

    init(_ text: String, exact: Bool = false, value: UInt32? = nil) {
        self.text = text
        self.exactCase = exact
        self.value = value
    }

    init(stringLiteral value: String) { self.init(value) }

    static func exact(_ text: String, value: UInt32? = nil) -> LabelSpec { LabelSpec(text, exact: true, value: value) }
}

func makeMatcher(_ labels: [LabelSpec], tokenizer: Tokenizer = Tokenizer()) -> Matcher {
    var builder = MatcherBuilder(tokenizer: tokenizer)
    for (k, l) in labels.enumerated() {
        builder.add(l.text, value: l.value ?? UInt32(k), exactCase: l.exactCase)
    }
    return builder.build()
}

/// A match as (label, the text it covers).
struct Found: Equatable, CustomStringConvertible {
    var label: String
    var text: String
    init(_ label: String, _ text: String) {
        self.label = label
        self.text = text
    }
    var description: String { "\(label.debugDescription)=\(text.debugDescription)" }
}

func found(_ matcher: Matcher, _ matches: [Match], in text: String) -> [Found] {
    let bytes = Array(text.utf8)
    return matches.map { Found(matcher.label($0.pattern), String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)) }
}

extension Matcher {
    /// Matches in raw bytes (which may be invalid UTF-8).
    func matches(inBytes bytes: [UInt8], kind: MatchKind) -> [Match] {
        var scratch = MatchScratch()
        var out: [Match] = []
        bytes.withUnsafeBufferPointer { matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
        return out
    }
}
