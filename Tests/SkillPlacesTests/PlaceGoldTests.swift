import Foundation
import XCTest
@testable import SkillPlaces

/// The normaliser against the hand-annotated location gold (Tests/fixtures/places/location-gold.tsv).
final class PlaceGoldTests: XCTestCase {
    func testGoldCountryAndCityAccuracy() throws {
        let n = try Shipped.normalizer()
        let tsv = try String(contentsOfFile: Paths.gold, encoding: .utf8)
        let gold = try PlaceEvaluation.parse(tsv)
        XCTAssertGreaterThanOrEqual(gold.count, 300, "the gold should hold at least 300 strings")
        // Every annotated row has the columns the evaluator reads (no silently empty parse).
        XCTAssertTrue(gold.allSatisfy { !$0.raw.isEmpty && ($0.kind == "field" || $0.kind == "text") },
                      "every gold row has a raw string and a kind of field or text")

        let e = PlaceEvaluation(gold: gold, normalizer: n)
        let summary = String(format: "location gold: %d strings; country accuracy %.3f (%d); city accuracy %.3f (%d of %d); "
                             + "spurious cities %d; work mode %d/%d", e.rows, e.countryAccuracy, e.countryCorrect,
                             e.cityAccuracy, e.cityCorrect, e.cityRows, e.spuriousCities, e.modeCorrect, e.modeRows)
        print(summary)
        let misses = e.misses.prefix(25).map { m in
            "  line \(m.row.line) [\(m.row.raw.prefix(100))]: \(m.what) -> \(m.got.summary)"
        }.joined(separator: "\n")

        XCTAssertGreaterThanOrEqual(e.rows, 300, summary)
        XCTAssertEqual(e.rows, gold.count, "every gold row is scored")
        XCTAssertGreaterThan(e.cityRows, 200, "most gold rows name a city: \(summary)")
        XCTAssertGreaterThanOrEqual(e.countryAccuracy, 0.97, "\(summary)\nfirst misses:\n\(misses)")
        XCTAssertGreaterThanOrEqual(e.cityAccuracy, 0.90, "\(summary)\nfirst misses:\n\(misses)")
    }
}
