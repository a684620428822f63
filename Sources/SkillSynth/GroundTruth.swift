import Foundation

/// A concept (or invented term) whose share of postings was deliberately set, and what came out.
///
/// Time semantics (the analytics are validated against these). With `M = 12·years` months, a posting in
/// month `m` (0-based from `startYear-01`) on day `d` of a month with `D` days has the time coordinate
/// `t = (m + (d − ½) / D) / M`, in (0, 1). Whether a posting mentions the concept is an independent
/// Bernoulli draw with probability `p(t)`:
/// - ``Kind-swift.enum/stable``: `p(t) = p0`, `p0` uniform in [0.05, 0.30].
/// - ``Kind-swift.enum/rising``: `p(t) = p0 + (p1 − p0)·t` with `p0` uniform in [0.045, 0.05] and
///   `p1 = 6·p0` (so ≤ 0.30).
/// - ``Kind-swift.enum/falling``: the same line with `p0` uniform in [0.27, 0.30] and `p1 = p0 / 6`.
/// - ``Kind-swift.enum/appearing``: `p = 0` for months `m < M/2`, then constant `p1` uniform in [0.10, 0.20].
/// - ``Kind-swift.enum/outOfTaxonomy``: `p = 0` for months `m < M/4`, then rising linearly from 0 (at the
///   start of month `M/4`, i.e. `t = ¼`) to `p1` uniform in [0.10, 0.20] at `t = 1`.
///
/// Concepts not planted (the background) keep a constant probability: a Zipf law (`∝ 1/rank`, capped at
/// 0.5) over a seeded shuffle of the concepts, scaled so that the expected number of distinct concepts per
/// posting is ``SynthConfig/skillsPerPosting``. Planted concepts are drawn (seeded, uniformly) among the
/// eligible concepts: none of their labels contains, or is contained in, a label of another concept (as a
/// whole-token sequence, conservatively ignoring punctuation and case), so counting a planted concept's
/// labels as whole words in the text gives exactly ``YearTruth/realizedPostings``.
public struct PlantedTrend: Sendable, Codable, Hashable {
    /// The kind of planted behaviour.
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        case rising, falling, appearing, stable, outOfTaxonomy
    }

    /// Planted counts of one calendar year.
    public struct YearTruth: Sendable, Codable, Hashable {
        /// Calendar year.
        public var year: Int
        /// Expected share of that year's postings mentioning the concept (mean of `p(t)` over the year).
        public var expectedShare: Double
        /// Postings of that year that mention the concept (at least once).
        public var realizedPostings: Int
        /// `realizedPostings` divided by all postings of that year (0 for an empty year).
        public var realizedShare: Double
        /// Label occurrences of the concept written that year (1 or 2 per mentioning posting).
        public var mentions: Int

        public init(year: Int, expectedShare: Double, realizedPostings: Int, realizedShare: Double,
                    mentions: Int) {
            self.year = year
            self.expectedShare = expectedShare
            self.realizedPostings = realizedPostings
            self.realizedShare = realizedShare
            self.mentions = mentions
        }
    }

    /// The planted behaviour.
    public var kind: Kind
    /// The taxonomy concept; nil for ``Kind-swift.enum/outOfTaxonomy`` terms.
    public var conceptID: String?
    /// The concept's first label, or the invented term.
    public var label: String
    /// All labels written for the concept (the invented term alone for out-of-taxonomy terms).
    public var labels: [String]
    /// `p(t)` at `t = 0` (0 for appearing and out-of-taxonomy terms).
    public var startShare: Double
    /// `p(t)` at `t = 1`.
    public var endShare: Double
    /// First date (`YYYY-MM-DD`) with `p > 0`: the corpus start, or the first day of month `M/2`
    /// (appearing) or `M/4` (out of taxonomy).
    public var appearsFrom: String
    /// Per calendar year, in order.
    public var years: [YearTruth]

    public init(kind: Kind, conceptID: String?, label: String, labels: [String], startShare: Double,
                endShare: Double, appearsFrom: String, years: [YearTruth]) {
        self.kind = kind
        self.conceptID = conceptID
        self.label = label
        self.labels = labels
        self.startShare = startShare
        self.endShare = endShare
        self.appearsFrom = appearsFrom
        self.years = years
    }

    /// The factor between start and end share of rising and falling concepts.
    public static let trendFactor = 6.0
}

