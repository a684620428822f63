import Foundation
import XCTest
@testable import SkillIngest

/// HTML pages: visible text only, a title, entities decoded, no external content.
final class HTMLInputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir = nil }

    func page(_ name: String, _ html: String) throws -> ReadResult {
        let r = try readInput(try dir.write(name, html), .html)
        assertAccounting(r, lineFormat: false)
        XCTAssertEqual(r.events.count, 1, "one event per HTML file")
        return r
    }

    func testVisibleTextOnlyWithTitleAndEntities() throws {
        let r = try page("job.html", """
            <!DOCTYPE html>
            <html><head><title>Senior  Swift &amp; iOS
              Engineer</title>
            <style>body { color: red } .STYLE_TEXT {}</style>
            <script>var secret = "SCRIPT_TEXT";</script>
            <meta name="description" content="META_TEXT"></head>
            <body>
            <h1>Heading One</h1>
            <p>We use Swift &amp; SwiftUI &lt;daily&gt; &eacute;t&eacute; &#x41;&#66; &quot;q&quot;&nbsp;end</p>
            <script type="text/javascript">alert("INLINE_SCRIPT")</script>
            <style>.x { display: none }</style>
            <noscript>NOSCRIPT_TEXT</noscript>
            <template>TEMPLATE_TEXT</template>
            <svg><text>SVG_TEXT</text></svg>
            <!-- COMMENT_TEXT -->
            <ul><li>Kubernetes</li><li>PostgreSQL</li></ul>
            </body></html>
            """)
        let rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.title, "Senior Swift & iOS Engineer")
        XCTAssertEqual(rec.sourceID, "job.html")
        XCTAssertEqual(rec.line, 0)
        XCTAssertNil(rec.date)
        XCTAssertTrue(rec.text.contains("Heading One"), rec.text)
        XCTAssertTrue(rec.text.contains("We use Swift & SwiftUI <daily> été AB \"q\""), rec.text)
        XCTAssertTrue(rec.text.contains("Kubernetes\nPostgreSQL"), rec.text)
        for hidden in ["SCRIPT_TEXT", "INLINE_SCRIPT", "color: red", "STYLE_TEXT", "display: none", "NOSCRIPT_TEXT",
                       "TEMPLATE_TEXT", "SVG_TEXT", "COMMENT_TEXT", "META_TEXT", "Senior"] {
            XCTAssertFalse(rec.text.contains(hidden), "'\(hidden)' must not be visible text: \(rec.text)")
        }
    }

    func testTitleFallsBackToH1() throws {
        let r = try page("noti.html", "<html><body><div><h1>Data &amp; ML\n Engineer</h1><p>Python</p><h1>Second</h1></div></body></html>")
        XCTAssertEqual(r.records.first?.title, "Data & ML Engineer")
        // Source line breaks stay line breaks in the text (the tokenizer treats them as spaces).
        XCTAssertEqual(r.records.first?.text, "Data & ML\nEngineer\nPython\nSecond")
    }

    func testTitleFromHeadWinsOverH1() throws {
        let r = try page("titled.html", """
            <html><head><title>Senior Swift &amp; iOS Engineer</title></head>
            <body><h1>Heading One</h1><p>Swift</p></body></html>
            """)
        XCTAssertEqual(r.records.first?.title, "Senior Swift & iOS Engineer")
        let (title, _) = try HTMLText.extract("<html><head><title>T</title></head><body>x</body></html>".bytes).get()
        XCTAssertEqual(title, "T")
    }

    func testMainOrArticleIsThePageAndNavigationIsSkipped() throws {
        let r = try page("layout.html", """
            <html><head><title>Layout</title></head><body>
            <header>HEADER_TEXT</header><nav>NAV_TEXT</nav>
            <main><h1>Cloud engineer</h1><p>Terraform</p><aside>ASIDE_TEXT</aside>
            <form><button>APPLY_BUTTON</button></form></main>
            <footer>FOOTER_TEXT</footer></body></html>
            """)
        XCTAssertEqual(r.records.first?.title, "Layout")
        XCTAssertEqual(r.records.first?.text, "Cloud engineer\nTerraform")
        let article = try page("article.html", """
            <html><body><nav>NAV_TEXT</nav><div>SIDEBAR</div><article><p>Go developer</p></article>
            <footer>FOOTER_TEXT</footer></body></html>
            """)
        XCTAssertEqual(article.records.first?.text, "Go developer")
        let plain = try page("plain.html", "<html><body><nav>NAV_TEXT</nav><p>Rust</p><footer>FOOTER_TEXT</footer></body></html>")
        XCTAssertEqual(plain.records.first?.text, "Rust")
    }

    func testEmptyTitleFallsBackToH1() throws {
        let r = try page("empty-title.html", "<html><head><title></title></head><body><h1>Real</h1>x</body></html>")
        XCTAssertEqual(r.records.first?.title, "Real")
    }

    /// HTMLText.extract tests `title.isEmpty` before collapsing spaces: a <title> of only white space is
    /// "not empty", so the <h1> fallback is skipped and the record's title ends up "".
    func testWhitespaceOnlyTitleSuppressesTheH1Fallback() throws {
        let r = try page("blank-title.html", "<html><head><title>\n  </title></head><body><h1>Real</h1>x</body></html>")
        XCTAssertEqual(r.records.first?.title, "Real")
    }

    func testPageWithoutVisibleTextIsQuarantined() throws {
        let r = try page("blank.html", "<html><head><script>only()</script></head><body>  <style>p{}</style> </body></html>")
        XCTAssertEqual(r.records.count, 0)
        XCTAssertEqual(r.quarantined.first?.reason, "no JobPosting and no main text")
        XCTAssertEqual(r.quarantined.first?.line, 0)
        XCTAssertTrue(r.quarantined.first?.excerpt.contains("<html>") ?? false)
    }

    func testTagSoupIsRecovered() throws {
        let r = try page("soup.html", "<p>Unclosed <b>bold <i>italic</p><div>Next &bogus; & < > block")
        let rec = try XCTUnwrap(r.records.first)
        XCTAssertTrue(rec.text.contains("Unclosed bold italic"), rec.text)
        XCTAssertTrue(rec.text.contains("Next"), rec.text)
    }

    func testDeeplyNestedDivsDoNotCrash() throws {
        let depth = 10_000
        let html = "<html><head><title>Deep</title></head><body><p>BEFORE_TEXT</p>"
            + String(repeating: "<div>", count: depth) + "DEEP_TEXT"
            + String(repeating: "</div>", count: depth) + "<p>AFTER_TEXT</p></body></html>"
        let r = try page("deep.html", html)
        XCTAssertEqual(r.events.count, 1)
        // Past libxml2's depth limit the page is quarantined with the reason (see
        // testNestingPastLibxmlDepthLimitIsQuarantinedNotSilentlyTruncated), never crashes.
        XCTAssertTrue(r.quarantined.first?.reason.contains("nesting deeper") ?? false, "\(r.events)")
    }

    /// libxml2 (2.9.14, without HTML_PARSE_HUGE, which we never set) stops parsing at nesting depth 256.
    /// Regression: the rest of the page used to vanish silently; now the page is read whole below the limit
    /// and quarantined with the reason at or above it.
    func testNestingPastLibxmlDepthLimitIsQuarantinedNotSilentlyTruncated() throws {
        for depth in [255, 256, 300] {
            let html = "<html><body><p>Intro</p>" + String(repeating: "<div>", count: depth) + "DEEP_TEXT"
                + String(repeating: "</div>", count: depth) + "<p>Skills: Kubernetes</p></body></html>"
            let r = try page("deep-\(depth).html", html)
            if depth < 256 {
                let text = r.records.first?.text ?? ""
                XCTAssertTrue(text.contains("Intro") && text.contains("DEEP_TEXT") && text.contains("Skills: Kubernetes"),
                              "depth \(depth): \(text)")
            } else {
                XCTAssertTrue(r.records.isEmpty, "depth \(depth)")
                XCTAssertTrue(r.quarantined.first?.reason.contains("nesting deeper than libxml2's limit") ?? false,
                              "depth \(depth): \(r.events)")
            }
        }
    }

    func testDeeplyNestedUnclosedTagsDoNotCrash() throws {
        let html = String(repeating: "<span><b><i>", count: 10_000) + "x"
        _ = try page("unclosed.html", html)
    }

    func testExternalEntitiesAndDoctypeDoNotReadLocalFiles() throws {
        let marker = "SECRET_FILE_MARKER_4711"
        let secret = try dir.write("secret.txt", "\(marker)\n")
        let pages = [
            """
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file://\(secret)"><!ENTITY pw SYSTEM "file:///etc/passwd">]>
            <html><body><p>Before &xxe; &pw; after</p></body></html>
            """,
            """
            <!DOCTYPE html SYSTEM "\(secret)"><html><body><p>Doctype page</p></body></html>
            """,
            """
            <!DOCTYPE html PUBLIC "-//X//DTD X//EN" "file:///etc/passwd"><html><body><p>Public id</p></body></html>
            """,
            """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY % ext SYSTEM "file://\(secret)"> %ext;]>
            <html xmlns:xi="http://www.w3.org/2001/XInclude"><body>
            <xi:include href="\(secret)" parse="text"/><iframe src="file://\(secret)"></iframe>
            <object data="/etc/passwd"></object><img src="/etc/passwd"><p>Include page</p></body></html>
            """,
        ]
        for (i, html) in pages.enumerated() {
            let r = try page("xxe-\(i).html", html)
            let all = r.records.map { $0.title + "\n" + $0.text }.joined() + r.quarantined.map(\.excerpt).joined()
            XCTAssertFalse(all.contains(marker), "page \(i) pulled in a local file: \(all)")
            XCTAssertFalse(all.contains("root:x:0:0"), "page \(i) pulled in /etc/passwd: \(all)")
            XCTAssertFalse(all.contains("/bin/"), "page \(i) pulled in /etc/passwd: \(all)")
        }
        let first = try readInput(dir.path("xxe-0.html"), .html)
        XCTAssertTrue(first.records.first?.text.contains("Before") ?? false)
        XCTAssertTrue(first.records.first?.text.contains("after") ?? false)
    }

    func testOversizedPageIsQuarantined() throws {
        let html = "<html><body><p>" + String(repeating: "word ", count: 1_000) + "</p></body></html>"
        let path = try dir.write("big.html", html)
        let r = try readInput(path, .html, maxRecordBytes: 1_000)
        assertAccounting(r, lineFormat: false)
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertEqual(r.quarantined.first?.reason, "page of \(html.utf8.count) bytes is over the 1000-byte limit")
    }

    func testGzippedHTML() throws {
        let path = try dir.gzip("page.html", "<html><body><h1>Zipped page</h1>Go</body></html>".bytes)
        let r = try readInput(path, .html)
        XCTAssertEqual(r.records.first?.title, "Zipped page")
        XCTAssertEqual(r.records.first?.text, "Zipped page\nGo")
        XCTAssertEqual(r.records.first?.sourceID, "page.html.gz")
    }

    func testExtractDirectly() throws {
        let (title, text) = try HTMLText.extract("<body><h1>T</h1><p>a&nbsp;&nbsp;b</p><p>c</p></body>".bytes).get()
        XCTAssertEqual(title, "T")
        XCTAssertEqual(text, "T\na b\nc")
    }
}

