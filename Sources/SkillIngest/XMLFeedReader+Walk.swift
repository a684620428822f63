import CLibXML2
import Foundation
import SkillIO

extension XMLFeedReader {
    /// Reads records from one libxml2 reader until it ends or fails. `locate` turns libxml2's line of a
    /// node into the input's line and that line's byte offset.
    func walk(_ reader: xmlTextReaderPtr, state: FeedState, path: String,
              locate: (Int, xmlNodePtr?) -> (line: Int, offset: Int),
              _ body: (IngestEvent) throws -> Void) throws -> WalkEnd {
        var walker = FeedWalker(reader: reader, state: state, mapping: mapping, path: path,
                                maxRecordBytes: maxRecordBytes)
        return try walker.run(locate: locate, body)
    }
}

/// One pass of a libxml2 reader over a feed (or over one piece of it after an error): follows the open
/// elements, collects the record (or DEFTIS supplier) being read, and delivers each finished record.
/// Memory O(largest record).
struct FeedWalker {
    let reader: xmlTextReaderPtr
    let state: XMLFeedReader.FeedState
    let mapping: FieldMapping
    let path: String
    let maxRecordBytes: Int
    private var names = XMLNameCache()
    /// Local names of the open elements.
    private var stack: [String] = []
    /// Start tags of the open elements outside records, for resynchronisation.
    private var outer: [String] = []
    private var record: XMLRecordState?
    private var supplier: XMLRecordState?

    init(reader: xmlTextReaderPtr, state: XMLFeedReader.FeedState, mapping: FieldMapping, path: String,
         maxRecordBytes: Int) {
        self.reader = reader
        self.state = state
        self.mapping = mapping
        self.path = path
        self.maxRecordBytes = maxRecordBytes
    }

    /// Reads nodes until the reader ends (status 0), fails (-1), or the root shows that the input is not a
    /// feed (reported as quarantined; status 0).
    mutating func run(locate: (Int, xmlNodePtr?) -> (line: Int, offset: Int),
                      _ body: (IngestEvent) throws -> Void) throws -> XMLFeedReader.WalkEnd {
        var status: Int32 = 1
        while true {
            status = xmlTextReaderRead(reader)
            if status != 1 { break }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                guard try startElement(locate: locate, body) else { return XMLFeedReader.WalkEnd(status: 0) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                try endElement(body)
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                appendText()
            default:
                break
            }
        }
        return XMLFeedReader.WalkEnd(status: status, inProgress: record.map { ($0.line, $0.offset, $0.ordinal) })
    }

    /// A start tag: the root decides the feed kind; inside a record or supplier the element is a field;
    /// outside, it may start a record or supplier. False when the root shows that the input is not a feed.
    private mutating func startElement(locate: (Int, xmlNodePtr?) -> (line: Int, offset: Int),
                                       _ body: (IngestEvent) throws -> Void) throws -> Bool {
        let n = names.localName(reader)
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        if !state.sawRoot, try !beginDocument(root: n, body) { return false }
        if !isEmpty { stack.append(n) }
        if record != nil {
            record!.startField(n, isEmpty: isEmpty, reader: reader, names: &names)
        } else if supplier != nil {
            supplier!.startField(n, isEmpty: isEmpty, reader: reader, names: &names)
        } else {
            try startOutsideRecords(n, isEmpty: isEmpty, depth: Int(xmlTextReaderDepth(reader)), locate: locate, body)
        }
        return true
    }

    /// The root element: the feed kind, the record path, the effective mapping and the document's encoding.
    /// A root that is not RSS, Atom or DEFTIS without a `--record-path` is reported (quarantined); false then.
    private func beginDocument(root n: String, _ body: (IngestEvent) throws -> Void) throws -> Bool {
        state.sawRoot = true
        (state.kind, state.recordPattern, state.absolute) = XMLFeedReader.kind(root: n, mapping: mapping)
        state.effective = XMLFeedReader.effectiveMapping(mapping, kind: state.kind ?? .generic)
        state.encoding = xmlTextReaderConstEncoding(reader).map { String(cString: $0) }
        guard state.kind == nil else { return true }
        try body(.quarantined(QuarantinedRecord(
            sourcePath: path, line: 1, offset: 0,
            reason: "XML root element <\(n)> is not RSS, Atom or DEFTIS; "
                + "give the record element with --record-path (e.g. --record-path \(n)/item)",
            excerpt: "")))
        return false
    }

