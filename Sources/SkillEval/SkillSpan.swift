import SkillIO

/// A half-open range of token indices in a gold sentence.
public struct TokenSpan: Sendable, Hashable, Codable, Comparable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public func overlaps(_ o: TokenSpan) -> Bool { start < o.end && o.start < end }
    public static func < (a: TokenSpan, b: TokenSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

/// One SkillSpan sentence: its tokens and its gold skill and knowledge spans.
public struct GoldSentence: Sendable, Hashable {
    public var tokens: [String]
    public var skill: [TokenSpan]
    public var knowledge: [TokenSpan]
    /// `tech` or `house`.
    public var domain: String
    /// 1-based line of the sentence's first token in its file.
    public var line: Int

    public init(tokens: [String], skill: [TokenSpan], knowledge: [TokenSpan], domain: String, line: Int) {
        self.tokens = tokens
        self.skill = skill
        self.knowledge = knowledge
        self.domain = domain
        self.line = line
    }
}

/// An error in a gold file, with the file and line.
public struct GoldFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path):\(line): \(message)" }
}

/// Reads SkillSpan CoNLL files: `token<TAB>skill-tag<TAB>knowledge-tag`, BIO tags, blank line between sentences.
public enum SkillSpanReader {
    /// Parses CoNLL text. Tags are `O`, `B-<type>`, `I-<type>` (the type suffix is ignored); an `I` without a
    /// preceding span starts one (the usual lenient BIO reading); a line with other than three fields throws.
    public static func parse(lines: [(number: Int, text: String)], domain: String, path: String) throws -> [GoldSentence] {
        var out: [GoldSentence] = []
        var tokens: [String] = []
        var tags: ([String], [String]) = ([], [])
        var first = 0
        func flush() {
            guard !tokens.isEmpty else { return }
            out.append(GoldSentence(tokens: tokens, skill: spans(tags.0), knowledge: spans(tags.1), domain: domain,
                                    line: first))
            tokens.removeAll()
            tags = ([], [])
        }
        for (number, text) in lines {
            var line = Substring(text)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty { flush(); continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3 else {
                throw GoldFileError(path: path, line: number,
                                    message: "expected token<TAB>skill-tag<TAB>knowledge-tag, found \(f.count) fields")
            }
            for tag in [f[1], f[2]] where !(tag == "O" || tag.hasPrefix("B") || tag.hasPrefix("I")) {
                throw GoldFileError(path: path, line: number, message: "tag \"\(tag)\" is not O, B-... or I-...")
            }
            if tokens.isEmpty { first = number }
            tokens.append(String(f[0]))
            tags.0.append(String(f[1]))
            tags.1.append(String(f[2]))
        }
        flush()
        return out
    }

    /// Reads a CoNLL file (plain or gzip).
    public static func read(path: String, domain: String) throws -> [GoldSentence] {
        var lines: [(number: Int, text: String)] = []
        try LineReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .line(let l): lines.append((l.number, String(decoding: l.bytes, as: UTF8.self)))
            case .tooLong(let n, _, let length):
                throw GoldFileError(path: path, line: n, message: "line of \(length) bytes is over the line limit")
            }
        }
        return try parse(lines: lines, domain: domain, path: path)
    }

    /// Spans of a BIO tag sequence.
    public static func spans(_ tags: [String]) -> [TokenSpan] {
        var out: [TokenSpan] = []
        var start: Int?
        for (i, t) in tags.enumerated() {
            if t.hasPrefix("B") || (t.hasPrefix("I") && start == nil) {
                if let s = start { out.append(TokenSpan(s, i)) }
                start = i
            } else if t == "O" {
                if let s = start { out.append(TokenSpan(s, i)) }
                start = nil
            }
        }
        if let s = start { out.append(TokenSpan(s, tags.count)) }
        return out
    }
}

/// Precision and recall counts of one evaluation cell.
public struct PRCounts: Sendable, Hashable, Codable {
    /// Predictions considered, and those judged correct.
    public var predicted = 0
    public var correctPredicted = 0
    /// Gold items, and those found.
    public var gold = 0
    public var foundGold = 0

    public init() {}

    public var precision: Double { predicted == 0 ? 0 : Double(correctPredicted) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(foundGold) / Double(gold) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    public static func + (a: PRCounts, b: PRCounts) -> PRCounts {
        var c = a
        c.predicted += b.predicted
        c.correctPredicted += b.correctPredicted
        c.gold += b.gold
        c.foundGold += b.foundGold
        return c
    }
}

/// Span-level scores for one gold span type: all spans and the in-taxonomy subset, exact and partial overlap.
public struct SpanScores: Sendable, Hashable, Codable {
    public var exact = PRCounts()
    public var partial = PRCounts()
    public var inTaxonomyExact = PRCounts()
    public var inTaxonomyPartial = PRCounts()
    /// All gold spans, predictions counted only in annotated sentences (with some gold span of any type):
    /// SkillSpan leaves titles and tag lists (`Technologies: java spring`) without any span, so a prediction
    /// there cannot be judged. Recall as for all spans.
    public var annotatedExact = PRCounts()
    public var annotatedPartial = PRCounts()
    /// All gold spans and all predictions, partial overlap, where a prediction in a sentence SkillSpan left
    /// without any span is scored by a reading of it (``SkillSpanJudgments``): correct when judged correct;
    /// wrong when judged wrong or unsure, or not judged at all. Recall as for all spans.
    public var judgedPartial = PRCounts()
    /// Predictions in sentences without spans that no judgment covers (counted wrong in ``judgedPartial``).
    public var unjudged = 0
    /// Predictions in sentences without spans of any type (those ``judgedPartial`` scores by a reading).
    public var unannotatedPredicted: Int { judgedPartial.predicted - annotatedPartial.predicted }

