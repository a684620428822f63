import Foundation
import SkillMatcher
import SkillTokenizer
import XCTest
@testable import SkillTaxonomy

/// Paths shared by the taxonomy tests.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shipped = root.appendingPathComponent("Taxonomies/ict-skills").path
    static let commonWords = root.appendingPathComponent("Taxonomies/build/common-words.txt").path

    static func sharedData() throws -> URL {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let d = env ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: d.path) else {
            print("SKIP: ../shared/data is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("../shared/data is absent")
        }
        return d
    }

    static func temp() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("tax-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}

final class TaxonomyBuilderRuleTests: XCTestCase {
    func testQualifierIsStripped() {
        XCTAssertEqual(TaxonomyBuilder.stripQualifier("Python (computer programming)"), "Python")
        XCTAssertNil(TaxonomyBuilder.stripQualifier("Python"))
        XCTAssertNil(TaxonomyBuilder.stripQualifier("(only qualifier)"))
    }

    func testAcronymVariants() {
        XCTAssertEqual(TaxonomyBuilder.acronymVariants("Amazon Web Services AWS"), ["Amazon Web Services", "AWS"])
        XCTAssertEqual(TaxonomyBuilder.acronymVariants("Structured Query Language SQL"),
                       ["Structured Query Language", "SQL"])
        // Initials must spell the acronym exactly: J-O-N is not JSON.
        XCTAssertEqual(TaxonomyBuilder.acronymVariants("JavaScript Object Notation JSON"), [])
        // An acronym inside a longer name does not stand alone.
        XCTAssertEqual(TaxonomyBuilder.acronymVariants("Tool center point TCP setting"),
                       ["Tool center point setting", "TCP setting"])
        XCTAssertEqual(TaxonomyBuilder.acronymVariants("Oracle Java"), [])
    }

    func testDerivedONetLabels() {
        var b = TaxonomyBuilder()
        b.commonWords = []
        let d = b.deriveONetLabels("Amazon Web Services AWS software")
        XCTAssertTrue(d.contains("AWS"), "\(d)")
        XCTAssertTrue(d.contains("Amazon Web Services"), "\(d)")
        XCTAssertFalse(d.contains("Web Services"), "vendor inside an acronym expansion is kept: \(d)")
        XCTAssertTrue(b.deriveONetLabels("Oracle Java").contains("Java"))
        XCTAssertTrue(b.deriveONetLabels("Microsoft Excel").contains("Excel"))
        // Without the vendor, ordinary words name a field, not the product, unless two words with an acronym.
        b.policy.wordZipf = ["power": 5, "bi": 3.2, "big": 5.5, "data": 5, "systems": 4.5, "client": 4.4, "vpn": 3.1]
        XCTAssertTrue(b.deriveONetLabels("Microsoft Power BI").contains("Power BI"))
        XCTAssertFalse(b.deriveONetLabels("Informatica Big Data").contains("Big Data"))
        b.vendors.insert("cisco")
        XCTAssertFalse(b.deriveONetLabels("Cisco Systems VPN Client").contains("Systems VPN Client"))
    }

    func testSlugKeepsPlusAndSharpDistinct() {
        XCTAssertEqual(TaxonomyBuilder.slug("C++"), "cplusplus")
        XCTAssertEqual(TaxonomyBuilder.slug("C#"), "csharp")
        XCTAssertEqual(TaxonomyBuilder.slug("Node.js"), "node-js")
        XCTAssertEqual(TaxonomyBuilder.slug("Amazon Web Services AWS software"), "amazon-web-services-aws-software")
    }

    /// A tiny ESCO file and O*NET file exercising merge, derivation, ambiguity and exact case.
    func testBuildMergesDerivesAndFlags() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let esco = dir.appendingPathComponent("esco.csv").path
        try """
        conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaa,Java (computer programming),released,knowledge,x,"Java
        J2EE",desc,u,computer programming
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/bbb,computer technology,released,knowledge,x,IT | information technology,desc,u,computing
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/ccc,Source (digital game creation systems),released,knowledge,x,,desc,u,games

        """.write(toFile: esco, atomically: true, encoding: .utf8)
        let onet = dir.appendingPathComponent("tech.txt").path
        try """
        O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand
        15-1252.00\tSoftware Developers\tOracle Java\t43232405\tObject or component oriented development software\tY\tY
        15-1253.00\tTesters\tOracle Java\t43232405\tObject or component oriented development software\tN\tN
        15-1252.00\tSoftware Developers\tAmazon Web Services AWS software\t43232306\tData base user interface and query software\tY\tN
        15-1252.00\tSoftware Developers\tApache Kafka\t43232306\tData base\tN\tN
        15-1252.00\tSoftware Developers\tConfluent Kafka\t43232306\tData base\tN\tN

        """.write(toFile: onet, atomically: true, encoding: .utf8)
        var b = TaxonomyBuilder()
        b.vendors.insert("confluent")
        b.commonWords = ["source"]
        let (t, report) = try b.build(escoDigitalSkillsCSV: esco, onetTechnologySkills: onet, name: "t", version: "1")
        XCTAssertEqual(report.escoRows, 3)
        XCTAssertEqual(report.onetRows, 5)
        XCTAssertEqual(report.onetExamples, 4)
        XCTAssertEqual(report.onetMerged, 1) // Oracle Java -> ESCO Java
        func concept(_ id: String) throws -> Concept { try XCTUnwrap(t.index(of: id).map { t.concepts[$0] }) }
        func labels(_ id: String) -> [ConceptLabel] { t.labels.filter { t.concepts[$0.conceptIndex].id == id } }
        let java = try concept("esco:aaa")
        XCTAssertEqual(java.source, "esco+onet")
        XCTAssertTrue(java.hotTechnology)
        XCTAssertTrue(java.inDemand)
        XCTAssertEqual(java.onetOccupations, 2)
        XCTAssertEqual(java.onetCommodityCodes, ["43232405"])
        XCTAssertEqual(Set(labels("esco:aaa").map(\.text)), ["Java (computer programming)", "Java", "J2EE", "Oracle Java"])
        // `Kafka` would name two concepts: dropped as ambiguous; the sources' own labels stay.
        XCTAssertFalse(t.labels.contains { $0.text == "Kafka" })
        XCTAssertEqual(report.droppedAmbiguous, 2)
        XCTAssertTrue(t.labels.contains { $0.text == "Apache Kafka" })
        // `Source` is a common word: not derived.
        XCTAssertEqual(labels("esco:ccc").map(\.text), ["Source (digital game creation systems)"])
        // `IT`, a named technology under the generic `computer technology`, becomes a concept of its own with
        // `computer technology` as broader (rule 10); two letters: exact case.
        XCTAssertNil(labels("esco:bbb").first { $0.text == "IT" })
        XCTAssertEqual(labels("tech:it").first { $0.text == "IT" }?.exactCase, true)
        XCTAssertTrue(t.attributes.contains { t.concepts[$0.conceptIndex].id == "tech:it" && $0.key == "broader" && $0.value == "esco:bbb" })
        // The label IT spells out goes with it (rule 10).
        XCTAssertEqual(labels("tech:it").first { $0.text == "information technology" }?.exactCase, false)
        XCTAssertNil(labels("esco:bbb").first { $0.text == "information technology" })
        // O*NET AWS concept with its derived labels.
        let aws = try concept("onet:amazon-web-services-aws-software")
        XCTAssertEqual(aws.type, "technology")
        XCTAssertTrue(labels(aws.id).contains { $0.text == "AWS" && $0.kind == .derived })

        // Matching with the built taxonomy.
        let m = t.buildMatcher()
        let found = m.matches(in: "Java and AWS; it is IT. Apache Kafka").map { t.concepts[Int($0.value)].id }
        XCTAssertEqual(found, ["esco:aaa", "onet:amazon-web-services-aws-software", "tech:it", "onet:apache-kafka"])
        // Every label says where it comes from.
        XCTAssertEqual(labels("esco:aaa").first { $0.text == "Oracle Java" }?.provenance, "onet")
        XCTAssertEqual(labels(aws.id).first { $0.text == "AWS" }?.provenance, "onet:acronym")
        XCTAssertEqual(labels("esco:aaa").first { $0.text == "Java" }?.provenance, "esco")
    }

    /// Rule 13: ESCO labels in another language join the English concept by URI; product names filed under a
    /// generic concept, labels another concept has, English words and short acronyms are dropped.
    func testTranslatedLabelsJoinByURIUnderTheSameRules() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "conceptType,conceptUri,preferredLabel,status,skillType,reuseLevel,altLabels,description,broaderConceptUri,broaderConceptPT"
        let en = dir.appendingPathComponent("en.csv").path
        try """
        \(header)
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/db,database management systems,released,knowledge,x,database systems,d,u,g
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/ora,Oracle Database,released,knowledge,x,Oracle,d,u,g
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/web,web programming,released,knowledge,x,,d,u,g

        """.write(toFile: en, atomically: true, encoding: .utf8)
        let de = dir.appendingPathComponent("de.csv").path
        try """
        \(header)
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/db,Datenbankmanagementsysteme,released,knowledge,x,Oracle | DBS | Datenbanksysteme,d,u,g
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/web,Webprogrammierung,released,knowledge,x,mastering | Web-Programmierung (Internet),d,u,g
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/zzz,nicht im Englischen,released,knowledge,x,,d,u,g

        """.write(toFile: de, atomically: true, encoding: .utf8)
        var b = TaxonomyBuilder()
        b.policy.wordZipf = ["mastering": 3.4]
        b.escoTranslations = [("de", de)]
        let (t, report) = try b.build(escoDigitalSkillsCSV: en, onetTechnologySkills: nil, name: "t", version: "1")
        func labels(_ id: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: t.labels.filter { t.concepts[$0.conceptIndex].id == id }.map { ($0.text, $0.provenance) })
        }
        XCTAssertEqual(labels("esco:db"), ["database management systems": "esco", "database systems": "esco",
                                            "Datenbankmanagementsysteme": "esco-de", "Datenbanksysteme": "esco-de"])
        XCTAssertEqual(labels("esco:web"), ["web programming": "esco", "Webprogrammierung": "esco-de",
                                             "Web-Programmierung (Internet)": "esco-de", "Web-Programmierung": "esco-de"])
        XCTAssertEqual(labels("esco:ora")["Oracle"], "esco", "Oracle stays the product's")
        XCTAssertEqual(report.translatedNamesDropped, 3) // Oracle (another concept's), DBS (acronym), mastering (English)
        XCTAssertEqual(report.skipped.count, 1, "a URI the English collection lacks is reported: \(report.skipped)")
        XCTAssertEqual(t.concepts.count, 3)
        let m = t.buildMatcher()
        XCTAssertEqual(m.matches(in: "Erfahrung mit Datenbanksysteme und Webprogrammierung").map { t.concepts[Int($0.value)].id },
                       ["esco:db", "esco:web"])
    }
}

