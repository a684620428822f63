import XCTest
@testable import SkillOccupations

/// Regression guard: accuracy on O*NET reported titles and held-out ESCO labels must not fall below the
/// figures measured when the coder was written (needs ../shared/data).
final class EvaluationTests: XCTestCase {
    func testONETReportedTitlesAccuracy() throws {
        let data = try Paths.sharedData()
        let catalog = try Shared.catalog(languages: ["en"], onet: true, skills: false)
        let (reported, report) = try OccupationLoaders.onetTitles(
            OccupationCatalogLoader.Paths(dataDirectory: data).onetReportedTitles, titleColumn: "Reported Job Title")
        XCTAssertEqual(report.rowsKept, 7796)
        // Every 4th title (1,949) keeps the test fast in debug builds; the CLI evaluates all 7,796.
        let sample = reported.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)
        let rows = OccupationEvaluation.onet(catalog: catalog, reported: sample)
        print(OccupationEvaluation.table(rows))
        let shipped = rows[0], held = rows[1]
        XCTAssertEqual(held.titles, 1949)
        // Measured: shipped 75.3 / 90.9, held out 46.9 / 67.3 (6-digit 48.4 / 68.4, major 72.8 / 88.9); with inflection
        // variants, head-initial head words and O*NET title parts (2026-12-06) held out 51.8 / 70.8 (53.1, 76.8); with
        // variants of known words and the head rule for contained labels (2026-12-07) shipped 77.4 / 91.9, held out
        // 52.1 / 71.3 (53.4, 77.3).
        XCTAssertGreaterThanOrEqual(shipped.top1, 0.77)
        XCTAssertGreaterThanOrEqual(shipped.top3, 0.915)
        XCTAssertGreaterThanOrEqual(held.top1, 0.515)
        XCTAssertGreaterThanOrEqual(held.top3, 0.71)
        XCTAssertGreaterThanOrEqual(held.top1Fine, 0.53)
        XCTAssertGreaterThanOrEqual(held.top1Major, 0.77)
        // Levels nest: a right code is a right 6-digit SOC and major group.
        XCTAssertLessThanOrEqual(held.top1, held.top1Fine)
        XCTAssertLessThanOrEqual(held.top1Fine, held.top1Major)
        XCTAssertLessThanOrEqual(held.top1, held.top3)
    }

    func testESCOHeldOutLabels() throws {
        let catalog = try Shared.catalog(languages: ["en"], onet: true, skills: false)
        let held = OccupationEvaluation.heldOutESCOLabels(catalog, every: 10)
        XCTAssertEqual(held.count, 298)
        // Held-out labels are alternative labels of their occupation.
        XCTAssertTrue(held.allSatisfy { catalog.labels[$0.label].occupation == $0.occupation })
        let row = OccupationEvaluation.escoHeldOut(catalog, every: 10)
        print(OccupationEvaluation.table([row]))
        // Measured before an occupation's second label added support: 56.4 / 73.8, ISCO unit group 71.8, ISCO major
        // 80.2; with it top-3 rises and top-1 at the unit group falls a little (printed above). 2026-12-07 (variants of
        // known words, specialisms, contained-label head rule): 57.4 / 76.2, ISCO unit group 70.5.
        XCTAssertGreaterThanOrEqual(row.top1, 0.57)
        XCTAssertGreaterThanOrEqual(row.top3, 0.755)
        XCTAssertGreaterThanOrEqual(row.top1Fine, 0.70)
    }
}

/// Held-out alternative labels of another language than English (deliverable of the occupations issue: one row
/// per language), coded with English and German indexed (needs ../shared/data).
final class HeldOutPerLanguageTests: XCTestCase {
    func testGermanHeldOutLabels() throws {
        let catalog = try Shared.catalog(languages: ["en", "de"], onet: false, skills: false)
        let row = OccupationEvaluation.escoHeldOut(catalog, language: "de", every: 5)
        print(OccupationEvaluation.table([row]))
        XCTAssertGreaterThan(row.titles, 500)
        XCTAssertTrue(row.name.contains("de"))
        // Measured with every shipped language indexed (the CLI): 65.1 % top-1, 73.4 % ISCO unit group; with inflection
        // variants (a held-out `-in` form finds its masculine form) 82.5 %, and 83.6 % with en and de indexed; with
        // variants of known words and shared prefixes (2026-12-07) 85.3 % (CLI) and 86.2 % here.
        XCTAssertGreaterThanOrEqual(row.top1, 0.86)
        XCTAssertLessThanOrEqual(row.top1, row.top1Fine)
    }
}
