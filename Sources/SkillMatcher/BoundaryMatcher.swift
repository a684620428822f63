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
public final class BoundaryMatcher: Sendable {
    /// Distinct labels (lower-cased, trimmed), in first-seen order; counts are indexed the same way.
    public let labels: [String]
    let base: [Int32]
    let check: [Int32]
    let output: [Int32]
    /// Prefilter: a bitset over hashes of the labels' first words (the leading run of word characters).
    /// A text word whose hash is not in it cannot start a match, so the trie is walked only for candidates.
    let firstWords: [UInt64]
    let firstWordShift: UInt64
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
        var bits = 12
        while (1 << bits) < labels.count * 16 && bits < 26 { bits += 1 }
        var filter = [UInt64](repeating: 0, count: (1 << bits) / 64)
        let shift = UInt64(64 - bits)
        for l in labels {
            let bytes = Array(l.utf8)
            guard let first = bytes.first else { continue }
            if !BoundaryScan.isWord(first) {
                starts[Int(first)] = true
                continue
            }
            var h = BoundaryScan.hashSeed
            for b in bytes {
                guard BoundaryScan.isWord(b) else { break }
                h = BoundaryScan.hashStep(h, b)
            }
            let bit = BoundaryScan.hashFinish(h) &>> shift
            filter[Int(bit &>> 6)] |= 1 &<< (bit & 63)
        }
        firstWords = filter
        firstWordShift = shift
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
    public var memoryBytes: Int { (base.count + check.count + output.count) * 4 + firstWords.count * 8 + 256 }
    /// Slots of the double array.
    public var slots: Int { base.count }

    /// Adds the occurrences in `text` to `counts` (one slot per label); returns the number of matches.
    public func count(_ text: UnsafeBufferPointer<UInt8>, into counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let p = text.baseAddress, text.count > 0 else { return 0 }
        let n = text.count
        return base.withUnsafeBufferPointer { bp in
            check.withUnsafeBufferPointer { cp in
                output.withUnsafeBufferPointer { op in
                    firstWords.withUnsafeBufferPointer { fp in
                        nonWordStarts.withUnsafeBufferPointer { np in
                            BoundaryScan.run(p, n, bp, cp, op, fp, firstWordShift, np, counts)
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

/// The scan loop, over raw pointers.
enum BoundaryScan {
    @inline(__always) static func isWord(_ b: UInt8) -> Bool {
        (b &- 0x30 < 10) || ((b | 0x20) &- 0x61 < 26) || b == 0x5F
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
    /// For each byte: its lower-cased form if it is a word character, else 0.
    static let wordLower: [UInt8] = (0..<256).map { v in
        let b = UInt8(v)
        return isWord(b) ? lower(b) : 0
    }

    /// The first-word hash: h·33 xor byte over lower-cased bytes (two-cycle steps), then a 64-bit mixer.
    @inline(__always) static func hashStep(_ h: UInt64, _ b: UInt8) -> UInt64 { hashStepLowered(h, lower(b)) }
    @inline(__always) static func hashStepLowered(_ h: UInt64, _ c: UInt8) -> UInt64 {
        (h &* 33) ^ UInt64(c)
    }
    @inline(__always) static func hashFinish(_ h: UInt64) -> UInt64 {
        var x = h
        x = (x ^ (x &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x &>> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x &>> 31)
    }

    /// Scans `p[0..<n]`. Words are read once: while a word's bytes are skipped its hash is computed, and
    /// the trie is walked from the word's start only when the hash is in the first-word filter. A
    /// non-word byte is a start only after a non-word byte, and only for labels starting with that byte.
    static func run(_ p: UnsafePointer<UInt8>, _ n: Int, _ base: UnsafeBufferPointer<Int32>,
                    _ check: UnsafeBufferPointer<Int32>, _ output: UnsafeBufferPointer<Int32>,
                    _ filter: UnsafeBufferPointer<UInt64>, _ shift: UInt64, _ nonWordStarts: UnsafeBufferPointer<Bool>,
                    _ counts: UnsafeMutableBufferPointer<Int>) -> Int {
        guard let bp = base.baseAddress, let cp = check.baseAddress, let op = output.baseAddress,
              let fp = filter.baseAddress, let np = nonWordStarts.baseAddress,
              let counts = counts.baseAddress else { return 0 }
        return wordLower.withUnsafeBufferPointer { wlBuffer -> Int in
            guard let wl = wlBuffer.baseAddress else { return 0 }
            return scan(p, n, bp, cp, op, check.count, fp, shift, np, wl, counts)
        }
    }

    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ n: Int, _ bp: UnsafePointer<Int32>, _ cp: UnsafePointer<Int32>,
                     _ op: UnsafePointer<Int32>, _ slots: Int, _ fp: UnsafePointer<UInt64>, _ shift: UInt64,
                     _ np: UnsafePointer<Bool>, _ wl: UnsafePointer<UInt8>, _ counts: UnsafeMutablePointer<Int>) -> Int {
        let rootBase = Int(bp[0])

        /// The longest valid label from `i`, as (end, label + 1), or end -1.
        @inline(__always) func walk(_ i: Int) -> (Int, Int32) {
            var t = rootBase &+ Int(lower(p[i]))
            guard cp[t] == 0 else { return (-1, 0) } // not a child of the root (slot 0)
            var s = t
            var j = i + 1
            var bestEnd = -1
            var bestLabel: Int32 = 0
            while true {
                let o = op[s]
                if o != 0, j == n || !isWord(p[j]) {
                    bestEnd = j
                    bestLabel = o
                }
                if j == n { break }
                t = Int(bp[s]) &+ Int(lower(p[j]))
                if t >= slots || cp[t] != Int32(truncatingIfNeeded: s) { break }
                s = t
                j += 1
            }
            return (bestEnd, bestLabel)
        }

        var matches = 0
        var i = 0
        while i < n {
            let b = p[i]
            var c = wl[Int(b)]
            if c != 0 {
                // Only reached at a word start (the previous byte is not a word character).
                let start = i
                var h = hashSeed
                repeat {
                    h = hashStepLowered(h, c)
                    i += 1
                    if i == n { break }
                    c = wl[Int(p[i])]
                } while c != 0
                let bit = hashFinish(h) &>> shift
                if fp[Int(bit &>> 6)] & (1 &<< (bit & 63)) != 0 {
                    let (end, label) = walk(start)
                    if end >= 0 {
                        counts[Int(label) - 1] += 1
                        matches += 1
                        i = end
                        continue
                    }
                }
                // `i` is now a non-word byte right after a word: not a start; step over it.
                i += 1
            } else {
                if np[Int(lower(b))], i == 0 || !isWord(p[i - 1]) {
                    let (end, label) = walk(i)
                    if end >= 0 {
                        counts[Int(label) - 1] += 1
                        matches += 1
                        i = end
                        continue
                    }
                }
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
