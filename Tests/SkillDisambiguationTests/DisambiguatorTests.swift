import SkillDisambiguation
import SkillMatcher
import SkillTaxonomy
import XCTest

final class DisambiguatorTests: XCTestCase {
    static let rulesText = """
    label\tdirective\targument\tweight\twindow
    Go\tprior\t-\t0.3\t-
    Go\tcase\tGo\trequired\t-
    Go\tneighbour\t2\t0.15\t6
    Go\tpositive\t_ developer\t0.4\t-
    Go\tpositive\tin _\t0.25\t-
    Go\tnegative\t_ to\t0.9\t-
    Go\tnegative\t_ live\t0.9\t-
    R\tprior\t-\t0.2\t-
    R\tcontext\tstatistics|statistical\t0.45\t4
    R\tnegative\t_ & d\t1\t-
    Spark\tcase\tSpark\trequired\t-
    Spark\tcase\tSpark\t0.1\t-
    Email\tprior\t-\t0.6\t-
    Email\tnegative\t_ :\t0.5\t-
    Cobol\tprior\t-\t0.5\t-
    """

    /// Labels: ambiguous Go, R, Spark, Email; unambiguous Kubernetes, Docker, PostgreSQL, Python.
    func fixture(threshold: Double = 0.5) throws -> (Matcher, Disambiguator) {
        var b = MatcherBuilder()
        for (i, l) in ["Go", "R", "Spark", "Email", "Kubernetes", "Docker", "PostgreSQL", "Python"].enumerated() {
            b.add(l, value: UInt32(i), exactCase: ["Go", "R", "Email"].contains(l))
        }
        let m = b.build()
        return (m, Disambiguator(rules: try ContextRules.parse(Self.rulesText), matcher: m, threshold: threshold))
    }

    func scored(_ text: String) throws -> [(String, Double, [String])] {
        let (m, d) = try fixture()
        let bytes = Array(text.utf8)
        return d.score(text, matcher: m).map {
            (String(decoding: bytes[$0.match.start..<$0.match.end], as: UTF8.self), $0.confidence,
             $0.evidence.map(\.description))
        }
    }

    func testGoDeveloperWithNeighbours() throws {
        let s = try scored("Senior Go developer: Kubernetes, Docker and PostgreSQL")
        XCTAssertEqual(s.map(\.0), ["Go", "Kubernetes", "Docker", "PostgreSQL"])
        // 0.3 prior + 0.4 "_ developer" + 2 neighbours (cap 2) × 0.15 = 1.0
        XCTAssertEqual(s[0].1, 1.0, accuracy: 1e-9)
        XCTAssertEqual(s[0].2, ["prior 0.30", "neighbour: Kubernetes (+0.15)", "neighbour: Docker (+0.15)",
                                "positive pattern: _ developer (+0.40)"])
        for other in s.dropFirst() {
            XCTAssertEqual(other.1, 1, "unambiguous labels have confidence 1")
            XCTAssertEqual(other.2, [], "and no evidence")
        }
    }

    func testNegativePatternsDropGo() throws {
        let (_, d) = try fixture()
        for text in ["Go to the office on Mondays", "Go-live in March", "Go live with Kubernetes"] {
            let s = try scored(text)
            XCTAssertEqual(s.first?.0, "Go", text)
            XCTAssertLessThan(s[0].1, d.threshold, text)
            XCTAssertTrue(s[0].2.contains { $0.hasPrefix("negative pattern: _ ") }, "\(text): \(s[0].2)")
        }
        // "Go live with Kubernetes": 0.3 - 0.9 + 0.15 = -0.45 → clamped to 0.
        XCTAssertEqual(try scored("Go live with Kubernetes")[0].1, 0)
    }

    func testNeighbourWindowIsInTokens() throws {
        // Kubernetes is 6 tokens after the end of Go: outside a window of 6 (tokens Go+1 ... Go+6 are within).
        let far = try scored("Go a b c d e f Kubernetes")
        XCTAssertEqual(far[0].1, 0.3, accuracy: 1e-9)
        let near = try scored("Go a b c d e Kubernetes")
        XCTAssertEqual(near[0].1, 0.45, accuracy: 1e-9)
        XCTAssertEqual(near[0].2.last, "neighbour: Kubernetes (+0.15)")
        // Before the match too, and a label counts once however often it occurs.
        let before = try scored("Kubernetes, Kubernetes in Go")
        XCTAssertEqual(before.last?.1 ?? -1, 0.3 + 0.15 + 0.25, accuracy: 1e-9)
    }