/// The white-space collapsing loop against a naive reference, on seeded random bytes.
final class CollapseTests: XCTestCase {
    static func naive(_ b: [UInt8], keepLines: Bool) -> String {
        var out: [UInt8] = []
        var run: [UInt8] = [] // white space seen since the last kept byte
        var i = 0
        while i < b.count {
            let c = b[i]
            let isSpace = [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B].contains(c)
            let isNBSP = c == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0
            if isSpace || isNBSP {
                run.append(c)
                i += isNBSP ? 2 : 1
                continue
            }
            if !run.isEmpty && !out.isEmpty { out.append(keepLines && run.contains(0x0A) ? 0x0A : 0x20) }
            run = []
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testCollapseMatchesTheNaiveReference() {
        var rng = SeededBytes(seed: 99)
        let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0x01, 0xC2, 0xA0, 0x61, 0x62, 0xC3, 0xA9, 0x2E]
        for round in 0..<2000 {
            let n = Int(rng.next() % 40)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            for keep in [false, true] {
                XCTAssertEqual(HTMLText.collapse(bytes, keepLines: keep), Self.naive(bytes, keepLines: keep),
                               "round \(round) keepLines \(keep): \(bytes)")
            }
        }
        XCTAssertEqual(HTMLText.collapse(Array("  a \n\n b\u{A0}c  ".utf8), keepLines: true), "a\nb c")
    }

    func testTrimmedKeepsItsContract() {
        for (s, t) in [("abc", "abc"), (" abc\n", "abc"), ("\u{A0}x\u{3000}", "x"), ("é", "é"), ("", ""),
                       ("a b", "a b"), ("\t\t", "")] {
            XCTAssertEqual(trimmed(s), t)
        }
    }
}

/// The simple-fragment fast path gives exactly libxml2's text whenever it accepts a fragment.
final class SimpleFragmentTests: XCTestCase {
    /// libxml2's answer (the path the fast path replaces).
    static func reference(_ s: String) -> String? { HTMLText.libxml2FragmentText(s) }

