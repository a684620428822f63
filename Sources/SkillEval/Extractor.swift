import SkillDisambiguation
import SkillMatcher
import SkillTokenizer

/// The extractor under evaluation: the matcher (leftmost-longest), then the disambiguator's confidence filter.
public struct SpanExtractor: Sendable {
    public let matcher: Matcher
    public let disambiguator: Disambiguator?
    /// Matches below this confidence are dropped (labels without rules have confidence 1).
    public let minConfidence: Double

    public init(matcher: Matcher, disambiguator: Disambiguator?, minConfidence: Double) {
        self.matcher = matcher
        self.disambiguator = disambiguator
        self.minConfidence = minConfidence
    }

    /// The accepted matches of `text` and its tokens.
    public func matches(in text: String) -> (matches: [Match], tokens: [Token]) {
        var copy = text
        return copy.withUTF8 { buf in
            var scratch = MatchScratch()
            var ms: [Match] = []
            matcher.matches(in: buf, kind: .leftmostLongest, scratch: &scratch, into: &ms)
            guard let d = disambiguator else { return (ms, scratch.tokens) }
            var scored: [ScoredMatch] = []
            d.score(text: buf, matcher: matcher, scratch: scratch, matches: &ms, into: &scored)
            return (scored.filter { $0.confidence >= minConfidence }.map(\.match), scratch.tokens)
        }
    }

    /// Predicted spans over gold tokens joined by single spaces: each accepted match becomes the span of the
    /// gold tokens its bytes touch; spans are deduplicated (several concepts at one span count once).
    public func predictedSpans(tokens: [String]) -> [TokenSpan] { predictions(tokens: tokens).map(\.span) }

    /// ``predictedSpans(tokens:)`` with the matched text of each span's first match (for error listings).
    ///
    /// The text is the tokens joined by spaces, except that a `.` token is joined to the next token when together
    /// they start a label (`. NET` → `.NET`): gold tokenizers split dot-prefixed names, which the source text
    /// wrote whole.
    public func predictions(tokens: [String]) -> [(span: TokenSpan, text: String)] {
        var starts: [Int] = []
        var text = ""
        for (k, t) in tokens.enumerated() {
            if k > 0, !(tokens[k - 1] == "." && startsDotLabel(t)) { text += " " }
            starts.append(text.utf8.count)
            text += t
        }
        let ends = zip(starts, tokens).map { $0 + $1.utf8.count }
        var out: [(span: TokenSpan, text: String)] = []
        var seen = Set<TokenSpan>()
        let bytes = Array(text.utf8)
        for m in matches(in: text).matches {
            guard let first = ends.firstIndex(where: { $0 > m.start }),
                  let last = starts.lastIndex(where: { $0 < m.end }), first <= last else { continue }
            let s = TokenSpan(first, last + 1)
            if seen.insert(s).inserted { out.append((s, String(decoding: bytes[m.start..<m.end], as: UTF8.self))) }
        }
        return out.sorted { $0.span < $1.span }
    }

    /// True when `.` and the leading letters and digits of `token` are a label (`NET/Azure` → `.NET`).
    func startsDotLabel(_ token: String) -> Bool {
        let head = token.prefix { $0.isLetter || $0.isNumber }
        return !head.isEmpty && isLabel("." + head)
    }

    /// True when `text` as a whole is a label of the matcher (respecting exact-case labels).
    public func isLabel(_ text: String) -> Bool {
        let n = matcher.tokenizer.tokenize(text).count
        guard n > 0 else { return false }
        return matcher.matches(in: text, kind: .overlapping).contains { $0.tokenStart == 0 && $0.tokenEnd == n }
    }

    /// The concept values of the accepted matches in `text`.
    public func concepts(in text: String) -> Set<UInt32> { Set(matches(in: text).matches.map(\.value)) }
}
