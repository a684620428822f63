import SkillMatcher
import SkillTaxonomy
import XCTest
@testable import SkillOccupations

/// What a title says beyond its head segment, each rule on a small catalog: a label equal to the whole title, an ICT
/// word that moves an occupation to its ICT counterpart, a specialism after `in`, a rank word a label keeps, an
/// unknown compound's prefix, and ties between occupations that share an exact label.
final class TitleEvidenceTests: XCTestCase {
    static func catalog() -> OccupationCatalog {
        var c = OccupationCatalog()
        c.esco("dev", "software developer", "2512", [("en", "programmer"), ("de", "Softwareentwickler"),
                                                     ("de", "IT-Entwickler")])
        c.esco("ictt", "ICT technician", "3512")
        c.esco("drafter", "drafter", "3118", [("en", "CAD technician")])
        c.esco("pm", "project manager", "1219", [("de", "Projektleiter"), ("nl", "projectleider")])
        // No Dutch label says `ICT projectleider`: the counterpart is learnt from the German pair.
        c.esco("ictpm", "ICT project manager", "1330", [("de", "IT-Projektleiter")])
        c.esco("sysadmin", "ICT system administrator", "2522", [("de", "IT-Administrator")])
        c.esco("iex", "import export specialist", "3331")
        c.esco("iexhh", "import export specialist in household goods", "3331")
        c.esco("waiter", "waiter", "5131")
        c.esco("headwaiter", "head waiter", "5131", [("en", "chief waiter")])
        c.esco("grower", "grower", "6111", [("nl", "kweker")])
        c.esco("dogs", "dog breeder", "5164", [("nl", "hondenkweker")])
        c.esco("groomer", "dog groomer", "5164", [("nl", "hondentrimmer")])
        // Both share `UI designer`; only the designer has more labels like it.
        c.esco("uidev", "user interface developer", "2512", [("nl", "UI designer")])
        c.esco("uides", "user interface designer", "2513", [("en", "UI designer"), ("en", "UI/UX designer")])
        return c
    }

    static func technologies() -> Matcher {
        var b = MatcherBuilder()
        for (i, l) in ["Java", "IT", "CAD"].enumerated() { b.add(l, value: UInt32(i), exactCase: l == "IT") }
        return b.build()
    }

    let coder = OccupationCoder.build(catalog: TitleEvidenceTests.catalog(), options: .init(schemes: [.esco]),
                                      technologies: TitleEvidenceTests.technologies())

    func top(_ title: String) -> String? { coder.code(title, limit: 3).first?.occupationID }

    func testTitlesAndTheirOccupations() {
        let table: [(title: String, expected: String, why: String)] = [
            ("CAD Technician", "esco:drafter", "a label equal to the whole title, technology included, names the job"),
            ("Java Technician", "esco:ictt", "no such label: the technology's head noun decides"),
            ("Java Engineer", "esco:dev", "no such label: the head noun decides"),
            ("Projectleider IT", "esco:ictpm", "the ICT word moves project manager to its ICT counterpart"),
            ("Projectleider (Java)", "esco:pm", "a technology without an ICT word leaves the occupation"),
            ("Senior Import Export Specialist in Household Goods (m/w/d)", "esco:iexhh", "the tail is a specialism"),
            ("Import Export Specialist in Hamburg", "esco:iex", "an unknown tail is a place"),
            ("Head Waiter (m/w/d)", "esco:headwaiter", "a rank word that a label keeps"),
            ("Senior Waiter", "esco:waiter", "senior is always seniority"),
            ("hondenkweekster", "esco:dogs", "the word with the longest shared prefix"),
            ("UI designer", "esco:uides", "shared exact label: the occupation whose other labels resemble the title"),
        ]
        for row in table { XCTAssertEqual(top(row.title), row.expected, "\(row.title): \(row.why)") }
    }

    func testAnalysisKeepsPlaceAndRank() {
        let n = TitleNormalizer()
        let a = n.analyze("Senior Import Export Specialist in Household Goods")
        XCTAssertEqual(a.main, ["import", "export", "specialist"])
        XCTAssertEqual(a.place, ["household", "good"])
        XCTAssertEqual(a.withPlace, ["import", "export", "specialist", "in", "household", "good"])
        XCTAssertEqual(n.analyze("Head Waiter").withRank, ["head", "waiter"])
        XCTAssertEqual(n.analyze("Team Lead").withRank, [], "nothing was removed")
        XCTAssertEqual(n.analyze("Developer - Berlin").withPlace, [], "no place word")
    }

    func testICTWordsAndCounterparts() {
        XCTAssertTrue(coder.ictModifiers.contains(coder.tokenID("it")))
        let pm = coder.occupations.firstIndex { $0.id == "esco:pm" }.map(Int32.init)
        let ictpm = coder.occupations.firstIndex { $0.id == "esco:ictpm" }.map(Int32.init)
        XCTAssertNotNil(pm)
        XCTAssertEqual(pm.flatMap { coder.ictCounterparts[$0] }, ictpm)
        // Prefix sharers: only the words with the longest shared prefix, half of the word or more.
        let sharers = coder.prefixSharers("hondenkweekster").map { coder.vocabulary.string(for: $0.0) }
        XCTAssertEqual(sharers, ["hondenkweker"])
        XCTAssertEqual(coder.prefixSharers("kweekster").count, 0)
    }
}
