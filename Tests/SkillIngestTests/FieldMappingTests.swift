import XCTest
@testable import SkillIngest

final class FieldMappingTests: XCTestCase {
    func testOverridePutsTheUsersKeyFirst() throws {
        var m = FieldMapping()
        try m.apply(["title=job_title", " text = body_html ", "employer=hiring_org"])
        XCTAssertEqual(m.title.first, "job_title")
        XCTAssertEqual(m.text.first, "body_html")
        XCTAssertEqual(m.employer.first, "hiring_org")
        XCTAssertTrue(m.title.contains("title"), "defaults stay as fallbacks")
    }

    func testOverrideChangesWhichKeyIsRead() throws {
        let dir = try TempDir()
        let jsonl = try dir.write("m.jsonl", """
            {"id":"1","title":"Generic","job_title":"Specific","body_html":"Override text","description":"Default text","posted_on":"2021-05-06"}
            """)
        let plain = try readInput(jsonl, .jsonl)
        XCTAssertEqual(plain.records.first?.title, "Generic")
        XCTAssertEqual(plain.records.first?.text, "Default text")
        XCTAssertNil(plain.records.first?.date)

        var m = FieldMapping()
        try m.apply(["title=job_title", "text=body_html", "date=posted_on", "id=title"])
        let mapped = try readInput(jsonl, .jsonl, mapping: m)
        XCTAssertEqual(mapped.records.first?.title, "Specific")
        XCTAssertEqual(mapped.records.first?.text, "Override text")
        XCTAssertEqual(mapped.records.first?.date, "2021-05-06")
        XCTAssertEqual(mapped.records.first?.sourceID, "Generic")
    }

    func testOverrideOnCSVHeaderIsCaseInsensitive() throws {
        let dir = try TempDir()
        let csv = try dir.write("m.csv", "Ref,Job_Title,Details\nr1,Analyst,SQL and Excel\n")
        let plain = try readInput(csv, .csv)
        XCTAssertEqual(plain.records.first?.title, "Analyst") // job_title is a default candidate
        XCTAssertEqual(plain.quarantined.count, 0)
        XCTAssertEqual(plain.records.first?.text, "")
        var m = FieldMapping()
        try m.apply(["text=Details", "id=REF"])
        let mapped = try readInput(csv, .csv, mapping: m)
        XCTAssertEqual(mapped.records.first?.text, "SQL and Excel")
        XCTAssertEqual(mapped.records.first?.sourceID, "r1")
    }

    func testUnknownFieldIsAnError() {
        var m = FieldMapping()
        XCTAssertThrowsError(try m.apply(["salary=pay"])) { error in
            let text = "\(error)"
            XCTAssertTrue(error is IngestError)
            XCTAssertTrue(text.contains("unknown field 'salary'"), text)
            XCTAssertTrue(text.contains("id, title, text, date, region, employer"), text)
        }
        XCTAssertEqual(m, FieldMapping(), "a failed override changes nothing")
    }

    func testMalformedOverridesAreErrors() {
        for bad in ["title", "title=", "=job_title", "title = "] {
            var m = FieldMapping()
            XCTAssertThrowsError(try m.apply([bad]), "'\(bad)' must be rejected") { error in
                XCTAssertTrue("\(error)".contains("field=key") || "\(error)".contains("unknown field"), "\(error)")
            }
        }
    }

    func testValueMayContainEquals() throws {
        var m = FieldMapping()
        try m.apply(["text=a=b"])
        XCTAssertEqual(m.text.first, "a=b")
    }
}

