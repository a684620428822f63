import Foundation
import SkillIO
import SkillMatcher
import SkillTokenizer

/// One skill concept: an identifier, its labels' owner, and the codes and flags of its sources.
public struct Concept: Sendable, Hashable, Codable {
    /// Stable identifier: `esco:<uuid>` for ESCO skills, `onet:<slug>` for O*NET technology examples,
    /// `local:<slug>` for a user's own concepts.
    public var id: String
    public var preferredLabel: String
    /// `knowledge`, `skill/competence` (ESCO skill types) or `technology` (O*NET examples).
    public var type: String
    /// Which sources describe the concept: `esco`, `onet` or `esco+onet`.
    public var source: String
    /// Names of the skill groups the concept belongs to (ESCO broader concepts, or O*NET commodity titles).
    public var groups: [String]
    public var escoURI: String?
    /// UNSPSC commodity codes O*NET files the technology under.
    public var onetCommodityCodes: [String]
    /// O*NET "Hot Technology" flag in any occupation.
    public var hotTechnology: Bool
    /// O*NET "In Demand" flag in any occupation.
    public var inDemand: Bool
    /// Number of O*NET occupations that list the technology.
    public var onetOccupations: Int

    /// True when the concept was made from share-alike (CC BY-SA) data only and lives in `sa-concepts.tsv`.
    public var isShareAlike: Bool { source == "stackoverflow" }

    public init(id: String, preferredLabel: String, type: String, source: String, groups: [String] = [],
                escoURI: String? = nil, onetCommodityCodes: [String] = [], hotTechnology: Bool = false,
                inDemand: Bool = false, onetOccupations: Int = 0) {
        self.id = id
        self.preferredLabel = preferredLabel
        self.type = type
        self.source = source
        self.groups = groups
        self.escoURI = escoURI
        self.onetCommodityCodes = onetCommodityCodes
        self.hotTechnology = hotTechnology
        self.inDemand = inDemand
        self.onetOccupations = onetOccupations
    }
}

/// How a label was obtained.
public enum LabelKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The concept's preferred label.
    case pref
    /// An alternative label from the source.
    case alt
    /// A hidden label from the source (ESCO `hiddenLabels`, SKOS `hiddenLabel`: misspellings, old names);
    /// matched like any other label, never displayed.
    case hidden
    /// A label derived by a documented rule (see `TaxonomyBuilder`), e.g. `Python` from
    /// `Python (computer programming)` or `AWS` from `Amazon Web Services AWS software`.
    case derived
}

/// A label of a concept.
public struct ConceptLabel: Sendable, Hashable, Codable {
    public var conceptIndex: Int
    public var text: String
    public var kind: LabelKind
    /// Match only when written in exactly this letter case (`IT`, `React`, `R`): set for labels that are
    /// also ordinary words or single letters (see `TaxonomyBuilder`).
    public var exactCase: Bool
    /// The label is also an everyday word or an organisation's name (`Spring`, `Chef`, `Google`): a match
    /// counts only with evidence from its context (the `@evidence` rules of `context-rules.tsv`).
    public var needsEvidence: Bool
    /// Language tag of the label (`en`, `de`, `pt-BR`), empty when the source gives none.
    public var lang: String
    /// The label names a skill only as an item of a tag list (`java rest cloud design-patterns`): a Stack Overflow
    /// tag of ordinary words (`cloud`, `design patterns`, `entity framework`) that as a tag is a deliberate skill
    /// label but in running text too often the everyday phrase. Matched only in any case inside tag lists (the
    /// `Disambiguator`'s tag-list pass); in running text never. `case` column `tag`.
    public var tagOnly: Bool = false

    /// Where the label comes from: `esco`, `onet`, a derivation rule (`onet:vendor-stripped`,
    /// `esco:qualifier-stripped`...), or a vocabulary (`github-topic`, `linguist`, `stackoverflow:synonym`...);
    /// empty when unknown. Labels from Stack Overflow (CC BY-SA) are kept in their own files.
    public var provenance: String

    /// True when the label derives from share-alike (CC BY-SA) data and lives in `sa-labels.tsv`.
    public var isShareAlike: Bool { provenance.hasPrefix("stackoverflow") }

    public init(conceptIndex: Int, text: String, kind: LabelKind, exactCase: Bool = false, lang: String = "",
                needsEvidence: Bool = false, provenance: String = "") {
        self.provenance = provenance
        self.conceptIndex = conceptIndex
        self.text = text
        self.kind = kind
        self.exactCase = exactCase
        self.needsEvidence = needsEvidence
        self.lang = lang
    }

    /// The `case` column of `labels.tsv`: `any` or `exact`, with `+evidence` when the label needs evidence; `tag`
    /// for a label matched only in tag lists (``tagOnly``).
    public var caseField: String {
        tagOnly ? "tag" : (exactCase ? "exact" : "any") + (needsEvidence ? "+evidence" : "")
    }

    /// The values of the `case` column.
    public static let caseFields = ["any", "exact", "any+evidence", "exact+evidence", "tag"]

