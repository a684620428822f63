import ArgumentParser
import Foundation
import SkillAnalytics
import SkillMatcher
import SkillPipeline

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share of postings mentioning each top skill, period by period.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @Option(help: "Period: month, quarter or year.") var granularity: PeriodGranularity = .year
    @Option(help: "Only postings of this region.") var region: String?
    @Option(help: "Number of most demanded skills to show.") var top: Int = 10
    @Option(help: "Concept ID to show (repeatable; overrides --top).") var skill: [String] = []

    @Flag(help: "One block per region (the regions with most postings; see --region-level and --regions), after all regions together.")
    var byRegion = false

    @Option(help: "With --by-region: country, admin1, city, or raw (the location strings as stored).")
    var regionLevel: RegionLevel = .country

    @Option(help: "With --by-region: how many regions.") var regions: Int = 5

    func run() throws {
        var r = TrendsRequest()
        (r.granularity, r.region, r.skills, r.top) = (granularity, region, skill, top)
        (r.byRegion, r.regionLevel, r.regions) = (byRegion, regionLevel, regions)
        try output.print(QueryService.trends(try database.analytics(), r))
    }
}

/// `--recent` and `--reference`: the analysis window of every growth status (default: the last 12 months with
/// data against the 24 months before them).
struct WindowOptions: ParsableArguments {
    @Option(help: "Recent window, e.g. 2017-01..2018-12 (default: the last 12 months with data).") var recent: String?

    @Option(help: "Reference window, e.g. 2014-01..2015-12 (default: the 24 months before --recent).")
    var reference: String?

    func validate() throws { _ = try parameters() }

    /// Growth parameters with these windows and every other setting at its default.
    func parameters() throws -> EmergingParameters {
        var p = EmergingParameters()
        p.recent = try MonthWindow.parse(recent, option: "--recent")
        p.reference = try MonthWindow.parse(reference, option: "--reference")
        return p
    }
}

/// Growth options shared by `emerging` and `discover`.
struct GrowthOptions: ParsableArguments {
    @OptionGroup var windows: WindowOptions
    @Option(help: "Minimum postings (both windows together) for a key to be tested and called.") var minSupport: Int = 5
    @Option(help: "False discovery rate (Benjamini-Hochberg).") var fdr: Double = 0.05

    @Option(help: "A riser needs this many distinct employers in the recent window, else 'concentrated'.")
    var minEmployers: Int = 3

    @Option(help: "Only postings of this region.") var region: String?

    func validate() throws {
        guard fdr > 0, fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1") }
        guard minSupport >= 1 else { throw ValidationError("--min-support must be at least 1") }
        guard minEmployers >= 1 else { throw ValidationError("--min-employers must be at least 1") }
    }

    func parameters() throws -> EmergingParameters {
        var p = try windows.parameters()
        p.minSupport = minSupport
        p.fdr = fdr
        p.minEmployers = minEmployers
        p.region = region
        return p
    }
}

