import ArgumentParser
import Foundation
import SkillAnalytics
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

    @Option(name: .long, help: "Period: month, quarter or year.")
    var granularity: PeriodGranularity = .year

    @Option(name: .long, help: "Only postings of this region.")
    var region: String?

    @Option(name: .long, help: "Number of most demanded skills to show.")
    var top: Int = 10

    @Option(name: .long, help: "Concept ID to show (repeatable; overrides --top).")
    var skill: [String] = []

    func run() throws {
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        let (_, series) = try a.trends(granularity, concepts: skill.isEmpty ? nil : skill, top: top, region: region)
        var rows: [[String]] = []
        for s in series {
            for p in s.points {
                rows.append([s.conceptID, s.label, p.period, String(p.postings), String(p.totalPostings), fmt(p.share)])
            }
        }
        print(TablePrinter(header: ["concept_id", "skill", "period", "postings", "total_postings", "share"], rows: rows)
                .render(output.format), terminator: "")
    }
}

struct Emerging: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skills whose share of postings grew between a reference and a recent window.",
        discussion: """
        Default windows: the last 12 months with data (recent) against the 24 months before (reference).
        Each skill gets a rate ratio with a 95% CI, a p-value (Fisher exact for small counts, else a
        two-proportion z-test) and a Benjamini-Hochberg q-value; status is new, emerging, growing, stable
        or declining (see DESIGN.md, "Statistics").
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption

    @Option(name: .long, help: "Recent window, e.g. 2017-01..2018-12.")
    var recent: String?

    @Option(name: .long, help: "Reference window, e.g. 2014-01..2015-12.")
    var reference: String?

    @Option(name: .long, help: "Minimum postings mentioning a skill to call it new/emerging/growing/declining.")
    var minSupport: Int = 5

    @Option(name: .long, help: "False discovery rate.")
    var fdr: Double = 0.05

    @Option(name: .long, help: "Only postings of this region.")
    var region: String?

    @Option(name: .long, help: "Rows to show.")
    var limit: Int = 25

    @Flag(name: .long, help: "Show stable skills too.")
    var all = false

    func validate() throws {
        _ = try parseWindow(recent, name: "--recent")
        _ = try parseWindow(reference, name: "--reference")
        guard fdr > 0, fdr < 1 else { throw ValidationError("--fdr must be between 0 and 1") }
        guard minSupport >= 1 else { throw ValidationError("--min-support must be at least 1") }
    }

    func run() throws {
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        var p = EmergingParameters()
        p.recent = try parseWindow(recent, name: "--recent")
        p.reference = try parseWindow(reference, name: "--reference")
        p.minSupport = minSupport
        p.fdr = fdr
        p.region = region
        let r = try a.emerging(p)
        let shown = r.skills.filter { all || $0.status != .stable }.prefix(limit)
        if output.format == .table {
            print("recent \(r.recent) (\(r.skills.first?.recentTotal ?? 0) postings) vs reference \(r.reference) "
                  + "(\(r.skills.first?.referenceTotal ?? 0) postings)")
        }
        let rows = shown.map { s in
            [s.conceptID, s.label, s.status.rawValue, String(s.recentPostings), String(s.referencePostings),
             fmt(s.recentShare), fmt(s.referenceShare), fmt(s.rateRatio, 2), fmt(s.ciLow, 2), fmt(s.ciHigh, 2),
             fmtP(s.pValue), fmtP(s.qValue), String(s.recentEmployers)]
        }
        print(TablePrinter(header: ["concept_id", "skill", "status", "recent", "reference", "recent_share",
                                    "reference_share", "rate_ratio", "ci_low", "ci_high", "p", "q", "employers"],
                           rows: rows).render(output.format), terminator: "")
    }
}

struct Gaps: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Skills postings demand but training programmes do not cover.",
        discussion: """
        gap index = share of postings mentioning the skill - share of programmes covering it (in [-1, 1]).
        --supply ingests training programmes (CSV/JSONL: title, provider, region, description) first.
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
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

    func validate() throws { _ = try parseWindow(window, name: "--window") }

    func run() throws {
        if !supply.isEmpty {
            var o = AnalyzeOptions(inputs: supply, database: database.db)
            o.corpus = .supply
            o.command = "gaps --supply " + supply.joined(separator: " ")
            _ = try runAnalysis(o, taxonomy: taxonomy, quiet: true, accountingToStandardError: true)
        }
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        guard try a.supplyCount() > 0 else {
            throw RuntimeError("no training programmes in \(database.db); pass --supply FILE (e.g. Corpora/sample/programmes.csv)")
        }
        var gaps = try a.gaps(region: region, window: try parseWindow(window, name: "--window"))
        if oversupplied { gaps.reverse() }
        let rows = gaps.prefix(limit).map { g in
            [g.conceptID, g.label, String(g.demandPostings), fmt(g.demandShare), String(g.supplyProgrammes),
             fmt(g.supplyShare), String(g.supplyProviders), fmt(g.gapIndex)]
        }
        print(TablePrinter(header: ["concept_id", "skill", "postings", "demand_share", "programmes", "supply_share",
                                    "providers", "gap_index"], rows: rows).render(output.format), terminator: "")
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
        let data = try ReportBuilder.build(analytics: a, database: database.db, title: title, granularity: granularity,
                                           top: top, emerging: p)
        let files = try ReportWriter().write(data, to: URL(fileURLWithPath: out))
        for f in files { print(f.path) }
        print("report: \(URL(fileURLWithPath: out).appendingPathComponent("report.html").path)")
    }
}
