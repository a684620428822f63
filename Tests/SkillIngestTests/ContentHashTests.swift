import XCTest
@testable import SkillIngest
import SkillIO

final class ContentHashTests: XCTestCase {
    func rec(_ title: String, _ text: String, employer: String? = "Acme", id: String? = "1", date: String? = nil,
             region: String? = nil, path: String = "a.jsonl", line: Int = 1) -> PostingRecord {
        PostingRecord(sourceID: id, title: title, text: text, date: date, region: region, employer: employer,
                      sourcePath: path, line: line, offset: 0)
    }

    func testWhitespaceAndCaseVariantsHashEqual() {
        let base = rec("Swift Developer", "Build iOS apps with SwiftUI.\nRemote possible.")
        let variants = [
            rec("  swift   developer ", "BUILD iOS apps with swiftui.   Remote\tpossible.", employer: "ACME"),
            rec("Swift\u{00A0}Developer", "Build iOS apps with SwiftUI.\r\n\r\nRemote possible.\n", employer: " acme "),
        ]
        for v in variants { XCTAssertEqual(v.contentHash, base.contentHash, "\(v)") }
    }

    func testIdDateRegionAndSourceDoNotMatter() {
        let a = rec("Data engineer", "Spark", id: "1", date: "2021-01-01", region: "Berlin", path: "a.jsonl", line: 1)
        let b = rec("Data engineer", "Spark", id: "999", date: "2022-05-05", region: "Paris", path: "b.csv", line: 7)
        XCTAssertEqual(a.contentHash, b.contentHash)
    }

    func testDifferentTextHashesDifferently() {
        let base = rec("Data engineer", "Spark and Kafka")
        XCTAssertNotEqual(base.contentHash, rec("Data engineer", "Spark and Flink").contentHash)
        XCTAssertNotEqual(base.contentHash, rec("Data engineers", "Spark and Kafka").contentHash)
        XCTAssertNotEqual(base.contentHash, rec("Data engineer", "Spark and Kafka", employer: "Other").contentHash)
        XCTAssertNotEqual(base.contentHash, rec("Data engineer", "SparkandKafka").contentHash)
        // Field boundaries matter: moving words between title and text is a different posting.
        XCTAssertNotEqual(rec("ab", "c").contentHash, rec("a", "bc").contentHash)
        XCTAssertNotEqual(rec("Data", "engineer Spark and Kafka").contentHash,
                          rec("Data engineer", "Spark and Kafka").contentHash)
    }

    func testHashIsHexSHA256AndStable() {
        let h = rec("t", "x").contentHash
        XCTAssertEqual(h.count, 64)
        XCTAssertTrue(h.allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertEqual(h, rec("t", "x").contentHash)
        // Empty employer and no employer are the same content.
        XCTAssertEqual(rec("t", "x", employer: nil).contentHash, rec("t", "x", employer: "").contentHash)
    }

    func testHashMatchesDocumentedConstruction() {
        // SHA-256 of collapse(title) 0x1F collapse(text) 0x1F collapse(employer) 0x1F.
        let r = rec("  Hello   World ", "Body", employer: nil)
        let expected = SHA256.hex(Array("hello world".utf8) + [0x1F] + Array("body".utf8) + [0x1F, 0x1F])
        XCTAssertEqual(r.contentHash, expected)
    }
}

/// The collapse behind the content hash against a literal reading of its definition.
final class CollapseReferenceTests: XCTestCase {
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        // Decode white space (ASCII 0x09–0x0D, 0x20 and the two-byte U+00A0) as runs, lower-case A–Z,
        // keep every other byte as it is, then join the non-space pieces with single spaces.
        var pieces: [[UInt8]] = [[]]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pieces.append([]); i += 1
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
                pieces.append([]); i += 2
            } else {
                pieces[pieces.count - 1].append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b); i += 1
            }
        }
        return Array(pieces.filter { !$0.isEmpty }.joined(separator: [0x20]))
    }

    func testAgreesWithReferenceOnRandomBytes() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xC2, 0xA0, 0x41, 0x5A, 0x61, 0x7A, 0x30, 0xC3, 0xA9,
                                 0xE4, 0xBD, 0xA0, 0x2E, 0x5F, 0xFF, 0x00, 0x80]
        for round in 0..<2_000 {
            let bytes = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }
            var out: [UInt8] = [0x7C] // something already there is kept
            bytes.withUnsafeBufferPointer { PostingRecord.collapse($0, into: &out) }
            XCTAssertEqual(Array(out.dropFirst()), Self.reference(bytes), "round \(round): \(bytes)")
            XCTAssertEqual(out.first, 0x7C)
        }
        var viaString: [UInt8] = []
        PostingRecord.collapse("  Ünïcode\u{00A0}\u{00A0}TEXT \t here ", into: &viaString)
        XCTAssertEqual(String(decoding: viaString, as: UTF8.self), "Ünïcode text here")
    }
}
