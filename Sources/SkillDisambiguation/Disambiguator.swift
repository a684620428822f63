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
        /// `context`: one-token words, capitalised words counted only as written, and phrases of several tokens (a
        /// CJK word is a phrase of characters: 备注), each phrase counted when its tokens stand in a row.
        var contexts: [(words: Set<[UInt8]>, exact: Set<[UInt8]>, phrases: [[[UInt8]]], window: Int, weight: Double)] = []
        /// `case Title w` of an evidence class: the match written in title case (`Project Management`) inside a
        /// sentence adds `w`.
        var titleCaseWeight: Double?
        /// Normalized tokens before and after `_`.
        var patterns: [(left: [[UInt8]], right: [[UInt8]], text: String, weight: Double)] = []
        /// `modifier`: the nouns after the match that keep its concept, and the weight otherwise.
        var modifier: (keep: Set<[UInt8]>, weight: Double)?
        /// `compound`: the weight when the match is the head of a longer compound.
        var compound: Double?
        /// `compound`'s argument: words that make a phrase holding one of them no member of the compound class
        /// (`information security`), as the class's context words do.
        var compoundExempt: Set<[UInt8]> = []
        /// `examples`: the plural nouns of organisations or sites, and the weight for an item listed as their example.
        var examples: (nouns: Set<[UInt8]>, weight: Double)?
        /// `colleagues`: the nouns of people or teams, the window after the match, and the weight.
        var colleagues: (nouns: Set<[UInt8]>, window: Int, weight: Double)?
        /// `hiring`: the verbs after `is`/`are`, and the weight.
        var hiring: (verbs: Set<[UInt8]>, weight: Double)?
        /// `fields`: the names (normalized words) of fields that describe the employer, and the weight.
        var fields: (names: [[[UInt8]]], weight: Double)?
        /// `organisation`: the nouns (normalized words) of gatherings, departments and industries, the window, and the weight.
        var organisation: (nouns: [[[UInt8]]], window: Int, weight: Double)?
        /// `negation`: the negating words, and the weight for a negated match.
        var negation: (words: Set<[UInt8]>, weight: Double)?
    }

    /// The `examples` rule of ``ContextRules/examplesClass``, applied to every match.
    let examples: (nouns: Set<[UInt8]>, weight: Double)?
    /// The `colleagues` rule of ``ContextRules/examplesClass``, applied to every match.
    let colleagues: (nouns: Set<[UInt8]>, window: Int, weight: Double)?
    /// The `hiring` rule of ``ContextRules/examplesClass``, applied to every match.
    let hiring: (verbs: Set<[UInt8]>, weight: Double)?
    /// The `fields` rule of ``ContextRules/examplesClass``, applied to every match.
    let fields: (names: [[[UInt8]]], weight: Double)?
    /// The `organisation` rule of ``ContextRules/examplesClass``, applied to every match.
    let organisation: (nouns: [[[UInt8]]], window: Int, weight: Double)?
    /// The `negation` rule of ``ContextRules/examplesClass``, applied to every match.
    let negation: (words: Set<[UInt8]>, weight: Double)?

    /// Per pattern: index into `compiled` of the rules of a *shape class* (``ContextRules/modifierClass``,
    /// ``ContextRules/compoundClass``), or -1. Such a label stays unambiguous (a neighbour, a list anchor); its
    /// rules are scored only where the shape is met (the match modifies a noun, or heads a compound).
    let shapeIndex: [Int32]
    /// Per pattern: 1 = the shape rule is `modifier`, 2 = `compound` (0 = none).
    let shapeKind: [UInt8]

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
        /// The normalized words of a `|`-separated argument.
        func wordSet(_ argument: String) -> Set<[UInt8]> { Set(argument.split(separator: "|").flatMap { words(String($0)) }) }
        /// The normalized words of each `|`-separated phrase of an argument (`company type` is two words).
        func phrases(_ argument: String) -> [[[UInt8]]] { argument.split(separator: "|").map { words(String($0)) }.filter { !$0.isEmpty } }
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
            case .modifier:
                byLabel[k]?.modifier = (wordSet(r.argument), r.weight ?? 0)
            case .compound:
                byLabel[k]?.compound = r.weight ?? 0
                byLabel[k]?.compoundExempt = wordSet(r.argument)
            case .examples:
                byLabel[k]?.examples = (wordSet(r.argument), r.weight ?? 0)
            case .hiring:
                byLabel[k]?.hiring = (wordSet(r.argument), r.weight ?? 0)
            case .negation:
                byLabel[k]?.negation = (wordSet(r.argument), r.weight ?? 0)
            case .fields:
                byLabel[k]?.fields = (phrases(r.argument), r.weight ?? 0)
            case .colleagues:
                byLabel[k]?.colleagues = (wordSet(r.argument), r.window > 0 ? r.window : 4, r.weight ?? 0)
            case .organisation:
                byLabel[k]?.organisation = (phrases(r.argument), r.window > 0 ? r.window : 3, r.weight ?? 0)
            case .neighbour:
                byLabel[k]?.neighbours.append((r.window, r.weight ?? 0, Int(r.argument) ?? ContextRules.defaultNeighbourCap))
            case .context:
                let alternatives = r.argument.split(separator: "|").map(String.init)
                let capitals = alternatives.filter { a in
                    a.count >= 2 && a.allSatisfy { $0.isASCII && $0.isUppercase }
                }
                let split = alternatives.filter { !capitals.contains($0) }.map { words($0) }
                let set = Set(split.filter { $0.count == 1 }.map { $0[0] })
                byLabel[k]?.contexts.append((set, Set(capitals.map { Array($0.utf8) }), split.filter { $0.count > 1 },
                                             r.window, r.weight ?? 0))
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
        let categorySlot = slot[key(ContextRules.categoryClass)]
        if categorySlot != nil { used.insert(key(ContextRules.categoryClass)) }
        // Each label is tokenized once (labels in several scripts make normalization the cost of this init).
        let labelTokens: [[String]] = matcher.labels.map { tok.normalizedTokens($0) }
        let generic: [Bool] = matcher.labels.map(Self.isGenericPhrase)
        let ri: [Int32] = matcher.labels.indices.map { i in
            let l = matcher.labels[i]
            let k = labelTokens[i].joined(separator: " ")
            guard let s = slot[k] else {
                if let c = categorySlot, Self.isCategoryPhrase(l) { return c }
                guard evidenceLabels.contains(l) else { return -1 }
                // A phrase needing evidence (`quality assurance`) needs ICT evidence; a word (`Spring`) a skill's.
                return (k.contains(" ") ? phraseSlot : evidenceSlot) ?? -1
            }
            used.insert(k)
            return s
        }
        ruleIndex = ri
        // Shape classes, for labels without rules: a generic word that starts its concept's generic phrases
        // (`computer` of `computer equipment`) and generic phrases (`control systems`).
        let modifierSlot = slot[key(ContextRules.modifierClass)]
        let compoundSlot = slot[key(ContextRules.compoundClass)]
        if modifierSlot != nil { used.insert(key(ContextRules.modifierClass)) }
        if compoundSlot != nil { used.insert(key(ContextRules.compoundClass)) }
        var shape = [Int32](repeating: -1, count: matcher.labels.count)
        var kind = [UInt8](repeating: 0, count: matcher.labels.count)
        if modifierSlot != nil || compoundSlot != nil {
            // Phrase labels of each concept, by their first word: the generic phrases (all lower case).
            var phrases: [UInt32: [(first: String, rest: [String], generic: Bool)]] = [:]
            for (i, t) in labelTokens.enumerated() where t.count >= 2 {
                phrases[matcher.values[i], default: []].append((t[0], Array(t.dropFirst()), generic[i]))
            }
            for (i, l) in matcher.labels.enumerated() where ri[i] < 0 && generic[i] {
                // `a computer` is the word `computer` with its article.
                var t = labelTokens[i]
                if t.count == 2, ["a", "an", "the"].contains(t[0]) { t.removeFirst() }
                // A phrase with an ICT word of the class's context in itself (`information security`) is no member.
                if let c = compoundSlot, t.count >= 2, !Self.functionWords.contains(Array(t[0].utf8)),
                   !t.contains(where: { w in compiled[Int(c)].contexts.contains { $0.words.contains(Array(w.utf8)) }
                                            || compiled[Int(c)].compoundExempt.contains(Array(w.utf8)) }) {
                    shape[i] = c
                    kind[i] = 2
                } else if let c = modifierSlot, t.count == 1 {
                    let starts = (phrases[matcher.values[i]] ?? []).filter { $0.first == t[0] }
                    // An ordinary word by the label policy, which holds such words to their case (`computer`, not
                    // `COMPUTER`); technology names written in lower case (`pandas`, `restful`) match in any case.
                    let upper = l.uppercased()
                    let heldToCase = !matcher.matches(in: upper, kind: .overlapping).contains { Int($0.pattern.rawValue) == i }
                    if heldToCase, !starts.isEmpty, starts.allSatisfy(\.generic),
                       !starts.contains(where: { $0.rest.contains(where: ContextRules.fieldHeads.contains) }) {
                        shape[i] = c
                        kind[i] = 1
                    }
                }
            }
        }
        shapeIndex = shape
        shapeKind = kind
        examples = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].examples }
        colleagues = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].colleagues }
        hiring = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].hiring }
        fields = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].fields }
        negation = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].negation }
        organisation = slot[key(ContextRules.examplesClass)].flatMap { compiled[Int($0)].organisation }
        if examples != nil || colleagues != nil || hiring != nil || fields != nil || negation != nil || organisation != nil {
            used.insert(key(ContextRules.examplesClass))
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
        // Tokens covered by a match, marked once per text (the colleagues rule looks at the tokens around each match).
        let coveredTokens = colleagues == nil && negation == nil && organisation == nil ? []
            : Self.coverage(matches, tokenCount: tokens.count)
        for (i, m) in matches.enumerated() {
            defer {
                // The rules of ``ContextRules/examplesClass``, applied to every match: each adds its weight.
                func adjust(_ weight: Double, _ detail: String) {
                    out[out.count - 1].confidence = min(1, max(0, out[out.count - 1].confidence + weight))
                    out[out.count - 1].evidence.append(Evidence(kind: weight < 0 ? .negativePattern : .positivePattern,
                                                                detail: detail, weight: weight))
                }
                if let ex = examples, let noun = exampleOf(m, ex.nouns, text, tokens, &scratch) {
                    adjust(ex.weight, "example of " + noun + " (...)")
                }
                if let h = hiring, let verb = hiringVerb(m, h.verbs, text, tokens, &scratch) {
                    adjust(h.weight, "organisation's name: … _ … " + verb)
                }
                if let c = colleagues, let noun = colleagueNoun(m, coveredTokens, c.nouns, c.window, text, tokens, &scratch) {
                    adjust(c.weight, "colleagues: with … _ " + noun)
                }
                if let o = organisation, let noun = organisationNoun(m, coveredTokens, o.nouns, o.window, text, tokens, &scratch) {
                    adjust(o.weight, "gathering, department or industry: _ " + noun)
                }
                if let f = fields, let name = employerField(m, f.names, text, tokens, &scratch) {
                    adjust(f.weight, "employer's field: " + name + ": … _")
                }
                if let n = negation, let word = negator(m, coveredTokens, n.words, text, tokens, &scratch) {
                    adjust(n.weight, "negated: " + word + " … _")
                }
            }
            let r = ruleIndex[Int(m.pattern.rawValue)]
            if r < 0 {
                let p = Int(m.pattern.rawValue)
                if shapeKind[p] == 1, let head = modifiedNoun(m, text, tokens, &scratch),
                   !(compiled[Int(shapeIndex[p])].modifier?.keep.contains(head) ?? true) {
                    out.append(scoreRuled(i, compiled[Int(shapeIndex[p])], text, tokens, matches, &scratch))
                } else if shapeKind[p] == 2, compoundModifier(i, matches, text, tokens, &scratch) != nil {
                    out.append(scoreRuled(i, compiled[Int(shapeIndex[p])], text, tokens, matches, &scratch))
                } else {
                    out.append(ScoredMatch(match: m, confidence: 1))
                }
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
            inTagList = tagListLines(text: text, tokens: scratch.tokens, matches: matches, relaxed: relaxed,
                                     listOnly: { matcher.isListOnly($0.pattern) })
            if !inTagList.isEmpty {
                var added = false
                // Tag-list names join only lines written in lower case, as tags are.
                let lowerCaseLines = inTagList.filter { isLowerCase($0, scratch.tokens, text) }
                for (k, r) in relaxed.enumerated() where inTagList.contains(where: { $0.contains(r.tokenStart) })
                    && isWholeLowerCaseTag(r, text)
                    && (!matcher.isListOnly(r.pattern) || lowerCaseLines.contains { $0.contains(r.tokenStart) })
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

    /// True when no token of `range` has a capital letter (a line of tags as Stack Overflow writes them).
    func isLowerCase(_ range: Range<Int>, _ tokens: [Token], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        !range.contains { Self.hasCapital(tokens[$0].start..<tokens[$0].end, text) }
    }

    /// Whether the bytes `range` of `text` hold an ASCII capital letter.
    static func hasCapital(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        range.contains { (0x41...0x5A).contains(text[$0]) }
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
        !Self.hasCapital(m.start..<m.end, text) && isWholeTag(m, text)
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
    /// Labels that name skills only in tag lists (`listOnly`: Stack Overflow tags of ordinary words, `cloud`,
    /// `using`, `stack`) count towards that share only when they complete it: every word of the line is then
    /// covered and written in lower case, as tags are (`linux embedded c`), as ordinary words in running text
    /// leave some word uncovered (`the`, `and`: `using the serverless framework` is no list) or a sentence starts
    /// with a capital (`Source code management using git;`). (``score(text:matcher:scratch:matches:into:)`` adds
    /// their matches only on lines in lower case, whichever way the line qualified.)
    public func tagListLines(text: UnsafeBufferPointer<UInt8>, tokens: [Token], matches: [Match],
                             relaxed: [Match], listOnly: (Match) -> Bool = { _ in false }) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var lineStart = 0
        func close(_ end: Int) {
            defer { lineStart = end }
            guard end > lineStart else { return }
            var words = 0, covered = 0, coveredAll = 0, anchored = false, ok = true
            // Per token: 2 = inside a match of a label that counts everywhere, 1 = only inside a list-only label's.
            var covers = [UInt8](repeating: 0, count: end - lineStart)
            for m in relaxed where m.tokenStart >= lineStart && m.tokenEnd <= end {
                let c: UInt8 = listOnly(m) ? 1 : 2
                for t in m.tokenStart..<m.tokenEnd { covers[t - lineStart] = max(covers[t - lineStart], c) }
            }
            for m in matches where m.tokenStart >= lineStart && m.tokenEnd <= end {
                for t in m.tokenStart..<m.tokenEnd { covers[t - lineStart] = 2 }
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
                    if covers[t - lineStart] > 0 { continue }
                    if tk.end - tk.start == 1, ",/|;".utf8.contains(b) { continue }
                    if tk.end - tk.start == 2, b == 0xC2, text[tk.start + 1] == 0xB7 { continue } // ·
                    if tk.end - tk.start == 3, b == 0xE2, text[tk.start + 1] == 0x80, text[tk.start + 2] == 0xA2 { continue } // •
                    ok = false
                    break
                }
                // A word joined to the one before by a hyphen (`design-patterns`; the tokenizer drops the hyphen) is
                // one tag with it: covered when any of its words is.
                if t > first, tokens[t - 1].rule != .punct, tk.start - tokens[t - 1].end == 1, text[tk.start - 1] == 0x2D {
                    let c = covers[t - lineStart], before = covers[t - lineStart - 1]
                    if c == 2, before < 2 { covered += 1 }
                    if c > 0, before == 0 { coveredAll += 1 }
                    continue
                }
                words += 1
                if covers[t - lineStart] == 2 { covered += 1 }
                if covers[t - lineStart] > 0 { coveredAll += 1 }
            }
            let capital = !isLowerCase(first..<end, tokens, text)
            let share = Double(covered) >= Self.tagListCoverage * Double(words) && covered >= Self.tagListMinimumWords
            if ok, anchored, words >= Self.tagListMinimumWords, share || (coveredAll == words && !capital) {
                out.append(first..<end)
            }
        }
        for t in tokens.indices where t > 0 {
            if Self.lineBreak(before: t, text, tokens) { close(t) }
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
                if let p = c.phrases.first(where: { phraseAt(t, $0, outside: m, below: hi, text, tokens, &scratch) }) {
                    score += c.weight
                    let parts = p.map { String(decoding: $0, as: UTF8.self) }
                    let cjk = parts.allSatisfy { $0.unicodeScalars.count == 1 && !$0.unicodeScalars.first!.isASCII }
                    evidence.append(Evidence(kind: .context, detail: parts.joined(separator: cjk ? "" : " "), weight: c.weight))
                    break
                }
            }
        }
        // A modifier of another noun (`computer applications`), the head of a longer compound (`flood control systems`).
        if let mod = rules.modifier, let head = modifiedNoun(m, text, tokens, &scratch), !mod.keep.contains(head) {
            score += mod.weight
            evidence.append(Evidence(kind: mod.weight < 0 ? .negativePattern : .positivePattern,
                                     detail: "modifies " + String(decoding: head, as: UTF8.self), weight: mod.weight))
        }
        if let w = rules.compound, let t = compoundModifier(index, matches, text, tokens, &scratch) {
            score += w
            evidence.append(Evidence(kind: w < 0 ? .negativePattern : .positivePattern, detail: "head of a compound: "
                                     + String(decoding: UnsafeBufferPointer(rebasing: text[tokens[t].start..<tokens[t].end]),
                                              as: UTF8.self) + " _", weight: w))
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

    /// The noun (as written) of organisations or sites that match `m` is listed as an example of: `m` lies inside
    /// parentheses opened at most 12 tokens before it on its line, and one of the six words before the `(`, in the
    /// same sentence, is one of `nouns` (`die größten Websites im Internet zu betreiben (WordPress, ...`).
    func exampleOf(_ m: Match, _ nouns: Set<[UInt8]>, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                   _ scratch: inout [UInt8]) -> String? {
        var k = m.tokenStart - 1, open = -1
        while k >= 0, k >= m.tokenStart - 12 {
            if Self.lineBreak(before: k + 1, text, tokens) { return nil }
            if tokens[k].rule == .punct, tokens[k].end - tokens[k].start == 1 {
                let b = text[tokens[k].start]
                if b == 0x28 { open = k; break }
                if b == 0x29 || b == 0x2E || b == 0x3A || b == 0x3B { return nil }
            }
            k -= 1
        }
        guard open > 0 else { return nil }
        var j = open - 1, words = 0
        while j >= 0, words < 6, !(tokens[j].rule == .punct && ".:;!?".utf8.contains(text[tokens[j].start])) {
            if tokens[j].rule != .punct {
                words += 1
                tokenizer.normalize(tokens[j], in: text, into: &scratch)
                if nouns.contains(scratch) {
                    return String(decoding: UnsafeBufferPointer(rebasing: text[tokens[j].start..<tokens[j].end]), as: UTF8.self)
                }
            }
            j -= 1
        }
        return nil
    }

    /// Whether the tokens from `t` on read as `phrase` (normalized), all before `below` and outside match `m`.
    func phraseAt(_ t: Int, _ phrase: [[UInt8]], outside m: Match, below: Int, _ text: UnsafeBufferPointer<UInt8>,
                  _ tokens: [Token], _ scratch: inout [UInt8]) -> Bool {
        guard t + phrase.count <= below, t + phrase.count <= m.tokenStart || t >= m.tokenEnd else { return false }
        for (k, w) in phrase.enumerated() {
            tokenizer.normalize(tokens[t + k], in: text, into: &scratch)
            if scratch != w { return false }
        }
        return true
    }

    /// The people or team noun that makes match `i` the field of colleagues (see ``RuleDirective/colleagues``), or nil.
    /// `coveredTokens[k]`: some match covers token `k` (``coverage(_:tokenCount:)``).
    func colleagueNoun(_ m: Match, _ coveredTokens: [Bool], _ nouns: Set<[UInt8]>, _ window: Int,
                       _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ scratch: inout [UInt8]) -> String? {
        func newlineBefore(_ k: Int) -> Bool { k > 0 && Self.lineBreak(before: k, text, tokens) }
        func isSeparator(_ k: Int) -> Bool { Self.isListSeparator(k, text, tokens) }
        func covered(_ k: Int) -> Bool { k < coveredTokens.count && coveredTokens[k] }
        func normalized(_ k: Int, _ s: inout [UInt8]) -> [UInt8] { tokenizer.normalize(tokens[k], in: text, into: &s); return s }
        // After: the noun within `window` words, past other matches, capitalised words and separators (which do
        // not count), and not itself the modifier of a lower-case noun (`people skills`).
        func peopleAfter(_ scratch: inout [UInt8]) -> Int? {
            var k = m.tokenEnd, words = 0
            while k < tokens.count, k < m.tokenEnd + 3 * window, !newlineBefore(k) {
                if isSeparator(k) || covered(k) { k += 1; continue }
                guard tokens[k].rule != .punct else { return nil }
                words += 1
                guard words <= window else { return nil }
                tokenizer.normalize(tokens[k], in: text, into: &scratch)
                if nouns.contains(scratch) { return k }
                if Self.coordinators.contains(scratch) { k += 1; continue }
                if !Self.startsWithCapital(k, text, tokens) {
                    // A lower-case word right before the noun: an item of the coordination (`UX, & design talent`) or
                    // the noun's modifier (`DevOps software engineers`).
                    guard k + 1 < tokens.count, !newlineBefore(k + 1), nouns.contains(normalized(k + 1, &scratch)),
                          !Self.functionWords.contains(normalized(k, &scratch)) else { return nil }
                }
                k += 1
            }
            return nil
        }
        // Or the last item of a list of people (`with the Product Owners, Application Developers and QA to
        // understand`): `and`/`or`/`,` right before the match, a people noun right before that, and the match no
        // modifier of a lower-case noun after it (`and DevOps practices` is a practice).
        func peopleBefore(_ scratch: inout [UInt8]) -> Int? {
            var j = m.tokenStart - 1
            guard j > 0, !newlineBefore(j + 1) else { return nil }
            tokenizer.normalize(tokens[j], in: text, into: &scratch)
            guard Self.coordinators.contains(scratch) || isSeparator(j) else { return nil }
            j -= 1
            while j > 0, isSeparator(j), !newlineBefore(j + 1) { j -= 1 }
            guard j >= 0, !newlineBefore(j + 1), nouns.contains(normalized(j, &scratch)) else { return nil }
            let after = m.tokenEnd
            if after < tokens.count, tokens[after].rule != .punct, !newlineBefore(after), !Self.startsWithCapital(after, text, tokens),
               !Self.functionWords.contains(normalized(after, &scratch)) { return nil }
            return j
        }
        let head: Int
        if let h = peopleAfter(&scratch) {
            head = h
            if head + 1 < tokens.count, tokens[head + 1].rule != .punct, !newlineBefore(head + 1),
               !Self.startsWithCapital(head + 1, text, tokens) {
                tokenizer.normalize(tokens[head + 1], in: text, into: &scratch)
                if !Self.functionWords.contains(scratch) { return nil }
            }
        } else if let h = peopleBefore(&scratch) {
            head = h
        } else {
            return nil
        }
        // Before: a collaboration word in the clause, past determiners, other items and separators.
        var j = m.tokenStart - 1, cue = false
        while j >= 0, j >= m.tokenStart - 10, !newlineBefore(j + 1) {
            if isSeparator(j) || covered(j) { j -= 1; continue }
            guard tokens[j].rule != .punct else { return nil }
            tokenizer.normalize(tokens[j], in: text, into: &scratch)
            if Self.collaborationWords.contains(scratch) { cue = true; break }
            if scratch == Array("as".utf8), j > 0 {
                tokenizer.normalize(tokens[j - 1], in: text, into: &scratch)
                if scratch == Array("such".utf8) { cue = true; break }
                return nil
            }
            // `consists of`, `composed of`, `made up of`: a team's members follow, as after `comprising`.
            if scratch == Array("of".utf8), j > 0 {
                tokenizer.normalize(tokens[j - 1], in: text, into: &scratch)
                if Self.compositionWords.contains(scratch) { cue = true; break }
                return nil
            }
            if Self.clauseBreakers.contains(scratch) { return nil }
            j -= 1
        }
        guard cue else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: text[tokens[head].start..<tokens[head].end]), as: UTF8.self)
    }

    /// The gathering, department or industry noun (as written) that match `m` modifies (see ``RuleDirective/organisation``),
    /// or nil. `coveredTokens[k]`: some match covers token `k`.
    func organisationNoun(_ m: Match, _ coveredTokens: [Bool], _ nouns: [[[UInt8]]], _ window: Int,
                          _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ scratch: inout [UInt8]) -> String? {
        func newlineBefore(_ k: Int) -> Bool { k > 0 && Self.lineBreak(before: k, text, tokens) }
        func isSeparator(_ k: Int) -> Bool { Self.isListSeparator(k, text, tokens) }
        func covered(_ k: Int) -> Bool { k < coveredTokens.count && coveredTokens[k] }
        // The length of the noun that starts at token `k` (its words on one line), or 0; `first` is token `k`
        // normalized. Later words are normalized only for a noun whose first word matched.
        var rest: [UInt8] = []
        func noun(at k: Int, first: [UInt8]) -> Int {
            for n in nouns where n[0] == first && k + n.count <= tokens.count {
                if (1..<n.count).allSatisfy({ i in
                    guard !newlineBefore(k + i) else { return false }
                    tokenizer.normalize(tokens[k + i], in: text, into: &rest)
                    return rest == n[i]
                }) { return n.count }
            }
            return 0
        }
        var k = m.tokenEnd, words = 0, lowerCase = false
        while k < tokens.count, k < m.tokenEnd + 3 * window, !newlineBefore(k) {
            if covered(k) || (isSeparator(k) && words > 0) { k += 1; continue }
            guard tokens[k].rule != .punct else { return nil }
            tokenizer.normalize(tokens[k], in: text, into: &scratch)
            let n = noun(at: k, first: scratch)
            if n > 0 {
                // The noun ends its phrase: no lower-case content word after it (`IT department experience`) but a
                // participle ending in -ed or -ing that starts a clause about it (`IT conferences hosted`, `the department leading`).
                let after = k + n
                if after < tokens.count, tokens[after].rule != .punct, !newlineBefore(after),
                   !Self.startsWithCapital(after, text, tokens) {
                    tokenizer.normalize(tokens[after], in: text, into: &scratch)
                    if !Self.functionWords.contains(scratch), !scratch.ends(with: "ed"), !scratch.ends(with: "ing") { return nil }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: text[tokens[k].start..<tokens[after - 1].end]), as: UTF8.self)
            }
            words += 1
            guard words <= window, !lowerCase else { return nil }
            if !Self.coordinators.contains(scratch), !Self.startsWithCapital(k, text, tokens) {
                // One lower-case word may stand right before the noun (`IT services industry`); no function word.
                guard !Self.functionWords.contains(scratch) else { return nil }
                lowerCase = true
            }
            k += 1
        }
        return nil
    }

    /// The name (as written) of the employer-describing field whose value holds match `m` (see
    /// ``RuleDirective/fields``), or nil: the nearest `:` before the match on its line (or ending the line before: a
    /// field name on a line of its own), at most 16 tokens back and past no sentence end (`.` `;` `!` `?`), follows
    /// one of `names`, written as a field's name: capitalised, in CJK, or first on its line.
    func employerField(_ m: Match, _ names: [[[UInt8]]], _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                       _ scratch: inout [UInt8]) -> String? {
        // A punctuation token as one normalized character (full-width `：` and `。` read as `:` and `.`), or 0.
        func mark(_ k: Int) -> UInt8 {
            guard tokens[k].rule == .punct else { return 0 }
            tokenizer.normalize(tokens[k], in: text, into: &scratch)
            return scratch.count == 1 ? scratch[0] : 0
        }
        // Only punctuation (a list mark) before token `t` on its line.
        func firstOnLine(_ t: Int) -> Bool {
            var j = t - 1
            while j >= 0, !Self.lineBreak(before: j + 1, text, tokens) {
                if tokens[j].rule != .punct { return false }
                j -= 1
            }
            return true
        }
        var k = m.tokenStart - 1
        while k >= 0, k >= m.tokenStart - 16 {
            let b = mark(k)
            // The line's start: its field name may stand alone on the line before (`Industry:` ⏎ `Cloud Computing`).
            if Self.lineBreak(before: k + 1, text, tokens), b != 0x3A { return nil }
            if b == 0x3A {
                for name in names where k >= name.count {
                    let first = k - name.count
                    guard !(first + 1..<k).contains(where: { Self.lineBreak(before: $0, text, tokens) }) else { continue }
                    // A field's name is written as one: capitalised (`Industry:`), in CJK, or first on its line
                    // (`industry:`); not the end of a phrase (`experience in the financial industry: Python`).
                    guard tokens[first].rule == .cjk || Self.startsWithCapital(first, text, tokens)
                            || firstOnLine(first) else { continue }
                    if (0..<name.count).allSatisfy({ i in
                        tokenizer.normalize(tokens[first + i], in: text, into: &scratch)
                        return scratch == name[i]
                    }) {
                        return String(decoding: UnsafeBufferPointer(rebasing: text[tokens[first].start..<tokens[k - 1].end]), as: UTF8.self)
                    }
                }
                return nil
            }
            if b == 0x2E || b == 0x3B || b == 0x21 || b == 0x3F { return nil }
            k -= 1
        }
        return nil
    }

    /// The negating word (as written) before match `m` (see ``RuleDirective/negation``), or nil.
    /// `coveredTokens[k]`: some match covers token `k`.
    func negator(_ m: Match, _ coveredTokens: [Bool], _ words: Set<[UInt8]>, _ text: UnsafeBufferPointer<UInt8>,
                 _ tokens: [Token], _ scratch: inout [UInt8]) -> String? {
        var k = m.tokenStart - 1, others = 0
        while k >= 0, k >= m.tokenStart - 12, !Self.lineBreak(before: k + 1, text, tokens) {
            if k < coveredTokens.count, coveredTokens[k] { k -= 1; continue }
            tokenizer.normalize(tokens[k], in: text, into: &scratch)
            if tokens[k].rule == .punct {
                // Separators of a list's items; any other mark ends the clause.
                guard scratch.count == 1, ",/&".utf8.contains(scratch[0]) else { return nil }
                k -= 1
                continue
            }
            if words.contains(scratch) {
                let word = String(decoding: UnsafeBufferPointer(rebasing: text[tokens[k].start..<tokens[k].end]), as: UTF8.self)
                // `not only`, `no less than`, `no matter`, `No. 1`: no negation of what follows.
                tokenizer.normalize(tokens[k + 1], in: text, into: &scratch)
                if Self.negationBounds.contains(scratch) { return nil }
                // A negator joined to the next word by a hyphen makes an adjective (`Non-trivial Postgres`) unless that
                // word is the match (`non-Django`).
                let hyphen = tokens[k + 1].start == tokens[k].end + 1 && text[tokens[k].end] == 0x2D
                if hyphen { return k + 1 == m.tokenStart ? word : nil }
                // `non` right before the match (`Non Django code`), or the clause says what is (not) needed after it
                // (`no HTML/CSS experience is required`): an absence described (`No source control, tedious manual
                // deployments`) is what the job will change.
                let prefix = word.lowercased() == "non" && k + 1 == m.tokenStart
                return prefix || needFollows(m, coveredTokens, text, tokens, &scratch) ? word : nil
            }
            if !Self.coordinators.contains(scratch) {
                others += 1
                if others > 1 { return nil }
            }
            k -= 1
        }
        return nil
    }

    /// Whether a word of what a job needs (``needWords``) follows match `m` within four words of its clause, past
    /// other matches, `and`/`or` and `,` `/` `&`.
    func needFollows(_ m: Match, _ coveredTokens: [Bool], _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                     _ scratch: inout [UInt8]) -> Bool {
        var k = m.tokenEnd, words = 0
        while k < tokens.count, words < 4, !Self.lineBreak(before: k, text, tokens) {
            if k < coveredTokens.count, coveredTokens[k] { k += 1; continue }
            tokenizer.normalize(tokens[k], in: text, into: &scratch)
            if tokens[k].rule == .punct {
                guard scratch.count == 1, ",/&".utf8.contains(scratch[0]) else { return false }
            } else if Self.needWords.contains(scratch) {
                return true
            } else if !Self.coordinators.contains(scratch) {
                words += 1
            }
            k += 1
        }
        return false
    }

    /// Words that say what a job needs or involves, after a negated skill (`no HTML experience is required`, `not
    /// front-end work`): English, German, French, Spanish, Italian, Dutch, Polish.
    static let needWords: Set<[UInt8]> = Set(("experience experiences knowledge skills skill background expertise "
        + "required requirement requirements needed necessary expected mandatory work development "
        + "erfahrung erfahrungen kenntnisse erforderlich notwendig vorausgesetzt expérience expériences connaissances "
        + "requis requise nécessaire experiencia conocimientos requerido requerida necesario esperienza conoscenze "
        + "richiesta richiesto necessaria ervaring kennis vereist nodig doświadczenie znajomość wymagane wymagana "
        + "wymagany").split(separator: " ").map { Array($0.utf8) })

    /// Words after a negator that bound or set aside the negation (``RuleDirective/negation``).
    static let negationBounds: Set<[UInt8]> = Set(("only just merely simply limited less more fewer later longer matter "
        + "doubt problem exception . nur seulement solo solamente alleen tylko").split(separator: " ").map { Array($0.utf8) })

    /// The `is`/`are` + verb after the capitalised run that holds match `m` with another word (see
    /// ``RuleDirective/hiring``), or nil.
    func hiringVerb(_ m: Match, _ verbs: Set<[UInt8]>, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                    _ scratch: inout [UInt8]) -> String? {
        func gapHasNewline(_ k: Int) -> Bool { Self.lineBreak(before: k, text, tokens) }
        func capitalised(_ k: Int) -> Bool { tokens[k].rule != .punct && Self.startsWithCapital(k, text, tokens) }
        var lo = m.tokenStart, hi = m.tokenEnd
        while lo > 0, capitalised(lo - 1), !gapHasNewline(lo) { lo -= 1 }
        // After the match only the words that end an organisation's name (`IT Services`, `Acme Labs Inc`): a job
        // title before the name (`Software Development Engineer Skilljar is seeking`) is no part of it.
        while hi < tokens.count, capitalised(hi), !gapHasNewline(hi) {
            tokenizer.normalize(tokens[hi], in: text, into: &scratch)
            guard Self.organisationSuffixes.contains(scratch) else { return nil }
            hi += 1
        }
        // Another word than the match's; not only a sentence's first word before it (`Our IT is`: `Our` is no name).
        guard hi - lo > m.tokenEnd - m.tokenStart else { return nil }
        if lo < m.tokenStart {
            tokenizer.normalize(tokens[lo], in: text, into: &scratch)
            if Self.functionWords.contains(scratch), lo + 1 == m.tokenStart, hi == m.tokenEnd { return nil }
        }
        // A name that ends with an organisation's word (`Open Data Services`) is the employer's also where one works
        // at it or joins it, and where it is described (`... is a growing workers co-operative`).
        let named = hi > m.tokenEnd
        if named, lo > 0, !gapHasNewline(lo) {
            tokenizer.normalize(tokens[lo - 1], in: text, into: &scratch)
            if Self.joiningWords.contains(scratch) { return String(decoding: scratch, as: UTF8.self) }
        }
        guard hi + 1 < tokens.count, !gapHasNewline(hi), !gapHasNewline(hi + 1) else { return nil }
        tokenizer.normalize(tokens[hi], in: text, into: &scratch)
        guard scratch == Array("is".utf8) || scratch == Array("are".utf8) else { return nil }
        tokenizer.normalize(tokens[hi + 1], in: text, into: &scratch)
        if verbs.contains(scratch) { return String(decoding: scratch, as: UTF8.self) }
        // Described: `is a`/`is an` after such a name that starts its sentence (not `Experience with AWS Services is
        // a plus`).
        guard named, scratch == Array("a".utf8) || scratch == Array("an".utf8) else { return nil }
        if lo > 0, !gapHasNewline(lo) {
            tokenizer.normalize(tokens[lo - 1], in: text, into: &scratch)
            guard tokens[lo - 1].rule == .punct, scratch.count == 1, ".!?:".utf8.contains(scratch[0]) else { return nil }
        }
        return "a"
    }

    /// Whether token `k` is one of the marks that separate a list's items: `,` `/` `&`.
    static func isListSeparator(_ k: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        guard tokens[k].rule == .punct, tokens[k].end - tokens[k].start == 1 else { return false }
        return ",/&".utf8.contains(text[tokens[k].start])
    }

    /// For each of `tokenCount` tokens, whether one of `matches` covers it.
    static func coverage(_ matches: [Match], tokenCount: Int) -> [Bool] {
        var covered = [Bool](repeating: false, count: tokenCount)
        for m in matches { for k in m.tokenStart..<min(m.tokenEnd, tokenCount) { covered[k] = true } }
        return covered
    }

    /// Whether a line break lies between token `t - 1` and token `t` (`t` ≥ 1).
    static func lineBreak(before t: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        (tokens[t - 1].end..<tokens[t].start).contains { text[$0] == 0x0A }
    }

    /// Whether token `t` starts with an ASCII capital letter.
    static func startsWithCapital(_ t: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> Bool {
        (0x41...0x5A).contains(text[tokens[t].start])
    }

    /// Last words of organisations' names (``RuleDirective/hiring``).
    static let organisationSuffixes: Set<[UInt8]> = Set(("services solutions group systems labs lab inc ltd llc gmbh ag "
        + "plc corp corporation company co consulting consultancy partners technologies studio studios department "
        + "division agency").split(separator: " ").map { Array($0.utf8) })

    /// Words before an organisation's name that make it the employer (``RuleDirective/hiring``): `working at`, `join`.
    static let joiningWords: Set<[UInt8]> = Set(["at", "join", "joins", "joining"].map { Array($0.utf8) })

    /// Words that introduce the people one works with (``RuleDirective/colleagues``); `such as` is checked apart.
    static let collaborationWords: Set<[UInt8]> = Set(["with", "alongside", "comprising", "between", "among", "amongst"].map { Array($0.utf8) })
    static let coordinators: Set<[UInt8]> = Set(["and", "or", "&"].map { Array($0.utf8) })
    /// Words before `of` that introduce a team's members (``RuleDirective/colleagues``): `consists of`, `made up of`.
    static let compositionWords: Set<[UInt8]> = Set(["consists", "consist", "consisting", "composed", "comprised", "up"]
        .map { Array($0.utf8) })
    /// Words that end the clause of a collaboration word, looking back from a match: prepositions, verbs, auxiliaries,
    /// relatives (`offices in Berlin looking for Python developers`); adjectives (`amazing product management`) do not.
    static let clauseBreakers: Set<[UInt8]> = Set(("in on at to for of by from as into onto via per than then is are was "
        + "were be been being has have had do does did can could may might must shall should will would not no nor but "
        + "who whom whose which that what where when how if because while about over under through after before "
        + "during against within without").split(separator: " ").map { Array($0.utf8) })

    /// A label of generic words: letters, spaces and hyphens only, all lower case (`control systems`, `computer`).
    static func isGenericPhrase(_ label: String) -> Bool {
        guard !label.isEmpty else { return false }
        // ASCII labels (most) are decided on their bytes; Character properties only for the others.
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            return label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x20 || $0 == 0x2D }
        }
        return label.allSatisfy { ($0.isLetter && $0.isLowercase) || $0 == " " || $0 == "-" }
    }

    /// A phrase written as O*NET writes a category (`Data management`, `Numerical analysis`): two or more words of
    /// letters, a capital only at the start.
    static func isCategoryPhrase(_ label: String) -> Bool {
        guard label.contains(" "), let f = label.first, f.isUppercase else { return false }
        return label.dropFirst().allSatisfy { ($0.isLetter && $0.isLowercase) || $0 == " " }
    }

    /// Words that are no noun of a compound: articles, prepositions, conjunctions, pronouns, auxiliaries,
    /// qualifiers that do not change what a phrase names (`basic`, `advanced`, `applied`), words of praise
    /// (`ideal`, `top-notch`, `cutting-edge`).
    static let functionWords: Set<[UInt8]> = Set(("a an the and or nor but of in on at to for with by from as into onto via per "
        + "than then such including include includes included like unlike about among between within without through "
        + "across under over upon toward towards after before during against versus vs is are was were be been being "
        + "has have had do does did can could may might must shall should will would not no its their our your his her "
        + "this these that those which who whom whose what where when how all any each every both either neither some "
        + "other others another same such also only very more most less least well further "
        + "basic basics advanced applied introductory introduction fundamental fundamentals general modern related "
        + "various specific new current emerging contemporary intermediate elementary principal main key core common "
        + "standard theoretical practical relevant appropriate different multiple several selected special "
        + "specialized specialised associated appropriate typical complex simple large small "
        + "good better best great excellent ideal outstanding exceptional superb seamless intuitive top notch high "
        + "quality strong solid deep first class world cutting edge leading state art unique amazing beautiful smooth "
        + "consistent engaging overall whole entire full complete").split(separator: " ").map { Array($0.utf8) })

    /// Common verbs that take a phrase as their object (`perform unit tests`, `generate unit tests`): no compound's
    /// first noun. Only checked before a phrase: after a word, several are nouns (`computer studies`).
    static let objectVerbs: Set<[UInt8]> = Set((
        "perform performs generate generates use uses apply applies develop develops design designs create creates "
        + "build builds write writes implement implements manage manages maintain maintains support supports provide "
        + "provides ensure ensures operate operates install installs run runs deliver delivers conduct conducts "
        + "understand understands learn learns teach teaches know knows study studies improve improves test tests "
        + "analyse analyses analyze analyzes evaluate evaluates plan plans define defines drive drives lead leads "
        + "own owns set sets enable enables deploy deploys establish establishes integrate integrates automate "
        + "automates optimize optimizes optimise optimises scale scales ship ships involve involves require requires "
        + "need needs expect expects combine combines explore explores leverage leverages utilize utilizes utilise "
        + "utilises employ employs bring brings offer offers make makes take takes give gives get gets see sees want "
        + "wants love loves enjoy enjoys handle handles cover covers explain explains introduce introduces discuss "
        + "discusses master masters practise practises adopt adopts embrace embraces promote promotes accelerate "
        + "accelerates add adds join joins investigate investigates review reviews assess assesses apply").split(separator: " ").map { Array($0.utf8) })

    /// The noun that match `m` modifies, normalized: the lower-case word right after it (same line, separated by
    /// spaces or a hyphen: `computer applications`, `computer-assisted`), or, after `and` / `or`, the last of two or
    /// more such words (`audio and tape dictation`: `dictation`). Nil when the match ends its phrase (`a computer,`).
    func modifiedNoun(_ m: Match, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ scratch: inout [UInt8]) -> [UInt8]? {
        func joined(_ t: Int) -> Bool {
            guard t > 0, t < tokens.count, tokens[t].rule != .punct else { return false }
            for b in tokens[t - 1].end..<tokens[t].start where text[b] != 0x20 && text[b] != 0x2D { return false }
            return true
        }
        func lowerWord(_ t: Int) -> [UInt8]? { joined(t) ? lowerFirst(t) : nil }
        func lowerFirst(_ t: Int) -> [UInt8]? {
            guard tokens[t].rule != .punct else { return nil }
            let b = text[tokens[t].start]
            guard b >= 0x61, b <= 0x7A else { return nil }
            tokenizer.normalize(tokens[t], in: text, into: &scratch)
            return Self.functionWords.contains(scratch) ? nil : scratch
        }
        var t = m.tokenEnd
        // `computer/information technology services`: a slash right after the match coordinates it, as `or` does.
        let slash = t + 1 < tokens.count && tokens[t].rule == .punct && tokens[t].start == m.end
            && tokens[t].end - tokens[t].start == 1 && text[tokens[t].start] == 0x2F && tokens[t + 1].start == tokens[t].end
        if slash { t += 1 }
        guard slash || joined(t) else { return nil }
        tokenizer.normalize(tokens[t], in: text, into: &scratch)
        if slash || scratch == Array("and".utf8) || scratch == Array("or".utf8) {
            var k = slash ? t : t + 1, last: [UInt8]?, run = 0
            while k < tokens.count, let w = (k == t && slash ? lowerFirst(k) : lowerWord(k)) { last = w; run += 1; k += 1 }
            return run >= 2 ? last : nil
        }
        return lowerWord(t)
    }

    /// The token of the word that makes match `index` the head of a longer compound: the lower-case word right
    /// before it (spaces or a hyphen between), no function word, qualifier or common verb, no `-ing` form
    /// (`designing`), not the last word of a hyphenated adjective (`high-level`), and not part of another match
    /// (`computer control systems`); the match written in lower case. Nil otherwise.
    func compoundModifier(_ index: Int, _ matches: [Match], _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token],
                          _ scratch: inout [UInt8]) -> Int? {
        let m = matches[index]
        let t = m.tokenStart - 1
        guard t >= 0, tokens[t].rule != .punct else { return nil }
        // A phrase written with capitals (`deploy Machine Learning services`) is named as such, no one's head.
        if text[m.start] >= 0x41, text[m.start] <= 0x5A { return nil }
        for b in tokens[t].end..<tokens[m.tokenStart].start where text[b] != 0x20 && text[b] != 0x2D { return nil }
        let b = text[tokens[t].start]
        guard b >= 0x61, b <= 0x7A else { return nil }
        if index > 0, matches[index - 1].tokenEnd > t { return nil }
        // The last word of a hyphenated adjective (`high-level`, `multi-framework`, `closed-loop`) says how, not what.
        if t > 0, tokens[t - 1].end == tokens[t].start - 1, text[tokens[t].start - 1] == 0x2D, tokens[t - 1].rule != .punct {
            return nil
        }
        tokenizer.normalize(tokens[t], in: text, into: &scratch)
        if Self.functionWords.contains(scratch) || Self.objectVerbs.contains(scratch) { return nil }
        if scratch.count > 4, scratch.suffix(3).elementsEqual("ing".utf8) { return nil }
        return t
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
        if Self.lineBreak(before: t, text, tokens) { return true }
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

extension Array where Element == UInt8 {
    /// Whether these bytes end with the UTF-8 of `ending` (a normalized word's: `held` ends with `ed`).
    func ends(with ending: String) -> Bool { suffix(ending.utf8.count).elementsEqual(ending.utf8) }
}
