import ArgumentParser
import Foundation
import SkillMatcher
import SkillOccupations
import SkillPipeline
import SkillReports
import SkillStore

/// Options for reading inputs, shared by `analyze` and `gaps --supply`.
struct IngestOptions: ParsableArguments {
    @Option(help: "Input format for every input: jsonl, csv, tsv, html or xml (default: from the file name).") var inputFormat: String?
    @Option(help: "Character encoding of inputs without a byte-order mark: utf-8, iso-8859-1, iso-8859-15, windows-1252, utf-16le, utf-16be (default: UTF-8; HTML and XML: as declared).")
    var encoding: String?

    @Option(help: "CSV/TSV field delimiter: one character, or 'tab' (default: ',' for CSV, tab for TSV).") var delimiter: String?
    @Option(help: "XML: path of the record element, e.g. COURSE or channel/item (default: RSS item, Atom entry, DEFTIS COURSE); --map keys are then element paths below it.")
    var recordPath: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Field mapping FIELD=KEY (fields: id, title, text, date, region, employer); repeatable.")
    var map: [String] = []

    @Option(help: "Matching threads; the default is the number of cores.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Records per transaction.") var batchSize: Int = 2_000
    @Option(help: "Largest record in bytes; larger ones are quarantined.") var maxRecordBytes: Int = 8 << 20
    @Flag(help: "No progress lines.") var quiet = false
    @Option(name: .customLong("places"), help: "Gazetteer directory for location normalisation (default: the shipped Taxonomies/places).")
    var placesDirectory: String?

    @Flag(help: "Keep locations as raw strings: no normalisation to places, no location taken from the text.") var noPlaces = false
    @Option(help: "Word-shingle Jaccard similarity at or above which a posting is a near-duplicate (0-1].") var nearDupThreshold: Double = 0.9
    @Flag(help: "Detect exact duplicates only (no near-duplicates or reposts).") var noNearDup = false
    @Flag(help: "Keep posting text in the database (default: by reference to the source file, read back from it).") var storeText = false
    @Option(help: "Same title and employer with near-identical text within this many days is a repost.") var repostWindowDays: Int = 30
    @Option(help: "Copies of an ad dated more than this many days apart (or by different employers) both count.") var distinctAfterDays: Int = 60

    var settings: IngestSettings {
        var s = IngestSettings()
        (s.inputFormat, s.encoding, s.delimiter, s.recordPath, s.map) = (inputFormat, encoding, delimiter, recordPath, map)
        (s.threads, s.batchSize, s.maxRecordBytes, s.placesDirectory, s.noPlaces) =
            (threads, batchSize, maxRecordBytes, placesDirectory, noPlaces)
        (s.nearDupThreshold, s.noNearDup, s.repostWindowDays, s.distinctAfterDays, s.storeText) =
            (nearDupThreshold, noNearDup, repostWindowDays, distinctAfterDays, storeText)
        return s
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError("\(error)") }
    }

    func options(inputs: [String], db: String, corpus: Corpus, command: String) throws -> AnalyzeOptions {
        try settings.analyzeOptions(inputs: inputs, database: db, corpus: corpus, command: command)
    }
}

/// Runs ingestion + matching + storage and prints the accounting; returns the result and, when an input gave no
/// usable record or a file was skipped, the exit-3 report to throw once the command has printed its answer.
/// With `accountingToStandardError`, the accounting goes to stderr so that stdout carries only the
/// command's own (machine-readable) result.
func runAnalysis(_ options: AnalyzeOptions, taxonomy: TaxonomyOption, disambiguation: DisambiguationOption,
                 occupations: OccupationCodingOptions? = nil, quiet: Bool,
                 accountingToStandardError: Bool = false) throws -> (result: AnalyzeResult, partial: PartialInput?) {
    let (result, partial) = try AnalysisRun.run(
        options, analyzer: try loadAnalyzer(taxonomy, disambiguation, occupations, quiet: quiet), quiet: quiet,
        log: { printError($0) }, say: accountingToStandardError ? { printError($0) } : { print($0) })
    return (result, partial.map { PartialInput(description: $0) })
}

/// The analyzer of an `analyze` or `scan` run: taxonomy, context rules and, with `--occupations`, the title coder.
func loadAnalyzer(_ taxonomy: TaxonomyOption, _ disambiguation: DisambiguationOption, _ occupations: OccupationCodingOptions?,
                  quiet: Bool) throws -> Analyzer {
    let (t, matcher) = try taxonomy.load()
    let (disambiguator, rulesPath, rulesDigest) = try disambiguation.loadWithDigest(taxonomy: taxonomy, matcher: matcher,
                                                                                    evidence: t.evidenceLabels)
    let coding = try occupations.flatMap { try $0.coder(quiet: quiet, technologies: t.titleTechnologyMatcher()) }
    return Analyzer(taxonomy: t, matcher: matcher, disambiguator: disambiguator,
                    rulesDescription: rulesPath.map { "\(URL(fileURLWithPath: $0).lastPathComponent) sha256:\((rulesDigest ?? "").prefix(16))" },
                    occupationCoder: coding?.coder, occupationDescription: coding?.description)
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
        let partial = try runAnalysis(o, taxonomy: taxonomy, disambiguation: disambiguation,
                                      occupations: supply ? nil : occupations, quiet: ingest.quiet).partial
        if !supply {
            print("\ntop skills:\n" + QueryTables.topSkills(try database.analytics().topSkills(limit: 10)).render(.table),
                  terminator: "")
        }
        if let partial { throw partial }
    }
}

/// `--occupations`: code each posting's job title to an ESCO occupation / ISCO-08 group (stored in
/// `posting_occupations`, used by `emerging --occupations` and `gaps --occupation`).
struct OccupationCodingOptions: ParsableArguments {
    @Flag(help: "Code job titles to ESCO occupations and ISCO-08 groups (needs the ESCO/O*NET data).") var occupations = false
    @Option(help: "Data directory holding taxonomy/esco and taxonomy/onet_29.2 (default: $SKILLRADAR_SHARED_DATA or ../shared/data).")
    var occupationData: String?

    @Option(help: "Title languages to load, comma-separated, or 'all' (26 ESCO languages and ar; default: en, or all shipped languages when coding with Taxonomies/occupations).")
    var occupationLanguages: String?

    func validate() throws {
        if occupations { do { _ = try OccupationCoding.languages(occupationLanguages) } catch { throw ValidationError("\(error)") } }
    }

    var dataDirectory: String { sharedDataDirectory(occupationData) }

    /// The coder and what the run records about it; nil (and `technologies` never built) without `--occupations`.
    /// Reads the full ESCO + O*NET data (with occupation-skill relations) from the data directory; without it, the
    /// shipped title tables in `Taxonomies/occupations` (ESCO titles in 8 languages, ISCO-08 codes and O*NET titles;
    /// no skills fallback), by default in all their languages.
    func coder(quiet: Bool, technologies: @autoclosure () -> Matcher? = nil) throws -> (coder: OccupationCoder, description: String)? {
        guard occupations else { return nil }
        let languages = occupationLanguages == nil ? nil : try OccupationCoding.languages(occupationLanguages)
        return try OccupationCoding.load(dataDirectory: dataDirectory, explicitDirectory: occupationData != nil, languages: languages,
                                         technologies: technologies(), log: quiet ? { _ in } : { printError($0) })
    }
}
