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

/// Provenance columns (taxonomy digest, windows, parameters): appended to every CSV/JSON row so that a row
/// stays interpretable on its own, and printed as one `#` line above a table.
struct Provenance {
    var pairs: [(String, String)]

    init(_ a: Analytics, _ parameters: [(String, String)]) throws {
        let t = try a.taxonomyInfo()
        pairs = [("taxonomy", "\(t.name) \(t.version)".trimmingCharacters(in: .whitespaces)), ("taxonomy_digest", t.digest)]
            + parameters
    }

    /// Prints `header`/`rows` in `format`, with the provenance as extra columns (CSV, JSON) or a line (table).
    /// A terminal table shows only the `compact` columns (when given) unless `wide`; CSV and JSON show every one.
    func print(header: [String], rows: [[String]], format: OutputFormat, compact: [String]? = nil, wide: Bool = false) {
        if format == .table {
            Swift.print("# " + pairs.map { k, v in "\(k)=\(k == "taxonomy_digest" ? String(v.prefix(12)) : v)" }
                .joined(separator: " "))
            var (h, r) = (header, rows)
            if let compact, !wide {
                let keep = header.indices.filter { compact.contains(header[$0]) }
                h = keep.map { header[$0] }
                r = rows.map { row in keep.map { $0 < row.count ? row[$0] : "" } }
                if keep.count < header.count {
                    Swift.print("# \(header.count - keep.count) more columns with --wide or --format csv|json")
                }
            }
            Swift.print(TablePrinter(header: h, rows: r).render(format), terminator: "")
        } else {
            Swift.print(TablePrinter(header: header + pairs.map(\.0), rows: rows.map { $0 + pairs.map(\.1) })
                .render(format), terminator: "")
        }
    }
}

struct Trends: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share of postings mentioning each top skill, period by period.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption

    @Option(name: .long, help: "Period: month, quarter or year.")
    var granularity: PeriodGranularity = .year

    @Option(name: .long, help: "Only postings of this region.")
    var region: String?

    @Option(name: .long, help: "Number of most demanded skills to show.")
    var top: Int = 10

    @Option(name: .long, help: "Concept ID to show (repeatable; overrides --top).")
    var skill: [String] = []

    @Flag(name: .long, help: "One block per region (the regions with most postings; see --region-level and --regions), after all regions together.")
    var byRegion = false

    @Option(name: .long, help: "With --by-region: country, admin1, city, or raw (the location strings as stored).")
    var regionLevel: RegionLevel = .country

    @Option(name: .long, help: "With --by-region: how many regions.")
    var regions: Int = 5

    func run() throws {
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
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
        var rows: [[String]] = []
        for (name, series) in blocks {
            for s in series {
                for p in s.points {
                    rows.append([s.conceptID, s.label, p.period, String(p.postings), String(p.totalPostings), fmt(p.share)]
                                + (byRegion ? [name] : []))
                }
            }
        }
        try Provenance(a, [("granularity", granularity.rawValue), ("region", try region.map(a.regionName) ?? "")]
                          + (byRegion ? [("region_level", regionLevel.rawValue)] : []))
            .print(header: ["concept_id", "skill", "period", "postings", "total_postings", "share"]
                        + (byRegion ? ["region_of_row"] : []), rows: rows, format: output.format)
    }
}

/// Growth options shared by `emerging` and `discover`.
struct GrowthOptions: ParsableArguments {
    @Option(name: .long, help: "Recent window, e.g. 2017-01..2018-12 (default: the last 12 months with data).")
    var recent: String?

    @Option(name: .long, help: "Reference window, e.g. 2014-01..2015-12 (default: the 24 months before --recent).")
    var reference: String?

    @Option(name: .long, help: "Minimum postings (both windows together) for a key to be tested and called.")
    var minSupport: Int = 5

    @Option(name: .long, help: "False discovery rate (Benjamini-Hochberg).")
    var fdr: Double = 0.05