/// A planted emerging occupation: a job title that appears at a quarter of the span and whose share of
/// postings then rises linearly (like an out-of-taxonomy term) from 0 to ``endShare``; its postings carry the
/// title (with the usual seniority and `(m/w/d)` variants) and mention each bundle concept with probability
/// ``bundleProbability``. Other postings mention each bundle concept with probability ``backgroundProbability``,
/// so the bundle concepts rise with the occupation.
public struct PlantedOccupation: Sendable, Codable, Hashable {
    /// The title as written (e.g. `MLOps Engineer`); verified to contain no taxonomy label.
    public var title: String
    public var bundle: [String]
    public var endShare: Double
    public var bundleProbability: Double
    public var backgroundProbability: Double
    public var appearsFrom: String
    /// Postings with the occupation's title, per calendar year.
    public var postingsPerYear: [Int]

    public init(title: String, bundle: [String], endShare: Double, bundleProbability: Double,
                backgroundProbability: Double, appearsFrom: String, postingsPerYear: [Int]) {
        self.title = title
        self.bundle = bundle
        self.endShare = endShare
        self.bundleProbability = bundleProbability
        self.backgroundProbability = backgroundProbability
        self.appearsFrom = appearsFrom
        self.postingsPerYear = postingsPerYear
    }
}

/// What was planted in a generated corpus and what was realized, for checking trend detection.
public struct GroundTruth: Sendable, Codable, Hashable {
    /// Postings of one calendar year.
    public struct YearCount: Sendable, Codable, Hashable {
        public var year: Int
        public var postings: Int

        public init(year: Int, postings: Int) {
            self.year = year
            self.postings = postings
        }
    }

    /// Version of the output format and generation rules; bumped when the same config would give other bytes.
    public var formatVersion: Int
    /// The configuration that was generated.
    public var config: SynthConfig
    /// Postings written (= `config.postings`).
    public var postings: Int
    /// Bytes written (all JSON lines including their newlines).
    public var bytes: Int
    /// Planted copies (``SynthConfig/duplicates``) written after the postings they copy, not in `postings`.
    public var plantedCopies: Int?
    /// Postings per calendar year, in order.
    public var postingsPerYear: [YearCount]
    /// Distinct concepts in the skill list (the planted ones included).
    public var concepts: Int
    /// Words of the filler vocabulary left after removing every label token (see ``SyntheticCorpusGenerator``).
    public var fillerWords: Int
    /// The planted concepts and terms: rising, falling, appearing, stable, then out-of-taxonomy.
    public var planted: [PlantedTrend]
    /// Planted emerging occupations (absent when none were configured).
    public var occupations: [PlantedOccupation]?

    public init(formatVersion: Int, config: SynthConfig, postings: Int, bytes: Int,
                postingsPerYear: [YearCount], concepts: Int, fillerWords: Int, planted: [PlantedTrend]) {
        self.formatVersion = formatVersion
        self.config = config
        self.postings = postings
        self.bytes = bytes
        self.postingsPerYear = postingsPerYear
        self.concepts = concepts
        self.fillerWords = fillerWords
        self.planted = planted
    }

    /// The planted entries of one kind.
    public func planted(_ kind: PlantedTrend.Kind) -> [PlantedTrend] {
        planted.filter { $0.kind == kind }
    }
}

public extension GroundTruth {
    /// Pretty-printed JSON with sorted keys (stable bytes for the same truth).
    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
