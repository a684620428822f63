import SkillDisambiguation
import SkillMatcher
import XCTest

/// The `@evidence` class: labels the taxonomy marks as needing evidence (everyday words, organisations) share
/// one set of rules; a match alone stays below the threshold, and counts as a list item, in its own spelling
/// inside a sentence with a skill nearby, or in a technical phrase.
final class EvidenceClassTests: XCTestCase {
    static let rules = """
    label\tdirective\targument\tweight\twindow
    @evidence\tprior\t-\t0.3\t-
    @evidence\tcase\t_\t0.15\t-
    @evidence\tlist\t-\t0.35\t2
    @evidence\tneighbour\t2\t0.1\t8
    @evidence\tpositive\texperience with _\t0.2\t-
    @evidence\tnegative\tyour _\t0.4\t-
    """

    func fixture() throws -> (Matcher, Disambiguator) {
        var b = MatcherBuilder()
        for (i, l) in ["Spring", "Chef", "Python", "Kubernetes", "Scheme"].enumerated() {
            b.add(l, value: UInt32(i), exactCase: false)
        }
        let m = b.build()
        let d = Disambiguator(rules: try ContextRules.parse(Self.rules), matcher: m, threshold: 0.5,
                              evidenceLabels: ["Spring", "Chef", "Scheme"])
        return (m, d)
    }

    func accepted(_ text: String) throws -> [String] {
        let (m, d) = try fixture()
        let bytes = Array(text.utf8)
        return d.score(text, matcher: m).filter { d.isAccepted($0) }
            .map { String(decoding: bytes[$0.match.start..<$0.match.end], as: UTF8.self) }
    }

    func testAloneAnEverydayWordDoesNotCount() throws {
        XCTAssertEqual(try accepted("Enjoy the spring sunshine and our pension scheme."), [])
        XCTAssertEqual(try accepted("Spring is here."), [], "capitalised at the start of a sentence: no evidence")
        XCTAssertEqual(try accepted("Our chef cooks lunch."), [])
    }

    func testListItemsAndTechnicalPhrasesCount() throws {
        XCTAssertEqual(try accepted("Stack: Python, Spring, Kubernetes"), ["Python", "Spring", "Kubernetes"])
        XCTAssertEqual(try accepted("Skills: Chef and Kubernetes"), ["Chef", "Kubernetes"])
        XCTAssertEqual(try accepted("You have experience with Spring"), ["Spring"], "prior + own spelling + phrase")
        XCTAssertEqual(try accepted("We build services in Python with Spring"), ["Python", "Spring"],
                       "own spelling inside a sentence and a skill nearby")
    }

    func testNegativePhrases() throws {
        XCTAssertEqual(try accepted("Send us your Chef recipes with Python"), ["Python"])
    }

    func testOwnRulesWinOverTheClass() throws {
        let rules = Self.rules + "\nChef\tprior\t-\t0.9\t-"
        var b = MatcherBuilder()
        b.add("Chef", value: 0, exactCase: false)
        let m = b.build()
        let d = Disambiguator(rules: try ContextRules.parse(rules), matcher: m, evidenceLabels: ["Chef"])
        XCTAssertEqual(d.score("Our chef cooks lunch.", matcher: m).first?.confidence ?? 0, 0.9, accuracy: 1e-9)
    }
}
