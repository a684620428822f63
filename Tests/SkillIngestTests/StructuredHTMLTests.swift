import Foundation
import SkillIO
import XCTest
@testable import SkillIngest

/// schema.org JobPosting in HTML pages (JSON-LD, microdata) and page encodings.
final class StructuredHTMLTests: XCTestCase {
    func page(head: String = "", body: String) -> String {
        "<!DOCTYPE html><html><head><title>Site title</title>\(head)</head><body><nav>Menu</nav>\(body)</body></html>"
    }

    /// (name, JSON-LD, expected title, text, date, region, employer, id)
    static let jsonLDCases: [(String, String, String, String, String?, String?, String?, String?)] = [
        ("plain object",
         #"{"@context":"https://schema.org","@type":"JobPosting","title":"Cloud engineer","description":"<p>AWS &amp; <b>Terraform</b></p>","datePosted":"2024-02-03","jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Lyon","addressRegion":"ARA","addressCountry":"FR"}},"hiringOrganization":{"@type":"Organization","name":"Nuage SA"},"identifier":{"@type":"PropertyValue","name":"Nuage","value":"N-17"}}"#,
         "Cloud engineer", "AWS & Terraform", "2024-02-03", "Lyon, ARA, FR", "Nuage SA", "N-17"),
        ("@graph",
         #"{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"x"},{"@type":["JobPosting"],"title":"Data engineer","description":"Spark","datePosted":"2023-11-30T08:00:00+01:00","jobLocation":[{"address":{"addressRegion":"Bavaria","addressCountry":{"@type":"Country","name":"DE"}}}],"hiringOrganization":"Daten AG"}]}"#,
         "Data engineer", "Spark", "2023-11-30", "Bavaria, DE", "Daten AG", nil),
        ("array",
         #"[{"@type":"Organization","name":"Other"},{"@type":"JobPosting","title":"Tester","description":"Selenium \u00e9t\u00e9 \ud83d\ude00","jobLocation":{"address":{"addressCountry":"AT"}},"identifier":"T-1"}]"#,
         "Tester", "Selenium été 😀", nil, "AT", nil, "T-1"),
    ]

    func testJSONLDJobPostingFields() throws {
        let dir = try TempDir()
        for (i, c) in Self.jsonLDCases.enumerated() {
            let html = page(head: #"<script type="application/ld+json">"# + c.1 + "</script>",
                            body: "<main><h1>Visible</h1><p>visible text</p></main>")
            let r = try readInput(try dir.write("p\(i).html", html), .html)
            assertAccounting(r, lineFormat: false)
            let rec = try XCTUnwrap(r.records.first, c.0)
            XCTAssertEqual(rec.title, c.2, c.0)
            XCTAssertEqual(rec.text, c.3, c.0)
            XCTAssertEqual(rec.date, c.4, c.0)
            XCTAssertEqual(rec.region, c.5, c.0)
            XCTAssertEqual(rec.employer, c.6, c.0)
            XCTAssertEqual(rec.sourceID, c.7 ?? "p\(i).html", c.0)
        }
    }

    func testBrokenJSONLDFallsBackToTheNextBlockAndToVisibleText() throws {
        let dir = try TempDir()
        let html = page(head: #"<script type="application/ld+json">{"@type":"JobPosting","title":</script>"#
                            + #"<script type="application/ld+json">{"@type":"JobPosting","title":"Second block"}</script>"#,
                        body: "<main><p>Body text</p></main>")
        var r = try readInput(try dir.write("two.html", html), .html)
        XCTAssertEqual(r.records.first?.title, "Second block")
        XCTAssertEqual(r.records.first?.text, "Body text", "no description: the visible text")
        let broken = page(head: #"<script type="application/ld+json">{"@type":"JobPosting",</script>"#,
                          body: "<main><p>Only visible</p></main>")
        r = try readInput(try dir.write("broken.html", broken), .html)
        XCTAssertEqual(r.records.first?.title, "Site title")
        XCTAssertEqual(r.records.first?.text, "Only visible")
        // An invalid datePosted quarantines the page with the reason, like an invalid date anywhere.
        let badDate = page(head: #"<script type="application/ld+json">{"@type":"JobPosting","title":"T","datePosted":"2023-02-30"}</script>"#,
                           body: "<p>x</p>")
        r = try readInput(try dir.write("bad.html", badDate), .html)
        XCTAssertEqual(r.records.count, 0)
        XCTAssertTrue(r.quarantined.first?.reason.contains("invalid datePosted '2023-02-30'") ?? false)
    }

