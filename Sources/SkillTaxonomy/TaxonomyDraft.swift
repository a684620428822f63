import Foundation

/// A label being imported (before it is attached to a concept index).
public struct ImportedLabel: Sendable, Hashable {
    public var text: String
    public var kind: LabelKind
    public var exactCase: Bool
    public var lang: String
    /// Kept from a base taxonomy (``ConceptLabel/needsEvidence``, ``ConceptLabel/provenance``); importers leave
    /// them unset.
    public var needsEvidence = false
    public var provenance = ""
    /// Kept from a base taxonomy (``ConceptLabel/tagOnly``).
    public var tagOnly = false

    public init(text: String, kind: LabelKind, exactCase: Bool = false, lang: String = "") {
        self.text = text
        self.kind = kind
        self.exactCase = exactCase
        self.lang = lang
    }
}

/// A concept being imported, with its labels and attributes.
public struct ImportedConcept: Sendable {
    public var concept: Concept
    public var labels: [ImportedLabel]
    /// (key, value) facts: `broader`, `collection`, `reuse_level`, `in_scheme`, `notation`, `status`.
    public var attributes: [ConceptAttributeValue]

    public init(concept: Concept, labels: [ImportedLabel] = [], attributes: [ConceptAttributeValue] = []) {
        self.concept = concept
        self.labels = labels
        self.attributes = attributes
    }
}

/// An attribute before it is attached to a concept index.
public struct ConceptAttributeValue: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// Concepts gathered by importers (merged by ID), then turned into a ``Taxonomy`` in canonical order.
public struct TaxonomyDraft: Sendable {
    public private(set) var concepts: [ImportedConcept] = []
    private var index: [String: Int] = [:]

    public init() {}

    public var count: Int { concepts.count }

    public func contains(_ id: String) -> Bool { index[id] != nil }

    public subscript(id: String) -> ImportedConcept? { index[id].map { concepts[$0] } }

    /// Adds a concept, or merges labels and attributes into the concept with the same ID (the first
    /// occurrence keeps its other fields). Returns true when the concept is new.
    @discardableResult
    public mutating func merge(_ c: ImportedConcept) -> Bool {
        if let i = index[c.concept.id] {
            concepts[i].labels.append(contentsOf: c.labels)
            concepts[i].attributes.append(contentsOf: c.attributes)
            for g in c.concept.groups where !concepts[i].concept.groups.contains(g) { concepts[i].concept.groups.append(g) }
            if concepts[i].concept.type.isEmpty { concepts[i].concept.type = c.concept.type }
            return false
        }
        index[c.concept.id] = concepts.count
        concepts.append(c)
        return true
    }

    /// Applies `body` to the concept with `id`, if any.
    public mutating func update(_ id: String, _ body: (inout ImportedConcept) -> Void) {
        guard let i = index[id] else { return }
        body(&concepts[i])
    }

    /// Removes the concepts for which `drop` is true.
    public mutating func removeAll(where drop: (ImportedConcept) -> Bool) {
        concepts.removeAll(where: drop)
        index = [:]
        for (i, c) in concepts.enumerated() { index[c.concept.id] = i }
    }

    /// The taxonomy in canonical order: concepts by ID; per concept, labels by kind (pref, alt, hidden,
    /// derived), language and text, duplicates (same text, kind, case and language) removed; attributes
    /// sorted, duplicates removed. A concept's ``Concept/preferredLabel`` is its `pref` label in the first
    /// of `preferredLanguages` it has (then English, then no language, then any), unless already set.
    /// Field values are cleaned of tabs and line breaks (``TaxonomyFiles/clean(_:)``); empty labels dropped.
    public func taxonomy(name: String, version: String, preferredLanguages: [String] = []) -> Taxonomy {
        let order = concepts.sorted { $0.concept.id < $1.concept.id }
        let kindRank: [LabelKind: Int] = [.pref: 0, .alt: 1, .hidden: 2, .derived: 3]
        var langRank: [String: Int] = [:]
        for (i, l) in (preferredLanguages + ["en", ""]).enumerated() where langRank[l] == nil { langRank[l] = i }
        var outConcepts: [Concept] = []
        var labels: [ConceptLabel] = []
        var attributes: [ConceptAttribute] = []
        for (ci, d) in order.enumerated() {
            var concept = d.concept
            var seen = Set<ImportedLabel>()
            var kept: [ImportedLabel] = []
            for l in d.labels {
                var c = l
                c.text = TaxonomyFiles.clean(l.text)
                c.lang = TaxonomyFiles.clean(l.lang)
                guard !c.text.isEmpty, seen.insert(c).inserted else { continue }
                kept.append(c)
            }
            kept.sort {
                ((kindRank[$0.kind] ?? 9), $0.lang, $0.text, $0.exactCase ? 1 : 0)
                    < ((kindRank[$1.kind] ?? 9), $1.lang, $1.text, $1.exactCase ? 1 : 0)
            }
            if concept.preferredLabel.isEmpty {
                let prefs = kept.filter { $0.kind == .pref }
                let best = prefs.min { (langRank[$0.lang] ?? 1000) < (langRank[$1.lang] ?? 1000) }
                concept.preferredLabel = best?.text ?? kept.first?.text ?? ""
            }
            concept.preferredLabel = TaxonomyFiles.clean(concept.preferredLabel)
            concept.groups = concept.groups.map(TaxonomyFiles.clean).filter { !$0.isEmpty }
            outConcepts.append(concept)
            for l in kept {
                var label = ConceptLabel(conceptIndex: ci, text: l.text, kind: l.kind, exactCase: l.exactCase,
                                         lang: l.lang, needsEvidence: l.needsEvidence, provenance: l.provenance)
                label.tagOnly = l.tagOnly
                labels.append(label)
            }
            var seenAttributes = Set<ConceptAttributeValue>()
            let attrs = d.attributes.map { ConceptAttributeValue(TaxonomyFiles.clean($0.key), TaxonomyFiles.clean($0.value)) }
                .filter { !$0.key.isEmpty && !$0.value.isEmpty && seenAttributes.insert($0).inserted }
                .sorted { ($0.key, $0.value) < ($1.key, $1.value) }
            for a in attrs { attributes.append(ConceptAttribute(conceptIndex: ci, key: a.key, value: a.value)) }
        }
        return Taxonomy(name: name, version: version, concepts: outConcepts, labels: labels, attributes: attributes)
    }
}

