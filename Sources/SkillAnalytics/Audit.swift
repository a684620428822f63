import Foundation
import SkillIO
import SkillStore
import SkillSynth

/// One matched context in a precision-audit review sheet: where a concept was matched, the text around it,
/// and (once a reviewer has read it) the verdict.
public struct AuditContext: Sendable, Hashable {
    /// The concept's rank among the audited concepts (1 = most postings).
    public var rank: Int
    public var conceptID: String
    public var conceptLabel: String
    /// Non-duplicate postings mentioning the concept in the audited store (the weight of its precision).
    public var conceptPostings: Int
    public var postingID: Int64
    public var sourceID: String
    public var employer: String
    public var matched: String
    public var confidence: Double
    /// The context rules' evidence for the match (empty for labels without rules, or when not re-scored).
    public var evidence: String
    /// About `AuditSampler.displayWidth` characters before and after the match.
    public var left: String
    public var right: String
    /// A wider window (`AuditSampler.wideWidth` characters each side) with the match at
    /// `wideMatchStart..<wideMatchEnd` (Unicode scalar offsets): what the regression check re-matches.
    public var wide: String
    public var wideMatchStart: Int
    public var wideMatchEnd: Int
    /// `correct`, `wrong`, `unsure` or empty (not yet judged).
    public var verdict: String
    public var note: String

    public init(rank: Int, conceptID: String, conceptLabel: String, conceptPostings: Int, postingID: Int64,
                sourceID: String, employer: String, matched: String, confidence: Double, evidence: String,
                left: String, right: String, wide: String, wideMatchStart: Int, wideMatchEnd: Int,
                verdict: String = "", note: String = "") {
        self.rank = rank
        self.conceptID = conceptID
        self.conceptLabel = conceptLabel
        self.conceptPostings = conceptPostings
        self.postingID = postingID
        self.sourceID = sourceID
        self.employer = employer
        self.matched = matched
        self.confidence = confidence
        self.evidence = evidence
        self.left = left
        self.right = right
        self.wide = wide
        self.wideMatchStart = wideMatchStart
        self.wideMatchEnd = wideMatchEnd
        self.verdict = verdict
        self.note = note
    }
}

/// A mention drawn for review, before its context is cut.
public struct AuditDraw: Sendable, Hashable {
    public var rank: Int
    public var conceptID: String
    public var conceptLabel: String
    public var conceptPostings: Int
    public var postingID: Int64
    public var sourceID: String
    public var employer: String
    /// The posting's match text (title, a blank line, text) and the match's byte range in it.
    public var matchText: String
    public var start: Int
    public var end: Int
    public var confidence: Double
}

/// Draws matched contexts for review and cuts their windows. Pure apart from the store query.
public enum AuditSampler {
    /// Characters shown either side of the match on the sheet.
    public static let displayWidth = 60
    /// Characters kept either side for the regression re-check (context rules look a few tokens away).
    public static let wideWidth = 240

    /// Cuts the display and wide windows around the byte range `start..<end` of `text`. Line breaks and tabs
    /// stay in `wide` (escaped on the sheet); the display windows show them as spaces.
    public static func context(of d: AuditDraw) -> AuditContext {
        let bytes = Array(d.matchText.utf8)
        let s = max(0, min(d.start, bytes.count)), e = max(s, min(d.end, bytes.count))
        let before = Array(String(decoding: bytes[..<s], as: UTF8.self).unicodeScalars)
        let match = String(decoding: bytes[s..<e], as: UTF8.self)
        let after = Array(String(decoding: bytes[e...], as: UTF8.self).unicodeScalars)
        func str(_ xs: ArraySlice<Unicode.Scalar>) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: xs)
            return String(v)
        }
        func flat(_ s: String) -> String {
            s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\t", with: " ")
        }
        let wl = str(before.suffix(wideWidth)), wr = str(after.prefix(wideWidth))
        let wideStart = wl.unicodeScalars.count
        return AuditContext(rank: d.rank, conceptID: d.conceptID, conceptLabel: d.conceptLabel,
                            conceptPostings: d.conceptPostings, postingID: d.postingID, sourceID: d.sourceID,
                            employer: d.employer, matched: match, confidence: d.confidence, evidence: "",
                            left: flat(str(before.suffix(displayWidth))), right: flat(str(after.prefix(displayWidth))),
                            wide: wl + match + wr, wideMatchStart: wideStart,
                            wideMatchEnd: wideStart + match.unicodeScalars.count)
    }
}

