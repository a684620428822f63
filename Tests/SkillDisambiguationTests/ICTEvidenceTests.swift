import Foundation
import SkillDisambiguation
import SkillMatcher
import SkillTaxonomy
import XCTest

/// The `@ict-evidence` class of the shipped rules and the label decisions behind it, on sentences of the CIP 2020
/// programme descriptions, the DEFTIS course catalogue and SkillSpan postings: a phrase of common words that other
/// fields use too (`quality assurance`, `project management`, `statistical analysis`) names its ICT concept only
/// when ICT is spoken of nearby; German words are not all-capitals product names.
final class ICTEvidenceTests: XCTestCase {
    struct Fixture {
        let taxonomy: Taxonomy
        let matcher: Matcher
        let disambiguator: Disambiguator
    }

    nonisolated(unsafe) static var cached: Fixture?

    static func fixture() throws -> Fixture {
        if let f = cached { return f }
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Taxonomies/ict-skills")
        let t = try TaxonomyFiles.load(directory: dir.path)
        let m = t.buildMatcher()
        let rules = try ContextRules.parse(try String(contentsOf: dir.appendingPathComponent("context-rules.tsv"), encoding: .utf8))
        let f = Fixture(taxonomy: t, matcher: m,
                        disambiguator: Disambiguator(rules: rules, matcher: m, threshold: 0.5, evidenceLabels: t.evidenceLabels))
        cached = f
        return f
    }

    /// Concept IDs of the accepted matches of `text`.
    func accepted(_ text: String) throws -> [String] {
        let f = try Self.fixture()
        return f.disambiguator.score(text, matcher: f.matcher).filter { f.disambiguator.isAccepted($0) }
            .map { f.taxonomy.concepts[Int($0.match.value)].id }
    }

    static let qa = "tech:qa"
    static let projectManagement = "esco:bec4359e-cb92-468f-a997-8fb28e32fba9"

    func testPracticesOfOtherFieldsNeedICTEvidence() throws {
        // CIP 01.8104 (veterinary), 14.1901 (engineering), 45.0603 (econometrics): not ICT.
        XCTAssertFalse(try accepted("""
            Includes instruction in veterinary epidemiology, biostatistics, food safety and quality assurance, food \
            toxicology, zoonotic and infectious diseases.
            """).contains(Self.qa))
        XCTAssertFalse(try accepted("""
            Includes instruction in basic engineering principles, project management, industrial processes, production \
            and operations management, systems integration and control, quality control, and statistics.
            """).contains(Self.projectManagement))
        XCTAssertFalse(try accepted("""
            A program that focuses on the systematic study of mathematical and statistical analysis of economic \
            phenomena and problems.
            """).contains("onet:statistical-analysis-software"))
        XCTAssertFalse(try accepted("""
            Includes instruction in principles of meeting and event planning; special event management; budgets and \
            finance; site selection; contracts, vendors, and negotiations.
            """).contains("onet:event-management-software"), "a practice's name in title case is no product name")
        XCTAssertFalse(try accepted("Mathematical Biology.  A program that focuses on the application of mathematics.")
            .contains("onet:mathematical-software"))
        XCTAssertFalse(try accepted("""
            A program that prepares individuals, in association with a rehabilitation team or in private practice, to \
            use music in therapeutic relationships.
            """).contains("onet:private-practice"))
    }

    func testWithICTEvidenceThePhrasesCount() throws {
        // CIP 11.1005, and SkillSpan postings (TECH test): a discipline's processes, the ICT field, title case.
        XCTAssertTrue(try accepted("""
            Information Technology Project Management.

            A program that prepares individuals to design, develop, and manage information technology projects.
            """).contains(Self.projectManagement))
        XCTAssertTrue(try accepted("Lifecycle principles and quality assurance processes and methodologies .")
            .contains(Self.qa))
        XCTAssertEqual(try accepted("""
            As the Development Team Delivery manager you will have responsibility for the Scoping Project Management \
            and Quality Assurance of all projects .
            """).filter { $0 == Self.qa || $0 == Self.projectManagement }, [Self.projectManagement, Self.qa])
        XCTAssertTrue(try accepted("""
            Includes instruction in data analysis, database design, data mining, computer algorithms, economics.
            """).contains("onet:data-analysis-software"))
    }

    func testNamesOfICTPracticesNeedNoEvidence() throws {
        // CIP 11.0601 and 52.0407: data entry is an ICT skill whatever the field.
        XCTAssertTrue(try accepted("Data Entry/Microcomputer Applications, General.").contains("onet:data-entry-software"))
        XCTAssertTrue(try accepted("""
            Includes instruction in medical office and health care facility procedures, record-keeping, customer \
            service, telephone skills, data entry, interpersonal communications skills.
            """).contains("onet:data-entry-software"))
    }

    func testGermanWordsAreNotAllCapitalsNames() throws {
        // DEFTIS course descriptions.
        XCTAssertFalse(try accepted("Es gibt Anzeichen dafür, dass sich die Nutzung in nächster Zeit verlangsamen wird.")
            .contains("tech:zeit"))
        XCTAssertTrue(try accepted("Deployed on ZEIT Now and Heroku.").contains("tech:zeit"))
        XCTAssertFalse(try accepted("SEO Optimieren und Kommunikation mit der IT-Abteilung.").contains("tech:it"))
    }
}
