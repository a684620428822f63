import CLibXML2
import Foundation
import SkillIO

/// The kinds of XML input, told apart by the root element.
public enum XMLFeedKind: String, Sendable {
    /// RSS 2.0 (`<rss>`) or RSS 1.0 (`<rdf:RDF>`): one record per `<item>`.
    case rss
    /// Atom (`<feed>`): one record per `<entry>`.
    case atom
    /// The DEFTIS course catalogue (`<DEFTISCAT>`): one record per `<COURSE>`.
    case deftis
    /// Any other XML: records at the element path the field mapping names (`--record-path`).
    case generic
}

/// A streaming XML reader for feeds: libxml2's `xmlTextReader` fed from a ``ByteSource`` (so `.gz` works),
/// one record per record element, memory O(largest record).
///
/// Safety: parsing never uses `XML_PARSE_NOENT`, `DTDLOAD`, `DTDATTR` or `HUGE`, always `XML_PARSE_NONET`,
/// and a process-wide external entity loader refuses every external resource. A document whose DOCTYPE
/// has an internal subset (the only place entities can be declared when no external DTD is loaded) is
/// refused before libxml2 sees the subset: the whole input becomes one quarantined entry. So entity
/// expansion attacks (billion laughs, quadratic blowup) and XXE never reach the parser.
///
/// Malformed input: a record that is not well-formed is quarantined with libxml2's message, and reading
/// resynchronises at the next record start tag in the raw bytes (see `recover`); every intact record after
/// it is delivered, so for a feed `record elements = records + quarantined`.
///
/// Each element of a record is addressed by its path of local names below the record element
/// (`author/name`, `COURSESCHEDULES/SCHEDULE/S_START_DATE`, attributes as `link/@href`), compared
/// case-insensitively; the first occurrence of a path wins. A field's value is all text below its element.
struct XMLFeedReader {
    var mapping: FieldMapping
    var maxRecordBytes: Int

