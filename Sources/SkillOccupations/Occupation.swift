import Foundation

/// Which classification an occupation belongs to.
public enum OccupationScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// ESCO occupations (URI `http://data.europa.eu/esco/occupation/<uuid>`), each in one ISCO-08 unit group.
    case esco
    /// O*NET-SOC occupations (id `onet:<code>`, e.g. `onet:15-1252.00`).
    case onet
}

/// One occupation of ESCO or O*NET.
public struct Occupation: Sendable, Hashable, Codable {
    /// ESCO concept URI, or `onet:<O*NET-SOC code>`.
    public var id: String
    public var scheme: OccupationScheme
    /// The English preferred label (ESCO) or title (O*NET).
    public var label: String
    /// ISCO-08 unit group (4 digits, e.g. `2512`); nil for O*NET occupations.
    public var iscoCode: String?
    /// ESCO's own code (`2512.4`); nil for O*NET.
    public var escoCode: String?
    /// The O*NET-SOC code: the occupation's own for O*NET; for ESCO, the O*NET occupation its English
    /// preferred label codes to (a derived link, see ``OccupationCoder``), when O*NET is loaded.
    public var onetCode: String?
    /// ICT occupation: ISCO-08 25xx, 35xx or 133x, or (ESCO) at least half of its (3 or more) essential
    /// skills are in ESCO's digital skills collection; O*NET: SOC 15-12xx or 11-3021.
    public var isICT: Bool

    public init(id: String, scheme: OccupationScheme, label: String, iscoCode: String? = nil,
                escoCode: String? = nil, onetCode: String? = nil, isICT: Bool = false) {
        self.id = id
        self.scheme = scheme
        self.label = label
        self.iscoCode = iscoCode
        self.escoCode = escoCode
        self.onetCode = onetCode
        self.isICT = isICT
    }
}

/// How a title label was obtained.
public enum TitleLabelKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// ESCO preferredLabel (or one gendered form of it, `Softwareentwicklerin` from `.../Softwareentwicklerin`).
    case preferred
    /// ESCO altLabels.
    case alternative
    /// ESCO hiddenLabels (misspellings, old or gendered forms not shown to users).
    case hidden
    /// O*NET occupation title.
    case onetTitle
    /// O*NET alternate title or its short form.
    case onetAlternate

    /// Weight of an exact match on a label of this kind (hidden labels are weaker evidence).
    var weight: Double {
        switch self {
        case .preferred, .onetTitle: 1.0
        case .alternative, .onetAlternate: 0.97
        case .hidden: 0.9
        }
    }

    var rank: Int {
        switch self {
        case .preferred, .onetTitle: 0
        case .alternative, .onetAlternate: 1
        case .hidden: 2
        }
    }
}

/// One title of an occupation in one language.
public struct TitleLabel: Sendable, Hashable, Codable {
    /// Index into ``OccupationCatalog/occupations``.
    public var occupation: Int
    public var text: String
    /// ISO 639-1 code (`en`, `de`, ...).
    public var language: String
    public var kind: TitleLabelKind

    public init(occupation: Int, text: String, language: String, kind: TitleLabelKind) {
        self.occupation = occupation
        self.text = text
        self.language = language
        self.kind = kind
    }
}

/// An ISCO-08 group (major 1 digit, sub-major 2, minor 3, unit 4).
public struct ISCOGroup: Sendable, Hashable, Codable {
    public var code: String
    public var label: String
    public var uri: String

    public init(code: String, label: String, uri: String) {
        self.code = code
        self.label = label
        self.uri = uri
    }
}

/// Skills of an occupation, as our taxonomy's concept ids (`esco:<uuid>`).
public struct OccupationSkills: Sendable, Hashable, Codable {
    public var essential: [String] = []
    public var optional: [String] = []
    public init(essential: [String] = [], optional: [String] = []) {
        self.essential = essential
        self.optional = optional
    }
}

/// Everything the coder indexes: occupations, their titles in all loaded languages, ISCO groups and skills.
public struct OccupationCatalog: Sendable {
    public var occupations: [Occupation] = []
    public var labels: [TitleLabel] = []
    /// ISCO-08 groups by code.
    public var iscoGroups: [String: ISCOGroup] = [:]
    /// Skills by occupation index (ESCO occupations only).
    public var skills: [Int: OccupationSkills] = [:]
    private var indexByID: [String: Int] = [:]

    public init() {}

    /// The index of the occupation with `id`, if any. O(1).
    public func index(of id: String) -> Int? { indexByID[id] }

    /// Adds an occupation (or returns the index of the one with the same id).
    @discardableResult
    public mutating func add(_ o: Occupation) -> Int {
        if let i = indexByID[o.id] { return i }
        occupations.append(o)
        indexByID[o.id] = occupations.count - 1
        return occupations.count - 1
    }

    /// Adds a label; empty labels are ignored.
    public mutating func addLabel(_ text: String, occupation: Int, language: String, kind: TitleLabelKind) {
        let t = OccupationLoaders.trimmed(text) // as `trimmingCharacters(in: .whitespacesAndNewlines)`, faster on Linux
        guard !t.isEmpty else { return }
        labels.append(TitleLabel(occupation: occupation, text: t, language: language, kind: kind))
    }

    /// Languages with at least one label, sorted.
    public var languages: [String] { Array(Set(labels.map(\.language))).sorted() }

    /// The label of an ISCO-08 group, if loaded.
    public func iscoLabel(_ code: String?) -> String? { code.flatMap { iscoGroups[$0]?.label } }
}

/// ICT rule on ISCO-08 codes: 25xx (ICT professionals), 35xx (ICT technicians), 133x (ICT service managers).
public func isICTISCO(_ code: String?) -> Bool {
    guard let c = code else { return false }
    return c.hasPrefix("25") || c.hasPrefix("35") || c.hasPrefix("133")
}

/// ICT rule on O*NET-SOC codes: 15-12xx (computer occupations) or 11-3021 (computer and IS managers).
public func isICTONET(_ code: String) -> Bool {
    code.hasPrefix("15-12") || code.hasPrefix("11-3021")
}
