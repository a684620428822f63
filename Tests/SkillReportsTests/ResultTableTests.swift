import SkillReports
import XCTest

/// The terminal table never cuts a value (characters outside the Basic Multilingual Plane, combining marks) and
/// aligns columns by terminal width (East Asian wide characters take two columns).
final class ResultTableTests: XCTestCase {
    func testValuesAreWholeAndColumnsAligned() {
        let values = ["new-term:𠮷野家", "new-term:分布式", "Cafe\u{301} ops", "plain"]
        let table = ResultTable(header: ["term", "n"], text: values.map { [$0, "1"] })
        let text = table.render(.table)
        for v in values { XCTAssertTrue(text.contains(v), "\(v) is shown whole in:\n\(text)") }
        XCTAssertFalse(text.contains("\u{FFFD}"))
        // Every row's second column starts at the same terminal column.
        let lines = text.split(separator: "\n").map(String.init).filter { $0.hasSuffix(" 1") }
        XCTAssertEqual(lines.count, values.count)
        let columns = Set(lines.map { ResultTable.displayWidth($0) })
        XCTAssertEqual(columns.count, 1, text)
        XCTAssertEqual(ResultTable.displayWidth("分布式"), 6)
        XCTAssertEqual(ResultTable.displayWidth("Cafe\u{301}"), 4)
        XCTAssertEqual(ResultTable.displayWidth("𠮷"), 2)
    }
}
