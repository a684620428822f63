// fuzz-modules: SkillMatcher
// `BoundaryMatcher(serialized:)` on arbitrary bytes: a corrupt or hostile `--cache` file must be refused
// (nil) or, when accepted, scan text without reading outside its arrays. An accepted image, written
// again, must load and write the same bytes.
import Foundation
import SkillMatcher

private let sampleText = Array("c++ dev, C++; .net asp.net machine learning engineers java_script a b c x y z 0 _".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    if skipKnownIssues, size >= 16, raw.loadUnaligned(fromByteOffset: 12, as: Int32.self) > Int32(size) {
        return 0 // crashes/boundary_image--huge-label-count-reserve (reserveCapacity of the claimed count)
    }
    guard let m = BoundaryMatcher(serialized: raw) else { return 0 }
    // Labels are decoded with U+FFFD for invalid UTF-8, so an image is reproduced byte for byte only after
    // one round: the rewritten image must load and rewrite to itself.
    let image = m.serialized()
    guard let again = image.withUnsafeBytes({ BoundaryMatcher(serialized: $0) }) else {
        require(false, "an accepted image, written again, does not load")
        return 0
    }
    require(again.serialized() == image && again.labels == m.labels, "a rewritten image does not rewrite to itself")
    for text in [sampleText, Array(raw)] {
        var c = [Int](repeating: 0, count: m.labels.count)
        let total = m.count(text, into: &c)
        require(total == c.reduce(0, +), "count returned \(total), counters add up to \(c.reduce(0, +))")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    [
        ("small", BoundaryMatcher(labels: ["c++", ".net", "machine learning", "java"]).serialized()),
        ("one", BoundaryMatcher(labels: ["x"]).serialized()),
        ("none", BoundaryMatcher(labels: [String]()).serialized()),
        ("shared-prefixes", BoundaryMatcher(labels: ["a", "ab", "abc", "b", "ba", "_", "0"]).serialized()),
        ("magic-only", Array("SRBM0002".utf8) + [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]),
    ]
}
