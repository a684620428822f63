import Foundation
import SkillIO
import SkillTokenizer
import XCTest
@testable import SkillTaxonomy

/// The reports the `taxonomy` commands print, computed by the library: stats, validation summary, diff,
/// multi-source import and compile.
final class TaxonomyReportTests: XCTestCase {
    /// Two concepts, one exact-case label, a German label and an attribute.
    static func small(version: String = "1", extraLabel: Bool = false) -> Taxonomy {
        var labels = [
            ConceptLabel(conceptIndex: 0, text: "Go", kind: .pref, exactCase: true),
            ConceptLabel(conceptIndex: 0, text: "golang", kind: .alt),
            ConceptLabel(conceptIndex: 1, text: "machine learning", kind: .pref, lang: "en"),
            ConceptLabel(conceptIndex: 1, text: "maschinelles Lernen", kind: .pref, lang: "de"),
        ]
        if extraLabel { labels.append(ConceptLabel(conceptIndex: 1, text: "ML", kind: .hidden, exactCase: true)) }
        return Taxonomy(name: "small", version: version, concepts: [
            Concept(id: "local:go", preferredLabel: "Go", type: "skill", source: "local"),
            Concept(id: "local:ml", preferredLabel: "machine learning", type: "knowledge", source: "esco",
                    hotTechnology: true),
        ], labels: labels, attributes: [ConceptAttribute(conceptIndex: 1, key: "broader", value: "local:ai")])
    }

    func written(_ t: Taxonomy) throws -> String {
        let dir = try Paths.temp()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try TaxonomyFiles.write(t, meta: [], to: dir.path)
        return dir.path
    }

    func testStatsLines() {
        let t = Self.small()
        let m = t.buildMatcher()
        let lines = TaxonomyStats(taxonomy: t, matcher: m).lines
        XCTAssertEqual(Array(lines.dropLast()), [
            "small 1 digest \(t.digest)",
            "concepts: 2 esco=1 local=1",
            "types: knowledge=1 skill=1",
            "labels: 4 alt=1 pref=3, exact-case 1",
            "languages: -=2 de=1 en=1",
            "attributes: 1 broader=1",
            "hot technologies: 1, in demand: 0",
        ])
        XCTAssertEqual(lines.last, "matcher: \(m.patternCount) patterns, \(m.vocabulary.count) token types, "
                       + "\(m.stateCount) states, longest label \(m.maxDepth) tokens, \(m.memoryBytes / 1024) KiB")
        // No languages and no attributes: those lines are left out.
        let bare = Taxonomy(name: "b", version: "2", concepts: [Concept(id: "x", preferredLabel: "x", type: "t", source: "s")],
                            labels: [ConceptLabel(conceptIndex: 0, text: "x", kind: .pref)])
        let bareLines = TaxonomyStats(taxonomy: bare, matcher: bare.buildMatcher()).lines
        XCTAssertEqual(bareLines.count, 6)
        XCTAssertFalse(bareLines.contains { $0.hasPrefix("languages:") || $0.hasPrefix("attributes:") })
    }

    func testValidationSummaryLimitsEachCodeAndCounts() {
        func issue(_ s: TaxonomyIssue.Severity, _ code: String, _ line: Int) -> TaxonomyIssue {
            TaxonomyIssue(severity: s, code: code, path: "t/labels.tsv", line: line, message: "m\(line)")
        }
        let issues = [issue(.warning, "common-word", 2), issue(.error, "empty-label", 3), issue(.warning, "common-word", 4),
                      issue(.warning, "common-word", 5), issue(.error, "empty-label", 6)]
        let s = TaxonomyValidationSummary(issues: issues, directory: "t", limit: 2)
        XCTAssertEqual(s.lines, [
            issues[0].description, issues[1].description, issues[2].description, issues[4].description,
            "error empty-label: 2", "warning common-word: 3", "t: 2 errors, 3 warnings",
        ])
        XCTAssertEqual(s.errors, 2)
        XCTAssertEqual(s.warnings, 3)
        XCTAssertTrue(s.fails(strict: false))
        let warningsOnly = TaxonomyValidationSummary(issues: [issues[0]], directory: "t", limit: 0)
        XCTAssertEqual(warningsOnly.lines, ["warning common-word: 1", "t: 0 errors, 1 warnings"])
        XCTAssertFalse(warningsOnly.fails(strict: false))
        XCTAssertTrue(warningsOnly.fails(strict: true))
        XCTAssertEqual(TaxonomyValidationSummary(issues: [], directory: "t", limit: 10).lines, ["t: 0 errors, 0 warnings"])
    }

