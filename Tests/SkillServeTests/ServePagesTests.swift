import Foundation
import XCTest

/// The pages for people: each renders from the store with its chart, is accessible (language, labels, a skip
/// link, headings) and, when Chromium is installed (CI installs it), renders in a real browser without console
/// errors; screenshots go to `$SKILLRADAR_SCREENSHOTS` when set.
final class ServePagesTests: XCTestCase {
    nonisolated(unsafe) static var server: ServeHarness?

    override class func setUp() {
        super.setUp()
        server = try? ServeHarness()
    }

    override class func tearDown() {
        _ = server?.stop()
        server = nil
        super.tearDown()
    }

    func harness() throws -> ServeHarness {
        guard let s = Self.server else { _ = try ServeHarness(); throw XCTSkip("the server did not start") }
        return s
    }

    /// Every page, with real ids taken from the API.
    func pages(_ s: ServeHarness) async throws -> [(path: String, chart: Bool)] {
        let top = try await s.request("/api/v1/skills?limit=1").object()
        let skill = try XCTUnwrap(((top["items"] as? [[String: Any]])?.first?["concept_id"]) as? String)
        let regions = try await s.request("/api/v1/regions?limit=1").object()
        let region = try XCTUnwrap(((regions["items"] as? [[String: Any]])?.first?["key"]) as? String)
        let drill = try await s.request("/api/v1/postings?skill=" + escape(skill) + "&limit=1").object()
        let posting = try XCTUnwrap(((drill["items"] as? [[String: Any]])?.first?["posting_id"]) as? Int)
        return [("/", true), ("/skills/" + escape(skill), true), ("/regions", false), ("/regions/" + escape(region), true),
                ("/programmes", false), ("/programmes/pr-001", false), ("/emerging", false), ("/search?q=java", false),
                ("/postings/\(posting)", false)]
    }

    func testPagesRenderWithChartsAndAreAccessible() async throws {
        let s = try harness()
        for (path, chart) in try await pages(s) {
            let r = try await s.request(path)
            XCTAssertEqual(r.status, 200, "\(path): \(r.text.prefix(300))")
            XCTAssertEqual(r.header("Content-Type"), "text/html; charset=utf-8", path)
            let html = r.text
            XCTAssertTrue(html.contains("<html lang=\"en\">"), path)
            XCTAssertTrue(html.contains("<h1>"), path)
            XCTAssertTrue(html.contains("href=\"#main\""), "\(path): skip link")
            XCTAssertFalse(html.contains("<script src"), "\(path): no external script")
            XCTAssertFalse(html.contains("http://") && html.contains("<link"), "\(path): no external resource")
            if html.contains("<input") { XCTAssertTrue(html.contains("<label for=\"q\">"), "\(path): the search box has a label") }
            if chart {
                XCTAssertTrue(html.contains("<svg"), "\(path): a chart")
                XCTAssertTrue(html.contains("<rect") || html.contains("<polyline") || html.contains("<path"), "\(path): the chart draws")
            }
        }
        let search = try await s.request("/search?q=java").text
        XCTAssertTrue(search.contains("/skills/"), "search finds a skill")
        let missing = try await s.request("/skills/no-such-skill-anywhere")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.text.contains("<h1>404"), "an error page for people")
        let posting = try await s.request(try await pages(s).last!.path).text
        XCTAssertTrue(posting.contains("<mark"), "the matches are marked")
    }

    /// Headless Chromium loads each page: a screenshot is taken, the DOM after scripts holds the chart, and the
    /// console has no error.
    func testPagesInHeadlessChromium() async throws {
        let s = try harness()
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("SKIP: no Chromium (Debian package chromium); .ci/run installs it")
            throw XCTSkip("no Chromium")
        }
        let shots = ProcessInfo.processInfo.environment["SKILLRADAR_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? s.dir.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        for (i, (path, chart)) in try await pages(s).enumerated() {
            let name = i == 0 ? "home" : path.split(separator: "/").first.map { String($0).replacingOccurrences(of: "?", with: "-") } ?? "page"
            let png = shots.appendingPathComponent("\(name).png")
            try? FileManager.default.removeItem(at: png)
            let shot = try browse(chromium, ["--screenshot=\(png.path)", "--window-size=1200,1600", s.base + path])
            let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 10_000, "\(path): screenshot (\(shot.log.suffix(400)))")
            let errors = shot.log.split(separator: "\n").filter { $0.contains("CONSOLE") && ($0.contains("Error") || $0.contains("Uncaught")) }
            XCTAssertTrue(errors.isEmpty, "\(path): console errors: \(errors)")
            let dom = try browse(chromium, ["--dump-dom", s.base + path])
            XCTAssertTrue(dom.stdout.contains("</main>"), "\(path): rendered")
            if chart { XCTAssertTrue(dom.stdout.contains("<svg"), "\(path): the chart is in the rendered page") }
        }
    }

    func browse(_ chromium: String, _ args: [String]) throws -> (stdout: String, log: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                       "--user-data-dir=\(profile.path)/profile", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000"] + args
        // Output to files: a chatty browser can never block on a full pipe.
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let outURL = profile.appendingPathComponent("out"), errURL = profile.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let o = (try? Data(contentsOf: outURL)) ?? Data(), e = (try? Data(contentsOf: errURL)) ?? Data()
        try? FileManager.default.removeItem(at: profile)
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
