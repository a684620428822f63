import Foundation
import SkillIO

/// The records of an uncompressed UTF-8 JSON Lines or CSV file that start at a byte in `start ..< end` (`end` nil: to
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

/// Where a range's reading starts: the offset of its first line, the lines and records (non-blank or over-long
/// lines) before it, and the offset at which it ends.
struct RangeOrigin {
    var offset: Int
    var lines: Int
    var records: Int
    var end: Int?
}

/// Thrown to stop reading once a range's records are all delivered.
struct RangeDone: Error {}

extension IngestEvent {
    /// Byte offset where the record (or the quarantined record) starts.
    var offset: Int {
        switch self {
        case .record(let r): r.offset
        case .quarantined(let q): q.offset
        }
    }
}

extension InputReader {
    /// `range` when `path` is CSV or TSV (read from its start, records kept by where they start); nil for other
    /// formats. Throws unless the file is uncompressed UTF-8.
    func csvRange(_ path: String, format: InputFormat, range: RecordRange) throws -> RecordRange? {
        guard format == .csv || format == .tsv else { return nil }
        if let e = mapping.encoding, e != .utf8 { throw IngestError("\(path): a byte range needs UTF-8 input (\(e) given)") }
        _ = try Self.rangeOrigin(path, start: 0, maxLineBytes: maxRecordBytes) // refuses gzip and UTF-16
        return range
    }

    /// The origin of `range` in `path`; throws unless the file is uncompressed UTF-8 JSON Lines.
    func origin(_ path: String, format: InputFormat, range: RecordRange) throws -> RangeOrigin {
        guard format == .jsonl else {
            throw IngestError("\(path): a byte range needs JSON Lines or CSV input (this is \(format.rawValue))")
        }
        if let e = mapping.encoding, e != .utf8 { throw IngestError("\(path): a byte range needs UTF-8 input (\(e) given)") }
        let o = try Self.rangeOrigin(path, start: range.start, maxLineBytes: maxRecordBytes)
        return RangeOrigin(offset: o.offset, lines: o.lines, records: o.records, end: range.end)
    }

    /// Where the first record starting at or after `start` begins, the lines before it and the records
    /// (non-blank lines) among them. O(start).
    static func rangeOrigin(_ path: String, start: Int, maxLineBytes: Int) throws -> (offset: Int, lines: Int, records: Int) {
        guard let f = fopen(path, "rb") else { throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0, lineStart = 0, lines = 0, records = 0
        var blank = true // the current line so far holds only spaces, tabs and a final CR
        var head = [UInt8](repeating: 0, count: 3)
        let headBytes = fread(&head, 1, 3, f)
        if headBytes >= 2 {
            if head[0] == 0x1F, head[1] == 0x8B { throw IngestError("\(path): a byte range needs an uncompressed file (this one is gzip)") }
            if head[0...1] == [0xFF, 0xFE] || head[0...1] == [0xFE, 0xFF] {
                throw IngestError("\(path): a byte range needs UTF-8 input (this file is UTF-16)")
            }
        }
        let bom = headBytes == 3 && head == [0xEF, 0xBB, 0xBF] ? 3 : 0 // a UTF-8 byte-order mark opens the first line
        rewind(f)
        while lineStart < start {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { return (consumed, lines, records) } // the range starts after the last line
            var i = 0
            while i < n, lineStart < start {
                let b = buffer[i]
                if b == 0x0A {
                    let end = consumed + i
                    // A line over the limit is a quarantined record, blank or not.
                    let length = end - lineStart - (lineStart == 0 ? bom : 0)
                    if !blank || length > maxLineBytes { records += 1 }
                    lines += 1
                    lineStart = end + 1
                    blank = true
                } else if blank, b != 0x20, b != 0x09, b != 0x0D, consumed + i >= bom {
                    blank = false
                }
                i += 1
            }
            consumed += n
        }
        return (lineStart, lines, records)
    }
}
