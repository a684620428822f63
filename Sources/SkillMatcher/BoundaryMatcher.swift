/// The "standard task" matcher: ASCII case-insensitive labels found at word boundaries, leftmost-longest,
/// over raw bytes, as a double-array trie.
///
/// Semantics (Benchmarks/README.md, "standard task"): an occurrence must start where the previous byte is
/// not a word character (ASCII letter, digit, `_`) or at the start, and end where the next byte is not a
/// word character or at the end; scanning left to right, at the leftmost valid start take the longest valid
/// label, count it, and continue after it. A line break is not a word character, so a buffer of many lines
/// is scanned as one text. Bytes ≥ 0x80 are compared as they are (not folded) and are not word characters.
///
/// Layout: `base`/`check` arrays (transition from state `s` on byte `c` goes to `t = base[s] + c` when
/// `check[t] == s`), `output[t]` = label index + 1. Build is O(total label bytes) expected; a scan is
/// O(bytes × longest label) worst case and close to O(bytes) on text, with no allocation.
///
/// A label that starts with a word character can only match where a text word equals the label's first
/// word (the label's leading run of word characters): the text word ends at a non-word byte, and so must
/// the label's first word. The scan therefore looks each text word up as a whole, by its *first-word key*
/// (its first 8 bytes, lower-cased, zero-padded; words longer than 8 bytes are flagged in the key's high
/// bits, which word characters never set): a bitset over key hashes rejects most words at once, and a
/// table maps each label first-word key to the trie state after those bytes, so the trie walk starts past
/// the word instead of at its first byte.
public final class BoundaryMatcher: Sendable {
    /// Distinct labels (lower-cased, trimmed), in first-seen order; counts are indexed the same way.
    public let labels: [String]
    let base: [Int32]
    let check: [Int32]
    let output: [Int32]
    /// The first-word tables (built from the trie; not serialized).
    let firstWords: FirstWordTable
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
        let (base, check, output) = DoubleArrayBuilder.build(labels.map { Array($0.utf8) })
        self.init(labels: labels, base: base, check: check, output: output)
    }

    init(labels: [String], base: [Int32], check: [Int32], output: [Int32]) {
        self.labels = labels
        self.base = base
        self.check = check
        self.output = output
        var starts = [Bool](repeating: false, count: 256)
        var keys: [UInt64: Int32] = [:]
        for l in labels {
            let bytes = Array(l.utf8)
            guard let first = bytes.first else { continue }
            if !BoundaryScan.isWord(first) {
                starts[Int(first)] = true
                continue
            }
            let word = bytes.prefix { BoundaryScan.isWord($0) }
            let key = BoundaryScan.firstWordKey(word)
            guard keys[key] == nil else { continue }
            // The trie state after the key's bytes (the whole word, or its first 8 bytes when longer).
            var s = 0
            for b in word.prefix(8) { s = Int(base[s]) + Int(b) }
            keys[key] = Int32(s)
        }
        firstWords = FirstWordTable(keys)
        nonWordStarts = starts
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
    public var memoryBytes: Int { (base.count + check.count + output.count) * 4 + firstWords.memoryBytes + 256 }
    /// Slots of the double array.
    public var slots: Int { base.count }

    /// Adds the occurrences in `text` to `counts` (one slot per label); returns the number of matches.
    public func count(_ text: UnsafeBufferPointer<UInt8>, into counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let p = text.baseAddress, text.count > 0 else { return 0 }
        let n = text.count
        return base.withUnsafeBufferPointer { bp in
            check.withUnsafeBufferPointer { cp in
                output.withUnsafeBufferPointer { op in
                    firstWords.filter.withUnsafeBufferPointer { fp in
                        firstWords.keys.withUnsafeBufferPointer { kp in
                            firstWords.states.withUnsafeBufferPointer { sp in
                                nonWordStarts.withUnsafeBufferPointer { np in
                                    BoundaryScan.run(p, n, Automaton(base: bp, check: cp, output: op),
                                                     FirstWordLookup(filter: fp, filterShift: firstWords.filterShift,
                                                                     keys: kp, states: sp,
                                                                     tableShift: firstWords.tableShift),
                                                     np, counts)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: Serialization (compiled-automaton cache)

    static let magic: [UInt8] = Array("SRBM0001".utf8)

    /// A self-contained binary image: magic, counts, the three arrays (little-endian Int32), labels.
    public func serialized() -> [UInt8] {
        var out = Self.magic
        func put(_ v: Int32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(Int32(base.count))
        put(Int32(labels.count))
        for a in [base, check, output] { for v in a { put(v) } }
        for l in labels {
            put(Int32(l.utf8.count))
            out.append(contentsOf: l.utf8)
        }
        return out
    }

    /// Reads an image written by ``serialized()``; nil if it is not one (wrong magic, truncated, inconsistent).
    public convenience init?(serialized bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 16, Array(bytes[0..<8]) == Self.magic else { return nil }
        var pos = 8
        func get() -> Int32? {
            guard pos + 4 <= bytes.count else { return nil }
            let v = bytes.loadUnaligned(fromByteOffset: pos, as: Int32.self)
            pos += 4
            return Int32(littleEndian: v)
        }
        guard let slots = get(), let labelCount = get(), slots > 0, labelCount >= 0,
              pos + Int(slots) * 12 <= bytes.count else { return nil }
        func array() -> [Int32] {
            let a = [Int32](unsafeUninitializedCapacity: Int(slots)) { buf, count in
                for k in 0..<Int(slots) {
                    buf[k] = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 4 * k, as: Int32.self))
                }
                count = Int(slots)
            }
            pos += 4 * Int(slots)
            return a
        }
        let base = array(), check = array(), output = array()
        // Each label needs at least its 4-byte length: a corrupt count cannot make us reserve more than the file holds.
        guard labelCount >= 0, Int(labelCount) <= (bytes.count - pos) / 4 else { return nil }
        var labels: [String] = []
        labels.reserveCapacity(Int(labelCount))
        for _ in 0..<labelCount {
            guard let len = get(), len >= 0, pos + Int(len) <= bytes.count else { return nil }
            labels.append(String(decoding: bytes[pos..<(pos + Int(len))], as: UTF8.self))
            pos += Int(len)
        }
        guard pos == bytes.count, output.allSatisfy({ $0 >= 0 && Int($0) <= labels.count }),
              base.allSatisfy({ $0 >= 0 && Int($0) + 255 < Int(slots) }) else { return nil }
        self.init(labels: labels, base: base, check: check, output: output)
    }
}

/// Label first words: a bitset over key hashes (the prefilter) and an open-addressing table from key to
/// the trie state after the key's bytes. Both are indexed by top bits of `key × multiplier`.
struct FirstWordTable: Sendable {
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    let filter: [UInt64]
    let filterShift: UInt64
    /// Slot → key (0 = empty: a key is never 0, a word has at least one byte).
    let keys: [UInt64]
    let states: [Int32]
    let tableShift: UInt64

    init(_ entries: [UInt64: Int32]) {
        var filterBits = 12
        while (1 << filterBits) < entries.count * 32 && filterBits < 27 { filterBits += 1 }
        var tableBits = 4
        while (1 << tableBits) < entries.count * 2 { tableBits += 1 }
        filterShift = UInt64(64 - filterBits)
        tableShift = UInt64(64 - tableBits)
        var filter = [UInt64](repeating: 0, count: (1 << filterBits) / 64)
        var keys = [UInt64](repeating: 0, count: 1 << tableBits)
        var states = [Int32](repeating: 0, count: 1 << tableBits)
        let slotMask = (1 << tableBits) - 1
        for (key, state) in entries.sorted(by: { $0.key < $1.key }) {
            let h = key &* Self.multiplier
            let bit = h &>> filterShift
            filter[Int(bit &>> 6)] |= 1 &<< (bit & 63)
            var slot = Int(h &>> tableShift)
            while keys[slot] != 0 { slot = (slot + 1) & slotMask }
            keys[slot] = key
            states[slot] = state
        }
        self.filter = filter
        self.keys = keys
        self.states = states
    }

    var memoryBytes: Int { filter.count * 8 + keys.count * 8 + states.count * 4 }
}

/// The double array, as raw pointers for the scan.
struct Automaton {
    let base: UnsafeBufferPointer<Int32>
    let check: UnsafeBufferPointer<Int32>
    let output: UnsafeBufferPointer<Int32>
}

/// The first-word tables, as raw pointers for the scan.
struct FirstWordLookup {
    let filter: UnsafeBufferPointer<UInt64>
    let filterShift: UInt64
    let keys: UnsafeBufferPointer<UInt64>
    let states: UnsafeBufferPointer<Int32>
    let tableShift: UInt64
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

    /// The first-word key of a word (word characters only): its first 8 bytes folded with `| 0x20` (which
    /// lower-cases letters and keeps digits; `_` becomes 0x7F, the same for labels and text), little-endian,
    /// zero past the end, and flagged when the word is longer than 8 bytes.
    static func firstWordKey<C: Collection>(_ word: C) -> UInt64 where C.Element == UInt8 {
        var key: UInt64 = 0
        for (k, b) in word.prefix(8).enumerated() { key |= UInt64(b | 0x20) &<< UInt64(8 * k) }
        return word.count > 8 ? key ^ longWordFlag : key
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
    /// branch); word starts are the mask's rising edges. Each word's first-word key comes from one 8-byte
    /// load; the bitset rejects most words, the table gives the trie state after the word for the rest, and
    /// the walk goes on from there. Positions where a label starting with a non-word byte could start (a
    /// non-word byte after a non-word byte, with such a first byte) are added to the starts. The last
    /// < 128 bytes go through a byte-at-a-time loop that walks the trie from its root.
    static func run(_ p: UnsafePointer<UInt8>, _ n: Int, _ a: Automaton, _ f: FirstWordLookup,
                    _ nonWordStarts: UnsafeBufferPointer<Bool>, _ counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let bp = a.base.baseAddress, let cp = a.check.baseAddress, let op = a.output.baseAddress,
              let fp = f.filter.baseAddress, let kp = f.keys.baseAddress, let sp = f.states.baseAddress,
              let np = nonWordStarts.baseAddress, let counts = counts.baseAddress else { return 0 }
        let anyNonWordStart = nonWordStarts.contains(true)
        let slots = a.check.count
        let slotMask = f.keys.count - 1
        let rootBase = Int(bp[0])

        /// The longest valid label from `j` in state `s` (the bytes before `j` already matched), as (end,
        /// label + 1), or end -1.
        @inline(__always) func walk(from s0: Int, at j0: Int) -> (Int, Int32) {
            var s = s0
            var j = j0
            var bestEnd = -1
            var bestLabel: Int32 = 0
            while true {
                let o = op[s]
                if o != 0, j == n || !isWord(p[j]) {
                    bestEnd = j
                    bestLabel = o
                }
                if j == n { break }
                let t = Int(bp[s]) &+ Int(lower(p[j]))
                if t >= slots || cp[t] != Int32(truncatingIfNeeded: s) { break }
                s = t
                j += 1
            }
            return (bestEnd, bestLabel)
        }

        /// The walk from the root at `i`.
        @inline(__always) func walk(_ i: Int) -> (Int, Int32) {
            let t = rootBase &+ Int(lower(p[i]))
            guard cp[t] == 0 else { return (-1, 0) } // not a child of the root (slot 0)
            return walk(from: t, at: i + 1)
        }

        var matches = 0
        var resume = 0 // no match may start before this (the end of the last match)
        let raw = UnsafeRawPointer(p)

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
                    if mask & (1 &<< bit) == 0 {
                        let (end, label) = walk(pos)
                        if end >= 0 {
                            counts[Int(label) - 1] += 1
                            matches += 1
                            resume = end
                        }
                        continue
                    }
                    // The word's length: the first non-word byte at or after `pos` in this block or the next.
                    let rest = (~mask &>> bit) | ((~nextMask &<< 1) &<< (63 &- bit))
                    var length = rest.trailingZeroBitCount
                    if rest == 0 {
                        length = 128 - Int(bit)
                        while pos + length < n, isWord(p[pos + length]) { length += 1 }
                    }
                    let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self))
                    let kept = UInt64(truncatingIfNeeded: 64 - 8 * min(length, 8))
                    var key = (x | 0x20 &* ones) & (~0 &>> kept)
                    if length > 8 { key ^= longWordFlag }
                    let h = key &* FirstWordTable.multiplier
                    let fbit = h &>> f.filterShift
                    guard fp[Int(fbit &>> 6)] & (1 &<< (fbit & 63)) != 0 else { continue }
                    var slot = Int(h &>> f.tableShift)
                    var state = -1
                    while true {
                        let k = kp[slot]
                        if k == key { state = Int(sp[slot]); break }
                        if k == 0 { break }
                        slot = (slot + 1) & slotMask
                    }
                    guard state >= 0 else { continue }
                    let (end, label) = walk(from: state, at: pos + min(length, 8))
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
/// Placement walks a doubly linked list of free slots: a node with one child takes the first free slot;
/// a node with several children tries free slots from a moving start and, after 64 failed trials, moves
/// that start forward (leaving a few holes rather than rescanning a dense prefix: this keeps the build
/// close to linear; darts-clone bounds its trials the same way).
enum DoubleArrayBuilder {
    static func build(_ keys: [[UInt8]]) -> (base: [Int32], check: [Int32], output: [Int32]) {
        // 1. A plain trie; children found through a hash map keyed by (node, byte).
        var edges: [Int: Int32] = [:]
        edges.reserveCapacity(keys.reduce(0) { $0 + $1.count })
        var kids: [[UInt8]] = [[]]
        var terminal: [Int32] = [0]
        for (k, key) in keys.enumerated() {
            var node = 0
            for b in key {
                let edgeKey = node << 8 | Int(b)
                if let c = edges[edgeKey] {
                    node = Int(c)
                } else {
                    let new = Int32(kids.count)
                    kids.append([])
                    terminal.append(0)
                    kids[node].append(b)
                    edges[edgeKey] = new
                    node = Int(new)
                }
            }
            if terminal[node] == 0 { terminal[node] = Int32(k + 1) }
        }
        // 2. Place nodes breadth-first.
        var space = FreeSpace(initial: max(1024, kids.count * 2))
        var base = [Int32](repeating: 0, count: space.size)
        var check = [Int32](repeating: -1, count: space.size)
        var output = [Int32](repeating: 0, count: space.size)
        space.take(0) // the root
        var slotOf = [Int32](repeating: -1, count: kids.count)
        slotOf[0] = 0
        var queue: [Int32] = [0]
        queue.reserveCapacity(kids.count)
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            let s = Int(slotOf[node])
            output[s] = terminal[node]
            let bytes = kids[node].sorted()
            guard let first = bytes.first else { continue }
            let b = space.findBase(for: bytes, first: Int(first))
            if space.size > base.count {
                base += [Int32](repeating: 0, count: space.size - base.count)
                check += [Int32](repeating: -1, count: space.size - check.count)
                output += [Int32](repeating: 0, count: space.size - output.count)
            }
            base[s] = Int32(b)
            for c in bytes {
                let t = b + Int(c)
                space.take(t)
                check[t] = Int32(s)
                guard let child = edges[node << 8 | Int(c)] else { continue }
                slotOf[Int(child)] = Int32(t)
                queue.append(child)
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
