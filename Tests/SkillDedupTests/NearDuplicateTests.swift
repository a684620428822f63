import XCTest
@testable import SkillDedup

final class NearDuplicateTests: XCTestCase {
    /// Planted near-copies of a 1,000-word ad: each edit replaces one word, changing up to 5 shingles, so
    /// 5 edits give J ≈ 0.95, 10 edits ≈ 0.905, 20 ≈ 0.82, 40 ≈ 0.67 (the test computes the exact value).
    func testPlantedNearCopiesFoundExactlyAtTheThreshold() {
        var rng = SeededRandom(seed: 1)
        var foundAbove = 0, planted = 0
        for edits in [0, 1, 3, 5, 8, 10, 12, 20, 40, 100] {
            for trial in 0..<5 {
                let words = Corpus.text(words: 1_000, rng: &rng)
                let original = words.joined(separator: " ")
                let copy = Corpus.edited(words, edits: edits, rng: &rng).joined(separator: " ")
                let truth = NaiveShingles.jaccard(original, copy)
                var d = NearDuplicateDetector(hasher: MinHasher())
                XCTAssertNil(d.add(id: 1, text: original))
                let m = d.add(id: 2, text: copy)
                if truth >= 0.9 {
                    planted += 1
                    if let m {
                        foundAbove += 1
                        XCTAssertEqual(m.original, 1)
                        XCTAssertEqual(m.similarity, truth, accuracy: 1e-12)
                    }
                } else {
                    XCTAssertNil(m, "edits \(edits) trial \(trial): J = \(truth) is below the threshold")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(planted, 25)
        XCTAssertEqual(foundAbove, planted, "every planted copy at or above 0.9 is found")
    }

    /// Recall and false positives over generated pairs, with a lower configured threshold.
    func testRecallAndFalsePositivesOverGeneratedPairs() {
        var rng = SeededRandom(seed: 2)
        var params = NearDuplicateParameters(threshold: 0.8)
        params.targetRecall = 0.99
        let hasher = MinHasher(parameters: params)
        var truePairs = 0, found = 0, falsePositives = 0, negatives = 0, lshCandidatesBelow = 0
        for i in 0..<300 {
            let words = Corpus.text(words: 400, rng: &rng)
            let edits = [2, 4, 6, 12, 20, 30][i % 6]
            let a = words.joined(separator: " "), b = Corpus.edited(words, edits: edits, rng: &rng).joined(separator: " ")
            let truth = NaiveShingles.jaccard(a, b)
            var d = NearDuplicateDetector(hasher: hasher)
            _ = d.add(id: 10, text: a)
            let fb = hasher.fingerprint(b)
            let candidate = !d.index.candidates(fb.bandKeys).isEmpty
            let m = d.add(id: 11, text: b)
            if truth >= 0.8 {
                truePairs += 1
                if m != nil { found += 1 }
            } else {
                negatives += 1
                if m != nil { falsePositives += 1 }
                if candidate { lshCandidatesBelow += 1 }
            }
        }
        XCTAssertGreaterThan(truePairs, 100)
        XCTAssertGreaterThan(negatives, 50)
        let recall = Double(found) / Double(truePairs)
        XCTAssertGreaterThanOrEqual(recall, 0.98, "recall \(recall) over \(truePairs) pairs")
        XCTAssertEqual(falsePositives, 0, "candidates are verified by exact Jaccard")
        print("near-dup recall \(recall) (\(found)/\(truePairs)); unverified LSH candidates below threshold "
              + "\(lshCandidatesBelow)/\(negatives)")
    }

    /// Unrelated ads never match, and the first of several copies stays the original of all of them.
    func testUnrelatedTextsAndChains() {
        var rng = SeededRandom(seed: 3)
        var d = NearDuplicateDetector(hasher: MinHasher())
        var originals: [[String]] = []
        for id in 1...200 {
            let w = Corpus.text(words: 300, rng: &rng)
            originals.append(w)
            XCTAssertNil(d.add(id: Int64(id), text: w.joined(separator: " ")), "unrelated text \(id)")
        }
        XCTAssertEqual(d.index.count, 200)
        let copy = Corpus.edited(originals[41], edits: 1, rng: &rng).joined(separator: " ")
        XCTAssertEqual(d.add(id: 500, text: copy)?.original, 42)
        XCTAssertEqual(d.add(id: 501, text: originals[41].joined(separator: " "))?.similarity, 1)
        XCTAssertEqual(d.index.count, 200, "duplicates are not indexed")
    }

    func testSameInputSameDecisions() {
        func decisions() -> [Int64?] {
            var rng = SeededRandom(seed: 4)
            var d = NearDuplicateDetector(hasher: MinHasher())
            var bases: [[String]] = []
            var out: [Int64?] = []
            for id in 1...120 {
                let w: [String]
                if id % 3 == 0, let b = bases.last { w = Corpus.edited(b, edits: rng.below(15), rng: &rng) } else {
                    w = Corpus.text(words: 500, rng: &rng)
                    bases.append(w)
                }
                out.append(d.add(id: Int64(id), text: w.joined(separator: " "))?.original)
            }
            return out
        }
        let a = decisions()
        XCTAssertEqual(a, decisions())
        XCTAssertGreaterThan(a.compactMap { $0 }.count, 10)
    }

    func testIndexCandidatesAreSortedAndDistinct() {
        var index = LSHIndex()
        index.insert(7, keys: [1, 2, 3])
        index.insert(3, keys: [2, 9])
        index.insert(5, keys: [3, 2])
        index.insert(9, keys: [])
        XCTAssertEqual(index.candidates([2, 3]), [3, 5, 7])
        XCTAssertEqual(index.candidates([9]), [3])
        XCTAssertEqual(index.candidates([42]), [])
        XCTAssertEqual(index.count, 3)
    }

    func testDayNumbers() {
        for (date, day) in [("1970-01-01", 0), ("2000-03-01", 11017), ("2024-02-29", 19782), ("1969-12-31", -1),
                            ("2026-11-29", 20786)] {
            XCTAssertEqual(PostingIdentity.dayNumber(date), day, date)
        }
        for bad in ["", "2024", "2024-13-01", "2024-02-x", "yesterday"] { XCTAssertNil(PostingIdentity.dayNumber(bad), bad) }
    }

    /// name, exact content, same title+employer, days (duplicate, original), window, expected kind.
    func testDuplicateKindRule() {
        let table: [(String, Bool, Bool, Int?, Int?, Int, DuplicateKind)] = [
            ("exact copy same day", true, true, 100, 100, 30, .exact),
            ("exact copy 10 days later", true, true, 110, 100, 30, .repost),
            ("exact copy 31 days later", true, true, 131, 100, 30, .exact),
            ("near copy 30 days earlier", false, true, 70, 100, 30, .repost),
            ("near copy other employer", false, false, 105, 100, 30, .near),
            ("near copy undated", false, true, nil, 100, 30, .near),
            ("near copy window 0", false, true, 101, 100, 0, .near),
            ("exact other employer", true, false, 101, 100, 30, .exact),
        ]
        for (name, exact, same, d1, d0, window, expected) in table {
            let dup = PostingIdentity(titleEmployerKey: 1, day: d1)
            let orig = PostingIdentity(titleEmployerKey: same ? 1 : 2, day: d0)
            XCTAssertEqual(DuplicateRule.kind(exactContent: exact, duplicate: dup, original: orig, windowDays: window),
                           expected, name)
        }
        let a = PostingIdentity(title: "Data Engineer (m/w/d)", employer: "ACME GmbH", date: "2024-05-01")
        let b = PostingIdentity(title: "data engineer m/w/d", employer: "acme  gmbh", date: "2024-05-20")
        let c = PostingIdentity(title: "Data Engineer", employer: "ACME GmbH", date: "2024-05-20")
        XCTAssertEqual(a.titleEmployerKey, b.titleEmployerKey)
        XCTAssertNotEqual(a.titleEmployerKey, c.titleEmployerKey)
        XCTAssertEqual(DuplicateRule.kind(exactContent: false, duplicate: b, original: a, windowDays: 30), .repost)
    }
}

/// Copies by different employers, or far apart in time, are both counted (a vacancy still open months later).
final class DistinctPostingRuleTests: XCTestCase {
    func testEmployersAndTimeDecide() {
        let a = PostingIdentity(title: "Data Engineer", employer: "ACME GmbH", date: "2024-01-10")
        let sameSoon = PostingIdentity(title: "Data Engineer", employer: "acme gmbh", date: "2024-02-20")
        let sameLater = PostingIdentity(title: "Data Engineer", employer: "ACME GmbH", date: "2024-04-01")
        let other = PostingIdentity(title: "Data Engineer", employer: "Globex", date: "2024-01-10")
        let anonymous = PostingIdentity(title: "Data Engineer", employer: nil, date: "2024-01-11")
        let undated = PostingIdentity(title: "Data Engineer", employer: "ACME GmbH", date: nil)
        XCTAssertFalse(DuplicateRule.isDistinct(sameSoon, a, distinctAfterDays: 60), "41 days, same employer")
        XCTAssertTrue(DuplicateRule.isDistinct(sameLater, a, distinctAfterDays: 60), "82 days apart")
        XCTAssertFalse(DuplicateRule.isDistinct(sameLater, a, distinctAfterDays: 90))
        XCTAssertTrue(DuplicateRule.isDistinct(other, a, distinctAfterDays: 60), "another employer")
        XCTAssertFalse(DuplicateRule.isDistinct(anonymous, a, distinctAfterDays: 60), "no employer: content decides")
        XCTAssertFalse(DuplicateRule.isDistinct(undated, a, distinctAfterDays: 60), "undated: content decides")
    }
}
