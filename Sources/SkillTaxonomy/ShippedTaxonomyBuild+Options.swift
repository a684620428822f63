extension ShippedTaxonomyBuild {
    /// The languages of ESCO's digital skills read besides English (`digitalSkillsCollection_<lang>.csv`).
    public static let translationLanguages = ["de", "es", "fr", "pl"]

    /// The inputs as `taxonomy build` takes them, all paths: an empty `onet`, `escoAllSkills`, `labelReview` or
    /// `vocabulary` means none, and so does an empty `escoLanguages` (the directory holding
    /// `digitalSkillsCollection_<lang>.csv` for each of ``translationLanguages``).
    public init(esco: String, onet: String, commonWords: String, escoAllSkills: String, wordFrequency: String,
                caseFreeNames: String, labelReview: String, vocabulary: String, escoLanguages: String) {
        self.init()
        self.esco = esco
        self.onet = onet.isEmpty ? nil : onet
        self.commonWords = commonWords
        self.escoAllSkills = escoAllSkills.isEmpty ? nil : escoAllSkills
        self.wordFrequency = wordFrequency
        self.caseFreeNames = caseFreeNames
        self.labelReview = labelReview.isEmpty ? nil : labelReview
        self.vocabulary = vocabulary.isEmpty ? nil : vocabulary
        escoTranslations = escoLanguages.isEmpty ? [] : Self.translationLanguages.map {
            ($0, escoLanguages + "/digitalSkillsCollection_\($0).csv")
        }
    }
}