final class TaxonomyFilesTests: XCTestCase {
    func testRoundTripKeepsContentAndDigest() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = Taxonomy(name: "mini", version: "2", concepts: [
            Concept(id: "local:a", preferredLabel: "Alpha\tTool", type: "technology", source: "local",
                    groups: ["g1", "g2"], onetCommodityCodes: ["1", "2"], hotTechnology: true, onetOccupations: 3),
            Concept(id: "local:b", preferredLabel: "Béta", type: "knowledge", source: "local"),
        ], labels: [
            ConceptLabel(conceptIndex: 0, text: "Alpha Tool", kind: .pref),
            ConceptLabel(conceptIndex: 0, text: "AT", kind: .derived, exactCase: true),
            ConceptLabel(conceptIndex: 1, text: "Béta", kind: .pref),
        ])
        try TaxonomyFiles.write(t, meta: [("source", "test")], to: dir.path)
        let back = try TaxonomyFiles.load(directory: dir.path)
        XCTAssertEqual(back.digest, t.digest, "loading canonical files gives the same digest")
        XCTAssertEqual(back.concepts.count, 2)
        XCTAssertEqual(back.concepts[0].preferredLabel, "Alpha Tool", "tabs are replaced by spaces")
        XCTAssertEqual(back.concepts[0].groups, ["g1", "g2"])
        XCTAssertEqual(back.concepts[0].onetCommodityCodes, ["1", "2"])
        XCTAssertTrue(back.concepts[0].hotTechnology)
        XCTAssertEqual(back.labels.map(\.text), ["Alpha Tool", "AT", "Béta"])
        XCTAssertEqual(back.labels.map(\.exactCase), [false, true, false])
        XCTAssertEqual(back.version, "2")
    }

    func testMalformedFilesNameFileAndLine() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = Taxonomy(name: "mini", version: "1", concepts: [Concept(id: "x", preferredLabel: "X", type: "k", source: "s")],
                         labels: [ConceptLabel(conceptIndex: 0, text: "X", kind: .pref)])
        try TaxonomyFiles.write(t, meta: [], to: dir.path)
        let labels = dir.appendingPathComponent("labels.tsv").path
        try (try String(contentsOfFile: labels, encoding: .utf8) + "y\tY\tpref\tany\n").write(toFile: labels, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TaxonomyFiles.load(directory: dir.path)) { e in
            XCTAssertTrue("\(e)".contains("labels.tsv:3"), "\(e)")
            XCTAssertTrue("\(e)".contains("unknown concept y"), "\(e)")
        }
        try "concept_id\tlabel\tkind\tcase\nx\tX\tpref\n".write(toFile: labels, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TaxonomyFiles.load(directory: dir.path)) { e in
            XCTAssertTrue("\(e)".contains("labels.tsv:2: expected 4 tab-separated fields, found 3"), "\(e)")
        }
        XCTAssertThrowsError(try TaxonomyFiles.load(directory: dir.path + "/missing")) { e in
            XCTAssertTrue("\(e)".contains("taxonomy.tsv"), "\(e)")
        }
    }
}

