import SkillAnalytics
import SkillIO

/// A format-neutral table: the HTML and Markdown reports build the same tables from `ReportData` and differ
/// only in markup and escaping. Cell texts are plain (unescaped) strings.
struct ReportTable {
    /// A column heading; numeric columns are right-aligned.
    struct Column {
        var title: String
        var numeric: Bool = false
    }

    /// One cell: its text, an optional longer explanation (HTML tooltip) and an optional style tag.
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var hint: String?
        var tag: String?

        init(_ text: String, hint: String? = nil, tag: String? = nil) {
            self.text = text
            self.hint = hint
            self.tag = tag
        }

        init(stringLiteral value: String) { self.init(value) }
    }

    var columns: [Column]
    var rows: [[Cell]]
}

/// The report's tables, built from `ReportData` with consistent number formatting.
enum ReportTables {
    /// Headline counts of the corpus as label/value rows.
    static func summary(_ data: ReportData) -> ReportTable {
        let s = data.summary
        // The raw location strings can be thousands: the summary names the most common places only (the Regions
        // section has the hierarchy).
        let countries = data.regions.filter { $0.level == "country" && $0.key != "other" }
        let regions = countries.isEmpty
            ? ReportText.sortedRegions(s.regions).filter { !$0.name.isEmpty }.prefix(5)
                .map { "\($0.name) (\($0.count))" }.joined(separator: ", ")
                + (s.regions.count > 6 ? ", ... (\(s.regions.count) location strings)" : "")
            : countries.prefix(5).map { "\($0.name) (\($0.postings))" }.joined(separator: ", ")
                + (countries.count > 5 ? ", ..." : "")
        let rows: [(String, String)] = [
            ("Postings", Formatting.count(s.postings)),
            ("Duplicates", Formatting.count(s.duplicates)),
            ("Quarantined", Formatting.count(s.quarantined)),
            ("Postings with skills", ReportText.postingsWithSkills(s)),
            ("Skill mentions", Formatting.count(s.mentions)),
            ("Distinct skills", Formatting.count(s.distinctSkills)),
            ("Date range", ReportText.dateRange(s)),
            ("Periods", periodRange(data)),
            ("Regions", regions.isEmpty ? "n/a" : regions),
        ]
        return ReportTable(columns: [.init(title: "Measure"), .init(title: "Value")],
                           rows: rows.map { [ReportTable.Cell($0.0), ReportTable.Cell($0.1)] })
    }

