import Foundation
import SkillDisambiguation
import SkillIO
import SkillMatcher
import SkillTaxonomy

/// Span scores of one SkillSpan file (or the union of several).
public struct SkillSpanResult: Sendable, Hashable, Codable {
    public var domain: String
    public var split: String
    public var sentences = 0
    public var predictedSpans = 0
    public var knowledge = SpanScores()
    public var skill = SpanScores()
    /// Gold = knowledge and skill spans together.
    public var any = SpanScores()
    /// The matched texts (lower-cased) most often predicted in annotated sentences (with some gold span) where
    /// no gold span of any type is, with counts: where context rules or the taxonomy would gain most precision.
    public var topUnsupported: [String: Int] = [:]
    /// Whether readings of predictions in sentences without spans were given (the `judged` rows, shown where some
    /// reading applied).
    public var judged = false
    /// How many entries ``topUnsupported`` keeps.
    public static let unsupportedListed = 25

    public init(domain: String, split: String) {
        self.domain = domain
        self.split = split
    }

    /// Scores `sentences` with `extractor`. O(sentences × (tokens + gold spans × predictions)).
    public static func evaluate(_ sentences: [GoldSentence], domain: String, split: String,
                                extractor: SpanExtractor, judgments: SkillSpanJudgments? = nil) -> SkillSpanResult {
        var r = SkillSpanResult(domain: domain, split: split)
        var labelCache: [String: Bool] = [:]
        func inTaxonomy(_ s: GoldSentence, _ spans: [TokenSpan]) -> [Bool] {
            spans.map { g in
                let text = s.tokens[g.start..<g.end].joined(separator: " ")
                if let v = labelCache[text] { return v }
                let v = extractor.isLabel(text)
                labelCache[text] = v
                return v
            }
        }
        var unsupported: [String: Int] = [:]
        for s in sentences {
            r.sentences += 1
            let predictions = extractor.predictions(tokens: s.tokens)
            let predicted = predictions.map(\.span)
            r.predictedSpans += predicted.count
            let anyGold = Array(Set(s.knowledge + s.skill)).sorted()
            let judged: [Bool?] = anyGold.isEmpty
                ? predictions.map { judgments?.verdict(file: "\(s.domain)/\(split)", line: s.line, text: $0.text) } : []
            for p in predictions where !anyGold.isEmpty && !anyGold.contains(where: { $0.overlaps(p.span) }) {
                unsupported[p.text.lowercased(), default: 0] += 1
            }
            r.knowledge.add(predicted: predicted, gold: s.knowledge, inTaxonomy: inTaxonomy(s, s.knowledge), anyGold: anyGold,
                            judged: judged)
            // A reading says whether a prediction names ICT knowledge: no evidence for SkillSpan's `skill` type.
            r.skill.add(predicted: predicted, gold: s.skill, inTaxonomy: inTaxonomy(s, s.skill), anyGold: anyGold)
            r.any.add(predicted: predicted, gold: anyGold, inTaxonomy: inTaxonomy(s, anyGold), anyGold: anyGold, judged: judged)
        }
        let top = unsupported.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(unsupportedListed)
        r.topUnsupported = Dictionary(uniqueKeysWithValues: top.map { ($0.key, $0.value) })
        r.judged = judgments != nil
        return r
    }
}

/// The evaluation's settings and results; encoded as the `--json` output.
public struct EvaluationReport: Sendable, Codable {
    public var taxonomy: String
    public var taxonomyDigest: String
    /// The context-rules file used, if any.
    public var rules: String?
    public var split: String
    public var domain: String
    public var minConfidence: Double
    public var skillspan: [SkillSpanResult] = []
    public var decorte: [DecorteResult] = []
    /// Published figures to read beside ours (not computed here).
    public var published: [String: String] = [
        "nesta_skills_extractor": "P 0.712 / R 0.537 / F1 0.612 (on Nesta's own gold)",
        "escoxlmr_skillspan": "span-F1 62.6 (ESCOXLM-R on SkillSpan)",
    ]

    public init(taxonomy: String, taxonomyDigest: String, rules: String?, split: String, domain: String,
                minConfidence: Double) {
        self.taxonomy = taxonomy
        self.taxonomyDigest = taxonomyDigest
        self.rules = rules
        self.split = split
        self.domain = domain
        self.minConfidence = minConfidence
    }

