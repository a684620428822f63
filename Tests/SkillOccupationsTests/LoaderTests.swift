import Foundation
import XCTest
@testable import SkillOccupations

/// Loaders: counts against the shared files (SOURCE.md row counts) and hostile inputs.
final class LoaderTests: XCTestCase {
    func assertAccounted(_ r: LoadReport, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.rowsRead, r.rowsKept + r.skippedTotal, "\(r)", file: file, line: line)
    }

    /// Data rows of a tab-separated file counted naively (non-empty lines minus the header), decompressing
    /// `.gz` with the system's `gzip`: an oracle independent of the loader.
    func naiveRows(_ path: String) throws -> Int {
        let data: Data
        if path.hasSuffix(".gz") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").count - 1
    }

    func testESCOFilesCountsMatchSource() throws {
        let p = OccupationCatalogLoader.Paths(dataDirectory: try Paths.sharedData())
        let (occ, r1) = try OccupationLoaders.escoOccupations(p.escoOccupations)
        XCTAssertEqual(r1.rowsRead, 3039) // SOURCE.md: occupations_en.csv.gz 3039 rows
        XCTAssertEqual(r1.rowsKept, 3039)
        assertAccounted(r1)
        XCTAssertEqual(Set(occ.map(\.uri)).count, 3039)
        let dev = try XCTUnwrap(occ.first { $0.uri == Shared.softwareDeveloper })
        XCTAssertEqual(dev.iscoGroup, "2512")
        XCTAssertEqual(dev.preferredLabel, "software developer")
        XCTAssertTrue(dev.altLabels.contains("software engineer"), "\(dev.altLabels)")

        let (groups, r2) = try OccupationLoaders.iscoGroups(p.iscoGroups)
        XCTAssertEqual(r2.rowsRead, 619) // SOURCE.md: 619 ISCO-08 groups
        assertAccounted(r2)
        XCTAssertEqual(groups.first { $0.code == "2512" }?.label, "Software developers")
        // Every occupation's ISCO unit group is a known 4-digit group.
        let codes = Set(groups.map(\.code))
        XCTAssertTrue(occ.allSatisfy { codes.contains($0.iscoGroup) && $0.iscoGroup.count == 4 })

        let (rel, r3) = try OccupationLoaders.skillRelations(p.skillRelations)
        XCTAssertEqual(r3.rowsRead, 129_004) // SOURCE.md: 129004 rows, 97.1 % with a skill URI
        assertAccounted(r3)
        XCTAssertEqual(r3.skipped.count, 1, "\(r3)")
        XCTAssertEqual(Double(r3.rowsKept) / Double(r3.rowsRead), 0.971, accuracy: 0.001)
        XCTAssertTrue(rel.allSatisfy { $0.skillID.hasPrefix("esco:") && $0.skillID.count == 41 })
    }

    func testMultilingualFilesCoverAllLanguages() throws {
        let p = OccupationCatalogLoader.Paths(dataDirectory: try Paths.sharedData())
        XCTAssertEqual(OccupationCatalogLoader.escoLanguages.count, 26)
        for lang in ["de", "pl", "ar"] {
            let (rows, r) = try OccupationLoaders.escoOccupations(p.multilingual(lang))
            XCTAssertEqual(r.rowsRead, 2942, lang) // SOURCE.md: 2942 rows each
            assertAccounted(r)
            XCTAssertEqual(rows.count, 2942)
        }
        // Every language file exists and has a header the loader accepts.
        for lang in OccupationCatalogLoader.allLanguages {
            XCTAssertTrue(FileManager.default.fileExists(atPath: p.multilingual(lang)), lang)
        }
    }

    func testONETFilesCountsMatchNaiveCount() throws {
        let p = OccupationCatalogLoader.Paths(dataDirectory: try Paths.sharedData())
        let (occ, r1) = try OccupationLoaders.onetTitles(p.onetOccupations, titleColumn: "Title")
        XCTAssertEqual(r1.rowsKept, try naiveRows(p.onetOccupations))
        XCTAssertEqual(occ.count, 1016)
        let (alt, r2) = try OccupationLoaders.onetTitles(p.onetAlternateTitles, titleColumn: "Alternate Title")
        XCTAssertEqual(r2.rowsKept, try naiveRows(p.onetAlternateTitles))
        XCTAssertEqual(alt.count, 56_560)
        XCTAssertTrue(alt.contains { $0.code == "15-1252.00" && $0.title == "Software Engineer" })
        let (rep, r3) = try OccupationLoaders.onetTitles(p.onetReportedTitles, titleColumn: "Reported Job Title")
        XCTAssertEqual(r3.rowsKept, try naiveRows(p.onetReportedTitles))
        XCTAssertEqual(rep.count, 7796)
        for r in [r1, r2, r3] { assertAccounted(r) }
    }

    func testCatalogLoadReportsAndICTFlags() throws {
        let data = try Paths.sharedData()
        let (c, reports) = try OccupationCatalogLoader.load(
            dataDirectory: data, options: .init(languages: ["de"], includeONET: true, includeSkills: true))
        for r in reports { assertAccounted(r) }
        XCTAssertEqual(c.occupations.filter { $0.scheme == .esco }.count, 3039)
        XCTAssertEqual(c.occupations.filter { $0.scheme == .onet }.count, 1016)
        // v1.0.8 rows of occupations absent from v1.2.0 are counted, not silently dropped.
        let de = try XCTUnwrap(reports.first { $0.file.hasSuffix("occupations_de.csv.gz") })
        XCTAssertEqual(de.rowsKept + (de.skipped["occupation not in ESCO v1.2.0"] ?? 0), 2942)
        let i = try XCTUnwrap(c.index(of: Shared.softwareDeveloper))
        XCTAssertTrue(c.occupations[i].isICT)
        XCTAssertTrue(c.labels.contains { $0.occupation == i && $0.language == "de" && $0.text == "Softwareentwicklerin" })
        XCTAssertGreaterThan(c.skills[i]?.essential.count ?? 0, 5)
        // ISCO rule: every 25xx/35xx/133x occupation is ICT; ICT by skills is reported too.
        for o in c.occupations where o.scheme == .esco && isICTISCO(o.iscoCode) { XCTAssertTrue(o.isICT, o.label) }
        let cashier = try XCTUnwrap(c.occupations.first { $0.scheme == .esco && $0.label == "cashier" })
        XCTAssertFalse(cashier.isICT)
        XCTAssertTrue(c.occupations.first { $0.id == "onet:15-1252.00" }?.isICT ?? false)
        XCTAssertFalse(c.occupations.first { $0.id == "onet:41-2011.00" }?.isICT ?? true)
    }

    func testISCORule() {
        XCTAssertTrue(isICTISCO("2512"))
        XCTAssertTrue(isICTISCO("3512"))
        XCTAssertTrue(isICTISCO("1330"))
        XCTAssertFalse(isICTISCO("1320"))
        XCTAssertFalse(isICTISCO("2411"))
        XCTAssertFalse(isICTISCO(nil))
    }

    // MARK: hostile inputs

    func testMissingColumnIsAnError() throws {
        let path = try Paths.temp("occ.csv", "conceptUri,label\nhttp://x,y\n")
        XCTAssertThrowsError(try OccupationLoaders.escoOccupations(path)) { e in
            XCTAssertTrue("\(e)".contains("preferredLabel"), "\(e)")
        }
        XCTAssertThrowsError(try OccupationLoaders.escoOccupations(try Paths.temp("empty.csv", "")))
        XCTAssertThrowsError(try OccupationLoaders.escoOccupations("/nonexistent/occ.csv"))
    }

    func testBadRowsAreSkippedWithReasons() throws {
        let csv = """
        conceptType,conceptUri,iscoGroup,preferredLabel,altLabels
        Occupation,http://data.europa.eu/esco/occupation/a,2512,software developer,"coder
        programmer"
        Occupation,http://data.europa.eu/esco/occupation/b,2512,,
        ISCOGroup,http://data.europa.eu/esco/isco/C25,25,ICT,
        Occupation,http://data.europa.eu/esco/occupation/c,2512
        Occupation,,2512,x,
        Occupation,http://data.europa.eu/esco/occupation/d,2512,"never closed,

        """
        let (rows, r) = try OccupationLoaders.escoOccupations(try Paths.temp("occ.csv", csv))
        XCTAssertEqual(rows.map(\.preferredLabel), ["software developer"])
        XCTAssertEqual(rows.first?.altLabels, ["coder", "programmer"])
        XCTAssertEqual(r.rowsRead, 6)
        XCTAssertEqual(r.rowsKept, 1)
        XCTAssertEqual(r.skipped["no preferredLabel"], 1)
        XCTAssertEqual(r.skipped["conceptType ISCOGroup, not Occupation"], 1)
        XCTAssertEqual(r.skipped["3 fields, header has 5"], 1)
        XCTAssertEqual(r.skipped["no conceptUri"], 1)
        XCTAssertEqual(r.skipped.keys.filter { $0.hasPrefix("malformed") }.count, 1)
        assertAccounted(r)
    }

    func testRelationsAndONETBadRows() throws {
        let rel = """
        occupationUri,relationType,skillUri,skillLabel
        http://o/1,essential,http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97,computer programming
        http://o/1,optional,,unresolved label
        http://o/1,related,http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97,x
        http://o/1,optional,http://example.org/skill/1,x

        """
        let (rows, r) = try OccupationLoaders.skillRelations(try Paths.temp("rel.csv", rel))
        XCTAssertEqual(rows, [OccupationSkillRelation(occupationURI: "http://o/1", essential: true,
                                                      skillID: "esco:21d2f96d-35f7-4e3f-9745-c533d2dd6e97")])
        XCTAssertEqual(r.skippedTotal, 3)
        assertAccounted(r)

        let tsv = "O*NET-SOC Code\tTitle\tAlternate Title\tShort Title\tSource(s)\n"
            + "15-1252.00\tSoftware Developers\tCoder\t\t08\n"
            + "15-1252\tSoftware Developers\tBad code\t\t08\n"
            + "15-1252.00\tSoftware Developers\t\t\t08\n"
            + "15-1252.00\tSoftware Developers\tshort row\n"
        let (orows, o) = try OccupationLoaders.onetTitles(try Paths.temp("alt.txt", tsv), titleColumn: "Alternate Title")
        XCTAssertEqual(orows.map(\.title), ["Coder"])
        XCTAssertEqual(o.rowsRead, 4)
        XCTAssertEqual(o.skipped["O*NET-SOC code is not NN-NNNN.NN"], 1)
        XCTAssertEqual(o.skipped["empty Alternate Title"], 1)
        XCTAssertEqual(o.skipped["3 fields, header has 5"], 1)
        assertAccounted(o)
    }
}
