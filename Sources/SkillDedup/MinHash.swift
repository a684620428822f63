import SkillTokenizer

/// Parameters of near-duplicate detection; an immutable value shared by every worker.
public struct NearDuplicateParameters: Sendable, Hashable, Codable {
    /// Word shingles of at least this Jaccard similarity are near-duplicates (0 < threshold ≤ 1).
    public var threshold: Double
    /// Words per shingle.
    public var shingleSize: Int
    /// Signature length (one-permutation hashing bins).
    public var slots: Int
    /// Seed of the hash functions: equal seeds give equal signatures on every machine.
    public var seed: UInt64
    /// Probability that a pair exactly at the threshold becomes an LSH candidate; sets the banding.
    public var targetRecall: Double
    /// A near-identical ad with the same title and employer posted within this many days is a repost.
    public var repostWindowDays: Int
    /// Copies dated further apart than this, or posted by different employers, both count
    /// (``DuplicateRule/isDistinct(_:_:distinctAfterDays:)``).
    public var distinctAfterDays: Int = DuplicateRule.defaultDistinctAfterDays

    public init(threshold: Double = 0.9, shingleSize: Int = 5, slots: Int = 128, seed: UInt64 = 0x5EED_D0C5,
                targetRecall: Double = 0.995, repostWindowDays: Int = 30) {
        self.threshold = threshold
        self.shingleSize = shingleSize
        self.slots = slots
        self.seed = seed
        self.targetRecall = targetRecall
        self.repostWindowDays = repostWindowDays
    }

    /// Checks the values; the message says which one is wrong and what is allowed.
    public func validate() throws {
        guard threshold > 0, threshold <= 1 else {
            throw DedupError("near-duplicate threshold must be in (0, 1], got \(threshold)")
        }
        guard (1...16).contains(shingleSize) else { throw DedupError("shingle size must be 1...16, got \(shingleSize)") }
        guard (8...1024).contains(slots) else { throw DedupError("signature slots must be 8...1024, got \(slots)") }
        guard targetRecall > 0, targetRecall < 1 else {
            throw DedupError("target recall must be in (0, 1), got \(targetRecall)")
        }
        guard repostWindowDays >= 0 else {
            throw DedupError("repost window must be at least 0 days, got \(repostWindowDays)")
        }
    }

    /// The banding these parameters give (see ``LSHBanding/tuned(threshold:slots:targetRecall:)``).
    public var banding: LSHBanding { LSHBanding.tuned(threshold: threshold, slots: slots, targetRecall: targetRecall) }

    /// A string naming everything band keys depend on; stored band keys are valid only under the same scheme.
    public var scheme: String {
        let b = banding
        return "minhash-oph1;k=\(shingleSize);slots=\(slots);bands=\(b.bands)x\(b.rows);seed=\(seed)"
    }
}

/// An invalid near-duplicate parameter.
public struct DedupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// LSH banding: the signature is cut into `bands` bands of `rows` slots; two postings whose signatures agree
/// on every slot of at least one band are candidates. A pair of similarity s becomes a candidate with
/// probability 1 − (1 − s^rows)^bands.
public struct LSHBanding: Sendable, Hashable, Codable {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    /// Probability that a pair of Jaccard similarity `s` shares at least one band.
    public func candidateProbability(similarity s: Double) -> Double {
        1 - Self.power(1 - Self.power(s, rows), bands)
    }

    /// The banding with the most rows per band (fewest false candidates) whose candidate probability at
    /// `threshold` is still at least `targetRecall`, using at most `slots` slots. O(slots).
    public static func tuned(threshold: Double, slots: Int, targetRecall: Double) -> LSHBanding {
        var best = LSHBanding(bands: slots, rows: 1)
        for rows in 1...max(1, slots) {
            let b = LSHBanding(bands: slots / rows, rows: rows)
            guard b.bands >= 1 else { break }
            if b.candidateProbability(similarity: threshold) >= targetRecall { best = b }
        }
        return best
    }

    static func power(_ x: Double, _ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= x }
        return r
    }
}

