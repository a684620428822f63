/// The "standard task" matcher: ASCII case-insensitive labels found at word boundaries, leftmost-longest,
/// over raw bytes, as a double-array trie.
///
/// Semantics (Benchmarks/README.md, "standard task"): an occurrence must start where the previous byte is
/// not a word character (ASCII letter, digit, `_`) or at the start, and end where the next byte is not a
/// word character or at the end; scanning left to right, at the leftmost valid start take the longest valid
/// label, count it, and continue after it. A line break is not a word character, so a buffer of many lines
/// is scanned as one text. Bytes ≥ 0x80 are compared as they are (not folded) and are not word characters.
///
/// Layout: a double array (transition from state `s` on byte `c` goes to `t = base[s] + c` when
/// `check[t] == s`), `output[t]` = label index + 1. `base` and `check` of a slot are one 64-bit node (with a
/// flag for "has output"), so each step of a walk loads one cache line. Build is O(total label bytes) expected; a scan is
/// O(bytes × longest label) worst case and close to O(bytes) on text, with no allocation.
///
/// Words are matched as wholes. A label that starts with a word character can only match where a text
/// word equals the label's first word (the label's leading run of word characters): the text word ends
/// at a non-word byte, and so must the label's first word. Likewise, when the text goes on with one
/// non-word byte and another word, a longer label can only match if its next bytes are that separator
/// and then that whole word. So the scan looks text words up by their *word key* (the first 8 bytes,
/// lower-cased, zero-padded; words longer than 8 bytes are flagged in the key's high bits, which word
/// characters never set) in two ``WordTable``s: label first words (→ the trie state after them) and label
/// continuations (state after a word + one separator byte + next word → the state after it). Each has a
/// bitset in front that rejects most lookups without touching the table. Anything else (separators of
/// several bytes, labels ending in punctuation, the rest of words longer than 8 bytes) walks the trie
/// byte by byte.
public final class BoundaryMatcher: Sendable {
    /// Distinct labels (lower-cased, trimmed), in first-seen order; counts are indexed the same way.
    public let labels: [String]
    /// Per slot: `check` in the low 32 bits, `base` in bits 32–62, bit 63 set when `output` is non-zero.
    let nodes: [UInt64]
    let output: [Int32]
    static let outputFlag: UInt64 = 1 << 63
    /// Label first words (tag 0) and one-separator continuations (built from the trie; not serialized).
    let firstWords: WordTable
    let nextWords: WordTable
    /// First bytes of labels that start with a non-word character (`.net`).
    let nonWordStarts: [Bool]

    /// Builds from labels; labels are trimmed and ASCII lower-cased, empty ones dropped, duplicates merged.
    public convenience init<S: Sequence>(labels raw: S) where S.Element == String {
        var index: [String: Int] = [:]
        var labels: [String] = []
        for r in raw {
            let l = Self.normalize(r)
            guard !l.isEmpty, index[l] == nil else { continue }
            index[l] = labels.count
            labels.append(l)
        }
        // The labels' bytes in byte order serve both the double array and the word tables.
        let keys = labels.map { Array($0.utf8) }
        let byteOrder = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        let (base, check, output) = DoubleArrayBuilder.build(keys, byteOrder: byteOrder)
        let nodes = zip(zip(base, check), output).map { pair, out in
            UInt64(UInt32(bitPattern: pair.1)) | UInt64(UInt32(bitPattern: pair.0)) &<< 32
                | (out != 0 ? Self.outputFlag : 0)
        }
        let (first, next) = Self.wordTables(keys: keys, byteOrder: byteOrder, nodes: nodes, output: output)
        self.init(labels: labels, nodes: nodes, output: output, firstWords: first, nextWords: next)
    }

    init(labels: [String], nodes: [UInt64], output: [Int32], firstWords: WordTable, nextWords: WordTable) {
        self.labels = labels
        self.nodes = nodes
        self.output = output
        self.firstWords = firstWords
        self.nextWords = nextWords
        var starts = [Bool](repeating: false, count: 256)
        for l in labels {
            if let b = l.utf8.first, !BoundaryScan.isWord(b) { starts[Int(b)] = true }
        }
        nonWordStarts = starts
    }

