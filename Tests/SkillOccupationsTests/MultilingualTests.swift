import XCTest
@testable import SkillOccupations

/// Titles in several languages against ESCO's multilingual occupation labels (needs ../shared/data).
final class MultilingualTests: XCTestCase {
    static let languages = ["de", "fr", "es", "pl", "el", "ar"]

    func coder() throws -> (OccupationCoder, OccupationCatalog) {
        let c = try Shared.catalog(languages: Self.languages, onet: false, skills: true)
        return (OccupationCoder.build(catalog: c, options: .init(schemes: [.esco])), c)
    }

    /// Each language's own labels of ESCO's software developer code back to it (ISCO 2512).
    func testEachLanguagesLabelCodesToSoftwareDeveloper() throws {
        let (coder, c) = try coder()
        let dev = try XCTUnwrap(c.index(of: Shared.softwareDeveloper))
        for lang in Self.languages {
            let labels = c.labels.filter { $0.occupation == dev && $0.language == lang && $0.kind == .preferred }
            XCTAssertFalse(labels.isEmpty, lang)
            for l in labels {
                let top = try XCTUnwrap(coder.code(l.text).first, l.text)
                XCTAssertEqual(top.occupationID, Shared.softwareDeveloper, "\(lang): \(l.text) -> \(top.label)")
                XCTAssertEqual(top.iscoCode, "2512", l.text)
                XCTAssertTrue(top.isICT)
            }
        }
    }

    /// Titles as written in postings: markers, seniority and places around the labels.
    func testPostingStyleTitles() throws {
        let (coder, _) = try coder()
        let table: [(String, String)] = [
            ("Senior Softwareentwickler (m/w/d)", "de"),
            ("Softwareentwickler/in in Berlin", "de"),
            ("Softwareentwickler*in - Vollzeit", "de"),
            ("Développeur logiciel / Développeuse logicielle", "fr"),
            ("Développeur de logiciels (H/F) - CDI", "fr"),
            ("Desarrollador/a de software", "es"),
            ("Twórca oprogramowania - praca zdalna", "pl"),
            ("Μηχανικός ανάπτυξης λογισμικού", "el"),
            ("مطور برمجيات / مطورة برمجيات", "ar"),
        ]
        for (title, lang) in table {
            let top = try XCTUnwrap(coder.code(title).first, title)
            XCTAssertEqual(top.iscoCode, "2512", "\(title) -> \(top.label)")
            XCTAssertEqual(top.occupationID, Shared.softwareDeveloper, "\(title) -> \(top.label)")
            XCTAssertEqual(top.matchedLanguage, lang, title)
            XCTAssertGreaterThanOrEqual(top.confidence, 0.6, title)
        }
    }

    /// ESCO has no Chinese labels: a Chinese title alone codes to nothing, and with the posting's skills
    /// (here software developer's own essential skills) the skills fallback finds an ICT occupation.
    func testChineseTitleFallsBackToSkills() throws {
        let (coder, c) = try coder()
        XCTAssertTrue(coder.code("软件开发工程师").isEmpty)
        let dev = try XCTUnwrap(c.index(of: Shared.softwareDeveloper))
        let skills = try XCTUnwrap(c.skills[dev]?.essential)
        let r = coder.code("软件开发工程师", skills: skills, limit: 3)
        XCTAssertEqual(r.first?.method, .skills)
        XCTAssertTrue(r.map(\.occupationID).contains(Shared.softwareDeveloper), "\(r.map(\.label))")
        XCTAssertTrue(r.first?.isICT ?? false)
    }
}
