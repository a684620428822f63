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
