import Foundation
import SkillIO

/// The records of an uncompressed UTF-8 JSON Lines file that start at a byte in `start ..< end` (`end` nil: to
/// the end of the file): one part of a file split for scanning on several processes or machines. Consecutive
/// ranges `0..<a`, `a..<b`, `b..<size` read every record exactly once, wherever the cuts fall.
public struct RecordRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int?

    public init(start: Int, end: Int?) {
        self.start = start
        self.end = end
    }

    /// Parses `START-END` or `START-` (byte offsets, END exclusive).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let s = Int(parts[0]), s >= 0, parts[1].isEmpty || Int(parts[1]).map({ $0 >= s }) == true else {
            throw IngestError("a range is START-END or START- in bytes, END not below START (got '\(text)')")
        }
        self.init(start: s, end: parts[1].isEmpty ? nil : Int(parts[1]))
    }

    public var description: String { "\(start)-\(end.map(String.init) ?? "")" }
}

extension InputReader {
    /// Reads the records of the JSON Lines file `path` that start in `range`, numbered (line, offset, ordinal,
    /// ids of records without one) exactly as a read of the whole file numbers them. The lines before the range
    /// are counted, not parsed (O(range.start) at memory speed). Throws when the file is compressed, not UTF-8,
    /// or not JSON Lines.
    public func read(_ path: String, range: RecordRange, fileDigest: () throws -> String,
                     _ body: (IngestEvent) throws -> Void) throws {
        if let e = mapping.encoding, e != .utf8 {
            throw IngestError("\(path): a byte range needs UTF-8 input (\(e) given)")
        }
        let origin = try Self.rangeOrigin(path, start: range.start, maxLineBytes: maxRecordBytes)
        let source = try ByteSource(path: path)
        try source.seek(to: origin.offset)
        var ordinal = origin.records
        var anonymousPrefix: String?
        struct Done: Error {}
        func deliver(_ event: IngestEvent) throws {
            defer { ordinal += 1 }
            try body(try event.updatingRecord { r in
                r.ordinal = ordinal
                guard r.sourceID == nil else { return }
                if anonymousPrefix == nil { anonymousPrefix = "sha256:" + (try fileDigest()).prefix(16) + ":" }
                r.sourceID = (anonymousPrefix ?? "") + String(r.line)
            })
        }
        var lastLine = origin.lines
        // Where a line starts in the file: the first line at byte 0 (a byte-order mark belongs to it).
        func lineStart(_ number: Int, _ offset: Int) -> Int { origin.offset == 0 && number == 1 ? 0 : origin.offset + offset }
        do {
            try LineReader(maxLineBytes: maxRecordBytes).forEach(source) { event in
                switch event {
                case .tooLong(let n, let offset, let length):
                    if let end = range.end, lineStart(n, offset) >= end { throw Done() }
                    lastLine = origin.lines + n
                    try deliver(.quarantined(QuarantinedRecord(
                        sourcePath: path, line: origin.lines + n, offset: origin.offset + offset,
                        reason: "record of \(length) bytes is over the \(maxRecordBytes)-byte limit", excerpt: "")))
                case .line(let l):
                    if let end = range.end, lineStart(l.number, l.offset) >= end { throw Done() }
                    lastLine = origin.lines + l.number
                    if l.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
                    try deliver(jsonRecord(l.bytes, path: path, line: origin.lines + l.number, offset: origin.offset + l.offset)
                        .updatingRecord { $0.length = l.bytes.count })
                }
            }
        } catch is Done {
        } catch let error as InputError {
            try deliver(.quarantined(QuarantinedRecord(sourcePath: path, line: lastLine + 1, offset: source.offset,
                                                       reason: "input ends early: \(error.message)", excerpt: "")))
        }
    }

    /// Where the first record starting at or after `start` begins, the lines before it and the records
    /// (non-blank lines) among them. O(start).
    static func rangeOrigin(_ path: String, start: Int, maxLineBytes: Int) throws -> (offset: Int, lines: Int, records: Int) {
        guard let f = fopen(path, "rb") else { throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0, lineStart = 0, lines = 0, records = 0
        var blank = true // the current line so far holds only spaces, tabs and a final CR
        var head = [UInt8](repeating: 0, count: 2)
        if fread(&head, 1, 2, f) == 2 {
            if head == [0x1F, 0x8B] { throw IngestError("\(path): a byte range needs an uncompressed file (this one is gzip)") }
            if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] {
                throw IngestError("\(path): a byte range needs UTF-8 input (this file is UTF-16)")
            }
        }
        rewind(f)
        while lineStart < start {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { return (consumed, lines, records) } // the range starts after the last line
            var i = 0
            while i < n, lineStart < start {
                let b = buffer[i]
                if b == 0x0A {
                    let end = consumed + i
                    // A line over the limit is a quarantined record, blank or not; a UTF-8 BOM opens the file.
                    let length = end - lineStart - (lineStart == 0 && Self.hasBOM(path) ? 3 : 0)
                    if !blank || length > maxLineBytes { records += 1 }
                    lines += 1
                    lineStart = end + 1
                    blank = true
                } else if blank, b != 0x20, b != 0x09, b != 0x0D {
                    blank = consumed + i < 3 && lineStart == 0 && Self.hasBOM(path) ? blank : false
                }
                i += 1
            }
            consumed += n
        }
        return (lineStart, lines, records)
    }

    private static func hasBOM(_ path: String) -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var b = [UInt8](repeating: 0, count: 3)
        return fread(&b, 1, 3, f) == 3 && b == [0xEF, 0xBB, 0xBF]
    }
}
