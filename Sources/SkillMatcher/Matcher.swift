import SkillTokenizer

/// Identifies one added label (pattern) in a ``Matcher``.
public struct PatternID: RawRepresentable, Hashable, Comparable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static func < (a: PatternID, b: PatternID) -> Bool { a.rawValue < b.rawValue }
}

/// Which matches a search reports.
public enum MatchKind: String, Sendable, CaseIterable {
    /// Scanning tokens left to right, at the leftmost token where a label starts take the longest label
    /// starting there, report it (once per pattern sharing that exact normalized label), and continue after it.
    case leftmostLongest = "leftmost-longest"
    /// Every occurrence of every label, overlapping or nested, ordered by start then end.
    case overlapping
}

/// One occurrence of a label in a text.
public struct Match: Sendable, Hashable {
    public var pattern: PatternID
    /// The value given when the pattern was added (the taxonomy uses a concept index).
    public var value: UInt32
    /// Byte offsets in the UTF-8 text, half-open.
    public var start: Int
    public var end: Int
    /// Token offsets in the tokenized text, half-open.
    public var tokenStart: Int
    public var tokenEnd: Int

    public init(pattern: PatternID, value: UInt32, start: Int, end: Int, tokenStart: Int, tokenEnd: Int) {
        self.pattern = pattern
        self.value = value
        self.start = start
        self.end = end
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
    }

    public var byteRange: Range<Int> { start..<end }
}

/// Reusable per-thread buffers for matching; keeps the hot loop free of allocation.
public struct MatchScratch {
    public var tokens: [Token] = []
    public var ids: [Vocabulary.TokenID] = []
    @usableFromInline var normalized: [UInt8] = []
    public init() {}
}

/// Collects labels, then builds an immutable ``Matcher``.
public struct MatcherBuilder {
    public let tokenizer: Tokenizer
    private var vocabulary = Vocabulary()
    private var labels: [String] = []
    private var values: [UInt32] = []
    private var sequences: [[Vocabulary.TokenID]] = []
    private var exactCase: [Int: [[UInt8]]] = [:]

    public init(tokenizer: Tokenizer = Tokenizer()) {
        self.tokenizer = tokenizer
    }

    /// Number of patterns added so far.
    public var count: Int { labels.count }

    /// Adds a label with a value (e.g. a concept index). Returns nil for a label with no tokens.
    ///
    /// With `exactCase`, an occurrence counts only when every token is written exactly as in the label
    /// (`IT` but not `it`, `React` but not `react`); the taxonomy sets it for labels that are ordinary words.
    /// With `listOnly`, an occurrence counts only when letter case is ignored (``Matcher/matchPrepared(_:kind:scratch:ignoringCase:into:)``
    /// with `ignoringCase`, the tag-list pass): in ordinary matching the pattern never matches (its exact form
    /// has no tokens, which no occurrence equals).
    @discardableResult
    public mutating func add(_ label: String, value: UInt32, exactCase: Bool = false, listOnly: Bool = false) -> PatternID? {
        let tokens = tokenizer.normalizedTokens(label)
        guard !tokens.isEmpty else { return nil }
        sequences.append(tokens.map { vocabulary.insert($0) })
        labels.append(label)
        values.append(value)
        if listOnly {
            self.exactCase[labels.count - 1] = []
        } else if exactCase {
            let bytes = Array(label.utf8)
            self.exactCase[labels.count - 1] = tokenizer.tokenize(label).map { Array(bytes[$0.start..<$0.end]) }
        }
        return PatternID(rawValue: UInt32(labels.count - 1))
    }

    /// Builds the trie. O(total label tokens).
    public func build() -> Matcher {
        var edges: [UInt64: UInt32] = [:]
        var rootNext = [UInt32](repeating: 0, count: vocabulary.count + 1)
        var stateCount: UInt32 = 1 // state 0 is the root
        var outputs: [[UInt32]] = [[]]
        var depth: [UInt16] = [0]
        for (p, seq) in sequences.enumerated() {
            var state: UInt32 = 0
            for tok in seq {
                let next: UInt32?
                if state == 0 {
                    next = rootNext[Int(tok)] == 0 ? nil : rootNext[Int(tok)]
                } else {
                    next = edges[Matcher.edgeKey(state, tok)]
                }
                if let next {
                    state = next
                } else {
                    let new = stateCount
                    stateCount += 1
                    outputs.append([])
                    depth.append(depth[Int(state)] &+ 1)
                    if state == 0 { rootNext[Int(tok)] = new } else { edges[Matcher.edgeKey(state, tok)] = new }
                    state = new
                }
            }
            outputs[Int(state)].append(UInt32(p))
        }
        var start: [UInt32] = [0]
        var list: [UInt32] = []
        for o in outputs {
            list.append(contentsOf: o)
            start.append(UInt32(list.count))
        }
        return Matcher(tokenizer: tokenizer, vocabulary: vocabulary, rootNext: rootNext,
                       edgeKeys: Array(edges.keys), edgeTargets: Array(edges.values), outputStart: start,
                       outputList: list, labels: labels, values: values, exactCase: exactCase,
                       maxDepth: Int(depth.max() ?? 0))
    }
}

