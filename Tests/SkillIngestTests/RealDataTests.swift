import Foundation
import XCTest
@testable import SkillIngest
import SkillIO

/// The shared data folder (`../shared/data` next to the package, or `SKILLRADAR_SHARED_DATA`).
enum SharedData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func path(_ relative: String) throws -> String {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let d = env ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
        let p = d.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: p) else {
            print("SKIP: \(p) is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("\(relative) is absent from the shared data")
        }
        return p
    }
}

/// The real inputs in ../shared/data: the pythonjobs Atom feeds and HTML pages, the DEFTIS catalogue.
final class RealDataTests: XCTestCase {
    /// Per feed: entries in the file, records delivered, and each malformed entry: the line its `<entry>`
    /// starts on and the line of libxml2's error (the same lines Python's expat reports: an unescaped `&`).
    /// Reading resynchronises after each broken entry, so entries = records + quarantined.
    static let atomFeeds: [(year: Int, entries: Int, records: Int, broken: [(record: Int, error: Int)])] = [
        (2015, 43, 43, []), (2016, 76, 76, []), (2017, 124, 123, [(419, 422)]), (2018, 32, 31, [(200, 230)]),
        (2019, 22, 21, [(632, 662)]), (2020, 4, 4, []), (2021, 7, 6, [(68, 95)]), (2022, 5, 5, []),
    ]

