import Foundation
import SkillMatcher

/// One line of the project's own span gold (`Tests/fixtures/gold/spans.jsonl`): text with every skill mention
/// marked as a Unicode-scalar range, annotated by reading (guidelines in that folder's README).
public struct SpanGoldLine: Sendable, Hashable {
    public var id: String
    public var source: String
    /// `random`, `tagcue` or `trap` (from `lines.jsonl`), empty when unknown.
    public var stratum: String
    public var text: String
    public var spans: [Range<Int>]
}

/// Precision and recall of one subset of the span gold.
public struct SpanGoldScore: Sendable, Hashable, Codable {
    public var subset: String
    public var lines: Int
    public var gold: Int
    public var predicted: Int
    /// Partial overlap: a prediction is right when it overlaps a gold span; a gold span is found when some
    /// prediction overlaps it.
    public var overlapPrecision: Double
    public var overlapRecall: Double
    /// Exact span: the prediction's range equals a gold span's.
    public var exactPrecision: Double
    public var exactRecall: Double
}

public enum SpanGold {
    /// Reads `spans.jsonl` and, when present, the strata of `lines.jsonl` beside it. Throws naming the line of the
    /// first malformed record.
    public static func load(_ path: String) throws -> [SpanGoldLine] {
        func objects(_ p: String) throws -> [[String: Any]] {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: p)), as: UTF8.self)
            return try text.split(separator: "\n").enumerated().map { i, line in
                guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw SpanGoldError("\(p):\(i + 1): not a JSON object")
                }
                return o
            }
        }
        var strata: [String: String] = [:]
        let linesPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("lines.jsonl").path
        if FileManager.default.fileExists(atPath: linesPath) {
            for o in try objects(linesPath) { if let id = o["id"] as? String { strata[id] = o["stratum"] as? String ?? "" } }
        }
        return try objects(path).enumerated().map { i, o in
            guard let id = o["id"] as? String, let text = o["text"] as? String, let spans = o["spans"] as? [[String: Any]] else {
                throw SpanGoldError("\(path):\(i + 1): needs id, text and spans")
            }
            let ranges = try spans.map { s -> Range<Int> in
                guard let a = s["start"] as? Int, let b = s["end"] as? Int, a < b else {
                    throw SpanGoldError("\(path):\(i + 1): a span needs start < end")
                }
                return a..<b
            }
            return SpanGoldLine(id: id, source: o["source"] as? String ?? "", stratum: strata[id] ?? "", text: text, spans: ranges)
        }
    }

    /// The extractor's predicted spans of `text` as Unicode-scalar ranges (several concepts at one span count once).
    public static func predictions(_ text: String, extractor: SpanExtractor) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var scalarAt = [Int](repeating: 0, count: bytes.count + 1)
        var k = 0
        for (i, b) in bytes.enumerated() {
            scalarAt[i] = k
            if b & 0xC0 != 0x80 { k += 1 }
            scalarAt[i] = b & 0xC0 != 0x80 ? k - 1 : k - 1
        }
        scalarAt[bytes.count] = k
        var seen = Set<Range<Int>>()
        var out: [Range<Int>] = []
        for m in extractor.matches(in: text).matches {
            let r = scalarAt[m.start]..<(m.end < bytes.count ? scalarAt[m.end] : k)
            if seen.insert(r).inserted { out.append(r) }
        }
        return out
    }

    /// Scores `lines` overall, per source and per stratum.
    public static func evaluate(_ lines: [SpanGoldLine], extractor: SpanExtractor)
        -> (scores: [SpanGoldScore], errors: [(line: SpanGoldLine, falsePositives: [Range<Int>], misses: [Range<Int>])]) {
        var acc: [String: (l: Int, g: Int, p: Int, pOk: Int, gOk: Int, pEx: Int, gEx: Int)] = [:]
        var order: [String] = ["all"]
        var errors: [(line: SpanGoldLine, falsePositives: [Range<Int>], misses: [Range<Int>])] = []
        for line in lines {
            let pred = predictions(line.text, extractor: extractor)
            let pOk = pred.filter { p in line.spans.contains { $0.overlaps(p) } }.count
            let gOk = line.spans.filter { g in pred.contains { $0.overlaps(g) } }.count
            let exact = Set(pred).intersection(line.spans).count
            let fps = pred.filter { p in !line.spans.contains { $0.overlaps(p) } }
            let misses = line.spans.filter { g in !pred.contains { $0.overlaps(g) } }
            if !fps.isEmpty || !misses.isEmpty { errors.append((line, fps, misses)) }
            for subset in ["all", "source=" + line.source] + (line.stratum.isEmpty ? [] : ["stratum=" + line.stratum]) {
                if acc[subset] == nil { acc[subset] = (0, 0, 0, 0, 0, 0, 0); if subset != "all" { order.append(subset) } }
                acc[subset]!.l += 1
                acc[subset]!.g += line.spans.count
                acc[subset]!.p += pred.count
                acc[subset]!.pOk += pOk
                acc[subset]!.gOk += gOk
                acc[subset]!.pEx += exact
                acc[subset]!.gEx += exact
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
        let scores = order.map { s -> SpanGoldScore in
            let a = acc[s] ?? (0, 0, 0, 0, 0, 0, 0)
            return SpanGoldScore(subset: s, lines: a.l, gold: a.g, predicted: a.p, overlapPrecision: ratio(a.pOk, a.p),
                                 overlapRecall: ratio(a.gOk, a.g), exactPrecision: ratio(a.pEx, a.p),
                                 exactRecall: ratio(a.gEx, a.g))
        }
        return (scores, errors)
    }

    /// The errors as TSV lines: id, false positives, misses (each as the text of its span), the line's text.
    public static func errorLines(_ errors: [(line: SpanGoldLine, falsePositives: [Range<Int>], misses: [Range<Int>])]) -> String {
        var out = ""
        for e in errors {
            let s = Array(e.line.text.unicodeScalars)
            func cut(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(s[r.clamped(to: 0..<s.count)])) }
            out += "\(e.line.id)\tFP: \(e.falsePositives.map(cut).joined(separator: " | "))\tMISS: "
                + "\(e.misses.map(cut).joined(separator: " | "))\t\(e.line.text)\n"
        }
        return out
    }
}

public struct SpanGoldError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
