import Foundation
import SkillAnalytics
import SkillReports
import SkillStore
import SkillDisambiguation
import SkillMatcher
import SkillTaxonomy

/// Re-matches audit contexts with the current taxonomy and rules: the evidence behind a drawn match, and
/// whether a judged context is still matched (the regression check of committed review sheets).
public struct AuditMatcher: Sendable {
    public let taxonomy: Taxonomy
    public let matcher: Matcher
    public let disambiguator: Disambiguator?

    /// Concept ID -> the IDs of its broader concepts (the taxonomy's `broader` attributes).
    let broader: [String: [String]]

    public init(taxonomy: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.disambiguator = disambiguator
        var b: [String: [String]] = [:]
        for a in taxonomy.attributes where a.key == "broader" { b[taxonomy.concepts[a.conceptIndex].id, default: []].append(a.value) }
        broader = b
    }

    /// True when `id` is `target` or a narrower concept of it (`Git` of tools for software configuration
    /// management): a context judged against a concept that has since been split still refers to it.
    public func refers(_ id: String, to target: String) -> Bool {
        var seen: Set<String> = []
        var todo = [id]
        while let c = todo.popLast() {
            if c == target { return true }
            if seen.insert(c).inserted { todo += broader[c] ?? [] }
        }
        return false
    }

    /// Every scored match of `text` (accepted or not), in text order, with the concept ID of each.
    public func scored(_ text: String, employer: String? = nil) -> [(conceptID: String, scored: ScoredMatch, accepted: Bool)] {
        var copy = text
        return copy.withUTF8 { buf in
            var scratch = MatchScratch()
            var matches: [Match] = []
            var all: [ScoredMatch] = []
            let accepted = Analyzer.acceptedMatches(in: buf, matcher: matcher, scratch: &scratch, matches: &matches,
                                                    disambiguator: disambiguator, scored: &all, employer: employer)
            let keys = Set(accepted.map { "\($0.match.start):\($0.match.pattern.rawValue)" })
            return all.map { s in
                (taxonomy.concepts[Int(s.match.value)].id, s, keys.contains("\(s.match.start):\(s.match.pattern.rawValue)"))
            }
        }
    }

    /// The evidence of the match of `draw`'s concept at its byte range, as one line (empty without rules).
    public func evidence(of draw: AuditDraw) -> String {
        for s in scored(draw.matchText, employer: draw.employer)
        where s.conceptID == draw.conceptID && s.scored.match.start == draw.start {
            return s.scored.evidence.map(\.description).joined(separator: "; ")
        }
        return ""
    }

    /// True when the current matcher accepts a match of the context's concept that overlaps its matched text in
    /// the wide window. A match of a narrower concept split off since (`Git` of *tools for software configuration
    /// management*) still refers to the context's concept, except for contexts judged wrong *because of* the
    /// mapping (note `wrong-mapping` or `specific-to-broad`), where the narrower concept is the fix.
    public func stillMatches(_ c: AuditContext) -> Bool {
        let strict = c.verdict == "wrong" && (c.note.hasPrefix("wrong-mapping") || c.note.hasPrefix("specific-to-broad"))
        let scalars = Array(c.wide.unicodeScalars)
        guard c.wideMatchStart <= c.wideMatchEnd, c.wideMatchEnd <= scalars.count else { return false }
        let s = scalars[..<c.wideMatchStart].reduce(0) { $0 + UTF8.width($1) }
        let e = s + scalars[c.wideMatchStart..<c.wideMatchEnd].reduce(0) { $0 + UTF8.width($1) }
        return scored(c.wide, employer: c.employer).contains {
            $0.accepted && (strict ? $0.conceptID == c.conceptID : refers($0.conceptID, to: c.conceptID))
                && $0.scored.match.start < e && $0.scored.match.end > s
        }
    }
}

