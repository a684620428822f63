import Foundation
import XCTest

/// Issue 14, through the real binary: an HTML page without a JobPosting and without main text is quarantined
/// ("no JobPosting and no main text", with its file), not stored as a posting named after its file; an
/// explicit `--map title=…` keeps it as before.
final class HTMLNoPostingEndToEndTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ name: String, _ html: String) throws -> String {
        let url = tmp.appendingPathComponent(name)
        try Data(html.utf8).write(to: url)
        return url.path
    }

    func testBoilerplatePageIsQuarantinedAndTheAdvertStored() throws {
        let advert = try write("advert.html", """
            <html><head><title>Backend developer</title></head><body><nav>Home · Jobs</nav>
            <main><h1>Backend developer</h1><p>Python, Django and PostgreSQL on AWS.</p></main></body></html>
            """)
        let boilerplate = try write("d.html", """
            <html><head><title>d.html</title></head><body><header>Example Corp careers</header>
            <nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav><main> </main><footer>© 2024</footer></body></html>
            """)
        let db = tmp.appendingPathComponent("h.sqlite").path
        let r = try CLI.run(["analyze", advert, boilerplate, "--db", db, "--quiet"])
        XCTAssertEqual(r.status, 3, "one usable input, one unusable: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("warning: \(boilerplate): every one of its 1 records was quarantined"), r.stderr)
        let q = try CLI.run(["quarantine", "--db", db, "--format", "json"])
        XCTAssertEqual(q.status, 0, q.stderr)
        XCTAssertTrue(q.stdout.contains("no JobPosting and no main text"), q.stdout)
        XCTAssertTrue(q.stdout.contains("d.html"), q.stdout)
        XCTAssertFalse(q.stdout.contains("advert.html"), q.stdout)
        let postings = try CLI.run(["postings", "--db", db, "--skill", "Python", "--format", "json"])
        XCTAssertEqual(postings.status, 0, postings.stderr)
        XCTAssertTrue(postings.stdout.contains("Backend developer"), postings.stdout)
        XCTAssertFalse(postings.stdout.contains("d.html"), postings.stdout)

        // --map title=… : the user decides what a record is; the page is stored as before (its title only).
        let mapped = tmp.appendingPathComponent("m.sqlite").path
        let m = try CLI.run(["analyze", boilerplate, "--db", mapped, "--quiet", "--map", "title=name"])
        XCTAssertEqual(m.status, 0, m.stderr)
        let none = try CLI.run(["quarantine", "--db", mapped, "--format", "json"])
        XCTAssertFalse(none.stdout.contains("no JobPosting"), none.stdout)
    }
}
