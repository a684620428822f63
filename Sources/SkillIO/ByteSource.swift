import CZlib
import Foundation

/// An error reading an input, with a message a user can act on.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Reads the bytes of a file, plain or gzip-compressed (detected by content, not by name), in chunks.
///
/// zlib's `gzread` passes plain files through unchanged, so one reader serves both. A truncated or corrupt
/// gzip stream is reported as an ``InputError`` after the bytes that could be read. For a whole file in memory
/// at once (memory-mapped when plain), see ``MappedBytes``.
public final class ByteSource {
    public let path: String
    private var file: gzFile?
    /// Bytes delivered so far (decompressed).
    public private(set) var offset: Int = 0
    /// Bytes read ahead in text mode (not yet delivered as UTF-8).
    private var rawOffset = 0

    /// Opens `path`; throws if it cannot be opened.
    public init(path: String) throws {
        self.path = path
        try Self.checkIsFile(path)
        guard let f = gzopen(path, "rb") else {
            throw InputError(path: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        gzbuffer(f, 1 << 17)
        file = f
    }

    /// Opens `path` as text to be delivered as UTF-8: a UTF-16 byte-order mark is honoured (and removed),
    /// otherwise `encoding` (nil: UTF-8) is converted to UTF-8. A UTF-8 byte-order mark wins over `encoding`
    /// and is passed through (the line and CSV readers skip it). ``offset`` then counts UTF-8 bytes delivered.
    public convenience init(path: String, encoding: TextEncoding?) throws {
        try self.init(path: path)
        textMode = true
        requestedEncoding = encoding
    }

    /// Throws an ``InputError`` unless `path` names an existing file that is not a directory.
    static func checkIsFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, message: "no such file; check the path")
        }
        guard !isDirectory.boolValue else {
            throw InputError(path: path, message: "is a directory; pass the files inside it")
        }
    }

    private var textMode = false
    private var requestedEncoding: TextEncoding?
    private var decided = false
    private var transcoder: Transcoder?
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var rawEnded = false
    /// The encoding the input was read in (after ``read(into:)`` was called once in text mode).
    public private(set) var encoding: TextEncoding = .utf8

    deinit {
        if let file { gzclose(file) }
    }

    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at end of input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard textMode, buffer.count > 0 else { return try rawRead(into: buffer, count: true) }
        if !decided {
            decided = true
            var head = [UInt8](repeating: 0, count: 1 << 16)
            let n = try head.withUnsafeMutableBytes { try rawRead(into: $0, count: false) }
            head.removeSubrange(n...)
            var skip = 0
            let bom = head.withUnsafeBytes { TextEncoding.sniffBOM($0) }
            if let (e, length) = bom {
                encoding = e
                if e != .utf8 { skip = length }
            } else {
                encoding = requestedEncoding ?? .utf8
            }
            if encoding == .utf8 {
                pending = head
            } else {
                var t = Transcoder(encoding)
                head.withUnsafeBytes { t.decode(UnsafeRawBufferPointer(rebasing: $0[skip...]), into: &pending) }
                transcoder = t
            }
            if n == 0 { rawEnded = true }
        }
        while pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
            if rawEnded { return 0 }
            if transcoder == nil { return try rawRead(into: buffer, count: true) }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = try chunk.withUnsafeMutableBytes { try rawRead(into: $0, count: false) }
            if n == 0 {
                rawEnded = true
                transcoder?.finish(into: &pending)
            } else {
                chunk.withUnsafeBytes { transcoder?.decode(UnsafeRawBufferPointer(rebasing: $0[0..<n]), into: &pending) }
            }
        }
        let n = min(buffer.count, pending.count - pendingStart)
        pending.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[pendingStart..<(pendingStart + n)]))
        }
        pendingStart += n
        offset += n
        return n
    }

    /// Compressed-or-plain bytes as stored; `count` adds them to ``offset``.
    private func rawRead(into buffer: UnsafeMutableRawBufferPointer, count: Bool) throws -> Int {
        guard let file, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = gzread(file, base, UInt32(min(buffer.count, Int(Int32.max))))
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            throw InputError(path: path, message: "read failed after \(offset + rawOffset) bytes: \(message)")
        }
        if n == 0 {
            // gzread returns 0 both at a clean end and at a truncated stream; gzerror tells them apart.
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
            if code != Z_OK && code != Z_STREAM_END {
                throw InputError(path: path,
                                 message: "compressed data is truncated or corrupt after \(max(offset, rawOffset)) bytes: \(message)")
            }
        }
        if count { offset += Int(n) } else { rawOffset += Int(n) }
        return Int(n)
    }

    /// Moves to byte `offset` of an uncompressed file opened without a text encoding; what is read next starts
    /// there (and ``offset`` counts from there).
    public func seek(to position: Int) throws {
        guard let file, !textMode, gzdirect(file) == 1 || position == 0 else {
            throw InputError(path: path, message: "cannot start reading at byte \(position): the file is compressed")
        }
        guard gzseek(file, off_t(position), SEEK_SET) == off_t(position) else {
            throw InputError(path: path, message: "cannot start reading at byte \(position)")
        }
        offset = position
    }

    /// Reads everything that is left (for small files such as taxonomies).
    public func readAll() throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }
}

/// Convenience: the whole (decompressed) content of a file.
public func readFileBytes(_ path: String) throws -> [UInt8] {
    try ByteSource(path: path).readAll()
}
