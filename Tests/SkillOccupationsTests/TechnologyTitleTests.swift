import SkillMatcher
import SkillTaxonomy
import XCTest
@testable import SkillOccupations

/// Titles that name a technology (`Java Developer`, `IT-Projektleiter`): the technology is evidence for the ICT
/// families, the head noun chooses within them (its table learnt from ESCO's parallel labels), and an ICT
/// counterpart of a general occupation (`project manager` -> `ICT project manager`) takes its place.
final class TechnologyTitleTests: XCTestCase {
    static func catalog() -> OccupationCatalog {
        var c = OccupationCatalog()
        c.esco("dev", "software developer", "2512", [("en", "programmer"), ("pl", "programista oprogramowania"),
                                                     ("de", "Softwareentwickler"), ("de", "App-Entwickler")])
        c.esco("mobile", "mobile application developer", "2514", [("pl", "programista aplikacji mobilnych"),
                                                                  ("de", "Mobile-App-Entwickler")])
        c.esco("games", "digital games developer", "2513", [("pl", "programista")])
        c.esco("property", "property developer", "1323", [("cs", "developer")])
        c.esco("pm", "project manager", "1219", [("de", "Projektleiter")])
        c.esco("ictpm", "ICT project manager", "1330", [("de", "IT-Projektleiter"), ("de", "IT-Projektmanager")])
        c.esco("sysadmin", "ICT system administrator", "2522", [("es", "administrador de sistemas")])
        c.esco("mech", "mechanical engineer", "2144", [("en", "mechanical design engineer")])
        return c
    }

    static func technologies() -> Matcher {
        var b = MatcherBuilder()
        for (i, l) in ["Java", "Python", "IT", "Linux", "CAD", "Spring Boot"].enumerated() {
            b.add(l, value: UInt32(i), exactCase: l == "IT")
        }
        return b.build()
    }

    let coder = OccupationCoder.build(catalog: TechnologyTitleTests.catalog(), options: .init(schemes: [.esco]),
                                      technologies: TechnologyTitleTests.technologies())

    func top(_ title: String) -> String? { coder.code(title, limit: 3).first?.occupationID }

    func testTechnologyAndHeadNounChooseTheICTOccupation() {
        XCTAssertEqual(top("Java Developer"), "esco:dev", "not the property developer")
        XCTAssertEqual(top("Senior Python Developer - Spring Boot"), "esco:dev", "Spring Boot is no boat")
        XCTAssertEqual(top("Programista Java (Senior)"), "esco:dev", "learnt: programista heads developers' labels")
        XCTAssertEqual(top("Java-Entwickler (m/w/d)"), "esco:dev", "learnt from compound endings: Entwickler")
        XCTAssertEqual(coder.code("Java Developer").first?.method, .titleHead)
        // Without a technology the title is coded as before.
        let plain = OccupationCoder.build(catalog: Self.catalog(), options: .init(schemes: [.esco]))
        XCTAssertEqual(plain.code("Java Developer").first?.occupationID, "esco:property")
    }

    func testICTCounterpartReplacesTheGeneralOccupation() {
        XCTAssertEqual(top("Projektleiter IT (m/w/d)"), "esco:ictpm")
        XCTAssertEqual(top("Projektleiter (m/w/d)"), "esco:pm", "no technology: the general occupation")
    }

    func testAnotherFieldNamedInWordsOfItsOwnStays() {
        XCTAssertEqual(top("Mechanical Design Engineer (CAD)"), "esco:mech")
    }

    func testExplainShowsTheEvidence() {
        let e = coder.technologyEvidence("Java-Entwickler (m/w/d)")
        XCTAssertEqual(e.technologies, ["Java"])
        XCTAssertEqual(e.head, "entwickler -> software developer")
        XCTAssertEqual(coder.technologyEvidence("Projektleiter").technologies, [])
    }
}

/// The hand-written ad-title list (`Tests/fixtures/titles`): top-1 ISCO-08 with every language and O*NET loaded,
/// and the technology names of the shipped skills taxonomy (needs ../shared/data).
final class AdTitleEvaluationTests: XCTestCase {
    func testAdTitlesTopOne() throws {
        let catalog = try Shared.catalog(languages: OccupationCatalogLoader.allLanguages, onet: true, skills: false)
        let taxonomy = Paths.root.appendingPathComponent("Taxonomies/ict-skills").path
        let t = try TaxonomyFiles.load(directory: taxonomy)
        let coder = OccupationCoder.build(catalog: catalog, technologies: t.titleTechnologyMatcher())
        let titles = try OccupationEvaluation.readAdTitles(path: Paths.root.appendingPathComponent("Tests/fixtures/titles/ad-titles.tsv").path)
        XCTAssertGreaterThanOrEqual(titles.count, 150)
        XCTAssertGreaterThanOrEqual(Set(titles.map(\.language)).count, 6)
        let (rows, _) = OccupationEvaluation.adTitles(titles, coder: coder)
        print(OccupationEvaluation.table(rows))
        // Measured: 69.8 % top-1, 86.0 % top-3 (68.6 % / 86.8 % before names that need evidence counted beside a
        // developer's head noun and an occupation's second label added support; 66.7 % / 83.7 % before technology
        // names and head nouns). 2026-12-07 (whole-title labels, head nouns that translate an English head, ICT words
        // and counterparts, technology words as specific evidence): 76.0 % / 86.0 % here, 77.1 % / 88.0 % in the CLI.
        XCTAssertGreaterThanOrEqual(rows[0].top1, 0.755)
        XCTAssertGreaterThanOrEqual(rows[0].top3, 0.855)
    }
}