    /// A start tag outside records: a record (at the record path) or a DEFTIS supplier starts here, else it
    /// is an enclosing element, remembered for resynchronisation. An empty record element is a whole record.
    private mutating func startOutsideRecords(_ n: String, isEmpty: Bool, depth: Int,
                                              locate: (Int, xmlNodePtr?) -> (line: Int, offset: Int),
                                              _ body: (IngestEvent) throws -> Void) throws {
        let isRecord = atRecord(isEmpty ? n : nil)
        let isSupplier = state.kind == .deftis && n == "coursesupplier"
        guard isRecord || isSupplier else {
            if !isEmpty { outer.append(Self.outerStartTag(reader)) }
            return
        }
        let line = locate(Int(xmlTextReaderGetParserLineNumber(reader)), xmlTextReaderCurrentNode(reader))
        var r = XMLRecordState(depth: depth, line: line.line, offset: line.offset)
        if isRecord { r.ordinal = noteRecordStart(line: line.line) }
        r.readOwnAttributes(reader, names: &names)
        if isEmpty {
            if isRecord { try finishRecord(r, body) }
        } else if isRecord {
            record = r
        } else {
            supplier = r
        }
    }

    /// Whether the open elements (plus `extra`, an empty element) end with the record path.
    /// (Checked only outside records, so the copy for an empty element is rare.)
    private func atRecord(_ extra: String?) -> Bool {
        let path = extra.map { stack + [$0] } ?? stack
        if state.absolute { return path == state.recordPattern }
        let pattern = state.recordPattern
        return path.count >= pattern.count && path.suffix(pattern.count).elementsEqual(pattern)
    }

    /// Remembers where a record starts, for resynchronisation (its element name as written, the start tags
    /// enclosing it, its line); returns its ordinal among the records started on that line.
    private func noteRecordStart(line: Int) -> Int {
        if state.recordName == nil {
            state.recordName = xmlTextReaderConstName(reader).map { String(cString: $0) }
        }
        state.ancestors = outer
        if line == state.lastRecordLine {
            state.lastOrdinal += 1
        } else {
            (state.lastRecordLine, state.lastOrdinal) = (line, 1)
        }
        return state.lastOrdinal
    }

    /// An end tag: it finishes the record or supplier open at this depth, closes a field inside one, or
    /// closes an enclosing element.
    private mutating func endElement(_ body: (IngestEvent) throws -> Void) throws {
        let depth = Int(xmlTextReaderDepth(reader))
        stack.removeLast()
        let rssCategories = state.kind == .rss
        if let r = record, r.depth == depth {
            record = nil
            try finishRecord(r, body)
        } else if record != nil {
            record!.endField(rssCategories: rssCategories)
        } else if let s = supplier, s.depth == depth {
            supplier = nil
            registerSupplier(s)
        } else if supplier != nil {
            supplier!.endField(rssCategories: rssCategories)
        } else {
            outer.removeLast()
        }
    }

    /// Text or CDATA: appended to the open record or supplier; ignored outside them.
    private mutating func appendText() {
        if record != nil {
            record!.appendText(reader, limit: maxRecordBytes)
        } else if supplier != nil {
            supplier!.appendText(reader, limit: maxRecordBytes)
        }
    }

    /// DEFTIS: a `<COURSESUPPLIER>` gives the name that courses refer to by supplier id.
    private func registerSupplier(_ s: XMLRecordState) {
        if let id = s.values["css_id"].map(trimmed), let nm = s.values["css_name"].map(trimmed) {
            state.suppliers[id] = nm
        }
    }

    /// Delivers a finished record: over the size limit, or without title and text once markup is removed,
    /// it is quarantined; otherwise its fields come from the effective mapping, with HTML in the title and
    /// text turned into plain text.
    private func finishRecord(_ r: XMLRecordState, _ body: (IngestEvent) throws -> Void) throws {
        let excerpt = { CSVReader.excerpt(HTMLText.collapse(Array(r.text.prefix(800)), keepLines: false)) }
        if r.oversized {
            try body(.quarantined(QuarantinedRecord(
                sourcePath: path, line: r.line, offset: r.offset,
                reason: "record of more than \(maxRecordBytes) bytes of text is over the limit", excerpt: excerpt())))
            return
        }
        var values = r.values
        if state.kind == .deftis, let id = values["cs_supplierid"], let name = state.suppliers[trimmed(id)] {
            values["#supplier"] = name
        }
        var event = state.effective.record(path: path, line: r.line, offset: r.offset, excerpt: excerpt()) { key in
            values[key]
        }
        if case .record(var rec) = event {
            rec.title = HTMLText.plainText(rec.title, inline: true, parser: state.html)
            rec.text = HTMLText.plainText(rec.text, inline: false, parser: state.html)
            rec.tags = r.tags
            event = rec.title.isEmpty && rec.text.isEmpty
                ? .quarantined(QuarantinedRecord(sourcePath: path, line: r.line, offset: r.offset,
                                                 reason: "no title or text after removing markup", excerpt: excerpt()))
                : .record(rec)
        }
        try body(event)
    }

