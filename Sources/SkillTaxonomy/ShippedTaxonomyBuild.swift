import Foundation
import SkillIO

/// The inputs of the shipped taxonomy's build and the one procedure that runs it, used by `taxonomy build` and by
/// the test that checks the shipped files are reproducible from their sources.
public struct ShippedTaxonomyBuild {
    public var esco: String
    /// O*NET Technology_Skills; nil for none.
    public var onet: String?
    public var commonWords: String
    /// ESCO all-skills CSV (the lexicon of ordinary words); nil for none.
    public var escoAllSkills: String?
    public var wordFrequency: String
    public var caseFreeNames: String
    /// Reviewed suspicious labels; nil (or a missing file) for none.
    public var labelReview: String?
    /// The vocabularies' directory (GitHub topics, Linguist, Stack Overflow, Simple Icons); nil for none.
    public var vocabulary: String?
    /// ESCO digital skills in other languages (language, CSV path); empty for none.
    public var escoTranslations: [(String, String)]

    /// The documented defaults: `data` is `../shared/data`, `build` is `Taxonomies/build`.
    public init(data: String = "../shared/data", build: String = "Taxonomies/build") {
        esco = data + "/taxonomy/esco/v1.2.0_en/digitalSkillsCollection_en.csv"
        onet = data + "/taxonomy/onet_29.2/Technology_Skills.txt.gz"
        commonWords = build + "/common-words.txt"
        escoAllSkills = data + "/taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz"
        wordFrequency = build + "/english-word-frequency.tsv"
        caseFreeNames = build + "/case-free-names.txt"
        labelReview = build + "/label-review.tsv"
        vocabulary = data + "/vocabulary"
        escoTranslations = Self.translationLanguages.map {
            ($0, data + "/taxonomy/esco/digital_multilingual_v1.2.x/digitalSkillsCollection_\($0).csv")
        }
    }

    /// Builds; returns the taxonomy, the build report, the vocabulary report lines and the source files read
    /// (key, path) for `taxonomy.tsv`.
    public func run(name: String, version: String) throws
        -> (taxonomy: Taxonomy, report: TaxonomyBuildReport, vocabularyReport: [String], sources: [(String, String)]) {
        var b = TaxonomyBuilder()
        try b.loadCommonWords(commonWords)
        b.allSkillsCSV = escoAllSkills
        b.escoTranslations = escoTranslations
        try b.policy.loadWordFrequency(wordFrequency)
        try b.policy.loadCaseFreeNames(caseFreeNames)
        var sources: [(String, String)] = [("esco", esco)]
        if let onet { sources.append(("onet", onet)) }
        if let escoAllSkills { sources.append(("esco_all_skills", escoAllSkills)) }
        for (lang, path) in escoTranslations { sources.append(("esco_\(lang)", path)) }
        sources += [("common_words", commonWords), ("word_frequency", wordFrequency), ("case_free_names", caseFreeNames)]
        if let labelReview, FileManager.default.fileExists(atPath: labelReview) {
            try b.loadLabelReview(labelReview)
            sources.append(("label_review", labelReview))
        }
        var entries: [VocabularyEntry] = []
        var vocabularyReport: [String] = []
        if let vocabulary {
            let so = vocabulary + "/stackoverflow-tags"
            let tags = [so + "/Tags_2021-08_ids1-89999.csv", so + "/stackoverflow_tags_2021-03_karma.csv"]
            let synonyms = so + "/TagSynonyms_2021-08.csv"
            let topics = vocabulary + "/github-explore-topics/topics", linguist = vocabulary + "/linguist/languages.yml"
            try b.policy.loadStackOverflow(tags: tags, synonyms: synonyms)
            try b.policy.loadCuratedNames(topicsDirectory: topics, linguist: linguist)
            var importer = VocabularyImporter(policy: b.policy)
            importer.policy.lexicon = try b.lexiconForVocabulary()
            entries = try importer.entries(directory: vocabulary)
            vocabularyReport = importer.report
            for (i, v) in (tags + [synonyms, linguist, vocabulary + "/simple-icons/simple-icons.json"]).enumerated() {
                sources.append(("vocabulary.\(i + 1)", v))
            }
        }
        let (t, report) = try b.build(escoDigitalSkillsCSV: esco, onetTechnologySkills: onet, name: name,
                                      version: version, vocabulary: entries)
        return (t, report, vocabularyReport, sources)
    }
}
