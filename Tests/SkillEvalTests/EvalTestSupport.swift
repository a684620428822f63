import Foundation
import SkillDisambiguation
import SkillEval
import SkillMatcher
import SkillTaxonomy
import XCTest

enum EvalFixture {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data` beside the checkout, or `$SKILLRADAR_SHARED_DATA`; skips the test when absent.
    static func requireSharedData() throws -> String {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"]
        let dir = env ?? root.deletingLastPathComponent().appendingPathComponent("shared/data").path
        guard FileManager.default.fileExists(atPath: dir + "/postings/skillspan") else {
            print("SKIP: ../shared/data is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("../shared/data is absent")
        }
        return dir
    }

    static var shippedTaxonomy: String { root.appendingPathComponent("Taxonomies/ict-skills").path }

    /// The shipped taxonomy, its matcher and the disambiguator from its shipped context rules.
    static func shipped(minConfidence: Double = 0.5, rules: Bool = true) throws -> (Taxonomy, SpanExtractor) {
        let t = try TaxonomyFiles.load(directory: shippedTaxonomy)
        let m = t.buildMatcher()
        guard rules else { return (t, SpanExtractor(matcher: m, disambiguator: nil, minConfidence: minConfidence)) }
        let text = try String(contentsOfFile: shippedTaxonomy + "/context-rules.tsv", encoding: .utf8)
        let d = Disambiguator(rules: try ContextRules.parse(text), matcher: m, threshold: minConfidence,
                              evidenceLabels: t.evidenceLabels)
        return (t, SpanExtractor(matcher: m, disambiguator: d, minConfidence: minConfidence))
    }
}
