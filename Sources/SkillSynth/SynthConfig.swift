/// One taxonomy label the generator may insert into postings.
///
/// Several terms may share a `conceptID` (preferred and alternative labels of one concept): the generator
/// models popularity per concept and, for each mention, writes one of the concept's labels.
public struct SkillTerm: Sendable, Hashable, Codable {
    /// The concept the label belongs to (e.g. an ESCO URI).
    public var conceptID: String
    /// The surface form written into the text (leading and trailing white space is not written).
    public var label: String
    /// Write the label only exactly as given, never upper- or lower-cased: set it for labels that the matcher
    /// matches case-sensitively (the taxonomy's exact-case labels such as `IT`, `Go` or `React`).
    public var exactCase: Bool

    public init(conceptID: String, label: String, exactCase: Bool = false) {
        self.conceptID = conceptID
        self.label = label
        self.exactCase = exactCase
    }

    private enum CodingKeys: String, CodingKey { case conceptID, label, exactCase }

    /// Decodes; a missing `exactCase` means false.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        conceptID = try c.decode(String.self, forKey: .conceptID)
        label = try c.decode(String.self, forKey: .label)
        exactCase = try c.decodeIfPresent(Bool.self, forKey: .exactCase) ?? false
    }

    /// Encodes; `exactCase` only when true (keeps ground-truth files of large taxonomies small).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(conceptID, forKey: .conceptID)
        try c.encode(label, forKey: .label)
        if exactCase { try c.encode(true, forKey: .exactCase) }
    }
}

/// Everything that determines a synthetic corpus: the same configuration always yields byte-identical output
/// and an identical ``GroundTruth``.
///
/// See ``SyntheticCorpusGenerator`` for the text rules and ``PlantedTrend`` for the trend semantics.
public struct SynthConfig: Sendable, Codable, Hashable {
    /// Seed of all randomness (skill order, planted choices, every posting).
    public var seed: UInt64
    /// Number of postings (JSON lines) to write.
    public var postings: Int
    /// First calendar year of the corpus.
    public var startYear: Int
    /// Number of calendar years: dates lie in `startYear-01-01 ... (startYear+years-1)-12-31`; each of the
    /// `12·years` months is equally likely, then each day within the month.
    public var years: Int
    /// Region names; region `i` is drawn with weight `2 / (2 + i)` (mildly skewed towards the first).
    public var regions: [String]
    /// Number of distinct (invented) employers; employer of rank `r` (0-based) has weight `1 / (r + 1)` (Zipf).
    public var employers: Int
    /// The taxonomy labels, supplied by the caller. The order matters (it is part of the configuration).
    public var skills: [SkillTerm]
    /// Target mean size of one JSON line in bytes (individual postings vary uniformly by ±40 %).
    public var meanPostingBytes: Int
    /// Expected number of distinct concepts (planted ones included) mentioned per posting. Each chosen concept
    /// is mentioned once or twice, so the default 8.5 (≈ 12.75 mentions in ≈ 520 words at 3,500 bytes) is about
    /// one label mention per 40 words.
    public var skillsPerPosting: Double
    /// Number of concepts with a planted rising trend.
    public var rising: Int
    /// Number of concepts with a planted falling trend.
    public var falling: Int
    /// Number of concepts that appear at the midpoint of the time span.
    public var appearing: Int
    /// Number of control concepts with a constant, moderate share (useful to check for false alarms).
    public var stable: Int
    /// Number of invented multi-word terms (e.g. `zentrix mesh`) that are not taxonomy labels and rise over time.
    public var outOfTaxonomyTerms: Int
    /// Number of planted emerging occupations (0 or 1; see ``PlantedOccupation``). Default 0, so existing
    /// configurations generate the same bytes.
    public var occupations: Int = 0
    /// Concepts in the planted occupation's skill bundle.
    public var occupationBundle: Int = 4
    /// Forum-style postings: no title field; the text opens with a header line
    /// `Employer | Role | Region | REMOTE` (as in "who is hiring" threads). Default false (same bytes as before).
    public var forumHeaders: Bool = false
    /// Share of postings followed by a planted copy of one of the last 1,000 postings (id `dup-N`; half of them
    /// with one letter of the description changed, a near-duplicate). nil or 0: none (same bytes as before).
    public var duplicates: Double?