extension Analytics {
    /// Draws up to `perConcept` mentions of each of the `top` concepts with the most non-duplicate postings of
    /// `corpus`, uniformly at random with a seeded generator (the same store and seed give the same draw).
    /// Each draw is one posting's first accepted match of the concept. O(mentions of the top concepts).
    public func auditDraws(top: Int, perConcept: Int, seed: UInt64, corpus: Corpus = .demand) throws -> [AuditDraw] {
        let topRows = try store.conceptPostings(taxonomyID: taxonomyID, PostingFilter(corpus: corpus), limit: top)
        var draws: [AuditDraw] = []
        var rng = SplitMix64(seed: seed)
        for (rank, row) in topRows.enumerated() {
            let concept = row.conceptID, postings = row.postings
            let mentions = try store.mentionContexts(conceptID: concept, taxonomyID: taxonomyID, PostingFilter(corpus: corpus))
            // Partial Fisher–Yates: the first `perConcept` of a seeded permutation, then in posting order.
            var idx = Array(mentions.indices)
            let k = min(perConcept, idx.count)
            for i in 0..<k {
                let j = i + Int(rng.next() % UInt64(idx.count - i))
                idx.swapAt(i, j)
            }
            let kept = idx.prefix(k).sorted()
            let texts = try store.postingTexts(ids: kept.map { mentions[$0].postingID })
            for i in kept {
                let m = mentions[i]
                guard let (title, text) = texts[m.postingID] else { continue } // not readable from its source (reported)
                draws.append(AuditDraw(rank: rank + 1, conceptID: concept, conceptLabel: label(concept),
                                       conceptPostings: postings, postingID: m.postingID, sourceID: m.reference,
                                       employer: m.employer,
                                       matchText: title.isEmpty ? text : title + "\n\n" + text,
                                       start: m.start, end: m.end, confidence: m.confidence))
            }
        }
        return draws
    }
}

/// The review sheet as TSV: one header line, one context per line; tabs, line breaks and backslashes in fields
/// are escaped (`\t`, `\n`, `\r`, `\\`) so that a sheet survives spreadsheet round trips.
public enum AuditSheet {
    public static let header = ["rank", "concept_id", "concept", "concept_postings", "posting_id", "source_id",
                                "employer", "confidence", "evidence", "left", "matched", "right", "verdict", "note",
                                "wide", "wide_start", "wide_end"]

