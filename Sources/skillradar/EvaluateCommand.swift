import ArgumentParser
import Foundation
import SkillDisambiguation
import SkillEval
import SkillMatcher
import SkillPipeline

/// `--rules FILE`, `--no-rules`, `--min-confidence X`: context-rule disambiguation for commands that match text.
struct DisambiguationOption: ParsableArguments {
    @Option(help: "Context rules file (default: context-rules.tsv in the taxonomy directory, if present).") var rules: String?
    @Flag(help: "Do not disambiguate: every match has confidence 1.") var noRules = false
    @Option(help: "Drop matches below this confidence (0...1).") var minConfidence: Double = 0.5

    func validate() throws {
        guard (0...1).contains(minConfidence) else {
            throw ValidationError("--min-confidence must lie in [0, 1], got \(minConfidence)")
        }
        if noRules, rules != nil { throw ValidationError("--rules and --no-rules exclude each other") }
    }

    /// The disambiguator for `matcher` and the rules file it was read from, or nils without rules.
    func load(taxonomy: TaxonomyOption, matcher: Matcher, evidence: Set<String> = []) throws -> (Disambiguator?, String?) {
        let (d, path, _) = try loadWithDigest(taxonomy: taxonomy, matcher: matcher, evidence: evidence)
        return (d, path)
    }

    /// ``load(taxonomy:matcher:evidence:)`` plus the SHA-256 of the rules (``ContextRulesLoading/resolve``).
    func loadWithDigest(taxonomy: TaxonomyOption, matcher: Matcher, evidence: Set<String> = []) throws -> (Disambiguator?, String?, String?) {
        try ContextRulesLoading.resolve(rules: rules, noRules: noRules, taxonomyDirectory: try TaxonomyLocator.resolve(taxonomy.taxonomy),
                                        matcher: matcher, minConfidence: minConfidence, evidence: evidence, note: { printError($0) })
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Precision, recall and F1 of skill extraction against SkillSpan spans and the Decorte ESCO benchmark.",
        discussion: """
        SkillSpan (postings/skillspan): knowledge and skill spans separately and together, exact-span and \
        partial-overlap, over all gold spans and over the in-taxonomy subset (gold spans whose text is a \
        taxonomy label; predictions count there when they overlap such a span or no gold span at all). \
        Decorte (gold/decorte_skill_extraction_benchmark): per sentence, are the gold ESCO skills among the \
        concepts matched (dev = the validation files; train has none). \
        Tune context rules on train/dev; report test.
        """)

    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var disambiguation: DisambiguationOption
    @Option(help: "The project's span gold (JSON Lines; SkillSpan readings in skillspan-judged.tsv beside it); empty to skip.") var spanGold = "Tests/fixtures/gold/spans.jsonl"
    @Option(help: "Write the span gold's false positives and misses (TSV) to this file.") var spanGoldErrors: String?
    @Option(help: "Split: train, dev or test.") var split: String = "test"
    @Option(help: "SkillSpan domain: tech, house or all.") var domain: String = "all"
    @Option(help: "Data directory laid out like ../shared/data (default: $SKILLRADAR_SHARED_DATA or ../shared/data).") var data: String?
    @Option(help: "Also write the results as JSON to FILE.") var json: String?

    func validate() throws {
        guard Evaluation.splits.contains(split) else { throw ValidationError("--split must be train, dev or test") }
        guard Evaluation.domains.contains(domain) else { throw ValidationError("--domain must be tech, house or all") }
    }

    func run() throws {
        let (t, matcher) = try taxonomy.load()
        let (d, rulesPath) = try disambiguation.load(taxonomy: taxonomy, matcher: matcher, evidence: t.evidenceLabels)
        try EvaluationRun.run(.init(dataDirectory: sharedDataDirectory(data), split: split, domain: domain,
                                    minConfidence: disambiguation.minConfidence, rulesPath: rulesPath, spanGold: spanGold,
                                    spanGoldErrors: spanGoldErrors, json: json),
                              taxonomy: t, matcher: matcher, disambiguator: d) { print($0) }
    }
}
