import CLibXML2
import Foundation
import SkillIO

/// Visible text of an HTML page through libxml2's HTML parser, with no network access.
public enum HTMLText {
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "iframe", "object",
                                       "nav", "footer", "aside", "form", "button"]
    static let blocks: Set<String> = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "tr", "td", "th", "table", "section", "article", "header", "footer",
                                      "nav", "pre", "blockquote", "dd", "dt", "hr", "main", "aside"]

    /// Why a page could not be read whole.
    public enum Failure: Error, Equatable {
        /// libxml2 built no document.
        case unparsable
        /// libxml2 stopped early (nesting deeper than its limit of 256 elements): the rest is unreadable.
        case stoppedEarly(String)
    }

    /// (title, visible text) of an HTML document, or why it cannot be read whole.
    public static func extract(_ bytes: [UInt8]) -> Result<(title: String, text: String), Failure> {
        parse(bytes, encoding: "UTF-8").map { doc in
            defer { xmlFreeDoc(doc) }
            return text(of: doc)
        }
    }

    /// Parses `bytes` in `encoding` (a libxml2 encoding name; nil lets libxml2 guess). The caller frees the
    /// document with `xmlFreeDoc`.
    static func parse(_ bytes: [UInt8], encoding: String?) -> Result<htmlDocPtr, Failure> {
        guard let ctxt = htmlNewParserCtxt() else { return .failure(.unparsable) }
        defer { htmlFreeParserCtxt(ctxt) }
        return parse(bytes, encoding: encoding, context: ctxt)
    }

    /// A libxml2 HTML parser context reused for many small documents (feed descriptions): each parse
    /// resets it, so results equal those of a fresh context without its allocations. Not shared
    /// between threads.
    final class FragmentParser {
        private let ctxt: htmlParserCtxtPtr?
        init() { ctxt = htmlNewParserCtxt() }
        deinit { if let ctxt { htmlFreeParserCtxt(ctxt) } }

        func parse(_ bytes: [UInt8], encoding: String?) -> Result<htmlDocPtr, Failure> {
            guard let ctxt else { return HTMLText.parse(bytes, encoding: encoding) }
            return HTMLText.parse(bytes, encoding: encoding, context: ctxt)
        }
    }

    static func parse(_ bytes: [UInt8], encoding: String?, context ctxt: htmlParserCtxtPtr) -> Result<htmlDocPtr, Failure> {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    guard let encoding else {
                        return htmlCtxtReadMemory(ctxt, p, Int32(clamping: buf.count), nil, nil, options)
                    }
                    return encoding.withCString {
                        htmlCtxtReadMemory(ctxt, p, Int32(clamping: buf.count), nil, $0, options)
                    }
                }
            }
        }
        guard let doc else { return .failure(.unparsable) }
        // Recoverable HTML errors are normal; an internal error means the parser gave up (depth limit).
        if ctxt.pointee.errNo == Int32(XML_ERR_INTERNAL_ERROR.rawValue) {
            xmlFreeDoc(doc)
            return .failure(.stoppedEarly("HTML nesting deeper than libxml2's limit of 256 elements; "
                                          + "the page cannot be read whole"))
        }
        return .success(doc)
    }

    static func text(of doc: htmlDocPtr) -> (title: String, text: String) {
        Page(doc).map { text(of: $0) } ?? ("", "")
    }

    /// A parsed page's root element, its content root (``contentRoot(under:_:)``) and an element-name cache,
    /// found once for everything that is read from the page.
    struct Page {
        let root: xmlNodePtr
        let content: xmlNodePtr
        let names = NameCache()

        init?(_ doc: htmlDocPtr) {
            guard let root = xmlDocGetRootElement(doc) else { return nil }
            self.root = root
            content = HTMLText.contentRoot(under: root, names)
        }
    }

    /// (title, visible text) of a page: the text of its content (navigation, footers and asides are skipped
    /// either way); the title from the whole page.
    static func text(of page: Page) -> (title: String, text: String) {
        let names = page.names
        var title = firstElement(named: ["title"], under: page.root, names).map { content($0) } ?? []
        var h1: [UInt8] = []
        let text = visibleText(under: page.content, names, skipping: skipped) { name, node in
            if name == "title", title.isEmpty { title = content(node) }
            if name == "h1", h1.isEmpty { h1 = content(node) }
        }
        let cleanTitle = collapse(title, keepLines: false)
        return (cleanTitle.isEmpty ? collapse(h1, keepLines: false) : cleanTitle, collapse(text, keepLines: true))
    }

    /// The page's own content: the first `<main>` or `<article>` when there is one, else the whole page.
    static func contentRoot(under docRoot: xmlNodePtr, _ names: NameCache) -> xmlNodePtr {
        firstElement(named: ["main", "article"], under: docRoot, names) ?? docRoot
    }

    /// The text under `root` in document order, a line break around each block element, elements named in
    /// `skipping` left out with their content; `visit` sees every element (even skipped ones) before its content.
    /// Iterative walk: no recursion, so deep nesting cannot overflow the stack.
    static func visibleText(under root: xmlNodePtr, _ names: NameCache, skipping: Set<String>,
                            visit: (String, xmlNodePtr) -> Void = { _, _ in }) -> [UInt8] {
        var text: [UInt8] = []
        var stack: [(xmlNodePtr, Bool)] = [(root, false)] // (node, closing)
        while let (node, closing) = stack.popLast() {
            if closing {
                if blocks.contains(names[node]) { text.append(0x0A) }
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                appendContent(node, to: &text)
            case XML_ELEMENT_NODE:
                let name = names[node]
                visit(name, node)
                if skipping.contains(name) { continue }
                if blocks.contains(name) { text.append(0x0A) }
                stack.append((node, true))
                pushChildren(of: node, onto: &stack)
            default:
                break
            }
        }
        return text
    }

    /// Lower-cased element names, cached by libxml2's interned name pointer (valid while the document lives).
    final class NameCache {
        private var cache: [UnsafePointer<xmlChar>: String] = [:]
        subscript(_ node: xmlNodePtr) -> String {
            guard let p = node.pointee.name else { return "" }
            if let s = cache[p] { return s }
            let s = String(cString: p).lowercased()
            cache[p] = s
            return s
        }
    }

    @inline(__always)
    static func appendContent(_ node: xmlNodePtr, to out: inout [UInt8]) {
        guard let c = node.pointee.content else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: c, count: strlen(UnsafeRawPointer(c).assumingMemoryBound(to: CChar.self))))
    }

    /// Pushes the children of `node` so that they pop in document order.
    static func pushChildren(of node: xmlNodePtr, onto stack: inout [(xmlNodePtr, Bool)]) {
        let mark = stack.count
        var child = node.pointee.children
        while let c = child {
            stack.append((c, false))
            child = c.pointee.next
        }
        stack[mark...].reverse()
    }

    /// The children of `node`, in document order.
    static func children(of node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let c = child {
            out.append(c)
            child = c.pointee.next
        }
        return out
    }

    /// The first element (document order) whose name is in `names`, searched iteratively.
    static func firstElement(named wanted: Set<String>, under root: xmlNodePtr, _ names: NameCache) -> xmlNodePtr? {
        var stack: [(xmlNodePtr, Bool)] = [(root, false)]
        while let (n, _) = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE, wanted.contains(names[n]) { return n }
            pushChildren(of: n, onto: &stack)
        }
        return nil
    }

    /// Concatenated text below `node` as UTF-8 bytes (iterative, no libxml2 allocation to free).
    static func content(_ node: xmlNodePtr) -> [UInt8] {
        var out: [UInt8] = []
        var stack: [(xmlNodePtr, Bool)] = []
        pushChildren(of: node, onto: &stack)
        while let (n, _) = stack.popLast() {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE {
                appendContent(n, to: &out)
            }
            pushChildren(of: n, onto: &stack)
        }
        return out
    }

    /// Concatenated text below `node`.
    static func content(_ node: xmlNodePtr) -> String { String(decoding: content(node) as [UInt8], as: UTF8.self) }

    /// Runs of white space (space, tab, CR, LF, FF, VT, U+00A0) collapsed to one space, trimmed.
    static func collapseSpaces(_ s: String) -> String { collapse(Array(s.utf8), keepLines: false) }

    /// Collapses runs of spaces within lines and drops empty lines.
    static func tidy(_ s: String) -> String { collapse(Array(s.utf8), keepLines: true) }

    /// One pass over UTF-8 bytes: white-space runs become one space; with `keepLines`, a run containing a
    /// line feed becomes one line feed (so empty lines disappear); leading and trailing space is dropped.
    static func collapse(_ bytes: [UInt8], keepLines: Bool) -> String {
        bytes.withUnsafeBufferPointer { collapse($0, keepLines: keepLines) }
    }

    /// ``collapse(_:keepLines:)`` over a buffer, without data-dependent branches for ordinary bytes: the
    /// pending separator is written at every kept byte and the output index advances only when it counts
    /// (text alternates words and spaces, which a branchy loop mispredicts). Only the lead byte 0xC2
    /// (U+00A0 is C2 A0) takes a branch. O(n), one pass.
    static func collapse(_ b: UnsafeBufferPointer<UInt8>, keepLines: Bool) -> String {
        guard let src = b.baseAddress, b.count > 0 else { return "" }
        let n = b.count
        let lineRank = keepLines ? 2 : 1
        return String(unsafeUninitializedCapacity: n) { out in
            guard let dst = out.baseAddress else { return 0 }
            // Invariant: o <= i (a separator stands for at least one white-space byte already passed), so
            // the two writes below stay inside the n-byte output.
            var o = 0
            var rank = 0 // white space since the last kept byte: 0 none, 1 a space, 2 a line break
            var i = 0
            while i < n {
                let c = src[i]
                var ws = c == 0x20 || c &- 0x09 < 5
                var width = 1
                if c == 0xC2, i + 1 < n, src[i + 1] == 0xA0 {
                    ws = true
                    width = 2
                }
                let keep = ws ? 0 : 1
                let wsRank = c == 0x0A ? lineRank : 1
                let emit = keep & (rank != 0 ? 1 : 0) & (o != 0 ? 1 : 0)
                dst[o] = rank == 2 ? 0x0A : 0x20
                o += emit
                dst[o] = c
                o += keep
                rank = ws ? max(rank, wsRank) : 0
                i += width
            }
            return o
        }
    }

    /// One record for a whole HTML file: fields from schema.org JobPosting JSON-LD or microdata when the
    /// page has them, else the visible-text rules. `encoding` overrides the page's own declaration.
    /// A page without a JobPosting must have main text (``hasMainText(_:)``), unless the user mapped the
    /// title or text explicitly (``FieldMapping/mapsContentExplicitly``); otherwise it is quarantined with
    /// ``noPostingReason``.
    static func record(_ raw: [UInt8], path: String, mapping: FieldMapping, maxBytes: Int) -> IngestEvent {
        guard raw.count <= maxBytes else {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "page of \(raw.count) bytes is over the \(maxBytes)-byte limit",
                                                  excerpt: ""))
        }
        let (bytes, libxmlEncoding) = decodePage(raw, override: mapping.encoding)
        let excerpt = CSVReader.excerpt(String(decoding: bytes.prefix(400), as: UTF8.self))
        let doc: htmlDocPtr
        switch parse(bytes, encoding: libxmlEncoding) {
        case .failure(.unparsable):
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "not parsable as HTML", excerpt: excerpt))
        case .failure(.stoppedEarly(let why)):
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0, reason: why, excerpt: excerpt))
        case .success(let d):
            doc = d
        }
        defer { xmlFreeDoc(doc) }
        let page = Page(doc)
        var (title, text) = page.map { Self.text(of: $0) } ?? ("", "")
        let posting = JobPostingFields.find(in: doc)
        if posting == nil, !mapping.mapsContentExplicitly, !(page.map(hasMainText) ?? false) {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0, reason: noPostingReason,
                                                  excerpt: excerpt))
        }
        if let p = posting {
            if let t = p.title.map({ plainText($0, inline: true) }), !t.isEmpty { title = t }
            if let d = p.description.map({ plainText($0, inline: false) }), !d.isEmpty { text = d }
        }
        guard !(title.isEmpty && text.isEmpty) else {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "no visible text in HTML page", excerpt: excerpt))
        }
        var date: String?
        if let raw = posting?.date.map(trimmed), !raw.isEmpty {
            guard let d = DateNormalizer.normalize(raw) else {
                return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                      reason: "invalid datePosted '\(raw.prefix(40))' in \(posting?.source ?? "")",
                                                      excerpt: excerpt))
            }
            date = d
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let id = posting?.identifier.map(trimmed).flatMap { $0.isEmpty ? nil : $0 } ?? name
        return .record(PostingRecord(sourceID: id, title: title, text: text, date: date,
                                     region: posting?.region, employer: posting?.employer,
                                     sourcePath: path, line: 0, offset: 0))
    }

    /// The page as UTF-8 bytes and the encoding name to give libxml2: a byte-order mark wins, then the
    /// user's `--encoding`, then a `charset=` in the first 1024 bytes (`<meta charset>` or `http-equiv`),
    /// else UTF-8. ISO-8859-1 and US-ASCII declarations are read as Windows-1252, as browsers do. A
    /// charset this module cannot convert is passed to libxml2 by name.
    static func decodePage(_ raw: [UInt8], override: TextEncoding?) -> ([UInt8], String?) {
        if let (e, length) = raw.withUnsafeBytes({ TextEncoding.sniffBOM($0) }) {
            let body = Array(raw[length...])
            return (e == .utf8 ? body : Transcoder.utf8(body, from: e), "UTF-8")
        }
        if let e = override { return (e == .utf8 ? raw : Transcoder.utf8(raw, from: e), "UTF-8") }
        guard let label = metaCharset(raw) else { return (raw, "UTF-8") }
        let lower = label.lowercased()
        if ["iso-8859-1", "latin1", "us-ascii", "ascii", "iso8859-1"].contains(lower) {
            return (Transcoder.utf8(raw, from: .windows1252), "UTF-8")
        }
        if let e = TextEncoding(label: lower) {
            return (e == .utf8 ? raw : Transcoder.utf8(raw, from: e), "UTF-8")
        }
        return (raw, label)
    }

    /// The value of the first `charset=` in the first 1024 bytes, if any.
    static func metaCharset(_ raw: [UInt8]) -> String? {
        let head = Array(raw.prefix(1024)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset".utf8)
        var i = 0
        while i + needle.count < head.count {
            if Array(head[i..<(i + needle.count)]) == needle {
                var j = i + needle.count
                while j < head.count, head[j] == 0x20 { j += 1 }
                if j < head.count, head[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < head.count, head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27 { j += 1 }
                    var k = j
                    while k < head.count, head[k] > 0x20, head[k] != 0x22, head[k] != 0x27, head[k] != 0x3B,
                          head[k] != 0x3E, head[k] != 0x2F || k == j { k += 1 }
                    if k > j { return String(decoding: head[j..<k], as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }

    /// Visible text of a string that may hold HTML (RSS descriptions, Atom `type="html"`, JSON-LD
    /// descriptions): markup and character references are resolved; a string without `<` or `&` is only
    /// trimmed. `inline` collapses the result to one line.
    public static func plainText(_ s: String, inline: Bool) -> String { plainText(s, inline: inline, parser: nil) }

    /// ``plainText(_:inline:)`` with a reused parser context. Simple fragments skip libxml2
    /// (``simpleFragmentText(_:)``, same result).
    static func plainText(_ s: String, inline: Bool, parser: FragmentParser?) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else {
            return inline ? collapseSpaces(s) : trimmed(s)
        }
        if let simple = simpleFragmentText(s) { return inline ? collapseSpaces(simple) : simple }
        let bytes = Array(("<body>" + s + "</body>").utf8)
        let parsed = parser.map { $0.parse(bytes, encoding: "UTF-8") } ?? parse(bytes, encoding: "UTF-8")
        guard case .success(let doc) = parsed else {
            return inline ? collapseSpaces(s) : trimmed(s)
        }
        defer { xmlFreeDoc(doc) }
        let t = fragmentText(of: doc)
        return inline ? collapseSpaces(t) : t
    }

    /// Elements whose content a fragment (feed description, JSON-LD text) never shows.
    static let fragmentSkipped: Set<String> = ["script", "style", "template"]

    /// Visible text of a whole parsed fragment (no `<main>` preference, no title).
    static func fragmentText(of doc: htmlDocPtr) -> String {
        guard let root = xmlDocGetRootElement(doc) else { return "" }
        let text = visibleText(under: root, NameCache(), skipping: fragmentSkipped)
        return collapse(text, keepLines: true)
    }
}
