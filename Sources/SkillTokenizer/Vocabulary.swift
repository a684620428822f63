/// A dense numbering of normalized token strings: `TokenID` 1...count; 0 means "not in the vocabulary".
///
/// Stored as flat arrays (a byte arena, offsets, and an open-addressing slot table), so lookups do not
/// allocate. Lookup is O(token length) expected.
public struct Vocabulary: Sendable, Hashable {
    public typealias TokenID = UInt32
    public static let unknown: TokenID = 0

    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var offsets: [UInt32] = [0] // token i (1-based) is arena[offsets[i-1]..<offsets[i]]
    @usableFromInline var slots: [UInt32] = Array(repeating: 0, count: 16)
    @usableFromInline var mask: Int = 15

    public init() {}

    /// Number of distinct tokens.
    public var count: Int { offsets.count - 1 }

    /// Bytes held by the vocabulary's arrays (for memory reports).
    public var memoryBytes: Int { arena.count + offsets.count * 4 + slots.count * 4 }

    /// The normalized string of a token ID (1...count).
    public func string(for id: TokenID) -> String {
        precondition(id >= 1 && Int(id) <= count, "token id out of range")
        let lo = Int(offsets[Int(id) - 1]), hi = Int(offsets[Int(id)])
        return String(decoding: arena[lo..<hi], as: UTF8.self)
    }

    /// The ID of a normalized token, inserting it if new.
    @discardableResult
    public mutating func insert(_ normalized: [UInt8]) -> TokenID {
        let existing = normalized.withUnsafeBufferPointer { id(ofNormalized: $0) }
        if existing != Self.unknown { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        arena.append(contentsOf: normalized)
        offsets.append(UInt32(arena.count))
        let newID = TokenID(count)
        place(newID, hash: normalized.withUnsafeBufferPointer { Self.hash($0) })
        return newID
    }

    @discardableResult
    public mutating func insert(_ normalized: String) -> TokenID { insert(Array(normalized.utf8)) }

    /// The ID of an already-normalized token, or 0.
    @inlinable
    public func id(ofNormalized key: UnsafeBufferPointer<UInt8>) -> TokenID {
        let h = Self.hash(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let candidate = s[slot]
                if candidate == 0 { return Self.unknown }
                if equals(candidate, key) { return candidate }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The ID of the ASCII lower-cased form of `p[start..<end]`, or nil if those bytes are not all ASCII
    /// (the caller then normalizes them the slow way). Does not allocate.
    @inlinable
    public func idFoldingASCII(_ p: UnsafePointer<UInt8>, start: Int, end: Int) -> TokenID? {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in start..<end {
            let b = p[k]
            if b >= 0x80 { return nil }
            h = (h ^ UInt64(ByteClass.lowered(b))) &* 0x0000_0100_0000_01B3
        }
        h = Self.finish(h)
        var slot = Int(truncatingIfNeeded: h) & mask
        let len = end - start
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                offsets.withUnsafeBufferPointer { o in
                    while true {
                        let candidate = s[slot]
                        if candidate == 0 { return Self.unknown }
                        let lo = Int(o[Int(candidate) - 1]), hi = Int(o[Int(candidate)])
                        if hi - lo == len {
                            var same = true
                            for k in 0..<len where a[lo + k] != ByteClass.lowered(p[start + k]) {
                                same = false
                                break
                            }
                            if same { return candidate }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    @inlinable
    func equals(_ id: TokenID, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = Int(offsets[Int(id) - 1]), hi = Int(offsets[Int(id)])
        guard hi - lo == key.count else { return false }
        for k in 0..<key.count where arena[lo + k] != key[k] { return false }
        return true
    }

    /// FNV-1a with a final avalanche; the same function serves insert and both lookups.
    @inlinable
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return finish(h)
    }

    @inlinable
    static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    private mutating func place(_ id: TokenID, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        let newSize = slots.count * 2
        slots = Array(repeating: 0, count: newSize)
        mask = newSize - 1
        for id in 1...max(1, count) where count > 0 {
            let lo = Int(offsets[id - 1]), hi = Int(offsets[id])
            let h = arena[lo..<hi].withUnsafeBufferPointer { Self.hash($0) }
            place(TokenID(id), hash: h)
        }
    }
}

extension Tokenizer {
    /// The vocabulary ID of `token` (0 if unknown), using the ASCII fast path when it applies.
    /// `scratch` is reused for non-ASCII tokens.
    @inlinable
    public func tokenID(_ token: Token, in text: UnsafeBufferPointer<UInt8>, vocabulary: Vocabulary,
                        scratch: inout [UInt8]) -> Vocabulary.TokenID {
        if let base = text.baseAddress,
           let id = vocabulary.idFoldingASCII(base, start: token.start, end: token.end) {
            return id
        }
        normalize(token, in: text, into: &scratch)
        return scratch.withUnsafeBufferPointer { vocabulary.id(ofNormalized: $0) }
    }
}
