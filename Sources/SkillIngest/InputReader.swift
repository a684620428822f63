import Foundation
import SkillIO

/// Input formats; detected from the file name (a trailing `.gz` is ignored), overridable.
public enum InputFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one JSON object per line.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
    /// Tab-separated, same rules as CSV.
    case tsv
    /// One HTML page per file: its visible text is one record.
    case html
    /// An XML feed: RSS, Atom, DEFTIS, or records at a given element path.
    case xml

    /// The format for a path, or nil when the extension is not known.
    public static func detect(_ path: String) -> InputFormat? {
        var name = URL(fileURLWithPath: path).lastPathComponent.lowercased()
        if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
        switch (name as NSString).pathExtension {
        case "jsonl", "ndjson", "json": return .jsonl
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "html", "htm", "xhtml": return .html
        case "xml", "rss", "atom", "rdf": return .xml
        default: return nil
        }
    }
}

/// Reads the records of one input file and reports each as a record or a quarantined record.
///
/// Never throws for bad content: every unreadable record is delivered as `.quarantined` with its line,
/// byte offset and reason, and an input that ends early (truncated gzip) adds one quarantined entry
/// saying so. It throws only when the file cannot be opened at all.
public struct InputReader: Sendable {
    public var mapping: FieldMapping
    /// Records over this size are quarantined without being buffered whole.
    public var maxRecordBytes: Int

    public init(mapping: FieldMapping = FieldMapping(), maxRecordBytes: Int = 8 << 20) {
        self.mapping = mapping
        self.maxRecordBytes = maxRecordBytes
    }

    /// Reads `path` in `format`, calling `body` for every record in order.
    ///
    /// A record without an id gets `sha256:<first 16 hex digits of the file's SHA-256>:<line>` as its id:
    /// reading the same file again yields the same ids ("already stored"), while identical records on
    /// different lines stay distinct records (and are then flagged as duplicates by content).
    public func read(_ path: String, format: InputFormat, fileDigest: String? = nil,
                     _ body: (IngestEvent) throws -> Void) throws {
        try read(path, format: format, fileDigest: { try fileDigest ?? SHA256.hexOfFile(path) }, body)
    }

    /// As ``read(_:format:fileDigest:_:)``, with the file's digest asked for only when the first record
    /// without an id needs it (a caller can compute it on another thread meanwhile).
    /// With a `range`, only the records of an uncompressed UTF-8 JSON Lines file that start in it
    /// (``RecordRange``), numbered as in a read of the whole file.
    public func read(_ path: String, format: InputFormat, fileDigest: () throws -> String, range: RecordRange? = nil,
                     _ body: (IngestEvent) throws -> Void) throws {
        _ = try ByteSource(path: path) // a missing or unreadable file is reported as such, before hashing
        var anonymousPrefix: String?
        // JSON Lines ranges start reading at their first line; CSV ranges (a quoted field may hold newlines, so
        // where a record starts is known only by parsing from the start) parse from the file's start and keep
        // the records that start in the range.
        let keep = try range.flatMap { try csvRange(path, format: format, range: $0) }
        let from = keep == nil ? try range.map { try origin(path, format: format, range: $0) } : nil
        do {
            try readRaw(path, format: format, from: from) { event in
                if let keep {
                    guard event.offset >= keep.start else { return }
                    if let end = keep.end, event.offset >= end { throw RangeDone() }
                }
                try body(try event.updatingRecord { r in
                    guard r.sourceID == nil else { return }
                    if anonymousPrefix == nil { anonymousPrefix = "sha256:" + (try fileDigest()).prefix(16) + ":" }
                    r.sourceID = (anonymousPrefix ?? "") + String(r.line)
                })
            }
        } catch is RangeDone {}
    }

    /// Reads every event of `path` (from `origin` on, when given), each record numbered by its ordinal among the
    /// file's events.
    func readRaw(_ path: String, format: InputFormat, from origin: RangeOrigin? = nil,
                 _ body: (IngestEvent) throws -> Void) throws {
        var ordinal = origin?.records ?? 0
        try readEvents(path, format: format, from: origin) { event in
            defer { ordinal += 1 }
            try body(event.updatingRecord { $0.ordinal = ordinal })
        }
    }

    func readEvents(_ path: String, format: InputFormat, from origin: RangeOrigin? = nil,
                    _ body: (IngestEvent) throws -> Void) throws {
        // Line formats are converted to UTF-8 as they are read; HTML and XML get their raw bytes (they
        // declare their encoding themselves, which the HTML and XML readers honour). A range of a (UTF-8) file
        // is read raw from its first line.
        let source = format == .html || format == .xml || origin != nil
            ? try ByteSource(path: path) : try ByteSource(path: path, encoding: mapping.encoding)
        if let origin { try source.seek(to: origin.offset) }
        var lastLine = origin?.lines ?? 0
        do {
            switch format {
            case .jsonl: try readJSONL(source, path, from: origin) { lastLine = $0 } body: { try body($0) }
            case .csv, .tsv:
                let delimiter = mapping.delimiter ?? (format == .tsv ? 9 : 44)
                try readCSV(source, path, delimiter: delimiter) { lastLine = $0 } body: { try body($0) }
            case .html:
                let (bytes, total) = try readHTMLBytes(source)
                if let bytes {
                    try body(HTMLText.record(bytes, path: path, mapping: mapping, maxBytes: maxRecordBytes)
                        .updatingRecord { $0.length = bytes.count })
                } else {
                    try body(.quarantined(QuarantinedRecord(
                        sourcePath: path, line: 0, offset: 0,
                        reason: "page of \(total) bytes is over the \(maxRecordBytes)-byte limit", excerpt: "")))
                }
            case .xml:
                try XMLFeedReader(mapping: mapping, maxRecordBytes: maxRecordBytes).read(source, path: path, body)
            }
        } catch let error as InputError {
            try body(.quarantined(QuarantinedRecord(sourcePath: path, line: lastLine + 1, offset: source.offset,
                                                    reason: "input ends early: \(error.message)", excerpt: "")))
        }
    }

