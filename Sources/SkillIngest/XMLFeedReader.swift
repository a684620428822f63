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
            if let encoding {
                return encoding.withCString {
                    xmlReaderForIO(readCallback, closeCallback, unmanaged.toOpaque(), url, $0, Self.options)
                }
            }
            return xmlReaderForIO(readCallback, closeCallback, unmanaged.toOpaque(), url, nil, Self.options)
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
        let errorsPointer = Unmanaged.passUnretained(errors).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, { ctx, error in
            guard let ctx, let error else { return }
            Unmanaged<XMLErrorSink>.fromOpaque(ctx).takeUnretainedValue().add(error.pointee)
        }, errorsPointer)
        try withExtendedLifetime(errors) {
            try walk(reader, context: context, errors: errors, path: path, body)
        }
    }

    /// The state of one record being collected.
    private struct RecordState {
        var depth: Int
        var line: Int
        var offset: Int
        var values: [String: String] = [:]
        var tags: [String] = []
        var text: [UInt8] = []
        /// Open elements below the record element: (path, start of their text in `text`).
        var open: [(path: String, start: Int)] = []
        var oversized = false
    }

    private func walk(_ reader: xmlTextReaderPtr, context: XMLInputContext, errors: XMLErrorSink, path: String,
                      _ body: (IngestEvent) throws -> Void) throws {
        var names: [UnsafePointer<xmlChar>: String] = [:] // libxml2 interns names: pointer identity = name
        func name() -> String {
            guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
            if let s = names[p] { return s }
            let s = String(cString: p).lowercased()
            names[p] = s
            return s
        }
        var stack: [String] = []
        var kind: XMLFeedKind?
        var effective = mapping
        var recordPattern: [String] = []
        var absolute = false
        var record: RecordState?
        var suppliers: [String: String] = [:] // DEFTIS: CSS_ID -> CSS_NAME
        var supplier: RecordState?
        var sawRoot = false

        /// Whether the open elements (plus `extra`, an empty element) end with the record path.
        /// (Checked only outside records, so the copy for an empty element is rare.)
        func atRecord(_ extra: String?) -> Bool {
            let path = extra.map { stack + [$0] } ?? stack
            if absolute { return path == recordPattern }
            return path.count >= recordPattern.count && path.suffix(recordPattern.count).elementsEqual(recordPattern)
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
            if kind == .deftis, let id = values["cs_supplierid"], let name = suppliers[trimmed(id)] {
                values["#supplier"] = name
            }
            var event = effective.record(path: path, line: r.line, offset: r.offset, excerpt: excerpt()) { key in
                values[key]
            }
            if case .record(var rec) = event {
                rec.title = HTMLText.plainText(rec.title, inline: true)
                rec.text = HTMLText.plainText(rec.text, inline: false)
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
            if rel == "category", kind == .rss {
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
                if !sawRoot {
                    sawRoot = true
                    (kind, recordPattern, absolute) = Self.kind(root: n, mapping: mapping)
                    effective = Self.effectiveMapping(mapping, kind: kind ?? .generic)
                    if kind == nil {
                        try body(.quarantined(QuarantinedRecord(
                            sourcePath: path, line: 1, offset: 0,
                            reason: "XML root element <\(n)> is not RSS, Atom or DEFTIS; "
                                + "give the record element with --record-path (e.g. --record-path \(n)/item)",
                            excerpt: "")))
                        return
                    }
                }
                if !isEmpty { stack.append(n) }
                if record != nil {
                    startElement(n, into: &record!, isEmpty: isEmpty)
                } else if supplier != nil {
                    startElement(n, into: &supplier!, isEmpty: isEmpty)
                } else {
                    let isRecord = atRecord(isEmpty ? n : nil)
                    let isSupplier = kind == .deftis && n == "coursesupplier"
                    if isRecord || isSupplier {
                        let line = context.line(forNodeLine: Int(xmlTextReaderGetParserLineNumber(reader)),
                                                node: xmlTextReaderCurrentNode(reader))
                        var state = RecordState(depth: depth, line: line.line, offset: line.offset)
                        recordAttributes(into: &state)
                        if isEmpty {
                            if isRecord { try finishRecord(state) }
                        } else if isRecord {
                            record = state
                        } else {
                            supplier = state
                        }
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
                        suppliers[id] = nm
                    }
                } else if supplier != nil {
                    endElement(into: &supplier!)
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if record != nil { appendText(into: &record!) } else if supplier != nil { appendText(into: &supplier!) }
            default:
                break
            }
        }
        if context.delivered == 0, context.refused == nil, context.ioError == nil {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "empty input: no XML root element", excerpt: "")))
        } else if status == -1 || context.refused != nil || context.ioError != nil {
            let inProgress = record.map { " (the record starting on line \($0.line) is incomplete; "
                + "nothing after this point can be read)" } ?? " (nothing after this point can be read)"
            let reason: String
            var line = errors.first?.line ?? context.lines
            if let refused = context.refused {
                reason = refused
                line = context.lines
            } else if let io = context.ioError {
                reason = "input ends early: \(io)" + inProgress
            } else if let e = errors.first {
                reason = "malformed XML: \(e.message) (line \(e.line), column \(e.column))" + inProgress
            } else {
                reason = "malformed XML: libxml2 stopped reading" + inProgress
            }
            let offset = context.offset(ofLine: line) ?? context.delivered
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: max(1, line), offset: offset,
                                                    reason: reason, excerpt: context.excerpt(line: line))))
        } else if !sawRoot {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "no XML root element (empty or not XML)", excerpt: "")))
        }
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
            preset(&e.region, d.region, ["cs_wdb_address/address/a_city", "courseschedules/schedule/address/a_city"])
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

