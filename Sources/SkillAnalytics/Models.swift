/// Result types of the analyses. They are plain values (Codable, Sendable) so that reports, the CLI and a
/// future HTTP service can render them, and so that partial results can be merged by adding counts.

/// A time bucket size.
public enum PeriodGranularity: String, Sendable, Codable, CaseIterable {
    case month, quarter, year

    /// The period key of an ISO date (`YYYY-MM-DD` or `YYYY-MM` or `YYYY`): `2021-03`, `2021-Q1`, `2021`.
    /// Returns nil when the date does not start with a 4-digit year.
    public func key(forISODate date: String) -> String? {
        let u = Array(date.utf8)
        guard u.count >= 4, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let year = String(decoding: u[0..<4], as: UTF8.self)
        if self == .year { return year }
        guard u.count >= 7, u[4] == UInt8(ascii: "-"), u[5...6].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let m = Int(String(decoding: u[5...6], as: UTF8.self)), (1...12).contains(m) else { return nil }
        switch self {
        case .month: return year + "-" + String(decoding: u[5...6], as: UTF8.self)
        case .quarter: return "\(year)-Q\((m - 1) / 3 + 1)"
        case .year: return year
        }
    }
}

/// Postings mentioning one skill in one period (and optionally one region).
public struct SkillPeriodCount: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var period: String
    public var region: String?
    /// Distinct non-duplicate postings that mention the skill at least once.
    public var postings: Int
    /// All non-duplicate postings in the period (and region): the exposure.
    public var totalPostings: Int

    public init(conceptID: String, label: String, period: String, region: String? = nil,
                postings: Int, totalPostings: Int) {
        self.conceptID = conceptID
        self.label = label
        self.period = period
        self.region = region
        self.postings = postings
        self.totalPostings = totalPostings
    }

    /// Share of the period's postings that mention the skill (0 when the period is empty).
    public var share: Double { totalPostings == 0 ? 0 : Double(postings) / Double(totalPostings) }
}

/// One point of a trend line.
public struct TrendPoint: Sendable, Codable, Hashable {
    public var period: String
    public var postings: Int
    public var totalPostings: Int
    public var share: Double

    public init(period: String, postings: Int, totalPostings: Int) {
        self.period = period
        self.postings = postings
        self.totalPostings = totalPostings
        self.share = totalPostings == 0 ? 0 : Double(postings) / Double(totalPostings)
    }
}

/// The share of postings mentioning a skill, period by period (every period of the corpus, zeros included).
public struct TrendSeries: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var points: [TrendPoint]

    public init(conceptID: String, label: String, points: [TrendPoint]) {
        self.conceptID = conceptID
        self.label = label
        self.points = points
    }

    public var totalPostings: Int { points.reduce(0) { $0 + $1.postings } }
}

/// Classification of a skill's change between the reference and the recent window.
public enum EmergenceStatus: String, Sendable, Codable, CaseIterable {
    /// Absent from the reference window, present with minimum support in the recent one.
    case new
    /// Significant growth (q below the FDR level) and rate ratio at least the "emerging" threshold.
    case emerging
    /// Significant growth below that threshold.
    case growing
    /// Would be new, emerging or growing, but the rise rests on too few employers: fewer than
    /// ``EmergingParameters/minEmployers`` distinct employers in the recent window, or the rate ratio's CI
    /// lower bound falls to 1 or below once the largest recent employer's postings are left out.
    case concentrated
    /// No significant change, or too little support to say.
    case stable
    /// Significant decline.
    case declining
}

