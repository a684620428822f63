import Foundation
import SkillIO
import SkillIngest
import SkillStore

extension AnalyzeResult {
    /// `run 3 (demand): 1200 records in 0.84 s (1429 records/s, 4.1 MB/s), database out/x.sqlite`.
    public func summaryLine(_ options: AnalyzeOptions) -> String {
        func rate(_ x: Double, _ d: Int) -> String { x.isFinite ? formatFixed(x, d) : "-" }
        return "run \(runID) (\(options.corpus.rawValue)): \(records) records in \(formatFixed(seconds, 2)) s "
            + "(\(rate(recordsPerSecond, 0)) records/s, \(rate(megabytesPerSecond, 1)) MB/s), database \(options.database)"
    }

    /// Inputs that gave no usable record (nothing read, or every record quarantined).
    public var unusableInputs: [InputAccount] { accounts.filter { $0.read == $0.quarantined } }

    /// One warning per unusable input, saying why and what to do (a delimiter hint for CSV/TSV).
    public func unusableWarnings(_ options: AnalyzeOptions) -> [String] {
        unusableInputs.map { a in
            "warning: \(a.path): " + (a.read == 0
                ? "no records (an empty file, or nothing the \(a.format) reader can take from it)"
                : "every one of its \(a.read) records was quarantined (skillradar quarantine --db \(options.database))")
                + (DelimiterHint.suggest(path: a.path, format: a.format, given: options.mapping.delimiter).map { "; " + $0 } ?? "")
        }
    }
}