/// Dotted paths into nested JSON values (`--map employer=llm_parsed.company`).
final class NestedFieldPathTests: XCTestCase {
    static let lines = [
        #"{"text":"a","llm_parsed":{"company":"美团","location":["","上海","北京"],"positions":[{"title":"前端"},{"title":"后端"}]}}"#,
        #"{"text":"b","company":"Flat Co","llm_parsed":{"company":"Nested Co","location":"Berlin"}}"#,
        #"{"text":"c","llm_parsed":null}"#,
        #"{"text":"d","llm_parsed":{"company":42,"location":[1,{"x":"y"}]}}"#,
        #"{"text":"e","llm_parsed.company":"Literal key","llm_parsed":{"company":"Nested"}}"#,
        #"{"text":"f","llm_parsed":[{"company":"In array"}]}"#,
    ]

    func testDefaultsReadNestedCompanyAndLocationAfterFlatKeys() throws {
        let dir = try TempDir()
        let r = try readInput(try dir.write("n.jsonl", Self.lines.joined(separator: "\n")), .jsonl)
        assertAccounting(r, lineFormat: true)
        XCTAssertEqual(r.records.map(\.employer), ["美团", "Flat Co", nil, "42", "Literal key", nil])
        // An array gives its non-empty strings joined by " / "; a string is taken as is.
        XCTAssertEqual(r.records.map(\.region), ["上海 / 北京", "Berlin", nil, nil, nil, nil])
    }

    func testMappedPathsWithArrayIndexes() throws {
        let dir = try TempDir()
        var m = FieldMapping()
        try m.apply(["title=llm_parsed.positions.1.title", "employer=llm_parsed.0.company", "id=llm_parsed.positions.9.title"])
        let r = try readInput(try dir.write("n.jsonl", Self.lines.joined(separator: "\n")), .jsonl, mapping: m)
        XCTAssertEqual(r.records.map(\.title), ["后端", "", "", "", "", ""])
        XCTAssertEqual(r.records.last?.employer, "In array")
        XCTAssertEqual(r.records[1].employer, "Flat Co", "a missing path falls back to the defaults")
        XCTAssertTrue(r.records.allSatisfy { $0.sourceID?.hasPrefix("sha256:") ?? false }, "index 9 is absent")
    }

    func testPathLookupMatchesAReferenceWalkOverJSONSerialization() throws {
        // Seeded random nested documents; the path lookup agrees with a naive walk over Foundation's tree.
        var rng = SeededBytes(seed: 11)
        let keys = ["a", "b", "c"]
        func random(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth > 2 ? 2 : 4), using: &rng) {
            case 0: return "s\(Int.random(in: 0..<9, using: &rng))"
            case 1: return Int.random(in: 0..<100, using: &rng)
            case 2: return (0..<Int.random(in: 0..<3, using: &rng)).map { _ in random(depth + 1) }
            default:
                var o: [String: Any] = [:]
                for k in keys where Bool.random(using: &rng) { o[k] = random(depth + 1) }
                return o
            }
        }
        func reference(_ v: Any, _ path: [Substring]) -> String? {
            var cur: Any = v
            for step in path {
                if let o = cur as? [String: Any], let n = o[String(step)] { cur = n }
                else if let a = cur as? [Any], let i = Int(step), i >= 0, i < a.count { cur = a[i] }
                else { return nil }
            }
            if let s = cur as? String { return s }
            if let n = cur as? Int { return String(n) }
            if let a = cur as? [Any] {
                let parts = a.compactMap { $0 as? String }.filter { !$0.isEmpty }
                return parts.isEmpty ? nil : parts.joined(separator: " / ")
            }
            return nil
        }
        for _ in 0..<300 {
            let doc = random(0)
            let data = try JSONSerialization.data(withJSONObject: ["root": doc], options: [.fragmentsAllowed])
            let value = try JSONValue.parse(Array(data))
            for path in ["root.a", "root.a.b", "root.0", "root.1.c", "root.a.0", "root.b.c.a", "root"] {
                XCTAssertEqual(value.value(atPath: path)?.fieldText, reference(["root": doc], path.split(separator: ".")),
                               "\(path) in \(String(decoding: data, as: UTF8.self))")
            }
        }
    }
}
