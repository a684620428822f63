import Foundation
import XCTest

/// `analyze` applies the taxonomy's context rules, codes job titles to occupations, and `evaluate` runs.
final class PipelineIntegrationTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ lines: [String], _ name: String) throws -> String {
        let url = tmp.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// "Go to" is not the Go language; "in Go, Kubernetes and Docker" is. With --no-rules both count (the
    /// label is exact-case, so the lower-case "go to" never matches).
    func testContextRulesDecideWhatIsCounted() throws {
        let input = try write([
            #"{"id":"a","title":"Office assistant","text":"Please go to the front desk. Go to HR on Mondays.","date":"2024-01-05"}"#,
            #"{"id":"b","title":"Backend engineer","text":"We build services in Go, Kubernetes and Docker.","date":"2024-01-06"}"#,
        ], "go.jsonl")
        let goID = "onet:go"
        let withRules = tmp.appendingPathComponent("rules.sqlite").path
        let r = try CLI.run(["analyze", input, "--db", withRules, "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let counted = try CLI.sqlite(withRules, """
            SELECT p.source_id, round(m.confidence, 2) FROM mentions m JOIN postings p ON p.id = m.posting_id
            JOIN concepts c ON c.concept_id = m.concept_id AND c.taxonomy_id = m.taxonomy_id
            WHERE c.label = 'Go' ORDER BY 1
            """)
        XCTAssertTrue(counted.hasPrefix("b|"), "only posting b mentions Go: \(counted)")
        XCTAssertFalse(counted.contains("a|"), counted)
        let params = try CLI.sqlite(withRules, "SELECT parameters FROM runs")
        XCTAssertTrue(params.contains("context-rules.tsv sha256:"), params)

        let noRules = tmp.appendingPathComponent("norules.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", input, "--db", noRules, "--quiet", "--no-rules"]).status, 0)
        let all = try CLI.sqlite(noRules, """
            SELECT p.source_id, m.count FROM mentions m JOIN postings p ON p.id = m.posting_id
            JOIN concepts c ON c.concept_id = m.concept_id AND c.taxonomy_id = m.taxonomy_id
            WHERE c.label = 'Go' ORDER BY 1
            """)
        XCTAssertEqual(all, "a|1\nb|1", "without rules every exact-case Go counts (\(goID))")
    }

    /// `--occupations` stores one coded occupation per original posting with a title.
    func testOccupationCodingFillsPostingOccupations() throws {
        let data = try CLI.requireSharedData()
        let input = try write([
            #"{"id":"1","title":"Senior Software Developer (m/w/d)","text":"Java, Spring, SQL, Git.","date":"2024-02-01"}"#,
            #"{"id":"2","title":"Data Scientist","text":"Python, machine learning, statistics.","date":"2024-02-02"}"#,
            #"{"id":"3","title":"Web Developer - Remote","text":"JavaScript, HTML, CSS, React.","date":"2024-02-03"}"#,
            #"{"id":"4","title":"Senior Software Developer (m/w/d)","text":"Java, Spring, SQL, Git.","date":"2024-02-01"}"#,
        ], "titles.jsonl")
        let db = tmp.appendingPathComponent("occ.sqlite").path
        let r = try CLI.run(["analyze", input, "--db", db, "--quiet", "--occupations", "--occupation-data", data.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try CLI.sqlite(db, """
            SELECT p.source_id, o.occupation_label, o.isco_code FROM posting_occupations o
            JOIN postings p ON p.id = o.posting_id ORDER BY 1
            """).split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.count, 3, "the exact duplicate (4) is not coded: \(rows)")
        XCTAssertEqual(rows.first { $0.hasPrefix("1|") }, "1|software developer|2512")
        XCTAssertEqual(rows.first { $0.hasPrefix("2|") }, "2|data scientist|2511")
        XCTAssertEqual(rows.first { $0.hasPrefix("3|") }, "3|web developer|2513")
        let params = try CLI.sqlite(db, "SELECT parameters FROM runs")
        XCTAssertTrue(params.contains("esco-1.2.0+onet-29.2 languages=en"), params)
        // Gap query for the coded occupation, by label, with ESCO's essential skills: the region whose programme
        // teaches one of them covers it; a region without programmes covers none.
        let supply = try write(["title,provider,region,description",
                                "CASE tools course,Academy,Berlin,Learn to utilise computer-aided software engineering tools.",
                               ], "programmes.csv")
        _ = try CLI.sqlite(db, "UPDATE postings SET region = CASE source_id WHEN '1' THEN 'Berlin' ELSE 'Hamburg' END")
        let g = try CLI.run(["gaps", "--db", db, "--supply", supply, "--occupation", "software developer",
                             "--occupation-data", data.path, "--format", "csv"])
        XCTAssertEqual(g.status, 0, g.stderr)
        let lines = g.stdout.split(separator: "\n").map(String.init)
        let berlin = try XCTUnwrap(lines.first { $0.hasPrefix("Berlin,") }, g.stdout)
        let fields = berlin.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(fields[1], "1", "one posting coded software developer in Berlin: \(berlin)")
        XCTAssertEqual(fields[2], "1", "one programme in Berlin: \(berlin)")
        XCTAssertEqual(fields[4], "1", "the programme covers one essential skill: \(berlin)")
        XCTAssertFalse(berlin.contains("computer-aided software engineering"), berlin)
        // A bad language is a usage error.
        XCTAssertNotEqual(try CLI.run(["analyze", input, "--db", db, "--occupations", "--occupation-languages", "xx"]).status, 0)
    }

    /// Without ../shared/data (a fresh clone), `--occupations` codes titles with the shipped title tables
    /// (ESCO in 8 languages, O*NET), by default in all their languages, and records that in the run's parameters.
    func testOccupationCodingWithTheShippedTitles() throws {
        let input = try write([
            #"{"id":"1","title":"Softwareentwickler (m/w/d)","text":"Java und SQL.","date":"2024-03-01"}"#,
            #"{"id":"2","title":"Data Scientist","text":"Python.","date":"2024-03-02"}"#,
        ], "de.jsonl")
        let db = tmp.appendingPathComponent("shipped.sqlite").path
        let env = ["SKILLRADAR_SHARED_DATA": tmp.appendingPathComponent("absent").path]
        let r = try CLI.run(["analyze", input, "--db", db, "--occupations", "--occupation-languages", "en,de"],
                            environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("shipped ESCO and O*NET titles"), r.stderr)
        XCTAssertEqual(try CLI.sqlite(db, """
            SELECT p.source_id, o.occupation_label, o.isco_code FROM posting_occupations o
            JOIN postings p ON p.id = o.posting_id ORDER BY 1
            """), "1|software developer|2512\n2|data scientist|2511")
        XCTAssertTrue(try CLI.sqlite(db, "SELECT parameters FROM runs")
            .contains("esco-1.2.0+onet-29.2-titles (shipped) languages=en,de"))
        // Without --occupation-languages: all shipped languages.
        let all = tmp.appendingPathComponent("all.sqlite").path
        let a = try CLI.run(["analyze", input, "--db", all, "--occupations"], environment: env)
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(try CLI.sqlite(all, "SELECT parameters FROM runs").contains("languages=en,de,es,fr,it,nl,pl,pt"))
        // Languages the shipped tables lack are a clear error, not a silent English-only run.
        let ar = try CLI.run(["analyze", input, "--db", db, "--occupations", "--occupation-languages", "ar"],
                             environment: env)
        XCTAssertNotEqual(ar.status, 0)
        XCTAssertTrue(ar.stderr.contains("only en,de,es,fr,it,nl,pl,pt"), ar.stderr)
    }

    /// `evaluate` prints the table and writes JSON with the SkillSpan and Decorte sections.
    func testEvaluateWritesJSON() throws {
        let data = try CLI.requireSharedData()
        let json = tmp.appendingPathComponent("eval.json").path
        let r = try CLI.run(["evaluate", "--split", "dev", "--domain", "tech", "--data", data.path, "--json", json])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("knowledge"), r.stdout)
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        XCTAssertNotNil(obj?["skillspan"], "JSON has a skillspan section")
        XCTAssertNotNil(obj?["decorte"], "JSON has a decorte section")
    }
}
