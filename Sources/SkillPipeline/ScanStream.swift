import Foundation
import SkillIO
import SkillStore

/// The encoding of a scan stream.
public enum ScanEncoding: String, Sendable, CaseIterable {
    case binary
    case jsonl
}

/// Writes scan messages to a file or standard output (`-`), buffered, in one ``ScanEncoding``.
public final class ScanStreamWriter {
    public let encoding: ScanEncoding
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private let flushBytes = 1 << 20
    /// Also writes each message's duplicate keys here (`scan --keys`).
    public let keys: ScanKeysWriter?

    /// Opens `path` for writing (created or truncated; `-` = standard output); `keys`, when given, also gets
    /// each message's duplicate keys.
    public init(path: String, encoding: ScanEncoding, keys: ScanKeysWriter? = nil) throws {
        self.encoding = encoding
        self.keys = keys
        if path == "-" {
            handle = FileHandle.standardOutput
            ownsHandle = false
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let h = FileHandle(forWritingAtPath: path) else {
                throw ScanFormatError("\(path): cannot create the scan file")
            }
            handle = h
            ownsHandle = true
        }
        if encoding == .binary { buffer.append(contentsOf: ScanBinary.magic) }
    }

    public func write(_ message: ScanMessage) throws {
        switch encoding {
        case .binary: try ScanBinary.encode(message, into: &buffer)
        case .jsonl: try ScanJSONLines.encode(message, into: &buffer)
        }
        try keys?.write(message)
        if buffer.count >= flushBytes { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes (standard output is flushed, not closed).
    public func close() throws {
        try flush()
        try keys?.close()
        if ownsHandle { try handle.close() }
    }
}

/// Reads a scan stream (binary or JSON Lines, told apart by its first bytes; gzip-compressed or not) from a file
/// or standard input (`-`), message by message, checking its grammar: a header first, records only inside a
/// file, each file closed by its end, and an end message last (a stream without one was cut short).
public final class ScanStreamReader {
    public let path: String
    public private(set) var encoding: ScanEncoding = .binary
    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var decided = false
    private var header: ScanHeader?
    private var currentFile: String?
    private var finished = false
    private let decoder = JSONDecoder()
    /// The 1-based message number, for errors.
    private var messageNumber = 0

    public init(path: String) throws {
        self.path = path
        source = try ByteSource(path: path == "-" ? "/dev/stdin" : path)
    }

    /// The stream's header (read on first use).
    public func readHeader() throws -> ScanHeader {
        if let header { return header }
        guard case .header(let h)? = try next() else { throw fail("does not start with a scan header") }
        return h
    }

    /// The next message, or nil after the end message.
    public func next() throws -> ScanMessage? {
        guard !finished else { return nil }
        if !decided { try decide() }
        messageNumber += 1
        let message: ScanMessage
        do {
            message = try encoding == .binary ? nextBinary() : nextLine()
        } catch let e as ScanFormatError {
            throw fail(e.description)
        }
        switch message {
        case .header(let h):
            guard header == nil else { throw fail("a second header") }
            guard h.format == ScanHeader.formatName, h.version == ScanHeader.formatVersion else {
                throw fail("format \(h.format) version \(h.version); this engine reads \(ScanHeader.formatName) "
                           + "version \(ScanHeader.formatVersion)")
            }
            header = h
        case .file(let f):
            guard header != nil else { throw fail("a file before the header") }
            guard currentFile == nil else { throw fail("file \(f.path) begins before \(currentFile ?? "") ends") }
            currentFile = f.path
        case .record, .quarantined, .place:
            guard currentFile != nil else { throw fail("a record outside any file") }
        case .fileEnd(let e):
            guard currentFile == e.path else { throw fail("end of \(e.path), which was not begun") }
            currentFile = nil
        case .end:
            guard currentFile == nil else { throw fail("the stream ends inside \(currentFile ?? "")") }
            finished = true
        }
        return message
    }

    private func fail(_ why: String) -> ScanFormatError {
        ScanFormatError("\(path): scan message \(messageNumber): \(why)")
    }

    private func decide() throws {
        decided = true
        try fill(ScanBinary.magic.count)
        if buffer.count >= ScanBinary.magic.count, Array(buffer[0..<ScanBinary.magic.count]) == ScanBinary.magic {
            encoding = .binary
            start = ScanBinary.magic.count
        } else if buffer.first == UInt8(ascii: "{") {
            encoding = .jsonl
        } else if buffer.isEmpty {
            throw ScanFormatError("\(path): empty; not a scan stream")
        } else {
            throw ScanFormatError("\(path): not a scan stream (no SRSCAN01 magic, not JSON Lines)")
        }
    }

    /// Makes at least `count` unread bytes available unless the input ends first.
    private func fill(_ count: Int) throws {
        while buffer.count - start < count, !eof {
            if start > 0, start >= buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
            let chunk = max(1 << 16, count - (buffer.count - start))
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
            buffer.removeLast(chunk - n)
            if n == 0 { eof = true }
        }
    }

    private func nextBinary() throws -> ScanMessage {
        try fill(11)
        guard buffer.count > start else { throw ScanFormatError("the stream ends without an end message (cut short?)") }
        let kind = buffer[start]
        var lengthReader = ByteReader(buffer[(start + 1)...])
        let declared = try lengthReader.uint64()
        guard declared < 1 << 30 else { throw ScanFormatError("frame of \(declared) bytes") }
        let length = Int(declared)
        let headerBytes = 1 + lengthReader.consumed
        try fill(headerBytes + length)
        guard buffer.count - start >= headerBytes + length else { throw ScanFormatError("the stream ends inside a frame") }
        let payload = buffer[(start + headerBytes)..<(start + headerBytes + length)]
        start += headerBytes + length
        return try ScanBinary.decode(kind: kind, payload: payload, corpus: header?.corpus ?? .demand,
                                     path: currentFile ?? "")
    }

    private func nextLine() throws -> ScanMessage {
        var scanned = start // bytes before it hold no newline
        while true {
            if let nl = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                (start, scanned) = (nl + 1, nl + 1)
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { continue }
                return try ScanJSONLines.decode(line, decoder: decoder)
            }
            let pending = buffer.count - start
            try fill(pending + 1) // may move the unread bytes to the front
            scanned = start + pending
            guard buffer.count - start == pending else { continue }
            // The input ended: a last line without a newline is still a message.
            guard pending > 0 else { throw ScanFormatError("the stream ends without an end message (cut short?)") }
            let line = buffer[start...]
            start = buffer.count
            return try ScanJSONLines.decode(line, decoder: decoder)
        }
    }
}
