import SkillMatcher
import SkillTokenizer

/// One reason for (or against) a match's confidence.
public struct Evidence: Sendable, Hashable, CustomStringConvertible {
    /// Which rule produced the evidence.
    public enum Kind: String, Sendable, Hashable {
        case prior, exactCase = "exact case", caseMismatch = "case mismatch", neighbour, context
        case positivePattern = "positive pattern", negativePattern = "negative pattern"
        case listItem = "list item"
    }

    public var kind: Kind
    /// What was seen: the neighbour's label, the context word, the pattern, the case form.
    public var detail: String
    /// The weight added (the prior itself for `prior`; nil when a required case form decides alone).
    public var weight: Double?

    public init(kind: Kind, detail: String, weight: Double?) {
        self.kind = kind
        self.detail = detail
        self.weight = weight
    }

    /// E.g. `neighbour: Kubernetes (+0.15)`, `negative pattern: go to (-0.90)`, `prior 0.30`.
    public var description: String {
        let w = weight.map { $0 >= 0 ? "+" + Self.format($0) : "-" + Self.format(-$0) }
        switch kind {
        case .prior: return "prior " + Self.format(weight ?? 0)
        case .caseMismatch: return "case mismatch: needs \(detail)"
        case .exactCase: return "exact case \(detail) (\(w ?? ""))"
        default: return "\(kind.rawValue): \(detail) (\(w ?? ""))"
        }
    }

    static func format(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        var s = String(r)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        }
        return s
    }
}

/// A match with a confidence in [0, 1] and the evidence behind it; unambiguous labels get 1 and no evidence.
public struct ScoredMatch: Sendable, Hashable {
    public var match: Match
    public var confidence: Double
    /// Empty for labels without rules (no allocation).
    public var evidence: [Evidence]

    public init(match: Match, confidence: Double, evidence: [Evidence] = []) {
        self.match = match
        self.confidence = confidence
        self.evidence = evidence
    }
}

/// Scores matches of ambiguous labels (`Go`, `R`, `Excel`, `Access`...) from context rules; immutable,
/// `Sendable`, shared across threads.
///
/// Confidence = clamp(prior + Σ evidence weights, 0, 1); a `case ... required` rule whose form is not met
/// gives 0. Evidence: the case form, unambiguous neighbouring matches within a token window, context words,
/// and positive and negative patterns around the match. Labels without rules cost one array read per match
/// and allocate nothing.
public final class Disambiguator: Sendable {
    /// Matches below this confidence are dropped by ``isAccepted(_:)`` and ``filter(_:)``.
    public let threshold: Double
    /// Labels named by rules that no pattern of the matcher has (a rules file written for another taxonomy).
    public let unusedLabels: [String]
    /// Per pattern: index into `compiled`, or -1 for a label without rules.
    let ruleIndex: [Int32]
    let compiled: [CompiledRules]
    let labels: [String]
    let tokenizer: Tokenizer

    /// The rules of one label, compiled to normalized bytes.
    struct CompiledRules: Sendable {
        var prior = ContextRules.defaultPrior
        var caseForms: [(form: [UInt8], text: String, weight: Double?)] = []
        /// `case _ w` of the evidence class: the label's own spelling adds `w`, except at a sentence start.
        var ownCaseWeight: Double?
        var lists: [(window: Int, weight: Double)] = []
        var neighbours: [(window: Int, weight: Double, cap: Int)] = []
        /// Context words; a word written in capitals in the rules file (`IT`) only as written (`exact`).
        var contexts: [(words: Set<[UInt8]>, exact: Set<[UInt8]>, window: Int, weight: Double)] = []
        /// `case Title w` of an evidence class: the match written in title case (`Project Management`) inside a
        /// sentence adds `w`.
        var titleCaseWeight: Double?
        /// Normalized tokens before and after `_`.
        var patterns: [(left: [[UInt8]], right: [[UInt8]], text: String, weight: Double)] = []
    }

