import SkillAnalytics
@testable import SkillReports
import XCTest

final class MarkdownReportTests: XCTestCase {
    func testSections() {
        let md = MarkdownReport.render(Fixtures.report)
        XCTAssertTrue(md.hasPrefix("# ICT skills 2021 — \"Quarterly\" \\<report\\>\n"))
        for heading in ["Provenance", "Corpus summary", "Trend of the top skills", "Top skills", "Emerging skills",
                        "Qualification gaps", "How to read this"] {
            XCTAssertTrue(md.contains("\n## \(heading)\n"), "missing \(heading)")
        }
        XCTAssertTrue(md.contains("- Run IDs: 7, 9"))
        XCTAssertTrue(md.contains("  - min\\_support = 5"))
        XCTAssertTrue(md.contains("Benjamini–Hochberg"))
    }

    func testTablesAreWellFormed() {
        let md = MarkdownReport.render(Fixtures.report)
        XCTAssertTrue(md.contains("CI/CD \\| DevOps"))
        XCTAssertTrue(md.contains("\\<script\\>alert(\"x\")\\</script\\> \\& C++"))
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(md.contains("| Data, \"Analytics\" Reporting |"), "newline in a cell becomes a space")
        // Every row of a table has as many unescaped pipes as its header.
        for block in md.components(separatedBy: "\n\n") where block.hasPrefix("|") {
            let lines = block.split(separator: "\n").map(String.init)
            let expected = cellSeparators(lines[0])
            for line in lines { XCTAssertEqual(cellSeparators(line), expected, line) }
        }
    }

    func testNumberFormats() {
        let md = MarkdownReport.render(Fixtures.report)
        XCTAssertTrue(md.contains("| 1 | Python | s1 | 420 | 42.0% | 120 |"))
        XCTAssertTrue(md.contains("| 7.20 (3.80–13.60) | 1.23e-07 | 11 |"))
        XCTAssertTrue(md.contains("| 20.50 (1.20–350.00) | 0.0123 | 6 |"))
        XCTAssertTrue(md.contains("| Python | 42.0% | 30.0% | +12.0 pp | 9 |"))
        XCTAssertTrue(md.contains("| Python | 40.0% | 40.0% | 43.3% | 44.0% |"))
    }

    func testEmpty() {
        let md = MarkdownReport.render(Fixtures.empty)
        XCTAssertTrue(md.contains("No training supply was given"))
        XCTAssertTrue(md.contains("No data: there are no trend series"))
        XCTAssertTrue(md.contains("- Inputs: none"))
        XCTAssertEqual(md, MarkdownReport.render(Fixtures.empty))
    }

    /// Pipes that are not backslash-escaped.
    private func cellSeparators(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true } else if c == "|" { count += 1 }
        }
        return count
    }
}
