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
///
/// Files: the scan in `BoundaryMatcher+Scan.swift`, the word tables in `+WordTable`, the double-array
/// build in `+DoubleArray`, the serialized image in `+Image`.
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

    // MARK: Counting

    /// Adds the occurrences in `text` to `counts` (`counts[k]` for `labels[k]`); returns the number of matches.
    ///
    /// O(bytes × longest label) worst case and close to O(bytes) on text; no allocation. Entries of `counts`
    /// past `labels.count` are left alone.
    ///
    /// - Precondition: `counts.count >= labels.count`.
    public func count(_ text: UnsafeBufferPointer<UInt8>, into counts: inout [Int]) -> Int {
        precondition(counts.count >= labels.count,
                     "BoundaryMatcher.count: \(counts.count) counters for \(labels.count) labels")
        return counts.withUnsafeMutableBufferPointer { countUnchecked(text, into: $0) }
    }

    /// Adds the occurrences in `text` to `counts`; returns the number of matches (the variant above, for an array).
    ///
    /// - Precondition: `counts.count >= labels.count`.
    public func count(_ text: [UInt8], into counts: inout [Int]) -> Int {
        text.withUnsafeBufferPointer { count($0, into: &counts) }
    }

    /// The occurrences of each label in `text` (`labels.count` entries, indexed like ``labels``) and their sum.
    public func counts(in text: [UInt8]) -> (counts: [Int], matches: Int) {
        var counts = [Int](repeating: 0, count: labels.count)
        let matches = count(text, into: &counts)
        return (counts, matches)
    }

    /// Adds the occurrences in `text` to `counts` through raw pointers; returns the number of matches.
    ///
    /// The scan writes `counts[label]` without bounds checks: `counts.count >= labels.count` is the caller's
    /// to ensure (asserted in debug builds only). The public ``count(_:into:)`` variants check it.
    func countUnchecked(_ text: UnsafeBufferPointer<UInt8>, into counts: UnsafeMutableBufferPointer<Int>) -> Int {
        assert(counts.count >= labels.count, "\(counts.count) counters for \(labels.count) labels")
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
}
