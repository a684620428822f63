import Foundation
import XCTest
@testable import SkillIngest

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
    /// Per feed: entries in the file, records delivered, and for the four malformed feeds the line of
    /// libxml2's error (the same lines Python's expat reports: an unescaped `&`).
    static let atomFeeds: [(year: Int, entries: Int, records: Int, errorLine: Int?)] = [
        (2015, 43, 43, nil), (2016, 76, 76, nil), (2017, 124, 13, 422), (2018, 32, 5, 230),
        (2019, 22, 19, 662), (2020, 4, 4, nil), (2021, 7, 2, 95), (2022, 5, 5, nil),
    ]

    func testPythonjobsAtomFeedsAreAccountedFor() throws {
        let dir = try SharedData.path("postings/pythonjobs/atom_feed_snapshots")
        for feed in Self.atomFeeds {
            let path = dir + "/atom_\(feed.year).xml"
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let entries = String(decoding: bytes, as: UTF8.self).components(separatedBy: "<entry>").count - 1
            XCTAssertEqual(entries, feed.entries, "\(feed.year): entries in the file")
            let r = try readInput(path, .xml)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.count, feed.records, "\(feed.year): records")
            XCTAssertEqual(r.quarantined.count, feed.errorLine == nil ? 0 : 1, "\(feed.year): quarantined")
            if let line = feed.errorLine, let q = r.quarantined.first {
                XCTAssertEqual(q.line, line, "\(feed.year)")
                XCTAssertTrue(q.reason.hasPrefix("malformed XML: "), q.reason)
                XCTAssertTrue(q.reason.contains("is incomplete"), q.reason)
                XCTAssertTrue(q.excerpt.contains("&"), "\(feed.year): the excerpt shows the bad text: \(q.excerpt)")
                XCTAssertLessThanOrEqual(q.offset, bytes.count)
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
        XCTAssertEqual(r.records.filter { $0.region == "Potsdam" }.count, 15)
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
}