    @Option(name: .long, help: "A riser needs this many distinct employers in the recent window, else 'concentrated'.")
    var minEmployers: Int = 3

    @Option(name: .long, help: "Only postings of this region.")
    var region: String?

    func validate() throws {
        _ = try parseWindow(recent, name: "--recent")
        _ = try parseWindow(reference, name: "--reference")
        guard fdr > 0, fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1") }
        guard minSupport >= 1 else { throw ValidationError("--min-support must be at least 1") }
        guard minEmployers >= 1 else { throw ValidationError("--min-employers must be at least 1") }
    }

    func parameters() throws -> EmergingParameters {
        var p = EmergingParameters()
        p.recent = try parseWindow(recent, name: "--recent")
        p.reference = try parseWindow(reference, name: "--reference")
        p.minSupport = minSupport
        p.fdr = fdr
        p.minEmployers = minEmployers
        p.region = region
        return p
    }
}

/// The growth columns shared by skills, terms and title clusters.
let growthHeader = ["status", "recent", "reference", "recent_share", "reference_share", "rate_ratio", "ci_low", "ci_high",
                    "p", "q", "employers", "trend_per_year", "trend_low", "trend_high", "trend_p", "dispersion", "trend_converged",
                    "top_employer", "top_employer_postings"]

/// The growth columns a terminal table shows without --wide.
let compactGrowthHeader = ["status", "recent", "reference", "rate_ratio", "ci_low", "ci_high", "q", "employers"]

