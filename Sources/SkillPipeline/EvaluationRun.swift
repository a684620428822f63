import Foundation
import SkillDisambiguation
import SkillEval
import SkillMatcher
import SkillReports
import SkillTaxonomy

/// `evaluate`: SkillSpan and Decorte figures, then the project's span gold, printed through `say`.
public enum EvaluationRun {
    public struct Settings: Sendable {
        public var dataDirectory: String
        public var split: String
        public var domain: String
        public var minConfidence: Double
        public var rulesPath: String?
        /// The project's span gold (JSON Lines); empty or missing: skipped.
        public var spanGold: String
        /// Where to write the span gold's false positives and misses (TSV).
        public var spanGoldErrors: String?
        /// Where to write the results as JSON.
        public var json: String?
        /// Readings of predictions in SkillSpan sentences without spans (``SkillSpanJudgments``); empty or
        /// missing: no `judged` rows. Default: `skillspan-judged.tsv` beside the span gold.
        public var skillSpanJudged: String?

        public init(dataDirectory: String, split: String, domain: String, minConfidence: Double, rulesPath: String?,
                    spanGold: String, spanGoldErrors: String?, json: String?) {
            (self.dataDirectory, self.split, self.domain, self.minConfidence) = (dataDirectory, split, domain, minConfidence)
            (self.rulesPath, self.spanGold, self.spanGoldErrors, self.json) = (rulesPath, spanGold, spanGoldErrors, json)
        }
    }


    public static func run(_ s: Settings, taxonomy t: Taxonomy, matcher: Matcher, disambiguator: Disambiguator?,
                           say: (String) -> Void) throws {
        guard FileManager.default.fileExists(atPath: s.dataDirectory + "/postings/skillspan") else {
            throw PipelineError("no gold data in \(s.dataDirectory) (expected postings/skillspan there); pass --data DIR")
        }
        let extractor = SpanExtractor(matcher: matcher, disambiguator: disambiguator, minConfidence: s.minConfidence)
        var judgments: SkillSpanJudgments?
        let goldDirectory = (s.spanGold as NSString).deletingLastPathComponent
        let judgedPath = s.skillSpanJudged ?? (s.spanGold.isEmpty ? ""
            : goldDirectory.isEmpty ? "skillspan-judged.tsv" : goldDirectory + "/skillspan-judged.tsv")
        if !judgedPath.isEmpty, FileManager.default.fileExists(atPath: judgedPath) {
            judgments = try SkillSpanJudgments.load(judgedPath)
        }
        let report = try Evaluation.run(taxonomy: t, extractor: extractor, data: EvaluationData(directory: s.dataDirectory),
                                        split: s.split, domain: s.domain, rulesPath: s.rulesPath, judgments: judgments)
        say("taxonomy \(t.name) \(t.shortDigest); rules: \(s.rulesPath ?? "none"); min confidence \(s.minConfidence)")
        say(ResultTable(header: EvaluationReport.tableHeader, text: report.tableRows).render(.table)
            + "published, for comparison: Nesta skills extractor P 0.712 / R 0.537 / F1 0.612 (own gold); "
            + "ESCOXLM-R span-F1 62.6 on SkillSpan")
        if let j = judgments {
            // The predictions SkillSpan cannot judge, and how many of them a reading covers.
            for r in report.skillspan where r.domain != "all" {
                let open = r.knowledge.unannotatedPredicted
                say("judged: \(r.domain)/\(r.split): \(open) predictions in sentences without SkillSpan spans, "
                    + "\(open - r.knowledge.unjudged) of them judged by reading (\(judgedPath), \(j.count) "
                    + "readings), \(r.knowledge.unjudged) not judged (counted wrong)")
            }
        }
        if !s.spanGold.isEmpty, FileManager.default.fileExists(atPath: s.spanGold) {
            let (scores, errors) = SpanGold.evaluate(try SpanGold.load(s.spanGold), extractor: extractor)
            say("\nspan gold \(s.spanGold) (annotated by reading; guidelines in its README):")
            let rows: [[Cell]] = scores.map {
                [.text($0.subset), .int($0.lines), .int($0.gold), .int($0.predicted), .fixed($0.overlapPrecision, 3),
                 .fixed($0.overlapRecall, 3), .fixed($0.exactPrecision, 3), .fixed($0.exactRecall, 3)]
            }
            var table = ResultTable(header: ["subset", "lines", "gold", "predicted", "P overlap", "R overlap", "P exact",
                                             "R exact"], rows: rows).render(.table)
            table.removeLast()
            say(table)
            if let path = s.spanGoldErrors {
                try Data(SpanGold.errorLines(errors).utf8).write(to: URL(fileURLWithPath: path))
                say("wrote \(path)")
            }
        }
        if let json = s.json {
            try report.jsonData().write(to: URL(fileURLWithPath: json))
            say("wrote \(json)")
        }
    }
}