    func testContextWordsAndRAndD() throws {
        let stats = try scored("Use R for statistical modelling")
        XCTAssertEqual(stats[0].1, 0.65, accuracy: 1e-9)
        XCTAssertEqual(stats[0].2, ["prior 0.20", "context: statistical (+0.45)"])
        let rd = try scored("Our R&D team does statistics")
        XCTAssertEqual(rd[0].0, "R")
        XCTAssertEqual(rd[0].1, 0, "0.2 + 0.45 - 1 clamps to 0")
        XCTAssertTrue(rd[0].2.contains("negative pattern: _ & d (-1.00)"))
    }

    func testRequiredCaseForm() throws {
        let lower = try scored("experience with spark streaming")
        XCTAssertEqual(lower[0].1, 0)
        XCTAssertEqual(lower[0].2, ["prior 0.50", "case mismatch: needs Spark"])
        let exact = try scored("experience with Spark streaming")
        XCTAssertEqual(exact[0].1, 0.6, accuracy: 1e-9)
        XCTAssertEqual(exact[0].2, ["prior 0.50", "exact case Spark (+0.10)"])
    }

    func testEmailFieldName() throws {
        XCTAssertEqual(try scored("Email: jobs@example.com")[0].1, 0.1, accuracy: 1e-9)
        XCTAssertEqual(try scored("Email marketing and Python")[0].1, 0.6, accuracy: 1e-9)
    }

    func testThresholdFilters() throws {
        let (m, d) = try fixture(threshold: 0.5)
        let all = d.score("Go to Kubernetes in Go", matcher: m)
        XCTAssertEqual(all.count, 3)
        let kept = d.filter(all)
        XCTAssertEqual(kept.map(\.match.tokenStart), [2, 4], "the first Go (go to) is dropped")
        XCTAssertEqual(kept[1].confidence, 0.3 + 0.15 + 0.25, accuracy: 1e-9)
    }

    func testUnambiguousTextPassesThroughUnchanged() throws {
        let (m, d) = try fixture()
        let text = "Python, Docker and Kubernetes; PostgreSQL"
        let matches = m.matches(in: text)
        let s = d.score(text, matcher: m)
        XCTAssertEqual(s.map(\.match), matches)
        XCTAssertTrue(s.allSatisfy { $0.confidence == 1 && $0.evidence.isEmpty })
        XCTAssertFalse(d.isAmbiguous(matches[0].pattern))
    }

    func testRulesForMissingLabelsAreReported() throws {
        let (_, d) = try fixture()
        XCTAssertEqual(d.unusedLabels, ["Cobol"])
    }

    /// The shipped rules parse and name only labels of the shipped taxonomy.
    func testShippedRulesFitTheShippedTaxonomy() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Taxonomies/ict-skills")
        let t = try TaxonomyFiles.load(directory: root.path)
        let text = try String(contentsOf: root.appendingPathComponent("context-rules.tsv"), encoding: .utf8)
        let rules = try ContextRules.parse(text)
        XCTAssertGreaterThan(rules.rules.count, 20)
        let m = t.buildMatcher()
        let d = Disambiguator(rules: rules, matcher: m)
        XCTAssertEqual(d.unusedLabels, [])
        func confidence(_ s: String, _ label: String) -> Double? {
            d.score(s, matcher: m).first { m.label($0.match.pattern) == label }?.confidence
        }
        XCTAssertLessThan(confidence("Go to our careers page", "Go") ?? 1, 0.5)
        XCTAssertGreaterThanOrEqual(confidence("Backend Go developer (Kubernetes, PostgreSQL)", "Go") ?? 0, 0.5)
        XCTAssertLessThan(confidence("Access to training budget", "Access") ?? 1, 0.5)
    }
}
