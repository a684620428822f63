import Foundation
import SkillIO
import XCTest
@testable import SkillOccupations

/// What the `occupations` commands print, computed by the library: candidate rows, explanations, the data
/// source and its notes, and the role evaluation.
final class OccupationReportTests: XCTestCase {
    let coder = OccupationCoder.build(catalog: CoderTests.catalog(),
                                      options: .init(schemes: [.esco, .onet], onetLinkThreshold: 0.75))

    func testCandidateRowsFollowTheCandidates() {
        let titles = ["Software Developer", "Web Developer", "qqq zzz"]
        let rows = coder.candidateRows(titles: titles, skills: [], scheme: .esco, limit: 2)
        // Naive reference: one row per candidate of `code`, a `no candidate` row for a title without any.
        var expected: [[String]] = []
        for t in titles {
            let cs = coder.code(t, scheme: .esco, limit: 2)
            if cs.isEmpty { expected.append([t, "-", "", "", "no candidate", "", "", "", "", ""]) }
            for (k, c) in cs.enumerated() {
                expected.append([t, String(k + 1), formatFixed(c.confidence, 3), c.method.rawValue, c.label, c.iscoCode ?? "",
                                 c.onetCode ?? "", c.isICT ? "yes" : "no",
                                 c.matchedLabel.isEmpty ? "" : c.matchedLabel + " [" + c.matchedLanguage + "]", c.occupationID])
            }
        }
        XCTAssertEqual(rows, expected)
        XCTAssertEqual(rows.last?[4], "no candidate")
        XCTAssertEqual(rows.first?[0...3], ["Software Developer", "1", "1.000", "exact-title"])
        for r in rows { XCTAssertEqual(r.count, OccupationCoder.candidateHeader.count) }
        XCTAssertEqual(coder.candidateRows(titles: [], skills: [], scheme: nil, limit: 3), [])
    }

    func testExplanationNamesWhatWasRemovedAndTheEvidence() {
        let lines = coder.explanation("Senior Software Engineer (m/w/d)")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("Senior Software Engineer (m/w/d): main [software engineer], removed: "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("  technologies: "), lines[1])
        XCTAssertTrue(lines[1].contains("; ICT head noun: "), lines[1])
        XCTAssertEqual(coder.explanation("programmer")[0], "programmer: main [programmer], removed: nothing")
    }

    func testDataSourceResolution() throws {
        let withESCO = URL(fileURLWithPath: try Paths.temp("x", "")).deletingLastPathComponent().path
        let escoFile = OccupationCatalogLoader.Paths(dataDirectory: withESCO).escoOccupations
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: escoFile).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: escoFile, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: withESCO) }
        let empty = "/nonexistent/shared-data"
        func resolve(_ explicit: String?, _ shared: String, _ shipped: String?) -> OccupationDataSource {
            OccupationDataSource.resolve(explicit: explicit, shared: shared, shippedDirectory: { shipped })
        }
        let table: [(OccupationDataSource, String, Bool)] = [
            (resolve("given", withESCO, "shipped"), "given", false),
            (resolve(nil, withESCO, "shipped"), withESCO, false),
            (resolve(nil, empty, "shipped"), "shipped", true),
            (resolve(nil, empty, nil), empty, false),
        ]
        for (i, (source, directory, shipped)) in table.enumerated() {
            XCTAssertEqual(source.directory, directory, "row \(i)")
            XCTAssertEqual(source.shipped, shipped, "row \(i)")
        }
    }

    func testLanguageProblems() {
        XCTAssertNil(OccupationDataSource.languageProblem([]))
        XCTAssertNil(OccupationDataSource.languageProblem(["de", "ar", "en"]))
        XCTAssertEqual(OccupationDataSource.unknownLanguages(["de", "xx", "EN", "fr"]), ["xx", "EN"])
        XCTAssertEqual(OccupationDataSource.languageProblem(["de", "xx", "yy"]),
                       "unknown language(s) xx, yy; choose from " + OccupationCatalogLoader.allLanguages.joined(separator: ","))
    }

    func testLoadNotesOnTheShippedTables() throws {
        let dir = ShippedCatalogTests.shipped
        let shipped = try OccupationDataSource(directory: dir, shipped: true)
            .load(languages: nil, includeONET: true, verbose: false)
        XCTAssertEqual(shipped.messages, ["occupation data \(dir) (shipped titles): languages en,de,es,fr,it,nl,pl,pt "
                                          + "(19 other languages have no file there); O*NET titles"])
        XCTAssertTrue(shipped.catalog.hasONET)
        XCTAssertEqual(shipped.catalog.schemes(includeONET: true), [.esco, .onet])
        XCTAssertEqual(shipped.catalog.schemes(includeONET: false), [.esco])
        // Requested languages without a file are named; verbose adds every file's report and the load time.
        let asked = try OccupationDataSource(directory: dir, shipped: false)
            .load(languages: ["de", "sv"], includeONET: false, verbose: true)
        XCTAssertFalse(asked.catalog.hasONET)
        XCTAssertEqual(asked.messages.last, "occupation data \(dir): languages en,de (no file for sv)")
        let loadLine = try XCTUnwrap(asked.messages.dropLast().last)
        XCTAssertTrue(loadLine.hasPrefix("loaded in ") && loadLine.hasSuffix(" s"), loadLine)
        XCTAssertGreaterThan(asked.messages.count, 3)
        // Nothing to say: shared data with every requested language and O*NET not wanted.
        let quiet = try OccupationDataSource(directory: dir, shipped: false)
            .load(languages: ["de"], includeONET: false, verbose: false)
        XCTAssertEqual(quiet.messages, [])
    }

    func testRoleEvaluationReport() throws {
        let gold = try RoleEvaluation.parse("""
            source\tposting\ttitle\theader\troles\tnote
            forum\t1\t\tAha! (http://www.aha.io) | Rails / Devops / Front End | REMOTE\tRails; Devops; Front End\t
            forum\t2\tSenior Backend Developer (Python/Django)\t\tSenior Backend Developer\t
            jobs\t3\t\tWe are looking for three developers ⏎ and more\tData Engineer\t
            """)
        let e = RoleEvaluation(gold: gold, extractor: RoleExtractor(places: nil))
        let lines = e.reportLines(misses: 5)
        XCTAssertEqual(lines[0], "role gold: 3 headers, \(e.goldRoles) gold roles; precision \(formatFixed(e.precision, 3)) "
                       + "(\(e.correct) of \(e.predicted)), recall \(formatFixed(e.recall, 3)) (\(e.found))")
        XCTAssertEqual(lines[1], "  forum              P 1.000 (4/4)  R 1.000 (4/4)")
        XCTAssertTrue(lines[2].hasPrefix("  jobs               P "), lines[2])
        XCTAssertEqual(e.misses.count, 1)
        XCTAssertEqual(lines.count, 3 + 2 * e.misses.count)
        XCTAssertEqual(lines[3], "line 4 [jobs] title:  | header: We are looking for three developers ⏎ and more")
        XCTAssertTrue(lines[4].hasPrefix("    gold [\"Data Engineer\"] got "), lines[4])
        XCTAssertEqual(e.reportLines(misses: 0).count, 3)
    }

    func testDescribeHeader() {
        let x = RoleExtractor(places: nil)
        XCTAssertEqual(x.describe(header: "Welcome to our company."), ["Welcome to our company.", "  no role"])
        let lines = x.describe(header: "Aha! (http://www.aha.io) | Rails / Devops / Front End | REMOTE")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[1].hasPrefix("  Rails  (key: "), lines[1])
    }
}
