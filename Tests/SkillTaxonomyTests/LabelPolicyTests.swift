import XCTest
@testable import SkillTaxonomy

/// The label policy (case, everyday words, organisations, names) and the builder rules that use it, on small
/// hand-made word statistics, so each rule is shown by a case that fails without it.
final class LabelPolicyTests: XCTestCase {
    func policy() -> LabelPolicy {
        var p = LabelPolicy()
        p.wordZipf = ["san": 4.97, "com": 4.22, "apps": 4.35, "fastest": 4.24, "spring": 4.92, "scheme": 4.57,
                      "python": 3.78, "java": 4.0, "rust": 3.74, "chef": 4.23, "sql": 3.38, "ios": 4.12,
                      "quality": 5.0, "control": 5.0, "counseling": 3.4, "oracle": 3.7, "web": 5.2, "power": 5.3,
                      "systems": 5.0, "google": 4.86]
        p.questions = ["python": 1_785_256, "java": 1_795_322, "sql": 602_460, "ios": 660_124, "spring": 188_064,
                       "rust": 23_719, "oracle": 136_319, "scheme": 7_706, "com": 11_821, "continuous integration": 12_123]
        p.vendorCounts = ["google": 12, "oracle": 40]
        return p
    }

    func testCapitalsInsideAMatchInTheirCaseUnlessCaseFree() {
        let p = policy()
        for label in ["SAN", "COM", "APPS", "FastEST", "iOS"] {
            XCTAssertTrue(p.needsExactCase(label), label)
        }
        // SQL is a technology name that is no frequent word: people write `sql` too.
        XCTAssertFalse(p.needsExactCase("SQL"))
        XCTAssertFalse(p.needsExactCase("Python"))
        XCTAssertTrue(LabelPolicy.hasInnerCapitals("jQuery"))
        XCTAssertFalse(LabelPolicy.hasInnerCapitals("S3"))
    }

    func testEverydayWordsAndOrganisationsNeedEvidence() {
        let p = policy()
        for w in ["spring", "scheme", "chef", "fastest", "apps", "google", "oracle"] {
            XCTAssertTrue(p.isEverydayOrOrganisation(w), w)
        }
        // Used by practitioners mostly as names (≥ 20,000 questions): Python, Java, Rust.
        XCTAssertFalse(p.isEverydayOrOrganisation("rust"))
        XCTAssertFalse(p.isEverydayOrOrganisation("python"))
        XCTAssertFalse(p.isEverydayOrOrganisation("java"))
    }

    func testNamesAfterStrippingSoftware() {
        let p = policy()
        XCTAssertFalse(p.looksLikeName("Quality control"))
        XCTAssertFalse(p.looksLikeName("Counseling"))
        XCTAssertTrue(p.looksLikeName("Oracle"))
        XCTAssertTrue(p.looksLikeName("FastEST"))
        XCTAssertTrue(p.looksLikeName("Django"), "no ordinary word")
        XCTAssertTrue(p.isTechName("continuous integration"), "a phrase people ask about")
    }

