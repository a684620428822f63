/// The double array, as raw pointers for the scan.
struct Automaton {
    let nodes: UnsafeBufferPointer<UInt64>
    let output: UnsafeBufferPointer<Int32>
}

/// The scan loop, over raw pointers.
enum BoundaryScan {
    @inline(__always) static func isWord(_ b: UInt8) -> Bool {
        (b &- 0x30 < 10) || ((b | 0x20) &- 0x61 < 26) || b == 0x5F
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    /// Set in every byte of a key for a word longer than 8 bytes (word characters are < 0x80).
    static let longWordFlag: UInt64 = 0x8080_8080_8080_8080

    /// The word key of a word (word characters only): its first 8 bytes folded with `| 0x20` (which
    /// lower-cases letters and keeps digits; `_` becomes 0x7F, the same for labels and text), little-endian,
    /// zero past the end, and flagged when the word is longer than 8 bytes.
    static func firstWordKey<C: Collection>(_ word: C) -> UInt64 where C.Element == UInt8 {
        var key: UInt64 = 0
        for (k, b) in word.prefix(8).enumerated() { key |= UInt64(b | 0x20) &<< UInt64(8 * k) }
        return word.count > 8 ? key ^ longWordFlag : key
    }

    /// The word key from the word's first 8 bytes `x` (little-endian; anything past the word) and its length.
    @inline(__always) static func wordKey(_ x: UInt64, _ length: Int) -> UInt64 {
        let dropped = UInt64(truncatingIfNeeded: 64 - 8 * min(length, 8))
        let key = (x | 0x20 &* ones) & (~0 &>> dropped)
        return length > 8 ? key ^ longWordFlag : key
    }

    /// 0x80 in each byte of `x` (8 text bytes, little-endian) that is a word character, 0 elsewhere (SWAR:
    /// range tests by adding a bias so that the byte's high bit says "≥ bound"; bytes ≥ 0x80 are not words).
    @inline(__always) static func wordBytes(_ x: UInt64) -> UInt64 {
        let v = x & (0x7F &* ones)
        let y = v | (0x20 &* ones) // letters folded to lower case
        let letter = (y &+ 0x1F &* ones) & ~(y &+ 0x05 &* ones)       // y ≥ 0x61 and not y ≥ 0x7B
        let digit = (v &+ 0x50 &* ones) & ~(v &+ 0x46 &* ones)        // v ≥ 0x30 and not v ≥ 0x3A
        let underscore = (v &+ 0x21 &* ones) & ~(v &+ 0x20 &* ones)   // v ≥ 0x5F and not v ≥ 0x60
        return (letter | digit | underscore) & ~x & (0x80 &* ones)
    }

    /// One bit per byte (bit k = byte k) from a ``wordBytes(_:)`` result.
    @inline(__always) static func packBytes(_ w: UInt64) -> UInt64 {
        ((w &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }

    /// Bit k set when byte `p[k]` (k < 64) is a word character.
    @inline(__always) static func wordMask64(_ p: UnsafeRawPointer) -> UInt64 {
        var m: UInt64 = 0
        for j in 0..<8 {
            m |= packBytes(wordBytes(UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * j, as: UInt64.self))))
                &<< UInt64(8 * j)
        }
        return m
    }

    /// Scans `p[0..<n]`.
    ///
    /// The text is classified 64 bytes at a time into a bit mask of word characters (SWAR, no per-byte
    /// branch); word starts are the mask's rising edges. Each word's key comes from one 8-byte load; the
    /// first-word table (its bitset rejects most words) gives the trie state after the word, and the match
    /// goes on word by word through the continuation table. Positions where a label starting with a
    /// non-word byte could start (a non-word byte after a non-word byte, with such a first byte) are added
    /// to the starts. The last < 128 bytes go through a byte-at-a-time loop.
    static func run(_ p: UnsafePointer<UInt8>, _ n: Int, _ a: Automaton, _ first: WordLookup, _ next: WordLookup,
                    _ nonWordStarts: UnsafeBufferPointer<Bool>, _ counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let nodes = a.nodes.baseAddress, let op = a.output.baseAddress,
              let np = nonWordStarts.baseAddress, let counts = counts.baseAddress else { return 0 }
        let anyNonWordStart = nonWordStarts.contains(true)
        let rootBase = Int((nodes[0] &>> 32) & 0x7FFF_FFFF)
        let raw = UnsafeRawPointer(p)

        @inline(__always) func baseOf(_ node: UInt64) -> Int { Int((node &>> 32) & 0x7FFF_FFFF) }

        /// The longest valid label from `j` in state `s` (the bytes before `j` already matched), as (end,
        /// label + 1), or end -1. Every `base + byte` is inside the array (the builder pads it).
        @inline(__always) func walk(from s0: Int, at j0: Int) -> (Int, Int32) {
            var s = s0
            var node = nodes[s]
            var j = j0
            var bestEnd = -1
            var bestLabel: Int32 = 0
            while true {
                if node & BoundaryMatcher.outputFlag != 0, j == n || !isWord(p[j]) {
                    bestEnd = j
                    bestLabel = op[s]
                }
                if j == n { break }
                let t = baseOf(node) &+ Int(lower(p[j]))
                let nextNode = nodes[t]
                if Int32(truncatingIfNeeded: nextNode) != Int32(truncatingIfNeeded: s) { break }
                s = t
                node = nextNode
                j += 1
            }
            return (bestEnd, bestLabel)
        }

        /// The walk from the root at `i`.
        @inline(__always) func walk(_ i: Int) -> (Int, Int32) {
            let t = rootBase &+ Int(lower(p[i]))
            guard Int32(truncatingIfNeeded: nodes[t]) == 0 else { return (-1, 0) } // not a child of the root
            return walk(from: t, at: i + 1)
        }

        /// 8 bytes from `i` (little-endian), zero past the end of the text.
        @inline(__always) func load8(_ i: Int) -> UInt64 {
            if i + 8 <= n { return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
            var x: UInt64 = 0
            var k = 0
            while i + k < n { x |= UInt64(p[i + k]) &<< UInt64(8 * k); k += 1 }
            return x
        }

        /// The length of the word starting at `q` and its first 8 bytes.
        @inline(__always) func word(at q: Int) -> (Int, UInt64) {
            let x = load8(q)
            let m = packBytes(wordBytes(x))
            if m != 0xFF { return ((~m).trailingZeroBitCount, x) }
            var length = 8
            while true {
                let more = packBytes(wordBytes(load8(q + length)))
                if more != 0xFF { return (length + (~more).trailingZeroBitCount, x) }
                length += 8
            }
        }

        /// Follows the bytes `p[j..<end]` (the rest of a word) from state `s`; the state after them, or -1.
        @inline(__always) func follow(_ s0: Int, _ j0: Int, _ end: Int) -> Int {
            var s = s0
            var node = nodes[s]
            for j in j0..<end {
                let t = baseOf(node) &+ Int(lower(p[j]))
                node = nodes[t]
                if Int32(truncatingIfNeeded: node) != Int32(truncatingIfNeeded: s) { return -1 }
                s = t
            }
            return s
        }

        /// The state after the whole word `p[start..<start + length]` and its output (label + 1 or 0), from
        /// the word's table value (the state after at most its first 8 bytes); nil when the rest of a longer
        /// word leaves the trie.
        @inline(__always) func afterWord(_ value: UInt64, _ start: Int, _ length: Int) -> (Int, Int32)? {
            let s = Int(UInt32(truncatingIfNeeded: value))
            guard length > 8 else { return (s, Int32(truncatingIfNeeded: value &>> 32)) }
            let t = follow(s, start + 8, start + length)
            guard t >= 0 else { return nil }
            return (t, nodes[t] & BoundaryMatcher.outputFlag != 0 ? op[t] : 0)
        }

        /// The longest valid label that starts with the word `p[start..<start + length]`, given the word's
        /// first-word table value; (end, label + 1) or end -1.
        @inline(__always) func matchWords(_ value: UInt64, _ start: Int, _ length: Int) -> (Int, Int32) {
            guard var (s, out) = afterWord(value, start, length) else { return (-1, 0) }
            var j = start + length
            var bestEnd = -1
            var bestLabel: Int32 = 0
            while true {
                // `j` ends a word: `p[j]` is a non-word byte, or the text ends.
                if out != 0 { bestEnd = j; bestLabel = out }
                guard j < n else { break }
                if j + 1 < n, isWord(p[j + 1]) {
                    // One separator byte, then a word: a longer label must go on with exactly these.
                    let (length, x) = word(at: j + 1)
                    guard let v = next.find(wordKey(x, length), UInt64(s) &<< 8 | UInt64(p[j])),
                          let after = afterWord(v, j + 1, length) else { break }
                    (s, out) = after
                    j += 1 + length
                } else {
                    // Several separator bytes, or a label that ends in punctuation: byte by byte.
                    let (end, label) = walk(from: s, at: j)
                    if end > bestEnd { bestEnd = end; bestLabel = label }
                    break
                }
            }
            return (bestEnd, bestLabel)
        }

        var matches = 0
        var resume = 0 // no match may start before this (the end of the last match)

        // Blocks [64k, 64k + 64) for which the next block is inside the text too: a word starting in the
        // block finds its end in the two masks (or, past them, byte by byte), and its 8-byte load stays
        // inside the text.
        let fastEnd = n >= 128 ? (n / 64 - 1) * 64 : 0
        if fastEnd > 0 {
            var mask = wordMask64(raw)
            var carry: UInt64 = 0 // 1 when the byte before the block is a word character
            var block = 0
            while block < fastEnd {
                let nextMask = wordMask64(raw + block + 64)
                let shifted = mask &<< 1 | carry
                var starts = mask & ~shifted
                if anyNonWordStart {
                    // Non-word bytes after non-word bytes, kept when a label starts with that byte.
                    var candidates = ~mask & ~shifted
                    while candidates != 0 {
                        let bit = candidates.trailingZeroBitCount
                        candidates &= candidates &- 1
                        if np[Int(lower(p[block + bit]))] { starts |= 1 &<< UInt64(bit) }
                    }
                }
                while starts != 0 {
                    let bit = UInt64(truncatingIfNeeded: starts.trailingZeroBitCount)
                    starts &= starts &- 1
                    let pos = block + Int(bit)
                    if pos < resume { continue }
                    let end: Int, label: Int32
                    if mask & (1 &<< bit) == 0 {
                        (end, label) = walk(pos)
                    } else {
                        // The word's length: the first non-word byte at or after `pos` in this block or the next.
                        let rest = (~mask &>> bit) | ((~nextMask &<< 1) &<< (63 &- bit))
                        var length = rest.trailingZeroBitCount
                        if rest == 0 { // 64 bytes or more
                            if ~nextMask != 0 {
                                length = 64 - Int(bit) + (~nextMask).trailingZeroBitCount
                            } else {
                                length = 128 - Int(bit)
                                while pos + length < n, isWord(p[pos + length]) { length += 1 }
                            }
                        }
                        let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
                        guard let value = first.find(wordKey(x, length), 0) else { continue }
                        (end, label) = matchWords(value, pos, length)
                    }
                    if end >= 0 {
                        counts[Int(label) - 1] += 1
                        matches += 1
                        resume = end
                    }
                }
                carry = mask &>> 63
                mask = nextMask
                block += 64
            }
        }

        // The tail, byte by byte, from where the block loop left off (not inside a word it already saw).
        var i = max(resume, fastEnd)
        if i == fastEnd, i > 0 {
            while i < n, isWord(p[i]), isWord(p[i - 1]) { i += 1 }
        }
        while i < n {
            let b = p[i]
            // A word start (the previous byte is not a word character), or a non-word byte that may start
            // a label when the previous byte is not a word character either.
            if isWord(b) || (np[Int(lower(b))] && (i == 0 || !isWord(p[i - 1]))) {
                let (end, label) = walk(i)
                if end >= 0 {
                    counts[Int(label) - 1] += 1
                    matches += 1
                    i = end
                    continue
                }
            }
            if isWord(b) {
                repeat { i += 1 } while i < n && isWord(p[i]) // the rest of the word: no starts inside
            } else {
                i += 1
            }
        }
        return matches
    }
}