    /// The first-word and continuation tables of the labels (`keys`, visited in `byteOrder`), from the trie.
    static func wordTables(keys: [[UInt8]], byteOrder: [Int], nodes: [UInt64], output: [Int32])
        -> (WordTable, WordTable) {
        var first: [WordTable.Entry] = []
        var next: [WordTable.Entry] = []
        var bytes: [UInt8] = []
        var states: [Int] = [0] // states[k]: the trie state after bytes[0..<k]
        // In byte order, each label shares a prefix of states with the one before (fewer trie lookups).
        for index in byteOrder {
            let key = keys[index]
            var common = 0
            while common < key.count, common < bytes.count, common + 1 < states.count, bytes[common] == key[common] {
                common += 1
            }
            bytes = key
            guard !bytes.isEmpty else { continue }
            // An image whose arrays do not hold the label's path gets no table entries for it (it then never
            // matches, but nothing breaks).
            states.removeLast(states.count - common - 1)
            for b in bytes[common...] {
                let s = states[states.count - 1]
                let t = Int((nodes[s] &>> 32) & 0x7FFF_FFFF) + Int(b)
                guard Int32(truncatingIfNeeded: nodes[t]) == Int32(s) else { break }
                states.append(t)
            }
            guard states.count == bytes.count + 1 else { continue }
            var k = 0
            while k < bytes.count {
                guard BoundaryScan.isWord(bytes[k]) else { k += 1; continue }
                var e = k
                while e < bytes.count, BoundaryScan.isWord(bytes[e]) { e += 1 }
                let word = bytes[k..<e]
                let keyEnd = k + min(8, word.count)
                let value = UInt64(UInt32(states[keyEnd]))
                    | (word.count <= 8 ? UInt64(UInt32(bitPattern: output[states[keyEnd]])) &<< 32 : 0)
                let key = BoundaryScan.firstWordKey(word)
                if k == 0 {
                    first.append(.init(key: key, tag: 0, value: value))
                } else if k >= 2, BoundaryScan.isWord(bytes[k - 2]) {
                    // One separator byte between two words: (state after the previous word, separator, word).
                    next.append(.init(key: key, tag: UInt64(states[k - 1]) &<< 8 | UInt64(bytes[k - 1]), value: value))
                }
                k = e
            }
        }
        return (WordTable(first, filterBitsPerEntry: 32), WordTable(next, filterBitsPerEntry: 16))
    }

