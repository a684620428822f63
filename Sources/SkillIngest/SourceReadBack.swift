import Foundation
import SkillIO

/// Where a stored posting came from: its ordinal among the file's records (``PostingRecord/ordinal``), its line
/// and its byte offset in the decoded input.
public struct SourcePosition: Sendable, Hashable, Comparable {
    public var record: Int
    public var line: Int
    public var offset: Int

    public init(record: Int, line: Int, offset: Int) {
        self.record = record
        self.line = line
        self.offset = offset
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.record, a.offset, a.line) < (b.record, b.offset, b.line)
    }
}

/// Why a posting's text could not be read back from its source.
public enum SourceReadProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file is not there (moved, renamed, deleted) or cannot be opened.
    case missing(String)
    /// The record at the stored position is not the posting that was analysed (its content hash differs):
    /// the file was edited or replaced since.
    case changed
    /// No record starts at the stored position any more.
    case notFound

    public var description: String {
        switch self {
        case .missing(let why): return "source file missing or unreadable (\(why))"
        case .changed: return "source changed since it was analysed (content hash differs)"
        case .notFound: return "no record at the stored position (source changed since it was analysed)"
        }
    }
}

/// Reads postings back from their source files, for stores that keep postings by reference (file, position,
/// content hash) instead of their text.
///
/// A record is read with the format and field mapping of the run that stored it and accepted only when its
/// content hash (``PostingRecord/contentHash``) equals the stored one, so a moved, edited or replaced source is
/// reported, never silently read as something else. Plain UTF-8 JSON Lines are read by seeking to each record
/// (O(records wanted)); every other input (gzip, other encodings, CSV, HTML, XML) is read through from the
/// start with the ingest reader, stopping after the last record wanted (O(file)).
public struct SourceReadBack: Sendable {
    public var path: String
    public var format: InputFormat
    public var mapping: FieldMapping

    public init(path: String, format: InputFormat, mapping: FieldMapping) {
        self.path = path
        self.format = format
        self.mapping = mapping
    }

    /// Calls `found` with each record at a wanted position whose content hash matches, in file order, and
    /// returns the problem of each wanted position that was not delivered. `wanted` maps a position to the
    /// stored content hash and record length (0 = unknown).
    public func read(_ wanted: [SourcePosition: (hash: String, length: Int)],
                     found: (SourcePosition, PostingRecord) throws -> Void) throws -> [SourcePosition: SourceReadProblem] {
        guard !wanted.isEmpty else { return [:] }
        guard FileManager.default.isReadableFile(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "not readable" : "not found"
            return wanted.mapValues { _ in .missing(why) }
        }
        var left = wanted
        var problems: [SourcePosition: SourceReadProblem] = [:]
        let reader = InputReader(mapping: mapping)
        if format == .jsonl, mapping.encoding == nil, let direct = try? DirectLines(path: path) {
            for position in wanted.keys.sorted() {
                guard let want = wanted[position],
                      let r = direct.record(at: position, length: want.length, reader: reader) else { continue }
                if r.contentHash == want.hash {
                    left[position] = nil
                    try found(position, r)
                }
            }
            if left.isEmpty { return [:] }
        }
        // Read through: the ingest reader, stopping once every remaining position has been passed.
        let last = left.keys.max()?.record ?? 0
        struct Done: Error {}
        do {
            try reader.readRaw(path, format: format) { event in
                guard case .record(let r) = event else { return }
                let position = SourcePosition(record: r.ordinal, line: r.line, offset: r.offset)
                if let want = left[position] {
                    left[position] = nil
                    if r.contentHash == want.hash { try found(position, r) } else { problems[position] = .changed }
                }
                if left.isEmpty || r.ordinal > last { throw Done() }
            }
        } catch is Done {
        } catch let e as InputError {
            for p in left.keys where problems[p] == nil { problems[p] = .missing(e.message) }
            return problems
        }
        for p in left.keys where problems[p] == nil { problems[p] = .notFound }
        return problems
    }
}

/// A plain (not compressed) file read by position: one JSON line at a time with `pread`.
private final class DirectLines {
    let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(path: path, message: "cannot open") }
        var magic: (UInt8, UInt8) = (0, 0)
        let n = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) }
        // gzip (1F 8B) and UTF-16 byte-order marks: positions are in the decoded stream, not the file.
        if n == 2, magic == (0x1F, 0x8B) || magic == (0xFF, 0xFE) || magic == (0xFE, 0xFF) {
            close(fd)
            throw InputError(path: path, message: "not plain UTF-8")
        }
    }

    deinit { close(fd) }

    /// The record of the line at `position` (nil when it is not one), reading `length` bytes or up to the
    /// line's end.
    func record(at position: SourcePosition, length: Int, reader: InputReader) -> PostingRecord? {
        var bytes: [UInt8] = []
        var at = off_t(position.offset)
        let chunk = length > 0 ? length : 1 << 14
        var buffer = [UInt8](repeating: 0, count: chunk)
        while bytes.count < reader.maxRecordBytes {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunk, at) }
            guard n > 0 else { break }
            if let nl = buffer[0..<n].firstIndex(of: 0x0A) {
                bytes.append(contentsOf: buffer[0..<nl])
                break
            }
            bytes.append(contentsOf: buffer[0..<n])
            if length > 0, bytes.count >= length { break }
            at += off_t(n)
        }
        if length > 0, bytes.count > length { bytes.removeLast(bytes.count - length) }
        if bytes.last == 0x0D { bytes.removeLast() }
        let event = bytes.withUnsafeBufferPointer {
            reader.jsonRecord($0, path: path, line: position.line, offset: position.offset)
        }
        guard case .record(var r) = event else { return nil }
        r.length = bytes.count
        r.ordinal = position.record
        return r
    }
}
