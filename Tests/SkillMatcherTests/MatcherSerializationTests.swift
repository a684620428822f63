import SkillSynth
import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// A serialized matcher must find exactly what the matcher it came from finds; corrupt images must throw.
final class MatcherSerializationTests: XCTestCase {
    static let words = ["python", "java", "script", "c++", "c#", ".net", "node.js", "machine", "learning", "data",
                        "IT", "Go", "React", "ci", "/", "cd", "熟", "悉", "zürich", "Soft\u{AD}ware", "sql", "-", "web"]

    /// Seeded random labels (some exact-case, some sharing normalized tokens) and texts built from the same words.
    func randomCase(seed: UInt64) -> (labels: [LabelSpec], texts: [String]) {
        var rng = SplitMix64(seed: seed)
        var labels: [LabelSpec] = []
        for i in 0..<(20 + rng.below(60)) {
            let n = 1 + rng.below(4)
            let text = (0..<n).map { _ in rng.pick(Self.words) }.joined(separator: " ")
            labels.append(LabelSpec(text, exact: rng.chance(15), value: UInt32(i % 17)))
        }
        var texts: [String] = []
        for _ in 0..<30 {
            let n = rng.below(40)
            texts.append((0..<n).map { _ in
                let w = rng.pick(Self.words + ["the", "and", "PYTHON", "it", "go", "react"])
                return rng.chance(10) ? w.uppercased() : w
            }.joined(separator: rng.chance(50) ? " " : ", "))
        }
        return (labels, texts)
    }

    func testRoundTripFindsTheSameMatches() throws {
        for seed in UInt64(1)...40 {
            let (labels, texts) = randomCase(seed: seed)
            let fresh = makeMatcher(labels)
            let bytes = fresh.serialized()
            let back = try Matcher.deserialize(bytes, tokenizer: Tokenizer())
            XCTAssertEqual(back.patternCount, fresh.patternCount)
            XCTAssertEqual(back.stateCount, fresh.stateCount)
            XCTAssertEqual(back.vocabulary.count, fresh.vocabulary.count)
            XCTAssertEqual(back.maxDepth, fresh.maxDepth)
            XCTAssertEqual(back.labels, fresh.labels)
            XCTAssertEqual(back.values, fresh.values)
            for text in texts {
                for kind in MatchKind.allCases {
                    XCTAssertEqual(back.matches(in: text, kind: kind), fresh.matches(in: text, kind: kind),
                                   "seed \(seed), \(kind), text \(text.debugDescription)")
                }
            }
            XCTAssertEqual(back.serialized(), bytes, "re-serializing gives the same image (seed \(seed))")
        }
    }

    func testExactCaseSurvivesTheRoundTrip() throws {
        let m = makeMatcher([.exact("IT"), "it support", .exact("Go"), "golang"])
        let back = try Matcher.deserialize(m.serialized(), tokenizer: Tokenizer())
        let text = "IT it support it Go go golang"
        XCTAssertEqual(found(back, back.matches(in: text), in: text),
                       [Found("IT", "IT"), Found("it support", "it support"), Found("Go", "Go"), Found("golang", "golang")])
    }

    func testEmptyMatcherRoundTrips() throws {
        let m = makeMatcher([])
        let back = try Matcher.deserialize(m.serialized(), tokenizer: Tokenizer())
        XCTAssertEqual(back.patternCount, 0)
        XCTAssertEqual(back.matches(in: "python java").count, 0)
    }

    func testTruncatedImagesThrowAtEveryLength() throws {
        let bytes = makeMatcher(["machine learning", .exact("IT"), "c++", "熟悉"]).serialized()
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try Matcher.deserialize(Array(bytes[0..<n]), tokenizer: Tokenizer()), "length \(n)")
        }
        XCTAssertThrowsError(try Matcher.deserialize(bytes + [0], tokenizer: Tokenizer()), "a trailing byte is refused")
    }

    func testCorruptImagesNeverCrash() throws {
        // Without the outer checksum, a flipped byte may still decode; it must then be a valid matcher
        // (bounds checked) or throw -- never read out of bounds.
        let labels: [LabelSpec] = ["machine learning", .exact("IT"), "c++", "data science", "node.js"]
        let bytes = makeMatcher(labels).serialized()
        var rng = SplitMix64(seed: 7)
        var threw = 0
        for i in 0..<bytes.count {
            var b = bytes
            b[i] ^= UInt8(1 + rng.below(255))
            if let m = try? Matcher.deserialize(b, tokenizer: Tokenizer()) {
                _ = m.matches(in: "machine learning IT c++ data science node.js", kind: .overlapping)
            } else {
                threw += 1
            }
        }
        XCTAssertGreaterThan(threw, 0)
    }

    func testTokenizerOptionsMustMatch() throws {
        let bytes = makeMatcher(["zürich"]).serialized()
        XCTAssertThrowsError(try Matcher.deserialize(bytes, tokenizer: Tokenizer(options: TokenizerOptions(foldDiacritics: false)))) { e in
            XCTAssertTrue("\(e)".contains("tokenizer"), "\(e)")
        }
    }

    func testContentHashDetectsChanges() {
        var rng = SplitMix64(seed: 3)
        let data = (0..<1000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        func hash(_ b: [UInt8]) -> String {
            var h = ContentHash128()
            h.update(b)
            return h.hex()
        }
        let base = hash(data)
        XCTAssertEqual(base.count, 32)
        // Streaming in pieces gives the same hash as one update.
        var h = ContentHash128()
        h.update(Array(data[0..<3])); h.update(Array(data[3..<500])); h.update(Array(data[500...]))
        XCTAssertEqual(h.hex(), base)
        var seen = Set([base])
        for i in stride(from: 0, to: data.count, by: 37) {
            var b = data
            b[i] ^= 1
            XCTAssertTrue(seen.insert(hash(b)).inserted, "flipping bit 0 of byte \(i) changes the hash")
        }
        XCTAssertNotEqual(hash(Array(data.dropLast())), base, "a shorter input hashes differently")
        XCTAssertNotEqual(hash([0]), hash([0, 0]), "trailing zero bytes count")
    }
}
