import Foundation
import SkillDisambiguation
import SkillIngest
import SkillMatcher
import SkillOccupations
import SkillReports
import SkillTaxonomy

/// One `analyze` (or `gaps --supply`) run as the CLI drives it: skipped files named, progress shown, the accounting
/// said, unusable inputs warned about. Messages go to `log` (standard error) and the accounting to `say`.
public enum AnalysisRun {

    /// The run's result, and why it was only partly usable (nil when every input gave a record and no file was
    /// skipped). Throws when the accounting does not balance or no input gave a usable record.
    public static func run(_ options: AnalyzeOptions, taxonomy t: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?,
                           rulesDescription: String?, coding: (coder: OccupationCoder, description: String)?, quiet: Bool,
                           log: (String) -> Void, say: (String) -> Void) throws -> (result: AnalyzeResult, partial: String?) {
        try run(options, analyzer: Analyzer(taxonomy: t, matcher: matcher, disambiguator: disambiguator,
                                            rulesDescription: rulesDescription, occupationCoder: coding?.coder,
                                            occupationDescription: coding?.description),
                quiet: quiet, log: log, say: say)
    }

    /// The same, with the analyzer built.
    public static func run(_ options: AnalyzeOptions, analyzer: Analyzer, quiet: Bool, log: (String) -> Void,
                           say: (String) -> Void) throws -> (result: AnalyzeResult, partial: String?) {
        let skipped = noteSkipped(options.inputs, log: log)
        let meter = ProgressMeter(quiet: quiet)
        let result = try analyzer.run(options) { meter.report($0) }
        meter.finish()
        if !quiet {
            let t = analyzer.taxonomy
            log("taxonomy \(t.name) \(t.version) (\(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.shortDigest))")
        }
        return (result, try conclude(result, options: options, skipped: skipped, log: log, say: say))
    }

    /// Says which files of `inputs` are skipped (unknown format); returns them.
    public static func noteSkipped(_ inputs: [String], log: (String) -> Void) -> [String] {
        let skipped = InputExpansion.skippedFiles(inputs)
        if !skipped.isEmpty {
            log("note: skipped \(skipped.count) file(s) of unknown format (not .jsonl, .csv, .tsv, .html, .xml, plain or .gz; "
                + "give the file itself with --input-format to read it): " + skipped.joined(separator: ", "))
        }
        return skipped
    }

    /// Says a finished run's accounting (`say`) and warnings (`log`); returns why it was only partly usable (nil
    /// when every input gave a record and no file was skipped). Throws when the accounting does not balance or no
    /// input gave a usable record. `analyze` and `merge` end with it.
    public static func conclude(_ result: AnalyzeResult, options: AnalyzeOptions, skipped: [String] = [],
                                log: (String) -> Void, say: (String) -> Void) throws -> String? {
        say(QueryTables.accounting(result.accounts, total: result.total).render(.table) + result.summaryLine(options))
        if result.accounts.contains(where: { !$0.balanced }) {
            throw PipelineError("accounting does not balance for some input; this is a bug, please report it")
        }
        // An input that gave no usable record is said so; when none gave any, the run failed.
        let unusable = result.unusableInputs
        result.unusableWarnings(options).forEach(log)
        if !result.accounts.isEmpty, unusable.count == result.accounts.count {
            throw PipelineError("no input gave a usable record")
        }
        guard !unusable.isEmpty || !skipped.isEmpty else { return nil }
        return "run \(result.runID) finished, but "
            + [unusable.isEmpty ? nil : "\(unusable.count) input(s) gave no usable record",
               skipped.isEmpty ? nil : "\(skipped.count) file(s) were skipped"].compactMap { $0 }.joined(separator: " and ")
            + " (listed above); exit code 3"
    }
}

/// An error of a pipeline job with a message for the user (what failed, where, what to do).
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
