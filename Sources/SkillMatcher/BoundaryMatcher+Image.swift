// Serialization (compiled-automaton cache).

extension BoundaryMatcher {
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
