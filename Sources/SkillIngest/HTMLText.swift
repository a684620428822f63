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
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        guard let ctxt = htmlNewParserCtxt() else { return .failure(.unparsable) }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc = bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    htmlCtxtReadMemory(ctxt, $0, Int32(clamping: buf.count), nil, nil, options)
                }
            }
        }
        guard let doc else { return .failure(.unparsable) }
        defer { xmlFreeDoc(doc) }
        // Recoverable HTML errors are normal; an internal error means the parser gave up (depth limit).
        if ctxt.pointee.errNo == Int32(XML_ERR_INTERNAL_ERROR.rawValue) {
            return .failure(.stoppedEarly("HTML nesting deeper than libxml2's limit of 256 elements; "
                                          + "the page cannot be read whole"))
        }
        return .success(text(of: doc))
    }

    static func text(of doc: htmlDocPtr) -> (title: String, text: String) {
        guard let docRoot = xmlDocGetRootElement(doc) else { return ("", "") }
        // The page's own content: the first <main> or <article> when there is one, else the whole page
        // (navigation, footers and asides are skipped either way). The title comes from the whole page.
        let root = firstElement(named: ["main", "article"], under: docRoot) ?? docRoot
        let pageTitle = firstElement(named: ["title"], under: docRoot).map(content) ?? ""
        var title = pageTitle
        var h1 = ""
        var text = ""
        // Iterative walk: no recursion, so deep nesting cannot overflow the stack.
        var stack: [(xmlNodePtr, Bool)] = [(root, false)] // (node, closing)
        while let (node, closing) = stack.popLast() {
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if closing {
                if blocks.contains(name) { text += "\n" }
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let c = node.pointee.content { text += String(cString: c) }
            case XML_ELEMENT_NODE:
                if name == "title", title.isEmpty { title = content(node) }
                if name == "h1", h1.isEmpty { h1 = content(node) }
                if skipped.contains(name) { continue }
                if blocks.contains(name) { text += "\n" }
                stack.append((node, true))
                for c in children(of: node).reversed() { stack.append((c, false)) }
            default:
                break
            }
        }
        let cleanTitle = collapseSpaces(title)
        return (cleanTitle.isEmpty ? collapseSpaces(h1) : cleanTitle, tidy(text))
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
    static func firstElement(named names: Set<String>, under root: xmlNodePtr) -> xmlNodePtr? {
        var stack: [xmlNodePtr] = [root]
        while let n = stack.popLast() {
            if n.pointee.type == XML_ELEMENT_NODE, let name = n.pointee.name,
               names.contains(String(cString: name).lowercased()) {
                return n
            }
            stack.append(contentsOf: children(of: n).reversed())
        }
        return nil
    }

    /// Concatenated text below `node` (iterative, no libxml2 allocation to free).
    static func content(_ node: xmlNodePtr) -> String {
        var out = ""
        var stack: [xmlNodePtr] = children(of: node).reversed()
        while let n = stack.popLast() {
            if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE {
                if let c = n.pointee.content { out += String(cString: c) }
            }
            stack.append(contentsOf: children(of: n).reversed())
        }
        return out
    }

    static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" })
            .joined(separator: " ")
    }

    /// Collapses runs of spaces within lines and drops empty lines.
    static func tidy(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: true)
            .map { collapseSpaces(String($0)) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    /// One record for a whole HTML file.
    static func record(_ bytes: [UInt8], path: String, mapping: FieldMapping, maxBytes: Int) -> IngestEvent {
        guard bytes.count <= maxBytes else {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "page of \(bytes.count) bytes is over the \(maxBytes)-byte limit",
                                                  excerpt: ""))
        }
        let excerpt = CSVReader.excerpt(String(decoding: bytes.prefix(400), as: UTF8.self))
        let title: String, text: String
        switch extract(bytes) {
        case .failure(.unparsable):
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "not parsable as HTML", excerpt: excerpt))
        case .failure(.stoppedEarly(let why)):
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0, reason: why, excerpt: excerpt))
        case .success(let r):
            (title, text) = r
        }
        guard !(title.isEmpty && text.isEmpty) else {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: 0, offset: 0,
                                                  reason: "no visible text in HTML page", excerpt: excerpt))
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return .record(PostingRecord(sourceID: name, title: title, text: text, date: nil, region: nil,
                                     employer: nil, sourcePath: path, line: 0, offset: 0))
    }
}