    /// Compiles `rules` for the patterns of `matcher`. Patterns whose label is in `evidenceLabels` (labels the
    /// taxonomy marks as needing evidence) and that have no rules of their own get the rules of the
    /// ``ContextRules/evidenceClass`` pseudo-label, or, for a label of several tokens, those of
    /// ``ContextRules/phraseEvidenceClass`` when the file has them. O(rules + patterns).
    public init(rules: ContextRules, matcher: Matcher, threshold: Double = 0.5, evidenceLabels: Set<String> = []) {
        self.threshold = threshold
        self.tokenizer = matcher.tokenizer
        self.labels = matcher.labels
        let tok = matcher.tokenizer
        func key(_ s: String) -> String { tok.normalizedTokens(s).joined(separator: " ") }
        func words(_ s: String) -> [[UInt8]] { tok.normalizedTokens(s).map { Array($0.utf8) } }
        var byLabel: [String: CompiledRules] = [:]
        var order: [String] = []
        for r in rules.rules {
            let k = key(r.label)
            if byLabel[k] == nil { byLabel[k] = CompiledRules(); order.append(k) }
            switch r.directive {
            case .prior:
                byLabel[k]?.prior = r.weight ?? ContextRules.defaultPrior
            case .case where r.argument == "_":
                byLabel[k]?.ownCaseWeight = r.weight
            case .case where r.argument == ContextRules.titleCaseForm && r.label.hasPrefix("@"):
                byLabel[k]?.titleCaseWeight = r.weight
            case .case:
                byLabel[k]?.caseForms.append((Array(r.argument.utf8), r.argument, r.weight))
            case .list:
                byLabel[k]?.lists.append((r.window > 0 ? r.window : 2, r.weight ?? 0))
            case .neighbour:
                byLabel[k]?.neighbours.append((r.window, r.weight ?? 0, Int(r.argument) ?? ContextRules.defaultNeighbourCap))
            case .context:
                let alternatives = r.argument.split(separator: "|").map(String.init)
                let capitals = alternatives.filter { a in
                    a.count >= 2 && a.allSatisfy { $0.isASCII && $0.isUppercase }
                }
                let set = Set(alternatives.filter { !capitals.contains($0) }.flatMap { words($0) })
                byLabel[k]?.contexts.append((set, Set(capitals.map { Array($0.utf8) }), r.window, r.weight ?? 0))
            case .positive, .negative:
                let parts = r.argument.split(separator: " ").map(String.init)
                let at = parts.firstIndex(of: "_") ?? 0
                let w = abs(r.weight ?? 0) * (r.directive == .negative ? -1 : 1)
                byLabel[k]?.patterns.append((words(parts[..<at].joined(separator: " ")),
                                             words(parts[(at + 1)...].joined(separator: " ")), r.argument, w))
            }
        }
        var slot: [String: Int32] = [:]
        var compiled: [CompiledRules] = []
        for k in order {
            slot[k] = Int32(compiled.count)
            compiled.append(byLabel[k] ?? CompiledRules())
        }
        var used = Set<String>()
        let evidenceSlot = slot[key(ContextRules.evidenceClass)]
        if evidenceSlot != nil { used.insert(key(ContextRules.evidenceClass)) }
        let phraseSlot = slot[key(ContextRules.phraseEvidenceClass)] ?? evidenceSlot
        if phraseSlot != evidenceSlot { used.insert(key(ContextRules.phraseEvidenceClass)) }
        ruleIndex = matcher.labels.map { l in
            let k = key(l)
            guard let s = slot[k] else {
                guard evidenceLabels.contains(l) else { return -1 }
                // A phrase needing evidence (`quality assurance`) needs ICT evidence; a word (`Spring`) a skill's.
                return (k.contains(" ") ? phraseSlot : evidenceSlot) ?? -1
            }
            used.insert(k)
            return s
        }
        self.compiled = compiled
        var unused: [String] = []
        var seen = Set<String>()
        for r in rules.rules where !used.contains(key(r.label)) && seen.insert(key(r.label)).inserted {
            unused.append(r.label)
        }
        unusedLabels = unused
    }

    /// True when the label of `pattern` has rules (its matches need evidence).
    public func isAmbiguous(_ pattern: PatternID) -> Bool { ruleIndex[Int(pattern.rawValue)] >= 0 }

    /// True when `s` reaches the threshold.
    public func isAccepted(_ s: ScoredMatch) -> Bool { s.confidence >= threshold }

    /// The scored matches at or above the threshold.
    public func filter(_ scored: [ScoredMatch]) -> [ScoredMatch] { scored.filter(isAccepted) }

    /// Appends one ``ScoredMatch`` per match to `out`, in the order of `matches`.
    ///
    /// `tokens` are the tokens of `text` the matches refer to (e.g. ``MatchScratch/tokens``); `matches` are
    /// ordered by start (as the matcher reports them). O(matches) for labels without rules; a ruled match
    /// costs O(window + patterns) token normalizations.
    public func score(text: UnsafeBufferPointer<UInt8>, tokens: [Token], matches: [Match],
                      into out: inout [ScoredMatch]) {
        var scratch: [UInt8] = []
        for (i, m) in matches.enumerated() {
            let r = ruleIndex[Int(m.pattern.rawValue)]
            if r < 0 {
                out.append(ScoredMatch(match: m, confidence: 1))
            } else {
                out.append(scoreRuled(i, compiled[Int(r)], text, tokens, matches, &scratch))
            }
        }
    }

