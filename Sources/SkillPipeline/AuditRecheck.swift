import SkillAnalytics
import SkillDisambiguation
import SkillMatcher
import SkillTaxonomy

/// Re-matches audit contexts with the current taxonomy and rules: the evidence behind a drawn match, and
/// whether a judged context is still matched (the regression check of committed review sheets).
public struct AuditMatcher: Sendable {
    public let taxonomy: Taxonomy
    public let matcher: Matcher
    public let disambiguator: Disambiguator?

    public init(taxonomy: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.disambiguator = disambiguator
    }

    /// Every scored match of `text` (accepted or not), in text order, with the concept ID of each.
    public func scored(_ text: String, employer: String? = nil) -> [(conceptID: String, scored: ScoredMatch, accepted: Bool)] {
        var copy = text
        return copy.withUTF8 { buf in
            var scratch = MatchScratch()
            var matches: [Match] = []
            matcher.matches(in: buf, kind: .leftmostLongest, scratch: &scratch, into: &matches)
            var scored: [ScoredMatch] = []
            if let disambiguator {
                disambiguator.score(text: buf, tokens: scratch.tokens, matches: matches, into: &scored)
            } else {
                scored = matches.map { ScoredMatch(match: $0, confidence: 1) }
            }
            return scored.map { s in
                (taxonomy.concepts[Int(s.match.value)].id, s, disambiguator?.isAccepted(s) ?? true)
            }
        }
    }

    /// The evidence of the match of `draw`'s concept at its byte range, as one line (empty without rules).
    public func evidence(of draw: AuditDraw) -> String {
        for s in scored(draw.matchText, employer: draw.employer)
        where s.conceptID == draw.conceptID && s.scored.match.start == draw.start {
            return s.scored.evidence.map(\.description).joined(separator: "; ")
        }
        return ""
    }

    /// True when the current matcher accepts a match of the context's concept that overlaps its matched text in
    /// the wide window.
    public func stillMatches(_ c: AuditContext) -> Bool {
        let scalars = Array(c.wide.unicodeScalars)
        guard c.wideMatchStart <= c.wideMatchEnd, c.wideMatchEnd <= scalars.count else { return false }
        func utf8Offset(_ k: Int) -> Int {
            scalars[..<k].reduce(0) { $0 + String($1).utf8.count }
        }
        let s = utf8Offset(c.wideMatchStart), e = utf8Offset(c.wideMatchEnd)
        return scored(c.wide, employer: c.employer).contains {
            $0.accepted && $0.conceptID == c.conceptID && $0.scored.match.start < e && $0.scored.match.end > s
        }
    }
}