/// An immutable trie over token IDs; share one across threads, give each thread its own ``MatchScratch``.
///
/// Root transitions are a direct array indexed by token ID; deeper transitions live in one open-addressing
/// table keyed by (state, token). A search is O(tokens × longest label in tokens) in the worst case and
/// O(tokens) on typical text, where most tokens have no root transition.
public final class Matcher: Sendable {
    public let tokenizer: Tokenizer
    public let vocabulary: Vocabulary
    @usableFromInline let rootNext: [UInt32]
    @usableFromInline let edgeKeys: [UInt64]
    @usableFromInline let edgeValues: [UInt32]
    @usableFromInline let edgeMask: Int
    @usableFromInline let outputStart: [UInt32]
    @usableFromInline let outputList: [UInt32]
    public let labels: [String]
    public let values: [UInt32]
    /// Raw token bytes of exact-case patterns, by pattern index.
    @usableFromInline let exactCase: [Int: [[UInt8]]]
    /// Per state: 0 = no output, 1 = only any-case outputs, 2 = some exact-case output (check needed).
    @usableFromInline let stateCheck: [UInt8]
    /// The longest label, in tokens.
    public let maxDepth: Int

    @usableFromInline static let emptyKey = UInt64.max

    @inlinable
    static func edgeKey(_ state: UInt32, _ token: UInt32) -> UInt64 { UInt64(state) << 32 | UInt64(token) }

    /// Builds the matcher from the trie's flat arrays: `edgeKeys[i]` → `edgeTargets[i]` for every non-root
    /// transition (any order), and the outputs of state `s` at `outputList[outputStart[s]..<outputStart[s+1]]`.
    /// Used by the builder and by the image reader, so a cached matcher costs one hash-table fill to load.
    init(tokenizer: Tokenizer, vocabulary: Vocabulary, rootNext: [UInt32], edgeKeys keyList: [UInt64],
         edgeTargets: [UInt32], outputStart: [UInt32], outputList: [UInt32], labels: [String], values: [UInt32],
         exactCase: [Int: [[UInt8]]], maxDepth: Int) {
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        self.rootNext = rootNext
        var size = 16
        while size < keyList.count * 2 { size *= 2 }
        var keys = [UInt64](repeating: Self.emptyKey, count: size)
        var vals = [UInt32](repeating: 0, count: size)
        for (k, v) in zip(keyList, edgeTargets) {
            var slot = Self.slot(k, size - 1)
            while keys[slot] != Self.emptyKey { slot = (slot + 1) & (size - 1) }
            keys[slot] = k
            vals[slot] = v
        }
        edgeKeys = keys
        edgeValues = vals
        edgeMask = size - 1
        self.outputStart = outputStart
        self.outputList = outputList
        var check = [UInt8](repeating: 0, count: max(0, outputStart.count - 1))
        for s in check.indices where outputStart[s] != outputStart[s + 1] {
            check[s] = 1
            for i in Int(outputStart[s])..<Int(outputStart[s + 1]) where exactCase[Int(outputList[i])] != nil {
                check[s] = 2
            }
        }
        stateCheck = check
        self.exactCase = exactCase
        self.labels = labels
        self.values = values
        self.maxDepth = maxDepth
    }

    /// Number of patterns.
    public var patternCount: Int { labels.count }
    /// Number of trie states (including the root).
    public var stateCount: Int { outputStart.count - 1 }

    /// Bytes held by the automaton's arrays (labels excluded).
    public var memoryBytes: Int {
        vocabulary.memoryBytes + rootNext.count * 4 + edgeKeys.count * 12 + outputStart.count * 4
            + outputList.count * 4 + values.count * 4
    }

    public func label(_ p: PatternID) -> String { labels[Int(p.rawValue)] }
    public func value(_ p: PatternID) -> UInt32 { values[Int(p.rawValue)] }

    @inlinable
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The state reached from `state` on `token`, or 0 if none.
    @inlinable
    func next(_ state: UInt32, _ token: UInt32) -> UInt32 {
        if state == 0 { return rootNext[Int(token)] }
        let key = Self.edgeKey(state, token)
        var slot = Self.slot(key, edgeMask)
        while true {
            let k = edgeKeys[slot]
            if k == key { return edgeValues[slot] }
            if k == Self.emptyKey { return 0 }
            slot = (slot + 1) & edgeMask
        }
    }

