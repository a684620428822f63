// fuzz-modules: SkillIngest
// fuzz-seeds: file:../shared/data/postings/pythonjobs/html_pages/*.html
// HTML pages: `HTMLText.extract` and `HTMLText.plainText` on the bytes, and `InputReader.read(_:format:
// .html)` on the input written to a scratch file (charset sniffing, schema.org JobPosting JSON-LD and
// microdata, libxml2's HTML parser with `HTML_PARSE_NONET`).
//
// Invariants: no crash, leak or hang; the reader never throws for content and delivers exactly one event
// per page; a record has an id and a title or text, and a date only as `YYYY-MM-DD`; the extracted title
// is one line with single spaces; the extracted text has no empty line and no line with leading or
// trailing white space; `plainText(_, inline: true)` is one line.
import Foundation
import SkillIngest

// Checked on bytes: a Swift `Character` comparison misses `\r\n`, which is one grapheme.
private func oneLine(_ s: String) -> Bool {
    let b = Array(s.utf8)
    return !b.contains(0x0A) && !b.contains(0x0D) && !b.contains(0x09) && b.first != 0x20 && b.last != 0x20
        && !zip(b, b.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // crashes/html_reader--crlf-*: a `\r` (raw or as `&#13;`) before `\n` survives as part of one grapheme.
    let knownCR = { (s: String) in skipKnownIssues && s.utf8.contains(0x0D) }
    if case .success(let page) = HTMLText.extract(bytes), !knownCR(page.title + page.text) {
        require(oneLine(page.title), "extracted title is not one tidy line: \(page.title.debugDescription)")
        for line in Array(page.text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) where !page.text.isEmpty {
            require(!line.isEmpty && line.first != 0x20 && line.last != 0x20 && !line.contains(0x0D),
                    "extracted text has an empty or untrimmed line \(String(decoding: line, as: UTF8.self).debugDescription)")
        }
    }
    let s = String(decoding: bytes, as: UTF8.self)
    let inline = HTMLText.plainText(s, inline: true)
    require(knownCR(inline) || !inline.utf8.contains(0x0A) && !inline.utf8.contains(0x0D), "plainText(inline: true) has a line break: \(inline.debugDescription)")
    _ = HTMLText.plainText(s, inline: false)

    let path = ScratchFile.write(bytes, name: "page.html")
    var events: [IngestEvent] = []
    do {
        try InputReader().read(path, format: .html, fileDigest: String(repeating: "0", count: 64)) { events.append($0) }
    } catch {
        require(false, "InputReader threw for HTML content: \(error)")
    }
    require(events.count == 1, "\(events.count) events for one page")
    if case .record(let r) = events.first {
        require(r.sourceID != nil && !(r.title.isEmpty && r.text.isEmpty), "record without id or text: \(r)")
        if let d = r.date { require(d.utf8.count == 10, "date \(d.debugDescription) is not YYYY-MM-DD") }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let pages = [
        "<html><head><title>Data Engineer</title><script>var x = '<p>';</script></head><body><nav>menu</nav><main><h1>Job</h1><p>Python &amp; SQL</p><ul><li>Spark</li></ul></main><footer>f</footer></body></html>",
        "<meta charset=\"iso-8859-1\"><title>Caf\u{E9}</title><p>\u{E9}t\u{E9}</p>",
        """
        <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":["Thing","JobPosting"],"title":"Backend &lt;b&gt;Dev&lt;/b&gt;","description":"<p>Go and <b>Kubernetes</b></p>","datePosted":"2021-03-04","hiringOrganization":{"name":"Acme"},"jobLocation":{"address":{"addressLocality":"Berlin"}},"identifier":{"value":"j-1"}}]}</script></head><body>x</body></html>
        """,
        """
        <div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">SRE</h1><time itemprop="datePosted" datetime="2021-13-01">x</time><div itemprop="description">Linux</div><div itemprop="hiringOrganization" itemscope><span itemprop="name">Org</span></div></div>
        """,
        "<script type=application/ld+json>{\"@type\":\"JobPosting\",\"title\":" + String(repeating: "[", count: 70) + "]}</script>",
        String(repeating: "<div>", count: 300) + "deep",
        "<![CDATA[x]]><!-- c --><?pi?><svg><text>no</text></svg><p>a&#0;b&#xD800;c&#1114112;</p>",
    ]
    return HostileSeeds.all + pages.enumerated().map { ("page-\($0.offset)", Array($0.element.utf8)) }
        + [("latin1", Array("<meta charset=latin1><p>".utf8) + [0xE9, 0xFC, 0x80, 0x9F] + Array("</p>".utf8)),
           ("utf16", [0xFF, 0xFE] + Array("<p>hi</p>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })]
}
