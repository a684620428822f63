import ArgumentParser
import Foundation
import SkillIngest
import SkillPipeline

/// `skillradar scan`: the scan stage of `analyze` alone (DESIGN.md, *Scan and merge*).
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and match inputs on all cores; write scan records (no database) for `merge`.", discussion:
            "`scan IN... --out p` then `merge --db D p` stores what `analyze IN... --db D` stores; --range splits a file.")

    @Argument(help: "Input files or directories.") var inputs: [String]
    @Option(name: .shortAndLong, help: "Scan file to write, or - for standard output.") var out = "-"
    @Option(help: "binary (compact) or jsonl (one JSON object per line).") var scanFormat: ScanEncoding = .binary
    @Option(help: "START-END: only the records that start in these bytes of the one (JSON Lines or CSV) input.") var range: String?
    @Option(help: "Also write each record's duplicate keys (JSON Lines) here, for a cluster's shuffle.") var keys: String?
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var ingest: IngestOptions
    @OptionGroup var disambiguation: DisambiguationOption
    @OptionGroup var occupations: OccupationCodingOptions
    @Flag(help: "The inputs are training programmes (supply), not job postings.") var supply = false

    func run() throws {
        var o = try ingest.options(inputs: inputs, db: "", corpus: supply ? .supply : .demand, command: "scan")
        o.range = try range.map { try RecordRange(parsing: $0) }
        _ = AnalysisRun.noteSkipped(inputs, log: { printError($0) })
        let writer = try ScanStreamWriter(path: out, encoding: scanFormat, keys: keys.map { try ScanKeysWriter(path: $0) })
        let s = try loadAnalyzer(taxonomy, disambiguation, supply ? nil : occupations, quiet: ingest.quiet).scan(o, into: writer)
        if !ingest.quiet { printError("scanned \(s.inputs.count) input(s): \(s.records) records, \(s.quarantined) quarantined") }
    }
}

/// `skillradar merge`: the merge stage of `analyze` alone, scan files into a database as one run.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Store scan files (from `scan`) into a database as one run.")

    @Argument(help: "Scan files in input order (- = stdin); the parts of a split input consecutively.") var parts: [String]
    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
    @Option(help: "Records per transaction.") var batchSize = 2_000
    @Option(help: "Near-duplicate similarities verified by a cluster (deploy/spark), not by reading texts.") var similar: String?

    func run() throws {
        let (t, matcher) = try taxonomy.load()
        let (result, header) = try MergeJob.run(parts: parts, database: database.db, taxonomy: t, tokenizer: matcher.tokenizer,
                                                threads: ProcessInfo.processInfo.activeProcessorCount, batchSize: batchSize,
                                                command: "merge " + parts.joined(separator: " "),
                                                plan: try similar.map { try SimilarityPlan(path: $0) })
        var o = AnalyzeOptions(inputs: parts, database: database.db)
        o.corpus = header.corpus
        try AnalysisRun.conclude(result, options: o, log: { printError($0) }, say: { print($0) }).map { throw PartialInput(description: $0) }
    }
}

struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Verify near-duplicate candidate pairs (deploy/spark).")

    @Argument(help: "Work file: the classes' records and the pairs (JSON Lines).") var work: String
    @Option(help: "Near-duplicate parameters (JSON, from the scan's header).") var parameters: String
    @Option(help: "The tokenizer fingerprint the records were scanned with.") var tokenizer: String?
    @OptionGroup var taxonomy: TaxonomyOption

    func run() throws {
        try SimilarityJob.run(work: work, parameters: parameters, tokenizer: taxonomy.load().1.tokenizer, expecting: tokenizer) { print($0) }
    }
}

extension ScanEncoding: ExpressibleByArgument {}
