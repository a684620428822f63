/// Differences between two taxonomies: concepts added, removed or changed (by ID), and labels added,
/// removed or changed (a label is identified by concept ID, text and language; a change is a different kind
/// or letter-case rule). O(concepts + labels).
public struct TaxonomyDiff: Sendable {
    public struct ConceptChange: Sendable, Hashable {
        public var id: String
        /// `field: old -> new` for each changed field.
        public var changes: [String]
    }
    public struct LabelRef: Sendable, Hashable, Comparable {
        public var conceptID: String
        public var text: String
        public var lang: String
        public static func < (a: LabelRef, b: LabelRef) -> Bool {
            (a.conceptID, a.text, a.lang) < (b.conceptID, b.text, b.lang)
        }
    }

    public var conceptsAdded: [String] = []
    public var conceptsRemoved: [String] = []
    public var conceptsChanged: [ConceptChange] = []
    public var labelsAdded: [LabelRef] = []
    public var labelsRemoved: [LabelRef] = []
    /// Label, old `kind/case`, new `kind/case`.
    public var labelsChanged: [(LabelRef, String, String)] = []

    public var isEmpty: Bool {
        conceptsAdded.isEmpty && conceptsRemoved.isEmpty && conceptsChanged.isEmpty && labelsAdded.isEmpty
            && labelsRemoved.isEmpty && labelsChanged.isEmpty
    }

    public init(_ a: Taxonomy, _ b: Taxonomy) {
        var oldByID: [String: Concept] = [:]
        for c in a.concepts { oldByID[c.id] = c }
        var newIDs = Set<String>()
        func attributeStrings(_ t: Taxonomy) -> [String: String] {
            var byConcept: [Int: [String]] = [:]
            for x in t.attributes { byConcept[x.conceptIndex, default: []].append("\(x.key)=\(x.value)") }
            var out: [String: String] = [:]
            for (i, v) in byConcept { out[t.concepts[i].id] = v.sorted().joined(separator: " ") }
            return out
        }
        let oldAttributes = attributeStrings(a), newAttributes = attributeStrings(b)
        for c in b.concepts {
            newIDs.insert(c.id)
            guard let o = oldByID[c.id] else { conceptsAdded.append(c.id); continue }
            var ch: [String] = []
            func cmp(_ name: String, _ x: String, _ y: String) { if x != y { ch.append("\(name): \(x) -> \(y)") } }
            cmp("preferred_label", o.preferredLabel, c.preferredLabel)
            cmp("type", o.type, c.type)
            cmp("source", o.source, c.source)
            cmp("groups", o.groups.joined(separator: " | "), c.groups.joined(separator: " | "))
            cmp("esco_uri", o.escoURI ?? "", c.escoURI ?? "")
            cmp("onet_commodity_codes", o.onetCommodityCodes.joined(separator: " "), c.onetCommodityCodes.joined(separator: " "))
            cmp("hot_technology", o.hotTechnology ? "Y" : "N", c.hotTechnology ? "Y" : "N")
            cmp("in_demand", o.inDemand ? "Y" : "N", c.inDemand ? "Y" : "N")
            cmp("onet_occupations", String(o.onetOccupations), String(c.onetOccupations))
            cmp("attributes", oldAttributes[c.id] ?? "", newAttributes[c.id] ?? "")
            if !ch.isEmpty { conceptsChanged.append(ConceptChange(id: c.id, changes: ch)) }
        }
        conceptsRemoved = a.concepts.map(\.id).filter { !newIDs.contains($0) }.sorted()
        conceptsAdded.sort()
        conceptsChanged.sort { $0.id < $1.id }

        func labels(_ t: Taxonomy) -> [LabelRef: String] {
            var out: [LabelRef: String] = [:]
            for l in t.labels {
                let ref = LabelRef(conceptID: t.concepts[l.conceptIndex].id, text: l.text, lang: l.lang)
                let v = "\(l.kind.rawValue)/\(l.exactCase ? "exact" : "any")"
                out[ref] = out[ref].map { min($0, v) } ?? v
            }
            return out
        }
        let old = labels(a), new = labels(b)
        for (ref, v) in new {
            if let o = old[ref] {
                if o != v { labelsChanged.append((ref, o, v)) }
            } else {
                labelsAdded.append(ref)
            }
        }
        for ref in old.keys where new[ref] == nil { labelsRemoved.append(ref) }
        labelsAdded.sort()
        labelsRemoved.sort()
        labelsChanged.sort { $0.0 < $1.0 }
    }
}
