import ArgumentParser
import Foundation
import SkillAnalytics
import SkillPipeline
import SkillReports
import SkillStore

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The main job on the shipped sample: analyze postings and programmes, write the report.",
        discussion: """
        Equivalent to: analyze Corpora/sample/postings.jsonl; analyze --supply Corpora/sample/programmes.csv; \
        report. The database and report go under --out.
        """)

    @Option(help: "Output directory (database and report).") var out = "out/sample"
    @Option(help: "Directory holding postings.jsonl and programmes.csv.") var corpus = "Corpora/sample"
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption

    func run() throws {
        let postings = corpus + "/postings.jsonl", programmes = corpus + "/programmes.csv"
        for f in [postings, programmes] where !FileManager.default.fileExists(atPath: f) {
            throw RuntimeError("\(f) not found; run from the skillradar checkout or pass --corpus DIR")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let db = out + "/skillradar.sqlite"
        print("== postings")
        _ = try runAnalysis(AnalyzeOptions(inputs: [postings], database: db), taxonomy: taxonomy, disambiguation: disambiguation, quiet: true)
        print("== training programmes")
        var supply = AnalyzeOptions(inputs: [programmes], database: db)
        supply.corpus = .supply
        _ = try runAnalysis(supply, taxonomy: taxonomy, disambiguation: disambiguation, quiet: true)
        // The sample is small (about 80 postings a year): compare two-year windows rather than the default
        // last 12 months against the 24 before.
        var emerging = EmergingParameters()
        (emerging.recent, emerging.reference) = (MonthWindow(from: "2023-01", to: "2024-12"), MonthWindow(from: "2021-01", to: "2022-12"))
        let reportDir = out + "/report"
        let data = try QueryService.report(
            try Analytics(store: try SkillStore(path: db, readOnly: true)), database: db, to: reportDir,
            title: "skillradar sample report", granularity: .year, top: 8, windows: emerging, matcher: try taxonomy.load().1,
            ordinaryWords: try taxonomy.ordinaryWords()).data
        print("== summary")
        data.summaryLines.forEach { print($0) }
        print("database: \(db)")
        print("report: \(reportDir)/report.html (also report.md, report.json and CSV tables)")
    }
}
