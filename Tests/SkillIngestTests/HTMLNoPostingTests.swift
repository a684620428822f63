import CLibXML2
import Foundation
import XCTest
@testable import SkillIngest

/// HTML pages without a schema.org JobPosting: kept when they have main text, else quarantined with
/// "no JobPosting and no main text" (issue 14: such pages used to be stored as postings named after their
/// file, with only a title or nothing but boilerplate).
final class HTMLNoPostingTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir = nil }

    static let reason = "no JobPosting and no main text"

    /// The site around a page: head with a title, banner, navigation, footer.
    static func site(title: String = "Careers at Example", head: String = "", _ content: String) -> String {
        """
        <!DOCTYPE html><html><head><title>\(title)</title>\(head)
        <script>var tracking = "SCRIPT_TEXT";</script><style>body { margin: 0 }</style></head>
        <body><header><div class="logo">Example Corp</div><p>Jobs for the global Python community</p></header>
        <nav><a href="/">Home</a> <a href="/jobs">All jobs</a> <a href="/about">About us</a></nav>
        \(content)
        <aside>Related: Senior Go developer</aside>
        <footer>© 2024 Example Corp · Imprint · Privacy policy</footer></body></html>
        """
    }

    func read(_ name: String, _ html: String, mapping: FieldMapping = FieldMapping()) throws -> ReadResult {
        let r = try readInput(try dir.write(name, html), .html, mapping: mapping)
        assertAccounting(r, lineFormat: false)
        XCTAssertEqual(r.events.count, 1, "one event per page: \(name)")
        return r
    }

    /// (name, page) of pages that are not postings: nothing, white space, or only a title, site headers,
    /// navigation and footers around an empty body.
    static let notPostings: [(String, String)] = [
        ("empty.html", ""),
        ("blank.html", " \n\t \n"),
        ("d.html", "<html><head><title>d.html</title></head><body></body></html>"),
        ("title-only.html", "<html><head><title>Python developer</title></head><body>  \u{A0}\u{200B} </body></html>"),
        ("boilerplate.html", site("")),
        ("empty-main.html", site("<main>\n  <div class=\"spacer\"> </div>\n</main>")),
        ("empty-article.html", site("<div>Sidebar text outside the article</div><article><p> </p></article>")),
        ("heading-only.html", site("<main><h1>Python developer</h1></main>")),
        ("form-only.html", site("<main><form><label>Search jobs</label><button>Go</button></form></main>")),
        ("script-only.html", site("<main><script>document.write('Python developer')</script><noscript>Enable JS</noscript></main>")),
    ]

    func testPagesWithoutPostingOrMainTextAreQuarantined() throws {
        for (name, html) in Self.notPostings {
            let r = try read(name, html)
            XCTAssertEqual(r.records.count, 0, "\(name) must not become a posting: \(r.records)")
            let q = try XCTUnwrap(r.quarantined.first, name)
            XCTAssertEqual(q.reason, Self.reason, name)
            XCTAssertEqual(q.sourcePath, dir.path(name), name)
            XCTAssertEqual(q.line, 0, "a page is one whole-file record: \(name)")
            XCTAssertEqual(q.offset, 0, name)
            if !html.isEmpty { XCTAssertFalse(q.excerpt.isEmpty, "the excerpt shows the page: \(name)") }
        }
    }

    func testPageWithJobPostingIsKeptWithoutMainText() throws {
        // JSON-LD: the posting's own description; the page around it has no main text.
        let jsonLD = #"{"@context":"https://schema.org","@type":"JobPosting","title":"Data engineer","#
            + #""description":"<p>Spark and Airflow</p>","datePosted":"2024-03-01"}"#
        var r = try read("jsonld.html", Self.site(head: #"<script type="application/ld+json">"# + jsonLD + "</script>",
                                                  "<main></main>"))
        var rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.title, "Data engineer")
        XCTAssertEqual(rec.text, "Spark and Airflow")
        XCTAssertEqual(rec.date, "2024-03-01")
        // A JobPosting with a title only is still a posting (the page's structured data says so).
        let titleOnly = #"{"@type":"JobPosting","title":"Site reliability engineer"}"#
        r = try read("jsonld-title.html", Self.site(head: #"<script type="application/ld+json">"# + titleOnly + "</script>", ""))
        XCTAssertEqual(r.records.first?.title, "Site reliability engineer")
        // Microdata, with the posting in a heading only.
        r = try read("microdata.html", Self.site("""
            <main><div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Network technician</h1>
            </div></main>
            """))
        rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.title, "Network technician")
        // A JobPosting with nothing in it on a page with no text at all: the old reason still applies.
        r = try read("jsonld-empty.html", #"<html><head><script type="application/ld+json">{"@type":"JobPosting"}</script></head><body></body></html>"#)
        XCTAssertEqual(r.quarantined.first?.reason, "no visible text in HTML page")
    }

    func testPageWithMainTextAndNoJobPostingIsKept() throws {
        let r = try read("advert.html", Self.site(title: "Backend developer", """
            <main><h1>Backend developer</h1><p>We build payment APIs in Python and PostgreSQL.</p>
            <ul><li>Django</li><li>Docker</li></ul></main>
            """))
        let rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.title, "Backend developer")
        XCTAssertEqual(rec.text, "Backend developer\nWe build payment APIs in Python and PostgreSQL.\nDjango\nDocker")
        XCTAssertEqual(rec.sourceID, "advert.html")
        // One word of body text is main text, in any script (even a symbol: a price); so is text directly in
        // the body.
        for (name, html) in [("one-word.html", Self.site("<main><p>Rust</p></main>")),
                             ("cjk.html", Self.site("<article><p>招聘</p></article>")),
                             ("digits.html", Self.site("<main><p>2024</p></main>")),
                             ("symbols.html", Self.site("<main><p>€ –</p></main>")),
                             ("bare.html", "<html><body>Python developer wanted</body></html>"),
                             ("h2.html", Self.site("<main><h2>Go developer</h2></main>"))] {
            XCTAssertEqual(try read(name, html).records.count, 1, name)
        }
    }

    /// `--map title=…` or `--map text=…` says the user decides what a record is: such pages are kept as before
    /// (title and visible text). Other mapped fields do not change the rule.
    func testExplicitTitleOrTextMappingKeepsThePage() throws {
        let page = Self.site("<main></main>")
        for (overrides, kept) in [(["title=name"], true), (["text=body"], true), (["date=posted"], false),
                                  ([String](), false)] {
            var mapping = FieldMapping()
            try mapping.apply(overrides)
            XCTAssertEqual(mapping.mapsContentExplicitly, kept, "\(overrides)")
            let r = try read("mapped-\(overrides.first ?? "none").html", page, mapping: mapping)
            XCTAssertEqual(r.records.count, kept ? 1 : 0, "\(overrides)")
            if kept { // as before the rule: the title, and no text (the empty <main> is the page's content)
                XCTAssertEqual(r.records.first?.title, "Careers at Example")
                XCTAssertEqual(r.records.first?.text, "")
            } else {
                XCTAssertEqual(r.quarantined.first?.reason, Self.reason, "\(overrides)")
            }
        }
        // Even mapped, a page with no visible text at all is still quarantined.
        var mapping = FieldMapping()
        try mapping.apply(["title=name"])
        XCTAssertEqual(try read("mapped-empty.html", "", mapping: mapping).quarantined.first?.reason,
                       "no visible text in HTML page")
    }

    func testContainsVisibleCharacter() {
        for (s, expected) in [("", false), ("  \n\t\r", false), ("\u{A0}\u{3000}", false), ("\u{200B}\u{FEFF}", false),
                              ("\u{7F}\u{1}", false), ("a", true), ("7", true), ("é", true), ("招", true), ("€", true),
                              (" -", true), ("😀", true), ("\u{A0}x", true)] {
            XCTAssertEqual(HTMLText.containsVisibleCharacter(Array(s.utf8)), expected, s.debugDescription)
        }
    }

    /// The shared pythonjobs pages (real adverts, no structured data): every one has main text, so none is
    /// quarantined by this rule (RealDataTests checks that all 220 are records).
    func testSharedPythonjobsPagesHaveMainText() throws {
        let folder = try SharedData.path("postings/pythonjobs/html_pages")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".html") }
        XCTAssertEqual(files.count, 220)
        for f in files {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/" + f)))
            guard case .success(let doc) = HTMLText.parse(bytes, encoding: "UTF-8") else {
                XCTFail("\(f) does not parse")
                continue
            }
            XCTAssertTrue(HTMLText.hasMainText(doc), f)
            xmlFreeDoc(doc)
        }
    }
}