/// Growth of one skill between two windows, with its test statistics.
public struct EmergingSkill: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var recentPostings: Int
    public var recentTotal: Int
    public var referencePostings: Int
    public var referenceTotal: Int
    /// Distinct employers mentioning the skill in the recent window (robustness to one big poster).
    public var recentEmployers: Int
    /// Ratio of shares recent / reference, with a 0.5 continuity correction on both counts.
    public var rateRatio: Double
    /// 95 % confidence interval of the rate ratio (log-normal approximation).
    public var ciLow: Double
    public var ciHigh: Double
    /// Two-sided p-value of the two-proportion z-test, and its Benjamini–Hochberg q-value.
    public var pValue: Double
    public var qValue: Double
    public var status: EmergenceStatus
    /// Quasi-Poisson log-linear trend over the months of both windows (nil: fewer than 3 months with postings).
    public var trend: PoissonTrend?
    /// The employer with most recent postings mentioning the key, and that number (robustness check).
    public var topEmployer: String?
    public var topEmployerPostings: Int = 0

    public init(conceptID: String, label: String, recentPostings: Int, recentTotal: Int,
                referencePostings: Int, referenceTotal: Int, recentEmployers: Int, rateRatio: Double,
                ciLow: Double, ciHigh: Double, pValue: Double, qValue: Double, status: EmergenceStatus) {
        self.conceptID = conceptID
        self.label = label
        self.recentPostings = recentPostings
        self.recentTotal = recentTotal
        self.referencePostings = referencePostings
        self.referenceTotal = referenceTotal
        self.recentEmployers = recentEmployers
        self.rateRatio = rateRatio
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.qValue = qValue
        self.status = status
    }

    public var recentShare: Double { recentTotal == 0 ? 0 : Double(recentPostings) / Double(recentTotal) }
    public var referenceShare: Double {
        referenceTotal == 0 ? 0 : Double(referencePostings) / Double(referenceTotal)
    }
}

/// How many postings mention a skill over the whole corpus (or a filter of it).
public struct SkillDemand: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var postings: Int
    public var totalPostings: Int
    /// Distinct employers among those postings.
    public var employers: Int

    public init(conceptID: String, label: String, postings: Int, totalPostings: Int, employers: Int) {
        self.conceptID = conceptID
        self.label = label
        self.postings = postings
        self.totalPostings = totalPostings
        self.employers = employers
    }

    public var share: Double { totalPostings == 0 ? 0 : Double(postings) / Double(totalPostings) }
}

/// Demand for a skill in postings against its coverage by training programmes.
public struct SkillGap: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var demandPostings: Int
    public var demandTotal: Int
    public var supplyProgrammes: Int
    public var supplyTotal: Int
    /// Distinct providers whose programmes cover the skill.
    public var supplyProviders: Int
    /// demandShare - supplyShare, in [-1, 1]; positive = demanded more than it is taught.
    public var gapIndex: Double
    /// Region of the row (nil = all regions).
    public var region: String?
    /// Distinct providers of all programmes (in the region): the denominator of ``coverage``.
    public var providersTotal: Int = 0
    /// Growth status of the skill's demand (recent vs reference window), when computed.
    public var demandStatus: EmergenceStatus?
    public var demandRateRatio: Double?

    /// The gap table's order: largest gap index first, then concept id.
    public static func byGap(_ a: SkillGap, _ b: SkillGap) -> Bool {
        a.gapIndex != b.gapIndex ? a.gapIndex > b.gapIndex : a.conceptID < b.conceptID
    }

    /// The unmet-demand order: region, largest unmet demand first, then concept id.
    public static func byUnmet(_ a: SkillGap, _ b: SkillGap) -> Bool {
        (a.region ?? "", -a.unmetDemand, a.conceptID) < (b.region ?? "", -b.unmetDemand, b.conceptID)
    }

    /// Share of providers with at least one programme covering the skill (0 when there are none).
    public var coverage: Double { providersTotal == 0 ? 0 : Double(supplyProviders) / Double(providersTotal) }
    /// demandShare × (1 − coverage), in [0, 1]: demand that no (or few) providers answer.
    public var unmetDemand: Double { demandShare * (1 - coverage) }

    public init(conceptID: String, label: String, demandPostings: Int, demandTotal: Int,
                supplyProgrammes: Int, supplyTotal: Int, supplyProviders: Int) {
        self.conceptID = conceptID
        self.label = label
        self.demandPostings = demandPostings
        self.demandTotal = demandTotal
        self.supplyProgrammes = supplyProgrammes
        self.supplyTotal = supplyTotal
        self.supplyProviders = supplyProviders
        let d = demandTotal == 0 ? 0 : Double(demandPostings) / Double(demandTotal)
        let s = supplyTotal == 0 ? 0 : Double(supplyProgrammes) / Double(supplyTotal)
        self.gapIndex = d - s
    }

    public var demandShare: Double { demandTotal == 0 ? 0 : Double(demandPostings) / Double(demandTotal) }
    public var supplyShare: Double { supplyTotal == 0 ? 0 : Double(supplyProgrammes) / Double(supplyTotal) }
}