    /// Installs the refusing external entity loader, once per process.
    static let installLoader: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue)

    func read(_ source: ByteSource, path: String, _ body: (IngestEvent) throws -> Void) throws {
        _ = Self.installLoader
        let context = XMLInputContext(source)
        let unmanaged = Unmanaged.passRetained(context)
        let readCallback: xmlInputReadCallback = { ctx, buffer, len in
            guard let ctx, let buffer, len > 0 else { return -1 }
            return Unmanaged<XMLInputContext>.fromOpaque(ctx).takeUnretainedValue().fill(buffer, Int(len))
        }
        let closeCallback: xmlInputCloseCallback = { ctx in
            if let ctx { Unmanaged<XMLInputContext>.fromOpaque(ctx).release() }
            return 0
        }
        let encoding = mapping.encoding.map { $0.rawValue.uppercased() }
        let reader: xmlTextReaderPtr? = path.withCString { url in
            Self.withOptionalCString(encoding) {
                xmlReaderForIO(readCallback, closeCallback, unmanaged.toOpaque(), url, $0, Self.options)
            }
        }
        guard let reader else {
            // libxml2 calls the close callback itself when it fails to create the reader.
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "libxml2 could not start reading this XML input",
                                                    excerpt: "")))
            return
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLErrorSink()
        Self.attach(errors, to: reader)
        let state = FeedState()
        let end = try withExtendedLifetime(errors) {
            try walk(reader, state: state, path: path, locate: context.line(forNodeLine:node:), body)
        }
        var ending = end
        if end.status == -1, !state.sawRoot, context.refused == nil, context.ioError == nil,
           context.recentStart == 0, let line = errors.first?.line, let cut = context.offset(ofLine: line), cut > 0 {
            // libxml2 failed before handing over the root element (it parses ahead of the reader): read the
            // lines before the error again, so that the feed kind and the records before it are known.
            ending = try walkPrefix(context.recentBytes(from: 0).prefix(cut), state: state, context: context,
                                    path: path, body) ?? end
            if state.sawRoot && state.kind == nil { return } // not a feed: the walk said so
        }
        try finish(ending, state: state, context: context, errors: errors, path: path, body)
    }

    /// Walks the first bytes of an input again (they end inside the document, so the walk ends with an
    /// error, which is expected and ignored).
    private func walkPrefix(_ bytes: ArraySlice<UInt8>, state: FeedState, context: XMLInputContext, path: String,
                            _ body: (IngestEvent) throws -> Void) throws -> WalkEnd? {
        let encoding = mapping.encoding.map { $0.rawValue.uppercased() }
        return try bytes.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { chars in
                guard let reader = Self.memoryReader(chars, path: path, encoding: encoding) else { return nil }
                defer { xmlFreeTextReader(reader) }
                let errors = XMLErrorSink()
                Self.attach(errors, to: reader)
                return try withExtendedLifetime(errors) {
                    try walk(reader, state: state, path: path, locate: context.line(forNodeLine:node:), body)
                }
            }
        }
    }

    /// `body` with `s` as a C string, or with nil when there is none.
    static func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
        guard let s else { return body(nil) }
        return s.withCString { body($0) }
    }

    /// A reader over bytes in memory (which must outlive it), with the input's declared or given encoding.
    static func memoryReader(_ chars: UnsafeBufferPointer<CChar>, path: String, encoding: String?) -> xmlTextReaderPtr? {
        path.withCString { url in
            withOptionalCString(encoding) { xmlReaderForMemory(chars.baseAddress, Int32(chars.count), url, $0, options) }
        }
    }

    static func attach(_ errors: XMLErrorSink, to reader: xmlTextReaderPtr) {
        xmlTextReaderSetStructuredErrorHandler(reader, { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<XMLErrorSink>.fromOpaque(ctx).takeUnretainedValue().add(error.pointee)
        }, Unmanaged.passUnretained(errors).toOpaque())
    }

    /// What a feed has established across readers: its kind and mapping, the DEFTIS suppliers, and what
    /// resynchronisation after an error needs (the record element as written, the open ancestors).
    final class FeedState {
        var kind: XMLFeedKind?
        var effective = FieldMapping()
        var recordPattern: [String] = []
        var absolute = false
        var suppliers: [String: String] = [:] // DEFTIS: CSS_ID -> CSS_NAME
        var sawRoot = false
        /// The record element's qualified name as written (`entry`, `atom:entry`, `COURSE`).
        var recordName: String?
        /// Start tags (with their namespace declarations) of the elements enclosing the last record.
        var ancestors: [String] = []
        /// Line of the last record start and how many records started on that line.
        var lastRecordLine = 0
        var lastOrdinal = 0
        /// The document's encoding as libxml2 reports it (nil: UTF-8).
        var encoding: String?
        /// One HTML parser context for all the descriptions of the feed.
        let html = HTMLText.FragmentParser()
    }

    /// How one reader ended: libxml2's last status and the record open at that point.
    struct WalkEnd {
        var status: Int32
        var inProgress: (line: Int, offset: Int, ordinal: Int)?
    }

    /// The state of one record being collected.
    private struct RecordState {
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
    }

    /// Reads records from one libxml2 reader until it ends or fails. `locate` turns libxml2's line of a
    /// node into the input's line and that line's byte offset.
    func walk(_ reader: xmlTextReaderPtr, state: FeedState, path: String,
                      locate: (Int, xmlNodePtr?) -> (line: Int, offset: Int),
                      _ body: (IngestEvent) throws -> Void) throws -> WalkEnd {
        var names: [UnsafePointer<xmlChar>: String] = [:] // libxml2 interns names: pointer identity = name
        func name() -> String {
            guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
            if let s = names[p] { return s }
            let s = String(cString: p).lowercased()
            names[p] = s
            return s
        }
        var stack: [String] = []
        /// Start tags of the open elements outside records, for resynchronisation.
        var outer: [String] = []
        var record: RecordState?
        var supplier: RecordState?

        /// Whether the open elements (plus `extra`, an empty element) end with the record path.
        /// (Checked only outside records, so the copy for an empty element is rare.)
        func atRecord(_ extra: String?) -> Bool {
            let path = extra.map { stack + [$0] } ?? stack
            if state.absolute { return path == state.recordPattern }
            let pattern = state.recordPattern
            return path.count >= pattern.count && path.suffix(pattern.count).elementsEqual(pattern)
        }

        func finishRecord(_ r: RecordState) throws {
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

        /// The record element's own attributes, as `@name`.
        func recordAttributes(into r: inout RecordState) {
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                let key = "@" + name()
                if r.values[key] == nil { r.values[key] = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "" }
            }
            xmlTextReaderMoveToElement(reader)
        }

        /// The current element's start tag as written, with only its namespace declarations.
        func outerStartTag() -> String {
            var tag = "<" + (xmlTextReaderConstName(reader).map { String(cString: $0) } ?? "x")
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                guard xmlTextReaderIsNamespaceDecl(reader) == 1, let an = xmlTextReaderConstName(reader) else { continue }
                let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                tag += " " + String(cString: an) + "=\"" + Self.escapeAttribute(value) + "\""
            }
            xmlTextReaderMoveToElement(reader)
            return tag + ">"
        }

        func startElement(_ n: String, into r: inout RecordState, isEmpty: Bool) {
            guard !r.oversized else { return }
            let rel = r.open.last.map { $0.path + "/" + n } ?? n
            // Attributes: path/@name, first occurrence wins.
            var rel_ = ""
            var href: String?
            var term: String?
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                let an = name()
                let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
                if an == "rel" { rel_ = value }
                if an == "href" { href = value }
                if an == "term" { term = value }
                let key = rel + "/@" + an
                if r.values[key] == nil { r.values[key] = value }
            }
            xmlTextReaderMoveToElement(reader)
            // Atom: the alternate link (or one without rel) is the posting's link.
            if n == "link", let href, rel_ != "alternate", !rel_.isEmpty {
                if r.values[rel + "/@href"] == href { r.values[rel + "/@href"] = nil }
            }
            if n == "category" && r.open.count == 0, let term { r.tags.append(term) }
            if isEmpty {
                if r.values[rel] == nil { r.values[rel] = "" }
            } else {
                if !r.text.isEmpty, r.text.last != 0x0A { r.text.append(0x0A) }
                r.open.append((rel, r.text.count))
            }
        }

        func endElement(into r: inout RecordState) {
            guard let (rel, start) = r.open.popLast(), !r.oversized else { return }
            if r.values[rel] == nil || r.values[rel] == "" {
                r.values[rel] = String(decoding: r.text[start...], as: UTF8.self)
            }
            if rel == "category", state.kind == .rss {
                let v = trimmed(String(decoding: r.text[start...], as: UTF8.self))
                if !v.isEmpty { r.tags.append(v) }
            }
            r.text.append(0x0A)
        }

        func appendText(into r: inout RecordState) {
            guard !r.oversized, let v = xmlTextReaderConstValue(reader) else { return }
            let n = strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self))
            if r.text.count + n > maxRecordBytes {
                r.oversized = true
                r.text.removeAll(keepingCapacity: false)
                r.values.removeAll()
                return
            }
            r.text.append(contentsOf: UnsafeBufferPointer(start: v, count: n))
        }

        var status: Int32 = 1
        while true {
            status = xmlTextReaderRead(reader)
            if status != 1 { break }
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let n = name()
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if !state.sawRoot {
                    state.sawRoot = true
                    (state.kind, state.recordPattern, state.absolute) = Self.kind(root: n, mapping: mapping)
                    state.effective = Self.effectiveMapping(mapping, kind: state.kind ?? .generic)
                    state.encoding = xmlTextReaderConstEncoding(reader).map { String(cString: $0) }
                    if state.kind == nil {
                        try body(.quarantined(QuarantinedRecord(
                            sourcePath: path, line: 1, offset: 0,
                            reason: "XML root element <\(n)> is not RSS, Atom or DEFTIS; "
                                + "give the record element with --record-path (e.g. --record-path \(n)/item)",
                            excerpt: "")))
                        return WalkEnd(status: 0)
                    }
                }
                if !isEmpty { stack.append(n) }
                if record != nil {
                    startElement(n, into: &record!, isEmpty: isEmpty)
                } else if supplier != nil {
                    startElement(n, into: &supplier!, isEmpty: isEmpty)
                } else {
                    let isRecord = atRecord(isEmpty ? n : nil)
                    let isSupplier = state.kind == .deftis && n == "coursesupplier"
                    if isRecord || isSupplier {
                        let line = locate(Int(xmlTextReaderGetParserLineNumber(reader)),
                                          xmlTextReaderCurrentNode(reader))
                        var r = RecordState(depth: depth, line: line.line, offset: line.offset)
                        if isRecord {
                            if state.recordName == nil {
                                state.recordName = xmlTextReaderConstName(reader).map { String(cString: $0) }
                            }
                            state.ancestors = outer
                            if line.line == state.lastRecordLine {
                                state.lastOrdinal += 1
                            } else {
                                (state.lastRecordLine, state.lastOrdinal) = (line.line, 1)
                            }
                            r.ordinal = state.lastOrdinal
                        }
                        recordAttributes(into: &r)
                        if isEmpty {
                            if isRecord { try finishRecord(r) }
                        } else if isRecord {
                            record = r
                        } else {
                            supplier = r
                        }
                    } else if !isEmpty {
                        outer.append(outerStartTag())
                    }
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                stack.removeLast()
                if let r = record, r.depth == depth {
                    record = nil
                    try finishRecord(r)
                } else if record != nil {
                    endElement(into: &record!)
                } else if let s = supplier, s.depth == depth {
                    supplier = nil
                    if let id = s.values["css_id"].map(trimmed), let nm = s.values["css_name"].map(trimmed) {
                        state.suppliers[id] = nm
                    }
                } else if supplier != nil {
                    endElement(into: &supplier!)
                } else {
                    outer.removeLast()
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if record != nil { appendText(into: &record!) } else if supplier != nil { appendText(into: &supplier!) }
            default:
                break
            }
        }
        return WalkEnd(status: status, inProgress: record.map { ($0.line, $0.offset, $0.ordinal) })
    }

    static func escapeAttribute(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The feed kind and record element path for a root element, or nil when records cannot be found.
    static func kind(root: String, mapping: FieldMapping) -> (XMLFeedKind?, [String], Bool) {
        if let p = mapping.recordPath, !p.isEmpty {
            let parts = p.lowercased().split(separator: "/").map(String.init)
            let k: XMLFeedKind = root == "deftiscat" ? .deftis : root == "feed" ? .atom
                : (root == "rss" || root == "rdf") ? .rss : .generic
            return (k, parts, p.hasPrefix("/"))
        }
        switch root {
        case "rss", "rdf": return (.rss, ["item"], false)
        case "feed": return (.atom, ["entry"], false)
        case "deftiscat": return (.deftis, ["course"], false)
        default: return (nil, [], false)
        }
    }

    /// The field mapping with the feed kind's own element paths after the user's (and the default) keys.
    static func effectiveMapping(_ m: FieldMapping, kind: XMLFeedKind) -> FieldMapping {
        var e = m
        let d = FieldMapping()
        /// Inserts preset keys after the user's overrides but before the defaults.
        func preset(_ list: inout [String], _ defaults: [String], _ keys: [String]) {
            list.insert(contentsOf: keys, at: max(0, list.count - defaults.count))
        }
        switch kind {
        case .atom:
            e.id += ["link/@href"]
            e.date += ["updated"]
            e.employer += ["author/name", "author"]
        case .rss:
            e.id += ["link"]
            e.date += ["pubdate"]
            e.employer += ["author", "creator"]
        case .deftis:
            preset(&e.id, d.id, ["cs_id"])
            preset(&e.title, d.title, ["cs_name"])
            preset(&e.text, d.text, ["cs_desc_long"])
            preset(&e.date, d.date, ["courseschedules/schedule/s_start_date"])
            // City and country of the address (the country code tells a town below the gazetteer's 15,000
            // people where it is).
            preset(&e.region, d.region, ["cs_wdb_address/address/a_city+cs_wdb_address/address/a_country",
                                         "courseschedules/schedule/address/a_city+courseschedules/schedule/address/a_country"])
            preset(&e.employer, d.employer, ["#supplier", "cs_wdb_address/address/a_name"])
        case .generic:
            break
        }
        // Element paths are compared lower-cased; lower-case the keys once here, not per record.
        for k in [\FieldMapping.id, \.title, \.text, \.date, \.region, \.employer] {
            e[keyPath: k] = e[keyPath: k].map { $0.lowercased() }
        }
        return e
    }
}