extension TaxonomyDraft {
    /// A draft holding an existing taxonomy's concepts, labels and attributes (to apply overrides to it).
    public init(_ t: Taxonomy) {
        self.init()
        var drafts = t.concepts.map { ImportedConcept(concept: $0) }
        for l in t.labels {
            var label = ImportedLabel(text: l.text, kind: l.kind, exactCase: l.exactCase, lang: l.lang)
            label.needsEvidence = l.needsEvidence
            label.provenance = l.provenance
            label.tagOnly = l.tagOnly
            drafts[l.conceptIndex].labels.append(label)
        }
        for a in t.attributes { drafts[a.conceptIndex].attributes.append(ConceptAttributeValue(a.key, a.value)) }
        for d in drafts { merge(d) }
    }
}

/// What an import read, imported and skipped (with reasons and a few examples of each).
///
/// Invariant: `rowsRead == imported + skippedRows` (every row or record read is either imported or skipped
/// for a stated reason; rows that add to an already imported concept count as imported).
public struct ImportReport: Sendable, CustomStringConvertible {
    public var source: String
    /// Rows (CSV/TSV records, SKOS concept descriptions, override lines) read.
    public var rowsRead = 0
    /// Rows that contributed to the result.
    public var imported = 0
    /// Concepts and labels in the result.
    public var concepts = 0
    public var labels = 0
    /// Skipped rows by reason, with up to three examples each (`file:line: excerpt`).
    public private(set) var skipped: [String: Int] = [:]
    public private(set) var skipExamples: [String: [String]] = [:]
    /// Labels dropped by reason (e.g. a language that was not selected), with examples.
    public private(set) var droppedLabels: [String: Int] = [:]
    public private(set) var dropExamples: [String: [String]] = [:]
    /// Other facts worth telling (files ignored, languages seen, warnings).
    public var notes: [String] = []

    public init(source: String) { self.source = source }

    public var skippedRows: Int { skipped.values.reduce(0, +) }
    public var droppedLabelCount: Int { droppedLabels.values.reduce(0, +) }

    public mutating func skip(_ reason: String, _ example: String) {
        skipped[reason, default: 0] += 1
        if skipExamples[reason, default: []].count < 3 { skipExamples[reason, default: []].append(example) }
    }

    public mutating func dropLabel(_ reason: String, _ example: String, count: Int = 1) {
        droppedLabels[reason, default: 0] += count
        if dropExamples[reason, default: []].count < 3 { dropExamples[reason, default: []].append(example) }
    }

    /// Adds another report's counts (for imports from several sources).
    public mutating func add(_ other: ImportReport) {
        rowsRead += other.rowsRead
        imported += other.imported
        for (r, n) in other.skipped {
            skipped[r, default: 0] += n
            for e in other.skipExamples[r] ?? [] where skipExamples[r, default: []].count < 3 { skipExamples[r, default: []].append(e) }
        }
        for (r, n) in other.droppedLabels {
            droppedLabels[r, default: 0] += n
            for e in other.dropExamples[r] ?? [] where dropExamples[r, default: []].count < 3 { dropExamples[r, default: []].append(e) }
        }
        notes.append(contentsOf: other.notes)
    }

    public var description: String {
        var s = "\(source): \(rowsRead) rows read, \(imported) imported, \(skippedRows) skipped"
        if concepts > 0 || labels > 0 { s += " -> \(concepts) concepts, \(labels) labels" }
        for (reason, n) in skipped.sorted(by: { $0.key < $1.key }) {
            s += "\n  skipped \(n): \(reason)"
            for e in skipExamples[reason] ?? [] { s += "\n    e.g. \(e)" }
        }
        for (reason, n) in droppedLabels.sorted(by: { $0.key < $1.key }) {
            s += "\n  labels dropped \(n): \(reason)"
            for e in dropExamples[reason] ?? [] { s += "\n    e.g. \(e)" }
        }
        for n in notes { s += "\n  note: \(n)" }
        return s
    }
}

/// Splits a multi-value cell: ESCO uses line breaks (v1.2 CSVs) or ` | ` (broader columns, older files).
func splitMultiValue(_ cell: String) -> [String] {
    cell.components(separatedBy: .newlines).flatMap { $0.components(separatedBy: " | ") }
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// `esco:<uuid>` for an ESCO skill URI, `esco:<path>` for other ESCO URIs (`esco:isced-f/0613`), the URI
/// itself otherwise.
func conceptID(forURI uri: String) -> String {
    let skill = "http://data.europa.eu/esco/skill/"
    let esco = "http://data.europa.eu/esco/"
    if uri.hasPrefix(skill) { return "esco:" + uri.dropFirst(skill.count) }
    if uri.hasPrefix(esco) { return "esco:" + uri.dropFirst(esco.count) }
    return uri
}

/// A short excerpt for report examples.
func excerpt(_ s: String, _ n: Int = 60) -> String {
    let one = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
    return one.count > n ? String(one.prefix(n)) + "…" : one
}
