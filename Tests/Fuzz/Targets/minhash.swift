// fuzz-modules: SkillDedup
// Near-duplicate fingerprints (`MinHasher`, `LSHBanding`, `Jaccard`, `NearDuplicateDetector`) with
// parameters and texts taken from the input.
//
// Input: threshold byte, shingle-size byte, two slot bytes, recall byte, then two texts separated by a NUL.
// Invariants, whenever the parameters pass `validate()`: no crash; `shingleSet` is the shingles sorted and
// distinct;
// a signature has `slots` values and the band keys one per band exactly when there are shingles; the banding
// fits the signature; fingerprints are deterministic; ASCII case does not change a fingerprint (tokens
// are normalized); exact and estimated Jaccard are symmetric, within [0, 1] and 1 for a text with itself;
// the detector reports a text added twice as a near-duplicate of its first copy with similarity 1.
import Foundation
import SkillDedup

private func upper(_ s: String) -> String {
    String(decoding: s.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    var p = NearDuplicateParameters()
    p.threshold = Double(input.byte()) / 250
    p.shingleSize = Int(input.byte() % 18)
    p.slots = Int(input.byte()) | Int(input.byte() & 0x07) << 8
    p.targetRecall = Double(input.byte()) / 250
    guard (try? p.validate()) != nil else { return 0 }
    if skipKnownIssues, p.shingleSize >= 6 { return 0 } // crashes/minhash--shingle-size-6-rotate-overflow
    let a = String(decoding: input.upTo(0), as: UTF8.self)
    let b = String(decoding: input.rest(), as: UTF8.self)
    let hasher = MinHasher(parameters: p)
    let banding = hasher.banding
    require(banding.bands >= 1 && banding.rows >= 1 && banding.bands * banding.rows <= p.slots,
            "banding \(banding) does not fit \(p.slots) slots")

    let fa = hasher.fingerprint(a), fb = hasher.fingerprint(b)
    for (name, f) in [("a", fa), ("b", fb)] {
        let set = f.shingleSet
        require(zip(set, set.dropFirst()).allSatisfy { $0 < $1 } && Set(set) == Set(f.shingles),
                "shingle set of \(name) is not the sorted distinct shingles")
        if f.isEmpty {
            require(f.signature.isEmpty && f.bandKeys.isEmpty, "empty fingerprint of \(name) has a signature or band keys")
        } else {
            require(f.signature.count == p.slots, "signature of \(name) has \(f.signature.count) values, not \(p.slots)")
            require(f.bandKeys.count == banding.bands, "\(f.bandKeys.count) band keys for \(banding.bands) bands")
        }
    }
    require(hasher.fingerprint(a) == fa, "fingerprint is not deterministic")
    require(hasher.fingerprint(upper(a)) == fa, "ASCII case changes the fingerprint of \(a.debugDescription)")

    let exact = Jaccard.exact(fa.shingleSet, fb.shingleSet), estimate = Jaccard.estimate(fa.signature, fb.signature)
    require(exact >= 0 && exact <= 1 && exact == Jaccard.exact(fb.shingleSet, fa.shingleSet), "exact Jaccard \(exact) out of range or asymmetric")
    require(estimate >= 0 && estimate <= 1 && estimate == Jaccard.estimate(fb.signature, fa.signature), "estimated Jaccard \(estimate) out of range or asymmetric")
    if !fa.isEmpty {
        require(Jaccard.exact(fa.shingleSet, fa.shingleSet) == 1 && Jaccard.estimate(fa.signature, fa.signature) == 1,
                "Jaccard of a text with itself is not 1")
    }

    var detector = NearDuplicateDetector(hasher: hasher)
    let first = detector.add(id: 1, text: a)
    require(first == nil, "the first text is reported as a duplicate: \(String(describing: first))")
    _ = detector.add(id: 2, text: b)
    let again = detector.add(id: 3, text: a)
    if !fa.isEmpty {
        require(again != nil && again!.similarity >= p.threshold,
                "a text added twice is not a near-duplicate of the first copy (got \(String(describing: again)))")
        if fb.shingleSet != fa.shingleSet { require(again?.original == 1 && again?.similarity == 1, "wrong original: \(again!)") }
    } else {
        require(again == nil, "a text without words is reported as a near-duplicate")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    func seed(_ params: [UInt8], _ a: String, _ b: String) -> [UInt8] { params + Array(a.utf8) + [0] + Array(b.utf8) }
    let ad = "We are hiring a Senior Python Developer in Berlin. You will build APIs with Django and PostgreSQL."
    return [
        ("default", seed([225, 5, 128, 0, 249], ad, ad + " Apply now!")),
        ("short", seed([125, 16, 8, 0, 125], "C++", "c++")),
        ("cjk", seed([200, 1, 0, 4, 240], "熟悉React和Node.js开发", "熟悉 React 和 Node.js 开发")),
        ("punct", seed([250, 3, 64, 0, 100], ", . ; / &", "")),
    ] + HostileSeeds.all.map { ($0.0, [225, 5, 128, 0, 249] + $0.1) }
}
