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