    func testCommonWordsAreReadOnlyWhenTheFileExists() throws {
        var v = TaxonomyValidator()
        XCTAssertFalse(try v.loadCommonWordsIfPresent("/nonexistent/common-words.txt"))
        XCTAssertTrue(v.commonWords.isEmpty)
        XCTAssertTrue(try v.loadCommonWordsIfPresent(Paths.commonWords))
        XCTAssertFalse(v.commonWords.isEmpty)
    }

    func testDiffReportSectionsAndLimit() {
        let a = Self.small(), b = Self.small(version: "2", extraLabel: true)
        var b2 = b
        b2.concepts[0].type = "technology"
        let d = TaxonomyDiff(a, b2)
        let lines = d.reportLines(old: a, new: b2, oldName: "A-dir", newName: "B-dir", limit: 1)
        XCTAssertEqual(lines, [
            "A: A-dir (2 concepts, 4 labels, digest \(a.shortDigest))",
            "B: B-dir (2 concepts, 5 labels, digest \(b2.shortDigest))",
            "concepts added: 0", "concepts removed: 0",
            "concepts changed: 1", "  ~ local:go\ttype: skill -> technology",
            "labels added: 1", "  + local:ml\tML",
            "labels removed: 0", "labels changed: 0",
        ])
        // Over the limit: the rest is counted.
        let none = Taxonomy(name: "n", version: "0", concepts: [], labels: [])
        let added = TaxonomyDiff(none, a).reportLines(old: none, new: a, oldName: "n", newName: "a", limit: 1)
        XCTAssertEqual(added, [
            "A: n (0 concepts, 0 labels, digest \(none.shortDigest))",
            "B: a (2 concepts, 4 labels, digest \(a.shortDigest))",
            "concepts added: 2", "  + local:go\tGo", "  ... 1 more",
            "concepts removed: 0", "concepts changed: 0",
            "labels added: 4", "  + local:go\tGo", "  ... 3 more",
            "labels removed: 0", "labels changed: 0",
        ])
        let de = TaxonomyDiff(none, a).reportLines(old: none, new: a, oldName: "n", newName: "a", limit: 10)
        XCTAssertTrue(de.contains("  + local:ml\tmaschinelles Lernen\t@de"), "\(de)")
    }

    func testImportOfABaseWithOverrides() throws {
        let base = try written(Self.small())
        let (overridesDir, overrides) = try writeTemp("""
            action\tconcept_id\ttext\textra
            concept\tlocal:rust\tRust\ttechnology
            suppress\tlocal:go\tgolang\t

            """, "my-overrides.tsv")
        addTeardownBlock { try? FileManager.default.removeItem(at: overridesDir) }
        let r = try TaxonomyImport(base: base, languages: ["en"], overrides: overrides)
            .run(name: "mine", version: "v", builder: "test import")
        let t = Self.small()
        XCTAssertEqual(r.report.count, 2)
        XCTAssertEqual(r.report[0], "\(base): 2 concepts, 4 labels (digest \(t.shortDigest))")
        XCTAssertEqual(r.taxonomy.name, "mine")
        XCTAssertEqual(r.taxonomy.concepts.map(\.id).sorted(), ["local:go", "local:ml", "local:rust"])
        XCTAssertFalse(r.taxonomy.labels.contains { $0.text == "golang" })
        XCTAssertEqual(r.meta.map(\.0), ["source.base", "source.overrides", "languages", "builder"])
        XCTAssertEqual(r.meta[0].1, "small 1 digest:\(t.digest)")
        XCTAssertEqual(r.meta[1].1, "my-overrides.tsv sha256:" + (try SHA256.hexOfFile(overrides)))
        XCTAssertEqual(r.meta[2].1, "en")
        XCTAssertEqual(r.meta[3].1, "test import")
    }

