import ArgumentParser
import Foundation
import SkillAnalytics
import SkillMatcher
import SkillOccupations
import SkillPipeline
import SkillReports
import SkillStore

/// Parses a month window option.
func parseWindow(_ s: String?, name: String) throws -> MonthWindow? {
    guard let s else { return nil }
    guard let w = MonthWindow(parsing: s) else {
        throw ValidationError("\(name) must look like 2017-01..2018-12 or 2017..2018 (got '\(s)')")
    }
    return w
}

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
        let a = try database.analytics()
        let region = try a.resolveRegion(self.region)
        let concepts = skill.isEmpty ? nil : try skill.map(a.resolveConcept)
        let (_, series) = try a.trends(granularity, concepts: concepts, top: top, region: region)
        var blocks: [(String, [TrendSeries])] = [("(all)", series)]
        if byRegion {
            // The same skills in each region, so that the blocks compare.
            let ids = series.map(\.conceptID)
            for key in try a.regionKeys(level: regionLevel).filter({ $0 != "remote" }).prefix(regions) {
                blocks.append((try a.regionName(key), try a.trends(granularity, concepts: ids, region: key).series))
            }
        }
        let window = try a.analysisWindow()
        try output.print(QueryTables.trends(blocks.map { ($0.0, $0.1) }, byRegion: byRegion, provenance: QueryTables.provenance(
            a, window: window, [("granularity", granularity.rawValue), ("region", try region.map(a.regionName) ?? "")]
                + (byRegion ? [("region_level", regionLevel.rawValue)] : []))))
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
        p.recent = try parseWindow(recent, name: "--recent")
        p.reference = try parseWindow(reference, name: "--reference")
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
        var p = try growth.parameters()
        p.region = try a.resolveRegion(p.region)
        if occupations { return try runOccupations(a, p) }
        let words = taxonomyOnly ? [] : ordinaryEnglishWords(taxonomyDirectory: try TaxonomyLocator.resolve(taxonomy.taxonomy))
        let r = try EmergingQuery.run(a, p, matcher: taxonomyOnly ? nil : try taxonomy.load().1, ordinaryWords: words)
        let shown = r.rows.filter { all || $0.skill.status != .stable }.prefix(limit)
        var table = try QueryTables.emerging(
            Array(shown), provenance: QueryTables.provenance(a, window: r.window, QueryTables.growthPairs(p)
                + [("new_terms", taxonomyOnly ? "no" : "yes")]),
            notes: ["recent \(r.window.recent) (\(r.recentTotal) postings) vs reference \(r.window.reference) (\(r.referenceTotal) postings)"])
        table.emptyHint = "no skill rose or fell significantly (of \(r.rows.count) looked at); --all lists the stable ones; "
            + "wider --recent/--reference windows or a lower --min-support test more"
        try output.print(table)
    }

    func runOccupations(_ a: Analytics, _ growthParams: EmergingParameters) throws {
        if let key = explain {
            let rows = try a.clusterPostings(key, limit: limit)
            guard !rows.isEmpty else {
                throw RuntimeError("no posting has the normalized title '\(key)' (keys are printed by `emerging --occupations`)")
            }
            return try output.print(QueryTables.postingList(rows.map { ($0, nil) }))
        }
        var p = OccupationParameters()
        p.growth = growthParams
        p.includeCoded = includeCoded
        p.minConfidence = minConfidence
        let r = try a.emergingOccupations(p)
        if !r.codingAvailable {
            printError("note: no coded occupations in \(database.db) (table posting_occupations absent or empty); "
                       + "every title cluster is treated as uncoded")
        }
        let shown = r.clusters.filter { all || $0.growth.status != .stable }.prefix(limit)
        let roles = try a.hasRoles()
        let window = AnalysisWindow(recent: r.recent, reference: r.reference)
        var table = try QueryTables.occupationClusters(
            Array(shown), roles: roles,
            provenance: QueryTables.provenance(a, window: window, QueryTables.growthPairs(growthParams)
                + [("min_confidence", String(minConfidence)), ("coding_available", String(r.codingAvailable)),
                   ("clusters", roles ? "roles" : "titles")]),
            notes: ["recent \(r.recent) vs reference \(r.reference); "
                    + (roles ? "role clusters (the roles postings advertise in their titles and headers)" : "title clusters")
                    + (r.codingAvailable ? "" : " (no occupation coding in the store: all treated as uncoded)")])
        table.emptyHint = "no role cluster grows (of \(r.clusters.count)); --all lists the stable ones; --include-coded adds clusters coded to an occupation"
        try output.print(table)
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
        _ = try parseWindow(window, name: "--window")
        if programme != nil, occupation != nil { throw ValidationError("give --programme or --occupation, not both") }
    }

    func run() throws {
        if !supply.isEmpty {
            var o = AnalyzeOptions(inputs: supply, database: database.db)
            o.corpus = .supply
            o.command = "gaps --supply " + supply.joined(separator: " ")
            do {
                _ = try runAnalysis(o, taxonomy: taxonomy, disambiguation: disambiguation, quiet: true,
                                    accountingToStandardError: true)
            } catch let p as PartialInput { printError("note: " + p.description) }
        }
        let a = try database.analytics()
        guard try a.supplyCount() > 0 else {
            throw RuntimeError("no training programmes in \(database.db); pass --supply FILE (e.g. Corpora/sample/programmes.csv)")
        }
        var r = GapsRequest()
        r.window = try parseWindow(window, name: "--window")
        r.region = try a.resolveRegion(self.region)
        r.growth = try growth.parameters()
        let analysisWindow = try a.analysisWindow(r.growth)
        let base: [(String, String)] = [("window", r.window?.description ?? "all postings"),
                                        ("region", try r.region.map(a.regionName) ?? "")]
        if let programme {
            var p = r.growth
            p.region = r.region
            return try output.print(QueryTables.programmeGaps(
                try a.programmeGaps(programme: programme, window: r.window, emerging: p, top: limit), programme: programme,
                provenance: QueryTables.provenance(a, window: analysisWindow, base + [("programme", programme)])))
        }
        if let occupation {
            let id = try a.occupationID(occupation)
            let skills = try OccupationEssentials.load(occupation: id, file: occupationSkills,
                                                       dataDirectory: sharedDataDirectory(occupationData),
                                                       known: a.knownConceptIDs())
            let g = try a.occupationRegionGaps(occupation: id, essential: skills.essential)
            if !g.coded {
                printError("note: no coded occupations in \(database.db) (table posting_occupations absent or empty); "
                           + "regional demand counts all postings")
            }
            return try output.print(QueryTables.occupationRegions(g.regions, provenance: QueryTables.provenance(
                a, window: nil, base + [("occupation", id), ("occupation_skills", skills.source),
                                        ("essential_in_taxonomy", "\(skills.essential.count) of \(skills.listed)"),
                                        ("coding_available", String(g.coded))])))
        }
        r.byRegion = byRegion
        r.level = regionLevel
        r.rank = rank
        r.taughtNotDemanded = taughtNotDemanded
        r.oversupplied = oversupplied
        r.limit = limit
        let gaps = try a.gapRows(r)
        var names: [String: String] = [:]
        for key in Set(gaps.compactMap(\.region)) { names[key] = try a.regionName(key) }
        var table = try QueryTables.gaps(gaps, regionNames: names, byRegion: byRegion, provenance: QueryTables.provenance(
            a, window: analysisWindow, base + [("rank", rank.rawValue), ("taught_not_demanded", String(taughtNotDemanded))]))
        table.emptyHint = taughtNotDemanded ? "no skill is taught more than postings demand it"
            : "no skill is demanded or taught in this selection (check --region and --window)"
        try output.print(table)
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
        let a = try database.analytics()
        let p = try windows.parameters()
        var matcher: Matcher?
        var words = Set<String>()
        if !noNewTerms {
            matcher = try taxonomy.load().1
            words = ordinaryEnglishWords(taxonomyDirectory: try TaxonomyLocator.resolve(taxonomy.taxonomy))
        }
        let data = try ReportAssembly.build(analytics: a, database: database.db, title: title, granularity: granularity,
                                            top: top, emerging: p, matcher: matcher, ordinaryWords: words)
        let files = try ReportWriter().write(data, to: URL(fileURLWithPath: out))
        for f in files { print(f.path) }
        print("report: \(URL(fileURLWithPath: out).appendingPathComponent("report.html").path)")
    }
}
