import XCTest
@testable import SkillAnalytics

/// The precision audit's pure parts: context windows, the sheet's round trip, verdicts, and the estimate.
final class AuditTests: XCTestCase {
    func draw(_ text: String, _ match: String, concept: String = "c1", postings: Int = 10) -> AuditDraw {
        let r = text.range(of: match)!
        let s = text.utf8.distance(from: text.utf8.startIndex, to: r.lowerBound)
        return AuditDraw(rank: 1, conceptID: concept, conceptLabel: "Label \(concept)", conceptPostings: postings,
                         postingID: 7, sourceID: "s7", employer: "ACME", matchText: text, start: s,
                         end: s + match.utf8.count, confidence: 1)
    }

    func testContextWindowsAroundTheMatch() {
        let long = String(repeating: "é", count: 300) + " Kubernetes\tand\nGo " + String(repeating: "x", count: 300)
        let c = AuditSampler.context(of: draw(long, "Kubernetes"))
        XCTAssertEqual(c.matched, "Kubernetes")
        XCTAssertEqual(c.left.unicodeScalars.count, AuditSampler.displayWidth)
        XCTAssertTrue(c.right.hasPrefix(" and Go "), "tabs and line breaks shown as spaces: \(c.right)")
        let scalars = Array(c.wide.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(scalars[c.wideMatchStart..<c.wideMatchEnd])), "Kubernetes")
        XCTAssertEqual(c.wideMatchStart, AuditSampler.wideWidth)
        XCTAssertTrue(c.wide.contains("\n"), "the wide window keeps line breaks for the re-check")
    }

    func testSheetRoundTripKeepsEveryField() throws {
        var c = AuditSampler.context(of: draw("We use Go\tand\\Rust\nhere", "Go"))
        c.verdict = "wrong"
        c.note = "everyday-word"
        c.evidence = "prior 0.30; list item: Rust (+0.35)"
        let back = try AuditSheet.read(AuditSheet.write([c]), path: "t.tsv")
        XCTAssertEqual(back, [c])
    }

    func testVerdictsAreNormalisedAndBadOnesNamed() throws {
        var rows = AuditSheet.write([AuditSampler.context(of: draw("a Go b", "Go"))]).split(separator: "\n").map(String.init)
        var f = rows[1].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        f[12] = "Y"
        rows[1] = f.joined(separator: "\t")
        XCTAssertEqual(try AuditSheet.read(rows.joined(separator: "\n"), path: "t.tsv").first?.verdict, "correct")
        f[12] = "maybe"
        rows[1] = f.joined(separator: "\t")
        XCTAssertThrowsError(try AuditSheet.read(rows.joined(separator: "\n"), path: "t.tsv")) {
            XCTAssertTrue("\($0)".contains("t.tsv:2"), "\($0)")
        }
        XCTAssertThrowsError(try AuditSheet.read("a\tb\n", path: "x.tsv"))
    }

    func testPostingsWeightedPrecisionWithInterval() {
        func rows(_ concept: String, postings: Int, correct: Int, wrong: Int) -> [AuditContext] {
            (0..<(correct + wrong)).map { i in
                var c = AuditSampler.context(of: draw("use Go now", "Go", concept: concept, postings: postings))
                c.verdict = i < correct ? "correct" : "wrong"
                return c
            }
        }
        // A frequent concept judged 10/10, a rare one 5/10: weighted by postings 90 and 10.
        let s = AuditScore.score(rows("big", postings: 90, correct: 10, wrong: 0) + rows("small", postings: 10, correct: 5, wrong: 5))
        XCTAssertEqual(s.weightedPrecision, 0.9 * 1.0 + 0.1 * 0.5, accuracy: 1e-9)
        XCTAssertLessThan(s.low, s.weightedPrecision)
        XCTAssertGreaterThan(s.high, s.weightedPrecision)
        XCTAssertLessThanOrEqual(s.high, 1)
        XCTAssertEqual(s.concepts.map(\.precision), [1.0, 0.5])
        XCTAssertEqual(s.judged, 20)
        // Unsure verdicts count in neither.
        var u = rows("big", postings: 90, correct: 1, wrong: 0)
        u[0].verdict = "unsure"
        XCTAssertNil(AuditScore.score(u).concepts.first?.precision)
    }
}