    /// Sets `exactCase`, `needsEvidence` and `tagOnly` from a `case` column value (one of ``caseFields``).
    public mutating func setCase(_ field: String) {
        tagOnly = field == "tag"
        exactCase = field.hasPrefix("exact")
        needsEvidence = field.hasSuffix("+evidence")
    }
}

/// A further fact about a concept from its source, as a key and a value: `broader` (the ID or URI of a
/// broader concept), `in_scheme`, `collection`, `reuse_level`, `notation`, `status`. Kept in the optional
/// `attributes.tsv`, one fact per line.
public struct ConceptAttribute: Sendable, Hashable, Codable {
    public var conceptIndex: Int
    public var key: String
    public var value: String

    public init(conceptIndex: Int, key: String, value: String) {
        self.conceptIndex = conceptIndex
        self.key = key
        self.value = value
    }
}

/// A skills taxonomy: concepts and their labels, with a content digest that identifies this exact version.
public struct Taxonomy: Sendable {
    public var name: String
    public var version: String
    public var concepts: [Concept]
    public var labels: [ConceptLabel]
    /// Further facts about concepts (broader relations, collections, reuse level...), possibly none.
    public var attributes: [ConceptAttribute]
    /// SHA-256 of the canonical TSV serialization (``TaxonomyFiles``); equal content, equal digest.
    public private(set) var digest: String
    private var indexByID: [String: Int]

    /// `digest`, when given, must be the SHA-256 of the canonical serialization (as ``TaxonomyFiles`` writes
    /// it); the loader passes the digest of the files it read, which saves serializing again.
    public init(name: String, version: String, concepts: [Concept], labels: [ConceptLabel],
                attributes: [ConceptAttribute] = [], digest: String? = nil) {
        self.name = name
        self.version = version
        self.concepts = concepts
        self.labels = labels
        self.attributes = attributes
        var index: [String: Int] = [:]
        for (i, c) in concepts.enumerated() { index[c.id] = i }
        self.indexByID = index
        self.digest = ""
        if let digest {
            self.digest = digest
        } else {
            var h = SHA256()
            for part in TaxonomyFiles.contentParts(self) { h.update(part.text) }
            self.digest = h.finalizeHex()
        }
    }

    /// The index of the concept with `id`, if any.
    public func index(of id: String) -> Int? { indexByID[id] }

    /// A matcher of the labels that name technologies in a job title (`Java`, `SAP`, `.NET`, `Linux`, `IT`): one or
    /// two words, not ESCO's skill phrases (`develop software`: several words of a skill/competence) — for
    /// ``OccupationCoder``. A label that needs evidence (`Go`, `Salesforce`, `Spring`) has the value's top bit set
    /// (``titleEvidenceBit``): the coder takes it for a technology only beside a developer's head noun ("Go
    /// Developer", "Backend Engineer (Go)").
    public func titleTechnologyMatcher(tokenizer: Tokenizer = Tokenizer()) -> Matcher {
        buildMatcher(tokenizer: tokenizer, where: { l in
            guard l.kind != .hidden else { return false }
            let n = tokenizer.normalizedTokens(l.text).count
            return n >= 1 && n <= 2 && concepts[l.conceptIndex].type != "skill/competence" && !l.tagOnly
        }, value: { l in UInt32(l.conceptIndex) | (l.needsEvidence ? Self.titleEvidenceBit : 0) })
    }

    /// The bit of a ``titleTechnologyMatcher(tokenizer:)`` value that marks a label needing evidence.
    public static let titleEvidenceBit: UInt32 = 1 << 31

    /// The texts of labels whose matches need evidence (``ConceptLabel/needsEvidence``).
    public var evidenceLabels: Set<String> { Set(labels.lazy.filter(\.needsEvidence).map(\.text)) }

    /// A short form of the digest for display.
    public var shortDigest: String { String(digest.prefix(12)) }

    /// Builds the matcher: one pattern per label, valued with the concept index (or `value(label)`). Labels that
    /// normalize to the same tokens with the same value are added once.
    public func buildMatcher(tokenizer: Tokenizer = Tokenizer(), where include: (ConceptLabel) -> Bool = { _ in true },
                             value: (ConceptLabel) -> UInt32 = { UInt32($0.conceptIndex) }) -> Matcher {
        var builder = MatcherBuilder(tokenizer: tokenizer)
        var seen = Set<String>()
        for l in labels where include(l) {
            let v = value(l)
            let form = l.tagOnly ? "\u{2}" : l.exactCase ? l.text : ""
            let key = "\(v)\u{1}\(form)\u{1}" + tokenizer.normalizedTokens(l.text).joined(separator: " ")
            guard seen.insert(key).inserted else { continue }
            builder.add(l.text, value: v, exactCase: l.exactCase, listOnly: l.tagOnly)
        }
        return builder.build()
    }
}

/// An error in a taxonomy file, with the file and line.
public struct TaxonomyError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
