import Foundation
import XCTest

/// The architecture the issue of the query layer set, kept: SQL only in SkillStore, no `String(format:)`, no public
/// raw connection, and a CLI that stays glue (under 1,500 lines).
final class StructureTests: XCTestCase {
    func sources(_ module: String? = nil) throws -> [(path: String, text: String)] {
        let root = CLI.root.appendingPathComponent("Sources")
        let e = FileManager.default.enumerator(atPath: root.path)
        var out: [(String, String)] = []
        while let p = e?.nextObject() as? String {
            guard p.hasSuffix(".swift"), module.map({ p.hasPrefix($0 + "/") }) ?? true else { continue }
            out.append((p, try String(contentsOf: root.appendingPathComponent(p), encoding: .utf8)))
        }
        return out
    }

    func testSQLLivesOnlyInTheStore() throws {
        let sql = try NSRegularExpression(pattern: #"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE (TABLE|INDEX))\b"#)
        var checked = 0
        for (path, text) in try sources() where !path.hasPrefix("SkillStore/") {
            checked += 1
            let n = sql.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            XCTAssertEqual(n, 0, "\(path) holds SQL")
        }
        XCTAssertGreaterThan(checked, 50)
        for (path, text) in try sources("SkillStore") {
            XCTAssertFalse(text.contains("public let db") || text.contains("public var db"), "\(path): public raw connection")
        }
    }

    func testNoStringFormatAndAThinCLI() throws {
        for (path, text) in try sources() where !path.hasSuffix("NumberFormatting.swift") {
            XCTAssertFalse(text.contains("String(format:"), "\(path) uses String(format:)")
        }
        let cli = try sources("skillradar").reduce(0) { $0 + $1.text.utf8.filter { $0 == 10 }.count } // as `wc -l` counts
        XCTAssertLessThan(cli, 1_500, "the CLI is glue: domain logic belongs in the modules")
    }
}