    /// Trimmed of ASCII white space (0x09–0x0D, 0x20) and ASCII lower-cased.
    public static func normalize(_ s: String) -> String {
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var bytes = Array(s.utf8)
        while let f = bytes.first, space(f) { bytes.removeFirst() }
        while let l = bytes.last, space(l) { bytes.removeLast() }
        return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Bytes held by the automaton's arrays.
    public var memoryBytes: Int {
        nodes.count * 8 + output.count * 4 + firstWords.memoryBytes + nextWords.memoryBytes + 256
    }
    /// Slots of the double array.
    public var slots: Int { nodes.count }

    /// Adds the occurrences in `text` to `counts` (one slot per label); returns the number of matches.
    public func count(_ text: UnsafeBufferPointer<UInt8>, into counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let p = text.baseAddress, text.count > 0 else { return 0 }
        return nodes.withUnsafeBufferPointer { np in
            output.withUnsafeBufferPointer { op in
                firstWords.withLookup { first in
                    nextWords.withLookup { next in
                        nonWordStarts.withUnsafeBufferPointer { ws in
                            BoundaryScan.run(p, text.count, Automaton(nodes: np, output: op), first, next, ws, counts)
                        }
                    }
                }
            }
        }
    }

    // MARK: Serialization (compiled-automaton cache)

    static let magic: [UInt8] = Array("SRBM0002".utf8)

    /// A self-contained binary image: magic, slot and label counts, the nodes, the outputs, the labels and
    /// both word tables (so a cached load only copies arrays), all little-endian.
    public func serialized() -> [UInt8] {
        var w = BinaryImageWriter(reservingCapacity: memoryBytes + labels.count * 24 + 64)
        w.raw(Self.magic)
        w.count(nodes.count)
        w.count(labels.count)
        w.u64Array(nodes)
        w.u32Array(output.map { UInt32(bitPattern: $0) })
        for l in labels { w.string(l) }
        for t in [firstWords, nextWords] {
            w.count(t.filterBits)
            w.count(t.tableBits)
            w.u64Array(t.filter)
            w.u64Array(t.slots)
        }
        return w.bytes
    }

    /// Reads an image written by ``serialized()``; nil if it is not one (wrong magic, truncated, or values
    /// that could make a scan read outside the arrays or loop forever).
    public convenience init?(serialized bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 16, Array(bytes[0..<8]) == Self.magic else { return nil }
        var r = BinaryImageReader(bytes, offset: 8)
        do {
            let slots = try r.count("slots")
            // Each label needs at least its 4-byte length: a corrupt count cannot make us reserve more than
            // the file holds.
            let labelCount = try r.count("labels", max: r.remaining / 4)
            let nodes = try r.u64Array("nodes")
            let output = try r.u32Array("output").map { Int32(bitPattern: $0) }
            guard slots >= 257, nodes.count == slots, output.count == slots else { return nil }
            var labels: [String] = []
            labels.reserveCapacity(labelCount)
            for _ in 0..<labelCount { labels.append(try r.string("label")) }
            for (node, out) in zip(nodes, output) {
                let base = Int((node &>> 32) & 0x7FFF_FFFF)
                guard base + 255 < slots, out >= 0, Int(out) <= labelCount,
                      (node & Self.outputFlag != 0) == (out != 0) else { return nil }
            }
            var tables: [WordTable] = []
            for _ in 0..<2 {
                let filterBits = try r.count("filter bits"), tableBits = try r.count("table bits")
                let filter = try r.u64Array("filter"), table = try r.u64Array("table")
                guard let t = WordTable(filterBits: filterBits, tableBits: tableBits, filter: filter, slots: table,
                                        states: slots, labels: labelCount) else { return nil }
                tables.append(t)
            }
            guard r.remaining == 0 else { return nil }
            self.init(labels: labels, nodes: nodes, output: output, firstWords: tables[0], nextWords: tables[1])
        } catch {
            return nil
        }
    }
}

/// A hash table from (word key, tag) to a 64-bit value (trie state in the low 32 bits, the output label + 1
/// of that state in the high 32 bits when the key covers the whole word), with a bitset of key hashes in
/// front. Open addressing, linear probing, 3 words per slot (key, tag, value); key 0 marks an empty slot
/// (a word key is never 0: a word has at least one byte).
struct WordTable: Sendable {
    struct Entry {
        let key: UInt64
        let tag: UInt64
        let value: UInt64
    }

    let filter: [UInt64]
    let filterBits: Int
    let slots: [UInt64]
    let tableBits: Int
    var filterShift: UInt64 { UInt64(64 - filterBits) }
    var tableShift: UInt64 { UInt64(64 - tableBits) }