    /// The current element's start tag as written, with only its namespace declarations.
    static func outerStartTag(_ reader: xmlTextReaderPtr) -> String {
        var tag = "<" + (xmlTextReaderConstName(reader).map { String(cString: $0) } ?? "x")
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard xmlTextReaderIsNamespaceDecl(reader) == 1, let an = xmlTextReaderConstName(reader) else { continue }
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            tag += " " + String(cString: an) + "=\"" + XMLFeedReader.escapeAttribute(value) + "\""
        }
        xmlTextReaderMoveToElement(reader)
        return tag + ">"
    }
}

/// Lower-cased local names of a reader's nodes, cached by libxml2's interned name pointer (pointer identity
/// is name identity while the reader lives).
struct XMLNameCache {
    private var cache: [UnsafePointer<xmlChar>: String] = [:]

    /// The lower-cased local name of the reader's current node (element or attribute).
    mutating func localName(_ reader: xmlTextReaderPtr) -> String {
        guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
        if let s = cache[p] { return s }
        let s = String(cString: p).lowercased()
        cache[p] = s
        return s
    }
}

/// One record (or DEFTIS supplier) being collected: its values by element path below the record element
/// (`author/name`, attributes as `link/@href`; the first occurrence of a path wins), its tags, and all its
/// text. Over the size limit it keeps only that fact (`oversized`).
struct XMLRecordState {
    var depth: Int
    var line: Int
    var offset: Int
    var ordinal = 1
    var values: [String: String] = [:]
    var tags: [String] = []
    var text: [UInt8] = []
    /// Open elements below the record element: (path, start of their text in `text`).
    var open: [(path: String, start: Int)] = []
    var oversized = false

    init(depth: Int, line: Int, offset: Int) {
        self.depth = depth
        self.line = line
        self.offset = offset
    }

    /// The record element's own attributes, as `@name`.
    mutating func readOwnAttributes(_ reader: xmlTextReaderPtr, names: inout XMLNameCache) {
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let key = "@" + names.localName(reader)
            if values[key] == nil { values[key] = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }
        }
        xmlTextReaderMoveToElement(reader)
    }

    /// A field element starts: its attributes become `path/@name` values; an Atom link that is not the
    /// alternate one gives up its `href`; a top-level Atom `<category term>` is a tag. An empty element is
    /// an empty value; any other opens its path, whose text starts here.
    mutating func startField(_ n: String, isEmpty: Bool, reader: xmlTextReaderPtr, names: inout XMLNameCache) {
        guard !oversized else { return }
        let rel = open.last.map { $0.path + "/" + n } ?? n
        let (relation, href, term) = readFieldAttributes(below: rel, reader, names: &names)
        // Atom: the alternate link (or one without rel) is the posting's link.
        if n == "link", let href, relation != "alternate", !relation.isEmpty {
            if values[rel + "/@href"] == href { values[rel + "/@href"] = nil }
        }
        if n == "category" && open.count == 0, let term { tags.append(term) }
        if isEmpty {
            if values[rel] == nil { values[rel] = "" }
        } else {
            if !text.isEmpty, text.last != 0x0A { text.append(0x0A) }
            open.append((rel, text.count))
        }
    }

    /// Stores the current element's attributes as `rel/@name` (first occurrence wins); returns its `rel`
    /// (empty when absent), `href` and `term` attributes.
    private mutating func readFieldAttributes(below rel: String, _ reader: xmlTextReaderPtr,
                                              names: inout XMLNameCache) -> (String, String?, String?) {
        var relation = ""
        var href: String?
        var term: String?
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let an = names.localName(reader)
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            if an == "rel" { relation = value }
            if an == "href" { href = value }
            if an == "term" { term = value }
            let key = rel + "/@" + an
            if values[key] == nil { values[key] = value }
        }
        xmlTextReaderMoveToElement(reader)
        return (relation, href, term)
    }

    /// A field element ends: its text is its value unless an earlier one with the same path had text; an
    /// RSS `<category>` is also a tag.
    mutating func endField(rssCategories: Bool) {
        guard let (rel, start) = open.popLast(), !oversized else { return }
        if values[rel] == nil || values[rel] == "" {
            values[rel] = String(decoding: text[start...], as: UTF8.self)
        }
        if rel == "category", rssCategories {
            let v = trimmed(String(decoding: text[start...], as: UTF8.self))
            if !v.isEmpty { tags.append(v) }
        }
        text.append(0x0A)
    }

    /// Appends the reader's current text node; past `limit` bytes the record becomes `oversized` and its
    /// text and values are dropped.
    mutating func appendText(_ reader: xmlTextReaderPtr, limit: Int) {
        guard !oversized, let v = xmlTextReaderConstValue(reader) else { return }
        let n = strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self))
        if text.count + n > limit {
            oversized = true
            text.removeAll(keepingCapacity: false)
            values.removeAll()
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: v, count: n))
    }
}
