import Foundation
import SkillMatcher
import SkillPipeline
import SkillTaxonomy
import SkillTokenizer
import SkillDisambiguation

/// The taxonomy, matcher and context rules the service matches with: new terms (`emerging?kind=terms`) and
/// uploaded programmes. Loaded once, on first use (the compiled cache makes that fast), from the same directory
/// `analyze` would use.
final class MatchingEngine: @unchecked Sendable {
    struct Loaded: Sendable {
        var taxonomy: Taxonomy
        var matcher: Matcher
        var disambiguator: Disambiguator?
        var rulesDescription: String?
        var ordinaryWords: Set<String>
    }

    private let directory: String?
    private let lock = NSLock()
    private var loaded: Loaded?

    init(taxonomyDirectory: String?) { directory = taxonomyDirectory }

    func load() throws -> Loaded {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let dir = try TaxonomyLocator.resolve(directory)
        let (t, matcher) = try CompiledTaxonomy.load(directory: dir, tokenizerOptions: TokenizerOptions(),
                                                     cacheDirectory: CompiledTaxonomy.defaultCacheDirectory())
        let rules = dir + "/context-rules.tsv"
        var d: Disambiguator?, description: String?
        if FileManager.default.fileExists(atPath: rules) {
            let (dis, digest) = try ContextRulesLoading.load(path: rules, matcher: matcher, minConfidence: 0.5,
                                                             evidence: t.evidenceLabels)
            (d, description) = (dis, "\(rules) sha256:\(digest.prefix(16))")
        }
        let l = Loaded(taxonomy: t, matcher: matcher, disambiguator: d, rulesDescription: description,
                       ordinaryWords: ordinaryEnglishWords(taxonomyDirectory: dir))
        loaded = l
        return l
    }
}