    /// The whole page and its size; nil bytes when it is over the record limit (never buffered whole).
    func readHTMLBytes(_ source: ByteSource) throws -> ([UInt8]?, Int) {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            total += n
            if total > maxRecordBytes {
                out = []
                continue // count the rest without keeping it
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return (total > maxRecordBytes ? nil : out, total)
    }

    /// The lines of `source` as records; from `origin` on (`source` positioned there), line numbers and offsets
    /// count from the file's start and reading stops at the first line that starts at or after its end.
    func readJSONL(_ source: ByteSource, _ path: String, from origin: RangeOrigin? = nil, progress: (Int) -> Void,
                   body: (IngestEvent) throws -> Void) throws {
        let lines = origin?.lines ?? 0, base = origin?.offset ?? 0
        struct RangeEnd: Error {}
        // Where a line starts in the file: the first line at byte 0 (a byte-order mark belongs to it).
        func startsPastEnd(_ number: Int, _ offset: Int) -> Bool {
            guard let end = origin?.end else { return false }
            return (base == 0 && number == 1 ? 0 : base + offset) >= end
        }
        do {
            try LineReader(maxLineBytes: maxRecordBytes).forEach(source) { event in
                switch event {
                case .tooLong(let n, let offset, let length):
                    if startsPastEnd(n, offset) { throw RangeEnd() }
                    progress(lines + n)
                    try body(.quarantined(QuarantinedRecord(
                        sourcePath: path, line: lines + n, offset: base + offset,
                        reason: "record of \(length) bytes is over the \(maxRecordBytes)-byte limit", excerpt: "")))
                case .line(let l):
                    if startsPastEnd(l.number, l.offset) { throw RangeEnd() }
                    progress(lines + l.number)
                    if l.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return } // blank line: not a record
                    try body(jsonRecord(l.bytes, path: path, line: lines + l.number, offset: base + l.offset)
                        .updatingRecord { $0.length = l.bytes.count })
                }
            }
        } catch is RangeEnd {}
    }

    func jsonRecord(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, offset: Int) -> IngestEvent {
        let excerpt = { CSVReader.excerpt(String(decoding: bytes, as: UTF8.self)) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: line, offset: offset,
                                                  reason: "invalid UTF-8", excerpt: excerpt()))
        }
        let fields: [String: JSONField]
        do {
            fields = try JSONObjectScanner().scan(bytes)
        } catch .notAnObject {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: line, offset: offset,
                                                  reason: "JSON value is not an object", excerpt: excerpt()))
        } catch {
            return .quarantined(QuarantinedRecord(sourcePath: path, line: line, offset: offset,
                                                  reason: "not valid JSON", excerpt: excerpt()))
        }
        // Nested paths (`llm_parsed.company`) need the whole value tree: parsed once, only when a key is a
        // path whose first member is an object or array here (flat corpora never pay for it).
        var tree: JSONValue??
        return mapping.record(path: path, line: line, offset: offset, excerpt: excerpt()) { key in
            if let field = fields[key] {
                switch field {
                case .string(let s): return s
                case .number(let n): return n
                default: return nil
                }
            }
            guard let dot = key.firstIndex(of: "."), fields[String(key[..<dot])] == .nested else { return nil }
            if tree == nil {
                // The scanner has validated the line; only nesting deeper than the tree parser's limit fails
                // here, and then the path is absent.
                tree = .some(try? JSONValue.parse(Array(bytes), maxDepth: Self.maxPathDepth))
            }
            return tree??.value(atPath: key)?.fieldText
        }
    }

    /// Nesting limit when a line is parsed whole for a nested field path (recursive parser).
    static let maxPathDepth = 128

    func readCSV(_ source: ByteSource, _ path: String, delimiter: UInt8, progress: (Int) -> Void,
                 body: (IngestEvent) throws -> Void) throws {
        var header: [String: Int]?
        var width = 0
        try CSVReader(delimiter: delimiter, maxRecordBytes: maxRecordBytes).forEach(source) { event in
            switch event {
            case .malformed(let line, let offset, let reason, let excerpt):
                progress(line)
                try body(.quarantined(QuarantinedRecord(sourcePath: path, line: line, offset: offset,
                                                        reason: reason, excerpt: excerpt)))
            case .record(let fields, let line, let offset):
                progress(line)
                guard let h = header else {
                    var map: [String: Int] = [:]
                    for (i, name) in fields.enumerated() {
                        map[name.trimmingCharacters(in: .whitespaces).lowercased()] = i
                    }
                    header = map
                    width = fields.count
                    return
                }
                let excerpt = CSVReader.excerpt(fields.joined(separator: ","))
                guard fields.count == width else {
                    try body(.quarantined(QuarantinedRecord(
                        sourcePath: path, line: line, offset: offset,
                        reason: "expected \(width) fields as in the header, found \(fields.count)", excerpt: excerpt)))
                    return
                }
                try body(mapping.record(path: path, line: line, offset: offset, excerpt: excerpt) { key in
                    h[key.lowercased()].map { fields[$0] }
                })
            }
        }
    }
}
