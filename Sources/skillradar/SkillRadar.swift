import ArgumentParser
import Foundation
import SkillPipeline

/// The `skillradar` command: parse, validate, wire modules together, map errors to exit codes.
///
/// Exit codes: 0 done; 1 a usage or input error (the message says what to do); 3 a run finished and stored what it
/// could, but some input gave no usable record (every record quarantined, or nothing to read) or files were
/// skipped (listed by name with the reason).
@main
struct SkillRadar: ParsableCommand {
    static func main() {
        if CommandLine.arguments.dropFirst().first == "serve" { // its own executable (DESIGN.md, Service)
            printError(ExternalCommand.exec("serve", arguments: Array(CommandLine.arguments.dropFirst(2))))
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let partial as PartialInput {
            printError("note: " + partial.description)
            Foundation.exit(PartialInput.exitCode)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            if !message.isEmpty { printError(message) }
            Foundation.exit(1)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "skillradar",
        abstract: "Turn job-posting corpora into ICT skill trends, emerging skills and qualification gaps.",
        discussion: """
        Typical use:
          skillradar analyze Corpora/sample/postings.jsonl --db out/sample.sqlite
          skillradar gaps --db out/sample.sqlite --supply Corpora/sample/programmes.csv
          skillradar report --db out/sample.sqlite --out out/report
          skillradar serve --db out/sample.sqlite    (the query service: skillradar serve --help)
        """,
        version: SkillRadarVersion.current,
        subcommands: [Analyze.self, Scan.self, Merge.self, Similar.self, Trends.self, Emerging.self, Discover.self, Gaps.self, Report.self, Extract.self,
                      Explain.self, Count.self, Postings.self, Quarantine.self, Runs.self, TaxonomyCommand.self,
                      Generate.self, Sample.self, Evaluate.self, Occupations.self, Audit.self, Places.self, Regions.self])
}

/// A run finished, but some inputs gave no usable record or some files were skipped: exit code 3.
struct PartialInput: Error, CustomStringConvertible {
    static let exitCode: Int32 = 3
    var description: String
}
