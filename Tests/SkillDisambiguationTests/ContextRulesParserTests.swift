import SkillDisambiguation
import XCTest

final class ContextRulesParserTests: XCTestCase {
    let header = "label\tdirective\targument\tweight\twindow\n"

    func testParsesEveryDirectiveWithCommentsAndBlankLines() throws {
        let text = """
        # a comment before the header

        label\tdirective\targument\tweight\twindow
        Go\tprior\t-\t0.3\t-
        Go\tcase\tGo\trequired\t-
        Go\tneighbour\t2\t0.15\t8
        R\tcontext\tstatistics|statistical\t0.3\t5
        Go\tpositive\t_ developer\t0.4\t-
        Go\tnegative\t_ to\t0.9\t-\r

        """
        let rules = try ContextRules.parse(text).rules
        XCTAssertEqual(rules.map(\.directive), [.prior, .case, .neighbour, .context, .positive, .negative])
        XCTAssertEqual(rules.map(\.line), [4, 5, 6, 7, 8, 9])
        XCTAssertEqual(rules[0].weight, 0.3)
        XCTAssertNil(rules[1].weight, "required has no weight")
        XCTAssertEqual(rules[2].argument, "2")
        XCTAssertEqual(rules[2].window, 8)
        XCTAssertEqual(rules[3].argument, "statistics|statistical")
        XCTAssertEqual(rules[5].argument, "_ to")
        XCTAssertEqual(rules[5].window, 0)
    }

    /// Hostile and malformed rows: each error names the line and what is wrong.
    func testBadRowsReportTheirLine() {
        let cases: [(String, Int, String)] = [
            ("", 1, "no header"),
            ("label\tdirective\n", 1, "expected the header"),
            (header + "Go\tprior\t-\t0.3\n", 2, "expected 5 tab-separated fields"),
            (header + "Go\tprior\t-\t0.3\t-\nGo\tmaybe\t-\t1\t-\n", 3, "unknown directive \"maybe\""),
            (header + "Go\tprior\t-\tlots\t-\n", 2, "weight \"lots\" is not a number"),
            (header + "Go\tprior\t-\tnan\t-\n", 2, "is not a number"),
            (header + "Go\tprior\t-\t1.5\t-\n", 2, "a prior must lie in [0, 1]"),
            (header + "Go\tprior\t-\t0.3\t-\nGo\tprior\t-\t0.4\t-\n", 3, "a second prior for \"Go\" (the first is on line 2)"),
            (header + "Go\tcase\tGolang\t0.2\t-\n", 2, "is not a spelling of the label"),
            (header + "Go\tcase\t-\t0.2\t-\n", 2, "needs the exact form"),
            (header + "Go\tneighbour\t-\t0.1\t-\n", 2, "needs a window"),
            (header + "Go\tneighbour\tx\t0.1\t4\n", 2, "neighbour cap \"x\""),
            (header + "Go\tcontext\tdeveloper\t0.1\t0\n", 2, "window \"0\" must be a whole number"),
            (header + "Go\tcontext\t|\t0.1\t3\n", 2, "needs words"),
            (header + "Go\tpositive\tgo developer\t0.4\t-\n", 2, "exactly one \"_\""),
            (header + "Go\tpositive\t_developer\t0.4\t-\n", 2, "exactly one \"_\""),
            (header + "Go\tnegative\t_\t0.4\t-\n", 2, "no words besides"),
            (header + "\tprior\t-\t0.4\t-\n", 2, "empty label"),
            (header + "Go\tcase\tGo\tmaybe\t-\n", 2, "or \"required\""),
        ]
        for (text, line, message) in cases {
            XCTAssertThrowsError(try ContextRules.parse(text, path: "rules.tsv"), message) { error in
                guard let e = error as? ContextRulesError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.line, line, "\(message): \(e)")
                XCTAssertTrue(e.message.contains(message), "\(e.message) should contain \(message)")
                XCTAssertTrue(e.description.hasPrefix("rules.tsv:\(line): "))
            }
        }
    }

    func testHeaderOnlyIsAnEmptyRuleSet() throws {
        XCTAssertEqual(try ContextRules.parse(header).rules.count, 0)
    }
}
