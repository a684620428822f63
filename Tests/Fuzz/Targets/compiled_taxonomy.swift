// fuzz-modules: SkillTaxonomy
// `CompiledTaxonomy.decode` (the memory-mapped taxonomy cache) on arbitrary payloads: the input is the
// payload, wrapped in a valid header with its checksum, so the fuzzer reaches the decoder behind it
// (a file corrupted after its checksum was computed, or written by a buggy or hostile build).
//
// Invariants: only `BinaryImageError`; a decoded taxonomy's label and attribute concept indexes and the
// matcher's values name existing concepts; matching the taxonomy's own labels stays within the text.
import Foundation
import SkillTokenizer
import SkillMatcher
import SkillTaxonomy

private let tokenizer = Tokenizer()
private let key = "0123456789abcdef0123456789abcdef"

/// A small real taxonomy, and the header bytes of its compiled file up to (not including) the payload length.
private let sample: (taxonomy: Taxonomy, header: [UInt8], payload: [UInt8]) = {
    let concepts = [Concept(id: "c1", preferredLabel: "Python", type: "skill", source: "fuzz", groups: ["lang"]),
                    Concept(id: "c2", preferredLabel: "machine learning", type: "knowledge", source: "fuzz",
                            escoURI: "http://data.europa.eu/esco/skill/x")]
    let labels = [ConceptLabel(conceptIndex: 0, text: "Python", kind: .pref),
                  ConceptLabel(conceptIndex: 0, text: "PY", kind: .alt, exactCase: true, lang: "en"),
                  ConceptLabel(conceptIndex: 1, text: "machine learning", kind: .pref),
                  ConceptLabel(conceptIndex: 1, text: "ML", kind: .alt, exactCase: true)]
    let t = Taxonomy(name: "fuzz", version: "1", concepts: concepts, labels: labels,
                     attributes: [ConceptAttribute(conceptIndex: 1, key: "k", value: "v")])
    let bytes = CompiledTaxonomy.encode(taxonomy: t, matcher: t.buildMatcher(tokenizer: tokenizer), key: key)
    // Header: magic, two u32 versions, key, tokenizer fingerprint, then u64 length and two u64 checksums.
    let fingerprint = Array(tokenizer.options.fingerprint.utf8)
    var k = 0
    while !bytes[k...].starts(with: Array(key.utf8)) { k += 1 }
    let headerEnd = k + key.utf8.count + 4 + fingerprint.count
    return (t, Array(bytes[..<headerEnd]), Array(bytes[(headerEnd + 24)...]))
}()

private func wrap(_ payload: [UInt8]) -> [UInt8] {
    var h = ContentHash128()
    h.update(payload)
    let (c1, c2) = h.finalize()
    var w = BinaryImageWriter()
    w.raw(sample.header)
    w.u64(UInt64(payload.count))
    w.u64(c1)
    w.u64(c2)
    w.raw(payload)
    return w.bytes
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let file = wrap(Array(UnsafeBufferPointer(start: data, count: size)))
    let decoded: (Taxonomy, Matcher)
    do {
        decoded = try file.withUnsafeBytes { try CompiledTaxonomy.decode($0, key: key, tokenizer: tokenizer) }
    } catch is BinaryImageError {
        return 0
    } catch {
        require(false, "decode threw something other than BinaryImageError: \(error)")
        return 0
    }
    let (t, m) = decoded
    for l in t.labels { require(l.conceptIndex >= 0 && l.conceptIndex < t.concepts.count, "label names concept \(l.conceptIndex) of \(t.concepts.count)") }
    for a in t.attributes { require(a.conceptIndex >= 0 && a.conceptIndex < t.concepts.count, "attribute names concept \(a.conceptIndex)") }
    for v in m.values { require(Int(v) < t.concepts.count, "matcher value \(v) names no concept") }
    let text = t.labels.prefix(100).map(\.text).joined(separator: " ; ") + " " + m.labels.prefix(100).joined(separator: " ")
    for match in m.matches(in: text) {
        require(match.start >= 0 && match.end <= text.utf8.count && match.start < match.end, "match \(match) outside the text")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    [("sample", sample.payload), ("empty", []), ("truncated", Array(sample.payload.prefix(sample.payload.count / 2)))]
}