    func testLanguageAndCollectionLists() {
        let table: [(String, [String]?)] = [("all", nil), ("", nil), (" , ", nil), ("en", ["en"]), ("en, de", ["en", "de"]),
                                            ("de,all", nil), ("fr,,en", ["fr", "en"])]
        for (list, expected) in table { XCTAssertEqual(TaxonomyImport.languages(list), expected, list) }
        XCTAssertEqual(TaxonomyImport.collections("digital, green"), ["digital", "green"])
    }

    func testSourceMetadataFingerprintsEachFile() throws {
        let (dir, path) = try writeTemp("abc", "source.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let meta = try TaxonomyFiles.sourceMetadata([("esco", path)], builder: "b")
        XCTAssertEqual(meta.map(\.0), ["source.esco", "builder"])
        XCTAssertEqual(meta[0].1, "source.csv sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(meta[1].1, "b")
        XCTAssertThrowsError(try TaxonomyFiles.sourceMetadata([("x", dir.path + "/missing")], builder: "b"))
    }

    func testCompileBuildsThenLoadsFromTheCache() throws {
        let dir = try written(Self.small())
        let cache = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: cache) }
        let options = TokenizerOptions()
        let first = try CompiledTaxonomy.compile(directory: dir, tokenizerOptions: options, cacheDirectory: cache.path, force: false)
        let path = try CompiledTaxonomy.cachePath(directory: dir, tokenizerOptions: options, cacheDirectory: cache.path)
        XCTAssertEqual(first.outcome, .rebuilt(path: path, reason: "no compiled file yet"))
        XCTAssertEqual(first.reload, .hit(path: path))
        XCTAssertTrue(first.saved)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        XCTAssertEqual(first.compiledBytes, size)
        XCTAssertEqual([first.taxonomyName, "\(first.concepts)", "\(first.patterns)"], ["small", "2", "4"])
        XCTAssertEqual(first.lines.count, 3)
        XCTAssertEqual(first.lines[0], first.outcome.description)
        XCTAssertEqual(first.lines[1], "small: 2 concepts, 4 patterns; compiled file \(size / 1024) KiB")
        XCTAssertTrue(first.lines[2].hasPrefix("first load "), first.lines[2])
        XCTAssertTrue(first.lines[2].hasSuffix(" ms (loaded from cache \(path))"), first.lines[2])
        let again = try CompiledTaxonomy.compile(directory: dir, tokenizerOptions: options, cacheDirectory: cache.path, force: false)
        XCTAssertEqual(again.outcome, .hit(path: path))
        let forced = try CompiledTaxonomy.compile(directory: dir, tokenizerOptions: options, cacheDirectory: cache.path, force: true)
        XCTAssertEqual(forced.outcome, .rebuilt(path: path, reason: "no compiled file yet"))
    }

    func testCompileThatCannotSaveReportsOnlyTheOutcome() throws {
        let dir = try written(Self.small())
        let (blockerDir, blocker) = try writeTemp("not a directory", "file")
        defer { try? FileManager.default.removeItem(at: blockerDir) }
        let r = try CompiledTaxonomy.compile(directory: dir, tokenizerOptions: TokenizerOptions(),
                                             cacheDirectory: blocker + "/cache", force: false)
        XCTAssertFalse(r.saved)
        XCTAssertNil(r.reload)
        XCTAssertEqual(r.lines, [r.outcome.description])
        XCTAssertTrue(r.lines[0].hasPrefix("built; cache "), r.lines[0])
    }
}
