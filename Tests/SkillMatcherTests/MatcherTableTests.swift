import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// Table-driven checks of leftmost-longest and overlapping matching.
final class MatcherTableTests: XCTestCase {
    struct Case {
        var name: String
        var labels: [LabelSpec]
        var text: String
        var leftmostLongest: [Found]
        /// nil: the same as `leftmostLongest`.
        var overlapping: [Found]?
        var line: UInt

        init(_ name: String, _ labels: [LabelSpec], _ text: String, _ leftmostLongest: [Found],
             overlapping: [Found]? = nil, line: UInt = #line) {
            self.name = name
            self.labels = labels
            self.text = text
            self.leftmostLongest = leftmostLongest
            self.overlapping = overlapping
            self.line = line
        }
    }

    func check(_ cases: [Case], file: StaticString = #filePath) {
        for c in cases {
            let matcher = makeMatcher(c.labels)
            for kind in MatchKind.allCases {
                let expected = kind == .leftmostLongest ? c.leftmostLongest : (c.overlapping ?? c.leftmostLongest)
                let matches = matcher.matches(in: c.text, kind: kind)
                XCTAssertEqual(found(matcher, matches, in: c.text), expected,
                               "case '\(c.name)' (\(kind.rawValue)) on \(c.text.debugDescription)",
                               file: file, line: c.line)
                // Structural invariants of every result.
                for m in matches {
                    XCTAssertEqual(m.value, c.labels[Int(m.pattern.rawValue)].value ?? m.pattern.rawValue,
                                   "case '\(c.name)' value", file: file, line: c.line)
                    XCTAssertLessThan(m.tokenStart, m.tokenEnd, file: file, line: c.line)
                }
                if kind == .leftmostLongest {
                    for (a, b) in zip(matches, matches.dropFirst()) {
                        XCTAssertTrue(b.start >= a.end || (a.start == b.start && a.end == b.end),
                                      "case '\(c.name)': leftmost-longest matches overlap", file: file, line: c.line)
                    }
                }
            }
        }
    }

    func testNestedLabels() {
        let ml: LabelSpec = "machine learning", mle: LabelSpec = "machine learning engineer"
        check([
            Case("shorter label when the longer is not complete", [ml, mle], "machine learning engineers",
                 [Found("machine learning", "machine learning")]),
            Case("longer label when complete", [ml, mle], "a machine learning engineer role",
                 [Found("machine learning engineer", "machine learning engineer")],
                 overlapping: [Found("machine learning", "machine learning"),
                               Found("machine learning engineer", "machine learning engineer")]),
            Case("order of adding does not matter", [mle, ml], "Machine Learning Engineer",
                 [Found("machine learning engineer", "Machine Learning Engineer")],
                 overlapping: [Found("machine learning", "Machine Learning"),
                               Found("machine learning engineer", "Machine Learning Engineer")]),
            Case("longer label at the end of the text", [ml, mle], "machine learning",
                 [Found("machine learning", "machine learning")]),
            Case("three levels", ["data", "data science", "data science platform"], "Data Science platform team",
                 [Found("data science platform", "Data Science platform")],
                 overlapping: [Found("data", "Data"), Found("data science", "Data Science"),
                               Found("data science platform", "Data Science platform")]),
        ])
    }

    func testPrefixesThatFailMidway() {
        check([
            Case("a b c and b on a b d", ["a b c", "b"], "a b d", [Found("b", "b")]),
            Case("a b c and b on a b (end of text)", ["a b c", "b"], "a b", [Found("b", "b")]),
            Case("a b c and b c on a b b c", ["a b c", "b c"], "a b b c", [Found("b c", "b c")]),
            Case("deep failure restarts at the next token", ["x y z w", "y z", "z"], "x y z q",
                 [Found("y z", "y z")], overlapping: [Found("y z", "y z"), Found("z", "z")]),
            Case("leftmost wins over a longer later match", ["a b", "b c d"], "a b c d",
                 [Found("a b", "a b")], overlapping: [Found("a b", "a b"), Found("b c d", "b c d")]),
            Case("chained overlaps", ["a b c", "b c d"], "a b c d",
                 [Found("a b c", "a b c")], overlapping: [Found("a b c", "a b c"), Found("b c d", "b c d")]),
            Case("overlapping order is start then end", ["b c", "a b c", "b", "a b"], "a b c",
                 [Found("a b c", "a b c")],
                 overlapping: [Found("a b", "a b"), Found("a b c", "a b c"), Found("b", "b"), Found("b c", "b c")]),
            Case("unknown token inside a label", ["machine learning"], "machine deep learning", []),
        ])
    }

