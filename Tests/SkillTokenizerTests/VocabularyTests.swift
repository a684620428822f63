import SkillSynth
import XCTest
@testable import SkillTokenizer

final class VocabularyTests: XCTestCase {
    func lookup(_ v: Vocabulary, _ s: String) -> Vocabulary.TokenID {
        Array(s.utf8).withUnsafeBufferPointer { v.id(ofNormalized: $0) }
    }

    func folding(_ v: Vocabulary, _ s: String) -> Vocabulary.TokenID? {
        // A leading pad byte keeps the base address non-nil for the empty string and tests a non-zero start.
        let bytes = [UInt8(ascii: " ")] + Array(s.utf8)
        return bytes.withUnsafeBufferPointer { b in v.idFoldingASCII(b.baseAddress!, start: 1, end: b.count) }
    }

    func testInsertAndLookup() {
        var v = Vocabulary()
        XCTAssertEqual(v.count, 0)
        XCTAssertEqual(Vocabulary.unknown, 0)
        XCTAssertEqual(lookup(v, "python"), Vocabulary.unknown, "empty vocabulary")
        XCTAssertEqual(v.insert("python"), 1)
        XCTAssertEqual(v.insert("java"), 2)
        XCTAssertEqual(v.insert(Array("c++".utf8)), 3)
        XCTAssertEqual(v.insert("python"), 1, "re-inserting returns the existing ID")
        XCTAssertEqual(v.insert(Array("java".utf8)), 2)
        XCTAssertEqual(v.count, 3)
        XCTAssertEqual(lookup(v, "python"), 1)
        XCTAssertEqual(lookup(v, "java"), 2)
        XCTAssertEqual(lookup(v, "c++"), 3)
        XCTAssertEqual(lookup(v, "Python"), Vocabulary.unknown, "id(ofNormalized:) does not fold case")
        XCTAssertEqual(lookup(v, "pytho"), Vocabulary.unknown, "prefix")
        XCTAssertEqual(lookup(v, "pythonx"), Vocabulary.unknown, "extension")
        XCTAssertEqual(lookup(v, "rust"), Vocabulary.unknown)
        XCTAssertEqual(v.string(for: 1), "python")
        XCTAssertEqual(v.string(for: 2), "java")
        XCTAssertEqual(v.string(for: 3), "c++")
    }

    func testNonASCIIAndEmptyTokens() {
        var v = Vocabulary()
        let zurich = v.insert("zürich")
        let han = v.insert("开")
        let empty = v.insert("")
        XCTAssertEqual([zurich, han, empty], [1, 2, 3])
        XCTAssertEqual(lookup(v, "zürich"), zurich)
        XCTAssertEqual(lookup(v, "开"), han)
        XCTAssertEqual(lookup(v, ""), empty)
        XCTAssertEqual(v.string(for: zurich), "zürich")
        XCTAssertEqual(v.string(for: empty), "")
        XCTAssertNil(folding(v, "Zürich"), "non-ASCII bytes take the slow path")
        XCTAssertNil(folding(v, "开"))
        XCTAssertEqual(folding(v, ""), empty)
    }

    func testIDFoldingASCIIAgreesWithLookupOnLowerCasedInput() {
        var v = Vocabulary()
        let words = ["python", "c++", ".net", "node.js", "ci", "/", "cd", "sql", "a", "x86_64", "3.5", "c#"]
        for w in words { v.insert(w) }
        var rng = SplitMix64(seed: 42)
        for w in words + ["rust", "pythons", "c+", "", "ci/cd", "NET"] {
            for _ in 0..<8 {
                // A random case variant of w.
                let variant = String(w.map { ch -> Character in
                    rng.next() % 2 == 0 ? Character(ch.uppercased()) : ch
                })
                XCTAssertEqual(folding(v, variant), lookup(v, variant.lowercased()), "\(variant)")
            }
        }
        XCTAssertEqual(folding(v, "PYTHON"), 1)
        XCTAssertEqual(folding(v, "NoDe.Js"), 4)
        XCTAssertEqual(folding(v, "RUST"), Vocabulary.unknown)
    }

    func testIDFoldingASCIIOnASubrange() {
        var v = Vocabulary()
        v.insert("java")
        let text = Array("I like JAVA a lot".utf8)
        text.withUnsafeBufferPointer { b in
            XCTAssertEqual(v.idFoldingASCII(b.baseAddress!, start: 7, end: 11), 1)
            XCTAssertEqual(v.idFoldingASCII(b.baseAddress!, start: 7, end: 10), Vocabulary.unknown)
            XCTAssertEqual(v.idFoldingASCII(b.baseAddress!, start: 2, end: 6), Vocabulary.unknown)
        }
    }

    func testTokenIDUsesFastAndSlowPaths() {
        var v = Vocabulary()
        v.insert("zurich")
        v.insert("python")
        let tokenizer = Tokenizer()
        let text = "ZÜRICH Python Zürich rust"
        let tokens = tokenizer.tokenize(text)
        var scratch: [UInt8] = []
        let ids = Array(text.utf8).withUnsafeBufferPointer { b in
            tokens.map { tokenizer.tokenID($0, in: b, vocabulary: v, scratch: &scratch) }
        }
        XCTAssertEqual(ids, [1, 2, 1, 0])
    }

    func testGrowthPastManyResizes() {
        var v = Vocabulary()
        let n = 100_000
        var memory = v.memoryBytes
        for i in 0..<n {
            XCTAssertEqual(v.insert("w\(i)"), Vocabulary.TokenID(i + 1))
            if i % 10_000 == 9_999 {
                XCTAssertGreaterThan(v.memoryBytes, memory)
                memory = v.memoryBytes
            }
        }
        XCTAssertEqual(v.count, n)
        var misses = 0
        for i in 0..<n {
            let id = Vocabulary.TokenID(i + 1)
            if lookup(v, "w\(i)") != id || folding(v, "W\(i)") != id || v.string(for: id) != "w\(i)" { misses += 1 }
        }
        XCTAssertEqual(misses, 0)
        XCTAssertEqual(v.insert("w99999"), 100_000, "re-insert after growth")
        XCTAssertEqual(lookup(v, "w100000"), Vocabulary.unknown)
        XCTAssertEqual(folding(v, "W-1"), Vocabulary.unknown)
        XCTAssertEqual(v.count, n)
    }

    func testEqualityFollowsInsertionOrder() {
        var a = Vocabulary(), b = Vocabulary(), c = Vocabulary()
        for w in ["x", "y", "z"] { a.insert(w); b.insert(w) }
        for w in ["z", "y", "x"] { c.insert(w) }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }
}