    static let table: [(fragment: String, accepted: Bool)] = [
        ("<p>We build <b>data</b> tools.</p><ul><li>Python</li><li>SQL &amp; dbt</li></ul>", true),
        ("plain &lt;text&gt; &quot;quoted&quot; it&#39;s&nbsp;here", true),
        ("<p>one</p>\n  <p>two<br>three<br/>four</p>", true),
        ("<ul>\n <li><p>a</p><ul><li>nested</li></ul></li>\n</ul>", true),
        ("<b>x</b> <i>y</i>", false),          // blank between inline pieces: refused
        ("<p class=\"x\">a</p>", false),        // attribute
        ("<p>a<ul><li>b</li></ul></p>", false), // list inside p (libxml2 closes the p)
        ("<li>a</li>", false),                  // li outside a list
        ("<p>unclosed", false),
        ("a &copy; b", false),
        ("a\rb", false),
        ("<ul>text</ul>", false),
        ("<P>upper</P>", false),
        ("<div>x</div>", false),
        ("a < b", false),
    ]

    func testTableAgainstLibxml2() {
        for (fragment, accepted) in Self.table {
            let fast = HTMLText.simpleFragmentText(fragment)
            XCTAssertEqual(fast != nil, accepted, fragment)
            if let fast { XCTAssertEqual(fast, Self.reference(fragment), fragment) }
            // plainText uses the fast path or libxml2 for markup; text without `<` or `&` is only trimmed.
            if fragment.contains("<") || fragment.contains("&") {
                XCTAssertEqual(HTMLText.plainText(fragment, inline: false), Self.reference(fragment), fragment)
            }
        }
    }

