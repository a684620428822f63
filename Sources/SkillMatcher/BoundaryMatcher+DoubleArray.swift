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
