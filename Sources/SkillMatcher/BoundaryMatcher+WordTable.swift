extension BoundaryMatcher {
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
