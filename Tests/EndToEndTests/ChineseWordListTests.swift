import Foundation
import SkillPipeline
import XCTest

/// The Chinese word list does not fail silently: a missing, unreadable or empty list gives a warning naming the
/// file and the reason (discovery then runs on unsegmented character n-grams).
final class ChineseWordListTests: XCTestCase {
    func testLoadingFailuresWarnWithFileAndReason() throws {
        let missing = ChineseWordList.loadShipped(nil, looked: ["/nowhere/Taxonomies/zh-words/words.tsv.gz"])
        XCTAssertNil(missing.0)
        XCTAssertTrue(missing.warning?.contains("/nowhere/Taxonomies/zh-words/words.tsv.gz") ?? false, "\(missing)")
        XCTAssertTrue(missing.warning?.contains("not found") ?? false)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zh-words-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let gone = dir.appendingPathComponent("gone.tsv.gz").path
        let unreadable = ChineseWordList.loadShipped(gone, looked: [gone])
        XCTAssertNil(unreadable.0)
        XCTAssertTrue(unreadable.warning?.contains("cannot load the Chinese word list \(gone): ") ?? false, "\(unreadable)")

        let empty = dir.appendingPathComponent("empty.tsv").path
        try Data("# nothing\nnot a row\n".utf8).write(to: URL(fileURLWithPath: empty))
        let none = ChineseWordList.loadShipped(empty, looked: [empty])
        XCTAssertNil(none.0)
        XCTAssertTrue(none.warning?.contains(empty) ?? false, "\(none)")

        let good = dir.appendingPathComponent("words.tsv").path
        try Data("前端\t312\tf\n".utf8).write(to: URL(fileURLWithPath: good))
        let ok = ChineseWordList.loadShipped(good, looked: [good])
        XCTAssertNotNil(ok.0)
        XCTAssertNil(ok.warning)
    }
}
