import Foundation
import SkillAnalytics
@testable import SkillReports
import XCTest

final class ReportWriterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("skillreports-\(UUID().uuidString)", isDirectory: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testWritesAllFiles() throws {
        let target = directory.appendingPathComponent("nested/out", isDirectory: true)
        let urls = try ReportWriter().write(Fixtures.report, to: target)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["report.html", "report.md", "report.json", "top_skills.csv",
                                                       "trends.csv", "emerging.csv", "gaps.csv", "new_terms.csv"])
        let listed = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        XCTAssertEqual(listed, ReportWriter.fileNames.sorted())
        XCTAssertEqual(try String(contentsOf: urls[0], encoding: .utf8), HTMLReport.render(Fixtures.report))
        XCTAssertEqual(try String(contentsOf: urls[4], encoding: .utf8), CSVReport.trends(Fixtures.report))
        XCTAssertEqual(try JSONReport.decode(String(contentsOf: urls[2], encoding: .utf8)), Fixtures.report)
    }

    func testRewritingGivesIdenticalBytes() throws {
        let first = try ReportWriter().write(Fixtures.report, to: directory).map { try Data(contentsOf: $0) }
        let second = try ReportWriter().write(Fixtures.report, to: directory).map { try Data(contentsOf: $0) }
        XCTAssertEqual(first, second)
    }

    func testEmptyDataWrites() throws {
        let urls = try ReportWriter().write(Fixtures.empty, to: directory)
        XCTAssertEqual(urls.count, 8)
        let html = try String(contentsOf: urls[0], encoding: .utf8)
        XCTAssertTrue(html.contains("No training supply was given"))
        XCTAssertEqual(try String(contentsOf: urls[6], encoding: .utf8), parseCSV(CSVReport.gaps(Fixtures.empty))
            .map { $0.joined(separator: ",") + "\n" }.joined())
    }
}
