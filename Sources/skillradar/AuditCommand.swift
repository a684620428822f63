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

    @Option(name: .long, help: "Database to sample from.")
    var db: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Judged review sheets (TSV) to score.")
    var score: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Judged review sheets (TSV) to re-check with the current taxonomy and rules.")
    var check: [String] = []

    @Option(name: .long, help: "Number of most frequent concepts to audit.")
    var top: Int = 50

    @Option(name: .long, help: "Contexts drawn per concept.")
    var perConcept: Int = 10

    @Option(name: .long, help: "Seed of the random draw.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Corpus to audit: demand (postings) or supply (programmes).")
    var corpus: String = "demand"

    @Option(name: .long, help: "Output path without extension (default: audit next to the database).")
    var out: String?

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
        let store = try SkillStore(path: db, readOnly: true)
        let a = try Analytics(store: store)
        let draws = try a.auditDraws(top: top, perConcept: perConcept, seed: seed, corpus: Corpus(rawValue: corpus) ?? .demand)
        guard !draws.isEmpty else {
            throw RuntimeError("\(db) has no matched \(corpus) postings to audit; run `skillradar analyze` first")
        }
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, _) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        let am = AuditMatcher(taxonomy: t, matcher: matcher, disambiguator: disambiguator)
        let stored = try store.latestTaxonomy()
        let sameTaxonomy = stored?.digest == t.digest
        let rows = draws.map { d -> AuditContext in
            var c = AuditSampler.context(of: d)
            c.evidence = sameTaxonomy ? am.evidence(of: d) : "(stored with another taxonomy; evidence not re-scored)"
            return c
        }
        let base = out ?? (URL(fileURLWithPath: db).deletingPathExtension().path + "-audit")
        let dir = URL(fileURLWithPath: base).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try writeFile(base + ".tsv", AuditSheet.write(rows))
        let provenance = [("db", db), ("corpus", corpus), ("top", String(top)), ("per_concept", String(perConcept)),
                          ("seed", String(seed)), ("taxonomy", "\(t.name) \(t.version) \(String(t.digest.prefix(12)))")]
        try writeFile(base + ".html", AuditPage.render(rows, title: "skillradar precision audit", provenance: provenance))
        let concepts = Set(rows.map(\.conceptID)).count
        print("wrote \(rows.count) contexts of \(concepts) concepts to \(base).tsv and \(base).html")
        print("judge the verdict column (correct, wrong, unsure), then: skillradar audit --score \(base).tsv")
    }

    func writeFile(_ path: String, _ text: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw RuntimeError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Re-matches every judged context: a `wrong` one should no longer match, a `correct` one still should.
    func runCheck() throws {
        let (t, matcher) = try taxonomy.load()
        let (disambiguator, _) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        let am = AuditMatcher(taxonomy: t, matcher: matcher, disambiguator: disambiguator)
        var rows: [[String]] = []
        var totals = (correctKept: 0, correct: 0, wrongGone: 0, wrong: 0)
        for path in check {
            guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("cannot read \(path)") }
            var c = (kept: 0, n: 0, gone: 0, w: 0)
            var stillMatched: [AuditContext] = []
            for ctx in try AuditSheet.read(String(decoding: data, as: UTF8.self), path: path) {
                guard ctx.verdict == "correct" || ctx.verdict == "wrong" else { continue }
                let matched = am.stillMatches(ctx)
                if matched { stillMatched.append(ctx) }
                if ctx.verdict == "correct" { c.n += 1; if matched { c.kept += 1 } else if verbose { print("lost: \(ctx.conceptLabel) | \(ctx.left)[\(ctx.matched)]\(ctx.right)") } }
                else { c.w += 1; if !matched { c.gone += 1 } else if verbose { print("still: \(ctx.conceptLabel) | \(ctx.left)[\(ctx.matched)]\(ctx.right) | \(ctx.note)") } }
            }
            // The judged contexts the current matcher still accepts, scored as a sheet: the precision now, on
            // what was drawn then (new matches since are not in the sheet).
            let now = AuditScore.score(stillMatched)
            rows.append([path, "\(c.kept)/\(c.n)", "\(c.gone)/\(c.w)", fmt(now.weightedPrecision, 3)])
            totals.correctKept += c.kept; totals.correct += c.n; totals.wrongGone += c.gone; totals.wrong += c.w
        }
        rows.append(["total", "\(totals.correctKept)/\(totals.correct)", "\(totals.wrongGone)/\(totals.wrong)", ""])
        print(ResultTable(header: ["sheet", "correct still matched", "wrong now unmatched", "precision of what still matches"],
                          text: rows).render(format.format), terminator: "")
    }

    @Flag(name: .long, help: "With --check: list every context whose outcome differs from its verdict.")
    var verbose = false

    func runScore() throws {
        var rows: [AuditContext] = []
        for path in score {
            guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("cannot read \(path)") }
            rows += try AuditSheet.read(String(decoding: data, as: UTF8.self), path: path)
        }
        let s = AuditScore.score(rows)
        guard s.judged > 0 else {
            throw RuntimeError("no verdicts in \(score.joined(separator: ", ")): fill the verdict column with correct, wrong or unsure")
        }
        let table = s.concepts.map { c in
            [c.label, String(c.postings), String(c.correct), String(c.wrong), String(c.unsure),
             c.precision.map { fmt($0, 2) } ?? "-", c.conceptID]
        }
        print(ResultTable(header: ["concept", "postings", "correct", "wrong", "unsure", "precision", "concept_id"],
                          text: table).render(format.format), terminator: "")
        if format.format == .table {
            print("postings-weighted precision \(fmt(s.weightedPrecision, 3)) (95 % interval \(fmt(s.low, 3))–\(fmt(s.high, 3))) "
                  + "over \(s.concepts.filter { $0.precision != nil }.count) concepts; \(s.judged) contexts judged, "
                  + "\(s.unjudged) without verdict")
            let below = s.concepts.filter { ($0.precision ?? 1) < 0.8 }
            if !below.isEmpty { print("below 0.80: " + below.map(\.label).joined(separator: ", ")) }
        }
    }
}
