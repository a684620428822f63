import XCTest
@testable import SkillDedup

final class MinHashTests: XCTestCase {
    let hasher = MinHasher()

    func testShingleHashesAgreeWithNaiveStringShingles() {
        var rng = SeededRandom(seed: 11)
        for n in [1, 3, 4, 5, 6, 50, 400] {
            let a = Corpus.text(words: n, rng: &rng).joined(separator: " ")
            let b = Corpus.edited(Corpus.text(words: n, rng: &rng), edits: 0, rng: &rng).joined(separator: " ")
            XCTAssertEqual(hasher.shingles(a).count, NaiveShingles.set(a, k: 5).count, "n=\(n)")
            XCTAssertEqual(Jaccard.exact(hasher.shingles(a), hasher.shingles(b)), NaiveShingles.jaccard(a, b),
                           accuracy: 1e-12, "n=\(n)")
        }
        var words = Corpus.text(words: 600, rng: &rng)
        let original = words.joined(separator: " ")
        words = Corpus.edited(words, edits: 12, rng: &rng)
        let copy = words.joined(separator: " ")
        XCTAssertEqual(Jaccard.exact(hasher.shingles(original), hasher.shingles(copy)),
                       NaiveShingles.jaccard(original, copy), accuracy: 1e-12)
    }

    func testNormalizationIgnoresCasePunctuationAndSpacing() {
        let a = hasher.fingerprint("Senior Python developer: SQL, Docker & Kubernetes; remote")
        let b = hasher.fingerprint("senior  python DEVELOPER sql docker kubernetes remote")
        XCTAssertEqual(a, b)
        XCTAssertEqual(hasher.fingerprint("Zürich café team").shingles, hasher.fingerprint("zurich CAFE team").shingles)
    }

    func testEmptyTextHasNoFingerprint() {
        for t in ["", "   ", ", ; / &"] {
            let f = hasher.fingerprint(t)
            XCTAssertTrue(f.isEmpty, t)
            XCTAssertEqual(f.signature, [])
            XCTAssertEqual(f.bandKeys, [])
        }
    }

    func testDeterministicAndSeeded() {
        var rng = SeededRandom(seed: 5)
        let text = Corpus.text(words: 300, rng: &rng).joined(separator: " ")
        XCTAssertEqual(MinHasher().fingerprint(text), MinHasher().fingerprint(text))
        var other = NearDuplicateParameters()
        other.seed = 99
        XCTAssertNotEqual(MinHasher(parameters: other).fingerprint(text).signature, hasher.fingerprint(text).signature)
        XCTAssertNotEqual(hasher.fingerprint(text, salt: 1).bandKeys, hasher.fingerprint(text, salt: 2).bandKeys)
        XCTAssertEqual(hasher.fingerprint(text, salt: 1).signature, hasher.fingerprint(text, salt: 2).signature)
        XCTAssertEqual(hasher.fingerprint(text).signature.count, 128)
        XCTAssertEqual(hasher.fingerprint(text).bandKeys.count, hasher.banding.bands)
    }

    func testSignatureEstimateTracksExactJaccard() {
        var rng = SeededRandom(seed: 21)
        var errors: [Double] = []
        for edits in [0, 5, 10, 20, 40, 80] {
            for _ in 0..<10 {
                let words = Corpus.text(words: 800, rng: &rng)
                let a = hasher.fingerprint(words.joined(separator: " "))
                let b = hasher.fingerprint(Corpus.edited(words, edits: edits, rng: &rng).joined(separator: " "))
                errors.append(abs(Jaccard.estimate(a.signature, b.signature) - Jaccard.exact(a.shingleSet, b.shingleSet)))
            }
        }
        let mean = errors.reduce(0, +) / Double(errors.count)
        XCTAssertLessThan(mean, 0.05, "mean |estimate − exact| = \(mean)")
        XCTAssertEqual(errors.first ?? 1, 0, "identical texts have identical signatures")
    }

    func testBandingIsTunedForTheThreshold() {
        for (threshold, recall) in [(0.9, 0.995), (0.8, 0.99), (0.95, 0.999), (0.5, 0.95)] {
            let b = LSHBanding.tuned(threshold: threshold, slots: 128, targetRecall: recall)
            XCTAssertLessThanOrEqual(b.bands * b.rows, 128)
            XCTAssertGreaterThanOrEqual(b.candidateProbability(similarity: threshold), recall, "\(threshold)")
            let tighter = LSHBanding(bands: 128 / (b.rows + 1), rows: b.rows + 1)
            XCTAssertLessThan(tighter.candidateProbability(similarity: threshold), recall,
                              "rows \(b.rows) is the largest that keeps the recall at \(threshold)")
        }
        let d = LSHBanding.tuned(threshold: 0.9, slots: 128, targetRecall: 0.995)
        XCTAssertLessThan(d.candidateProbability(similarity: 0.5), 0.05, "dissimilar pairs rarely become candidates")
    }

    func testParameterValidation() {
        for bad in [NearDuplicateParameters(threshold: 0), NearDuplicateParameters(threshold: 1.2),
                    NearDuplicateParameters(shingleSize: 0), NearDuplicateParameters(slots: 4),
                    NearDuplicateParameters(repostWindowDays: -1)] {
            XCTAssertThrowsError(try bad.validate())
        }
        XCTAssertNoThrow(try NearDuplicateParameters().validate())
        XCTAssertTrue(NearDuplicateParameters().scheme.contains("k=5"))
        XCTAssertNotEqual(NearDuplicateParameters(threshold: 0.8).scheme, NearDuplicateParameters().scheme)
    }
}