/// First libxml2 errors of one parse.
final class XMLErrorSink {
    struct Entry {
        var message: String
        var line: Int
        var column: Int
    }
    private var firstFatal: Entry?
    private var firstError: Entry?
    /// The first fatal error (the one that stopped parsing), else the first error.
    var first: Entry? { firstFatal ?? firstError }

    func add(_ e: xmlError) {
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let fatal = e.level.rawValue >= XML_ERR_FATAL.rawValue
        if fatal ? firstFatal != nil : firstError != nil { return }
        let message = e.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines)
        let entry = Entry(message: message ?? "error \(e.code)", line: Int(e.line), column: Int(e.int2))
        if fatal { firstFatal = entry } else { firstError = entry }
    }
}

/// Feeds libxml2 from a ``ByteSource``; guards the prolog; remembers where recent lines start.
final class XMLInputContext {
    let source: ByteSource
    var ioError: String?
    var refused: String?
    /// Bytes handed to libxml2.
    var delivered = 0
    /// Lines seen so far (1-based number of the current line).
    var lines = 1
    /// Start offsets of the most recent lines: ring of (line, offset).
    private var ring: [(line: Int, offset: Int)] = Array(repeating: (0, 0), count: 1 << 14)
    private var recent: [UInt8] = [] // last bytes handed over, for excerpts
    private var recentStart = 0
    private var guardState = PrologGuard()

    init(_ source: ByteSource) {
        self.source = source
        ring[1 & (ring.count - 1)] = (1, 0)
    }