    public init() {}

    /// Adds one sentence.
    ///
    /// - All spans: a prediction is correct when it equals (exact) or overlaps (partial) a gold span of this
    ///   type; a gold span is found when a prediction equals / overlaps it.
    /// - In-taxonomy subset: gold spans whose text is a taxonomy label (`inTaxonomy`). A prediction is
    ///   considered when it overlaps such a span, or when it overlaps no gold span of any type (`anyGold`) in a
    ///   sentence that has some gold span (an annotated sentence: SkillSpan leaves many sentences that name
    ///   technologies, such as titles and tag lists, without any span, so a prediction there cannot be
    ///   judged). Predictions that only touch out-of-taxonomy or other-type gold spans are about spans the
    ///   subset leaves out and are not counted. Correct: equals / overlaps an in-taxonomy gold span.
    /// - Judged: `judged[k]` is the reading of prediction `k` (nil: not judged), used only in a sentence without
    ///   gold spans of any type.
    public mutating func add(predicted: [TokenSpan], gold: [TokenSpan], inTaxonomy: [Bool], anyGold: [TokenSpan],
                             judged: [Bool?] = []) {
        let goldIn = zip(gold, inTaxonomy).filter { $0.1 }.map(\.0)
        let goldSet = Set(gold), goldInSet = Set(goldIn)
        for (k, p) in predicted.enumerated() {
            let equal = goldSet.contains(p), overlapping = gold.contains { $0.overlaps(p) }
            exact.predicted += 1
            partial.predicted += 1
            judgedPartial.predicted += 1
            if equal { exact.correctPredicted += 1 }
            if overlapping { partial.correctPredicted += 1 }
            if !anyGold.isEmpty {
                annotatedExact.predicted += 1
                annotatedPartial.predicted += 1
                if equal { annotatedExact.correctPredicted += 1 }
                if overlapping { annotatedPartial.correctPredicted += 1; judgedPartial.correctPredicted += 1 }
            } else {
                let verdict = k < judged.count ? judged[k] : nil
                if verdict == nil { unjudged += 1 }
                if verdict == true { judgedPartial.correctPredicted += 1 }
            }
            let touchesIn = goldIn.contains { $0.overlaps(p) }
            if touchesIn || (!anyGold.isEmpty && !anyGold.contains(where: { $0.overlaps(p) })) {
                inTaxonomyExact.predicted += 1
                inTaxonomyPartial.predicted += 1
                if goldInSet.contains(p) { inTaxonomyExact.correctPredicted += 1 }
                if touchesIn { inTaxonomyPartial.correctPredicted += 1 }
            }
        }
        let predSet = Set(predicted)
        for (g, isIn) in zip(gold, inTaxonomy) {
            let eq = predSet.contains(g), ov = predicted.contains { $0.overlaps(g) }
            exact.gold += 1
            partial.gold += 1
            judgedPartial.gold += 1
            annotatedExact.gold += 1
            annotatedPartial.gold += 1
            if eq { exact.foundGold += 1; annotatedExact.foundGold += 1 }
            if ov { partial.foundGold += 1; annotatedPartial.foundGold += 1; judgedPartial.foundGold += 1 }
            if isIn {
                inTaxonomyExact.gold += 1
                inTaxonomyPartial.gold += 1
                if eq { inTaxonomyExact.foundGold += 1 }
                if ov { inTaxonomyPartial.foundGold += 1 }
            }
        }
    }
}

/// Readings of predictions in SkillSpan sentences that carry no span of any type (titles, tag lines, company
/// blurbs: "Our main backends are written in C# / .NET and Python 3 using Django"), where SkillSpan's gold cannot
/// say whether a prediction is right. Each was judged by reading, with the span gold's guidelines
/// (`Tests/fixtures/gold/README.md`), and is keyed by file (`tech/test`), the sentence's first line in the CoNLL
/// file and the matched text. TSV with a header: `file line text concept verdict note sentence`; verdict
/// `correct`, `wrong` or `unsure` (counted wrong).
public struct SkillSpanJudgments: Sendable {
    var verdicts: [String: Bool] = [:]
    public var count: Int { verdicts.count }

    public init() {}

    static func key(_ file: String, _ line: Int, _ text: String) -> String { "\(file)\t\(line)\t\(text)" }

    /// The verdict for a prediction, nil when not judged.
    public func verdict(file: String, line: Int, text: String) -> Bool? { verdicts[Self.key(file, line, text)] }

    /// Reads a readings file (``parse(_:path:)``).
    public static func load(_ path: String) throws -> SkillSpanJudgments {
        try parse(String(decoding: try readFileBytes(path), as: UTF8.self), path: path)
    }

    /// Parses the TSV text; a malformed row throws with its line.
    public static func parse(_ text: String, path: String) throws -> SkillSpanJudgments {
        var j = SkillSpanJudgments()
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let row = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if i == 0 || row.isEmpty || row.hasPrefix("#") { continue }
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5, let line = Int(f[1]), ["correct", "wrong", "unsure"].contains(f[4]) else {
                throw GoldFileError(path: path, line: i + 1,
                                    message: "expected file, line, text, concept, verdict (correct, wrong or unsure), ...")
            }
            j.verdicts[key(f[0], line, f[2])] = f[4] == "correct"
        }
        return j
    }
}
