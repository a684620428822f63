import Foundation
import SkillSynth
import XCTest
@testable import SkillIngest

/// The byte-level JSON object scanner against Foundation's JSONSerialization (the reference).
final class JSONObjectScannerTests: XCTestCase {
    func scan(_ s: String) -> Result<[String: JSONField], JSONScanError> {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer { b in Result { () throws(JSONScanError) in try JSONObjectScanner().scan(b) } }
    }

    func testTable() throws {
        let ok = try scan(#" {"id": 12, "title":"C++ \"dev\"", "x":[1,{"a":[]}], "t":true, "n":null, "e":"\u00e9\ud83d\ude00\n"} "#).get()
        XCTAssertEqual(ok["id"], .number("12"))
        XCTAssertEqual(ok["title"], .string("C++ \"dev\""))
        XCTAssertEqual(ok["x"], .nested)
        XCTAssertEqual(ok["t"], .bool(true))
        XCTAssertEqual(ok["n"], .null)
        XCTAssertEqual(ok["e"], .string("é😀\n"))
        XCTAssertEqual(try scan(#"{"a":1,"a":2}"#).get()["a"], .number("2"), "last duplicate key wins")
        XCTAssertEqual(try scan("{}").get().count, 0)
        for notObject in ["[1,2]", "\"s\"", "12", "true", "null"] {
            if case .failure(.notAnObject) = scan(notObject) {} else { XCTFail("\(notObject) should be notAnObject") }
        }
        for bad in ["", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}",
                    "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\u{1}\"}", "{\"a\":1} x", "{'a':1}",
                    "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":{\"b\"}}", "{\"a\":\"unterminated}"] {
            if case .success = scan(bad) { XCTFail("accepted invalid JSON: \(bad)") }
        }
    }

    func testDeepNestingIsRejectedNotACrash() {
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        if case .success = scan(deep) { XCTFail("nesting beyond the limit must be rejected") }
        let fine = "{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        XCTAssertEqual(try scan(fine).get()["a"], .nested)
    }

    /// Seeded random JSON-like lines (valid and mutated): accept/reject and string values agree with Foundation.
    func testAgreesWithJSONSerialization() throws {
        var rng = SeededRandom(seed: 7)
        let atoms = ["0", "-1", "2.5e3", "1E-2", "true", "false", "null", "\"x\"", "\"\\u00fc\\\"\"", "\"tab\\tq\"",
                     "[]", "{}", "[1,[2,{\"k\":\"v\"}]]", "\"\\ud83d\\ude00\"", "\"é ü\""]
        for _ in 0..<3_000 {
            var members: [String] = []
            for k in 0..<rng.int(4) { members.append("\"k\(k)\":" + atoms[rng.int(atoms.count)]) }
            var text = "{" + members.joined(separator: ",") + "}"
            if rng.int(3) == 0, !text.isEmpty {
                // Mutate: drop, duplicate or replace one byte.
                var bytes = Array(text.utf8)
                let at = rng.int(bytes.count)
                switch rng.int(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default:
                    let replacements = Array("{}[]\",:\\ 0a-".utf8)
                    bytes[at] = replacements[rng.int(replacements.count)]
                }
                guard let s = String(validating: bytes, as: UTF8.self) else { continue }
                text = s
            }
            let reference = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            let mine = scan(text)
            switch (reference, mine) {
            case (let dict as [String: Any], .success(let fields)):
                XCTAssertEqual(Set(dict.keys), Set(fields.keys), text)
                for (k, v) in dict {
                    if let s = v as? String { XCTAssertEqual(fields[k], .string(s), text) }
                }
            case (.some(let v), .failure(.notAnObject)):
                XCTAssertFalse(v is [String: Any], text)
            case (nil, .failure(.invalid)):
                break
            default:
                XCTFail("disagreement on \(text): Foundation \(String(describing: reference)), scanner \(mine)")
            }
        }
    }
}

/// The shared SplitMix64, with a bounded draw.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    mutating func int(_ bound: Int) -> Int { below(max(1, bound)) }
}