    func testAdjacentMatches() {
        check([
            Case("different labels", ["java", "python"], "Java Python java",
                 [Found("java", "Java"), Found("python", "Python"), Found("java", "java")]),
            Case("repeated two-token label", ["a a"], "a a a a a",
                 [Found("a a", "a a"), Found("a a", "a a")],
                 overlapping: Array(repeating: Found("a a", "a a"), count: 4)),
            Case("separated by punctuation only", ["SQL"], "SQL,SQL;SQL", Array(repeating: Found("SQL", "SQL"), count: 3)),
            Case("back to back multi-token", ["big data", "cloud computing"], "big data cloud computing",
                 [Found("big data", "big data"), Found("cloud computing", "cloud computing")]),
        ])
    }

    func testLabelsDifferingOnlyByPunctuation() {
        check([
            Case("CI/CD vs CI CD vs CI", ["CI/CD", "CI CD", "CI"], "CI/CD and CI CD and CI-CD",
                 [Found("CI/CD", "CI/CD"), Found("CI CD", "CI CD"), Found("CI CD", "CI-CD")],
                 overlapping: [Found("CI", "CI"), Found("CI/CD", "CI/CD"), Found("CI", "CI"), Found("CI CD", "CI CD"),
                               Found("CI", "CI"), Found("CI CD", "CI-CD")]),
            Case("TCP/IP contains TCP and IP", ["TCP/IP", "TCP", "IP"], "TCP/IP",
                 [Found("TCP/IP", "TCP/IP")],
                 overlapping: [Found("TCP", "TCP"), Found("TCP/IP", "TCP/IP"), Found("IP", "IP")]),
            Case("C family", ["C", "C++", "C#"], "C, C++ and C#; C/C++",
                 [Found("C", "C"), Found("C++", "C++"), Found("C#", "C#"), Found("C", "C"), Found("C++", "C++")]),
            Case("dot forms", [".NET", "NET", "ASP.NET"], ".NET, NET, ASP.NET, asp. net",
                 [Found(".NET", ".NET"), Found("NET", "NET"), Found("ASP.NET", "ASP.NET"), Found("NET", "net")]),
            Case("hyphenated label matches spaced text", ["Objective-C"], "Objective C, objective-c, objective/c",
                 [Found("Objective-C", "Objective C"), Found("Objective-C", "objective-c")]),
            Case("PL/SQL is not PL SQL", ["PL/SQL"], "PL SQL and pl/sql", [Found("PL/SQL", "pl/sql")]),
        ])
    }

    func testMatchesNeverSpanPunctuation() {
        let ml: LabelSpec = "machine learning"
        check([
            Case("comma", [ml], "machine, learning", []),
            Case("period", [ml], "machine. learning", []),
            Case("brackets", [ml], "machine (learning)", []),
            Case("slash", [ml], "machine/learning", []),
            Case("standalone hyphen", [ml], "machine - learning", []),
            Case("emoji", [ml], "machine 🚀 learning", []),
            Case("soft separators do not break a match", [ml],
                 "machine-learning, machine\nlearning, machine\u{00A0}learning, machine\u{200B}learning",
                 [Found("machine learning", "machine-learning"), Found("machine learning", "machine\nlearning"),
                  Found("machine learning", "machine\u{00A0}learning"), Found("machine learning", "machine\u{200B}learning")]),
        ])
    }

    func testNonASCIIText() {
        check([
            Case("German posting", ["Python", "Machine Learning", "Entwickler", "Zürich"],
                 "Zürich: Python-Entwickler (m/w/d) für Machine Learning, ZURICH",
                 [Found("Zürich", "Zürich"), Found("Python", "Python"), Found("Entwickler", "Entwickler"),
                  Found("Machine Learning", "Machine Learning"), Found("Zürich", "ZURICH")]),
            Case("Chinese posting", ["React", "Node.js", "开发", "熟悉"], "熟悉React和Node.js开发",
                 [Found("熟悉", "熟悉"), Found("React", "React"), Found("Node.js", "Node.js"), Found("开发", "开发")]),
            Case("sharp s", ["Straße"], "STRASSE strasse Straße",
                 [Found("Straße", "STRASSE"), Found("Straße", "strasse"), Found("Straße", "Straße")]),
            Case("full-width label", ["ＪＡＶＡ"], "Java and ＪＡＶＡ", [Found("ＪＡＶＡ", "Java"), Found("ＪＡＶＡ", "ＪＡＶＡ")]),
            Case("Greek", ["σίσυφος"], "ΣΊΣΥΦΟΣ Σισυφος", [Found("σίσυφος", "ΣΊΣΥΦΟΣ"), Found("σίσυφος", "Σισυφος")]),
            Case("Korean", ["개발자"], "Java 개발자", [Found("개발자", "개발자")]),
            Case("Polish", ["Łódź"], "praca Lodz? nie: ŁÓDŹ", [Found("Łódź", "ŁÓDŹ")]),
        ])
    }

