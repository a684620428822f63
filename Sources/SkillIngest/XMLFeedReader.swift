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

    /// Reports how the input ended. After a well-formedness error in an ASCII-compatible document, reading
    /// resynchronises: see ``recover(_:state:context:errors:path:_:)``.
    private func finish(_ end: WalkEnd, state: FeedState, context: XMLInputContext, errors: XMLErrorSink,
                        path: String, _ body: (IngestEvent) throws -> Void) throws {
        if context.delivered == 0, context.refused == nil, context.ioError == nil {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "empty input: no XML root element", excerpt: "")))
        } else if end.status == -1, context.refused == nil, context.ioError == nil, state.kind != nil,
                  let start = Self.resyncPoint(end, state: state, context: context) {
            try recover(start, state: state, context: context, errors: errors, path: path, body)
        } else if end.status == -1 || context.refused != nil || context.ioError != nil {
            let inProgress = end.inProgress.map { " (the record starting on line \($0.line) is incomplete; "
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
        } else if !state.sawRoot {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: 1, offset: 0,
                                                    reason: "no XML root element (empty or not XML)", excerpt: "")))
        }
    }

    /// Where to look for the next record after an error: the start of the line of the record that was
    /// open (skipping the records that started earlier on that line), else of the last record's line
    /// (skipping all records started on it). Nil when those bytes are no longer kept (a record over 64 KiB
    /// or a line of more than 16,384 records ago) or the encoding is not ASCII-compatible (UTF-16/32).
    static func resyncPoint(_ end: WalkEnd, state: FeedState, context: XMLInputContext)
        -> (offset: Int, line: Int, skip: Int)? {
        if let e = state.encoding?.uppercased(), e.contains("16") || e.contains("32") || e.contains("UCS") {
            return nil
        }
        func kept(_ line: Int) -> Int? {
            guard let o = context.offset(ofLine: line), o >= context.recentStart else { return nil }
            return o
        }
        if let r = end.inProgress {
            return kept(r.line).map { ($0, r.line, r.ordinal - 1) }
        }
        if state.lastRecordLine > 0 {
            return kept(state.lastRecordLine).map { ($0, state.lastRecordLine, state.lastOrdinal) }
        }
        return context.recentStart == 0 ? (0, 1, 0) : nil
    }

    /// Continues after a well-formedness error, record by record: from the resynchronisation point the raw
    /// bytes are cut at each record start tag (`<entry`, `<item`, the `--record-path` element), and each
    /// piece up to its last record end tag is parsed as a standalone document inside the start tags (with
    /// their namespace declarations) of the elements that enclosed the last record, with the same options.
    /// A piece that is not well-formed becomes one quarantined entry with libxml2's message; every other
    /// piece delivers its records. The first error is quarantined on its own only when it lies outside every
    /// broken piece (between records). Memory stays O(largest record).
    private func recover(_ start: (offset: Int, line: Int, skip: Int), state: FeedState, context: XMLInputContext,
                         errors: XMLErrorSink, path: String, _ body: (IngestEvent) throws -> Void) throws {
        let name = state.recordName ?? state.recordPattern.last ?? "item"
        var scan = ResyncScanner(kept: context.recentBytes(from: start.offset), offset: start.offset,
                                 line: start.line, source: context.source, name: name,
                                 limit: 2 * maxRecordBytes + (1 << 16))
        let firstError = errors.first
        var firstErrorCovered = false
        func reportFirstError() throws {
            guard !firstErrorCovered else { return }
            firstErrorCovered = true
            let line = max(1, firstError?.line ?? context.lines)
            let message = firstError.map { "\($0.message) (line \($0.line), column \($0.column))" }
                ?? "libxml2 stopped reading"
            try body(.quarantined(QuarantinedRecord(
                sourcePath: path, line: line, offset: context.offset(ofLine: line) ?? context.delivered,
                reason: "malformed XML between records: " + message, excerpt: context.excerpt(line: line))))
        }
        let openTags = state.ancestors.joined()
        let closeTags = state.ancestors.reversed().map { tag -> String in
            let qname = tag.dropFirst().prefix { $0 != " " && $0 != ">" }
            return "</" + qname + ">"
        }.joined()
        let encoding = mapping.encoding.map { $0.rawValue.uppercased() }
            ?? state.encoding.flatMap { $0.uppercased() == "UTF-8" ? nil : $0 }

        var next = scan.nextStart(from: 0, keep: false)
        for _ in 0..<start.skip {
            guard let k = next else { break }
            next = scan.nextStart(from: k + 1, keep: false)
        }
        while let p = next {
            scan.drop(p)
            let q = scan.nextStart(from: 1, keep: true)
            let pieceLine = scan.line
            if let e = firstError, e.line < pieceLine { try reportFirstError() }
            if scan.overflowed {
                try body(.quarantined(QuarantinedRecord(
                    sourcePath: path, line: pieceLine, offset: scan.lineStart,
                    reason: "record of more than \(scan.limit) bytes of XML (after a malformed record) is over the limit",
                    excerpt: scan.excerpt(line: pieceLine))))
                scan.overflowed = false
                scan.drop(scan.buf.count)
                next = scan.nextStart(from: 0, keep: false)
                continue
            }
            let end = q ?? scan.buf.count
            let cut = scan.lastClose(before: end) ?? end
            let piece = Array(openTags.utf8) + scan.buf[0..<cut] + Array(closeTags.utf8)
            let failed = try parsePiece(piece, prefix: openTags.utf8.count, scan: scan, state: state,
                                        encoding: encoding, path: path, body)
            if let failed, let e = firstError, e.line >= pieceLine, e.line <= failed { firstErrorCovered = true }
            guard let q else { break }
            next = q
        }
        if let io = scan.ioError {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: scan.line, offset: scan.lineStart,
                                                    reason: "input ends early: \(io)", excerpt: "")))
        }
        try reportFirstError()
    }

    /// Parses one record piece (already wrapped); delivers its records, or one quarantined entry when it is
    /// not well-formed. Returns nil on success, else the last input line of the piece.
    private func parsePiece(_ piece: [UInt8], prefix: Int, scan: ResyncScanner, state: FeedState,
                            encoding: String?, path: String, _ body: (IngestEvent) throws -> Void) throws -> Int? {
        var events: [IngestEvent] = []
        let errors = XMLErrorSink()
        let end: WalkEnd? = try piece.withUnsafeBufferPointer { buf in
            try buf.withMemoryRebound(to: CChar.self) { chars in
                guard let reader = Self.memoryReader(chars, path: path, encoding: encoding) else { return nil }
                defer { xmlFreeTextReader(reader) }
                Self.attach(errors, to: reader)
                return try withExtendedLifetime(errors) {
                    try walk(reader, state: state, path: path, locate: { l, node in
                        var line = l
                        if let node, xmlGetLineNo(node) > 0 { line = Int(xmlGetLineNo(node)) }
                        return scan.position(ofPieceLine: line)
                    }, { events.append($0) })
                }
            }
        }
        let lastLine = scan.line + piece.lazy.filter { $0 == 0x0A }.count
        guard let end, end.status != -1 else {
            let e = errors.first
            let pieceLine = e?.line ?? 1
            let (line, offset) = scan.position(ofPieceLine: pieceLine)
            let column = (e?.column ?? 0) - (pieceLine == 1 ? prefix - (scan.offset - scan.lineStart) : 0)
            let message = e.map { "\($0.message) (line \(line), column \(column))" } ?? "libxml2 could not read it"
            try body(.quarantined(QuarantinedRecord(
                sourcePath: path, line: line, offset: offset,
                reason: "malformed XML: \(message); the record starting on line \(scan.line) is skipped and "
                    + "reading resumes at the next <\(scan.nameText)>",
                excerpt: scan.excerpt(line: line))))
            return lastLine
        }
        for e in events { try body(e) }
        return nil
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
    private func walk(_ reader: xmlTextReaderPtr, state: FeedState, path: String,
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
    private var recent: [UInt8] = [] // last bytes handed over, for excerpts and resynchronisation
    /// Input offset of the first byte still kept.
    private(set) var recentStart = 0
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

    /// The kept bytes from input offset `from` (at least ``recentStart``) to what was handed over.
    func recentBytes(from: Int) -> [UInt8] {
        Array(recent[max(0, from - recentStart)...])
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

/// The raw bytes after a well-formedness error, cut at record start tags; keeps line accounting.
struct ResyncScanner {
    /// Bytes from ``offset`` on: the current record piece and what has been read after it.
    private(set) var buf: [UInt8]
    /// Input offset of `buf[0]`, its line, and where that line starts.
    private(set) var offset: Int
    private(set) var line: Int
    private(set) var lineStart: Int
    let source: ByteSource
    /// `<name`, compared ASCII case-insensitively.
    private let open: [UInt8]
    private let close: [UInt8]
    let nameText: String
    /// Bytes one piece may hold while looking for the next record.
    let limit: Int
    var overflowed = false
    private(set) var ioError: String?
    private var eof = false

    init(kept: [UInt8], offset: Int, line: Int, source: ByteSource, name: String, limit: Int) {
        buf = kept
        self.offset = offset
        self.line = line
        lineStart = offset
        self.source = source
        nameText = name
        open = Array(("<" + name).lowercased().utf8)
        close = Array(("</" + name).lowercased().utf8)
        self.limit = limit
    }

    private mutating func more() -> Bool {
        guard !eof else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { eof = true; return false }
            buf.append(contentsOf: chunk[0..<n])
            return true
        } catch let e as InputError {
            ioError = e.message
        } catch {
            ioError = "\(error)"
        }
        eof = true
        return false
    }

    private func matches(_ word: [UInt8], at k: Int) -> Bool {
        guard k + word.count < buf.count else { return false }
        for (i, w) in word.enumerated() {
            let b = buf[k + i]
            if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != w { return false }
        }
        return true
    }

    private static func ends(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
    }

    /// Index of the next record start tag at or after `from`, reading more input as needed; nil at the end
    /// of input or when the piece grows over ``limit`` (``overflowed``) while `keep` is set. Without `keep`,
    /// scanned bytes are dropped as they are passed.
    mutating func nextStart(from: Int, keep: Bool) -> Int? {
        var k = from
        while true {
            while k + open.count < buf.count {
                if buf[k] == 0x3C, matches(open, at: k), Self.ends(buf[k + open.count]) { return k }
                k += 1
            }
            if buf.count > limit {
                if keep {
                    overflowed = true
                    return nil
                }
                drop(k)
                k = 0
            }
            if !more() { return nil }
        }
    }

    /// The index just after the last record end tag (`</name>`) before `end`, if any.
    func lastClose(before end: Int) -> Int? {
        var k = end - close.count
        while k >= 0 {
            if buf[k] == 0x3C, matches(close, at: k) {
                var j = k + close.count
                while j < end, buf[j] == 0x20 || buf[j] == 0x09 || buf[j] == 0x0A || buf[j] == 0x0D { j += 1 }
                if j < end, buf[j] == UInt8(ascii: ">") { return j + 1 }
            }
            k -= 1
        }
        return nil
    }

    /// Drops the first `n` bytes.
    mutating func drop(_ n: Int) {
        guard n > 0 else { return }
        for i in 0..<n where buf[i] == 0x0A {
            line += 1
            lineStart = offset + i + 1
        }
        offset += n
        buf.removeFirst(n)
    }

    /// The input line and line-start offset of line `l` of the current piece (line 1 starts at `buf[0]`).
    func position(ofPieceLine l: Int) -> (line: Int, offset: Int) {
        guard l > 1 else { return (line, lineStart) }
        var seen = 1
        for (i, b) in buf.enumerated() where b == 0x0A {
            seen += 1
            if seen == l { return (line + l - 1, offset + i + 1) }
        }
        return (line, lineStart)
    }

    /// Up to 200 characters of input line `l` of the current piece.
    func excerpt(line l: Int) -> String {
        let start = position(ofPieceLine: l - line + 1).offset - offset
        let from = max(0, start)
        let to = buf[from...].firstIndex(of: 0x0A) ?? buf.count
        return CSVReader.excerpt(HTMLText.collapseSpaces(String(decoding: buf[from..<min(to, from + 800)],
                                                                as: UTF8.self)))
    }
}
