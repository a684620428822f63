import SkillSynth
import XCTest
@testable import SkillMatcher

/// The standard-task matcher against the task's definition, written naively.
final class BoundaryMatcherTests: XCTestCase {
    /// The definition, literally: at each valid start, try every label, keep the longest valid one.
    static func reference(labels: [String], text: [UInt8]) -> [String: Int] {
        let ls = Array(Set(labels.map(BoundaryMatcher.normalize).filter { !$0.isEmpty })).map { Array($0.utf8) }
        func word(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        var counts: [String: Int] = [:]
        var i = 0
        while i < text.count {
            if i > 0 && word(text[i - 1]) { i += 1; continue }
            var best: [UInt8]?
            for l in ls where i + l.count <= text.count {
                var same = true
                for k in 0..<l.count where lower(text[i + k]) != l[k] { same = false; break }
                guard same else { continue }
                let end = i + l.count
                guard end == text.count || !word(text[end]) else { continue }
                if best == nil || l.count > best!.count { best = l }
            }
            if let b = best {
                counts[String(decoding: b, as: UTF8.self), default: 0] += 1
                i += b.count
            } else {
                i += 1
            }
        }
        return counts
    }

    func fast(_ labels: [String], _ text: String) -> [String: Int] {
        fast(BoundaryMatcher(labels: labels), Array(text.utf8))
    }

    func fast(_ m: BoundaryMatcher, _ text: [UInt8]) -> [String: Int] {
        var counts = [Int](repeating: 0, count: m.labels.count)
        let total = m.count(text, into: &counts)
        XCTAssertEqual(total, counts.reduce(0, +))
        var out: [String: Int] = [:]
        for (k, c) in counts.enumerated() where c > 0 { out[m.labels[k]] = c }
        return out
    }

    /// The safe public variants against the reference, table-driven: the array and pointer forms, the
    /// returned counts, counters that add to what is there, and extra counters past the labels left alone.
    func testSafeCountVariantsAgreeWithReference() {
        let table: [(name: String, labels: [String], text: String)] = [
            ("task", ["c++", ".net", "machine learning", "machine learning engineer", "java", "javascript"],
             "c++ dev, .NET; machine learning engineers javascript java_script java"),
            ("prefixes", ["a", "ab", "abc", "b", "bc"], "abcd abc ab a abcde bcd bc b"),
            ("punctuation", ["+", "++", "c", "#", "c#", "ci/cd"], "c++ c# + ++ +++ # CI/CD ci/"),
            ("long words", [String(repeating: "x", count: 12), "x"], String(repeating: "X", count: 12) + " x xx"),
            ("empty text", ["python"], ""),
            ("no labels", [], "python"),
        ]
        for row in table {
            let m = BoundaryMatcher(labels: row.labels)
            let text = Array(row.text.utf8)
            let want = Self.reference(labels: row.labels, text: text)
            let (counts, matches) = m.counts(in: text)
            XCTAssertEqual(counts.count, m.labels.count, row.name)
            var got: [String: Int] = [:]
            for (k, c) in counts.enumerated() where c > 0 { got[m.labels[k]] = c }
            XCTAssertEqual(got, want, row.name)
            XCTAssertEqual(matches, want.values.reduce(0, +), row.name)
            // Counters are added to, and entries past `labels.count` are not touched.
            var more = counts + [-7, -7]
            let again = text.withUnsafeBufferPointer { m.count($0, into: &more) }
            XCTAssertEqual(again, matches, row.name)
            XCTAssertEqual(Array(more.prefix(counts.count)), counts.map { $0 * 2 }, row.name)
            XCTAssertEqual(Array(more.suffix(2)), [-7, -7], row.name)
        }
    }

    func testExamplesFromTheTaskDefinition() {
        XCTAssertEqual(fast(["c++"], "c++ dev, C++; c++11 c++"), ["c++": 3])
        XCTAssertEqual(fast([".net"], "use .net but not asp.net; .NET."), [".net": 2])
        XCTAssertEqual(fast(["machine learning", "machine learning engineer"], "machine learning engineers"),
                       ["machine learning": 1])
        XCTAssertEqual(fast(["machine learning", "machine learning engineer"], "a machine learning engineer."),
                       ["machine learning engineer": 1])
        XCTAssertEqual(fast(["java", "javascript"], "javascript java_script java"), ["javascript": 1, "java": 1])
        XCTAssertEqual(fast(["ci/cd", "ci"], "CI/CD and ci"), ["ci/cd": 1, "ci": 1])
        XCTAssertEqual(fast(["  Python  ", "PYTHON", ""], "python\nPython"), ["python": 2])
        XCTAssertEqual(fast(["a b c", "b"], "a b d"), ["b": 1])
        XCTAssertEqual(fast(["x"], ""), [:])
    }

    func testAgreesWithReferenceOnSeededRandomInput() {
        let words = ["c", "c++", "c#", ".net", "net", "asp", "java", "script", "javascript", "machine", "learning",
                     "engineer", "ci", "cd", "data", "base", "node", "js", "r", "go", "_x", "a1", "b",
                     "development", "developments", "kubernetes_operator", "databases"]
        let separators = [" ", " ", " ", ", ", ".", "/", "\n", "-", "+", "#", "(", ")", "é", "\u{0}", "__"]
        var rng = SplitMix64(seed: 0)
        for seed in 0..<40 {
            rng = SplitMix64(seed: UInt64(seed))
            var labels: [String] = []
            for _ in 0..<(5 + rng.below(60)) {
                var l = words[rng.below(words.count)]
                for _ in 0..<rng.below(3) { l += [" ", "/", "-", "."][rng.below(4)] + words[rng.below(words.count)] }
                if rng.below(4) == 0 { l = l.uppercased() }
                labels.append(l)
            }
            var text = ""
            for _ in 0..<2_000 {
                var w = words[rng.below(words.count)]
                if rng.below(5) == 0 { w = w.uppercased() }
                text += w + separators[rng.below(separators.count)]
            }
            let bytes = Array(text.utf8)
            let m = BoundaryMatcher(labels: labels)
            XCTAssertEqual(fast(m, bytes), Self.reference(labels: labels, text: bytes), "seed \(seed)")
        }
    }

    /// The 64-byte block scan: words and matches that cross block edges at every offset, words longer than
    /// 8, 64 and 128 bytes, texts ending inside a word or a label, and sub-slices starting at any address.
    func testBlockEdgesLongWordsAndOffsets() {
        let labels = ["ab", "ab cd", ".net", "c++", "x_1", String(repeating: "q", count: 70),
                      String(repeating: "w", count: 9) + " z", "abcdefgh", "abcdefghi", "é x"]
        let m = BoundaryMatcher(labels: labels)
        let pieces = ["ab", "AB cd", ".net", "c++", "x_1", String(repeating: "q", count: 70),
                      String(repeating: "Q", count: 140), String(repeating: "w", count: 9) + " z", "abcdefgh",
                      "ABCDEFGHI", "abcdefghij", "é x", "xab", "ab_", " ", "  ", ".", "\n", "é"]
        var rng = SplitMix64(seed: 7)
        for round in 0..<300 {
            var text: [UInt8] = []
            for _ in 0..<rng.below(80) {
                text += Array(pieces[rng.below(pieces.count)].utf8)
                if rng.below(3) > 0 { text.append([0x20, 0x2C, 0x0A, 0x2E][rng.below(4)]) }
            }
            let offset = rng.below(9)
            let shifted = [UInt8](repeating: 0x20, count: offset) + text
            let whole = fast(m, text)
            XCTAssertEqual(whole, Self.reference(labels: labels, text: text), "round \(round)")
            // The same text at another address (and so another block phase), as a slice of a larger buffer.
            let sliced = shifted.withUnsafeBufferPointer { all -> [String: Int] in
                var counts = [Int](repeating: 0, count: m.labels.count)
                _ = m.count(UnsafeBufferPointer(rebasing: all[offset...]), into: &counts)
                var out: [String: Int] = [:]
                for (k, c) in counts.enumerated() where c > 0 { out[m.labels[k]] = c }
                return out
            }
            XCTAssertEqual(sliced, whole, "round \(round) at offset \(offset)")
        }
    }

    /// The SWAR word-byte test against the scalar one, for every byte value in every lane.
    func testWordBytesAgreesWithIsWordForEveryByte() {
        for v in 0..<256 {
            for lane in 0..<8 {
                let x = UInt64(v) << UInt64(8 * lane) | (lane == 0 ? 0 : 0x41) // a letter in lane 0 otherwise
                let mask = BoundaryScan.packBytes(BoundaryScan.wordBytes(x))
                let expected = BoundaryScan.isWord(UInt8(v))
                XCTAssertEqual(mask & (1 << UInt64(lane)) != 0, expected, "byte \(v) lane \(lane)")
                for other in 0..<8 where other != lane {
                    let otherByte = UInt8(truncatingIfNeeded: x >> UInt64(8 * other))
                    XCTAssertEqual(mask & (1 << UInt64(other)) != 0, BoundaryScan.isWord(otherByte))
                }
            }
        }
    }

    func testSerializationRoundTripAndCorruptImages() {
        let m = BoundaryMatcher(labels: ["python", "c++", "machine learning", "machine learning engineer", ".net"])
        let image = m.serialized()
        let back = image.withUnsafeBytes { BoundaryMatcher(serialized: $0) }
        XCTAssertNotNil(back)
        XCTAssertEqual(back?.labels, m.labels)
        let text = Array("Python, C++ and .NET; machine learning engineer".utf8)
        if let back { XCTAssertEqual(fast(back, text), fast(m, text)) }
        XCTAssertNil(Array(image.prefix(image.count - 3)).withUnsafeBytes { BoundaryMatcher(serialized: $0) })
        XCTAssertNil([UInt8](repeating: 7, count: 64).withUnsafeBytes { BoundaryMatcher(serialized: $0) })
    }

    func testManyLabelsBuildAndMatch() {
        var rng = SplitMix64(seed: 99)
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let labels = (0..<3_000).map { _ in
            (0..<(1 + rng.below(3))).map { _ in String((0..<(2 + rng.below(7))).map { _ in letters[rng.below(26)] }) }
                .joined(separator: " ")
        }
        let m = BoundaryMatcher(labels: labels)
        XCTAssertEqual(m.labels.count, Set(labels).count)
        let text = Array((labels.prefix(300).joined(separator: " | ") + " zzzzzzzzzzzz").utf8)
        XCTAssertEqual(fast(m, text), Self.reference(labels: Array(labels), text: text))
    }
}


/// The free-slot list behind the double-array builder, including growth from a tiny start.
final class FreeSpaceTests: XCTestCase {
    func testPlacementsNeverOverlapAcrossGrowth() {
        var space = FreeSpace(initial: 4)
        var taken = Set<Int>([0])
        space.take(0)
        var rng = SplitMix64(seed: 5)
        for _ in 0..<3_000 {
            let count = 1 + rng.below(6)
            let bytes = Array(Set((0..<count).map { _ in UInt8(rng.below(256)) })).sorted()
            let b = space.findBase(for: bytes, first: Int(bytes[0]))
            XCTAssertGreaterThanOrEqual(b, 1)
            for c in bytes {
                let t = b + Int(c)
                XCTAssertFalse(taken.contains(t), "slot \(t) handed out twice")
                taken.insert(t)
                space.take(t)
            }
        }
        XCTAssertGreaterThan(space.size, 4)
    }
}
