import Foundation
import SkillDisambiguation
import SkillIO
import SkillMatcher
import SkillOccupations
import SkillPlaces
import SkillReports
import SkillTaxonomy
import SkillTokenizer

/// `extract`: one JSON object per accepted skill match of a line of text.
public struct LineExtractor {
    let taxonomy: Taxonomy
    let matcher: Matcher
    let disambiguator: Disambiguator?
    let overlapping: Bool
    let minConfidence: Double
    var scratch = MatchScratch()
    var matches: [Match] = []
    var scored: [ScoredMatch] = []

    public init(taxonomy: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?, overlapping: Bool, minConfidence: Double) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.disambiguator = disambiguator
        self.overlapping = overlapping
        self.minConfidence = minConfidence
    }

    /// Appends to `out` one JSON line per match of line `number` at or above the minimum confidence: line,
    /// code-point and byte offsets, concept, label, matched text, confidence and evidence.
    /// Extracts every line of `source`, handing `write` the JSON lines about 64 KB at a time; a line over the
    /// line limit is skipped and reported through `report`.
    public mutating func extract(from source: ByteSource, report: (String) -> Void, write: (String) throws -> Void) throws {
        var out = ""
        try LineReader().forEach(source) { event in
            switch event {
            case .tooLong(let n, _, let length): report("line \(n): \(length) bytes, over the line limit; skipped")
            case .line(let l):
                extract(line: l.bytes, number: l.number, into: &out)
                if out.utf8.count > 1 << 16 {
                    try write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        try write(out)
    }

    public mutating func extract(line bytes: UnsafeBufferPointer<UInt8>, number: Int, into out: inout String) {
        matches.removeAll(keepingCapacity: true)
        matcher.matches(in: bytes, kind: overlapping ? .overlapping : .leftmostLongest, scratch: &scratch, into: &matches)
        scored.removeAll(keepingCapacity: true)
        if let disambiguator {
            if overlapping {
                disambiguator.score(text: bytes, tokens: scratch.tokens, matches: matches, into: &scored)
            } else {
                disambiguator.score(text: bytes, matcher: matcher, scratch: scratch, matches: &matches, into: &scored)
            }
        } else {
            scored.append(contentsOf: matches.map { ScoredMatch(match: $0, confidence: 1) })
        }
        for s in scored where s.confidence >= minConfidence {
            let m = s.match
            let cpStart = Self.codePoints(bytes, upTo: m.start), cpEnd = cpStart + Self.codePoints(bytes, from: m.start, upTo: m.end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[m.start..<m.end]), as: UTF8.self)
            out += "{\"line\":\(number),\"start\":\(cpStart),\"end\":\(cpEnd),\"byte_start\":\(m.start),"
                + "\"byte_end\":\(m.end),\"concept_id\":\(Escaping.json(taxonomy.concepts[Int(m.value)].id)),"
                + "\"label\":\(Escaping.json(matcher.label(m.pattern))),"
                + "\"text\":\(Escaping.json(text)),\"confidence\":\(formatFixed(s.confidence, 3)),"
                + "\"evidence\":[\(s.evidence.map { Escaping.json($0.description) }.joined(separator: ","))]}\n"
        }
    }

    /// Code points of `b[from..<end]`; an invalid UTF-8 byte counts as one.
    static func codePoints(_ b: UnsafeBufferPointer<UInt8>, from: Int = 0, upTo end: Int) -> Int {
        var n = 0
        for i in from..<end where b[i] & 0xC0 != 0x80 || b[i] < 0x80 { n += 1 }
        return n
    }
}

/// `explain`: why a text gives the tokens, matches, places or roles it gives, as lines for people.
public enum Explanation {
    /// The roles a title or header advertises.
    public static func roles(header text: String, extractor: RoleExtractor) -> [String] {
        let roles = extractor.roles(title: "", text: text.replacingOccurrences(of: "\\n", with: "\n"))
        return ["header: \(text)"]
            + (roles.isEmpty ? ["  no role (company names, places, employment terms, URLs and prose are not roles)"] : [])
            + roles.map { "  role '\($0.phrase)' -> cluster '\($0.key)' (\($0.evidence))" }
    }

    /// The places a location string names, and how a posting's text without a location field would be placed.
    public static func place(_ text: String, normalizer n: PlaceNormalizer) -> [String] {
        let r = n.normalize(text)
        var out = ["location: \(text)\n  -> \(r.summary)",
                   "  countries: \(r.countries.joined(separator: ", ")); first-level regions: \(r.admin1.joined(separator: ", "))",
                   "  rolls up to: \(r.rollUpKeys.joined(separator: ", "))"]
        out += r.evidence.map { "  \($0)" }
        if let located = n.locate(title: "", text: text), located.raw != text {
            out.append("as a posting's text without a location field: '\(located.raw)' (\(located.evidence)) -> \(located.resolution.summary)")
        }
        return out
    }

    /// Tokens of `text` (text, normalized form, rule, bytes, vocabulary id).
    public static func tokens(_ text: String, matcher: Matcher) -> (header: [String], rows: [[String]]) {
        let tok = matcher.tokenizer
        var copy = text
        let tokens = tok.tokenize(text)
        var rows: [[String]] = []
        copy.withUTF8 { buf in
            var scratch: [UInt8] = []
            for (i, tk) in tokens.enumerated() {
                let raw = String(decoding: UnsafeBufferPointer(rebasing: buf[tk.start..<tk.end]), as: UTF8.self)
                let id = tok.tokenID(tk, in: buf, vocabulary: matcher.vocabulary, scratch: &scratch)
                tok.normalize(tk, in: buf, into: &scratch) // tokenID fills scratch only for non-ASCII tokens
                rows.append([String(i), raw, String(decoding: scratch, as: UTF8.self),
                             tk.span == .prose ? tk.rule.description : "\(tk.rule) (in \(tk.span))",
                             "\(tk.start)..<\(tk.end)", id == 0 ? "-" : String(id)])
            }
        }
        return (["#", "text", "normalized", "rule", "bytes", "vocab id"], rows)
    }

    /// Matches of `text` with their label, concept, confidence (marked `dropped` below `minConfidence`) and evidence.
    public static func matches(_ text: String, taxonomy t: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?,
                               minConfidence: Double) -> (header: [String], rows: [[String]]) {
        let scored = disambiguator?.score(text, matcher: matcher)
            ?? matcher.matches(in: text).map { ScoredMatch(match: $0, confidence: 1) }
        let bytes = Array(text.utf8)
        let rows = scored.map { s in
            let m = s.match
            return [String(decoding: bytes[m.start..<m.end], as: UTF8.self), "tokens \(m.tokenStart)..<\(m.tokenEnd)",
                    "label \"\(matcher.label(m.pattern))\"", t.concepts[Int(m.value)].id, t.concepts[Int(m.value)].preferredLabel,
                    formatFixed(s.confidence, 2) + (s.confidence >= minConfidence ? "" : " dropped"),
                    s.evidence.isEmpty ? "unambiguous label" : s.evidence.map(\.description).joined(separator: "; ")]
        }
        return (["matched", "span", "label", "concept_id", "concept", "confidence", "evidence"], rows)
    }
}

/// A context rules file read for a matcher.
public enum ContextRulesLoading {

    /// The rules a command uses: `rules`, else `context-rules.tsv` in the taxonomy directory when present; none
    /// with `noRules`. Returns the disambiguator, the file and the SHA-256 of its bytes; notes (via `note`) the
    /// rules of a given file whose labels the taxonomy lacks.
    public static func resolve(rules: String?, noRules: Bool, taxonomyDirectory: String, matcher: Matcher, minConfidence: Double,
                               evidence: Set<String>, note: (String) -> Void) throws -> (Disambiguator?, String?, String?) {
        guard !noRules else { return (nil, nil, nil) }
        let candidate = taxonomyDirectory + "/context-rules.tsv"
        guard let path = rules ?? (FileManager.default.fileExists(atPath: candidate) ? candidate : nil) else { return (nil, nil, nil) }
        let (d, digest) = try load(path: path, matcher: matcher, minConfidence: minConfidence, evidence: evidence)
        if !d.unusedLabels.isEmpty, rules != nil {
            note("note: \(path): no taxonomy label for rules of \(d.unusedLabels.joined(separator: ", "))")
        }
        return (d, path, digest)
    }

    /// The disambiguator of the rules in `path` and the SHA-256 of the bytes parsed (the run's provenance).
    public static func load(path: String, matcher: Matcher, minConfidence: Double,
                            evidence: Set<String>) throws -> (Disambiguator, String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError("cannot read the context rules file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw PipelineError("\(path): not UTF-8 text") }
        let d = Disambiguator(rules: try ContextRules.parse(text, path: path), matcher: matcher,
                              threshold: minConfidence, evidenceLabels: evidence)
        return (d, SHA256.hex([UInt8](data)))
    }
}