    /// Scores the leftmost-longest `matches` of `text` (tokens and IDs in `scratch`, as ``Matcher/matches(in:kind:scratch:into:)``
    /// leaves them), first adding the matches of tag lists: in a line that lists technology tags
    /// (``tagListLines(text:tokens:matches:relaxed:)``), labels held to their letter case match in any case
    /// (`java rest spring`: REST, Spring), and every ruled match there gets its label's list evidence. `matches`
    /// gains those matches, in order. Case is relaxed only on whole lower-case tags, where one concept has the
    /// lower-case form, and not for words of six or more capitals (`ARCHITECT`, `IMPACT`: products named with a
    /// word, written in capitals to set them apart). This is what every caller that accepts matches uses.
    public func score(text: UnsafeBufferPointer<UInt8>, matcher: Matcher, scratch: MatchScratch,
                      matches: inout [Match], into out: inout [ScoredMatch]) {
        var inTagList: [Range<Int>] = []
        if mayHoldTagList(scratch.tokens, matches) {
            var relaxed: [Match] = []
            matcher.matchPrepared(text, kind: .leftmostLongest, scratch: scratch, ignoringCase: true, into: &relaxed)
            inTagList = tagListLines(text: text, tokens: scratch.tokens, matches: matches, relaxed: relaxed)
            if !inTagList.isEmpty {
                var added = false
                for (k, r) in relaxed.enumerated() where inTagList.contains(where: { $0.contains(r.tokenStart) })
                    && isWholeLowerCaseTag(r, text)
                    && mayRelaxCase(matcher.label(r.pattern))
                    && !relaxed.indices.contains(where: { $0 != k && relaxed[$0].tokenStart == r.tokenStart && relaxed[$0].value != r.value })
                    && !matches.contains(where: { $0.tokenStart < r.tokenEnd && r.tokenStart < $0.tokenEnd }) {
                    matches.append(r)
                    added = true
                }
                if added { matches.sort { ($0.tokenStart, $0.tokenEnd) < ($1.tokenStart, $1.tokenEnd) } }
            }
        }
        let first = out.count
        score(text: text, tokens: scratch.tokens, matches: matches, into: &out)
        guard !inTagList.isEmpty else { return }
        for k in first..<out.count {
            let m = out[k].match
            guard inTagList.contains(where: { $0.contains(m.tokenStart) }), isWholeTag(m, text) else { continue }
            let r = ruleIndex[Int(m.pattern.rawValue)]
            if r < 0 {
                if !matcher.accepts(m, in: text, tokens: scratch.tokens) {
                    out[k].evidence = [Evidence(kind: .listItem, detail: "tag list, any case", weight: nil)]
                }
            } else if let w = compiled[Int(r)].lists.first?.weight,
                      !out[k].evidence.contains(where: { $0.kind == .listItem || $0.kind == .caseMismatch }) {
                out[k].confidence = min(1, max(0, out[k].confidence + w))
                out[k].evidence.append(Evidence(kind: .listItem, detail: "tag list", weight: w))
            }
        }
    }

    /// Whether a label held to its case may match a lower-case tag: not a one-word label of six or more capitals.
    func mayRelaxCase(_ label: String) -> Bool {
        guard !label.contains(" ") else { return true }
        let letters = label.filter(\.isLetter)
        return letters.count < 6 || !letters.allSatisfy(\.isUppercase)
    }

    /// True when `m` covers a whole tag written in lower case: not part of a hyphenated tag (`e` of `e-commerce`,
    /// `ts` of `io-ts`), no capital letter (a capitalised word's case carries meaning: `Spark`, not `SPARK`).
    func isWholeLowerCaseTag(_ m: Match, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in m.start..<m.end where text[b] >= 0x41 && text[b] <= 0x5A { return false }
        return isWholeTag(m, text)
    }

    /// True when `m` is not part of a hyphenated tag (`framework` of `ionic-framework`).
    func isWholeTag(_ m: Match, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        !(m.start > 0 && text[m.start - 1] == 0x2D) && !(m.end < text.count && text[m.end] == 0x2D)
    }

