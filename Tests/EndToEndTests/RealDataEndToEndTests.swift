import Foundation
import XCTest

/// Real corpora from ../shared/data (skipped with a printed reason when absent).
final class RealDataEndToEndTests: XCTestCase {
    func testPythonJobsTopSkillsArePlausible() throws {
        let tmp = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let (db, r) = try CLI.analyzePythonJobs(into: tmp)
        XCTAssertEqual(r.status, 0, r.stderr)
        print(r.stdout)
        // 293 adverts, all accounted for.
        XCTAssertTrue(r.stdout.contains("jsonl   293"), r.stdout)
        let top = try CLI.run(["trends", "--db", db, "--granularity", "year", "--top", "12", "--format", "csv"])
        XCTAssertEqual(top.status, 0, top.stderr)
        print(top.stdout)
        for skill in ["Python", "Django", "PostgreSQL", "Amazon Web Services", "JavaScript", "Linux"] {
            XCTAssertTrue(top.stdout.contains(skill), "\(skill) missing from the top skills")
        }
        // Python leads every year with enough postings.
        let python2015 = top.stdout.split(separator: "\n").first { $0.contains("Python") && $0.contains(",2015,") }
        XCTAssertNotNil(python2015)
        let emerging = try CLI.run(["emerging", "--db", db, "--recent", "2018-01..2023-12", "--reference", "2015-01..2017-12"])
        XCTAssertEqual(emerging.status, 0, emerging.stderr)
        print(emerging.stdout)
    }
}