    @inline(__always) static func hash(_ key: UInt64, _ tag: UInt64) -> UInt64 {
        (key ^ (tag &* 0xD6E8_FEB8_6659_FD93)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// `entries` may repeat a (key, tag) pair (always with the same value: both come from the trie).
    init(_ all: [Entry], filterBitsPerEntry: Int) {
        var entries = all.sorted { ($0.key, $0.tag) < ($1.key, $1.tag) }
        var kept = 0
        for e in entries where kept == 0 || e.key != entries[kept - 1].key || e.tag != entries[kept - 1].tag {
            entries[kept] = e
            kept += 1
        }
        entries.removeLast(entries.count - kept)
        var filterBits = 12
        while (1 << filterBits) < entries.count * filterBitsPerEntry && filterBits < 30 { filterBits += 1 }
        var tableBits = 4
        while (1 << tableBits) < entries.count * 2 { tableBits += 1 }
        self.filterBits = filterBits
        self.tableBits = tableBits
        let filterShift = UInt64(64 - filterBits), tableShift = UInt64(64 - tableBits)
        var filter = [UInt64](repeating: 0, count: (1 << filterBits) / 64)
        var slots = [UInt64](repeating: 0, count: 3 << tableBits)
        let slotMask = (1 << tableBits) - 1
        for e in entries {
            let h = Self.hash(e.key, e.tag)
            let bit = h &>> filterShift
            filter[Int(bit &>> 6)] |= 1 &<< (bit & 63)
            var slot = Int(h &>> tableShift)
            while slots[3 * slot] != 0 { slot = (slot + 1) & slotMask }
            slots[3 * slot] = e.key
            slots[3 * slot + 1] = e.tag
            slots[3 * slot + 2] = e.value
        }
        self.filter = filter
        self.slots = slots
    }

    /// From a serialized image; nil unless the sizes agree, every value's state is below `states` and its
    /// label at most `labels`, and at least one slot is empty (so every probe ends).
    init?(filterBits: Int, tableBits: Int, filter: [UInt64], slots: [UInt64], states: Int, labels: Int) {
        guard (12...30).contains(filterBits), (4...30).contains(tableBits), filter.count == (1 << filterBits) / 64,
              slots.count == 3 << tableBits else { return nil }
        var empty = false
        for k in 0..<(1 << tableBits) {
            guard slots[3 * k] != 0 else { empty = true; continue }
            let v = slots[3 * k + 2]
            guard Int(v & 0xFFFF_FFFF) < states, Int(v &>> 32) <= labels else { return nil }
        }
        guard empty else { return nil }
        self.filterBits = filterBits
        self.tableBits = tableBits
        self.filter = filter
        self.slots = slots
    }

    var memoryBytes: Int { filter.count * 8 + slots.count * 8 }

    func withLookup<R>(_ body: (WordLookup) -> R) -> R {
        filter.withUnsafeBufferPointer { f in
            slots.withUnsafeBufferPointer { s in
                body(WordLookup(filter: f.baseAddress!, filterShift: filterShift, slots: s.baseAddress!,
                                tableShift: tableShift, slotMask: s.count / 3 - 1))
            }
        }
    }
}

/// A ``WordTable`` as raw pointers for the scan.
struct WordLookup {
    let filter: UnsafePointer<UInt64>
    let filterShift: UInt64
    let slots: UnsafePointer<UInt64>
    let tableShift: UInt64
    let slotMask: Int

    /// The value for (key, tag), or nil; most absent keys are answered by the bitset alone.
    @inline(__always) func find(_ key: UInt64, _ tag: UInt64) -> UInt64? {
        let h = WordTable.hash(key, tag)
        let bit = h &>> filterShift
        guard filter[Int(bit &>> 6)] & (1 &<< (bit & 63)) != 0 else { return nil }
        var slot = Int(h &>> tableShift)
        while true {
            let k = slots[3 * slot]
            if k == key, slots[3 * slot + 1] == tag { return slots[3 * slot + 2] }
            if k == 0 { return nil }
            slot = (slot + 1) & slotMask
        }
    }
}

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

/// Builds a double array from byte strings.
///
/// The keys are sorted first, so the trie is built without any hash map: each key shares a prefix with
/// the previous one and adds its remaining bytes as new last children (children therefore come in byte
/// order, kept as first-child / next-sibling links in flat arrays).
///
/// Placement walks a doubly linked list of free slots: a node with one child takes the first free slot;
/// a node with several children tries free slots from a moving start and, after 64 failed trials, moves
/// that start forward (leaving a few holes rather than rescanning a dense prefix: this keeps the build
/// close to linear; darts-clone bounds its trials the same way).
enum DoubleArrayBuilder {
    /// `keys` must be distinct and `byteOrder` their indices sorted by bytes; `output` holds key index + 1
    /// at the slot where each key ends.
    static func build(_ keys: [[UInt8]], byteOrder: [Int]) -> (base: [Int32], check: [Int32], output: [Int32]) {
        // 1. The trie, from the keys in byte order.
        let totalBytes = keys.reduce(0) { $0 + $1.count }
        var byte: [UInt8] = [0]
        var firstChild: [Int32] = [-1]
        var lastChild: [Int32] = [-1]
        var nextSibling: [Int32] = [-1]
        var terminal: [Int32] = [0]
        byte.reserveCapacity(totalBytes + 1)
        firstChild.reserveCapacity(totalBytes + 1)
        lastChild.reserveCapacity(totalBytes + 1)
        nextSibling.reserveCapacity(totalBytes + 1)
        terminal.reserveCapacity(totalBytes + 1)
        var path: [Int32] = [0] // path[d]: the node after the previous key's first d bytes
        var previous: [UInt8] = []
        for k in byteOrder {
            let key = keys[k]
            var common = 0
            while common < key.count, common < previous.count, key[common] == previous[common] { common += 1 }
            path.removeLast(path.count - common - 1)
            var node = Int(path[common])
            for d in common..<key.count {
                let new = Int32(byte.count)
                byte.append(key[d])
                firstChild.append(-1)
                lastChild.append(-1)
                nextSibling.append(-1)
                terminal.append(0)
                if lastChild[node] < 0 { firstChild[node] = new } else { nextSibling[Int(lastChild[node])] = new }
                lastChild[node] = new
                node = Int(new)
                path.append(new)
            }
            if terminal[node] == 0 { terminal[node] = Int32(k + 1) }
            previous = key
        }
        // 2. Place nodes breadth-first.
        let nodeCount = byte.count
        var space = FreeSpace(initial: max(1024, nodeCount * 2))
        var base = [Int32](repeating: 0, count: space.size)
        var check = [Int32](repeating: -1, count: space.size)
        var output = [Int32](repeating: 0, count: space.size)
        space.take(0) // the root
        var slotOf = [Int32](repeating: -1, count: nodeCount)
        slotOf[0] = 0
        var queue: [Int32] = [0]
        queue.reserveCapacity(nodeCount)
        var head = 0
        var bytes: [UInt8] = []
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            let s = Int(slotOf[node])
            output[s] = terminal[node]
            bytes.removeAll(keepingCapacity: true)
            var c = firstChild[node]
            while c >= 0 { bytes.append(byte[Int(c)]); c = nextSibling[Int(c)] }
            guard let first = bytes.first else { continue }
            let b = space.findBase(for: bytes, first: Int(first))
            if space.size > base.count {
                base += [Int32](repeating: 0, count: space.size - base.count)
                check += [Int32](repeating: -1, count: space.size - check.count)
                output += [Int32](repeating: 0, count: space.size - output.count)
            }
            base[s] = Int32(b)
            c = firstChild[node]
            while c >= 0 {
                let t = b + Int(byte[Int(c)])
                space.take(t)
                check[t] = Int32(s)
                slotOf[Int(c)] = Int32(t)
                queue.append(c)
                c = nextSibling[Int(c)]
            }
        }
        check[0] = -1
        // Keep every `base[s] + byte` inside the arrays, and nothing after the last used slot.
        let padded = max(space.lastUsed + 1, Int(base.max() ?? 0) + 256 + 1)
        func fit(_ a: [Int32], _ fill: Int32) -> [Int32] {
            a.count >= padded ? Array(a[0..<padded]) : a + [Int32](repeating: fill, count: padded - a.count)
        }
        return (fit(base, 0), fit(check, -1), fit(output, 0))
    }
}

/// Free slots of a double array as a doubly linked list in slot order.
struct FreeSpace {
    private(set) var size: Int
    private var used: [Bool]
    private var next: [Int32]
    private var prev: [Int32]
    private var head: Int          // first free slot
    private var multiStart: Int    // where searches for several children begin
    private(set) var lastUsed = 0

