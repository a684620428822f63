import Foundation
import XCTest

/// `occupations code` in a fresh clone: without ../shared/data it reads the shipped `Taxonomies/occupations`
/// (ESCO titles in 8 languages, ISCO-08 groups, O*NET titles). Needs no shared data.
final class ShippedOccupationsEndToEndTests: XCTestCase {
    /// The environment of a fresh clone: the shared data directory does not exist.
    func freshClone() throws -> [String: String] {
        let dir = try CLI.tempDir()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return ["SKILLRADAR_SHARED_DATA": dir.appendingPathComponent("absent").path]
    }

    /// CSV rows of `occupations code --format csv` (fields without embedded commas are enough here).
    func rows(_ stdout: String) -> [[String]] {
        stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testCodeWithoutSharedDataUsesTheShippedTitles() throws {
        let r = try CLI.run(["occupations", "code", "--format", "csv", "Senior Java-Entwickler (m/w/d)"],
                            environment: try freshClone())
        XCTAssertEqual(r.status, 0, r.stderr)
        let header = try XCTUnwrap(r.stdout.split(separator: "\n").first).split(separator: ",").map(String.init)
        let isco = try XCTUnwrap(header.firstIndex(of: "isco"), "\(header)")
        let candidates = rows(r.stdout)
        XCTAssertFalse(candidates.isEmpty, r.stdout)
        let top = try XCTUnwrap(candidates.first)
        XCTAssertEqual(top.first, "Senior Java-Entwickler (m/w/d)", r.stdout)
        XCTAssertEqual(top[1], "1", r.stdout)
        XCTAssertTrue(top[isco].count == 4 && top[isco].allSatisfy(\.isNumber), "an ISCO-08 unit group: \(r.stdout)")
        // It says which data and languages it used.
        XCTAssertTrue(r.stderr.contains("shipped titles"), r.stderr)
        XCTAssertTrue(r.stderr.contains("languages en,de,es,fr,it,nl,pl,pt"), r.stderr)
        XCTAssertTrue(r.stderr.contains("O*NET titles"), r.stderr)
    }

    func testExplicitShippedDirectoryWithONETScheme() throws {
        let r = try CLI.run(["occupations", "code", "--data", "Taxonomies/occupations", "--scheme", "onet",
                             "--format", "csv", "Software Engineer"], environment: try freshClone())
        XCTAssertEqual(r.status, 0, r.stderr)
        let top = try XCTUnwrap(rows(r.stdout).first, r.stdout)
        XCTAssertTrue(top.contains("15-1252.00"), "O*NET Software Developers: \(r.stdout)")
        // A language the shipped tables lack is skipped and named, not fatal.
        let ar = try CLI.run(["occupations", "code", "--data", "Taxonomies/occupations", "--languages", "de,ar",
                              "Softwareentwickler"], environment: try freshClone())
        XCTAssertEqual(ar.status, 0, ar.stderr)
        XCTAssertTrue(ar.stderr.contains("languages en,de (no file for ar)"), ar.stderr)
        XCTAssertTrue(ar.stdout.contains("2512"), ar.stdout)
    }
}