    /// Postings by place: countries, each with its main cities indented, then remote and unplaced.
    static func regions(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Place"), .init(title: "Level"), .init(title: "Code"),
            .init(title: "Postings", numeric: true), .init(title: "Share", numeric: true),
        ]
        let rows = data.regions.map { r -> [ReportTable.Cell] in
            let name = r.level == "city" ? "\u{2003}\(r.name)" : r.name
            return [ReportTable.Cell(name), ReportTable.Cell(r.level), ReportTable.Cell(r.code),
                    ReportTable.Cell(Formatting.count(r.postings)), ReportTable.Cell(Formatting.percent(r.share))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Most demanded skills, with rank.
    static func topSkills(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Rank", numeric: true), .init(title: "Skill"), .init(title: "Concept ID"),
            .init(title: "Postings", numeric: true), .init(title: "Share", numeric: true),
            .init(title: "Employers", numeric: true),
        ]
        let rows = data.topSkills.enumerated().map { index, skill -> [ReportTable.Cell] in
            [.init(String(index + 1)), .init(skill.label), .init(skill.conceptID),
             .init(Formatting.count(skill.postings)),
             .init(Formatting.percent(skill.share), hint: "\(skill.postings) of \(skill.totalPostings) postings"),
             .init(Formatting.count(skill.employers))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Trend series in wide format: one row per skill, one share column per period.
    static func trends(_ data: ReportData) -> ReportTable {
        let periods = ChartData.periods(data)
        let columns = [ReportTable.Column(title: "Skill")] + periods.map { .init(title: $0, numeric: true) }
        let rows = data.trends.map { series -> [ReportTable.Cell] in
            let byPeriod = ChartData.pointsByPeriod(series)
            return [.init(series.label)] + periods.map { period in
                guard let point = byPeriod[period] else { return .init("–") }
                return .init(Formatting.percent(point.share),
                             hint: "\(point.postings) of \(point.totalPostings) postings")
            }
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Emerging-skill statistics, one row per skill.
    static func emerging(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Skill"), .init(title: "Status"),
            .init(title: "Recent share", numeric: true), .init(title: "Reference share", numeric: true),
            .init(title: "Rate ratio (95% CI)", numeric: true), .init(title: "q-value", numeric: true),
            .init(title: "Recent employers", numeric: true),
        ]
        let rows = data.emerging.map { e -> [ReportTable.Cell] in
            [.init(e.label),
             .init(e.status.rawValue, tag: "status-\(e.status.rawValue)"),
             .init(Formatting.percent(e.recentShare), hint: "\(e.recentPostings) of \(e.recentTotal) postings"),
             .init(Formatting.percent(e.referenceShare),
                   hint: "\(e.referencePostings) of \(e.referenceTotal) postings"),
             .init(Formatting.ratioWithInterval(e.rateRatio, low: e.ciLow, high: e.ciHigh)),
             .init(Formatting.probability(e.qValue), hint: "p = \(Formatting.probability(e.pValue))"),
             .init(Formatting.count(e.recentEmployers))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Status, recent and reference share, rate ratio and recent employers of a growth result.
    static func growthCells(_ e: EmergingSkill) -> [ReportTable.Cell] {
        [.init(e.status.rawValue, tag: "status-\(e.status.rawValue)"),
         .init(Formatting.percent(e.recentShare), hint: "\(e.recentPostings) of \(e.recentTotal) postings"),
         .init(Formatting.percent(e.referenceShare), hint: "\(e.referencePostings) of \(e.referenceTotal) postings"),
         .init(Formatting.ratioWithInterval(e.rateRatio, low: e.ciLow, high: e.ciHigh)),
         .init(Formatting.count(e.recentEmployers))]
    }

    /// Rising terms outside the taxonomy, one row per term.
    static func newTerms(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Term"), .init(title: "Status"),
            .init(title: "Recent share", numeric: true), .init(title: "Reference share", numeric: true),
            .init(title: "Rate ratio (95% CI)", numeric: true), .init(title: "Recent employers", numeric: true),
            .init(title: "Named with"),
        ]
        let rows = (data.newTerms ?? []).map { t -> [ReportTable.Cell] in
            [.init(t.term)] + growthCells(t.growth) + [.init(t.cooccurring.prefix(4).map(\.label).joined(separator: ", "))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Job-title clusters with their growth and characteristic skills.
    static func occupationClusters(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Role"), .init(title: "Status"),
            .init(title: "Recent share", numeric: true), .init(title: "Reference share", numeric: true),
            .init(title: "Rate ratio (95% CI)", numeric: true), .init(title: "Recent employers", numeric: true),
            .init(title: "Characteristic skills (lift)"), .init(title: "Also written"), .init(title: "Example postings"),
        ]
        let rows = data.occupationClusters.map { c -> [ReportTable.Cell] in
            let profile = c.profile.prefix(5).map { "\($0.label) (\(formatFixed($0.lift, 1)))" }
            let examples = zip(c.examplePostings, c.exampleHeaders).map { "#\($0.0) \($0.1)" }
            return [.init(c.exampleTitles.first ?? c.key, hint: "cluster key: \(c.key)")] + growthCells(c.growth)
                + [.init(profile.joined(separator: ", ")), .init(c.exampleTitles.dropFirst().prefix(3).joined(separator: "; ")),
                   .init(examples.joined(separator: " · "))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Demand against supply, one row per skill.
    static func gaps(_ data: ReportData) -> ReportTable {
        let columns: [ReportTable.Column] = [
            .init(title: "Skill"), .init(title: "Demand share", numeric: true),
            .init(title: "Supply share", numeric: true), .init(title: "Gap index", numeric: true),
            .init(title: "Providers", numeric: true),
        ]
        let rows = data.gaps.map { g -> [ReportTable.Cell] in
            [.init(g.label),
             .init(Formatting.percent(g.demandShare), hint: "\(g.demandPostings) of \(g.demandTotal) postings"),
             .init(Formatting.percent(g.supplyShare),
                   hint: "\(g.supplyProgrammes) of \(g.supplyTotal) programmes"),
             .init(Formatting.percentagePoints(g.gapIndex), tag: g.gapIndex > 0 ? "gap-positive" : "gap-negative"),
             .init(Formatting.count(g.supplyProviders))]
        }
        return ReportTable(columns: columns, rows: rows)
    }

    /// Run parameters sorted by name.
    static func parameters(_ provenance: ReportProvenance) -> ReportTable {
        ReportTable(columns: [.init(title: "Parameter"), .init(title: "Value")],
                    rows: ReportText.sortedParameters(provenance.parameters).map { [.init($0.name), .init($0.value)] })
    }

    /// `first – last (n periods of granularity)`, or `none`.
    private static func periodRange(_ data: ReportData) -> String {
        let periods = ChartData.periods(data)
        guard let first = periods.first, let last = periods.last else { return "none" }
        let unit = data.granularity.rawValue + (periods.count == 1 ? "" : "s")
        return first == last ? "\(first) (1 \(unit))" : "\(first) – \(last) (\(periods.count) \(unit))"
    }
}