/// What near-duplicate detection keeps of one posting: its shingles, MinHash signature and band keys.
public struct Fingerprint: Sendable, Hashable {
    /// 64-bit shingle hashes in text order (repeats kept; see ``shingleSet``). Sorting is left to the rare
    /// record that has LSH candidates to verify.
    public var shingles: [UInt64]
    /// One-permutation MinHash signature (densified), `slots` values; empty when there are no shingles.
    public var signature: [UInt32]
    /// One key per band; empty when there are no shingles.
    public var bandKeys: [UInt64]

    public init(shingles: [UInt64], signature: [UInt32], bandKeys: [UInt64]) {
        self.shingles = shingles
        self.signature = signature
        self.bandKeys = bandKeys
    }

    /// True when the text had no words: such postings are only checked for exact duplicates.
    public var isEmpty: Bool { shingles.isEmpty }

    /// The shingles sorted and distinct, as ``Jaccard/exact(_:_:)`` takes them. O(n log n).
    public var shingleSet: [UInt64] { MinHasher.sortedDistinct(shingles) }
}

/// Computes fingerprints: normalized word tokens (``Tokenizer``, punctuation dropped) → hashed shingles of
/// `shingleSize` words → one-permutation MinHash with optimal densification → LSH band keys.
///
/// Immutable and `Sendable`: one value serves all threads. Complexity O(text bytes + shingles · log shingles).
public struct MinHasher: Sendable {
    public let parameters: NearDuplicateParameters
    public let banding: LSHBanding
    public let tokenizer: Tokenizer

    public init(parameters: NearDuplicateParameters = NearDuplicateParameters(), tokenizer: Tokenizer = Tokenizer()) {
        self.parameters = parameters
        self.banding = parameters.banding
        self.tokenizer = tokenizer
    }

    /// The fingerprint of `text`; `salt` separates key spaces (e.g. corpora), it changes band keys only.
    public func fingerprint(_ text: String, salt: UInt64 = 0) -> Fingerprint {
        var copy = text
        let shingles = copy.withUTF8 { buf -> [UInt64] in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            return shingleSequence(tokens: tokens, in: buf)
        }
        let signature = self.signature(of: shingles)
        return Fingerprint(shingles: shingles, signature: signature, bandKeys: bandKeys(signature, salt: salt))
    }

    /// The fingerprint of a text already tokenized (e.g. by the matcher): `tokens` of `text`.
    public func fingerprint(tokens: [Token], in text: UnsafeBufferPointer<UInt8>, salt: UInt64 = 0) -> Fingerprint {
        let shingles = shingleSequence(tokens: tokens, in: text)
        let signature = self.signature(of: shingles)
        return Fingerprint(shingles: shingles, signature: signature, bandKeys: bandKeys(signature, salt: salt))
    }

    /// Sorted distinct shingle hashes of `text`. A text with fewer words than a shingle gives one shingle of
    /// all its words; a text without words gives none.
    public func shingles(_ text: String) -> [UInt64] {
        var copy = text
        return copy.withUTF8 { buf -> [UInt64] in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            return shingles(tokens: tokens, in: buf)
        }
    }

    /// Sorted distinct shingle hashes of the word tokens (punctuation dropped) among `tokens` of `text`.
    public func shingles(tokens: [Token], in buf: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        Self.sortedDistinct(shingleSequence(tokens: tokens, in: buf))
    }

    /// Shingle hashes in text order, repeats kept. O(words · shingle size).
    public func shingleSequence(tokens: [Token], in buf: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(tokens.count)
        var normalized: [UInt8] = []
        for t in tokens where t.rule != .punct {
            words.append(Self.wordHash(t, in: buf, tokenizer: tokenizer, scratch: &normalized))
        }
        guard !words.isEmpty else { return [] }
        let k = min(parameters.shingleSize, words.count)
        var out: [UInt64] = []
        out.reserveCapacity(words.count - k + 1)
        // Word hashes are already avalanched: a shingle is their XOR, each rotated by its position (so
        // order matters), mixed once with the seed.
        let seed = parameters.seed
        words.withUnsafeBufferPointer { w in
            for i in 0...(w.count - k) {
                var h: UInt64 = 0
                for j in 0..<k { h ^= Self.rotate(w[i + j], by: UInt64(j) &* 13) }
                out.append(Self.mix(h ^ seed))
            }
        }
        return out
    }

