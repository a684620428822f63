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

    /// Tag lists (`Technologies: java spring`, Stack Overflow job tags): a line of words separated by spaces or
    /// list marks only, most of them technology names and one unambiguous. There, labels held to their case match
    /// in lower case and ruled labels get their list evidence; in prose and in lines of ordinary words, not.
    func testTagListsRelaxCaseAndCountAsLists() throws {
        var b = MatcherBuilder()
        b.add("Java", value: 0)
        b.add("Spring", value: 1, exactCase: true)
        b.add("REST", value: 2, exactCase: true)
        b.add("Kubernetes", value: 3)
        b.add("design patterns", value: 4)
        b.add("ARCHITECT", value: 5, exactCase: true)
        b.add("SCALA", value: 6, exactCase: true)
        b.add("Scala", value: 7, exactCase: true)
        let m = b.build()
        let d = Disambiguator(rules: try ContextRules.parse(Self.rules), matcher: m, threshold: 0.5,
                              evidenceLabels: ["Spring"])
        func accepted(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return d.score(text, matcher: m).filter { d.isAccepted($0) }
                .map { String(decoding: bytes[$0.match.start..<$0.match.end], as: UTF8.self) }
        }
        XCTAssertEqual(accepted("java rest cloud spring design-patterns"), ["java", "rest", "spring", "design-patterns"])
        XCTAssertEqual(accepted("java architect kubernetes rest"), ["java", "kubernetes", "rest"],
                       "six capitals keep their case (ARCHITECT is a product; architect a role)")
        XCTAssertEqual(accepted("java scala kubernetes"), ["java", "kubernetes"], "two concepts have the lower-case form")
        XCTAssertEqual(accepted("Tags: java, spring, rest\nWe rest in spring."), ["java", "spring", "rest"],
                       "only the tag line")
        XCTAssertEqual(accepted("we use java and spring rest here"), ["java"], "prose: three of seven words")
        XCTAssertEqual(accepted("rest spring cloud"), [], "no unambiguous technology in the line")
        XCTAssertEqual(accepted("java rest"), ["java"], "two words are no list")
        XCTAssertEqual(accepted("java Rest kubernetes"), ["java", "kubernetes"], "a capitalised word keeps its case")
        XCTAssertEqual(accepted("java rest-assured kubernetes"), ["java", "kubernetes"], "part of a hyphenated tag")
        let text = "kubernetes java rest"
        var scratch = MatchScratch()
        var matches: [Match] = []
        var scored: [ScoredMatch] = []
        var copy = text
        copy.withUTF8 { buf in
            m.matches(in: buf, kind: .leftmostLongest, scratch: &scratch, into: &matches)
            XCTAssertEqual(d.tagListLines(text: buf, tokens: scratch.tokens, matches: matches, relaxed: matches), [],
                           "without the case-relaxed matches two of three words are covered")
            d.score(text: buf, matcher: m, scratch: scratch, matches: &matches, into: &scored)
        }
        XCTAssertEqual(matches.count, 3, "the case-relaxed REST joins the matches, in order")
        XCTAssertEqual(scored.last?.evidence.first?.detail, "tag list, any case")
    }
}
