import ArgumentParser
import Foundation
import SkillAnalytics
import SkillIngest
import SkillIO
import SkillMatcher
import SkillOccupations
import SkillPipeline
import SkillReports
import SkillStore

/// Options for reading inputs, shared by `analyze` and `gaps --supply`.
struct IngestOptions: ParsableArguments {
    @Option(help: "Input format for every input: jsonl, csv, tsv, html or xml (default: from the file name).")
    var inputFormat: String?

    @Option(help: "Character encoding of inputs without a byte-order mark: utf-8, iso-8859-1, iso-8859-15, windows-1252, utf-16le, utf-16be (default: UTF-8; HTML and XML: as declared).")
    var encoding: String?

    @Option(help: "CSV/TSV field delimiter: one character, or 'tab' (default: ',' for CSV, tab for TSV).")
    var delimiter: String?

    @Option(help: "XML: path of the record element, e.g. COURSE or channel/item (default: RSS item, Atom entry, DEFTIS COURSE); --map keys are then element paths below it.")
    var recordPath: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Field mapping FIELD=KEY (fields: id, title, text, date, region, employer); repeatable.")
    var map: [String] = []

    @Option(help: "Matching threads; the default is the number of cores.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Records per transaction.") var batchSize: Int = 2_000
    @Option(help: "Largest record in bytes; larger ones are quarantined.") var maxRecordBytes: Int = 8 << 20
    @Flag(help: "No progress lines.") var quiet = false

    @Option(name: .customLong("places"), help: "Gazetteer directory for location normalisation (default: the shipped Taxonomies/places).")
    var placesDirectory: String?

    @Flag(help: "Keep locations as raw strings: no normalisation to places, no location taken from the text.")
    var noPlaces = false

    @Option(help: "Word-shingle Jaccard similarity at or above which a posting is a near-duplicate (0-1].")
    var nearDupThreshold: Double = 0.9

    @Flag(help: "Detect exact duplicates only (no near-duplicates or reposts).") var noNearDup = false

    @Option(help: "Same title and employer with near-identical text within this many days is a repost.")
    var repostWindowDays: Int = 30

    @Option(help: "Copies of an ad dated more than this many days apart (or by different employers) both count.")
    var distinctAfterDays: Int = 60

