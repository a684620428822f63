import Foundation
import XCTest
import SkillAnalytics
import SkillStore

/// The service's in-memory demand aggregates give exactly the figures of the SQL path, for every window and
/// region kind (all, a location string, a place key), on the sample and, when ../shared is present, on pythonjobs
/// (placed postings).
final class DemandCubeTests: XCTestCase {
    func store(_ inputs: [String], supply: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cube-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("s.sqlite").path
        try ServeHarness.run(["analyze"] + inputs + ["--db", db, "--quiet"])
        if let supply { try ServeHarness.run(["analyze", "--supply", supply, "--db", db, "--quiet"]) }
        return db
    }

    func compare(_ db: String) throws {
        let plain = try Analytics(store: try SkillStore(path: db, readOnly: true))
        var cubed = plain.reading(from: try SkillStore(path: db, readOnly: true))
        cubed.cube = try DemandCube.load(from: cubed.store, taxonomyID: cubed.taxonomyID, stamp: "test")
        let months = try plain.monthTotals().keys.sorted()
        XCTAssertFalse(months.isEmpty)
        let mid = months[months.count / 2]
        let windows: [MonthWindow?] = [nil, MonthWindow(from: months[0], to: mid), MonthWindow(from: mid, to: mid),
                                       MonthWindow(from: "1990-01", to: "1990-12")]
        var regions: [String?] = [nil, "no such place"]
        regions += try plain.placeCounts(level: .raw).prefix(2).map { Optional($0.key) }
        if try plain.hasPlaces() {
            regions += try plain.placeCounts(level: .country).prefix(2).map { Optional($0.key) }
            regions += try plain.placeCounts(level: .city).prefix(1).map { Optional($0.key) }
        }
        for region in regions {
            XCTAssertEqual(try cubed.monthTotals(region: region), try plain.monthTotals(region: region), "\(region ?? "all")")
            XCTAssertEqual(try cubed.monthCounts(region: region), try plain.monthCounts(region: region), "\(region ?? "all")")
            for w in windows {
                let a = try cubed.skillCounts(window: w, region: region), b = try plain.skillCounts(window: w, region: region)
                XCTAssertEqual(a.total, b.total, "\(region ?? "all") \(w?.description ?? "")")
                XCTAssertEqual(a.skills, b.skills, "\(region ?? "all") \(w?.description ?? "")")
                for (offset, limit) in [(0, 5), (4, 10), (0, 100_000)] {
                    let page = try cubed.skillCountsPage(window: w, region: region, offset: offset, limit: limit)
                    XCTAssertEqual(page.count, b.skills.count)
                    XCTAssertEqual(page.page, Array(b.skills[min(offset, b.skills.count)..<min(b.skills.count, offset + limit)]))
                }
                XCTAssertEqual(try cubed.gaps(region: region, window: w), try plain.gaps(region: region, window: w))
            }
            let top = Array(try plain.skillCounts(region: region).skills.prefix(5).map(\.conceptID))
            for concept in top + ["no-such-concept"] {
                for w in windows {
                    XCTAssertEqual(try cubed.skillPostings(concept, window: w, region: region),
                                   try plain.skillPostings(concept, window: w, region: region), "\(concept) \(region ?? "all")")
                }
            }
            for g in PeriodGranularity.allCases {
                XCTAssertEqual(try cubed.trends(g, concepts: top, region: region).series,
                               try plain.trends(g, concepts: top, region: region).series)
            }
            XCTAssertEqual(try cubed.trends(.year, region: region).series, try plain.trends(.year, region: region).series)
        }
        for concept in try plain.skillCounts().skills.prefix(5).map(\.conceptID) {
            for level in [RegionLevel.country, .city] {
                let a = try cubed.skillPlaces(concept, level: level, limit: 20), b = try plain.skillPlaces(concept, level: level, limit: 20)
                XCTAssertEqual(a.map { "\($0.key) \($0.name) \($0.postings)" }, b.map { "\($0.key) \($0.name) \($0.postings)" })
            }
        }
        // A page of a gap table, selected, equals that page of the whole sorted table.
        for a in [plain, cubed] {
            for region in regions.prefix(4) {
                for w in windows.prefix(2) {
                    for rank in GapRank.allCases {
                        var r = GapsRequest()
                        (r.region, r.window, r.rank, r.limit) = (region, w, rank, Int.max)
                        let all = try a.gapRows(r)
                        for (offset, limit) in [(0, 5), (3, 7), (0, 100_000), (all.count, 5)] {
                            let page = try a.gapRowsPage(r, offset: offset, limit: limit)
                            XCTAssertEqual(page.total, all.count)
                            // Compared as text: a rate ratio may be NaN, which is not equal to itself.
                            XCTAssertEqual(page.rows.map { "\($0)" },
                                           all[min(offset, all.count)..<min(all.count, offset + limit)].map { "\($0)" },
                                           "\(region ?? "all") \(w?.description ?? "") \(rank) \(offset)")
                        }
                    }
                }
            }
        }
        let e1 = try cubed.emerging(EmergingParameters()), e2 = try plain.emerging(EmergingParameters())
        XCTAssertEqual(e1.skills, e2.skills)
        XCTAssertEqual(try cubed.emerging(EmergingParameters()).skills, e2.skills, "memoized")
    }

    func testCubeEqualsSQLOnTheSample() throws {
        try compare(try store(["Corpora/sample/postings.jsonl"], supply: "Corpora/sample/programmes.csv"))
    }

    func testCubeEqualsSQLOnPlacedPostings() throws {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let shared = env ?? ServeHarness.root.deletingLastPathComponent().appendingPathComponent("shared/data")
        let file = shared.appendingPathComponent("postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz")
        guard FileManager.default.fileExists(atPath: file.path) else {
            print("SKIP: ../shared/data is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("../shared/data is absent")
        }
        try compare(try store([file.path]))
    }
}
