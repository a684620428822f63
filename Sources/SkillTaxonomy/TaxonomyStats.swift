import SkillMatcher

/// Counts of a taxonomy's concepts and labels (by source, type, kind, language, attribute) and the size of its
/// matcher, as `taxonomy stats` prints them. O(concepts + labels + attributes).
public struct TaxonomyStats: Sendable {
    public var name: String
    public var version: String
    public var digest: String
    public var concepts: Int
    public var labels: Int
    public var attributes: Int
    public var bySource: [String: Int] = [:]
    public var byType: [String: Int] = [:]
    public var byKind: [String: Int] = [:]
    /// Labels per language; `-` for labels without one.
    public var byLanguage: [String: Int] = [:]
    public var byAttribute: [String: Int] = [:]
    public var exactCaseLabels: Int
    public var hotTechnologies: Int
    public var inDemand: Int
    public var matcherPatterns: Int
    public var matcherTokenTypes: Int
    public var matcherStates: Int
    /// The longest label, in tokens.
    public var matcherMaxDepth: Int
    public var matcherMemoryBytes: Int

    public init(taxonomy t: Taxonomy, matcher: Matcher) {
        name = t.name
        version = t.version
        digest = t.digest
        concepts = t.concepts.count
        labels = t.labels.count
        attributes = t.attributes.count
        for c in t.concepts { bySource[c.source, default: 0] += 1; byType[c.type, default: 0] += 1 }
        for l in t.labels { byKind[l.kind.rawValue, default: 0] += 1; byLanguage[l.lang.isEmpty ? "-" : l.lang, default: 0] += 1 }
        for a in t.attributes { byAttribute[a.key, default: 0] += 1 }
        exactCaseLabels = t.labels.filter(\.exactCase).count
        hotTechnologies = t.concepts.filter(\.hotTechnology).count
        inDemand = t.concepts.filter(\.inDemand).count
        matcherPatterns = matcher.patternCount
        matcherTokenTypes = matcher.vocabulary.count
        matcherStates = matcher.stateCount
        matcherMaxDepth = matcher.maxDepth
        matcherMemoryBytes = matcher.memoryBytes
    }

    /// The report: counts as `key=n` sorted by key; the languages line only when some label has a language, the
    /// attributes line only when there are attributes.
    public var lines: [String] {
        func list(_ d: [String: Int]) -> String {
            d.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        var out = ["\(name) \(version) digest \(digest)",
                   "concepts: \(concepts) " + list(bySource),
                   "types: " + list(byType),
                   "labels: \(labels) " + list(byKind) + ", exact-case \(exactCaseLabels)"]
        if byLanguage.keys.contains(where: { $0 != "-" }) { out.append("languages: " + list(byLanguage)) }
        if !byAttribute.isEmpty { out.append("attributes: \(attributes) " + list(byAttribute)) }
        out.append("hot technologies: \(hotTechnologies), in demand: \(inDemand)")
        out.append("matcher: \(matcherPatterns) patterns, \(matcherTokenTypes) token types, "
                   + "\(matcherStates) states, longest label \(matcherMaxDepth) tokens, \(matcherMemoryBytes / 1024) KiB")
        return out
    }
}