    /// Cheap test before the tag-list pass: some line has three or more word tokens and some unambiguous match.
    func mayHoldTagList(_ tokens: [Token], _ matches: [Match]) -> Bool {
        tokens.count >= Self.tagListMinimumWords && matches.contains { ruleIndex[Int($0.pattern.rawValue)] < 0 }
    }

    /// Word tokens a tag list needs at least.
    static let tagListMinimumWords = 3
    /// The share of a tag list's words (hyphenated words count once) that matches must cover.
    static let tagListCoverage = 0.6

    /// The token ranges of the lines of `text` that list technology tags: at least three words, separated by
    /// spaces or list marks only (`,` `/` `|` `;` `·` `•`), after an optional heading of up to three words and a
    /// colon (`Technologies:`), at least three and 60 % of them inside matches
    /// (`relaxed`: matches with letter case ignored), one of them an unambiguous label. `java rest cloud spring design-patterns` is
    /// one; `We use Java and Spring` is not (`we`, `use`, `and` are no tags).
    public func tagListLines(text: UnsafeBufferPointer<UInt8>, tokens: [Token], matches: [Match],
                             relaxed: [Match]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var lineStart = 0
        func close(_ end: Int) {
            defer { lineStart = end }
            guard end > lineStart else { return }
            var words = 0, covered = 0, anchored = false, ok = true
            var covers = [Bool](repeating: false, count: end - lineStart)
            for m in relaxed where m.tokenStart >= lineStart && m.tokenEnd <= end {
                for t in m.tokenStart..<m.tokenEnd { covers[t - lineStart] = true }
            }
            for m in matches where m.tokenStart >= lineStart && m.tokenEnd <= end {
                for t in m.tokenStart..<m.tokenEnd { covers[t - lineStart] = true }
                if ruleIndex[Int(m.pattern.rawValue)] < 0 { anchored = true }
            }
            // A heading of up to three words before a colon (`Technologies:`, `Tags:`) is not part of the list.
            var first = lineStart
            for t in lineStart..<min(end, lineStart + 4) where tokens[t].rule == .punct
                && tokens[t].end - tokens[t].start == 1 && text[tokens[t].start] == 0x3A {
                first = t + 1
                break
            }
            for t in first..<end {
                let tk = tokens[t]
                if tk.rule == .punct {
                    let b = text[tk.start]
                    // Punctuation inside a match (`CI/CD`) or a list mark.
                    if covers[t - lineStart] { continue }
                    if tk.end - tk.start == 1, ",/|;".utf8.contains(b) { continue }
                    if tk.end - tk.start == 2, b == 0xC2, text[tk.start + 1] == 0xB7 { continue } // ·
                    if tk.end - tk.start == 3, b == 0xE2, text[tk.start + 1] == 0x80, text[tk.start + 2] == 0xA2 { continue } // •
                    ok = false
                    break
                }
                // A word joined to the one before by a hyphen (`design-patterns`; the tokenizer drops the hyphen) is
                // one tag with it: covered when any of its words is.
                if t > first, tokens[t - 1].rule != .punct, tk.start - tokens[t - 1].end == 1, text[tk.start - 1] == 0x2D {
                    if covers[t - lineStart], !covers[t - lineStart - 1] { covered += 1 }
                    continue
                }
                words += 1
                if covers[t - lineStart] { covered += 1 }
            }
            if ok, anchored, words >= Self.tagListMinimumWords, covered >= Self.tagListMinimumWords,
               Double(covered) >= Self.tagListCoverage * Double(words) {
                out.append(lineStart..<end)
            }
        }
        for t in tokens.indices where t > 0 {
            for b in tokens[t - 1].end..<tokens[t].start where text[b] == 0x0A { close(t); break }
        }
        close(tokens.count)
        return out
    }

    /// Convenience for a Swift string: tokenizes, matches and scores (allocates).
    public func score(_ text: String, matcher: Matcher, kind: MatchKind = .leftmostLongest) -> [ScoredMatch] {
        var copy = text
        return copy.withUTF8 { buf in
            var scratch = MatchScratch()
            var matches: [Match] = []
            matcher.matches(in: buf, kind: kind, scratch: &scratch, into: &matches)
            var out: [ScoredMatch] = []
            if kind == .leftmostLongest {
                score(text: buf, matcher: matcher, scratch: scratch, matches: &matches, into: &out)
            } else {
                score(text: buf, tokens: scratch.tokens, matches: matches, into: &out)
            }
            return out
        }
    }

