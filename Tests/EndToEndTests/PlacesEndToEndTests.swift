import Foundation
import SkillStore
import XCTest

/// Locations normalised at ingest, regions as a hierarchy in queries (issue: places).
final class PlacesEndToEndTests: XCTestCase {
    /// Free-text locations, no ../shared needed: regions lists countries, --region takes a country, a US state
    /// by code and a city by name, gaps --region works, and a posting without a location field is placed from
    /// its "Location:" line.
    func testFreeTextLocationsAggregateByCountryStateAndCity() throws {
        let tmp = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let postingsFile = tmp.appendingPathComponent("p.jsonl").path
        let locations = ["Berlin, Germany", "München", "San Francisco, CA, USA", "SF Bay Area (Remote OK)",
                         "NYC | Remote", "London, UK", "Remote", "Full-time ONSITE"]
        var lines: [String] = []
        for i in 0..<40 {
            let loc = locations[i % locations.count]
            let text = "We build data pipelines in Python and SQL with Kubernetes. Job \(i)."
            lines.append(#"{"id":"p\#(i)","title":"Data Engineer","description":"\#(text)","date":"2023-0\#(1 + i % 9)-01","location":"\#(loc)"}"#)
        }
        // No location field: placed from the text's cue.
        lines.append(#"{"id":"x1","title":"Backend Developer","description":"Contract type: permanent. Location: Hamburg, Germany\nPython and Django.","date":"2023-05-01"}"#)
        try lines.joined(separator: "\n").write(toFile: postingsFile, atomically: true, encoding: .utf8)
        let supply = tmp.appendingPathComponent("s.csv").path
        try "title,provider,region,description\nPython course,Acme,Berlin,Python programming and SQL databases\n"
            .write(toFile: supply, atomically: true, encoding: .utf8)
        let db = tmp.appendingPathComponent("r.sqlite").path
        let a = try CLI.run(["analyze", postingsFile, "--db", db, "--quiet"])
        XCTAssertEqual(a.status, 0, a.stderr)

        let regions = try CLI.run(["regions", "--db", db, "--format", "csv"])
        XCTAssertEqual(regions.status, 0, regions.stderr)
        let rows = regions.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(Array(rows.first?.prefix(5) ?? []), ["level", "code", "name", "country", "postings"])
        func postings(_ code: String) -> Int? { rows.first { $0.count > 4 && $0[1] == code }.flatMap { Int($0[4]) } }
        XCTAssertEqual(postings("DE"), 11, regions.stdout) // 5 Berlin + 5 München + the Hamburg cue
        XCTAssertEqual(postings("US"), 15, regions.stdout) // SF, SF Bay Area, NYC
        XCTAssertEqual(postings("GB"), 5, regions.stdout)
        XCTAssertEqual(postings("remote"), 15, regions.stdout) // SF Bay Area (remote OK: hybrid), NYC | Remote, Remote
        XCTAssertEqual(postings("unplaced"), 10, regions.stdout) // Remote, Full-time ONSITE
        let cities = try CLI.run(["regions", "--db", db, "--level", "city", "--format", "csv"])
        XCTAssertTrue(cities.stdout.contains("city,2950159,Berlin,DE,5"), cities.stdout)
        XCTAssertTrue(cities.stdout.contains("city,2867714,Munich,DE,5"), cities.stdout)
        XCTAssertTrue(cities.stdout.contains("Hamburg,DE,1"), cities.stdout)

        // --region by country name in any case, by ISO code, by US state code, by city; did you mean.
        for (region, total) in [("germany", 11), ("DE", 11), ("US-CA", 10), ("california", 10), ("Munich", 5), ("München", 5),
                                ("remote", 15)] {
            let t = try CLI.run(["trends", "--db", db, "--region", region, "--format", "csv", "--granularity", "year"])
            XCTAssertEqual(t.status, 0, "\(region): \(t.stderr)")
            let totals = t.stdout.split(separator: "\n").dropFirst().compactMap { line -> Int? in
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                return f.count > 3 ? Int(f[3]) : nil
            }
            XCTAssertEqual(totals.max(), total, "\(region): \(t.stdout)")
        }
        // Trends per country: the same skills in each block, totals of the country.
        let perCountry = try CLI.run(["trends", "--db", db, "--by-region", "--top", "2", "--format", "json"])
        XCTAssertEqual(perCountry.status, 0, perCountry.stderr)
        let blocks = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(perCountry.stdout.utf8)) as? [[String: Any]])
        let germany = blocks.filter { $0["region_of_row"] as? String == "Germany" }
        XCTAssertEqual(Set(germany.map { $0["concept_id"] as? String ?? "" }),
                       Set(blocks.filter { $0["region_of_row"] as? String == "(all)" }.map { $0["concept_id"] as? String ?? "" }))
        XCTAssertEqual(germany.compactMap { $0["total_postings"] as? Int }.max(), 11, perCountry.stdout)
        XCTAssertTrue(blocks.contains { $0["region_of_row"] as? String == "United States" })

        // A store written before places (no region tables), opened read-only: --region falls back to the stored
        // strings and says which exist; regions lists them; no SQL error.
        let old = tmp.appendingPathComponent("old.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: old)
        try SQLiteConnection(path: old).execute("DROP TABLE region_places; DROP TABLE region_resolutions; DROP TABLE posting_roles;")
        let oldTrends = try CLI.run(["trends", "--db", old, "--region", "Germany"])
        XCTAssertNotEqual(oldTrends.status, 0)
        XCTAssertTrue(oldTrends.stderr.contains("no posting has the region 'Germany'"), oldTrends.stderr)
        XCTAssertFalse(oldTrends.stderr.contains("no such table"), oldTrends.stderr)
        let oldRegions = try CLI.run(["regions", "--db", old, "--format", "csv"])
        XCTAssertEqual(oldRegions.status, 0, oldRegions.stderr)
        XCTAssertTrue(oldRegions.stdout.contains("raw,,Berlin, Germany") || oldRegions.stdout.contains("\"Berlin, Germany\""),
                      oldRegions.stdout)

        let typo = try CLI.run(["trends", "--db", db, "--region", "Germny"])
        XCTAssertNotEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.contains("did you mean") && typo.stderr.contains("Germany"), typo.stderr)

        // Supply is placed the same way: gaps --region Germany counts Berlin's programme.
        let g = try CLI.run(["gaps", "--db", db, "--supply", supply, "--region", "Germany", "--format", "csv"])
        XCTAssertEqual(g.status, 0, g.stderr)
        XCTAssertTrue(g.stdout.contains("Python"), g.stdout)
        let by = try CLI.run(["gaps", "--db", db, "--by-region", "--format", "csv"])
        XCTAssertEqual(by.status, 0, by.stderr)
        XCTAssertTrue(by.stdout.contains("Germany"), by.stdout)

        // The report's regions section is a hierarchy, not raw strings.
        let out = tmp.appendingPathComponent("report").path
        let rep = try CLI.run(["report", "--db", db, "--out", out])
        XCTAssertEqual(rep.status, 0, rep.stderr)
        let md = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        XCTAssertTrue(md.contains("## Regions"), md)
        XCTAssertTrue(md.contains("| Germany | country | DE |"), md)
        XCTAssertFalse(md.contains("SF Bay Area (Remote OK)"), "raw location strings in the report")
    }

    /// pythonjobs: at least 90 % of the postings that have a location are placed in a country.
    func testPythonJobsPostingsWithALocationArePlacedInACountry() throws {
        let tmp = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (db, r) = try CLI.analyzePythonJobs(into: tmp)
        XCTAssertEqual(r.status, 0, r.stderr)
        func rows(_ level: String) throws -> [[String: Any]] {
            let r = try CLI.run(["regions", "--db", db, "--level", level, "--format", "json"])
            XCTAssertEqual(r.status, 0, r.stderr)
            return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []
        }
        let raw = try rows("raw")
        let total = raw.reduce(0) { $0 + ($1["postings"] as? Int ?? 0) }
        let empty = raw.first { ($0["name"] as? String) == "(none)" }?["postings"] as? Int ?? 0
        let unplaced = try rows("country").first { ($0["level"] as? String) == "unplaced" }?["postings"] as? Int ?? 0
        let withALocation = total - empty, placed = total - unplaced
        print("pythonjobs: \(placed) placed in a country of \(withALocation) postings with a location (\(empty) without)")
        XCTAssertGreaterThan(withALocation, 200)
        XCTAssertGreaterThanOrEqual(Double(placed) / Double(withALocation), 0.90)
    }
}