    func fill(_ buffer: UnsafeMutablePointer<CChar>, _ len: Int) -> Int32 {
        if refused != nil || ioError != nil { return -1 }
        let raw = UnsafeMutableRawBufferPointer(start: buffer, count: len)
        let n: Int
        do {
            n = try source.read(into: raw)
        } catch let e as InputError {
            ioError = e.message
            return -1
        } catch {
            ioError = "\(error)"
            return -1
        }
        if n == 0 { return 0 }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<n])
        if !guardState.done {
            if let why = guardState.feed(bytes) {
                refused = why
                lines += guardState.newlines
                ring[lines & (ring.count - 1)] = (lines, delivered + guardState.lineStart)
                return -1
            }
        }
        let mask = ring.count - 1
        if let base = bytes.baseAddress {
            var i = 0
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                lines += 1
                ring[lines & mask] = (lines, delivered + at + 1)
                i = at + 1
            }
        }
        delivered += n
        // Keep the last 64 KiB..128 KiB handed over, for excerpts of the line an error is on.
        if recent.count + n > 128 << 10 {
            let drop = recent.count + n - (64 << 10)
            if drop >= recent.count {
                recent.removeAll(keepingCapacity: true)
            } else {
                recent.removeFirst(drop)
            }
        }
        recent.append(contentsOf: bytes.suffix(128 << 10))
        recentStart = delivered - recent.count
        return Int32(n)
    }

    /// Where a line starts, when it is recent enough to be remembered.
    func offset(ofLine line: Int) -> Int? {
        let e = ring[line & (ring.count - 1)]
        return e.line == line ? e.offset : nil
    }

    /// The record's line (from the node, else the parser) and the byte offset of that line.
    func line(forNodeLine parserLine: Int, node: xmlNodePtr?) -> (line: Int, offset: Int) {
        var l = parserLine
        if let node {
            let nodeLine = Int(xmlGetLineNo(node))
            if nodeLine > 0 { l = nodeLine }
        }
        return (l, offset(ofLine: l) ?? delivered)
    }

    /// The start of the given line (up to 200 characters) if it is still in the recent bytes, else "".
    func excerpt(line: Int) -> String {
        guard let start = offset(ofLine: line), start >= recentStart, start < recentStart + recent.count else {
            return ""
        }
        let from = start - recentStart
        let to = recent[from...].firstIndex(of: 0x0A) ?? recent.count
        return CSVReader.excerpt(HTMLText.collapseSpaces(String(decoding: recent[from..<min(to, from + 800)],
                                                                as: UTF8.self)))
    }
}

/// Watches the bytes before the root element and refuses a DOCTYPE with an internal subset.
///
/// NUL bytes are ignored, so the ASCII markup of UTF-16 documents is recognized too.
struct PrologGuard {
    private enum State { case text, lt, pi, piQ, bang, bangDash, comment, dash1, dash2, doctype }
    private var state = State.text
    private var quote: UInt8 = 0
    private(set) var done = false
    /// In the chunk that was refused: line breaks before the refusal and where the refused line starts.
    private(set) var newlines = 0
    private(set) var lineStart = 0

    /// Feeds bytes; returns the refusal reason when the prolog declares an internal subset.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> String? {
        newlines = 0
        lineStart = 0
        for (i, b) in bytes.enumerated() where b != 0 {
            if b == 0x0A {
                newlines += 1
                lineStart = i + 1
            }
            switch state {
            case .text: if b == UInt8(ascii: "<") { state = .lt }
            case .lt:
                switch b {
                case UInt8(ascii: "?"): state = .pi
                case UInt8(ascii: "!"): state = .bang
                default: done = true; return nil
                }
            case .pi: if b == UInt8(ascii: "?") { state = .piQ }
            case .piQ: state = b == UInt8(ascii: ">") ? .text : b == UInt8(ascii: "?") ? .piQ : .pi
            case .bang: state = b == UInt8(ascii: "-") ? .bangDash : .doctype
            case .bangDash: state = b == UInt8(ascii: "-") ? .comment : .doctype
            case .comment: if b == UInt8(ascii: "-") { state = .dash1 }
            case .dash1: state = b == UInt8(ascii: "-") ? .dash2 : .comment
            case .dash2: state = b == UInt8(ascii: ">") ? .text : b == UInt8(ascii: "-") ? .dash2 : .comment
            case .doctype:
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: "[") {
                    return "XML document declares a DTD internal subset (entity declarations); refused: "
                        + "entities are never expanded, to rule out entity-expansion and external-entity attacks"
                } else if b == UInt8(ascii: ">") {
                    state = .text
                }
            }
        }
        return nil
    }
}