    func scoreRuled(_ index: Int, _ rules: CompiledRules, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                    _ matches: [Match], _ scratch: inout [UInt8]) -> ScoredMatch {
        let m = matches[index]
        var evidence = [Evidence(kind: .prior, detail: "", weight: rules.prior)]
        var score = rules.prior
        // Case forms: compare the raw matched bytes.
        for c in rules.caseForms {
            var equal = m.end - m.start == c.form.count
            if equal { for k in 0..<c.form.count where text[m.start + k] != c.form[k] { equal = false; break } }
            if let w = c.weight {
                if equal { score += w; evidence.append(Evidence(kind: .exactCase, detail: c.text, weight: w)) }
            } else if !equal {
                evidence.append(Evidence(kind: .caseMismatch, detail: c.text, weight: nil))
                return ScoredMatch(match: m, confidence: 0, evidence: evidence)
            }
        }
        // The label's own spelling, not at the start of a sentence or line (where every word is capitalised).
        if let w = rules.ownCaseWeight {
            let own = Array(labels[Int(m.pattern.rawValue)].utf8)
            var equal = m.end - m.start == own.count
            if equal { for k in 0..<own.count where text[m.start + k] != own[k] { equal = false; break } }
            if equal, !startsSentence(m.tokenStart, text, tokens) {
                score += w
                evidence.append(Evidence(kind: .exactCase, detail: labels[Int(m.pattern.rawValue)], weight: w))
            }
        }
        // Title case inside a sentence (`the Scoping Project Management and ...`): a named discipline.
        if let w = rules.titleCaseWeight, isTitleCase(m, text, tokens), inLowerCaseSentence(m.tokenStart, text, tokens) {
            score += w
            evidence.append(Evidence(kind: .exactCase, detail: "title case", weight: w))
        }
        // List items: an unambiguous match separated from this one by separators only.
        for l in rules.lists {
            if let other = listNeighbour(index, matches, tokens, text, window: l.window, &scratch) {
                score += l.weight
                evidence.append(Evidence(kind: .listItem, detail: other, weight: l.weight))
            }
        }
        // Neighbours: unambiguous matches near the match, distinct labels.
        for n in rules.neighbours {
            var seen: [String] = []
            var j = index - 1
            while j >= 0, matches[j].tokenEnd > m.tokenStart - n.window, seen.count < n.cap {
                addNeighbour(matches[j], m, &seen)
                j -= 1
            }
            j = index + 1
            while j < matches.count, matches[j].tokenStart < m.tokenEnd + n.window, seen.count < n.cap {
                addNeighbour(matches[j], m, &seen)
                j += 1
            }
            // Matches ordered by start: an earlier one may end late (overlapping mode); the loop above stops at
            // the first far one, which is exact for leftmost-longest matches (disjoint, ordered).
            for s in seen {
                score += n.weight
                evidence.append(Evidence(kind: .neighbour, detail: s, weight: n.weight))
            }
        }
        // Context words.
        for c in rules.contexts {
            let lo = max(0, m.tokenStart - c.window), hi = min(tokens.count, m.tokenEnd + c.window)
            for t in lo..<hi where t < m.tokenStart || t >= m.tokenEnd {
                if !c.exact.isEmpty, c.exact.contains(Array(UnsafeBufferPointer(rebasing: text[tokens[t].start..<tokens[t].end]))) {
                    score += c.weight
                    evidence.append(Evidence(kind: .context, detail: String(decoding: UnsafeBufferPointer(
                        rebasing: text[tokens[t].start..<tokens[t].end]), as: UTF8.self), weight: c.weight))
                    break
                }
                tokenizer.normalize(tokens[t], in: text, into: &scratch)
                if c.words.contains(scratch) {
                    score += c.weight
                    evidence.append(Evidence(kind: .context, detail: String(decoding: scratch, as: UTF8.self),
                                             weight: c.weight))
                    break
                }
            }
        }
        // Patterns around the match.
        for p in rules.patterns where reads(p.left, endingAt: m.tokenStart, p.right, startingAt: m.tokenEnd,
                                            text, tokens, &scratch) {
            score += p.weight
            evidence.append(Evidence(kind: p.weight < 0 ? .negativePattern : .positivePattern, detail: p.text,
                                     weight: p.weight))
        }
        return ScoredMatch(match: m, confidence: min(1, max(0, score)), evidence: evidence)
    }