struct Emerging: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skills (or job-title clusters) whose share of postings grew between a reference and a recent window.",
        discussion: """
        Default windows: the last 12 months with data (recent) against the 24 months before (reference). \
        Each skill gets a rate ratio with a 95% CI, a p-value (Fisher exact for small counts, else a \
        two-proportion z-test), a Benjamini-Hochberg q-value, a quasi-Poisson log-linear trend (change of \
        the share per year with CI) and an employer-diversity check; status is new, emerging, growing, \
        concentrated (a rise carried by too few employers), stable or declining (DESIGN.md, "Statistics").

        --occupations ranks clusters of normalized job titles that grow and are not coded to an occupation \
        (table posting_occupations) instead, each with its characteristic skills (lift) and example titles; \
        --explain KEY lists the postings behind one cluster.

        Rising terms that are in no taxonomy (`discover`) are ranked with the skills and flagged `not in \
        taxonomy`; --taxonomy-only leaves them out.
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @OptionGroup var growth: GrowthOptions
    @OptionGroup var taxonomy: TaxonomyOption

    @Flag(help: "Only taxonomy skills: leave out rising terms that no taxonomy has (see `discover`).")
    var taxonomyOnly = false

    @Option(help: "Rows to show.") var limit: Int = 25
    @Flag(help: "Show stable skills too.") var all = false
    @Flag(help: "Emerging occupations: growing job-title clusters not coded to an occupation.") var occupations = false
    @Flag(help: "With --occupations: also clusters mostly coded to an existing occupation.") var includeCoded = false

    @Option(help: "With --occupations: minimum coding confidence for a posting to count as coded.")
    var minConfidence: Double = 0.8

    @Option(help: "With --occupations: list the postings of this cluster (its normalized title).") var explain: String?

    func validate() throws {
        guard minConfidence >= 0, minConfidence <= 1 else { throw ValidationError("--min-confidence must be in 0...1") }
        if explain != nil, !occupations { throw ValidationError("--explain needs --occupations") }
    }

    func run() throws {
        let a = try database.analytics()
        let p = try growth.parameters()
        if occupations, let key = explain { return try output.print(QueryService.clusterPostings(a, key: key, limit: limit)) }
        if occupations {
            var o = OccupationParameters()
            (o.growth, o.includeCoded, o.minConfidence) = (p, includeCoded, minConfidence)
            let r = try QueryService.emergingOccupations(a, o, limit: limit, all: all)
            if !r.coded {
                printError("note: no coded occupations in \(database.db) (table posting_occupations absent or empty); "
                           + "every title cluster is treated as uncoded")
            }
            return try output.print(r.table)
        }
        let words = taxonomyOnly ? [] : try taxonomy.ordinaryWords()
        try output.print(QueryService.emerging(a, p, limit: limit, all: all, matcher: taxonomyOnly ? nil : try taxonomy.load().1,
                                               ordinaryWords: words))
    }
}

struct Gaps: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skills postings demand but training programmes do not cover.",
        discussion: """
        gap index = share of postings mentioning the skill - share of programmes covering it (in [-1, 1]); \
        coverage = share of providers with a programme covering it; unmet demand = demand share x (1 - coverage). \
        Demand status is the skill's growth (as in `emerging`). --supply ingests training programmes \
        (CSV/JSONL: title, provider, region, description) first. \
        Queries: --by-region (one block per region), --programme ID (demanded or emerging skills the programme \
        misses), --occupation ID --occupation-skills FILE (regions whose programmes miss the occupation's \
        essential skills), --taught-not-demanded.
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption
    @OptionGroup var output: FormatOption
    @Option(parsing: .upToNextOption, help: "Training-programme inputs to ingest first.") var supply: [String] = []
    @Option(help: "Only postings and programmes of this region.") var region: String?
    @Option(help: "Only postings in this window, e.g. 2023-01..2024-12.") var window: String?
    @Option(help: "Rows to show.") var limit: Int = 25
    @Flag(help: "Show skills taught more than demanded first (negative gaps).") var oversupplied = false

    @Flag(help: "Only skills some programme covers and postings demand less than they are taught.")
    var taughtNotDemanded = false

    @Flag(help: "Rows for all regions together, then for each region (see --region-level).") var byRegion = false

    @Option(help: "With --by-region: country, admin1, city, or raw (the location strings as stored); places need normalised locations, else raw.")
    var regionLevel: RegionLevel = .country

    @Option(help: "Rank by gap (gap index) or unmet (demand share x (1 - provider coverage)).") var rank: GapRank = .gap
    @OptionGroup var growth: WindowOptions

    @Option(help: "Programme (source id or row id): which demanded or emerging skills it misses.")
    var programme: String?

    @Option(help: "Occupation ID: which regions lack training for its essential skills.") var occupation: String?

    @Option(help: "TSV occupation_id<TAB>concept_id<TAB>relation (with --occupation; default: ESCO's occupation-skill relations from --occupation-data).")
    var occupationSkills: String?

    @Option(help: "Data directory holding taxonomy/esco (default: $SKILLRADAR_SHARED_DATA or ../shared/data).")
    var occupationData: String?

    func validate() throws {
        _ = try MonthWindow.parse(window, option: "--window")
        if programme != nil, occupation != nil { throw ValidationError("give --programme or --occupation, not both") }
    }

    func run() throws {
        // A supply input that gave nothing (or a skipped file) still answers, then exits 3 like `analyze`.
        var partial: PartialInput?
        if !supply.isEmpty {
            var o = AnalyzeOptions(inputs: supply, database: database.db)
            (o.corpus, o.command) = (.supply, "gaps --supply " + supply.joined(separator: " "))
            partial = try runAnalysis(o, taxonomy: taxonomy, disambiguation: disambiguation, quiet: true,
                                      accountingToStandardError: true).partial
        }
        try answer()
        if let partial { throw partial }
    }

    func answer() throws {
        let a = try database.analytics()
        guard try a.supplyCount() > 0 else {
            throw RuntimeError("no training programmes in \(database.db); pass --supply FILE (e.g. Corpora/sample/programmes.csv)")
        }
        var r = GapsRequest()
        (r.window, r.region, r.growth) = (try MonthWindow.parse(window, option: "--window"), region, try growth.parameters())
        (r.byRegion, r.level, r.rank, r.limit) = (byRegion, regionLevel, rank, limit)
        (r.taughtNotDemanded, r.oversupplied) = (taughtNotDemanded, oversupplied)
        if let programme { return try output.print(QueryService.programmeGaps(a, programme: programme, r)) }
        if let occupation {
            let g = try QueryService.occupationGaps(a, occupation: occupation, skillsFile: occupationSkills,
                                                    dataDirectory: sharedDataDirectory(occupationData), r)
            if !g.coded {
                printError("note: no coded occupations in \(database.db) (table posting_occupations absent or empty); "
                           + "regional demand counts all postings")
            }
            return try output.print(g.table)
        }
        try output.print(QueryService.gaps(a, r))
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report: HTML with SVG charts, Markdown, CSV and JSON.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Output directory.") var out: String
    @Option(help: "Period: month, quarter or year.") var granularity: PeriodGranularity = .year
    @Option(help: "Report title.") var title = "skillradar report"
    @Option(help: "Skills in the trend chart.") var top: Int = 8
    @OptionGroup var taxonomy: TaxonomyOption
    @Flag(help: "Leave out the New terms section (rising terms no taxonomy label covers).") var noNewTerms = false
    @OptionGroup var windows: WindowOptions

    func run() throws {
        let (matcher, words) = noNewTerms ? (nil, []) : (try taxonomy.load().1, try taxonomy.ordinaryWords())
        let files = try QueryService.report(try database.analytics(), database: database.db, to: out, title: title,
                                            granularity: granularity, top: top, windows: try windows.parameters(),
                                            matcher: matcher, ordinaryWords: words).files
        for f in files { print(f.path) }
        print("report: \(URL(fileURLWithPath: out).appendingPathComponent("report.html").path)")
    }
}
