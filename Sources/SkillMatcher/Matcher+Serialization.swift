import SkillTokenizer

extension Matcher {
    /// Version of the matcher image layout. Bump it when the image layout *or* the trie construction
    /// changes, so that caches written by an older build are rebuilt instead of trusted.
    public static let imageVersion: UInt32 = 1

    /// Appends a self-contained image of the matcher (vocabulary, trie arrays, pattern labels, values,
    /// exact-case bytes) to `w`. Reading it back with ``Matcher/read(from:tokenizer:)`` gives a matcher that
    /// finds exactly the same matches. O(size of the matcher).
    public func write(to w: inout BinaryImageWriter) {
        w.u32(Self.imageVersion)
        w.string(tokenizer.options.fingerprint)
        // Vocabulary: one byte arena plus end offsets, in token-ID order.
        var arena: [UInt8] = []
        var ends: [UInt32] = []
        ends.reserveCapacity(vocabulary.count)
        if vocabulary.count > 0 {
            for id in 1...vocabulary.count {
                arena.append(contentsOf: vocabulary.string(for: Vocabulary.TokenID(id)).utf8)
                ends.append(UInt32(arena.count))
            }
        }
        w.count(arena.count)
        w.raw(arena)
        w.u32Array(ends)
        w.u32Array(rootNext)
        // Edges sorted by key: the image depends on the trie, not on the hash table's slot layout.
        var edges: [(UInt64, UInt32)] = []
        for (i, k) in edgeKeys.enumerated() where k != Self.emptyKey { edges.append((k, edgeValues[i])) }
        edges.sort { $0.0 < $1.0 }
        let keys = edges.map(\.0), vals = edges.map(\.1)
        w.u64Array(keys)
        w.u32Array(vals)
        w.u32Array(outputStart)
        w.u32Array(outputList)
        w.u32Array(values)
        // Labels: one arena plus end offsets.
        var labelArena: [UInt8] = []
        var labelEnds: [UInt32] = []
        labelEnds.reserveCapacity(labels.count)
        for l in labels {
            labelArena.append(contentsOf: l.utf8)
            labelEnds.append(UInt32(labelArena.count))
        }
        w.count(labelArena.count)
        w.raw(labelArena)
        w.u32Array(labelEnds)
        w.count(exactCase.count)
        for p in exactCase.keys.sorted() {
            let tokens = exactCase[p] ?? []
            w.count(p)
            w.count(tokens.count)
            for t in tokens {
                w.count(t.count)
                w.raw(t)
            }
        }
        w.count(maxDepth)
    }

    /// The image as bytes (see ``write(to:)``).
    public func serialized() -> [UInt8] {
        var w = BinaryImageWriter(reservingCapacity: memoryBytes + 64)
        write(to: &w)
        return w.bytes
    }

