import Foundation
import XCTest

/// The main job and the analysis commands on the shipped sample corpus, through the real binary.
final class SampleEndToEndTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func testSampleMainJobWritesDatabaseAndReport() throws {
        let out = tmp.appendingPathComponent("sample").path
        let r = try CLI.run(["sample", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        print(r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/skillradar.sqlite"))
        let html = try String(contentsOfFile: out + "/report/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"), "report has charts")
        XCTAssertFalse(html.contains("<script"), "report needs no JavaScript")
        for f in ["report.md", "report.json", "top_skills.csv", "trends.csv", "emerging.csv", "gaps.csv", "new_terms.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/report/" + f), f)
        }
        // Every record accounted for: the sample has 5 reposts and 3 malformed lines (Corpora/README.md).
        XCTAssertTrue(r.stdout.contains("duplicates 5, quarantined 3"), r.stdout)
        XCTAssertTrue(r.stdout.contains("balanced"), r.stdout)
        XCTAssertFalse(r.stdout.contains(" NO\n"), "an input did not balance: \(r.stdout)")
        // The trends planted in the sample (Corpora/README.md) are what the report finds.
        for expected in ["OpenAI ChatGPT [new]", "Kubernetes [emerging]", "machine learning [emerging]",
                         "Ansible [emerging]", "jQuery [declining]", "PHP [declining]"] {
            XCTAssertTrue(r.stdout.contains(expected), "\(expected) missing: \(r.stdout)")
        }
        // The out-of-taxonomy terms planted in the sample are the report's New terms.
        XCTAssertTrue(html.contains("id=\"new-terms\""), "New terms section")
        let newTerms = try String(contentsOfFile: out + "/report/new_terms.csv", encoding: .utf8)
        for term in ["langchain", "retrieval augmented generation"] {
            XCTAssertTrue(newTerms.contains("\n" + term + ","), "\(term) not in new_terms.csv: \(newTerms)")
            XCTAssertTrue(html.contains(">" + term + "<"), term)
        }
        let gaps = r.stdout.split(separator: "\n").first { $0.hasPrefix("largest gaps:") } ?? ""
        XCTAssertTrue(gaps.contains("Kubernetes") && gaps.contains("Ansible"), String(gaps))
    }

    func testRerunDoesNotDoubleCount() throws {
        let db = tmp.appendingPathComponent("s.sqlite").path
        let first = try CLI.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let trends1 = try CLI.run(["trends", "--db", db, "--format", "csv", "--top", "15"])
        let second = try CLI.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"])
        XCTAssertEqual(second.status, 0, second.stderr)
        let trends2 = try CLI.run(["trends", "--db", db, "--format", "csv", "--top", "15"])
        XCTAssertEqual(trends1.stdout, trends2.stdout)
        XCTAssertGreaterThan(trends1.stdout.split(separator: "\n").count, 10)
        // The second run stores nothing new: every valid record is already there.
        let row = second.stdout.split(separator: "\n").first { $0.contains("postings.jsonl") }.map(String.init) ?? ""
        let cols = row.split(separator: " ", omittingEmptySubsequences: true)
        XCTAssertEqual(cols.count, 12, row)
        if cols.count == 12 {
            XCTAssertEqual(cols[3], "0", "new records on rerun: \(row)")
            XCTAssertEqual(cols[4], "0", "duplicates on rerun: \(row)")
        }
    }

    func testAnalysisCommandsOnSample() throws {
        let db = tmp.appendingPathComponent("s.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"]).status, 0)
        let gaps = try CLI.run(["gaps", "--db", db, "--supply", "Corpora/sample/programmes.csv", "--format", "json"])
        XCTAssertEqual(gaps.status, 0, gaps.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [[String: Any]]
        XCTAssertFalse(rows?.isEmpty ?? true)
        if let first = rows?.first, let gi = first["gap_index"] as? Double, let d = first["demand_share"] as? Double,
           let s = first["supply_share"] as? Double {
            XCTAssertEqual(gi, d - s, accuracy: 1e-3)
            XCTAssertGreaterThan(gi, 0)
        } else {
            XCTFail("gaps json lacks numbers: \(gaps.stdout.prefix(300))")
        }
        let emerging = try CLI.run(["emerging", "--db", db, "--format", "csv", "--all"])
        XCTAssertEqual(emerging.status, 0, emerging.stderr)
        XCTAssertTrue(emerging.stdout.hasPrefix("skill,in_taxonomy,status,"), emerging.stdout)
        XCTAssertTrue(emerging.stdout.split(separator: "\n").first?.hasSuffix(",concept_id") ?? false, "ids last")
        let years = try CLI.run(["trends", "--db", db, "--granularity", "year", "--top", "3"])
        XCTAssertEqual(years.status, 0, years.stderr)
        for y in ["2021", "2022", "2023", "2024"] { XCTAssertTrue(years.stdout.contains(y), years.stdout) }
        let q = try CLI.run(["quarantine", "--db", db])
        XCTAssertEqual(q.status, 0)
        XCTAssertTrue(q.stdout.contains("invalid date"), q.stdout)
        XCTAssertTrue(q.stdout.contains("not valid JSON"), q.stdout)
        let runs = try CLI.run(["runs", "--db", db, "--format", "json"])
        XCTAssertTrue(runs.stdout.contains("completed"), runs.stdout)
    }

    func testExtractReportsCodePointAndByteOffsets() throws {
        let r = try CLI.run(["extract"], stdin: "Zürich team: Python and PostgreSQL\nno skills here\n熟悉React和Node.js开发\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let objects = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(objects.count, r.stdout.split(separator: "\n").count, "every line is JSON")
        let python = objects.first { ($0["text"] as? String) == "Python" }
        XCTAssertEqual(python?["line"] as? Int, 1)
        XCTAssertEqual(python?["start"] as? Int, 13) // code points: "Zürich team: " is 13 characters
        XCTAssertEqual(python?["byte_start"] as? Int, 14) // ü is two bytes
        XCTAssertEqual(python?["end"] as? Int, 19)
        let react = objects.first { ($0["text"] as? String) == "React" }
        XCTAssertEqual(react?["line"] as? Int, 3)
        XCTAssertEqual(react?["start"] as? Int, 2)
        XCTAssertEqual(react?["byte_start"] as? Int, 6)
        XCTAssertNotNil(objects.first { ($0["text"] as? String) == "Node.js" })
        XCTAssertNil(objects.first { ($0["line"] as? Int) == 2 })
    }

    func testExplainShowsRulesAndLabels() throws {
        let r = try CLI.run(["explain", "Senior C++ and Node.js developer, CI/CD"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("plus-suffix"), r.stdout)
        XCTAssertTrue(r.stdout.contains("dotted"), r.stdout)
        XCTAssertTrue(r.stdout.contains("label \"C++\""), r.stdout)
        XCTAssertTrue(r.stdout.contains("label \"Node.js\""), r.stdout)
    }

    func testErrorsAreClearAndNonZero() throws {
        let missing = try CLI.run(["analyze", "does-not-exist.jsonl", "--db", tmp.appendingPathComponent("x.sqlite").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)
        let noDB = try CLI.run(["trends", "--db", tmp.appendingPathComponent("none.sqlite").path])
        XCTAssertNotEqual(noDB.status, 0)
        XCTAssertTrue(noDB.stderr.contains("skillradar analyze"), noDB.stderr)
        let badWindow = try CLI.run(["emerging", "--db", "x.sqlite", "--recent", "2020-13..2021-01"])
        XCTAssertNotEqual(badWindow.status, 0)
        XCTAssertTrue(badWindow.stderr.contains("--recent must look like"), badWindow.stderr)
        let unknownFormat = try CLI.run(["analyze", "Corpora/README.md", "--db", tmp.appendingPathComponent("y.sqlite").path])
        XCTAssertNotEqual(unknownFormat.status, 0)
        XCTAssertTrue(unknownFormat.stderr.contains("--input-format"), unknownFormat.stderr)
        let help = try CLI.run(["gaps", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--supply"))
    }

    /// Regions and skills as users type them: any case; an unknown one is an error with "did you mean", never an
    /// empty table.
    func testRegionAndSkillNamesResolveOrExplain() throws {
        let db = tmp.appendingPathComponent("r.sqlite").path
        XCTAssertEqual(try CLI.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"]).status, 0)
        let lower = try CLI.run(["trends", "--db", db, "--region", "capital region", "--format", "csv"])
        XCTAssertEqual(lower.status, 0, lower.stderr)
        XCTAssertTrue(lower.stdout.contains(",year,Capital Region,"), lower.stdout)
        XCTAssertGreaterThan(lower.stdout.split(separator: "\n").count, 3)
        let typo = try CLI.run(["emerging", "--db", db, "--region", "Highlandz"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertTrue(typo.stderr.contains("did you mean 'Highlands'?"), typo.stderr)
        let unknown = try CLI.run(["trends", "--db", db, "--region", "Atlantis"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("its regions: Capital Region"), unknown.stderr)
        let byName = try CLI.run(["postings", "--db", db, "--skill", "kubernetes", "--limit", "1"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertTrue(byName.stdout.contains("Kubernetes"), byName.stdout)
        let badOut = try CLI.run(["report", "--db", db, "--out", "/proc/skillradar-report", "--no-new-terms"])
        XCTAssertEqual(badOut.status, 1)
        XCTAssertTrue(badOut.stderr.contains("cannot write the report to /proc/skillradar-report"), badOut.stderr)
        XCTAssertFalse(badOut.stderr.contains("NSCocoaErrorDomain"), badOut.stderr)
        let noSkill = try CLI.run(["postings", "--db", db, "--skill", "kubernets"])
        XCTAssertEqual(noSkill.status, 1)
        XCTAssertTrue(noSkill.stderr.contains("did you mean 'Kubernetes'"), noSkill.stderr)
    }

    /// Empty inputs of every format and inputs whose every record is quarantined: no crash (they crashed in the
    /// progress line), a warning naming the file, and exit 1 when no input gave a usable record.
    func testEmptyAndUnusableInputsAreSaidAndFail() throws {
        for ext in ["jsonl", "csv", "tsv", "html", "xml"] {
            let f = tmp.appendingPathComponent("empty.\(ext)")
            try Data().write(to: f)
            let r = try CLI.run(["analyze", f.path, "--db", tmp.appendingPathComponent("e-\(ext).sqlite").path])
            XCTAssertEqual(r.status, 1, "\(ext): \(r.stderr)")
            // An empty page or feed is one unreadable record, quarantined; other formats have none.
            XCTAssertTrue(r.stderr.contains("warning: \(f.path): no records")
                || r.stderr.contains("warning: \(f.path): every one of its 1 records was quarantined"), r.stderr)
            XCTAssertTrue(r.stderr.contains("no input gave a usable record"), r.stderr)
        }
        let bad = tmp.appendingPathComponent("bad.jsonl")
        try Data("{not json\n[1,2]\n".utf8).write(to: bad)
        let r = try CLI.run(["analyze", bad.path, "--db", tmp.appendingPathComponent("b.sqlite").path])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("every one of its 2 records was quarantined"), r.stderr)
        // One usable input among them: the run stores it, names the unusable one and exits 3 (RobustEdgesTests).
        let mixed = try CLI.run(["analyze", bad.path, "Corpora/sample/postings.jsonl", "--db",
                                 tmp.appendingPathComponent("m.sqlite").path, "--quiet"])
        XCTAssertEqual(mixed.status, 3, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("warning: \(bad.path)"), mixed.stderr)
    }
}