func growthColumns(_ s: EmergingSkill) -> [String] {
    let t = s.trend
    return [s.status.rawValue, String(s.recentPostings), String(s.referencePostings), fmt(s.recentShare),
            fmt(s.referenceShare), fmt(s.rateRatio, 2), fmt(s.ciLow, 2), fmt(s.ciHigh, 2), fmtP(s.pValue), fmtP(s.qValue),
            String(s.recentEmployers), t.map { fmt($0.perYear, 3) } ?? "", t.map { fmt($0.low, 3) } ?? "",
            t.map { fmt($0.high, 3) } ?? "", t.map { fmtP($0.pValue) } ?? "", t.map { fmt($0.dispersion, 2) } ?? "",
            t.map { $0.converged ? "yes" : "no" } ?? "",
            s.topEmployer ?? "", String(s.topEmployerPostings)]
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
        --occupations ranks clusters of normalized job titles that grow and are not coded to an occupation
        (table posting_occupations) instead, each with its characteristic skills (lift) and example titles;
        --explain KEY lists the postings behind one cluster.
        Rising terms that are in no taxonomy (`discover`) are ranked with the skills and flagged `not in \
        taxonomy`; --taxonomy-only leaves them out.
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @OptionGroup var growth: GrowthOptions
    @OptionGroup var taxonomy: TaxonomyOption

    @Flag(name: .long, help: "Only taxonomy skills: leave out rising terms that no taxonomy has (see `discover`).")
    var taxonomyOnly = false

    @Option(name: .long, help: "Rows to show.")
    var limit: Int = 25

    @Flag(name: .long, help: "Show stable skills too.")
    var all = false

    @Flag(name: .long, help: "Emerging occupations: growing job-title clusters not coded to an occupation.")
    var occupations = false

    @Flag(name: .long, help: "With --occupations: also clusters mostly coded to an existing occupation.")
    var includeCoded = false

    @Option(name: .long, help: "With --occupations: minimum coding confidence for a posting to count as coded.")
    var minConfidence: Double = 0.8

    @Option(name: .long, help: "With --occupations: list the postings of this cluster (its normalized title).")
    var explain: String?

    func validate() throws {
        guard minConfidence >= 0, minConfidence <= 1 else { throw ValidationError("--min-confidence must be in 0...1") }
        if explain != nil, !occupations { throw ValidationError("--explain needs --occupations") }
    }

    func run() throws {
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        var p = try growth.parameters()
        p.region = try a.resolveRegion(p.region)
        if occupations { return try runOccupations(a, p) }
        let r = try a.emerging(p)
        // Taxonomy skills and, unless --taxonomy-only, rising terms no taxonomy has, in one ranking: by status,
        // then by the lower bound of the rate ratio (the surest rise first), then by recent postings.
        var rows: [(skill: EmergingSkill, inTaxonomy: Bool)] = r.skills.filter { all || $0.status != .stable }.map { ($0, true) }
        if !taxonomyOnly {
            var dp = DiscoveryParameters()
            dp.growth = p
            dp.growth.recent = r.recent
            dp.growth.reference = r.reference
            let (_, matcher) = try taxonomy.load()
            let rising: Set<EmergenceStatus> = [.new, .emerging, .growing]
            let words = ordinaryEnglishWords(taxonomyDirectory: try TaxonomyLocator.resolve(taxonomy.taxonomy))
            let found = try NewTerms.discover(a, matcher: matcher, parameters: dp, ordinaryWords: words, keepDetails: { _ in false })
            rows += (found?.terms ?? []).filter { $0.kind == "ngram" && rising.contains($0.growth.status) }
                .map { ($0.growth, false) }
            let rank: [EmergenceStatus: Int] = [.new: 0, .emerging: 1, .growing: 2, .concentrated: 3, .stable: 4, .declining: 5]
            rows.sort { a, b in
                let ka = (rank[a.skill.status] ?? 9, -a.skill.ciLow, -a.skill.recentPostings)
                let kb = (rank[b.skill.status] ?? 9, -b.skill.ciLow, -b.skill.recentPostings)
                return ka < kb
            }
        }
        let shown = rows.prefix(limit)
        if output.format == .table {
            print("recent \(r.recent) (\(r.skills.first?.recentTotal ?? 0) postings) vs reference \(r.reference) "
                  + "(\(r.skills.first?.referenceTotal ?? 0) postings)")
        }
        try Provenance(a, provenance(p, r.recent, r.reference) + [("new_terms", taxonomyOnly ? "no" : "yes")]).print(
            header: ["concept_id", "skill", "in_taxonomy"] + growthHeader,
            rows: shown.map { [$0.inTaxonomy ? $0.skill.conceptID : "new-term:" + $0.skill.label, $0.skill.label,
                               $0.inTaxonomy ? "yes" : "not in taxonomy"]
                + growthColumns($0.skill) },
            format: output.format, compact: ["concept_id", "skill", "in_taxonomy"] + compactGrowthHeader, wide: output.wide)
    }

    func provenance(_ p: EmergingParameters, _ recent: MonthWindow, _ reference: MonthWindow) -> [(String, String)] {
        [("recent_window", recent.description), ("reference_window", reference.description)]
            + p.asDictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    func runOccupations(_ a: Analytics, _ growthParams: EmergingParameters) throws {
        if let key = explain {
            let rows = try a.clusterPostings(key, limit: limit)
            guard !rows.isEmpty else {
                throw RuntimeError("no posting has the normalized title '\(key)' (keys are printed by `emerging --occupations`)")
            }
            print(TablePrinter(header: ["posting", "source_id", "month", "title", "employer", "source"],
                               rows: rows.map { [String($0.id), $0.sourceID ?? "", $0.month ?? "", $0.title,
                                                 $0.employer ?? "", "\($0.sourcePath):\($0.sourceLine)"] })
                    .render(output.format), terminator: "")
            return
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
        if output.format == .table {
            print("recent \(r.recent) vs reference \(r.reference); "
                  + (roles ? "role clusters (the roles postings advertise in their titles and headers)" : "title clusters")
                  + (r.codingAvailable ? "" : " (no occupation coding in the store: all treated as uncoded)"))
        }
        let rows = shown.map { c -> [String] in
            [c.exampleTitles.first ?? c.key, String(c.postings)] + growthColumns(c.growth)
                + [fmt(c.codedShare, 2), c.codedOccupation ?? "", c.exampleTitles.joined(separator: " | "),
                   c.profile.map { "\($0.label) (\($0.conceptID)) lift \(fmt($0.lift, 1))" }.joined(separator: "; "),
                   c.examplePostings.map(String.init).joined(separator: " "), c.key]
        }
        try Provenance(a, provenance(growthParams, r.recent, r.reference)
                          + [("min_confidence", String(minConfidence)), ("coding_available", String(r.codingAvailable)),
                             ("clusters", roles ? "roles" : "titles")])
            .print(header: [roles ? "role" : "title", "postings"] + growthHeader
                        + ["coded_share", "coded_occupation", "example_titles", "profile", "example_postings", "cluster"],
                   rows: rows, format: output.format,
                   compact: [roles ? "role" : "title", "postings"] + compactGrowthHeader + ["example_titles"],
                   wide: output.wide)
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

    @Option(name: .long, parsing: .upToNextOption, help: "Training-programme inputs to ingest first.")
    var supply: [String] = []

    @Option(name: .long, help: "Only postings and programmes of this region.")
    var region: String?

    @Option(name: .long, help: "Only postings in this window, e.g. 2023-01..2024-12.")
    var window: String?

    @Option(name: .long, help: "Rows to show.")
    var limit: Int = 25

    @Flag(name: .long, help: "Show skills taught more than demanded first (negative gaps).")
    var oversupplied = false

    @Flag(name: .long, help: "Only skills some programme covers and postings demand less than they are taught.")
    var taughtNotDemanded = false

    @Flag(name: .long, help: "Rows for all regions together, then for each region (see --region-level).")
    var byRegion = false

    @Option(name: .long, help: "With --by-region: country, admin1, city, or raw (the location strings as stored); places need normalised locations, else raw.")
    var regionLevel: RegionLevel = .country

    @Option(name: .long, help: "Rank by gap (gap index) or unmet (demand share x (1 - provider coverage)).")
    var rank: String = "gap"

    @Option(name: .long, help: "Programme (source id or row id): which demanded or emerging skills it misses.")
    var programme: String?

    @Option(name: .long, help: "Occupation ID: which regions lack training for its essential skills.")
    var occupation: String?

    @Option(name: .long, help: "TSV occupation_id<TAB>concept_id<TAB>relation (with --occupation; default: ESCO's occupation-skill relations from --occupation-data).")
    var occupationSkills: String?

    @Option(name: .long, help: "Data directory holding taxonomy/esco (default: $SKILLRADAR_SHARED_DATA or ../shared/data).")
    var occupationData: String?

    func validate() throws {
        _ = try parseWindow(window, name: "--window")
        guard ["gap", "unmet"].contains(rank) else { throw ValidationError("--rank must be gap or unmet") }
        if programme != nil, occupation != nil { throw ValidationError("give --programme or --occupation, not both") }
    }

    func run() throws {
        if !supply.isEmpty {
            var o = AnalyzeOptions(inputs: supply, database: database.db)
            o.corpus = .supply
            o.command = "gaps --supply " + supply.joined(separator: " ")
            _ = try runAnalysis(o, taxonomy: taxonomy, disambiguation: disambiguation, quiet: true,
                                accountingToStandardError: true)
        }
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        guard try a.supplyCount() > 0 else {
            throw RuntimeError("no training programmes in \(database.db); pass --supply FILE (e.g. Corpora/sample/programmes.csv)")
        }
        let w = try parseWindow(window, name: "--window")
        let region = try a.resolveRegion(self.region)
        let base: [(String, String)] = [("window", w?.description ?? "all postings"),
                                        ("region", try region.map(a.regionName) ?? "")]
        if let programme { return try runProgramme(a, programme, w, base, region) }
        if let occupation { return try runOccupation(a, occupation, base) }
        var gaps: [SkillGap]
        if byRegion || region == nil {
            gaps = try a.gapMatrix(window: w, byRegion: byRegion, level: regionLevel, emerging: EmergingParameters())
        } else {
            var p = EmergingParameters()
            p.region = region
            let skills = try a.defaultWindows() == nil ? [] : try a.emerging(p).skills
            let status = Dictionary(skills.map { ($0.conceptID, $0) }, uniquingKeysWith: { x, _ in x })
            gaps = try a.gaps(region: region, window: w).map {
                var g = $0
                g.demandStatus = status[g.conceptID]?.status
                g.demandRateRatio = status[g.conceptID]?.rateRatio
                return g
            }
        }
        if rank == "unmet" {
            gaps.sort { ($0.region ?? "", -$0.unmetDemand, $0.conceptID) < ($1.region ?? "", -$1.unmetDemand, $1.conceptID) }
        }
        if taughtNotDemanded {
            gaps = gaps.filter { $0.supplyProgrammes > 0 && $0.gapIndex < 0 }
            gaps.sort { ($0.region ?? "", $0.gapIndex, $0.conceptID) < ($1.region ?? "", $1.gapIndex, $1.conceptID) }
        } else if oversupplied {
            gaps.reverse()
        }
        // `limit` rows per region block.
        var shown: [SkillGap] = []
        var perRegion: [String: Int] = [:]
        for g in gaps where perRegion[g.region ?? "", default: 0] < limit {
            perRegion[g.region ?? "", default: 0] += 1
            shown.append(g)
        }
        var names: [String: String] = [:]
        for r in Set(shown.compactMap(\.region)) { names[r] = try a.regionName(r) }
        let rows = shown.map { g in
            [g.conceptID, g.label, String(g.demandPostings), fmt(g.demandShare), String(g.supplyProgrammes),
             fmt(g.supplyShare), String(g.supplyProviders), fmt(g.gapIndex), g.region.map { names[$0] ?? $0 } ?? "(all)", fmt(g.coverage),
             fmt(g.unmetDemand), g.demandStatus?.rawValue ?? "", g.demandRateRatio.map { fmt($0, 2) } ?? "",
             String(g.providersTotal)]
        }
        try Provenance(a, base + [("rank", rank), ("taught_not_demanded", String(taughtNotDemanded))]).print(
            header: ["concept_id", "skill", "postings", "demand_share", "programmes", "supply_share", "providers",
                     "gap_index", "region_of_row", "coverage", "unmet_demand", "demand_status", "demand_rate_ratio",
                     "providers_total"],
            rows: rows, format: output.format,
            compact: ["concept_id", "skill", "postings", "demand_share", "programmes", "supply_share", "gap_index",
                      "unmet_demand", "demand_status"] + (byRegion ? ["region_of_row"] : []),
            wide: output.wide)
    }

    func runProgramme(_ a: Analytics, _ id: String, _ w: MonthWindow?, _ base: [(String, String)], _ region: String?) throws {
        var p = EmergingParameters()
        p.region = region
        let r = try a.programmeGaps(programme: id, window: w, emerging: p, top: limit)
        if output.format == .table { print("programme \(id): \(r.title)") }
        try Provenance(a, base + [("programme", id), ("programme_title", r.title)]).print(
            header: ["concept_id", "skill", "demand_share", "postings", "reason"],
            rows: r.gaps.map { [$0.conceptID, $0.label, fmt($0.demandShare), String($0.demandPostings), $0.reason] },
            format: output.format)
    }

    /// The occupation's essential skills: from `--occupation-skills FILE`, else from ESCO's occupation-skill
    /// relations. `name` may be an occupation ID (ESCO URI) or the label stored by `analyze --occupations`.
    func runOccupation(_ a: Analytics, _ name: String, _ base: [(String, String)]) throws {
        // A stored label names exactly one occupation ID; anything else (an ESCO URI) is used as given.
        let ids = try a.occupationCodingAvailable() ? a.store.db.prepare("""
            SELECT DISTINCT occupation_id FROM posting_occupations WHERE lower(occupation_label) = lower(?)
            """).rows([.text(name)]).compactMap { $0[0].string } : []
        let occupation = ids.count == 1 ? ids[0] : name
        let listed: [String]
        let source: String
        if let file = occupationSkills {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw RuntimeError("cannot read --occupation-skills \(file): \(error.localizedDescription)")
            }
            let relations: [OccupationSkill]
            do { relations = try Analytics.parseOccupationSkills(text) } catch {
                throw RuntimeError("\(file): \(error)")
            }
            listed = relations.filter { $0.occupationID == occupation && $0.relation == "essential" }.map(\.conceptID)
            source = file
        } else {
            let dir = sharedDataDirectory(occupationData)
            let path = OccupationCatalogLoader.Paths(dataDirectory: dir).skillRelations
            guard FileManager.default.fileExists(atPath: path) else {
                throw RuntimeError("no occupation-skill relations: \(path) not found; pass --occupation-data DIR "
                                   + "or --occupation-skills FILE (occupation_id<TAB>concept_id<TAB>relation)")
            }
            let (relations, _) = try OccupationLoaders.skillRelations(path)
            listed = relations.filter { $0.occupationURI == occupation && $0.essential }.map(\.skillID)
            source = path
        }
        guard !listed.isEmpty else {
            throw RuntimeError("\(source) lists no essential skills for occupation '\(occupation)' "
                               + "(give its ESCO URI, or the label `analyze --occupations` stored)")
        }
        // Only skills the taxonomy can detect in programme texts can be judged covered or missing.
        let known = Set(try a.store.db.prepare("SELECT DISTINCT concept_id FROM concepts").rows().compactMap { $0[0].string })
        let allEssential = listed.count
        let essential: [String] = listed.filter { known.contains($0) }
        guard !essential.isEmpty else {
            throw RuntimeError("none of the \(allEssential) essential skills of '\(occupation)' is in the taxonomy in use")
        }
        let r = try a.occupationRegionGaps(occupation: occupation, essential: essential)
        if !r.coded {
            printError("note: no coded occupations in \(database.db) (table posting_occupations absent or empty); "
                       + "regional demand counts all postings")
        }
        let coverageText = "\(essential.count) of \(allEssential)"
        let extra: [(String, String)] = [("occupation", occupation), ("occupation_skills", source),
                                         ("essential_in_taxonomy", coverageText), ("coding_available", String(r.coded))]
        let rows: [[String]] = r.regions.map { (c: RegionCoverage) -> [String] in
            [c.region.isEmpty ? "(none)" : c.region, String(c.demandPostings), String(c.programmes),
             String(c.essentialSkills), String(c.coveredSkills), fmt(c.coverage, 2), c.missing.joined(separator: "; ")]
        }
        try Provenance(a, base + extra).print(
            header: ["region", "demand_postings", "programmes", "essential_skills", "covered", "coverage", "missing"],
            rows: rows, format: output.format)
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report: HTML with SVG charts, Markdown, CSV and JSON.")

    @OptionGroup var database: DatabaseOption

    @Option(name: .long, help: "Output directory.")
    var out: String

    @Option(name: .long, help: "Period: month, quarter or year.")
    var granularity: PeriodGranularity = .year

    @Option(name: .long, help: "Report title.")
    var title = "skillradar report"

    @Option(name: .long, help: "Skills in the trend chart.")
    var top: Int = 8

    @OptionGroup var taxonomy: TaxonomyOption

    @Flag(name: .long, help: "Leave out the New terms section (rising terms no taxonomy label covers).")
    var noNewTerms = false

    @Option(name: .long, help: "Recent window for emerging skills (default: last 12 months).")
    var recent: String?

    @Option(name: .long, help: "Reference window for emerging skills (default: the 24 months before).")
    var reference: String?

    func validate() throws {
        _ = try parseWindow(recent, name: "--recent")
        _ = try parseWindow(reference, name: "--reference")
    }

    func run() throws {
        let store = try SkillStore(path: database.db, readOnly: true)
        let a = try Analytics(store: store)
        var p = EmergingParameters()
        p.recent = try parseWindow(recent, name: "--recent")
        p.reference = try parseWindow(reference, name: "--reference")
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