    init(initial: Int) {
        size = initial
        used = [Bool](repeating: false, count: initial)
        next = (0..<initial).map { Int32($0 + 1) }
        prev = (0..<initial).map { Int32($0 - 1) }
        head = 0
        multiStart = 0
    }

    /// Doubles the space. The new slots are free; the old end-of-list value (`old`) now names the first
    /// new slot, so only the back link of that slot needs setting.
    private mutating func grow() {
        let old = size
        size *= 2
        used += [Bool](repeating: false, count: size - old)
        next += (old..<size).map { Int32($0 + 1) }
        prev += (old..<size).map { Int32($0 - 1) }
        var last = old - 1
        while last >= 0, used[last] { last -= 1 }
        prev[old] = Int32(last)
    }

    /// Marks slot `t` used.
    mutating func take(_ t: Int) {
        while t >= size { grow() }
        precondition(!used[t], "slot taken twice")
        used[t] = true
        lastUsed = max(lastUsed, t)
        let n = Int(next[t]), p = Int(prev[t])
        if p >= 0 { next[p] = Int32(n) }
        if n < size { prev[n] = Int32(p) }
        if head == t { head = n }
        if multiStart == t { multiStart = n }
    }

    private mutating func free(_ t: Int) -> Bool {
        while t >= size { grow() }
        return !used[t]
    }

    /// A base `b ≥ 1` such that `b + c` is free for every child byte `c` (`bytes` sorted, `first` = bytes[0]).
    mutating func findBase(for bytes: [UInt8], first: Int) -> Int {
        var f = bytes.count == 1 ? head : multiStart
        var trials = 0
        while true {
            while f >= size { grow() }
            let b = f - first
            if b >= 1, bytes.dropFirst().allSatisfy({ free(b + Int($0)) }) { return b }
            trials += 1
            if bytes.count > 1, trials > 64 { multiStart = Int(next[f]) }
            f = Int(next[f])
        }
    }
}
