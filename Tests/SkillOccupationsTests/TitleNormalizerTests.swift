import XCTest
@testable import SkillOccupations

final class TitleNormalizerTests: XCTestCase {
    let n = TitleNormalizer()

    /// Table: title -> expected `main` words.
    func testMainWords() {
        let table: [(String, String)] = [
            ("Senior Java-Entwickler (m/w/d)", "java entwickler"),
            ("Softwareentwickler/in", "softwareentwickler"),
            ("Softwareentwickler*in - Teilzeit", "softwareentwickler"),
            ("Développeur logiciel (H/F)", "developpeur logiciel"),
            ("Data Scientist (w/m/d) 100% Remote", "data scientist"),
            ("Lead Developer", "developer"),
            ("Team Lead", "team lead"),
            ("Software Engineer II", "software engineer"),
            ("Software Engineer - Berlin", "software engineer"),
            ("Software Engineer in Berlin", "software engineer"),
            ("Software Engineer, Munich", "software engineer"),
            ("Full-Time Web Developer (Hamburg)", "web developer"),
            ("Jr. Data Analyst #12345", "data analyst"),
            ("Entwickler/-in Backend", "entwickler backend"),
            ("desarrollador/a de software", "desarrollador de software"),
            ("Intern", "intern"),
            ("Systemadministrator m/w/d", "systemadministrator"),
            ("Network Engineer (all genders)", "network engineer"),
            ("IT-Berater:in Vollzeit", "it berater"),
            ("CEO (Chief Executive Officer)", "ceo"),
        ]
        for (title, expected) in table {
            XCTAssertEqual(n.analyze(title).main.joined(separator: " "), expected, title)
        }
    }

    func testParentheticalsAndRaw() {
        let a = n.analyze("CEO (Chief Executive Officer)")
        XCTAssertEqual(a.parentheticals, [["chief", "executive", "officer"]])
        XCTAssertEqual(a.raw, ["ceo", "chief", "executive", "officer"])
        let b = n.analyze("Senior Java-Entwickler (m/w/d)")
        XCTAssertTrue(b.removed.contains("senior: seniority"), "\(b.removed)")
        XCTAssertTrue(b.removed.contains("(m/w/d): gender marker"), "\(b.removed)")
    }

    func testGenderedForms() {
        XCTAssertEqual(genderedForms("Softwareentwickler/Softwareentwicklerin"), ["Softwareentwickler", "Softwareentwicklerin"])
        XCTAssertEqual(genderedForms("actor/actress"), ["actor", "actress"])
        XCTAssertEqual(genderedForms("مطور برمجيات / مطورة برمجيات"), ["مطور برمجيات", "مطورة برمجيات"])
        XCTAssertEqual(genderedForms("CAD/CAM programmer"), ["CAD/CAM programmer"])
        XCTAssertEqual(genderedForms("software developer"), ["software developer"])
    }
}