    /// `values` sorted ascending without repeats.
    public static func sortedDistinct(_ values: [UInt64]) -> [UInt64] {
        var out = values
        out.sort()
        var w = 0
        for i in out.indices where i == 0 || out[i] != out[w - 1] {
            out[w] = out[i]
            w += 1
        }
        out.removeLast(out.count - w)
        return out
    }

    /// Hash of a token's normalized form; ASCII tokens are lower-cased on the fly without a copy.
    static func wordHash(_ t: Token, in buf: UnsafeBufferPointer<UInt8>, tokenizer: Tokenizer,
                         scratch: inout [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var ascii = true
        for k in t.start..<t.end where buf[k] >= 0x80 { ascii = false; break }
        if ascii {
            for k in t.start..<t.end {
                let b = buf[k]
                h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* 0x0000_0100_0000_01B3
            }
        } else {
            tokenizer.normalize(t, in: buf, into: &scratch)
            for b in scratch { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return mix(h)
    }

    /// One-permutation hashing: each shingle is hashed once, its top bits choose a bin and the rest is a
    /// candidate minimum; empty bins borrow the value of a bin chosen by a seeded probe sequence (optimal
    /// densification, Shrivastava 2017), so equal sets give equal signatures. O(shingles + slots).
    public func signature(of shingles: [UInt64]) -> [UInt32] {
        guard !shingles.isEmpty else { return [] }
        let slots = parameters.slots
        var sig = [UInt32](repeating: .max, count: slots)
        var filled = [Bool](repeating: false, count: slots)
        for s in shingles {
            let x = Self.mix(s ^ parameters.seed)
            let bin = Int((x >> 32) % UInt64(slots))
            let v = UInt32(truncatingIfNeeded: x)
            if !filled[bin] || v < sig[bin] {
                sig[bin] = v
                filled[bin] = true
            }
        }
        var dense = sig
        for i in 0..<slots where !filled[i] {
            var attempt: UInt64 = 1
            while true {
                let j = Int(Self.mix(parameters.seed &+ UInt64(i) &* 0x1_0000_0001 &+ attempt) % UInt64(slots))
                if filled[j] {
                    dense[i] = sig[j]
                    break
                }
                attempt += 1
            }
        }
        return dense
    }

    /// One key per band: a hash of the band's index, its slots and `salt`.
    public func bandKeys(_ signature: [UInt32], salt: UInt64 = 0) -> [UInt64] {
        guard !signature.isEmpty else { return [] }
        var keys: [UInt64] = []
        keys.reserveCapacity(banding.bands)
        for b in 0..<banding.bands {
            var h = Self.mix(parameters.seed ^ salt ^ (UInt64(b) &* 0xA24B_AED4_963E_E407))
            for r in 0..<banding.rows { h = Self.mix(h &+ UInt64(signature[b * banding.rows + r])) }
            keys.append(h)
        }
        return keys
    }

    @inline(__always)
    static func rotate(_ x: UInt64, by n: UInt64) -> UInt64 {
        let s = n & 63 // positions past 64 wrap (shingle sizes above 5 rotate by up to 15 × 13 bits)
        return s == 0 ? x : (x << s) | (x >> (64 - s))
    }

    /// The MurmurHash3/SplitMix64 finalizer: a bijective avalanche on 64 bits.
    @inlinable
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Jaccard similarity of shingle sets: exact, and estimated from signatures.
public enum Jaccard {
    /// |a ∩ b| / |a ∪ b| of two sorted distinct arrays (1 when both are empty). O(|a| + |b|).
    public static func exact(_ a: [UInt64], _ b: [UInt64]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// The fraction of equal slots of two signatures of the same length (0 when lengths differ or empty).
    public static func estimate(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var same = 0
        for i in a.indices where a[i] == b[i] { same += 1 }
        return Double(same) / Double(a.count)
    }
}