    /// Reads an image written by ``write(to:)``. `tokenizer` must have the options the image was built with.
    /// Every count and index is checked, so a corrupt image throws instead of producing a matcher that could
    /// read out of bounds. O(size of the image).
    public static func read(from r: inout BinaryImageReader, tokenizer: Tokenizer) throws -> Matcher {
        let version = try r.u32("matcher image version")
        guard version == imageVersion else {
            throw BinaryImageError("matcher image version \(version), this build reads \(imageVersion)")
        }
        let fingerprint = try r.string("tokenizer fingerprint")
        guard fingerprint == tokenizer.options.fingerprint else {
            throw BinaryImageError("matcher image built with tokenizer '\(fingerprint)', "
                                   + "requested '\(tokenizer.options.fingerprint)'")
        }
        let arenaCount = try r.count("vocabulary arena", max: r.remaining)
        let arena = try r.raw(arenaCount, "vocabulary arena")
        let ends = try r.u32Array("vocabulary offsets")
        var vocabulary = Vocabulary()
        var lo = 0
        for (i, e) in ends.enumerated() {
            let hi = Int(e)
            guard hi >= lo, hi <= arena.count else { throw BinaryImageError("corrupt vocabulary offsets") }
            let id = vocabulary.insert(Array(UnsafeRawBufferPointer(rebasing: arena[lo..<hi])))
            guard Int(id) == i + 1 else { throw BinaryImageError("corrupt vocabulary: duplicate token") }
            lo = hi
        }
        let rootNext = try r.u32Array("root transitions")
        guard rootNext.count == vocabulary.count + 1 else {
            throw BinaryImageError("corrupt image: \(rootNext.count) root transitions for \(vocabulary.count) tokens")
        }
        let keys = try r.u64Array("edge keys")
        let vals = try r.u32Array("edge targets")
        let outputStart = try r.u32Array("output offsets")
        let outputList = try r.u32Array("outputs")
        let values = try r.u32Array("values")
        let labelArenaCount = try r.count("label arena", max: r.remaining)
        let labelArena = try r.raw(labelArenaCount, "label arena")
        let labelEnds = try r.u32Array("label offsets")
        let stateCount = outputStart.count - 1
        guard keys.count == vals.count, stateCount >= 1, values.count == labelEnds.count,
              Int(outputStart.last ?? 0) == outputList.count, outputStart.first == 0 else {
            throw BinaryImageError("corrupt image: inconsistent trie array lengths")
        }
        for s in rootNext where Int(s) >= stateCount { throw BinaryImageError("corrupt image: transition out of range") }
        var previous: UInt64?
        for (k, v) in zip(keys, vals) {
            guard Int(v) < stateCount, Int(k >> 32) < stateCount, Int(k & 0xFFFF_FFFF) <= vocabulary.count,
                  previous.map({ $0 < k }) ?? true else {
                throw BinaryImageError("corrupt image: edge out of range or out of order")
            }
            previous = k
        }
        var previousStart: UInt32 = 0
        for e in outputStart.dropFirst() {
            guard e >= previousStart, Int(e) <= outputList.count else {
                throw BinaryImageError("corrupt image: output offsets")
            }
            previousStart = e
        }
        for p in outputList where Int(p) >= values.count { throw BinaryImageError("corrupt image: pattern out of range") }
        var labels: [String] = []
        labels.reserveCapacity(labelEnds.count)
        lo = 0
        for e in labelEnds {
            let hi = Int(e)
            guard hi >= lo, hi <= labelArena.count else { throw BinaryImageError("corrupt label offsets") }
            labels.append(String(decoding: UnsafeRawBufferPointer(rebasing: labelArena[lo..<hi]), as: UTF8.self))
            lo = hi
        }
        let exactCount = try r.count("exact-case patterns", max: labels.count)
        var exactCase: [Int: [[UInt8]]] = [:]
        exactCase.reserveCapacity(exactCount)
        for _ in 0..<exactCount {
            let p = try r.count("exact-case pattern", max: labels.count - 1)
            let n = try r.count("exact-case tokens", max: r.remaining / 4)
            var tokens: [[UInt8]] = []
            for _ in 0..<n {
                let len = try r.count("exact-case token", max: r.remaining)
                tokens.append(try r.bytes(len, "exact-case token"))
            }
            exactCase[p] = tokens
        }
        let maxDepth = try r.count("longest label")
        return Matcher(tokenizer: tokenizer, vocabulary: vocabulary, rootNext: rootNext, edgeKeys: keys,
                       edgeTargets: vals, outputStart: outputStart, outputList: outputList, labels: labels,
                       values: values, exactCase: exactCase, maxDepth: maxDepth)
    }

    /// Reads a matcher from bytes produced by ``serialized()``; throws on any trailing or missing byte.
    public static func deserialize(_ bytes: [UInt8], tokenizer: Tokenizer) throws -> Matcher {
        try bytes.withUnsafeBytes { raw in
            var r = BinaryImageReader(raw)
            let m = try read(from: &r, tokenizer: tokenizer)
            guard r.remaining == 0 else { throw BinaryImageError("\(r.remaining) unexpected bytes after the matcher image") }
            return m
        }
    }
}
