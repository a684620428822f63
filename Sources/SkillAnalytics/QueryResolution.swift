import Foundation

/// A user's query names something the store does not have as written (`--region riverside`, `--skill Kubernetes`).
public struct QueryError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What users type for regions and skills, resolved to what the store holds: one place for every command (and the
/// service), so that no query silently answers an empty table.
extension Analytics {
    /// The region that `name` names, as a filter for every query: a place (`Germany`, `de`, `US-CA`, `california`,
    /// `London`, `remote`, or a key such as `city:2643743`) that some posting's location rolls up to, else a stored
    /// raw location string, the same text or equal to it ignoring case and diacritics (`riverside` -> `Riverside`).
    /// nil stays nil. An unknown name is an error with the closest places and regions ("did you mean"); a name of
    /// several places in different countries is an error listing their keys.
    public func resolveRegion(_ name: String?) throws -> String? {
        guard let name else { return nil }
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let places = try !hasPlaces() ? [] : store.places()
        if places.contains(where: { $0.key == wanted }) { return wanted }
        let key = Self.foldKey(wanted)
        let upper = wanted.uppercased()
        let named = places.filter { p in
            Self.foldKey(p.name) == key || (!p.code.isEmpty && p.code == upper && p.level != "city")
                || (p.level == "admin1" && p.code.split(separator: "-").last.map(String.init) == upper
                    && places.contains { $0.level == "country" && $0.code == p.country })
        }
        if !named.isEmpty {
            let rank = ["continent": 0, "country": 1, "admin1": 2, "city": 3, "remote": 4]
            if Set(named.map(\.country)).count == 1 || named.count == 1 {
                // One country: the widest of the places (New York the state holds New York the city).
                return named.min { (rank[$0.level] ?? 9, $0.key) < (rank[$1.level] ?? 9, $1.key) }!.key
            }
            throw QueryError("region '\(name)' names several places: "
                + named.sorted { $0.key < $1.key }.map { "\($0.name), \($0.country.isEmpty ? $0.level : $0.country) (\($0.key))" }
                    .joined(separator: "; ") + "; give one of the keys")
        }
        let counts = try summary().regions
        let regions = counts.keys.filter { !$0.isEmpty }
        if regions.contains(wanted) { return wanted }
        let same = regions.filter { Self.foldKey($0) == key }
        if same.count == 1 { return same[0] }
        if same.count > 1 {
            throw QueryError("region '\(name)' is ambiguous: \(same.sorted().joined(separator: ", "))")
        }
        let placeNames = places.map(\.name)
        let hint = Self.closest(name, among: Array(Set(placeNames + regions)))
        let listed = places.isEmpty
            ? regions.sorted { (counts[$0] ?? 0, $1) > (counts[$1] ?? 0, $0) }.prefix(10)
                .map { "\($0) (\(counts[$0] ?? 0))" }.joined(separator: ", ") + (regions.count > 10 ? ", ..." : "")
            : places.filter { $0.level == "country" }.map(\.name).sorted().prefix(15).joined(separator: ", ")
        throw QueryError("no posting has the region '\(name)'"
            + (hint.isEmpty ? "; its \(places.isEmpty ? "regions" : "countries"): " + listed
               : "; did you mean " + hint.map { "'\($0)'" }.joined(separator: ", ") + "?"))
    }

    /// The concept ID that `skill` names: a concept ID of the store, or a skill's name in any case (`Kubernetes`
    /// -> `onet:kubernetes`), as shown by the tables (`tools for software configuration management (Git, SVN)`)
    /// or without the surface forms in parentheses, or a text postings matched it with (an alias such as `k8s`).
    /// Unknown or ambiguous names are errors with suggestions.
    public func resolveConcept(_ skill: String) throws -> String {
        if labels[skill] != nil { return skill }
        let key = Self.foldKey(skill)
        var matches = Set<String>()
        for (id, label) in labels {
            let base = label.range(of: " (").map { String(label[..<$0.lowerBound]) } ?? label
            if Self.foldKey(label) == key || Self.foldKey(base) == key || Self.foldKey(id) == key { matches.insert(id) }
        }
        if matches.isEmpty {
            // An alias: a text postings matched the concept with (`k8s`, `golang`), when only one concept has it.
            for (id, forms) in try store.surfaceForms(taxonomyID: taxonomyID) where forms.contains(where: { Self.foldKey($0.form) == key }) {
                matches.insert(id)
            }
        }
        if matches.count == 1, let only = matches.first { return only }
        if matches.count > 1 {
            throw QueryError("'\(skill)' names several skills: "
                + matches.sorted().map { "\($0) (\(labels[$0] ?? ""))" }.joined(separator: ", ") + "; give the concept ID")
        }
        let hint = Self.closest(skill, among: Array(Set(labels.values)))
        throw QueryError("no skill '\(skill)' in this store's taxonomy"
            + (hint.isEmpty ? "" : "; did you mean " + hint.map { "'\($0)'" }.joined(separator: ", ") + "?"))
    }

    /// The training programme `name` names: its source id or row id, or its title in any case when one programme
    /// has it. Unknown or ambiguous names are errors with the closest titles ("did you mean").
    public func resolveProgramme(_ name: String) throws -> (id: Int64, title: String) {
        if let p = try store.programme(name) { return p }
        let all = try store.programmes()
        let key = Self.foldKey(name)
        let same = all.filter { Self.foldKey($0.title) == key || Self.foldKey($0.sourceID ?? "") == key }
        if same.count == 1 { return (same[0].id, same[0].title) }
        if same.count > 1 {
            throw QueryError("'\(name)' names \(same.count) programmes: "
                + same.prefix(5).map { "\($0.sourceID ?? String($0.id)) (\($0.title))" }.joined(separator: ", ") + "; give the id")
        }
        let hint = Self.closest(name, among: Array(Set(all.map(\.title) + all.compactMap(\.sourceID))))
        throw QueryError("no programme '\(name)' in the store"
            + (hint.isEmpty ? " (give its source id, row id or title; list them with `skillradar postings --supply --skill SKILL`)"
               : "; did you mean " + hint.map { "'\($0)'" }.joined(separator: ", ") + "?"))
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
