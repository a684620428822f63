import ArgumentParser
import Foundation
import SkillAnalytics
import SkillIO
import SkillOccupations
import SkillPipeline
import SkillReports

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read text lines on stdin, write one JSON object per skill match.",
        discussion: """
        Each object: line (1-based), start/end (Unicode code-point offsets in the line), byte_start/byte_end \
        (UTF-8 byte offsets), concept_id, label (the taxonomy label that matched), text (the matched text), \
        confidence (0...1; 1 for labels without context rules) and evidence (the reasons, for ruled labels). \
        Matches below --min-confidence are not written. Invalid UTF-8 bytes count as one code point each.
        """)

    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption
    @Flag(help: "Report every overlapping match, not leftmost-longest.") var overlapping = false

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, _) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        var extractor = LineExtractor(taxonomy: t, matcher: matcher, disambiguator: disambiguator, overlapping: overlapping,
                                      minConfidence: disambiguation.minConfidence)
        try extractor.extract(from: try ByteSource(path: "/dev/stdin"), report: { printError($0) }, write: write)
    }

    func write(_ s: String) throws {
        do { try FileHandle.standardOutput.write(contentsOf: Data(s.utf8)) } catch {
            throw ExitCode.success // broken pipe: the reader has what it wanted
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the tokens of TEXT, the rule that made each, and which label produced each match.",
        discussion: """
        Each match shows its confidence (1 for labels without context rules) and the evidence for it; matches \
        below --min-confidence are listed as dropped.
        """)

    @Argument(help: "The text to explain.") var text: String
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption
    @Flag(help: "TEXT is a location: show the places it names and why (as analyze stores them).") var place = false

    @Option(name: .customLong("places"), help: "Gazetteer directory (default: the shipped Taxonomies/places).")
    var placesDirectory: String?

    @Flag(help: "TEXT is a posting's title or header (lines separated by \\n): show the roles it advertises and why.")
    var title = false

    func run() throws {
        if title {
            let extractor = RoleExtractor(places: try? PlaceLoading.normalizer(placesDirectory))
            return Explanation.roles(header: text, extractor: extractor).forEach { print($0) }
        }
        if place { return Explanation.place(text, normalizer: try PlaceLoading.normalizer(placesDirectory)).forEach { print($0) } }
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, rulesPath) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        let tokens = Explanation.tokens(text, matcher: matcher)
        print("tokens:")
        print(ResultTable(header: tokens.header, text: tokens.rows).render(.table))
        let m = Explanation.matches(text, taxonomy: t, matcher: matcher, disambiguator: disambiguator,
                                    minConfidence: disambiguation.minConfidence)
        print("matches (leftmost-longest; context rules: \(rulesPath ?? "none"), min confidence \(disambiguation.minConfidence)):")
        if m.rows.isEmpty { print("  none") } else { print(ResultTable(header: m.header, text: m.rows).render(.table), terminator: "") }
    }
}

struct Postings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drill down from a figure to its postings: which postings mention a skill, and what matched.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @Option(help: "Concept ID (as printed by trends/emerging/gaps) or the skill's name, in any case.") var skill: String
    @Option(help: "Only postings in this window, e.g. 2023-01..2023-12.") var window: String?
    @Flag(help: "Training programmes instead of postings.") var supply = false
    @Option(help: "Rows to show.") var limit: Int = 20

    func run() throws {
        let a = try database.analytics()
        try output.print(QueryTables.drillDown(try a.drillDown(
            conceptID: try a.resolveConcept(skill), window: try MonthWindow.parse(window, option: "--window"),
            corpus: supply ? .supply : .demand, limit: limit)))
    }
}

struct Quarantine: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List quarantined records: file, line, offset, reason.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @Option(help: "Rows to show.") var limit: Int = 100

    func run() throws {
        let a = try database.analytics()
        try output.print(QueryTables.quarantine(try a.quarantine(limit: limit)))
    }
}

struct Runs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List runs with their engine, taxonomy and inputs.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption

    func run() throws {
        let a = try database.analytics()
        try output.print(QueryTables.runs(try a.runs(), inputs: try a.inputs()))
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a seeded synthetic corpus (JSON Lines) with planted trends and its ground truth.",
        discussion: "Writes OUT and OUT.truth.json (which skills rise, fall, appear; realized counts per year).")

    @Option(help: "Output JSONL file.") var out: String
    @Option(help: "Number of postings.") var postings: Int = 10_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "First year.") var startYear: Int = 2020
    @Option(help: "Number of years.") var years: Int = 4
    @Option(help: "Mean posting size in bytes.") var meanBytes: Int = 3_500
    @Flag(help: "Also plant an emerging occupation (its own job title and skill bundle).") var plantOccupation = false
    @Option(help: "Share of postings followed by a copy of a recent one (half with one letter changed).") var duplicates = 0.0

    @Flag(help: "Forum-style postings: no title field; the text opens with 'Employer | Role | Region | REMOTE'.")
    var forumHeaders = false

    @OptionGroup var taxonomy: TaxonomyOption

    func run() throws {
        let truth = try SyntheticCorpusFile.write(to: out, taxonomy: try taxonomy.load().0) { c in
            (c.seed, c.postings, c.startYear, c.years, c.meanPostingBytes) = (seed, postings, startYear, years, meanBytes)
            (c.occupations, c.forumHeaders, c.duplicates) = (plantOccupation ? 1 : 0, forumHeaders, duplicates > 0 ? duplicates : nil)
        }
        print("wrote \(out) (\(truth.postings) postings, \(truth.plantedCopies ?? 0) copies, \(truth.bytes) bytes) and \(out).truth.json")
        for p in truth.planted { print("  planted \(p.kind.rawValue): \(p.label)") }
    }
}
