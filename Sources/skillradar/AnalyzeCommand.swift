import ArgumentParser
import Foundation
import SkillAnalytics
import SkillIngest
import SkillPipeline
import SkillStore

/// Options for reading inputs, shared by `analyze` and `gaps --supply`.
struct IngestOptions: ParsableArguments {
    @Option(name: .long, help: "Input format for every input: jsonl, csv, tsv or html (default: from the file name).")
    var inputFormat: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Field mapping FIELD=KEY (fields: id, title, text, date, region, employer); repeatable.")
    var map: [String] = []

    @Option(name: .long, help: "Matching threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Records per transaction.")
    var batchSize: Int = 2_000

    @Option(name: .long, help: "Largest record in bytes; larger ones are quarantined.")
    var maxRecordBytes: Int = 8 << 20

    @Flag(name: .long, help: "No progress lines.")
    var quiet = false

    func validate() throws {
        if let f = inputFormat, InputFormat(rawValue: f) == nil {
            throw ValidationError("--input-format must be one of jsonl, csv, tsv, html (got '\(f)')")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
        var m = FieldMapping()
        do { try m.apply(map) } catch { throw ValidationError("\(error)") }
    }

    func options(inputs: [String], db: String, corpus: Corpus, command: String) throws -> AnalyzeOptions {
        var o = AnalyzeOptions(inputs: inputs, database: db)
        o.corpus = corpus
        o.format = inputFormat.flatMap(InputFormat.init(rawValue:))
        try o.mapping.apply(map)
        o.threads = threads
        o.batchSize = batchSize
        o.maxRecordBytes = maxRecordBytes
        o.command = command
        return o
    }
}

/// Runs ingestion + matching + storage and prints the accounting.
/// With `accountingToStandardError`, the accounting goes to stderr so that stdout carries only the
/// command's own (machine-readable) result.
func runAnalysis(_ options: AnalyzeOptions, taxonomy: TaxonomyOption, quiet: Bool,
                 accountingToStandardError: Bool = false) throws -> AnalyzeResult {
    let say: (String) -> Void = accountingToStandardError ? { printError($0) } : { print($0) }
    let (t, matcher) = try taxonomy.load()
    let result = try Analyzer(taxonomy: t, matcher: matcher).run(options) { p in
        guard !quiet else { return }
        printError(String(format: "… %@: %d records, %.0f records/s", p.path, p.records,
                          p.seconds > 0 ? Double(p.records) / p.seconds : 0))
    }
    if !quiet {
        printError("taxonomy \(t.name) \(t.version) (\(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.shortDigest))")
    }
    let rows = result.accounts.map { a in
        [a.path, a.format, String(a.read), String(a.new), String(a.duplicates), String(a.alreadyPresent),
         String(a.quarantined), a.balanced ? "yes" : "NO"]
    }
    say(TablePrinter(header: ["input", "format", "read", "new", "duplicates", "already stored", "quarantined",
                              "balanced"], rows: rows).render(.table) + String(
        format: "run %lld (%@): %d records in %.2f s (%.0f records/s, %.1f MB/s), database %@",
        result.runID, options.corpus.rawValue, result.records, result.seconds, result.recordsPerSecond,
        result.megabytesPerSecond, options.database))
    if result.accounts.contains(where: { !$0.balanced }) {
        throw RuntimeError("accounting does not balance for some input; this is a bug, please report it")
    }
    return result
}

/// An error with a message for the user; exits with status 1.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest postings, match skills, store results in SQLite.",
        discussion: """
        Inputs are files (.jsonl, .csv, .tsv, .html, each optionally .gz) or directories of them.
        Rerunning the same inputs into the same database does not double count.
        """)

    @Argument(help: "Input files or directories.")
    var inputs: [String]

    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var ingest: IngestOptions

    @Flag(name: .long, help: "The inputs are training programmes (supply), not job postings.")
    var supply = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input file or directory") }
    }

    func run() throws {
        let o = try ingest.options(inputs: inputs, db: database.db, corpus: supply ? .supply : .demand,
                                   command: "analyze " + inputs.joined(separator: " "))
        _ = try runAnalysis(o, taxonomy: taxonomy, quiet: ingest.quiet)
        if !supply {
            let store = try SkillStore(path: database.db, readOnly: true)
            let top = try Analytics(store: store).topSkills(limit: 10)
            print("\ntop skills:")
            print(TablePrinter(header: ["skill", "postings", "share"],
                               rows: top.map { [$0.label, String($0.postings), String(format: "%.1f%%", $0.share * 100)] })
                    .render(.table), terminator: "")
        }
    }
}
