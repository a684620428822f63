import SkillAnalytics

/// Maps `ReportData` onto the inputs of `SVGChart`.
enum ChartData {
    /// The periods of the x axis: `data.periods`, or (when that is empty) every period found in the trend
    /// series, sorted (period keys such as `2021-03`, `2021-Q1`, `2021` sort chronologically as text).
    static func periods(_ data: ReportData) -> [String] {
        if !data.periods.isEmpty { return data.periods }
        return Set(data.trends.flatMap { $0.points.map(\.period) }).sorted()
    }

    /// Points of a series keyed by period (the first point wins if a period repeats).
    static func pointsByPeriod(_ series: TrendSeries) -> [String: TrendPoint] {
        Dictionary(series.points.map { ($0.period, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// One chart line per trend series, aligned on `periods(data)`.
    static func trendSeries(_ data: ReportData) -> [SVGChart.Series] {
        let periods = periods(data)
        return data.trends.map { series in
            let byPeriod = pointsByPeriod(series)
            return SVGChart.Series(label: series.label, values: periods.map { byPeriod[$0]?.share })
        }
    }

    /// Share of postings of the top skills.
    static func topSkillBars(_ data: ReportData) -> [SVGChart.Bar] {
        data.topSkills.prefix(ReportText.chartRowLimit).map { SVGChart.Bar(label: $0.label, value: $0.share) }
    }

    /// Recent share vs reference share of the first emerging-skill rows.
    static func emergingPairs(_ data: ReportData) -> [SVGChart.BarPair] {
        data.emerging.prefix(ReportText.chartRowLimit).map {
            SVGChart.BarPair(label: $0.label, first: $0.recentShare, second: $0.referenceShare)
        }
    }

    /// Demand share vs supply share of the first gap rows.
    static func gapPairs(_ data: ReportData) -> [SVGChart.BarPair] {
        data.gaps.prefix(ReportText.chartRowLimit).map {
            SVGChart.BarPair(label: $0.label, first: $0.demandShare, second: $0.supplyShare)
        }
    }
}