    public static func write(_ rows: [AuditContext]) -> String {
        var out = header.joined(separator: "\t") + "\n"
        for r in rows {
            let fields = [String(r.rank), r.conceptID, r.conceptLabel, String(r.conceptPostings), String(r.postingID),
                          r.sourceID, r.employer, formatFixed(r.confidence, 2), r.evidence, r.left, r.matched,
                          r.right, r.verdict, r.note, r.wide, String(r.wideMatchStart), String(r.wideMatchEnd)]
            out += fields.map(escape).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Reads a sheet (columns found by header name, so reordered sheets work). Throws naming the line of
    /// the first malformed row.
    public static func read(_ text: String, path: String) throws -> [AuditContext] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let first = lines.first else { throw AuditError("\(path): empty review sheet") }
        let cols = first.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var at: [String: Int] = [:]
        for (i, c) in cols.enumerated() { at[c] = i }
        for required in ["concept_id", "concept_postings", "matched", "verdict"] where at[required] == nil {
            throw AuditError("\(path):1: missing column \(required); is this a review sheet from `skillradar audit`?")
        }
        var out: [AuditContext] = []
        for (n, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            func col(_ name: String) -> String {
                guard let i = at[name], i < f.count else { return "" }
                return f[i]
            }
            guard let postings = Int(col("concept_postings")) else {
                throw AuditError("\(path):\(n + 1): concept_postings is not a number: \(col("concept_postings"))")
            }
            let verdict = try normalizeVerdict(col("verdict"), at: "\(path):\(n + 1)")
            out.append(AuditContext(rank: Int(col("rank")) ?? 0, conceptID: col("concept_id"), conceptLabel: col("concept"),
                                    conceptPostings: postings, postingID: Int64(col("posting_id")) ?? 0,
                                    sourceID: col("source_id"), employer: col("employer"), matched: col("matched"),
                                    confidence: Double(col("confidence")) ?? 0, evidence: col("evidence"),
                                    left: col("left"), right: col("right"), wide: col("wide"),
                                    wideMatchStart: Int(col("wide_start")) ?? 0, wideMatchEnd: Int(col("wide_end")) ?? 0,
                                    verdict: verdict, note: col("note")))
        }
        return out
    }

    /// `correct`/`c`/`y`/`yes`/`1`, `wrong`/`w`/`n`/`no`/`0`, `unsure`/`u`/`?`, or empty.
    static func normalizeVerdict(_ v: String, at place: String) throws -> String {
        switch v.trimmingCharacters(in: .whitespaces).lowercased() {
        case "": return ""
        case "correct", "c", "y", "yes", "1", "ok": return "correct"
        case "wrong", "w", "n", "no", "0", "x": return "wrong"
        case "unsure", "u", "?": return "unsure"
        default: throw AuditError("\(place): verdict must be correct, wrong or unsure, got \"\(v)\"")
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            guard c == "\\", let n = it.next() else { out.unicodeScalars.append(c); continue }
            switch n {
            case "t": out += "\t"
            case "n": out += "\n"
            case "r": out += "\r"
            default: out.unicodeScalars.append(n)
            }
        }
        return out
    }
}

public struct AuditError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Precision of one concept on a judged sheet.
public struct ConceptPrecision: Sendable, Hashable {
    public var conceptID: String
    public var label: String
    public var postings: Int
    public var correct: Int
    public var wrong: Int
    public var unsure: Int
    /// correct / (correct + wrong); nil when nothing was judged correct or wrong.
    public var precision: Double? { correct + wrong == 0 ? nil : Double(correct) / Double(correct + wrong) }
}

/// The precision estimate of a judged sheet.
public struct AuditScore: Sendable {
    public var concepts: [ConceptPrecision]
    /// Σ w_c p_c / Σ w_c over judged concepts, w_c = the concept's postings: the expected share of correct
    /// concept–posting pairs among the audited concepts' pairs.
    public var weightedPrecision: Double
    /// 95 % interval of the weighted estimate (stratified: each concept is a stratum).
    public var low: Double
    public var high: Double
    public var judged: Int
    public var unjudged: Int

    /// Scores judged contexts. Each concept is a stratum weighted by its postings; its variance is
    /// p̃(1 − p̃)/n with p̃ = (correct + ½)/(n + 1), so a stratum judged all-correct still contributes
    /// uncertainty. Unsure verdicts are left out of both counts.
    public static func score(_ rows: [AuditContext]) -> AuditScore {
        var byConcept: [String: ConceptPrecision] = [:]
        var order: [String] = []
        var unjudged = 0
        for r in rows {
            if byConcept[r.conceptID] == nil {
                byConcept[r.conceptID] = ConceptPrecision(conceptID: r.conceptID, label: r.conceptLabel,
                                                          postings: r.conceptPostings, correct: 0, wrong: 0, unsure: 0)
                order.append(r.conceptID)
            }
            switch r.verdict {
            case "correct": byConcept[r.conceptID]?.correct += 1
            case "wrong": byConcept[r.conceptID]?.wrong += 1
            case "unsure": byConcept[r.conceptID]?.unsure += 1
            default: unjudged += 1
            }
        }
        let concepts = order.compactMap { byConcept[$0] }
        let judgedConcepts = concepts.filter { $0.precision != nil }
        let total = Double(judgedConcepts.reduce(0) { $0 + $1.postings })
        var p = 0.0, variance = 0.0
        if total > 0 {
            for c in judgedConcepts {
                let w = Double(c.postings) / total, n = Double(c.correct + c.wrong)
                p += w * (c.precision ?? 0)
                let smoothed = (Double(c.correct) + 0.5) / (n + 1)
                variance += w * w * smoothed * (1 - smoothed) / n
            }
        }
        let half = 1.96 * variance.squareRoot()
        return AuditScore(concepts: concepts, weightedPrecision: p, low: max(0, p - half), high: min(1, p + half),
                          judged: concepts.reduce(0) { $0 + $1.correct + $1.wrong + $1.unsure }, unjudged: unjudged)
    }
}
