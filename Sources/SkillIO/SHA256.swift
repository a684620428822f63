import Crypto
import Foundation

/// SHA-256 (FIPS 180-4), streaming; used for input-file, taxonomy, rules and posting-content digests.
///
/// A thin value wrapper over swift-crypto's `SHA256` (BoringSSL on Linux, with the SHA extensions where the CPU has
/// them): the digests are the same as those of the hand-written implementation it replaced, so stored content
/// hashes, file digests and ids derived from them stay valid. O(n) in the bytes hashed.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest as lower-case hex; the hasher should not be used afterwards.
    public mutating func finalizeHex() -> String { Self.hexString(hasher.finalize()) }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex digest of a byte collection.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    /// Hex digest of a byte array (no copy).
    public static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hexString(Crypto.SHA256.hash(data: $0)) }
    }

    /// Hex digest of a buffer (no copy).
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String { hexString(Crypto.SHA256.hash(data: bytes)) }

    /// Hex digest of a string's UTF-8.
    public static func hex(_ string: String) -> String {
        var s = string
        return s.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// Hex digest of a file's raw (not decompressed) bytes, streamed.
    public static func hexOfFile(_ path: String) throws -> String {
        guard let f = fopen(path, "rb") else {
            throw InputError(path: path, message: "cannot open for hashing")
        }
        defer { fclose(f) }
        var h = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            chunk.withUnsafeBytes { h.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        if ferror(f) != 0 { throw InputError(path: path, message: "read error while hashing") }
        return h.finalizeHex()
    }
}