    func testMicrodataJobPosting() throws {
        let body = """
            <div itemscope itemtype="https://schema.org/JobPosting">
              <h2 itemprop="title">Network <b>technician</b></h2>
              <meta itemprop="datePosted" content="2022-06-01">
              <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
                <span itemprop="name">NetCo</span></div>
              <div itemprop="jobLocation" itemscope itemtype="https://schema.org/Place">
                <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
                  <span itemprop="addressLocality">Kraków</span></div></div>
              <div itemprop="description"><p>Cisco and Juniper</p></div>
            </div>
            """
        let dir = try TempDir()
        let r = try readInput(try dir.write("md.html", page(body: body)), .html)
        let rec = try XCTUnwrap(r.records.first)
        XCTAssertEqual(rec.title, "Network technician")
        XCTAssertEqual(rec.date, "2022-06-01")
        XCTAssertEqual(rec.employer, "NetCo")
        XCTAssertEqual(rec.region, "Kraków")
        XCTAssertEqual(rec.text, "Cisco and Juniper")
    }

    func testPageEncodings() throws {
        let dir = try TempDir()
        func body(_ s: String) -> [UInt8] { Array(s.utf8) }
        // <meta charset> Latin-1 (read as Windows-1252, as browsers do): é = E9, “ = 93.
        let latin = body("<html><head><meta charset=\"iso-8859-1\"><title>Caf") + [0xE9]
            + body("</title></head><body><p>") + [0x93] + body("Zitat") + [0x94] + body("</p></body></html>")
        var r = try readInput(try dir.write("latin.html", latin), .html)
        XCTAssertEqual(r.records.first?.title, "Café")
        XCTAssertEqual(r.records.first?.text, "\u{201C}Zitat\u{201D}")
        // http-equiv form, ISO-8859-15: A4 = €.
        let l9 = body("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
                      + "<title>Preis</title></head><body><p>10 ") + [0xA4] + body("</p></body></html>")
        r = try readInput(try dir.write("l9.html", l9), .html)
        XCTAssertEqual(r.records.first?.text, "10 €")
        // No declaration: UTF-8.
        r = try readInput(try dir.write("u8.html", "<html><body><p>Zürich</p></body></html>"), .html)
        XCTAssertEqual(r.records.first?.text, "Zürich")
        // UTF-16 BE with a byte-order mark.
        let u16: [UInt8] = [0xFE, 0xFF] + "<html><body><p>東京 Zürich</p></body></html>".utf16.flatMap {
            [UInt8($0 >> 8), UInt8($0 & 0xFF)]
        }
        r = try readInput(try dir.write("u16.html", u16), .html)
        XCTAssertEqual(r.records.first?.text, "東京 Zürich")
        // --encoding overrides a missing declaration.
        var m = FieldMapping()
        try m.setEncoding("windows-1252")
        r = try readInput(try dir.write("cp.html", body("<html><body><p>") + [0x80, 0x20, 0x96]
                                                    + body("</p></body></html>")), .html, mapping: m)
        XCTAssertEqual(r.records.first?.text, "€ –")
    }

    func testMetaCharsetSniffing() {
        XCTAssertEqual(HTMLText.metaCharset(Array(#"<meta charset="UTF-8">"#.utf8)), "utf-8")
        XCTAssertEqual(HTMLText.metaCharset(Array("<meta charset=windows-1252/>".utf8)), "windows-1252")
        XCTAssertEqual(HTMLText.metaCharset(Array("<META content='text/html; Charset = latin1'>".utf8)), "latin1")
        XCTAssertNil(HTMLText.metaCharset(Array("<p>no charset here</p>".utf8)))
    }
}

/// The nested JSON value parser used for JSON-LD.
final class JSONValueTests: XCTestCase {
    func testParsesNestedValues() throws {
        let v = try JSONValue.parse(Array(#" {"a":[1,-2.5e3,true,null,{"b":"x\ny"}],"c":{},"d":[]} "#.utf8))
        XCTAssertEqual(v["a"], .array([.number("1"), .number("-2.5e3"), .bool(true), .null,
                                       .object([("b", .string("x\ny"))])]))
        XCTAssertEqual(v["c"], .object([]))
        XCTAssertEqual(v["d"], .array([]))
        XCTAssertNil(v["missing"])
    }

    func testAgreesWithJSONSerializationOnValidityForATable() {
        let texts = [#"{"a":1}"#, "[1,2]", #""s""#, "1", "true", "null", "{", #"{"a":}"#, "01", "1.", ".5",
                     #""\u12""#, #""\ud800""#, "[1 2]", #"{"a" 1}"#, "tru", "-", "1e", #""\x""#, "[[]]", #"{"a":{"b":[{}]}}"#,
                     "\"a\u{01}\"", " [ ] ", "{}x"]
        for t in texts {
            let ours = (try? JSONValue.parse(Array(t.utf8))) != nil
            let foundation = (try? JSONSerialization.jsonObject(with: Data(t.utf8), options: [.fragmentsAllowed])) != nil
            XCTAssertEqual(ours, foundation, t)
        }
        // Foundation accepts a trailing comma; RFC 8259 (and this parser) does not.
        XCTAssertThrowsError(try JSONValue.parse(Array("[1,]".utf8)))
    }

    func testDepthIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSONValue.parse(Array(deep.utf8)))
        let ok = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        XCTAssertNoThrow(try JSONValue.parse(Array(ok.utf8)))
    }
}