    /// Tokenizes `text` into `scratch` and maps tokens to vocabulary IDs (0 for unknown tokens).
    public func prepare(_ text: UnsafeBufferPointer<UInt8>, scratch: inout MatchScratch) {
        scratch.tokens.removeAll(keepingCapacity: true)
        scratch.ids.removeAll(keepingCapacity: true)
        tokenizer.tokenize(text, into: &scratch.tokens)
        for t in scratch.tokens {
            // Tokens of URLs, e-mail addresses, paths and code never match (DESIGN.md, "Tokenizer").
            scratch.ids.append(t.span != .prose ? 0 : tokenizer.tokenID(t, in: text, vocabulary: vocabulary,
                                                                       scratch: &scratch.normalized))
        }
    }

    /// Appends the matches in `text` to `out`.
    public func matches(in text: UnsafeBufferPointer<UInt8>, kind: MatchKind = .leftmostLongest,
                        scratch: inout MatchScratch, into out: inout [Match]) {
        prepare(text, scratch: &scratch)
        matchPrepared(text, kind: kind, scratch: scratch, into: &out)
    }

    /// Matches over the tokens and IDs already in `scratch` (see ``prepare(_:scratch:)``) of `text`.
    ///
    /// With `ignoringCase`, labels held to their own letter case match in any case too (for lines that are lists
    /// of lower-case technology tags; see `Disambiguator`).
    public func matchPrepared(_ text: UnsafeBufferPointer<UInt8>, kind: MatchKind, scratch: MatchScratch,
                              ignoringCase: Bool = false, into out: inout [Match]) {
        let ids = scratch.ids
        let tokens = scratch.tokens
        let n = ids.count
        var i = 0
        while i < n {
            var state = rootNext[Int(ids[i])]
            if state == 0 { i += 1; continue }
            var j = i
            var bestEnd = -1
            var bestState: UInt32 = 0
            while true {
                let check = stateCheck[Int(state)]
                if check != 0, check == 1 || ignoringCase || accepts(state, text, tokens, i, j + 1) {
                    if kind == .overlapping {
                        emit(state, text, i, j + 1, tokens, ignoringCase, &out)
                    } else {
                        bestEnd = j + 1
                        bestState = state
                    }
                }
                j += 1
                if j >= n { break }
                state = next(state, ids[j])
                if state == 0 { break }
            }
            if kind == .leftmostLongest, bestEnd > 0 {
                emit(bestState, text, i, bestEnd, tokens, ignoringCase, &out)
                i = bestEnd
            } else {
                i += 1
            }
        }
    }

    /// True when some output of `state` accepts the tokens `from..<to` (exact-case outputs compare bytes).
    @usableFromInline
    func accepts(_ state: UInt32, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ from: Int, _ to: Int) -> Bool {
        for k in Int(outputStart[Int(state)])..<Int(outputStart[Int(state) + 1])
        where acceptsPattern(Int(outputList[k]), text, tokens, from, to) {
            return true
        }
        return false
    }

    @usableFromInline
    func acceptsPattern(_ p: Int, _ text: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ from: Int, _ to: Int) -> Bool {
        guard let raw = exactCase[p] else { return true }
        guard raw.count == to - from else { return false }
        for (k, expected) in raw.enumerated() {
            let t = tokens[from + k]
            guard t.end - t.start == expected.count else { return false }
            for b in 0..<expected.count where text[t.start + b] != expected[b] { return false }
        }
        return true
    }

    @inline(__always)
    func emit(_ state: UInt32, _ text: UnsafeBufferPointer<UInt8>, _ tokenStart: Int, _ tokenEnd: Int,
              _ tokens: [Token], _ ignoringCase: Bool, _ out: inout [Match]) {
        let check = stateCheck[Int(state)] == 2 && !ignoringCase
        for k in Int(outputStart[Int(state)])..<Int(outputStart[Int(state) + 1]) {
            let p = outputList[k]
            if check, !acceptsPattern(Int(p), text, tokens, tokenStart, tokenEnd) { continue }
            out.append(Match(pattern: PatternID(rawValue: p), value: values[Int(p)],
                             start: tokens[tokenStart].start, end: tokens[tokenEnd - 1].end,
                             tokenStart: tokenStart, tokenEnd: tokenEnd))
        }
    }

    /// True when pattern `p` matches only with letter case ignored (added with `listOnly`).
    public func isListOnly(_ p: PatternID) -> Bool { exactCase[Int(p.rawValue)]?.isEmpty == true }

    /// True when `m` holds to its label's letter case (always, for labels matched in any case).
    public func accepts(_ m: Match, in text: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> Bool {
        acceptsPattern(Int(m.pattern.rawValue), text, tokens, m.tokenStart, m.tokenEnd)
    }

    /// Matches in a Swift string (convenience; allocates).
    public func matches(in text: String, kind: MatchKind = .leftmostLongest) -> [Match] {
        var scratch = MatchScratch()
        var out: [Match] = []
        var copy = text
        copy.withUTF8 { matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
        return out
    }
}