    func testExactCase() {
        check([
            Case("IT exact vs it", [.exact("IT")], "it is", []),
            Case("IT exact vs IT", [.exact("IT")], "IT support", [Found("IT", "IT")]),
            Case("IT exact vs It", [.exact("IT")], "It is", []),
            Case("longer any-case label wins over a failed exact one", [.exact("IT"), "IT support"], "it support",
                 [Found("IT support", "it support")]),
            Case("fall back to a shorter label when the longest fails its case check",
                 ["IT", .exact("IT Support")], "it support",
                 [Found("IT", "it")]),
            Case("longest exact accepted", ["IT", .exact("IT Support")], "IT Support",
                 [Found("IT Support", "IT Support")],
                 overlapping: [Found("IT", "IT"), Found("IT Support", "IT Support")]),
            Case("fall back two levels", ["big data", "big data engineer", .exact("Big Data Engineer Lead")],
                 "big data engineer lead",
                 [Found("big data engineer", "big data engineer")],
                 overlapping: [Found("big data", "big data"), Found("big data engineer", "big data engineer")]),
            Case("exact and any-case twins", [.exact("IT"), "it"], "IT and it",
                 [Found("IT", "IT"), Found("it", "IT"), Found("it", "it")]),
            Case("multi-token exact", [.exact("Spring Boot")],
                 "Spring Boot, spring boot, Spring boot, SPRING BOOT, Spring-Boot",
                 [Found("Spring Boot", "Spring Boot"), Found("Spring Boot", "Spring-Boot")]),
            Case("exact with punctuation", [.exact("CI/CD")], "ci/cd CI/CD Ci/Cd", [Found("CI/CD", "CI/CD")]),
            Case("exact non-ASCII", [.exact("Zürich")], "zürich Zürich ZÜRICH Zurich", [Found("Zürich", "Zürich")]),
            Case("exact label vs same normal form with an extra mark", [.exact("Zürich")], "Zürich\u{301} Zürich",
                 [Found("Zürich", "Zürich")]),
            Case("exact React", [.exact("React")], "react to REACT, React.", [Found("React", "React")]),
            Case("nested exact labels", [.exact("Go"), .exact("Go Kit")], "go kit; Go kit; Go Kit",
                 [Found("Go", "Go"), Found("Go Kit", "Go Kit")],
                 overlapping: [Found("Go", "Go"), Found("Go", "Go"), Found("Go Kit", "Go Kit")]),
        ])
    }

    func testEmptyInputs() {
        check([
            Case("empty text", ["java"], "", []),
            Case("only punctuation", ["java"], ", . / -", []),
            Case("no labels", [], "java python", []),
        ])
        var builder = MatcherBuilder()
        XCTAssertNil(builder.add("", value: 1))
        XCTAssertNil(builder.add("  \n", value: 1))
        XCTAssertEqual(builder.count, 0)
        XCTAssertEqual(builder.add("java", value: 1)?.rawValue, 0, "IDs skip rejected labels")
    }

    func testSameLabelForTwoValues() {
        let matcher = makeMatcher([LabelSpec("Python", value: 10), "rust", LabelSpec("python", value: 20)])
        for kind in MatchKind.allCases {
            let m = matcher.matches(in: "I use PYTHON daily", kind: kind)
            XCTAssertEqual(m.map(\.pattern.rawValue), [0, 2], "\(kind)")
            XCTAssertEqual(m.map(\.value), [10, 20], "\(kind)")
            XCTAssertEqual(m.map(\.byteRange), [6..<12, 6..<12], "\(kind)")
            XCTAssertEqual(m.map(\.tokenStart), [2, 2], "\(kind)")
        }
    }

    func testByteAndTokenOffsets() {
        let text = "Zürich — Senior C++/Qt Entwickler"
        let matcher = makeMatcher(["C++", "Qt", "Senior", "Entwickler"])
        let expected = [
            Match(pattern: PatternID(rawValue: 2), value: 2, start: 12, end: 18, tokenStart: 2, tokenEnd: 3),
            Match(pattern: PatternID(rawValue: 0), value: 0, start: 19, end: 22, tokenStart: 3, tokenEnd: 4),
            Match(pattern: PatternID(rawValue: 1), value: 1, start: 23, end: 25, tokenStart: 5, tokenEnd: 6),
            Match(pattern: PatternID(rawValue: 3), value: 3, start: 26, end: 36, tokenStart: 6, tokenEnd: 7),
        ]
        XCTAssertEqual(matcher.matches(in: text), expected)
        XCTAssertEqual(matcher.matches(in: text, kind: .overlapping), expected)
        XCTAssertEqual(found(matcher, expected, in: text),
                       [Found("Senior", "Senior"), Found("C++", "C++"), Found("Qt", "Qt"),
                        Found("Entwickler", "Entwickler")])
    }

