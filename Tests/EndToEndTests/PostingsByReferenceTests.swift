import Foundation
import XCTest

/// Postings are stored by reference to their source (file, position, content hash) unless `--store-text`; every
/// text-level command reads them back and sees exactly the text it would see in the database, in every input
/// format; a moved or edited source is reported, never read as something else.
final class PostingsByReferenceTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ text: String, _ name: String) throws -> String {
        let url = tmp.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func gzip(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["gzip", "-kf", path]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return path + ".gz"
    }

    static let sentences = [
        "You will build services in Python and Go, deploy them with Docker and Kubernetes, and keep SQL databases fast.",
        "Our data team uses Python, pandas and SQL every day; experience with machine learning and Git is a plus.",
        "Build web front ends in JavaScript and React, test them, and ship them with Docker on Linux servers.",
    ]

    /// Six postings in JSON Lines, with a blank line, an unusable record and a CR LF line among them.
    func jsonLines() -> String {
        var lines: [String] = []
        for i in 0..<6 {
            let text = Self.sentences[i % 3] + " Posting \(i) — naïve café “quotes”."
            lines.append(#"{"id":"p\#(i)","title":"Software engineer \#(i)","text":"\#(text)","date":"2024-0\#(1 + i % 3)-1\#(i)","employer":"Firm \#(i % 4)"}"#)
            if i == 2 { lines.append("") ; lines.append("{not json") }
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "\"employer\":\"Firm 3\"}", with: "\"employer\":\"Firm 3\"}\r") + "\n"
    }

    func csv() -> String {
        var rows = ["id,title,description,date"]
        for i in 0..<6 {
            rows.append("c\(i),\"Data analyst \(i)\",\"\(Self.sentences[i % 3]) Row \(i), with \"\"quotes\"\"\nand a second line.\",2024-02-0\(i + 1)")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    func rss() -> String {
        let items = (0..<4).map { i in
            "<item><guid>r\(i)</guid><title>Backend developer \(i)</title><pubDate>Mon, 0\(i + 1) Jan 2024 10:00:00 GMT</pubDate>"
                + "<description>\(Self.sentences[i % 3]) Item \(i) &amp; more.</description></item>"
        }.joined()
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Jobs</title>\(items)</channel></rss>"
    }

    /// The audit sheet (every context of every concept, so every posting's text) of a store.
    func sheet(_ db: String, _ name: String, corpus: String = "demand") throws -> (tsv: String, stderr: String) {
        let out = tmp.appendingPathComponent(name).path
        let r = try CLI.run(["audit", "--db", db, "--top", "1000", "--per-concept", "1000", "--out", out, "--corpus", corpus])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try String(contentsOfFile: out + ".tsv", encoding: .utf8), r.stderr)
    }

    func analyze(_ input: String, _ db: String, _ extra: [String] = []) throws {
        let r = try CLI.run(["analyze", input, "--db", db, "--quiet"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testEveryFormatReadsBackTheTextItStored() throws {
        let page = """
            <html><head><title>Platform engineer</title></head><body><main><h1>Platform engineer</h1>
            <p>\(Self.sentences[0])</p><p>\(Self.sentences[2])</p></main></body></html>
            """
        let plain = try write(jsonLines(), "postings.jsonl")
        let inputs: [(String, [String])] = [
            (plain, []),
            (try gzip(try write(jsonLines(), "zipped.jsonl")), []),
            (try write(csv(), "rows.csv"), ["--map", "text=description"]),
            (try write(page, "page.html"), []),
            (try write(rss(), "feed.xml"), []),
            (try write(jsonLines(), "latin.jsonl"), ["--encoding", "iso-8859-1"]),
        ]
        for (k, (input, extra)) in inputs.enumerated() {
            let byReference = tmp.appendingPathComponent("ref\(k).sqlite").path
            let withText = tmp.appendingPathComponent("text\(k).sqlite").path
            try analyze(input, byReference, extra)
            try analyze(input, withText, extra + ["--store-text"])
            XCTAssertEqual(try CLI.sqlite(byReference, "SELECT count(*) FROM postings WHERE text <> '' OR text_stored <> 0"), "0",
                           "\(input): by reference, no text is stored")
            XCTAssertEqual(try CLI.sqlite(withText, "SELECT count(*) FROM postings WHERE text = '' OR text_stored <> 1"), "0")
            let a = try sheet(byReference, "a\(k)"), b = try sheet(withText, "b\(k)")
            XCTAssertGreaterThan(a.tsv.split(separator: "\n").count, 3, "\(input): the sheet has contexts")
            XCTAssertEqual(a.tsv, b.tsv, "\(input): read back = stored")
            XCTAssertFalse(a.stderr.contains("could not be read back"), a.stderr)
        }
    }

    func testAMovedOrEditedSourceIsReportedNotMisread() throws {
        let input = try write(jsonLines(), "postings.jsonl")
        let db = tmp.appendingPathComponent("s.sqlite").path
        try analyze(input, db)
        let full = try sheet(db, "full")

        // One record edited in place: its contexts are left out, and the run says why.
        let edited = jsonLines().replacingOccurrences(of: "Posting 4", with: "Posting 9")
        try edited.write(toFile: input, atomically: true, encoding: .utf8)
        let afterEdit = try sheet(db, "edited")
        XCTAssertTrue(afterEdit.stderr.contains("of \(input) could not be read back: source changed"), afterEdit.stderr)
        XCTAssertLessThan(afterEdit.tsv.split(separator: "\n").count, full.tsv.split(separator: "\n").count)
        XCTAssertFalse(afterEdit.tsv.contains("Posting 9"), "an edited record is never read as the stored posting")

        // The file moved away: every posting is reported missing, nothing is invented, and the audit says it has
        // nothing to show (non-zero exit).
        try FileManager.default.moveItem(atPath: input, toPath: input + ".moved")
        let moved = try CLI.run(["audit", "--db", db, "--out", tmp.appendingPathComponent("moved").path])
        XCTAssertNotEqual(moved.status, 0)
        XCTAssertTrue(moved.stderr.contains("of \(input) could not be read back: source file missing"), moved.stderr)
        XCTAssertTrue(moved.stderr.contains("none whose text could be read back"), moved.stderr)
        // Counts do not need the text: trends still work.
        let trends = try CLI.run(["trends", "--db", db])
        XCTAssertEqual(trends.status, 0, trends.stderr)
        XCTAssertTrue(trends.stdout.contains("Python"), trends.stdout)
    }

    /// A first load into an empty store builds its query-only indexes at the end; a store whose bulk load was
    /// killed gets them back when it is next opened for writing.
    func testDeferredIndexesAreBuilt() throws {
        let input = try write(jsonLines(), "postings.jsonl")
        let db = tmp.appendingPathComponent("s.sqlite").path
        try analyze(input, db)
        let indexes = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' "
            + "AND name IN ('postings_period','postings_region','mentions_concept','posting_roles_key',"
            + "'posting_occupations_occupation') ORDER BY name)"
        let all = "mentions_concept posting_occupations_occupation posting_roles_key postings_period postings_region"
        XCTAssertEqual(try CLI.sqlite(db, indexes), all)
        _ = try CLI.sqlite(db, "DROP INDEX mentions_concept; DROP INDEX postings_period;")
        try analyze(input, db) // already present: nothing new, but the store is opened for writing
        XCTAssertEqual(try CLI.sqlite(db, indexes), all)
    }
}
