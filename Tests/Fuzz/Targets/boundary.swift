// fuzz-modules: SkillMatcher
// The `count` task's `BoundaryMatcher` (double-array trie + first-word prefilter) against the task's
// definition written naively, and its serialized image round trip (DESIGN.md, "The standard benchmark task").
//
// Input: one byte giving the label count (1...32), then the labels, each ending at `\n`; the rest is the
// text. Reference: labels trimmed of ASCII white space and ASCII lower-cased, empty ones dropped; at each
// position not preceded by a word byte (ASCII letter, digit, `_`) take the longest label that equals the
// lower-cased bytes there and is not followed by a word byte, count it and continue after it.
import Foundation
import SkillMatcher

private func isWord(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
}
private func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

private func reference(_ labels: [String], _ text: [UInt8]) -> [String: Int] {
    let ls = Set(labels.map(BoundaryMatcher.normalize).filter { !$0.isEmpty }).map { Array($0.utf8) }
    var counts: [String: Int] = [:]
    var i = 0
    while i < text.count {
        if i > 0 && isWord(text[i - 1]) { i += 1; continue }
        var best: [UInt8]?
        for l in ls where i + l.count <= text.count && (best?.count ?? 0) < l.count {
            guard l.indices.allSatisfy({ lower(text[i + $0]) == l[$0] }) else { continue }
            guard i + l.count == text.count || !isWord(text[i + l.count]) else { continue }
            best = l
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

private func counts(_ m: BoundaryMatcher, _ text: [UInt8]) -> [String: Int] {
    var c = [Int](repeating: 0, count: m.labels.count)
    let total = m.count(text, into: &c)
    require(total == c.reduce(0, +), "count returned \(total) but the counters add up to \(c.reduce(0, +))")
    var out: [String: Int] = [:]
    for (k, n) in c.enumerated() where n > 0 { out[m.labels[k]] = n }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let n = Int(input.byte() % 32) + 1
    var labels: [String] = []
    for _ in 0..<n where !input.isAtEnd {
        labels.append(String(decoding: input.upTo(0x0A).prefix(64), as: UTF8.self))
    }
    let text = Array(input.rest())
    let m = BoundaryMatcher(labels: labels)
    let want = reference(labels, text)
    let got = counts(m, text)
    require(got == want, "BoundaryMatcher \(got) but reference \(want); labels \(labels)")
    let image = m.serialized()
    guard let loaded = image.withUnsafeBytes({ BoundaryMatcher(serialized: $0) }) else {
        require(false, "the serialized image of \(labels) does not load")
        return 0
    }
    require(loaded.labels == m.labels, "loaded labels differ")
    require(counts(loaded, text) == got, "the loaded image counts differently")
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    func seed(_ labels: [String], _ text: String) -> [UInt8] {
        [UInt8(labels.count - 1)] + Array((labels.joined(separator: "\n") + "\n" + text).utf8)
    }
    return [
        ("task", seed(["c++", ".net", "machine learning", "machine learning engineer", "java", "javascript", "ci/cd", "ci"],
                      "c++ dev, C++; c++11 use .net but not asp.net; .NET. machine learning engineers javascript java_script java CI/CD and ci")),
        ("spaces", seed(["  Python  ", "PYTHON", "", "\t", "a b c", "b"], "python\nPython a b d")),
        ("nonword", seed(["+", "++", "c", "#", "c#", "-", "--x"], "c++ c# + ++ +++ # --x -x")),
        ("prefixes", seed(["a", "ab", "abc", "abcd", "b", "bc"], "abcd abc ab a abcde bcd bc")),
        ("high", seed(["café", "é", "naïve"], "café cafe\u{301} é naïve ÉCOLE")),
    ]
}