/// `audit --db`: draws the contexts of the most frequent concepts and writes the review sheet (TSV) and its page.
public enum AuditSampling {
    /// Writes `base`.tsv and `base`.html; returns the contexts written. Evidence is re-scored only when the store
    /// was analysed with the same taxonomy as `matcher`'s.
    public static func write(_ a: Analytics, matcher am: AuditMatcher, top: Int, perConcept: Int, seed: UInt64, corpus: Corpus,
                             base: String, provenance: [(String, String)]) throws -> [AuditContext] {
        let draws = try a.auditDraws(top: top, perConcept: perConcept, seed: seed, corpus: corpus)
        guard !draws.isEmpty else { return [] }
        let sameTaxonomy = try a.taxonomyInfo().digest == am.taxonomy.digest
        let rows = draws.map { d -> AuditContext in
            var c = AuditSampler.context(of: d)
            c.evidence = sameTaxonomy ? am.evidence(of: d) : "(stored with another taxonomy; evidence not re-scored)"
            return c
        }
        let dir = URL(fileURLWithPath: base).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(AuditSheet.write(rows).utf8).write(to: URL(fileURLWithPath: base + ".tsv"))
        try Data(AuditPage.render(rows, title: "skillradar precision audit", provenance: provenance).utf8)
            .write(to: URL(fileURLWithPath: base + ".html"))
        return rows
    }
}

/// `audit --check`: judged sheets re-matched with the current taxonomy and rules.
public enum AuditCheck {
    public struct SheetResult: Sendable {
        public var path: String
        public var correct = 0, correctKept = 0, wrong = 0, wrongGone = 0
        /// Postings-weighted precision of the judged contexts the matcher still accepts.
        public var precisionNow = 0.0
        /// Contexts whose outcome differs from their verdict, as lines (`lost: ...`, `still: ...`).
        public var differences: [String] = []
    }

    /// The contexts of the review sheets at `paths`, in order.
    public static func read(_ paths: [String]) throws -> [AuditContext] {
        try paths.flatMap { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw AuditError("cannot read \(path)") }
            return try AuditSheet.read(String(decoding: data, as: UTF8.self), path: path)
        }
    }

    /// One row per sheet (correct still matched, wrong now unmatched, precision now) and a total row.
    public static func table(_ results: [SheetResult]) -> ResultTable {
        func sum(_ k: KeyPath<SheetResult, Int>) -> Int { results.reduce(0) { $0 + $1[keyPath: k] } }
        let rows = results.map { r -> [Cell] in
            [.text(r.path), .text("\(r.correctKept)/\(r.correct)"), .text("\(r.wrongGone)/\(r.wrong)"), .fixed(r.precisionNow, 3)]
        } + [[.text("total"), .text("\(sum(\.correctKept))/\(sum(\.correct))"), .text("\(sum(\.wrongGone))/\(sum(\.wrong))"), .null]]
        return ResultTable(header: ["sheet", "correct still matched", "wrong now unmatched", "precision of what still matches"],
                           rows: rows)
    }

    public static func run(sheets: [String], matcher am: AuditMatcher) throws -> [SheetResult] {
        try sheets.map { path in
            var r = SheetResult(path: path)
            var stillMatched: [AuditContext] = []
            for ctx in try read([path])
            where ctx.verdict == "correct" || ctx.verdict == "wrong" {
                let matched = am.stillMatches(ctx)
                if matched { stillMatched.append(ctx) }
                let shown = "\(ctx.conceptLabel) | \(ctx.left)[\(ctx.matched)]\(ctx.right)"
                if ctx.verdict == "correct" {
                    r.correct += 1
                    if matched { r.correctKept += 1 } else { r.differences.append("lost: " + shown) }
                } else {
                    r.wrong += 1
                    if !matched { r.wrongGone += 1 } else { r.differences.append("still: \(shown) | \(ctx.note)") }
                }
            }
            // What was drawn then, scored as a sheet: the precision now (new matches since are not in the sheet).
            r.precisionNow = AuditScore.score(stillMatched).weightedPrecision
            return r
        }
    }
}
