import SkillAnalytics

/// Renders the report's tables as RFC 4180 CSV: header row, `\n` line endings, fields quoted only when
/// needed, numbers at full precision (shares as fractions in [0, 1], not percentages).
public enum CSVReport {
    /// `concept_id,label,postings,total_postings,share,employers`, one row per top skill.
    public static func topSkills(_ data: ReportData) -> String {
        table(header: ["concept_id", "label", "postings", "total_postings", "share", "employers"],
              rows: data.topSkills.map {
                  [$0.conceptID, $0.label, int($0.postings), int($0.totalPostings), num($0.share), int($0.employers)]
              })
    }

    /// Trends in long format: `concept_id,label,period,postings,total_postings,share`, one row per point.
    public static func trends(_ data: ReportData) -> String {
        let rows = data.trends.flatMap { series in
            series.points.map {
                [series.conceptID, series.label, $0.period, int($0.postings), int($0.totalPostings), num($0.share)]
            }
        }
        return table(header: ["concept_id", "label", "period", "postings", "total_postings", "share"], rows: rows)
    }

    /// Every `EmergingSkill` field plus `recent_share` and `reference_share`.
    public static func emerging(_ data: ReportData) -> String {
        let header = ["concept_id", "label", "recent_postings", "recent_total", "reference_postings",
                      "reference_total", "recent_employers", "rate_ratio", "ci_low", "ci_high", "p_value",
                      "q_value", "status", "recent_share", "reference_share"]
        let rows = data.emerging.map { e in
            [e.conceptID, e.label, int(e.recentPostings), int(e.recentTotal), int(e.referencePostings),
             int(e.referenceTotal), int(e.recentEmployers), num(e.rateRatio), num(e.ciLow), num(e.ciHigh),
             num(e.pValue), num(e.qValue), e.status.rawValue, num(e.recentShare), num(e.referenceShare)]
        }
        return table(header: header, rows: rows)
    }

    /// `term,postings,status,...growth fields,named_with`: the report's new terms (header only when none).
    public static func newTerms(_ data: ReportData) -> String {
        let header = ["term", "postings", "recent_postings", "recent_total", "reference_postings", "reference_total",
                      "recent_employers", "rate_ratio", "ci_low", "ci_high", "p_value", "q_value", "status",
                      "recent_share", "reference_share", "named_with"]
        let rows = (data.newTerms ?? []).map { t -> [String] in
            let e = t.growth
            return [t.term, int(t.postings), int(e.recentPostings), int(e.recentTotal), int(e.referencePostings),
                    int(e.referenceTotal), int(e.recentEmployers), num(e.rateRatio), num(e.ciLow), num(e.ciHigh),
                    num(e.pValue), num(e.qValue), e.status.rawValue, num(e.recentShare), num(e.referenceShare),
                    t.cooccurring.map(\.label).joined(separator: "; ")]
        }
        return table(header: header, rows: rows)
    }

    /// Every `SkillGap` field plus `demand_share` and `supply_share`.
    public static func gaps(_ data: ReportData) -> String {
        let header = ["concept_id", "label", "demand_postings", "demand_total", "supply_programmes",
                      "supply_total", "supply_providers", "gap_index", "demand_share", "supply_share"]
        let rows = data.gaps.map { g in
            [g.conceptID, g.label, int(g.demandPostings), int(g.demandTotal), int(g.supplyProgrammes),
             int(g.supplyTotal), int(g.supplyProviders), num(g.gapIndex), num(g.demandShare), num(g.supplyShare)]
        }
        return table(header: header, rows: rows)
    }

    /// A CSV document from a header and rows of unescaped fields; every record ends with `\n`.
    public static func table(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(Escaping.csvField).joined(separator: ",") + "\n" }.joined()
    }

    private static func int(_ value: Int) -> String { String(value) }

    private static func num(_ value: Double) -> String { Formatting.exact(value) }
}