    /// True when every word of the match starts with an ASCII capital and has a lower-case letter after it
    /// (`Project Management`, not `project management` or `QA`); a match of one word is not title case.
    func isTitleCase(_ m: Match, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        var words = 0
        for t in m.tokenStart..<m.tokenEnd where tokens[t].rule != .punct {
            let first = text[tokens[t].start]
            guard first >= 0x41, first <= 0x5A else { return false }
            guard (tokens[t].start + 1..<tokens[t].end).contains(where: { text[$0] >= 0x61 && text[$0] <= 0x7A }) else { return false }
            words += 1
        }
        return words >= 2
    }

    /// True when one of the five words before token `t`, within its sentence, starts in lower case: the text
    /// around is a sentence, not a title (`Construction Project Management.`).
    func inLowerCaseSentence(_ t: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        var k = t, words = 0
        while k > 0, words < 5, !startsSentence(k, text, tokens) {
            k -= 1
            guard tokens[k].rule != .punct else { continue }
            words += 1
            let b = text[tokens[k].start]
            if b >= 0x61 && b <= 0x7A { return true }
        }
        return false
    }

    /// True when token `t` starts a sentence or a line: the first token, after a line break, or after `.`, `!`,
    /// `?`, `:`, `•`, `-`, `*` or `#`.
    func startsSentence(_ t: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        guard t > 0 else { return true }
        let prev = tokens[t - 1]
        for b in prev.end..<tokens[t].start where text[b] == 0x0A { return true }
        if prev.rule == .punct {
            let b = text[prev.start]
            if b == 0x2E || b == 0x21 || b == 0x3F || b == 0x3A || b == 0x2D || b == 0x2A || b == 0x23 || b >= 0x80 {
                return true
            }
        }
        return false
    }

    /// The label of an unambiguous match that is the next or previous item of a list with match `index`:
    /// between them at most `window` tokens, each a separator (`,` `/` `|` `&` `;` `+` `(` `)` `and` `or`).
    func listNeighbour(_ index: Int, _ matches: [Match], _ tokens: [Token], _ text: UnsafeBufferPointer<UInt8>,
                       window: Int, _ scratch: inout [UInt8]) -> String? {
        let m = matches[index]
        func separatorsOnly(_ from: Int, _ to: Int) -> Bool {
            guard to > from, to - from <= window else { return false }
            for t in from..<to {
                let tk = tokens[t]
                if tk.rule == .punct, tk.end - tk.start == 1, ",/|&;+()".utf8.contains(text[tk.start]) { continue }
                if tk.rule == .punct, tk.end - tk.start == 3 {
                    // Full-width and CJK list marks: 、 ， ； ／ （ ）
                    let s = String(decoding: UnsafeBufferPointer(rebasing: text[tk.start..<tk.end]), as: UTF8.self)
                    if "、，；／（）".contains(s) { continue }
                }
                tokenizer.normalize(tk, in: text, into: &scratch)
                if scratch == Array("and".utf8) || scratch == Array("or".utf8) { continue }
                return false
            }
            return true
        }
        for j in [index - 1, index + 1] where j >= 0 && j < matches.count {
            let o = matches[j]
            guard ruleIndex[Int(o.pattern.rawValue)] < 0 else { continue }
            if o.tokenEnd <= m.tokenStart, separatorsOnly(o.tokenEnd, m.tokenStart) { return labels[Int(o.pattern.rawValue)] }
            if o.tokenStart >= m.tokenEnd, separatorsOnly(m.tokenEnd, o.tokenStart) { return labels[Int(o.pattern.rawValue)] }
        }
        return nil
    }

    func addNeighbour(_ other: Match, _ m: Match, _ seen: inout [String]) {
        guard ruleIndex[Int(other.pattern.rawValue)] < 0,
              other.tokenEnd <= m.tokenStart || other.tokenStart >= m.tokenEnd else { return }
        let l = labels[Int(other.pattern.rawValue)]
        if !seen.contains(l) { seen.append(l) }
    }

    /// True when the tokens just before `start` read `left` and those from `end` read `right` (normalized).
    func reads(_ left: [[UInt8]], endingAt start: Int, _ right: [[UInt8]], startingAt end: Int,
               _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ scratch: inout [UInt8]) -> Bool {
        guard start - left.count >= 0, end + right.count <= tokens.count else { return false }
        for (k, w) in left.enumerated() {
            tokenizer.normalize(tokens[start - left.count + k], in: text, into: &scratch)
            if scratch != w { return false }
        }
        for (k, w) in right.enumerated() {
            tokenizer.normalize(tokens[end + k], in: text, into: &scratch)
            if scratch != w { return false }
        }
        return true
    }
}
