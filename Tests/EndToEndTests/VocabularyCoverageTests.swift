import Foundation
import SkillPipeline
import SkillTaxonomy
import XCTest

/// Coverage of the names practitioners use: the 1,000 most-asked Stack Overflow tags that name a technology
/// (the filter is `VocabularyImporter.isTechnologyTag`: a GitHub topic or Linguist language, a name with a digit
/// or `+ # .`, a word that is no ordinary English word, or a short rare word; not `arrays`, `string`, `for-loop`;
/// less names made of ordinary words, `TaxonomyBuilder.isOrdinaryVocabularyName`: not `image`, `security`),
/// each put into an ICT sentence, must be recognised by `extract` (the shipped taxonomy and rules).
final class VocabularyCoverageTests: XCTestCase {
    func testMostAskedTechnologyTagsAreRecognised() throws {
        let data = try CLI.requireSharedData()
        let build = CLI.root.appendingPathComponent("Taxonomies/build").path
        var policy = LabelPolicy()
        try policy.loadWordFrequency(build + "/english-word-frequency.tsv")
        var b = TaxonomyBuilder()
        try b.loadCommonWords(build + "/common-words.txt")
        b.allSkillsCSV = data.appendingPathComponent("taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz").path
        policy.lexicon = try b.lexiconForVocabulary()
        let vocabulary = data.appendingPathComponent("vocabulary").path
        let so = vocabulary + "/stackoverflow-tags"
        try policy.loadStackOverflow(tags: [so + "/Tags_2021-08_ids1-89999.csv", so + "/stackoverflow_tags_2021-03_karma.csv"],
                                     synonyms: so + "/TagSynonyms_2021-08.csv")
        try policy.loadCuratedNames(topicsDirectory: vocabulary + "/github-explore-topics/topics",
                                    linguist: vocabulary + "/linguist/languages.yml")
        var importer = VocabularyImporter(policy: policy)
        b.policy = policy
        // Names of technologies: the importer's filter, less names made of ordinary words (rule 12).
        let tags = try importer.entries(directory: vocabulary)
            .filter { $0.nameProvenance == "stackoverflow:tag" && !b.isOrdinaryVocabularyName($0.name, of: $0) }
            .sorted { ($0.questions, $1.name) > ($1.questions, $0.name) }.prefix(1000)
        XCTAssertEqual(tags.count, 1000)
        let am = try AuditRegressionTests.matcher()
        var missed: [String] = []
        for t in tags {
            // People write a name as Stack Overflow does, capitalised, or (short ones) in capitals.
            let forms = [t.name, t.name.prefix(1).uppercased() + t.name.dropFirst()] + (t.name.count <= 5 ? [t.name.uppercased()] : [])
            let found = forms.contains { form in
                let sentence = "We are hiring a developer with experience in \(form) and Python."
                let start = sentence.range(of: form)!
                let s = sentence.utf8.distance(from: sentence.utf8.startIndex, to: start.lowerBound), e = s + form.utf8.count
                return am.scored(sentence).contains { $0.accepted && $0.scored.match.start < e && $0.scored.match.end > s }
            }
            if !found { missed.append(t.name) }
        }
        let coverage = 1 - Double(missed.count) / Double(tags.count)
        print("technology tags recognised: \(tags.count - missed.count)/\(tags.count) (\(String(format: "%.1f", coverage * 100)) %); missed: \(missed.prefix(60).joined(separator: ", "))")
        XCTAssertGreaterThanOrEqual(coverage, 0.95)
    }

    /// Tag-list names (rule 12b) and brand tags: ordinary-word Stack Overflow tags name skills only in lower-case
    /// tag lines; one-word brands that are no common word (`hibernate`, `openssl`) are technologies everywhere.
    func testTagListNamesAndBrandTags() throws {
        _ = try CLI.requireSharedData()
        let am = try AuditRegressionTests.matcher()
        func accepted(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return am.scored(text).filter(\.accepted)
                .map { String(decoding: bytes[$0.scored.match.start..<$0.scored.match.end], as: UTF8.self) }
        }
        XCTAssertEqual(accepted("java rest cloud spring design-patterns"), ["java", "rest", "cloud", "spring", "design-patterns"])
        XCTAssertEqual(accepted("qa python automation"), ["qa", "python", "automation"])
        let prose = accepted("Our backend runs in the cloud, using design patterns and test automation tooling.")
        XCTAssertFalse(prose.contains { ["cloud", "using", "design patterns", "automation"].contains($0) }, "\(prose)")
        XCTAssertEqual(accepted("Experience with Hibernate, OpenSSL and Shopify is a plus."), ["Hibernate", "OpenSSL", "Shopify"])
        let t = try TaxonomyFiles.load(directory: CLI.root.appendingPathComponent("Taxonomies/ict-skills").path)
        let cloud = t.labels.first { $0.text == "cloud" && $0.tagOnly }
        XCTAssertEqual(cloud.map { t.concepts[$0.conceptIndex].preferredLabel }, "cloud technologies",
                       "linked through the synonym cloud-computing")
        XCTAssertFalse(t.labels.contains { $0.text == "Kafka" && $0.tagOnly }, "a name another label keeps stays ordinary")
        var policy = LabelPolicy()
        try policy.loadWordFrequency(CLI.root.appendingPathComponent("Taxonomies/build/english-word-frequency.tsv").path)
        let importer = VocabularyImporter(policy: policy)
        let brands = ["hibernate": "Hibernate", "cursor": "Cursor", "spring security": "Spring Security"]
        XCTAssertTrue(importer.isBrandTag("hibernate", brands: brands))
        XCTAssertFalse(importer.isBrandTag("cursor", brands: brands), "a common word (Zipf 3.1)")
        XCTAssertFalse(importer.isBrandTag("spring-security", brands: brands), "several ordinary words")
        XCTAssertFalse(importer.isBrandTag("mercurial", brands: brands), "no brand")
    }
}