    func testPythonjobsAtomFeedsAreAccountedFor() throws {
        let dir = try SharedData.path("postings/pythonjobs/atom_feed_snapshots")
        for feed in Self.atomFeeds {
            let path = dir + "/atom_\(feed.year).xml"
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let text = String(decoding: bytes, as: UTF8.self)
            let entries = text.components(separatedBy: "<entry>").count - 1
            XCTAssertEqual(entries, feed.entries, "\(feed.year): entries in the file")
            let r = try readInput(path, .xml)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.count, feed.records, "\(feed.year): records")
            XCTAssertEqual(r.quarantined.count, feed.broken.count, "\(feed.year): quarantined")
            XCTAssertEqual(r.records.count + r.quarantined.count, entries, "\(feed.year): every entry accounted for")
            // Records and quarantined entries together, in file order, are the entries' lines.
            let entryLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.contains("<entry>") }.map { $0.offset + 1 }
            let recordLines = r.records.map(\.line)
            XCTAssertEqual(recordLines, entryLines.filter { l in !feed.broken.contains { $0.record == l } },
                           "\(feed.year): record lines")
            for (q, broken) in zip(r.quarantined, feed.broken) {
                XCTAssertEqual(q.line, broken.error, "\(feed.year)")
                XCTAssertTrue(q.reason.hasPrefix("malformed XML: "), q.reason)
                XCTAssertTrue(q.reason.contains("(line \(broken.error), column "), q.reason)
                XCTAssertTrue(q.reason.contains("the record starting on line \(broken.record) is skipped"), q.reason)
                XCTAssertTrue(q.excerpt.contains("&"), "\(feed.year): the excerpt shows the bad text: \(q.excerpt)")
                let lineStart = bytes.indices.filter { bytes[$0] == 0x0A }[broken.error - 2] + 1
                XCTAssertEqual(q.offset, lineStart, "\(feed.year): the error line's offset")
            }
            for rec in r.records {
                // Every record is an entry: its line holds `<entry>` and its offset is that line's start.
                XCTAssertTrue(rec.sourceID?.hasPrefix("https://pythonjobs.github.io/jobs/") ?? false)
                XCTAssertFalse(rec.title.isEmpty)
                XCTAssertFalse(rec.text.isEmpty)
                XCTAssertNotNil(rec.date)
                let lineEnd = bytes[rec.offset...].firstIndex(of: 0x0A) ?? bytes.count
                let line = String(decoding: bytes[rec.offset..<lineEnd], as: UTF8.self)
                XCTAssertTrue(line.contains("<entry>"), "\(feed.year) line \(rec.line): \(line)")
                XCTAssertEqual(bytes[..<rec.offset].filter { $0 == 0x0A }.count + 1, rec.line)
            }
        }
        // The 2017 feed's first entry, field by field.
        let r = try readInput(dir + "/atom_2017.xml", .xml)
        let first = try XCTUnwrap(r.records.first)
        XCTAssertEqual(first.title, "Senior Research Software Developer")
        XCTAssertEqual(first.employer, "Nate Ron-Ferguson")
        XCTAssertEqual(first.date, "2017-11-20")
        XCTAssertEqual(first.tags, ["python", "full-stack", "django", "react", "geospatial", "postgresql", "postgis"])
        XCTAssertEqual(first.line, 14)
    }

    func testDEFTISCatalogueInISO885915() throws {
        let path = try SharedData.path(
            "training_supply/wdb_brandenburg_deftis_xml/wdb_brandenburg_courses_2022-05_cropped.xml")
        let r = try readInput(path, .xml)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.quarantined.count, 0, "\(r.quarantined)")
        XCTAssertEqual(r.records.count, 19)
        let titles = r.records.map(\.title)
        for expected in ["Experte in Cloud Computing", "IT-Projektmanagement", "PHP Programmierer und Datenbankentwickler",
                         "Programmierung PHP Frameworks: Laravel, Symfony, Zend",
                         "Webentwicklung 2.0 - HTML5, CSS3, WordPress", "Shopsystem Administrator",
                         "Weiterbildung Wildnispädagogik"] {
            XCTAssertTrue(titles.contains(expected), "missing course \(expected)")
        }
        // Providers come from the COURSESUPPLIER records (CS_SUPPLIERID -> CSS_NAME).
        XCTAssertEqual(r.records.filter { $0.employer == "Morphos GmbH" }.count, 14)
        XCTAssertEqual(r.records.filter { $0.region == "Potsdam, DE" }.count, 15)
        let cloud = try XCTUnwrap(r.records.first { $0.title == "Experte in Cloud Computing" })
        XCTAssertEqual(cloud.sourceID, "A1DFC244-E07B-BE74-4422-1995EE3B5F8A")
        XCTAssertEqual(cloud.date, "2022-10-26")
        XCTAssertTrue(cloud.text.contains("bedarfsabhängige Bereitstellung"), cloud.text)
        XCTAssertEqual(r.records.filter { $0.date == nil }.count, 6, "courses without a schedule have no date")
        for rec in r.records {
            XCTAssertFalse(rec.text.contains("\u{FFFD}"), "ISO-8859-15 converted without replacement characters")
            XCTAssertFalse(rec.text.isEmpty)
        }
    }

    func testPythonjobsHTMLPages() throws {
        let dir = try SharedData.path("postings/pythonjobs/html_pages")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(files.count, 220)
        var withJSONLD = 0, withMicrodata = 0, records = 0
        for f in files {
            let path = dir + "/" + f
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let s = String(decoding: bytes, as: UTF8.self)
            if s.contains("application/ld+json") { withJSONLD += 1 }
            if s.contains("itemprop") { withMicrodata += 1 }
            let r = try readInput(path, .html)
            assertAccounting(r, lineFormat: false)
            XCTAssertEqual(r.events.count, 1)
            if let rec = r.records.first {
                records += 1
                // No structured data: the visible-text rules give the title and no date/region/employer.
                XCTAssertEqual(rec.sourceID, f)
                XCTAssertFalse(rec.title.isEmpty, f)
                XCTAssertNil(rec.date)
                XCTAssertNil(rec.employer)
                XCTAssertFalse(rec.text.contains("\u{FFFD}"), f)
            }
        }
        XCTAssertEqual(withJSONLD, 0, "the pythonjobs pages carry no JSON-LD")
        XCTAssertEqual(withMicrodata, 0, "nor microdata")
        XCTAssertEqual(records, 220)
    }

    /// The Chinese "who is hiring" posts: employer and region come from the nested `llm_parsed` object
    /// (default paths), counted against a reference read with JSONSerialization.
    func testRuanyfWeeklyEmployersAndRegionsFromNestedLLMFields() throws {
        let path = try SharedData.path("postings/ruanyf_weekly_zh/ruanyf_weekly_who_is_hiring_zh.jsonl.gz")
        let r = try readInput(path, .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.quarantined.count, 0, "\(r.quarantined.prefix(3))")
        XCTAssertEqual(r.records.count, 1797)
        // Reference: decompress with the reader's own byte source, parse each line with Foundation.
        let source = try ByteSource(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        var employers = 0, regions = 0, lines = 0
        var expected: [(employer: String?, region: String?)] = []
        for line in bytes.split(separator: 0x0A) {
            lines += 1
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let parsed = o["llm_parsed"] as? [String: Any]
            let company = (parsed?["company"] as? String).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            // A list of places gives them all, joined by " / ".
            let parts = ((parsed?["location"] as? [Any])?.compactMap { $0 as? String } ?? [])
                .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            let location = parts.isEmpty ? nil
                : parts.joined(separator: " / ").trimmingCharacters(in: .whitespacesAndNewlines)
            let e = company?.isEmpty == false ? company : nil
            if e != nil { employers += 1 }
            if location != nil { regions += 1 }
            expected.append((e, location))
        }
        XCTAssertEqual(lines, 1797)
        XCTAssertEqual(r.records.filter { $0.employer != nil }.count, employers)
        XCTAssertEqual(r.records.filter { $0.region != nil }.count, regions)
        XCTAssertGreaterThan(employers, 1600, "most posts name their company")
        XCTAssertGreaterThan(regions, 1500)
        XCTAssertEqual(r.records.map(\.employer), expected.map(\.employer))
        XCTAssertEqual(r.records.map(\.region), expected.map(\.region))
        XCTAssertEqual(r.records.first?.employer, "美团")
        XCTAssertEqual(r.records.first?.region, "上海")
    }
}
