// fuzz-modules: SkillMatcher
// `Matcher.deserialize` (the compiled-taxonomy cache) on arbitrary bytes: a corrupt or hostile image must
// throw `BinaryImageError`, or give a matcher that matches text without reading outside its arrays.
//
// Invariants: no crash, no huge allocation; every match lies within the text, its pattern within the
// pattern count; an accepted image whose strings are valid UTF-8 (as every written image's are), written
// again, loads with the same labels, values and serialization and finds the same matches (both kinds) on
// texts made of its labels and vocabulary.
import Foundation
import SkillTokenizer
import SkillMatcher

private let tokenizer = Tokenizer()

private func texts(_ m: Matcher) -> [[UInt8]] {
    var vocabulary: [String] = []
    if m.vocabulary.count > 0 {
        for id in 1...min(m.vocabulary.count, 200) { vocabulary.append(m.vocabulary.string(for: Vocabulary.TokenID(id))) }
    }
    return [Array((m.labels.prefix(200).joined(separator: " , ") + " " + m.labels.prefix(200).joined(separator: " ")).utf8),
            Array(vocabulary.joined(separator: " ").utf8),
            Array("C++ .NET machine learning engineers React it IT 熟悉React".utf8)]
}

private func matches(_ m: Matcher, _ text: [UInt8], _ kind: MatchKind) -> [Match] {
    var scratch = MatchScratch()
    var out: [Match] = []
    text.withUnsafeBufferPointer { m.matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
    for x in out {
        require(x.start >= 0 && x.start < x.end && x.end <= text.count, "match \(x) outside the text of \(text.count) bytes")
        require(Int(x.pattern.rawValue) < m.patternCount, "match \(x) names a pattern beyond \(m.patternCount)")
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let m: Matcher
    do {
        m = try Matcher.deserialize(bytes, tokenizer: tokenizer)
    } catch is BinaryImageError {
        return 0
    } catch {
        require(false, "deserialize threw something other than BinaryImageError: \(error)")
        return 0
    }
    // Strings of the image (vocabulary, labels) are decoded with U+FFFD for invalid UTF-8, which no image
    // written by `write(to:)` holds; the round trip is checked for images whose strings decode losslessly.
    var strings = m.labels
    if m.vocabulary.count > 0 {
        for id in 1...m.vocabulary.count { strings.append(m.vocabulary.string(for: Vocabulary.TokenID(id))) }
    }
    let lossy = strings.contains { $0.unicodeScalars.contains("\u{FFFD}") }
    for text in texts(m) { for kind in MatchKind.allCases { _ = matches(m, text, kind) } }
    guard !lossy else { return 0 }
    let again: Matcher
    do {
        again = try Matcher.deserialize(m.serialized(), tokenizer: tokenizer)
    } catch {
        require(false, "an accepted image, written again, does not load: \(error)")
        return 0
    }
    require(again.labels == m.labels && again.values == m.values, "labels or values change in a round trip")
    require(again.serialized() == m.serialized(), "a rewritten image does not rewrite to itself")
    for text in texts(m) {
        for kind in MatchKind.allCases {
            require(matches(m, text, kind) == matches(again, text, kind), "\(kind) matches change in a round trip")
        }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    func image(_ labels: [(String, Bool)]) -> [UInt8] {
        var b = MatcherBuilder(tokenizer: tokenizer)
        for (k, (l, exact)) in labels.enumerated() { b.add(l, value: UInt32(k), exactCase: exact) }
        return b.build().serialized()
    }
    return [
        ("small", image([("machine learning", false), ("machine learning engineer", false), ("C++", false), (".NET", false)])),
        ("exact", image([("IT", true), ("React", true), ("react native", false), ("it", false)])),
        ("cjk", image([("熟悉", false), ("Node.js开发", false)])),
        ("empty", image([])),
        ("shared", image([("a b c", false), ("a b", false), ("b c", false), ("a", false), ("A", true)])),
    ]
}
