import Foundation
import SkillStore

/// Assembles ``ReportData`` from a store: summary, top skills, trends, emerging skills and gaps, with the
/// provenance (engine, taxonomy digest, runs, inputs, parameters) that makes every figure traceable.
public enum ReportBuilder {
    public static func build(analytics a: Analytics, database: String, title: String, granularity: PeriodGranularity,
                             top: Int, emerging params: EmergingParameters, emergingLimit: Int = 15,
                             gapLimit: Int = 15) throws -> ReportData {
        let store = a.store
        let runs = try store.runs().filter { $0.status == .completed }
        let taxonomy = try store.latestTaxonomy()
        let inputs = try store.inputs().filter { entry in runs.contains { $0.id == entry.runID } }
            .map { "\($0.account.path) (sha256 \($0.account.sha256.prefix(12)), \($0.account.read) records)" }
        let summary = try a.summary()
        let (periods, series) = try a.trends(granularity, top: top)
        var recentWindow = "", referenceWindow = ""
        var emerging: [EmergingSkill] = []
        if summary.firstDate != nil {
            let e = try a.emerging(params)
            recentWindow = e.recent.description
            referenceWindow = e.reference.description
            emerging = Array(e.skills.filter { $0.status != .stable }.prefix(emergingLimit))
        }
        // Gaps compare current demand (the recent window, when the corpus is dated) with the training supply.
        let gapWindow = recentWindow.isEmpty ? nil : MonthWindow(parsing: recentWindow)
        let gaps = try a.supplyCount() > 0 ? Array(try a.gaps(window: gapWindow).prefix(gapLimit)) : []
        let provenance = ReportProvenance(
            engineVersion: runs.first?.engineVersion ?? "",
            taxonomyName: taxonomy.map { "\($0.name) \($0.version)" } ?? "",
            taxonomyDigest: taxonomy?.digest ?? "",
            database: database,
            runIDs: runs.map(\.id).sorted(),
            inputs: inputs,
            parameters: [
                "granularity": granularity.rawValue, "top": String(top), "min_support": String(params.minSupport),
                "fdr": String(params.fdr), "emerging_ratio": String(params.emergingRatio),
                "min_employers": String(params.minEmployers),
                "gap_demand_window": gapWindow?.description ?? "all postings",
            ])
        var data = ReportData(title: title, provenance: provenance, summary: summary, granularity: granularity,
                              periods: periods, topSkills: try a.topSkills(limit: 20), trends: series,
                              recentWindow: recentWindow, referenceWindow: referenceWindow, emerging: emerging,
                              gaps: gaps)
        data.regions = try a.regionHierarchy()
        if summary.firstDate != nil {
            var op = OccupationParameters()
            op.growth = params
            let clusters = try a.emergingOccupations(op)
            data.occupationClusters = Array(clusters.clusters.filter { $0.growth.status != .stable }.prefix(emergingLimit))
            data.occupationCodingAvailable = clusters.codingAvailable
        }
        return data
    }
}