    func testBuilderAppliesThePolicy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let esco = dir.appendingPathComponent("esco.csv").path
        try """
        conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/ios,iOS,released,knowledge,x,IOS (operating system),d,u,os
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/se,search engines,released,knowledge,x,Google | web search,d,u,web
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/som,service-oriented modelling,released,knowledge,x,SaaS | Software as a service | a service model,d,u,arch
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/ann,artificial neural networks,released,knowledge,x,NN | neural networks | neural nets,d,u,ai

        """.write(toFile: esco, atomically: true, encoding: .utf8)
        let onet = dir.appendingPathComponent("tech.txt").path
        try """
        O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand
        15-1252.00\tDevelopers\tStorage area network SAN software\t1\tt\tN\tN
        15-1252.00\tDevelopers\tCisco IOS\t1\tt\tN\tN
        15-1252.00\tDevelopers\tQuality control software\t1\tt\tN\tN
        15-1252.00\tDevelopers\tFastEST software\t1\tt\tN\tN

        """.write(toFile: onet, atomically: true, encoding: .utf8)
        var b = TaxonomyBuilder()
        b.policy = policy()
        b.vendors.insert("cisco")
        let (t, _) = try b.build(escoDigitalSkillsCSV: esco, onetTechnologySkills: onet, name: "t", version: "1")
        func label(_ text: String) -> ConceptLabel? { t.labels.first { $0.text == text } }
        func owner(_ text: String) -> String? { label(text).map { t.concepts[$0.conceptIndex].id } }
        // Capitals inside: SAN and FastEST match only as written.
        XCTAssertEqual(label("SAN")?.exactCase, true)
        XCTAssertEqual(label("FastEST")?.exactCase, true)
        // `Quality control software` names software for a practice: no `Quality control` label.
        XCTAssertNil(label("Quality control"))
        // Cisco's IOS is not Apple's iOS: not merged into the iOS concept.
        XCTAssertEqual(owner("Cisco IOS"), "onet:cisco-ios")
        XCTAssertEqual(owner("iOS"), "esco:ios")
        // Google, a product name under the generic `search engines`, is its own concept, broader search engines,
        // and an organisation: it needs evidence.
        XCTAssertEqual(owner("Google"), "tech:google")
        XCTAssertEqual(label("Google")?.needsEvidence, true)
        XCTAssertEqual(owner("web search"), "esco:se")
        // An acronym split off goes with the labels it spells out (`Software as a service`), except one made of the
        // concept's own words (`neural networks`); a label written with its article is its noun phrase.
        XCTAssertEqual(owner("SaaS"), "tech:saas")
        XCTAssertEqual(owner("Software as a service"), "tech:saas")
        XCTAssertEqual(owner("NN"), "tech:nn")
        XCTAssertEqual(owner("neural nets"), "tech:nn")
        XCTAssertEqual(owner("neural networks"), "esco:ann")
        XCTAssertEqual(owner("service model"), "esco:som")
        XCTAssertNil(label("a service model"))
        let m = t.buildMatcher()
        let found = m.matches(in: "San Francisco, SAN storage, the fastest apps").map { t.concepts[Int($0.value)].id }
        XCTAssertEqual(found, ["onet:storage-area-network-san-software"])
    }
}

/// Phrases of common words that other fields use (`quality assurance`), title-case practices (`Event Management`)
/// and names that topics write in capitals (`ZEIT`), on small hand-made word statistics.
final class PracticePhrasePolicyTests: XCTestCase {
    func policy() -> LabelPolicy {
        var p = LabelPolicy()
        p.wordZipf = ["quality": 5.11, "assurance": 3.81, "data": 5.34, "analysis": 4.91, "entry": 4.67,
                      "event": 5.18, "management": 5.13, "mentor": 3.9, "graphics": 4.0, "microsoft": 4.5,
                      "azure": 2.9, "zeit": 2.64, "unit": 4.9, "testing": 4.6, "mathematical": 4.04]
        p.lexicon = ["quality", "assurance", "data", "analysis", "entry", "event", "management", "mentor", "graphics",
                     "unit", "testing", "mathematical"]
        p.questions = ["azure": 108_163, "data analysis": 3_006, "data entry": 203, "events": 36_054, "event": 36_054,
                       "unit testing": 60_000, "mathematical": 39_360]
        p.vendorCounts = ["mentor": 4, "event": 4]
        p.otherFieldSkills = ["quality assurance": 21, "data analysis": 4, "data entry": 0, "event management": 1,
                              "unit testing": 3, "mathematical": 10]
        p.curatedNames = ["zeit"]
        p.topicsWrittenWithCapitals = ["zeit"]
        return p
    }

    func testPracticesOfOtherFields() {
        let p = policy()
        XCTAssertTrue(p.namesPracticeOfOtherFields("quality assurance"))
        XCTAssertTrue(p.namesPracticeOfOtherFields("Data analysis"))
        XCTAssertTrue(p.namesPracticeOfOtherFields("Mathematical"))
        XCTAssertFalse(p.namesPracticeOfOtherFields("Data entry"), "no other field's skill uses it")
        XCTAssertFalse(p.namesPracticeOfOtherFields("unit testing"), "people ask about it as a technology")
        XCTAssertFalse(p.namesPracticeOfOtherFields("QA"))
        XCTAssertFalse(p.namesPracticeOfOtherFields("Microsoft Azure"), "azure is a technology's name")
    }

    func testTitleCaseIsANameOnlyWithANameInIt() {
        let p = policy()
        XCTAssertFalse(p.looksLikeName("Event Management"), "words of skill labels, `event` a very frequent word")
        XCTAssertTrue(p.looksLikeName("Mentor Graphics"), "an organisation's name first")
        XCTAssertTrue(p.looksLikeName("Microsoft Azure"))
    }

    func testATopicWrittenInCapitalsIsNotCaseFree() {
        var p = policy()
        XCTAssertTrue(p.needsExactCase("ZEIT"), "German `Zeit` is not ZEIT")
        p.questions["zeit"] = 6_000
        XCTAssertFalse(p.needsExactCase("ZEIT"), "unless people ask about it in any case")
    }
}
