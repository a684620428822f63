import ArgumentParser
import Foundation
import SkillAnalytics
import SkillPipeline
import SkillReports
import SkillStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Precision audit: sample matched contexts for review, or score a judged review sheet.",
        discussion: """
        Sampling (--db): for each of the --top concepts with the most postings, draws up to --per-concept \
        postings at random (seeded) and writes each posting's match of the concept with about 60 characters \
        either side, the confidence and the evidence, to a review sheet: OUT.tsv and OUT.html. Fill the verdict \
        column with correct, wrong or unsure (or use the page's selectors and its download button). \
        Scoring (--score SHEET): precision per concept and the postings-weighted precision of the audited \
        concepts with a 95 % interval.
        """)

    @Option(help: "Database to sample from.") var db: String?
    @Option(parsing: .upToNextOption, help: "Judged review sheets (TSV) to score.") var score: [String] = []
    @Option(parsing: .upToNextOption, help: "Judged review sheets (TSV) to re-check with the current taxonomy and rules.")
    var check: [String] = []

    @Option(help: "Number of most frequent concepts to audit.") var top: Int = 50
    @Option(help: "Contexts drawn per concept.") var perConcept: Int = 10
    @Option(help: "Seed of the random draw.") var seed: UInt64 = 1
    @Option(help: "Corpus to audit: demand (postings) or supply (programmes).") var corpus: String = "demand"
    @Option(help: "Output path without extension (default: audit next to the database).") var out: String?
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption
    @OptionGroup var format: FormatOption

    func validate() throws {
        let modes = (db == nil ? 0 : 1) + (score.isEmpty ? 0 : 1) + (check.isEmpty ? 0 : 1)
        if modes == 0 { throw ValidationError("give --db DB to draw a sheet, --score SHEET to score one or --check SHEET") }
        if modes > 1 { throw ValidationError("--db, --score and --check exclude each other") }
        guard top > 0, perConcept > 0 else { throw ValidationError("--top and --per-concept must be positive") }
        guard Corpus(rawValue: corpus) != nil else { throw ValidationError("--corpus must be demand or supply") }
    }

    func run() throws {
        if !score.isEmpty { return try runScore() }
        if !check.isEmpty { return try runCheck() }
        guard let db else { return }
        let a = try Analytics(store: try SkillStore(path: db, readOnly: true))
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, _) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        let base = out ?? (URL(fileURLWithPath: db).deletingPathExtension().path + "-audit")
        let provenance = [("db", db), ("corpus", corpus), ("top", String(top)), ("per_concept", String(perConcept)),
                          ("seed", String(seed)), ("taxonomy", "\(t.name) \(t.version) \(String(t.digest.prefix(12)))")]
        let rows: [AuditContext]
        do {
            rows = try AuditSampling.write(a, matcher: AuditMatcher(taxonomy: t, matcher: matcher, disambiguator: disambiguator),
                                           top: top, perConcept: perConcept, seed: seed,
                                           corpus: Corpus(rawValue: corpus) ?? .demand, base: base, provenance: provenance)
        } catch let e as CocoaError {
            throw RuntimeError("cannot write the review sheet \(base).tsv/.html: \(e.localizedDescription)")
        }
        guard !rows.isEmpty else {
            throw RuntimeError("\(db) has no \(corpus) context to audit: no matched posting, or none whose text could be read back")
        }
        print("wrote \(rows.count) contexts of \(Set(rows.map(\.conceptID)).count) concepts to \(base).tsv and \(base).html")
        print("judge the verdict column (correct, wrong, unsure), then: skillradar audit --score \(base).tsv")
    }

    /// Re-matches every judged context: a `wrong` one should no longer match, a `correct` one still should.
    func runCheck() throws {
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, _) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        let results = try AuditCheck.run(sheets: check, matcher: AuditMatcher(taxonomy: t, matcher: matcher,
                                                                              disambiguator: disambiguator))
        if verbose { for r in results { r.differences.forEach { print($0) } } }
        try format.print(AuditCheck.table(results))
    }

    @Flag(help: "With --check: list every context whose outcome differs from its verdict.") var verbose = false

    func runScore() throws {
        let s = AuditScore.score(try AuditCheck.read(score))
        guard s.judged > 0 else {
            throw RuntimeError("no verdicts in \(score.joined(separator: ", ")): fill the verdict column with correct, wrong or unsure")
        }
        let r = QueryTables.auditScore(s)
        try format.print(r.table)
        if format.format == .table { r.summary.forEach { print($0) } }
    }
}
