/// Why a binary image (a compiled matcher or taxonomy) cannot be read.
public struct BinaryImageError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Appends little-endian integers, byte runs and length-prefixed strings to a byte array.
///
/// The layout is fixed-width and little-endian on every platform, so an image written on one machine reads
/// the same on another. O(1) amortized per value.
public struct BinaryImageWriter {
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity n: Int = 0) { bytes.reserveCapacity(n) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    /// A count or length; refuses values that do not fit the 32-bit field.
    public mutating func count(_ n: Int) {
        precondition(n >= 0 && n <= Int(UInt32.max), "length does not fit a 32-bit field")
        u32(UInt32(n))
    }
    public mutating func raw<C: Collection>(_ b: C) where C.Element == UInt8 { bytes.append(contentsOf: b) }
    /// A length-prefixed UTF-8 string.
    public mutating func string(_ s: String) {
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }
    /// A count-prefixed array of 32-bit values, written as one block.
    public mutating func u32Array(_ a: [UInt32]) {
        count(a.count)
        for v in a { u32(v) }
    }
    /// A count-prefixed array of 64-bit values.
    public mutating func u64Array(_ a: [UInt64]) {
        count(a.count)
        for v in a { u64(v) }
    }
    /// Pads with zero bytes to a multiple of `n` (keeps arrays aligned for direct copies).
    public mutating func align(_ n: Int) {
        while bytes.count % n != 0 { bytes.append(0) }
    }
}

/// Reads what ``BinaryImageWriter`` wrote, checking every length against the bytes left: a truncated or
/// corrupt image throws ``BinaryImageError`` instead of reading out of bounds.
public struct BinaryImageReader {
    public let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    public var remaining: Int { base.count - offset }

    mutating func need(_ n: Int, _ what: String) throws {
        guard n >= 0, n <= remaining else {
            throw BinaryImageError("truncated image: \(what) needs \(n) bytes at offset \(offset), \(remaining) left")
        }
    }

    public mutating func u8(_ what: String = "byte") throws -> UInt8 {
        try need(1, what)
        defer { offset += 1 }
        return base[offset]
    }
    public mutating func u32(_ what: String = "u32") throws -> UInt32 {
        try need(4, what)
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    public mutating func u64(_ what: String = "u64") throws -> UInt64 {
        try need(8, what)
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    /// A count written by ``BinaryImageWriter/count(_:)``, bounded by `max`.
    public mutating func count(_ what: String, max: Int = Int(UInt32.max)) throws -> Int {
        let n = Int(try u32(what))
        guard n <= max else { throw BinaryImageError("corrupt image: \(what) = \(n) exceeds \(max)") }
        return n
    }
    public mutating func raw(_ n: Int, _ what: String) throws -> UnsafeRawBufferPointer {
        try need(n, what)
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)])
    }
    public mutating func bytes(_ n: Int, _ what: String) throws -> [UInt8] {
        Array(try raw(n, what))
    }
    public mutating func string(_ what: String = "string") throws -> String {
        let n = try count(what, max: remaining)
        let r = try raw(n, what)
        return String(decoding: r, as: UTF8.self)
    }
    /// A count-prefixed array of 32-bit values; one copy (little-endian hosts) instead of a loop.
    public mutating func u32Array(_ what: String) throws -> [UInt32] { try integerArray(what) }
    /// A count-prefixed array of 64-bit values, as ``u32Array(_:)``.
    public mutating func u64Array(_ what: String) throws -> [UInt64] { try integerArray(what) }

    private mutating func integerArray<T: FixedWidthInteger>(_ what: String) throws -> [T] {
        let size = MemoryLayout<T>.size
        let n = try count(what, max: remaining / size)
        let r = try raw(n * size, what)
        return [T](unsafeUninitializedCapacity: n) { buf, initialized in
            #if _endian(little)
            if n > 0, let dst = buf.baseAddress, let src = r.baseAddress {
                UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: n * size)
            }
            #else
            for i in 0..<n { buf[i] = T(littleEndian: r.loadUnaligned(fromByteOffset: i * size, as: T.self)) }
            #endif
            initialized = n
        }
    }
    public mutating func align(_ n: Int) throws {
        let pad = (n - offset % n) % n
        try need(pad, "alignment")
        offset += pad
    }
}

/// A fast 128-bit non-cryptographic content hash (four multiply-rotate lanes over 32-byte blocks, folded
/// with a final avalanche): the checksum of compiled images and the lookup key of cached taxonomies. Several
/// GB/s in optimized builds; it detects accidental corruption and content changes, not deliberate collisions.
/// Streaming in pieces gives the same result as one update.
public struct ContentHash128: Sendable {
    private var v0: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var v1: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var v2: UInt64 = 0x1656_67B1_9E37_79F9
    private var v3: UInt64 = 0x85EB_CA77_C2B2_AE63
    private var length: UInt64 = 0
    /// Bytes of an incomplete 32-byte block.
    private var pending: [UInt8] = []

    public init() {}

    @inline(__always)
    private static func round(_ acc: UInt64, _ w: UInt64) -> UInt64 {
        var a = acc &+ w &* 0xC2B2_AE3D_27D4_EB4F
        a = (a << 31) | (a >> 33)
        return a &* 0x9E37_79B9_7F4A_7C15
    }

    @inline(__always)
    private mutating func block(_ p: UnsafeRawBufferPointer, _ i: Int) {
        v0 = Self.round(v0, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
        v1 = Self.round(v1, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
        v2 = Self.round(v2, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
        v3 = Self.round(v3, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        if !pending.isEmpty {
            while pending.count < 32 && i < n { pending.append(bytes[i]); i += 1 }
            if pending.count == 32 {
                let full = pending
                full.withUnsafeBytes { block($0, 0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while n - i >= 32 {
            block(bytes, i)
            i += 32
        }
        while i < n { pending.append(bytes[i]); i += 1 }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }
    public mutating func update(_ s: String) { update(Array(s.utf8)) }

    private static func fmix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// The two 64-bit halves.
    public func finalize() -> (UInt64, UInt64) {
        var x = self
        if !x.pending.isEmpty {
            var tail = x.pending + [UInt8](repeating: 0, count: 32 - x.pending.count)
            tail[31] ^= UInt8(x.pending.count)
            tail.withUnsafeBytes { x.block($0, 0) }
        }
        let a = Self.fmix(x.v0 ^ Self.fmix(x.v2 &+ x.length))
        let b = Self.fmix(x.v1 ^ Self.fmix(x.v3 ^ (x.length &* 0x9E37_79B9_7F4A_7C15)))
        return (Self.fmix(a ^ (b >> 17)), Self.fmix(b &+ a))
    }

    /// 32 lower-case hex digits.
    public func hex() -> String {
        let (h1, h2) = finalize()
        func hex64(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex64(h1) + hex64(h2)
    }
}
