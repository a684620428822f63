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
