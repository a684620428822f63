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

    /// Tag-list names (Stack Overflow tags of ordinary words: `cloud`, `using`, `design patterns`) never match in
    /// running text, never shadow another label there, and join only lower-case tag lines; they complete a line's
    /// share only when every word is then covered.
    func testListOnlyLabelsMatchOnlyInLowerCaseTagLines() throws {
        var b = MatcherBuilder()
        b.add("Java", value: 0)
        b.add("Kubernetes", value: 1)
        b.add("Linux", value: 2)
        b.add("source code management", value: 3)
        b.add("git", value: 4)
        b.add("serverless", value: 5)
        b.add("cloud", value: 10, listOnly: true)
        b.add("using", value: 11, listOnly: true)
        b.add("embedded", value: 12, listOnly: true)
        b.add("design patterns", value: 13, listOnly: true)
        b.add("patterns library", value: 14)
        let m = b.build()
        XCTAssertTrue(m.isListOnly(PatternID(rawValue: 6)))
        XCTAssertFalse(m.isListOnly(PatternID(rawValue: 0)))
        let d = Disambiguator(rules: try ContextRules.parse(Self.rules), matcher: m, threshold: 0.5)
        func accepted(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return d.score(text, matcher: m).filter { d.isAccepted($0) }
                .map { String(decoding: bytes[$0.match.start..<$0.match.end], as: UTF8.self) }
        }
        XCTAssertEqual(m.matches(in: "We run in the cloud using Java").map(\.value), [0], "ordinary matching never sees them")
        XCTAssertEqual(m.matches(in: "java cloud", kind: .overlapping).map(\.value), [0])
        XCTAssertEqual(accepted("We use design patterns library code"), ["patterns library"],
                       "no shadowing: the later label still matches")
        XCTAssertEqual(accepted("java cloud kubernetes design-patterns"), ["java", "cloud", "kubernetes", "design-patterns"])
        XCTAssertEqual(accepted("linux embedded java"), ["linux", "embedded", "java"],
                       "every word covered, in lower case: a tag line")
        XCTAssertEqual(accepted("using the serverless framework"), ["serverless"], "prose leaves words uncovered")
        XCTAssertEqual(accepted("Source code management using git;"), ["Source code management", "git"],
                       "a sentence that passes by its labels gets no tag-list names")
        XCTAssertEqual(accepted("Java Cloud Kubernetes Linux"), ["Java", "Kubernetes", "Linux"],
                       "capitalised: not written as tags are")
    }
}