    /// Sorted-key JSON.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// The table rows: source, set, gold type, subset, match, P, R, F1, predicted, gold.
    public var tableRows: [[String]] {
        func f(_ x: Double) -> String { formatFixed(x, 3) }
        var rows: [[String]] = []
        for r in skillspan {
            for (type, s) in [("knowledge", r.knowledge), ("skill", r.skill), ("any", r.any)] {
                for (subset, match, c) in [("all", "exact", s.exact), ("all", "partial", s.partial),
                                           ("annotated", "exact", s.annotatedExact),
                                           ("annotated", "partial", s.annotatedPartial),
                                           ("in-taxonomy", "exact", s.inTaxonomyExact),
                                           ("in-taxonomy", "partial", s.inTaxonomyPartial)]
                    + (r.judged && s.unannotatedPredicted > s.unjudged
                       ? [("judged", "partial", s.judgedPartial)] : []) {
                    rows.append(["skillspan", "\(r.domain)/\(r.split)", type, subset, match, f(c.precision),
                                 f(c.recall), f(c.f1), String(c.predicted), String(c.gold)])
                }
            }
        }
        for r in decorte {
            for (subset, c) in [("all", r.all), ("in-taxonomy", r.inTaxonomy)] {
                rows.append(["decorte", "\(r.dataset)/\(r.split)", "esco-link", subset, "sentence", f(c.precision),
                             f(c.recall), f(c.f1), String(c.predicted), String(c.gold)])
            }
        }
        return rows
    }

    public static let tableHeader = ["benchmark", "set", "gold", "subset", "match", "P", "R", "F1", "predicted", "gold n"]
}

/// Where the evaluation's gold files are, relative to a data directory laid out like `../shared/data`.
public struct EvaluationData: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    public func skillSpanCoNLL(domain: String, split: String) -> String {
        "\(directory)/postings/skillspan/skillspan_\(domain)_\(split).conll.gz"
    }

    /// Decorte files for a split (`dev` → validation); TECHWOLF has a test file only.
    public func decorteFiles(split: String, domains: [String]) -> [(dataset: String, path: String)] {
        let suffix: String
        switch split {
        case "dev": suffix = "validation"
        case "test": suffix = "test"
        default: return []
        }
        var out = domains.map { ($0, "\(directory)/gold/decorte_skill_extraction_benchmark/\($0)_\(suffix)_annotations.csv") }
        if split == "test", domains.count > 1 {
            out.append(("techwolf", "\(directory)/gold/decorte_skill_extraction_benchmark/techwolf_test_annotations.csv"))
        }
        return out
    }

    public var escoAllLabels: String { "\(directory)/taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz" }
}

/// Runs the whole evaluation: SkillSpan per domain (and their union) and Decorte per dataset.
public enum Evaluation {
    public static let splits = ["train", "dev", "test"]
    public static let domains = ["tech", "house", "all"]

    public static func run(taxonomy: Taxonomy, extractor: SpanExtractor, data: EvaluationData, split: String,
                           domain: String, rulesPath: String?, judgments: SkillSpanJudgments? = nil) throws -> EvaluationReport {
        guard splits.contains(split) else {
            throw GoldFileError(path: "--split", line: 0, message: "split \"\(split)\" is not train, dev or test")
        }
        guard domains.contains(domain) else {
            throw GoldFileError(path: "--domain", line: 0, message: "domain \"\(domain)\" is not tech, house or all")
        }
        let ds = domain == "all" ? ["tech", "house"] : [domain]
        var report = EvaluationReport(taxonomy: taxonomy.name, taxonomyDigest: taxonomy.digest, rules: rulesPath,
                                      split: split, domain: domain, minConfidence: extractor.minConfidence)
        var all: [GoldSentence] = []
        for d in ds {
            let sentences = try SkillSpanReader.read(path: data.skillSpanCoNLL(domain: d, split: split), domain: d)
            all += sentences
            report.skillspan.append(SkillSpanResult.evaluate(sentences, domain: d, split: split, extractor: extractor,
                                                             judgments: judgments))
        }
        if ds.count > 1 {
            report.skillspan.append(SkillSpanResult.evaluate(all, domain: "all", split: split, extractor: extractor,
                                                             judgments: judgments))
        }
        let files = data.decorteFiles(split: split, domains: ds)
        if !files.isEmpty {
            let uris = FileManager.default.fileExists(atPath: data.escoAllLabels)
                ? try DecorteReader.readESCOLabels(path: data.escoAllLabels) : [:]
            let linker = ESCOLinker(taxonomy: taxonomy, uriByLabel: uris)
            // A matched technology also names its broader ESCO concept (`Bash` -> computer programming), which is
            // what the benchmark links sentences to.
            var broader: [UInt32: [UInt32]] = [:]
            for a in taxonomy.attributes where a.key == "broader" {
                if let p = taxonomy.index(of: a.value) { broader[UInt32(a.conceptIndex), default: []].append(UInt32(p)) }
            }
            let extract: (String) -> Set<UInt32> = { s in
                var out = extractor.concepts(in: s)
                var todo = Array(out)
                while let c = todo.popLast() {
                    for p in broader[c] ?? [] where out.insert(p).inserted { todo.append(p) }
                }
                return out
            }
            for (dataset, path) in files {
                let rows = try DecorteReader.read(path: path)
                report.decorte.append(DecorteResult.evaluate(rows: rows, dataset: dataset, split: split,
                                                             taxonomy: taxonomy, linker: linker,
                                                             extract: extract))
            }
        }
        return report
    }
}