/// Provenance of a report: which engine, taxonomy, inputs and parameters produced it.
public struct ReportProvenance: Sendable, Codable, Hashable {
    public var engineVersion: String
    public var taxonomyName: String
    public var taxonomyDigest: String
    public var database: String
    public var runIDs: [Int64]
    public var inputs: [String]
    public var parameters: [String: String]

    public init(engineVersion: String, taxonomyName: String, taxonomyDigest: String, database: String,
                runIDs: [Int64], inputs: [String], parameters: [String: String]) {
        self.engineVersion = engineVersion
        self.taxonomyName = taxonomyName
        self.taxonomyDigest = taxonomyDigest
        self.database = database
        self.runIDs = runIDs
        self.inputs = inputs
        self.parameters = parameters
    }
}

/// Headline counts of a corpus in the store.
public struct CorpusSummary: Sendable, Codable, Hashable {
    public var postings: Int
    public var duplicates: Int
    public var quarantined: Int
    public var postingsWithSkills: Int
    public var mentions: Int
    public var distinctSkills: Int
    public var firstDate: String?
    public var lastDate: String?
    public var regions: [String: Int]

    public init(postings: Int, duplicates: Int, quarantined: Int, postingsWithSkills: Int, mentions: Int,
                distinctSkills: Int, firstDate: String?, lastDate: String?, regions: [String: Int]) {
        self.postings = postings
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.postingsWithSkills = postingsWithSkills
        self.mentions = mentions
        self.distinctSkills = distinctSkills
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.regions = regions
    }
}

/// Everything a report shows; renderers turn it into HTML, Markdown, CSV and JSON.
public struct ReportData: Sendable, Codable, Hashable {
    public var title: String
    public var provenance: ReportProvenance
    public var summary: CorpusSummary
    public var granularity: PeriodGranularity
    /// Every period of the corpus, in order.
    public var periods: [String]
    /// Most demanded skills overall, most postings first.
    public var topSkills: [SkillDemand]
    /// Trend lines of the top skills.
    public var trends: [TrendSeries]
    /// Window definitions used for `emerging` (e.g. "2022-01..2022-12").
    public var recentWindow: String
    public var referenceWindow: String
    public var emerging: [EmergingSkill]
    /// Empty when no training supply was given.
    public var gaps: [SkillGap]
    /// Job-title clusters that are not coded to an existing occupation and are not stable (rising or new first);
    /// empty for an undated corpus.
    public var occupationClusters: [OccupationCluster] = []
    /// Whether the store has occupation coding (`analyze --occupations`).
    public var occupationCodingAvailable = false
    /// Rising terms that no taxonomy label covers (new-term discovery), most certain rise first; nil when discovery
    /// was not run (the report then says so), empty when it found none.
    public var newTerms: [DiscoveredTerm]?
    /// Postings by place: countries with their main cities, remote, unplaced (``Analytics/regionHierarchy``).
    public var regions: [PlaceCount] = []

    public init(title: String, provenance: ReportProvenance, summary: CorpusSummary,
                granularity: PeriodGranularity, periods: [String], topSkills: [SkillDemand],
                trends: [TrendSeries], recentWindow: String, referenceWindow: String,
                emerging: [EmergingSkill], gaps: [SkillGap]) {
        self.title = title
        self.provenance = provenance
        self.summary = summary
        self.granularity = granularity
        self.periods = periods
        self.topSkills = topSkills
        self.trends = trends
        self.recentWindow = recentWindow
        self.referenceWindow = referenceWindow
        self.emerging = emerging
        self.gaps = gaps
    }
}