    func validate() throws {
        if let f = inputFormat, InputFormat(rawValue: f) == nil {
            throw ValidationError("--input-format must be one of jsonl, csv, tsv, html, xml (got '\(f)')")
        }
        do { _ = try inputMapping() } catch { throw ValidationError("\(error)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard nearDupThreshold > 0, nearDupThreshold <= 1 else {
            throw ValidationError("--near-dup-threshold must be in (0, 1] (got \(nearDupThreshold))")
        }
        guard distinctAfterDays >= repostWindowDays else {
            throw ValidationError("--distinct-after-days (\(distinctAfterDays)) must be at least --repost-window-days (\(repostWindowDays))")
        }
        guard repostWindowDays >= 0 else {
            throw ValidationError("--repost-window-days must be at least 0 (got \(repostWindowDays))")
        }
        guard maxRecordBytes >= 1024 else { throw ValidationError("--max-record-bytes must be at least 1024") }
        var m = FieldMapping()
        do { try m.apply(map) } catch { throw ValidationError("\(error)") }
    }

    /// The field mapping with --map, --encoding, --delimiter and --record-path applied.
    func inputMapping() throws -> FieldMapping {
        var m = FieldMapping()
        try m.apply(map)
        if let encoding { try m.setEncoding(encoding) }
        if let delimiter { try m.setDelimiter(delimiter) }
        m.recordPath = recordPath
        return m
    }

    func options(inputs: [String], db: String, corpus: Corpus, command: String) throws -> AnalyzeOptions {
        var o = AnalyzeOptions(inputs: inputs, database: db)
        o.corpus = corpus
        o.format = inputFormat.flatMap(InputFormat.init(rawValue:))
        o.mapping = try inputMapping()
        o.threads = threads
        o.batchSize = batchSize
        o.maxRecordBytes = maxRecordBytes
        o.command = command
        o.normalizePlaces = !noPlaces
        o.placesDirectory = placesDirectory
        if noNearDup {
            o.nearDuplicates = nil
        } else {
            var nd = NearDuplicateParameters(threshold: nearDupThreshold, repostWindowDays: repostWindowDays)
            nd.distinctAfterDays = distinctAfterDays
            o.nearDuplicates = nd
        }
        return o
    }
}

/// Runs ingestion + matching + storage and prints the accounting.
/// With `accountingToStandardError`, the accounting goes to stderr so that stdout carries only the
/// command's own (machine-readable) result.
func runAnalysis(_ options: AnalyzeOptions, taxonomy: TaxonomyOption, disambiguation: DisambiguationOption,
                 occupations: OccupationCodingOptions? = nil, quiet: Bool,
                 accountingToStandardError: Bool = false) throws -> AnalyzeResult {
    let say: (String) -> Void = accountingToStandardError ? { printError($0) } : { print($0) }
    let (t, matcher) = try taxonomy.load()
    let (disambiguator, rulesPath, rulesDigest) = try disambiguation.loadWithDigest(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
    let rules = rulesPath.map { "\($0) sha256:\((rulesDigest ?? "").prefix(16))" }
    let coding = try occupations.flatMap { try $0.coder(quiet: quiet, technologies: t.titleTechnologyMatcher()) }
    let skipped = InputExpansion.skippedFiles(options.inputs)
    if !skipped.isEmpty {
        printError("note: skipped \(skipped.count) file(s) of unknown format (not .jsonl, .csv, .tsv, .html, .xml, plain or .gz; "
            + "give the file itself with --input-format to read it): " + skipped.joined(separator: ", "))
    }
    let meter = ProgressMeter(quiet: quiet)
    let result = try Analyzer(taxonomy: t, matcher: matcher, disambiguator: disambiguator, rulesDescription: rules,
                              occupationCoder: coding?.coder, occupationDescription: coding?.description)
        .run(options) { meter.report($0) }
    meter.finish()
    if !quiet {
        printError("taxonomy \(t.name) \(t.version) (\(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.shortDigest))")
    }
    say(QueryTables.accounting(result.accounts, total: result.total).render(.table) + result.summaryLine(options))
    if result.accounts.contains(where: { !$0.balanced }) {
        throw RuntimeError("accounting does not balance for some input; this is a bug, please report it")
    }
    // An input that gave no usable record is said so; when none gave any, the run failed (exit 1).
    let unusable = result.unusableInputs
    result.unusableWarnings(options).forEach { printError($0) }
    if !result.accounts.isEmpty, unusable.count == result.accounts.count {
        throw RuntimeError("no input gave a usable record")
    }
    if !unusable.isEmpty || !skipped.isEmpty {
        throw PartialInput(description: "run \(result.runID) finished, but "
            + [unusable.isEmpty ? nil : "\(unusable.count) input(s) gave no usable record",
               skipped.isEmpty ? nil : "\(skipped.count) file(s) were skipped"].compactMap { $0 }.joined(separator: " and ")
            + " (listed above); exit code 3")
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
        Inputs are files (.jsonl, .csv, .tsv, .html, .xml/.rss/.atom, each optionally .gz), directories of \
        them, or glob patterns. Ambiguous labels (Go, R, Excel, ...) count only when the taxonomy's context \
        rules give them enough evidence (--min-confidence, --rules, --no-rules). \
        Rerunning the same inputs into the same database does not double count.
        """)

    @Argument(help: "Input files or directories.") var inputs: [String]
    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var ingest: IngestOptions
    @OptionGroup var disambiguation: DisambiguationOption
    @OptionGroup var occupations: OccupationCodingOptions
    @Flag(help: "The inputs are training programmes (supply), not job postings.") var supply = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input file or directory") }
    }

    func run() throws {
        let o = try ingest.options(inputs: inputs, db: database.db, corpus: supply ? .supply : .demand,
                                   command: "analyze " + inputs.joined(separator: " "))
        var partial: PartialInput?
        do {
            _ = try runAnalysis(o, taxonomy: taxonomy, disambiguation: disambiguation,
                                occupations: supply ? nil : occupations, quiet: ingest.quiet)
        } catch let p as PartialInput { partial = p }
        if !supply {
            let top = try database.analytics().topSkills(limit: 10)
            print("\ntop skills:")
            print(ResultTable(header: ["skill", "postings", "share"],
                              rows: top.map { [.text($0.label), .int($0.postings), .text(fmt($0.share * 100, 1) + "%")] })
                    .render(.table), terminator: "")
        }
        if let partial { throw partial }
    }
}

/// `--occupations`: code each posting's job title to an ESCO occupation / ISCO-08 group (stored in
/// `posting_occupations`, used by `emerging --occupations` and `gaps --occupation`).
struct OccupationCodingOptions: ParsableArguments {
    @Flag(help: "Code job titles to ESCO occupations and ISCO-08 groups (needs the ESCO/O*NET data).")
    var occupations = false

    @Option(help: "Data directory holding taxonomy/esco and taxonomy/onet_29.2 (default: $SKILLRADAR_SHARED_DATA or ../shared/data).")
    var occupationData: String?

    @Option(help: "Title languages to load, comma-separated, or 'all' (26 ESCO languages and ar; default: en, or all shipped languages when coding with Taxonomies/occupations).")
    var occupationLanguages: String?

    func validate() throws {
        guard occupations else { return }
        let unknown = languages.filter { !OccupationCatalogLoader.allLanguages.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("unknown --occupation-languages \(unknown.joined(separator: ",")); choose from "
                                  + OccupationCatalogLoader.allLanguages.joined(separator: ",") + " or all")
        }
    }

    var languages: [String] {
        let given = occupationLanguages ?? "en"
        return given == "all" ? OccupationCatalogLoader.allLanguages
            : given.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }

    var dataDirectory: String { sharedDataDirectory(occupationData) }

    /// The coder and what the run records about it; nil without `--occupations`. Reads the full ESCO + O*NET data
    /// (with occupation-skill relations) from the data directory; without it, the shipped title tables in
    /// `Taxonomies/occupations` (ESCO titles in 8 languages, ISCO-08 codes and O*NET titles; no skills fallback),
    /// by default in all their languages.
    func coder(quiet: Bool, technologies: Matcher? = nil) throws -> (coder: OccupationCoder, description: String)? {
        guard occupations else { return nil }
        return try OccupationCoding.load(dataDirectory: dataDirectory, explicitDirectory: occupationData != nil,
                                         languages: occupationLanguages == nil ? nil : languages,
                                         technologies: technologies, log: quiet ? { _ in } : { printError($0) })
    }
}
