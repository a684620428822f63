import ArgumentParser
import Foundation
import SkillPipeline

/// The `skillradar` command: parse, validate, wire modules together, map errors to exit codes.
@main
struct SkillRadar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skillradar",
        abstract: "Turn job-posting corpora into ICT skill trends, emerging skills and qualification gaps.",
        discussion: """
        Typical use:
          skillradar analyze Corpora/sample/postings.jsonl --db out/sample.sqlite
          skillradar gaps --db out/sample.sqlite --supply Corpora/sample/programmes.csv
          skillradar report --db out/sample.sqlite --out out/report
        """,
        version: SkillRadarVersion.current,
        subcommands: [Analyze.self, Trends.self, Emerging.self, Discover.self, Gaps.self, Report.self, Extract.self,
                      Explain.self, Count.self, Postings.self, Quarantine.self, Runs.self, TaxonomyCommand.self,
                      Generate.self, Sample.self, Evaluate.self, Occupations.self, Audit.self, Places.self, Regions.self])
}