final class ShippedTaxonomyTests: XCTestCase {
    func testShippedTaxonomyLoadsAndMatchesICTTerms() throws {
        let t = try TaxonomyFiles.load(directory: Paths.shipped)
        XCTAssertGreaterThan(t.concepts.count, 9_000)
        XCTAssertEqual(t.concepts.filter { $0.id.hasPrefix("esco:") }.count, 1_284, "every ESCO digital skill")
        let m = t.buildMatcher()
        let text = "We use Python, Django and PostgreSQL on AWS with Docker; C++ and C# too. It is fine."
        let found = Set(m.matches(in: text).map { t.concepts[Int($0.value)].preferredLabel })
        for expected in ["Python (computer programming)", "Django", "PostgreSQL", "Docker", "C++", "C#"] {
            XCTAssertTrue(found.contains(expected), "\(expected) not in \(found)")
        }
        XCTAssertTrue(found.contains { $0.contains("AWS") }, "\(found)")
        XCTAssertFalse(found.contains("computer technology"), "'It' is not IT: \(found)")
        // ESCO's German, French, Spanish and Polish labels name the same concepts (rule 13); a product name the
        // French file files under a generic concept stays the product's.
        func ids(_ s: String) -> [String] { m.matches(in: s).map { t.concepts[Int($0.value)].id } }
        let web = try XCTUnwrap(t.concepts.first { $0.preferredLabel == "web programming" }).id
        let ml = try XCTUnwrap(t.concepts.first { $0.preferredLabel == "machine learning" }).id
        XCTAssertEqual(ids("Erfahrung in Webprogrammierung"), [web])
        XCTAssertEqual(ids("expérience en apprentissage automatique"), [ml])
        XCTAssertEqual(ids("experiencia en aprendizaje automático"), [ml])
        XCTAssertEqual(ids("doświadczenie: uczenie się maszyn"), [ml])
        let dbms = try XCTUnwrap(t.concepts.first { $0.preferredLabel == "database management systems" }).id
        XCTAssertFalse(ids("Oracle").contains(dbms))
        // A niche product does not own a very frequent word left without its vendor (`Web` of Askia Web); a widely
        // listed one keeps it (`Windows`).
        func labels(_ id: String) -> [String] { t.labels.filter { t.concepts[$0.conceptIndex].id == id }.map(\.text) }
        XCTAssertFalse(labels("onet:askia-web").contains("Web"), "\(labels("onet:askia-web"))")
        XCTAssertFalse(labels("onet:askia-web").contains("world wide web"))
        XCTAssertTrue(labels("onet:microsoft-windows").contains("Windows"))
        // Named fields and practices of computing from curated topics with an encyclopaedia article, asked about on
        // Stack Overflow (rule 12); the review drops the areas of a role and ambiguous aliases (rule 11).
        XCTAssertEqual(t.concepts.first { $0.id == "tech:deep-learning" }?.preferredLabel, "Deep learning")
        XCTAssertEqual(ids("deep learning, code review and data structures"),
                       ["tech:deep-learning", "tech:code-review", "tech:data-structures"])
        XCTAssertFalse(t.concepts.contains { $0.id == "tech:back-end" || $0.id == "tech:front-end" })
        XCTAssertFalse(t.concepts.contains { $0.id == "tech:portfolio" || $0.id == "tech:demo" }, "one word: the everyday word")
        XCTAssertFalse(labels("tech:platform-engineering").contains("idp"), "IdP: an identity provider")
        XCTAssertTrue(labels("tech:platform-engineering").contains("internal developer platform"))
        // An O*NET category matched as its practice is named by it (rule 3b); its O*NET name stays a label, and
        // a product keeps its name.
        func name(_ id: String) -> String? { t.concepts.first { $0.id == id }?.preferredLabel }
        XCTAssertEqual(name("onet:data-analysis-software"), "data analysis")
        XCTAssertEqual(name("onet:continuous-integration-software"), "continuous integration")
        XCTAssertTrue(labels("onet:data-analysis-software").contains("Data analysis software"))
        XCTAssertEqual(ids("Includes instruction in data analysis software"), ["onet:data-analysis-software"])
        XCTAssertEqual(name("onet:amazon-web-services-aws-software"), "Amazon Web Services AWS software")
        // An acronym of the concept's own name is its abbreviation (rule 10): one concept, not two.
        let nlp = try XCTUnwrap(t.concepts.first { $0.preferredLabel == "natural language processing" }).id
        XCTAssertEqual(ids("NLP"), [nlp])
        XCTAssertFalse(t.concepts.contains { $0.id == "tech:nlp" || $0.id == "tech:gis" })
        XCTAssertTrue(t.concepts.contains { $0.id == "tech:google" }, "Google is no abbreviation of search engines")
    }

    /// The shipped files are exactly what the documented command builds from ../shared/data.
    func testShippedTaxonomyIsReproducibleFromSources() throws {
        let data = try Paths.sharedData()
        let build = URL(fileURLWithPath: Paths.commonWords).deletingLastPathComponent().path
        let (t, report, _, _) = try ShippedTaxonomyBuild(data: data.path, build: build)
            .run(name: "ict-skills", version: "esco-1.2.0+onet-29.2")
        print(report)
        // Row counts as documented in the sources' SOURCE.md, none skipped.
        XCTAssertEqual(report.escoRows, 1_284)
        XCTAssertEqual(report.onetRows, 32_627)
        XCTAssertTrue(report.skipped.isEmpty, "\(report.skipped)")
        let shipped = try TaxonomyFiles.load(directory: Paths.shipped)
        XCTAssertEqual(t.digest, shipped.digest, "rebuild with `skillradar taxonomy build` and commit")
    }
}