    /// The default region names (German federal states and city states; one has a non-ASCII character).
    public static let defaultRegions = [
        "Berlin", "Bavaria", "North Rhine-Westphalia", "Baden-Württemberg", "Hamburg", "Saxony",
    ]

    /// A configuration; only the skill list is required (defaults: 10,000 postings over 2020–2023, 6 regions,
    /// 200 employers, 3,500-byte postings, 5 planted concepts of each kind and 2 invented terms).
    public init(seed: UInt64 = 1,
                postings: Int = 10_000,
                startYear: Int = 2020,
                years: Int = 4,
                regions: [String] = SynthConfig.defaultRegions,
                employers: Int = 200,
                skills: [SkillTerm],
                meanPostingBytes: Int = 3_500,
                skillsPerPosting: Double = 8.5,
                rising: Int = 5,
                falling: Int = 5,
                appearing: Int = 5,
                stable: Int = 5,
                outOfTaxonomyTerms: Int = 2) {
        self.seed = seed
        self.postings = postings
        self.startYear = startYear
        self.years = years
        self.regions = regions
        self.employers = employers
        self.skills = skills
        self.meanPostingBytes = meanPostingBytes
        self.skillsPerPosting = skillsPerPosting
        self.rising = rising
        self.falling = falling
        self.appearing = appearing
        self.stable = stable
        self.outOfTaxonomyTerms = outOfTaxonomyTerms
    }

    /// Checks the ranges of the numeric fields (the skill list is checked by the generator).
    public func validate() throws(SynthConfigError) {
        func fail(_ why: String) -> SynthConfigError { .invalid(why) }
        guard postings >= 0 else { throw fail("postings must be >= 0") }
        guard years >= 1, years <= 200 else { throw fail("years must be in 1...200") }
        guard startYear >= 1, startYear + years - 1 <= 9999 else { throw fail("years must lie in 0001...9999") }
        guard !regions.isEmpty else { throw fail("regions must not be empty") }
        guard regions.allSatisfy({ !$0.isEmpty }) else { throw fail("region names must not be empty") }
        guard employers >= 1, employers <= 1_000_000 else { throw fail("employers must be in 1...1000000") }
        guard meanPostingBytes >= 300, meanPostingBytes <= 10_000_000 else {
            throw fail("meanPostingBytes must be in 300...10000000")
        }
        guard skillsPerPosting >= 0, skillsPerPosting.isFinite, skillsPerPosting <= 10_000 else {
            throw fail("skillsPerPosting must be in 0...10000")
        }
        guard rising >= 0, falling >= 0, appearing >= 0, stable >= 0, outOfTaxonomyTerms >= 0 else {
            throw fail("planted counts must be >= 0")
        }
        guard outOfTaxonomyTerms <= 1_000 else { throw fail("outOfTaxonomyTerms must be <= 1000") }
        guard occupations == 0 || occupations == 1 else { throw fail("occupations must be 0 or 1") }
        guard occupationBundle >= 1, occupationBundle <= 50 else { throw fail("occupationBundle must be in 1...50") }
    }
}

/// Why a configuration cannot be generated.
public enum SynthConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field is out of range.
    case invalid(String)
    /// Fewer concepts can carry a planted trend than `rising + falling + appearing + stable` (a concept is
    /// eligible when none of its labels contains, or is contained in, a label of another concept).
    case notEnoughEligibleSkills(needed: Int, eligible: Int)

    public var description: String {
        switch self {
        case .invalid(let why): return "invalid synthetic corpus configuration: \(why)"
        case .notEnoughEligibleSkills(let needed, let eligible):
            return "planted trends need \(needed) eligible concepts, the skill list has \(eligible)"
        }
    }
}
