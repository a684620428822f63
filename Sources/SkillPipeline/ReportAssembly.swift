import Foundation
import SkillAnalytics
import SkillMatcher

/// The report's data, as every caller (the `report` and `sample` commands, the service) assembles it: the store's
/// figures (``ReportBuilder``) and, when a matcher is given, the rising terms no taxonomy label covers — the
/// same discovery and the same windows as `emerging`.
public enum ReportAssembly {
    /// Discovered terms the report lists at most.
    public static let newTermLimit = 15

    public static func build(analytics a: Analytics, database: String, title: String, granularity: PeriodGranularity,
                             top: Int, emerging params: EmergingParameters, matcher: Matcher?,
                             ordinaryWords: Set<String> = []) throws -> ReportData {
        var data = try ReportBuilder.build(analytics: a, database: database, title: title, granularity: granularity,
                                           top: top, emerging: params)
        guard let matcher, let recent = MonthWindow(parsing: data.recentWindow),
              let reference = MonthWindow(parsing: data.referenceWindow) else { return data }
        let rank: [EmergenceStatus: Int] = [.new: 0, .emerging: 1, .growing: 2]
        data.newTerms = Array(try NewTerms.rising(a, matcher: matcher, growth: params,
                                                  window: AnalysisWindow(recent: recent, reference: reference),
                                                  ordinaryWords: ordinaryWords, details: true)
            .sorted { a, b in
                (rank[a.growth.status] ?? 9, -a.growth.ciLow, -a.growth.recentPostings, a.term)
                    < (rank[b.growth.status] ?? 9, -b.growth.ciLow, -b.growth.recentPostings, b.term)
            }
            .prefix(newTermLimit))
        data.provenance.parameters["new_terms"] = "ngrams up to \(DiscoveryParameters().maxN) words, min support \(params.minSupport)"
        return data
    }
}