    func testSeededRandomFragmentsAgreeWithLibxml2() {
        var rng = SeededBytes(seed: 2024)
        let pieces = ["<p>", "</p>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<br>", "<br/>", "<b>", "</b>",
                      "<i>", "</i>", "<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", " ", "  ", "\n",
                      "\t", "word", "Zürich", "東京", "&amp;", "&lt;", "&nbsp;", "&#39;", "&quot;", "x y", ".", "\u{A0}"]
        var accepted = 0
        for round in 0..<6000 {
            // Half the rounds: well-nested fragments from a small grammar, so many are accepted.
            var s = ""
            if round % 2 == 0 {
                func text() -> String { (0..<Int(rng.next() % 4)).map { _ in pieces[20 + Int(rng.next() % 15)] }.joined() }
                func inline(_ d: Int) -> String {
                    let tags = ["b", "i", "em", "strong", "code"]
                    return (0..<Int(rng.next() % 3)).map { _ in
                        switch rng.next() % 4 {
                        case 0 where d < 3: let t = tags[Int(rng.next() % 5)]; return "<\(t)>" + inline(d + 1) + "</\(t)>"
                        case 1: return rng.next() % 2 == 0 ? "<br>" : "<br/>"
                        default: return text()
                        }
                    }.joined()
                }
                func block(_ d: Int) -> String {
                    (0..<Int(rng.next() % 4)).map { _ in
                        switch rng.next() % 4 {
                        case 0: return "<p>" + inline(0) + "</p>" + text()
                        case 1 where d < 3:
                            let l = rng.next() % 2 == 0 ? "ul" : "ol"
                            return "<\(l)>" + (0..<Int(rng.next() % 3)).map { _ in
                                (rng.next() % 2 == 0 ? " " : "") + "<li>" + (rng.next() % 2 == 0 ? inline(0) : block(d + 1)) + "</li>"
                            }.joined() + "</\(l)>"
                        default: return inline(0)
                        }
                    }.joined()
                }
                s = block(0)
            } else {
                s = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            }
            if let fast = HTMLText.simpleFragmentText(s) {
                accepted += 1
                XCTAssertEqual(fast, Self.reference(s), "round \(round): \(s.debugDescription)")
            }
        }
        XCTAssertGreaterThan(accepted, 1500, "the grammar half is mostly accepted")
    }
}
