import Foundation
import SkillIO
import XCTest
@testable import SkillIngest

/// XML feeds: RSS, Atom, generic element paths, malformed feeds, and entity attacks.
final class XMLInputTests: XCTestCase {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>Jobs</title>
            <item>
              <title>Rust &amp; Go developer</title>
              <link>https://example.org/jobs/1</link>
              <guid>job-1</guid>
              <description>&lt;p&gt;We use &lt;b&gt;Kubernetes&lt;/b&gt; &amp;amp; Terraform.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;AWS&lt;/li&gt;&lt;/ul&gt;</description>
              <pubDate>Tue, 02 Mar 2021 10:00:00 +0000</pubDate>
              <author>jobs@acme.example (Acme)</author>
              <category>devops</category>
              <category>cloud</category>
            </item>
            <item>
              <title>Data analyst</title>
              <link>https://example.org/jobs/2</link>
              <description><![CDATA[<p>SQL and <i>Power BI</i></p>]]></description>
              <dc:creator>Beta GmbH</dc:creator>
              <pubDate>Wed, 03 Mar 2021 10:00:00 +0000</pubDate>
            </item>
            <item><link>https://example.org/jobs/3</link></item>
          </channel>
        </rss>
        """

    func testRSSItemsBecomeRecordsWithHTMLDescriptionsAsText() throws {
        let dir = try TempDir()
        let r = try readInput(try dir.write("feed.rss", Self.rss), .xml)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.count, 2)
        let a = try XCTUnwrap(r.records.first)
        XCTAssertEqual(a.sourceID, "job-1")
        XCTAssertEqual(a.title, "Rust & Go developer")
        XCTAssertEqual(a.text, "We use Kubernetes & Terraform.\nAWS")
        XCTAssertEqual(a.date, "2021-03-02")
        XCTAssertEqual(a.employer, "jobs@acme.example (Acme)")
        XCTAssertEqual(a.tags, ["devops", "cloud"])
        XCTAssertEqual(a.line, 5)
        let b = r.records[1]
        XCTAssertEqual(b.sourceID, "https://example.org/jobs/2", "without guid the link is the id")
        XCTAssertEqual(b.text, "SQL and Power BI")
        XCTAssertEqual(b.employer, "Beta GmbH")
        XCTAssertEqual(b.line, 15)
        // The item without title or text is quarantined where it starts.
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertEqual(r.quarantined.first?.line, 22)
        XCTAssertTrue(r.quarantined.first?.reason.hasPrefix("no title or text") ?? false)
        // Offsets are the byte offsets of the record's first line.
        let bytes = Array(Self.rss.utf8)
        let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
        XCTAssertEqual(a.offset, lineStarts[4])
        XCTAssertEqual(b.offset, lineStarts[14])
    }

    func testAtomEntriesWithHTMLAndXHTMLContent() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Feed</title>
              <entry>
                <id>urn:1</id>
                <title type="html">C&amp;amp;G: Python developer</title>
                <link rel="self" href="https://example.org/self/1"/>
                <link rel="alternate" href="https://example.org/jobs/1"/>
                <author><name>C&amp;G Partners</name></author>
                <published>2019-05-06T00:00:00Z</published>
                <updated>2019-06-01T00:00:00Z</updated>
                <category term="python"/><category term="django"/>
                <content type="html">&lt;p&gt;Django and&lt;br/&gt;PostgreSQL&lt;/p&gt;</content>
              </entry>
              <entry>
                <link href="https://example.org/jobs/2"/>
                <title>Second</title>
                <updated>2019-07-01T00:00:00Z</updated>
                <summary>Plain summary</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Go</p><p>gRPC</p></div></content>
              </entry>
            </feed>
            """
        let dir = try TempDir()
        let r = try readInput(try dir.write("feed.atom", atom), .xml)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.quarantined.count, 0, "\(r.quarantined)")
        XCTAssertEqual(r.records.count, 2)
        let a = r.records[0]
        XCTAssertEqual(a.sourceID, "urn:1")
        XCTAssertEqual(a.title, "C&G: Python developer")
        XCTAssertEqual(a.employer, "C&G Partners")
        XCTAssertEqual(a.date, "2019-05-06", "published wins over updated")
        XCTAssertEqual(a.tags, ["python", "django"])
        XCTAssertEqual(a.text, "Django and\nPostgreSQL")
        let b = r.records[1]
        XCTAssertEqual(b.sourceID, "https://example.org/jobs/2")
        XCTAssertEqual(b.date, "2019-07-01")
        XCTAssertEqual(b.text, "Go\ngRPC", "content comes before summary; xhtml content is its text")
    }

    func testGenericRecordPathWithFieldPaths() throws {
        let xml = """
            <?xml version="1.0"?>
            <export><meta><count>2</count></meta>
            <jobs>
              <job ref="J1"><head><name>Network admin</name></head><body>Cisco &amp; VLANs</body>
                <where city="Graz"/><when>2020-01-15</when></job>
              <job ref="J2"><head><name>Web designer</name></head><body>Figma</body>
                <where city="Linz"/><when>15.02.2020</when></job>
            </jobs></export>
            """
        let dir = try TempDir()
        var m = FieldMapping()
        m.recordPath = "jobs/job"
        try m.apply(["id=@ref", "title=head/name", "text=body", "region=where/@city", "date=when"])
        let r = try readInput(try dir.write("export.xml", xml), .xml, mapping: m)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.sourceID), ["J1", "J2"])
        XCTAssertEqual(r.records.map(\.title), ["Network admin", "Web designer"])
        XCTAssertEqual(r.records.map(\.text), ["Cisco & VLANs", "Figma"])
        XCTAssertEqual(r.records.map(\.region), ["Graz", "Linz"])
        XCTAssertEqual(r.records.map(\.date), ["2020-01-15", "2020-02-15"])
        XCTAssertEqual(r.records.map(\.line), [4, 6])

        // An absolute path that does not match finds nothing; without a record path the input is one
        // quarantined entry telling the user what to pass.
        m.recordPath = "/jobs/job"
        XCTAssertEqual(try readInput(dir.path("export.xml"), .xml, mapping: m).events.count, 0)
        let none = try readInput(dir.path("export.xml"), .xml)
        XCTAssertEqual(none.records.count, 0)
        XCTAssertEqual(none.quarantined.count, 1)
        XCTAssertTrue(none.quarantined[0].reason.contains("--record-path"), none.quarantined[0].reason)
    }

    func testMalformedRecordIsQuarantinedAndReadingResumesAtTheNextRecord() throws {
        let xml = """
            <rss><channel>
            <item><title>One</title><description>a</description></item>
            <item><title>Two</title><description>b</description></item>
            <item><title>Three &amp; more</title><author>C&G</author><description>c</description></item>
            <item><title>Four</title><description>d</description></item>
            </channel></rss>
            """
        let dir = try TempDir()
        for gz in [false, true] {
            let p = gz ? try dir.gzip("bad.rss", Array(xml.utf8)) : try dir.write("bad.rss", xml)
            let r = try readInput(p, .xml)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.map(\.title), ["One", "Two", "Four"])
            XCTAssertEqual(r.records.map(\.line), [2, 3, 5])
            XCTAssertEqual(r.quarantined.count, 1)
            let q = r.quarantined[0]
            XCTAssertEqual(q.line, 4)
            XCTAssertTrue(q.reason.hasPrefix("malformed XML: "), q.reason)
            // libxml2's column is the column in the file, not in the re-parsed piece.
            XCTAssertTrue(q.reason.contains("(line 4, column 49)"), q.reason)
            XCTAssertTrue(q.reason.contains("record starting on line 4 is skipped"), q.reason)
            XCTAssertTrue(q.excerpt.contains("C&G"), q.excerpt)
            let lineStart = Array(xml.utf8).indices.filter { Array(xml.utf8)[$0] == 0x0A }[2] + 1
            XCTAssertEqual(q.offset, lineStart)
        }
    }

    /// Resynchronisation cases: (name, feed, titles delivered, lines of the quarantined entries, a reason
    /// every quarantined entry contains).
    static let resyncCases: [(name: String, xml: String, titles: [String], quarantined: [Int], reason: String)] = [
        ("one line, RSS 1.0 with prefixed root and default namespace",
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
            + "<item><title>A</title></item><item><title>B&C</title></item><item><title>D</title></item>"
            + "<item><title>E</title></item></rdf:RDF>",
         ["A", "D", "E"], [1], "record starting on line 1 is skipped"),
        ("prefixed Atom entries declared on the root, two broken",
         """
         <?xml version="1.0"?>
         <a:feed xmlns:a="http://www.w3.org/2005/Atom">
         <a:entry><a:title>One</a:title></a:entry>
         <a:entry><a:title>Two <b>bold</a:title></a:entry>
         <a:entry><a:title>Three</a:title></a:entry>
         <a:entry><a:title>Four & five</a:title></a:entry>
         <a:entry><a:title>Six</a:title></a:entry>
         </a:feed>
         """,
         ["One", "Three", "Six"], [4, 6], "reading resumes at the next <a:entry>"),
        ("the first record broken",
         "<rss><channel>\n<item><title>A&</title></item>\n<item><title>B</title></item>\n</channel></rss>\n",
         ["B"], [2], "malformed XML"),
        ("the last record broken and unclosed",
         "<rss><channel>\n<item><title>A</title></item>\n<item><title>B<i></title>\n</channel></rss>\n",
         ["A"], [3], "malformed XML"),
        ("stray text between records",
         "<rss><channel>\n<item><title>A</title></item>\nR&D\n<item><title>B</title></item>\n</channel></rss>\n",
         ["A", "B"], [3], "malformed XML between records"),
    ]

    func testResynchronisationAfterMalformedRecords() throws {
        let dir = try TempDir()
        for (i, c) in Self.resyncCases.enumerated() {
            let r = try readInput(try dir.write("resync\(i).xml", c.xml), .xml)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.map(\.title), c.titles, c.name)
            XCTAssertEqual(r.quarantined.map(\.line), c.quarantined, "\(c.name): \(r.quarantined.map(\.reason))")
            for q in r.quarantined {
                XCTAssertTrue(q.reason.contains(c.reason), "\(c.name): \(q.reason)")
                XCTAssertFalse(q.excerpt.isEmpty, c.name)
            }
        }
    }

    func testResynchronisationKeepsTheEntityRefusalAndIgnoresEntitiesInLaterRecords() throws {
        // A DOCTYPE cannot appear inside a record piece; a reference to an undeclared entity is an error.
        let xml = "<rss><channel>\n<item><title>A&</title></item>\n<item><title>&xxe;B</title></item>\n"
            + "<item><!DOCTYPE x [<!ENTITY e \"boom\">]><title>C</title></item>\n<item><title>D</title></item>\n"
            + "</channel></rss>\n"
        let dir = try TempDir()
        let r = try readInput(try dir.write("ent.xml", xml), .xml)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.title), ["D"])
        XCTAssertEqual(r.quarantined.map(\.line), [2, 3, 4])
        XCTAssertFalse(r.records.contains { $0.text.contains("boom") })
    }

    func testTruncatedGzipFeedSaysItEndsEarly() throws {
        let dir = try TempDir()
        var xml = "<rss><channel>\n"
        for i in 0..<3000 { xml += "<item><title>Job \(i)</title><description>text \(i) \(i * 7919)</description></item>\n" }
        xml += "</channel></rss>\n"
        let gz = try dir.gzip("long.rss", Array(xml.utf8))
        let whole = try Data(contentsOf: URL(fileURLWithPath: gz))
        let cut = try dir.write("cut.rss.gz", Array(whole.prefix(whole.count / 2)))
        let r = try readInput(cut, .xml)
        assertAccounting(r, lineFormat: true)
        XCTAssertGreaterThan(r.records.count, 100)
        XCTAssertLessThan(r.records.count, 3000)
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertTrue(r.quarantined[0].reason.hasPrefix("input ends early"), r.quarantined[0].reason)
        XCTAssertEqual(r.records.map(\.line), Array(2..<(2 + r.records.count)))
    }

    func testOversizedRecordIsQuarantinedAndNeighboursAreRead() throws {
        let dir = try TempDir()
        let big = String(repeating: "word ", count: 300_000)
        let xml = "<rss><channel>\n<item><title>A</title></item>\n<item><title>Big</title><description>\(big)</description></item>\n<item><title>C</title></item>\n</channel></rss>"
        let r = try readInput(try dir.write("big.rss", xml), .xml, maxRecordBytes: 1 << 20)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.title), ["A", "C"])
        XCTAssertEqual(r.quarantined.count, 1)
        XCTAssertEqual(r.quarantined[0].line, 3)
        XCTAssertTrue(r.quarantined[0].reason.contains("over the limit"), r.quarantined[0].reason)
    }

    func testDeclaredAndOverriddenEncodings() throws {
        let dir = try TempDir()
        let latin9: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>\n<rss><channel><item><title>Stra".utf8)
            + [0xDF, 0x65] + Array(" ".utf8) + [0xA4] + Array("</title></item></channel></rss>".utf8)
        var r = try readInput(try dir.write("l9.xml", latin9), .xml)
        XCTAssertEqual(r.records.map(\.title), ["Straße €"])
        // UTF-16 LE with a byte-order mark.
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<feed><entry><title>Zürich 東京</title></entry></feed>"
        let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        r = try readInput(try dir.write("u16.xml", utf16), .xml)
        XCTAssertEqual(r.records.map(\.title), ["Zürich 東京"])
        // No declaration: --encoding says Windows-1252.
        let cp: [UInt8] = Array("<rss><channel><item><title>".utf8) + [0x93, 0x41, 0x94, 0x20, 0x80]
            + Array("</title></item></channel></rss>".utf8)
        var m = FieldMapping()
        try m.setEncoding("cp1252")
        r = try readInput(try dir.write("cp.xml", cp), .xml, mapping: m)
        XCTAssertEqual(r.records.map(\.title), ["\u{201C}A\u{201D} €"])
    }

    // MARK: Entity attacks

    static let attacks: [(name: String, xml: String)] = {
        var lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        lol += " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 {
            lol += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n"
        }
        lol += "]>\n<rss><channel><item><title>&lol9;</title></item></channel></rss>\n"
        let a = String(repeating: "A", count: 50_000)
        let quadratic = "<?xml version=\"1.0\"?>\n<!DOCTYPE kaboom [ <!ENTITY a \"\(a)\"> ]>\n<rss><channel><item><title>"
            + String(repeating: "&a;", count: 50_000) + "</title></item></channel></rss>\n"
        let xxeFile = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <rss><channel><item><title>leak</title><description>&xxe;</description></item></channel></rss>
            """
        let xxeHTTP = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
            <rss><channel><item><title>t</title><description>&send;</description></item></channel></rss>
            """
        let externalDTD = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "file:///etc/passwd">
            <rss><channel><item><title>ok</title><description>&xxe;</description></item></channel></rss>
            """
        return [("billion laughs", lol), ("quadratic blowup", quadratic), ("XXE file", xxeFile),
                ("XXE http parameter entity", xxeHTTP), ("external DTD", externalDTD)]
    }()

    func testEntityAttacksAreRefusedWithoutExpansionOrNetwork() throws {
        let dir = try TempDir()
        for (i, attack) in Self.attacks.enumerated() {
            let r = try readInput(try dir.write("attack\(i).xml", attack.xml), .xml)
            assertAccounting(r, lineFormat: true)
            if attack.name == "external DTD" {
                // Accepted prolog (no internal subset); the DTD is never loaded, so the reference stays an
                // undefined entity (a libxml2 error that does not stop parsing) and expands to nothing.
                XCTAssertEqual(r.quarantined.count, 0, "\(r.quarantined)")
                XCTAssertEqual(r.records.map(\.title), ["ok"])
                XCTAssertEqual(r.records.first?.text, "")
                continue
            }
            XCTAssertEqual(r.records.count, 0, attack.name)
            XCTAssertEqual(r.quarantined.count, 1, attack.name)
            let q = try XCTUnwrap(r.quarantined.first)
            XCTAssertTrue(q.reason.contains("internal subset"), "\(attack.name): \(q.reason)")
            XCTAssertEqual(q.line, 2, attack.name)
            XCTAssertEqual(q.offset, 22, attack.name)
            XCTAssertFalse(q.excerpt.contains("root:"), "\(attack.name): /etc/passwd content leaked")
            XCTAssertFalse(q.reason.contains("root:"), "\(attack.name): /etc/passwd content leaked")
            XCTAssertLessThan(q.excerpt.count + q.reason.count, 1000, attack.name)
        }
    }

    func testPrologGuardFollowsCommentsAndQuotedBrackets() {
        func verdict(_ s: String) -> String? {
            var g = PrologGuard()
            return Array(s.utf8).withUnsafeBytes { g.feed($0) }
        }
        XCTAssertNil(verdict("<?xml version='1.0'?><!-- [ --><!DOCTYPE a SYSTEM \"x[y\"><a>[</a>"))
        XCTAssertNotNil(verdict("<!-- c --><!DOCTYPE a [<!ENTITY e 'x'>]><a/>"))
        XCTAssertNotNil(verdict("<!DOCTYPE a PUBLIC \"p\" 'q' [ ]><a/>"))
        // Split across chunks, and UTF-16 (NUL bytes ignored).
        var g = PrologGuard()
        XCTAssertNil(Array("<!DOC".utf8).withUnsafeBytes { g.feed($0) })
        XCTAssertNotNil(Array("TYPE a [".utf8).withUnsafeBytes { g.feed($0) })
        let u16 = "<!DOCTYPE a [".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var g2 = PrologGuard()
        XCTAssertNotNil(u16.withUnsafeBytes { g2.feed($0) })
    }

    func testEmptyAndJunkXMLAreOneQuarantinedEntry() throws {
        let dir = try TempDir()
        for (name, bytes) in [("empty.xml", [UInt8]()), ("junk.xml", HostileCorpus.junk(count: 4096, seed: 5)),
                              ("text.xml", Array("just some text\n".utf8))] {
            let r = try readInput(try dir.write(name, bytes), .xml)
            assertAccounting(r, lineFormat: true)
            XCTAssertEqual(r.records.count, 0, name)
            XCTAssertEqual(r.quarantined.count, 1, name)
        }
    }

    func testFormatDetection() {
        XCTAssertEqual(InputFormat.detect("a/feed.xml"), .xml)
        XCTAssertEqual(InputFormat.detect("feed.RSS.gz"), .xml)
        XCTAssertEqual(InputFormat.detect("feed.atom"), .xml)
        XCTAssertEqual(InputFormat.detect("page.htm"), .html)
        XCTAssertNil(InputFormat.detect("notes.txt"))
    }
}