    func testInvalidBytesSeparateLikeSpace() {
        let matcher = makeMatcher(["machine learning", "go"])
        let bytes = Array("machine".utf8) + [0xFF] + Array("learning".utf8) + [0xC0, 0xAF] + Array("go".utf8) + [0xE2]
        let m = matcher.matches(inBytes: bytes, kind: .leftmostLongest)
        XCTAssertEqual(m.map(\.byteRange), [0..<16, 18..<20])
        XCTAssertEqual(matcher.matches(inBytes: bytes, kind: .overlapping), m)
    }

    func testAppendsToOutputAndReusesScratch() {
        let matcher = makeMatcher(["java", "machine learning"])
        var scratch = MatchScratch()
        let sentinel = Match(pattern: PatternID(rawValue: 99), value: 99, start: 0, end: 0, tokenStart: 0, tokenEnd: 0)
        var out = [sentinel]
        let texts = ["machine learning with Java", "", "nothing here", "JAVA"]
        var expected = [sentinel]
        for t in texts {
            Array(t.utf8).withUnsafeBufferPointer { matcher.matches(in: $0, scratch: &scratch, into: &out) }
            expected += matcher.matches(in: t)
        }
        XCTAssertEqual(out, expected)
        XCTAssertEqual(out.count, 4)
        XCTAssertEqual(scratch.tokens.count, 1, "scratch holds the last text's tokens")
    }

    func testPrepareThenMatchPrepared() {
        let matcher = makeMatcher(["a b", "b", "b c", "Zürich"])
        let text = "a b c zurich unknown"
        let bytes = Array(text.utf8)
        var scratch = MatchScratch()
        bytes.withUnsafeBufferPointer { buf in
            matcher.prepare(buf, scratch: &scratch)
            XCTAssertEqual(scratch.ids.count, 5)
            XCTAssertEqual(scratch.ids.last, Vocabulary.unknown)
            XCTAssertEqual(scratch.ids.map { $0 == Vocabulary.unknown ? "?" : matcher.vocabulary.string(for: $0) },
                           ["a", "b", "c", "zurich", "?"])
            for kind in MatchKind.allCases {
                var out: [Match] = []
                matcher.matchPrepared(buf, kind: kind, scratch: scratch, into: &out)
                XCTAssertEqual(out, matcher.matches(in: text, kind: kind), "\(kind)")
            }
        }
    }

    func testIntrospection() {
        let matcher = makeMatcher(["a b", "a c", LabelSpec("a", value: 7), "x y z w"])
        XCTAssertEqual(matcher.patternCount, 4)
        XCTAssertEqual(matcher.labels, ["a b", "a c", "a", "x y z w"])
        XCTAssertEqual(matcher.values, [0, 1, 7, 3])
        XCTAssertEqual(matcher.label(PatternID(rawValue: 1)), "a c")
        XCTAssertEqual(matcher.value(PatternID(rawValue: 2)), 7)
        XCTAssertEqual(matcher.stateCount, 1 + 3 + 4, "root, a, a b, a c, x, x y, x y z, x y z w")
        XCTAssertEqual(matcher.maxDepth, 4)
        XCTAssertEqual(matcher.vocabulary.count, 7)
        XCTAssertGreaterThan(matcher.memoryBytes, 0)
        XCTAssertEqual(MatchKind.allCases.map(\.rawValue), ["leftmost-longest", "overlapping"])
        XCTAssertLessThan(PatternID(rawValue: 1), PatternID(rawValue: 2))
    }

    func testTokenizerOptionsApplyToLabelsAndText() {
        let strict = makeMatcher(["Zürich"], tokenizer: Tokenizer(options: .init(foldDiacritics: false)))
        XCTAssertEqual(found(strict, strict.matches(in: "Zurich ZÜRICH zürich"), in: "Zurich ZÜRICH zürich"),
                       [Found("Zürich", "ZÜRICH"), Found("Zürich", "zürich")])
        let folding = makeMatcher(["Zürich"])
        XCTAssertEqual(folding.matches(in: "Zurich ZÜRICH zürich").count, 3)
    }
}
