import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file's bytes as one contiguous buffer: memory-mapped (read-only, private) when the file is plain,
/// decompressed into memory through ``ByteSource`` when it is gzip (detected by content, not by name).
///
/// The owner of the mapping: non-copyable, it unmaps in `deinit`, and it lends the bytes out only inside
/// ``withBytes(_:)``. Opening a plain file is O(1) (pages are read on first touch) unless `prefault` is set;
/// then the pages are read in while opening (`MAP_POPULATE` on Linux; elsewhere the kernel is asked to read
/// ahead), so a timed scan that follows does not include reading the file. A gzip file is O(file size) either way.
public struct MappedBytes: ~Copyable {
    public let path: String
    /// Number of bytes (after decompression for gzip).
    public let count: Int
    private let mapping: UnsafeMutableRawPointer?
    private let owned: [UInt8]

    /// True when the bytes are a mapping of the file; false for a gzip file (decompressed) or an empty one.
    public var isMapped: Bool { mapping != nil }

    /// Opens `path`; throws an ``InputError`` (what failed, with the system's reason) when it is missing, a
    /// directory, unreadable or cannot be mapped, or when its gzip stream is truncated or corrupt.
    public init(path: String, prefault: Bool = false) throws {
        // Everything that can throw happens before the first stored property is set (a non-copyable value
        // must be wholly initialized or not at all).
        (mapping, owned, count) = try Self.mapOrRead(path, prefault: prefault)
        self.path = path
    }

    /// The mapping and its length, or the decompressed bytes (and their count) for gzip and empty files.
    private static func mapOrRead(_ path: String, prefault: Bool) throws -> (UnsafeMutableRawPointer?, [UInt8], Int) {
        try ByteSource.checkIsFile(path)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(path: path, message: "cannot open: \(reason())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError(path: path, message: "cannot read its size: \(reason())") }
        let length = Int(st.st_size)
        var magic: [UInt8] = [0, 0]
        let isGzip = length >= 2 && pread(fd, &magic, 2, 0) == 2 && magic == [0x1F, 0x8B]
        if isGzip || length == 0 {
            let bytes = isGzip ? try ByteSource(path: path).readAll() : []
            return (nil, bytes, bytes.count)
        }
        #if os(Linux)
        let flags = prefault ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let m = mmap(nil, length, PROT_READ, flags, fd, 0), m != MAP_FAILED else {
            throw InputError(path: path, message: "cannot map \(length) bytes into memory: \(reason())")
        }
        #if !os(Linux)
        if prefault { madvise(m, length, MADV_WILLNEED) }
        #endif
        madvise(m, length, MADV_SEQUENTIAL)
        return (m, [], length)
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }

    /// Calls `body` with the bytes; they are valid only during the call.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let mapping {
            return try body(UnsafeBufferPointer(start: mapping.assumingMemoryBound(to: UInt8.self), count: count))
        }
        return try owned.withUnsafeBufferPointer(body)
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
