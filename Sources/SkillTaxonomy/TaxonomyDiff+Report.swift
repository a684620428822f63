extension TaxonomyDiff {
    /// The diff as `taxonomy diff` prints it: a line for each taxonomy (`old` named `oldName`, `new` named `newName`)
    /// with its size and digest, then each section's count and at most `limit` of its entries (and how many more).
    /// `old` and `new` must be the taxonomies the diff was made from. O(concepts + printed entries).
    public func reportLines(old a: Taxonomy, new b: Taxonomy, oldName: String, newName: String, limit: Int) -> [String] {
        var out = ["A: \(oldName) (\(a.concepts.count) concepts, \(a.labels.count) labels, digest \(a.shortDigest))",
                   "B: \(newName) (\(b.concepts.count) concepts, \(b.labels.count) labels, digest \(b.shortDigest))"]
        func section<T>(_ title: String, _ items: [T], _ line: (T) -> String) {
            out.append("\(title): \(items.count)")
            for i in items.prefix(limit) { out.append("  " + line(i)) }
            if items.count > limit { out.append("  ... \(items.count - limit) more") }
        }
        func ref(_ r: LabelRef) -> String { "\(r.conceptID)\t\(r.text)" + (r.lang.isEmpty ? "" : "\t@\(r.lang)") }
        let names = Dictionary(b.concepts.map { ($0.id, $0.preferredLabel) }, uniquingKeysWith: { x, _ in x })
        let oldNames = Dictionary(a.concepts.map { ($0.id, $0.preferredLabel) }, uniquingKeysWith: { x, _ in x })
        section("concepts added", conceptsAdded) { "+ \($0)\t\(names[$0] ?? "")" }
        section("concepts removed", conceptsRemoved) { "- \($0)\t\(oldNames[$0] ?? "")" }
        section("concepts changed", conceptsChanged) { "~ \($0.id)\t" + $0.changes.joined(separator: "; ") }
        section("labels added", labelsAdded) { "+ " + ref($0) }
        section("labels removed", labelsRemoved) { "- " + ref($0) }
        section("labels changed", labelsChanged) { "~ " + ref($0.0) + "\t\($0.1) -> \($0.2)" }
        return out
    }
}
