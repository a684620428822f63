// fuzz-modules: SkillIngest
// fuzz-seeds: file:../shared/data/postings/pythonjobs/atom_feed_snapshots/*.xml file:../shared/data/training_supply/wdb_brandenburg_deftis_xml/*.xml
// XML feeds (RSS, Atom, DEFTIS, generic record paths) through `InputReader.read(_:format: .xml)` on the input
// written to a scratch file (libxml2's `xmlTextReader` fed from a `ByteSource`).
//
// Invariants: no crash, leak or hang (entity bombs included); the reader never throws for content; events
// in line order; records have an id and a title or text, a one-line title, dates only as `YYYY-MM-DD`;
// nothing from outside the input reaches a record: a canary file that hostile seeds name as an external
// entity or DTD, and a canary string that only entity expansion could assemble, never appear in an event.
import Foundation
import SkillIngest

private let canary = "CANARY-7f3a"
private let canaryPath = "/tmp/skillradar-fuzz-canary.txt"
private let canaryReady: Bool = {
    FileManager.default.createFile(atPath: canaryPath, contents: Data("<x>\(canary)</x>\n".utf8))
}()

private func oneLine(_ s: String) -> Bool {
    let b = Array(s.utf8)
    return !b.contains(0x0A) && !b.contains(0x0D) && !b.contains(0x09) && b.first != 0x20 && b.last != 0x20
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = canaryReady
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let literalCanary = String(decoding: bytes, as: UTF8.self).contains(canary)
    let path = ScratchFile.write(bytes, name: "feed.xml")
    var mapping = FieldMapping()
    if size % 3 == 0 { mapping.recordPath = "item" }
    if size % 3 == 1 { mapping.recordPath = "/root/rec" }
    var events: [IngestEvent] = []
    do {
        try InputReader(mapping: mapping, maxRecordBytes: size % 5 == 0 ? 64 : 8 << 20)
            .read(path, format: .xml, fileDigest: String(repeating: "0", count: 64)) { events.append($0) }
    } catch {
        require(false, "InputReader threw for XML content: \(error)")
    }
    var lastLine = 0
    for e in events {
        switch e {
        case .record(let r):
            require(r.line >= lastLine, "record at line \(r.line) after line \(lastLine)")
            lastLine = r.line
            require(r.sourceID != nil && !(r.title.isEmpty && r.text.isEmpty), "record without id or text: \(r)")
            require(skipKnownIssues && r.title.utf8.contains(0x0D) || oneLine(r.title), "title is not one line: \(r.title.debugDescription)")
            if let d = r.date { require(d.utf8.count == 10, "date \(d.debugDescription) is not YYYY-MM-DD") }
            if !literalCanary {
                let all = [r.title, r.text, r.sourceID ?? "", r.region ?? "", r.employer ?? ""] + r.tags
                require(!all.contains { $0.contains(canary) }, "text from outside the input (entity or external file) in \(r)")
            }
        case .quarantined(let q):
            require(q.line >= lastLine, "quarantined at line \(q.line) after line \(lastLine)")
            lastLine = q.line
            require(!q.reason.isEmpty, "quarantined without a reason")
            require(literalCanary || !q.excerpt.contains(canary), "text from outside the input in an excerpt: \(q)")
        }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let docs = [
        """
        <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Jobs</title><item><title>Python &amp; Go dev</title><description>&lt;p&gt;Django &lt;b&gt;REST&lt;/b&gt;&lt;/p&gt;</description><pubDate>Mon, 04 Mar 2021 10:00:00 +0000</pubDate><guid>g1</guid><category>python</category></item><item><title>Bad date</title><pubDate>2021-02-30</pubDate></item></channel></rss>
        """,
        """
        <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>tag:a,2021:1</id><title type="html">SRE &lt;i&gt;Berlin&lt;/i&gt;</title><updated>2021-03-04T10:00:00Z</updated><link rel="alternate" href="https://x/1"/><link rel="self" href="https://x/self"/><content type="html">&lt;ul&gt;&lt;li&gt;Linux&lt;/li&gt;&lt;/ul&gt;</content><author><name>Acme</name></author><category term="ops"/></entry></feed>
        """,
        """
        <?xml version="1.0" encoding="ISO-8859-15"?><DEFTISCAT><SUPPLIER><CSS_ID>7</CSS_ID><CSS_NAME>Schule</CSS_NAME></SUPPLIER><COURSE><CS_SUPPLIERID>7</CS_SUPPLIERID><CS_TITLE>Fachinformatiker</CS_TITLE><CS_DESC>Netzwerke</CS_DESC></COURSE></DEFTISCAT>
        """,
        "<root><rec><title>generic</title><text>record path</text><date>04.03.2021</date></rec><rec/></root>",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"CANARY-\"><!ENTITY b \"7f3a\">]><rss><channel><item><title>&a;&b;</title></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(canaryPath)\">]><rss><channel><item><title>t &x;</title></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"\(canaryPath)\"><rss><channel><item><title>t</title><description>&x;</description></item></channel></rss>",
        "<!DOCTYPE lolz [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\"><!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">]><rss><channel><item><title>&l3;</title></item></channel></rss>",
        "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><item><title><xi:include href=\"\(canaryPath)\" parse=\"text\"/></title></item></channel></rss>",
        "<rss><channel><item><title>unclosed</title><item><title>nested</title></item>",
        String(repeating: "<a>", count: 400) + "<item><title>deep</title></item>",
    ]
    return HostileSeeds.all + docs.enumerated().map { ("xml-\($0.offset)", Array($0.element.utf8)) }
        + [("latin9", Array("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss><channel><item><title>".utf8) + [0xA4, 0xE9, 0xBD]
                + Array("</title></item></channel></rss>".utf8)),
           ("utf16", [0xFF, 0xFE] + Array("<rss><channel><item><title>x</title></item></channel></rss>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })]
}
