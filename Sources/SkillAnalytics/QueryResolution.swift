import Foundation

/// A user's query names something the store does not have as written (`--region riverside`, `--skill Kubernetes`).
public struct QueryError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What users type for regions and skills, resolved to what the store holds: one place for every command (and the
/// service), so that no query silently answers an empty table.
extension Analytics {
    /// The stored region that `name` names: the same text, or the one stored region equal to it ignoring case and
    /// diacritics (`riverside` -> `Riverside`). nil stays nil. An unknown name is an error with the closest stored
    /// regions ("did you mean").
    public func resolveRegion(_ name: String?) throws -> String? {
        guard let name else { return nil }
        let counts = try summary().regions
        let regions = counts.keys.filter { !$0.isEmpty }
        if regions.contains(name) { return name }
        let key = Self.foldKey(name)
        let same = regions.filter { Self.foldKey($0) == key }
        if same.count == 1 { return same[0] }
        if same.count > 1 {
            throw QueryError("region '\(name)' is ambiguous: \(same.sorted().joined(separator: ", "))")
        }
        let hint = Self.closest(name, among: regions)
        throw QueryError("no posting has the region '\(name)'"
            + (hint.isEmpty ? "; its regions: " + regions.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }
                .prefix(10).map { "\($0) (\(counts[$0] ?? 0))" }.joined(separator: ", ") + (regions.count > 10 ? ", ..." : "")
               : "; did you mean " + hint.map { "'\($0)'" }.joined(separator: ", ") + "?"))
    }

    /// The concept ID that `skill` names: a concept ID of the store, or a skill's name in any case (`Kubernetes`
    /// -> `onet:kubernetes`), as shown by the tables (`tools for software configuration management (Git, SVN)`)
    /// or without the surface forms in parentheses. Unknown or ambiguous names are errors with suggestions.
    public func resolveConcept(_ skill: String) throws -> String {
        if labels[skill] != nil { return skill }
        let key = Self.foldKey(skill)
        var matches = Set<String>()
        for (id, label) in labels {
            let base = label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
            if Self.foldKey(label) == key || Self.foldKey(base) == key || Self.foldKey(id) == key { matches.insert(id) }
        }
        if matches.count == 1 { return matches.first! }
        if matches.count > 1 {
            throw QueryError("'\(skill)' names several skills: "
                + matches.sorted().map { "\($0) (\(labels[$0] ?? ""))" }.joined(separator: ", ") + "; give the concept ID")
        }
        let hint = Self.closest(skill, among: Array(Set(labels.values)))
        throw QueryError("no skill '\(skill)' in this store's taxonomy"
            + (hint.isEmpty ? "" : "; did you mean " + hint.map { "'\($0)'" }.joined(separator: ", ") + "?"))
    }

    /// Case- and diacritic-folded, spaces collapsed.
    static func foldKey(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Up to three candidates closest to `name` (edit distance on folded text, at most a third of its length, or
    /// sharing its start), nearest first.
    static func closest(_ name: String, among candidates: [String]) -> [String] {
        let key = Array(foldKey(name))
        guard !key.isEmpty else { return [] }
        let limit = max(2, key.count / 3)
        var scored: [(Int, String)] = []
        for c in candidates {
            let ck = Array(foldKey(c))
            let d = editDistance(key, ck, limit: limit)
            if d <= limit { scored.append((d, c)) } else if ck.starts(with: key.prefix(4)), key.count >= 4 { scored.append((limit + 1, c)) }
        }
        return scored.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(3).map(\.1)
    }

    /// Levenshtein distance, stopping early above `limit` (returns limit + 1 then).
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            var best = current[0]
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                best = min(best, current[j + 1])
            }
            if best > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
