import Foundation
import SkillAnalytics
import SkillDisambiguation
import SkillPipeline
import SkillTaxonomy
import XCTest

/// The judged review sheets of `Tests/fixtures/audit` (see its README) re-checked against the current taxonomy
/// and rules. Rounds 2 to 5 were drawn with this project's matcher: every context judged correct there must stay matched.
/// Round 1 was drawn before the precision work: the share of its wrong contexts now unmatched, and of its correct
/// ones still matched, must not fall below what was measured when the round-2 sheets were committed.
final class AuditRegressionTests: XCTestCase {
    static let dir = CLI.root.appendingPathComponent("Tests/fixtures/audit")

    static func matcher() throws -> AuditMatcher {
        let taxonomyDir = CLI.root.appendingPathComponent("Taxonomies/ict-skills").path
        let t = try TaxonomyFiles.load(directory: taxonomyDir)
        let m = t.buildMatcher()
        let rules = try ContextRules.parse(try String(contentsOfFile: taxonomyDir + "/context-rules.tsv", encoding: .utf8))
        return AuditMatcher(taxonomy: t, matcher: m,
                            disambiguator: Disambiguator(rules: rules, matcher: m, threshold: 0.5, evidenceLabels: t.evidenceLabels))
    }

    func sheets(round: Int) throws -> [(String, [AuditContext])] {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.path).filter { $0.hasSuffix("-r\(round).tsv") }.sorted()
        return try files.map { f in
            (f, try AuditSheet.read(try String(contentsOf: Self.dir.appendingPathComponent(f), encoding: .utf8), path: f))
        }
    }

    func testCommittedSheetsHoldAThousandJudgedContexts() throws {
        let judged = try (1...8).flatMap { try sheets(round: $0) }.flatMap(\.1).filter { !$0.verdict.isEmpty }
        XCTAssertGreaterThanOrEqual(judged.count, 1000)
        XCTAssertEqual(Set(try sheets(round: 2).map(\.0)).count, 7, "one round-2 sheet per shared corpus")
        XCTAssertEqual(Set(try sheets(round: 5).map(\.0)).count, 7, "one round-5 sheet per shared corpus")
        XCTAssertEqual(try sheets(round: 5).flatMap(\.1).filter { $0.verdict.isEmpty }.count, 0, "round 5 is judged throughout")
        XCTAssertEqual(Set(try sheets(round: 6).map(\.0)).count, 7, "one round-6 sheet per shared corpus")
        XCTAssertEqual(try sheets(round: 6).flatMap(\.1).filter { $0.verdict.isEmpty }.count, 0, "round 6 is judged throughout")
        XCTAssertEqual(Set(try sheets(round: 7).map(\.0)).count, 7, "one round-7 sheet per shared corpus")
        XCTAssertEqual(try sheets(round: 7).flatMap(\.1).filter { $0.verdict.isEmpty }.count, 0, "round 7 is judged throughout")
        XCTAssertEqual(Set(try sheets(round: 8).map(\.0)).count, 7, "one round-8 sheet per shared corpus")
        XCTAssertEqual(try sheets(round: 8).flatMap(\.1).filter { $0.verdict.isEmpty }.count, 0, "round 8 is judged throughout")
    }

    /// Rounds after the first (2: all corpora; 3: CIP and DEFTIS after the ICT-evidence work; 4: CIP and DEFTIS after
    /// the shape classes and example lists; 5: all corpora after the colleagues rule; 6: all corpora after the
    /// employer's fields, negation and the O*NET practice names; 7: all corpora after the rules written from round 6; 8: all corpora after gatherings, departments and
    /// industries) were drawn with a matcher of this project: every context judged correct
    /// there must stay matched.
    func testLaterRoundsCorrectContextsStayMatched() throws {
        let am = try Self.matcher()
        var lost: [String] = []
        let later = try (2...8).flatMap { try sheets(round: $0) }
        XCTAssertEqual(Set(try sheets(round: 3).map(\.0)), ["cip-r3.tsv", "deftis-r3.tsv"])
        XCTAssertEqual(Set(try sheets(round: 4).map(\.0)), ["cip-r4.tsv", "deftis-r4.tsv"])
        for (file, rows) in later {
            for c in rows where c.verdict == "correct" && !am.stillMatches(c) {
                lost.append("\(file): \(c.conceptLabel) | \(c.left)[\(c.matched)]\(c.right)")
            }
        }
        XCTAssertEqual(lost, [], "contexts judged correct are no longer matched")
    }

    func testRoundOneErrorsStayFixed() throws {
        let am = try Self.matcher()
        var correct = 0, kept = 0, wrong = 0, gone = 0
        for (_, rows) in try sheets(round: 1) {
            for c in rows {
                switch c.verdict {
                case "correct": correct += 1; if am.stillMatches(c) { kept += 1 }
                case "wrong": wrong += 1; if !am.stillMatches(c) { gone += 1 }
                default: break
                }
            }
        }
        print("round 1: \(kept)/\(correct) correct still matched, \(gone)/\(wrong) wrong now unmatched")
        XCTAssertGreaterThanOrEqual(Double(kept) / Double(correct), 0.95)
        XCTAssertGreaterThanOrEqual(Double(gone) / Double(wrong), 0.70)
    }
}

/// The employer named as itself is the company hiring, not a skill; its products named by longer labels still are.
final class EmployerMentionTests: XCTestCase {
    func testTheEmployersOwnNameIsNotASkill() throws {
        let am = try AuditRegressionTests.matcher()
        let text = "Docker Inc. is hiring engineers who know Kubernetes."
        let withEmployer = am.scored(text, employer: "Docker, Inc.").filter(\.accepted).map(\.conceptID)
        let without = am.scored(text).filter(\.accepted).map(\.conceptID)
        XCTAssertTrue(without.contains("onet:docker"), "\(without)")
        XCTAssertFalse(withEmployer.contains("onet:docker"), "\(withEmployer)")
        XCTAssertTrue(withEmployer.contains("onet:kubernetes"))
    }
}
