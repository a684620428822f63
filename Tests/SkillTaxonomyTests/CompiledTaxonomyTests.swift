import Foundation
import SkillIO
import SkillMatcher
import SkillTokenizer
import SkillSynth
import XCTest
@testable import SkillTaxonomy

final class CompiledTaxonomyTests: XCTestCase {
    /// A small taxonomy with exact-case labels, languages and attributes, written to a temporary directory.
    func smallTaxonomy() throws -> (URL, Taxonomy) {
        let dir = try Paths.temp()
        var tag = ConceptLabel(conceptIndex: 1, text: "cloud", kind: .alt)
        tag.tagOnly = true
        let t = Taxonomy(name: "small", version: "1", concepts: [
            Concept(id: "local:go", preferredLabel: "Go", type: "skill", source: "local", groups: ["languages"]),
            Concept(id: "local:ml", preferredLabel: "machine learning", type: "knowledge", source: "esco",
                    escoURI: "http://example.org/ml", onetCommodityCodes: ["43232"], hotTechnology: true, onetOccupations: 4),
            Concept(id: "local:zh", preferredLabel: "Zürich tools", type: "skill", source: "local"),
        ], labels: [
            ConceptLabel(conceptIndex: 0, text: "Go", kind: .pref, exactCase: true),
            ConceptLabel(conceptIndex: 0, text: "golang", kind: .alt),
            ConceptLabel(conceptIndex: 1, text: "machine learning", kind: .pref, lang: "en"),
            ConceptLabel(conceptIndex: 1, text: "maschinelles Lernen", kind: .pref, lang: "de"),
            ConceptLabel(conceptIndex: 1, text: "ML", kind: .hidden, exactCase: true),
            ConceptLabel(conceptIndex: 2, text: "Zürich tools", kind: .pref),
            tag,
        ], attributes: [ConceptAttribute(conceptIndex: 1, key: "broader", value: "local:ai")])
        try TaxonomyFiles.write(t, meta: [], to: dir.path)
        return (dir, t)
    }

    func assertSame(_ a: Taxonomy, _ b: Taxonomy, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.name, b.name, file: file, line: line)
        XCTAssertEqual(a.version, b.version, file: file, line: line)
        XCTAssertEqual(a.digest, b.digest, file: file, line: line)
        XCTAssertEqual(a.concepts, b.concepts, file: file, line: line)
        XCTAssertEqual(a.labels, b.labels, file: file, line: line)
        XCTAssertEqual(a.attributes, b.attributes, file: file, line: line)
    }

    func testCacheMissThenHitGivesTheSameTaxonomyAndMatcher() throws {
        let (dir, t) = try smallTaxonomy()
        let cache = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: cache) }
        let first = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: cache.path)
        guard case .rebuilt(let path, _) = first.outcome else { return XCTFail("\(first.outcome)") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let second = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: cache.path)
        XCTAssertEqual(second.outcome, .hit(path: path))
        assertSame(second.taxonomy, t)
        assertSame(first.taxonomy, t)
        let text = "Go and go, golang; Machine-Learning and maschinelles lernen, ML ml, zurich Tools, ZÜRICH TOOLS"
        for kind in MatchKind.allCases {
            XCTAssertEqual(second.matcher.matches(in: text, kind: kind), t.buildMatcher().matches(in: text, kind: kind))
        }
        XCTAssertEqual(second.matcher.matches(in: text).map(\.value), [0, 0, 1, 1, 1, 2, 2])
        // A tag-list name (case `tag`) survives the files and the compiled cache, and never matches running text.
        XCTAssertEqual(second.taxonomy.labels.filter(\.tagOnly).map(\.text), ["cloud"])
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("labels.tsv"), encoding: .utf8)
            .contains("local:ml\tcloud\talt\ttag"))
        XCTAssertEqual(second.matcher.matches(in: "machine learning in the cloud").map(\.value), [1])
        // Disabled cache: built in memory, same content.
        let off = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: nil)
        XCTAssertEqual(off.outcome, .disabled)
        assertSame(off.taxonomy, t)
    }

    func testKeyChangesWithContentAndTokenizerOptions() throws {
        let (dir, _) = try smallTaxonomy()
        let cache = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: cache) }
        let a = try CompiledTaxonomy.cachePath(directory: dir.path, tokenizerOptions: TokenizerOptions(), cacheDirectory: cache.path)
        let b = try CompiledTaxonomy.cachePath(directory: dir.path, tokenizerOptions: TokenizerOptions(foldDiacritics: false),
                                               cacheDirectory: cache.path)
        XCTAssertNotEqual(a, b)
        _ = try CompiledTaxonomy.load(directory: dir.path, cacheDirectory: cache.path)
        // Editing a label changes the key: the old file is not used.
        let labels = dir.appendingPathComponent("labels.tsv").path
        try (try String(contentsOfFile: labels, encoding: .utf8) + "local:go\tgo lang\talt\tany\t\n")
            .write(toFile: labels, atomically: true, encoding: .utf8)
        let c = try CompiledTaxonomy.cachePath(directory: dir.path, tokenizerOptions: TokenizerOptions(), cacheDirectory: cache.path)
        XCTAssertNotEqual(a, c)
        let edited = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: cache.path)
        guard case .rebuilt = edited.outcome else { return XCTFail("\(edited.outcome)") }
        XCTAssertEqual(edited.taxonomy.labels.count, 8)
        XCTAssertEqual(edited.matcher.matches(in: "go lang").map(\.value), [0])
        XCTAssertEqual(edited.taxonomy.digest, try TaxonomyFiles.load(directory: dir.path).digest)
    }

    func testCorruptTruncatedAndForeignFilesAreRebuilt() throws {
        let (dir, t) = try smallTaxonomy()
        let cache = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: cache) }
        let path = try CompiledTaxonomy.cachePath(directory: dir.path, tokenizerOptions: TokenizerOptions(), cacheDirectory: cache.path)
        _ = try CompiledTaxonomy.load(directory: dir.path, cacheDirectory: cache.path)
        let good = try readFileBytes(path)
        var rng = SplitMix64(seed: 11)
        var cases: [(String, [UInt8], String)] = [
            ("truncated", Array(good.prefix(good.count / 2)), "payload"),
            ("empty", [], "not a compiled"),
            ("extended", good + [0, 1, 2], "payload"),
            ("foreign", Array("hello world, not a cache".utf8), "not a compiled"),
        ]
        for _ in 0..<12 {
            var b = good
            let i = 8 + rng.below(good.count - 8)
            b[i] ^= 0x5A
            cases.append(("flipped byte \(i)", b, "rejected"))
        }
        var versioned = good
        versioned[8] &+= 1
        cases.append(("other format version", versioned, "format version"))
        for (name, bytes, reason) in cases {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let l = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: cache.path)
            guard case .rebuilt(_, let why) = l.outcome else { XCTFail("\(name): \(l.outcome)"); continue }
            XCTAssertTrue(why.contains(reason), "\(name): \(why)")
            assertSame(l.taxonomy, t)
            XCTAssertEqual(try readFileBytes(path), good, "\(name): the file is rewritten whole")
        }
    }

    func testShippedTaxonomyRoundTripsThroughTheCache() throws {
        let cache = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: cache) }
        let fresh = try TaxonomyFiles.load(directory: Paths.shipped)
        let freshMatcher = fresh.buildMatcher()
        _ = try CompiledTaxonomy.load(directory: Paths.shipped, cacheDirectory: cache.path)
        let cached = try CompiledTaxonomy.loadReporting(directory: Paths.shipped, cacheDirectory: cache.path)
        guard case .hit = cached.outcome else { return XCTFail("\(cached.outcome)") }
        assertSame(cached.taxonomy, fresh)
        // Generated text: labels of the taxonomy in random letter case and order, with filler and punctuation.
        var rng = SplitMix64(seed: 2024)
        let labels = fresh.labels.map(\.text)
        let filler = ["and", "with", "experience", "in", ",", ";", "(", ")", "IT", "it", "Go", "the", "/", "-"]
        for _ in 0..<200 {
            var words: [String] = []
            for _ in 0..<(5 + rng.below(40)) {
                var w = rng.below(3) == 0 ? labels[rng.below(labels.count)] : filler[rng.below(filler.count)]
                switch rng.below(4) {
                case 0: w = w.uppercased()
                case 1: w = w.lowercased()
                default: break
                }
                words.append(w)
            }
            let text = words.joined(separator: rng.below(2) == 0 ? " " : ", ")
            for kind in MatchKind.allCases {
                XCTAssertEqual(cached.matcher.matches(in: text, kind: kind), freshMatcher.matches(in: text, kind: kind), text)
            }
        }
    }

    func testDefaultCacheDirectory() {
        XCTAssertEqual(CompiledTaxonomy.defaultCacheDirectory(environment: ["HOME": "/h"]), "/h/.cache/skillradar")
        XCTAssertEqual(CompiledTaxonomy.defaultCacheDirectory(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/x"]), "/x/skillradar")
        XCTAssertEqual(CompiledTaxonomy.defaultCacheDirectory(environment: ["HOME": "/h", "SKILLRADAR_CACHE_DIR": "/c"]), "/c")
        XCTAssertNil(CompiledTaxonomy.defaultCacheDirectory(environment: ["HOME": "/h", "SKILLRADAR_NO_CACHE": "1"]))
        XCTAssertNil(CompiledTaxonomy.defaultCacheDirectory(environment: [:]))
    }

    func testUnwritableCacheStillLoads() throws {
        let (dir, t) = try smallTaxonomy()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A regular file where the cache directory should be: the cache cannot be created.
        let blocker = dir.appendingPathComponent("taxonomy.tsv").path
        let l = try CompiledTaxonomy.loadReporting(directory: dir.path, cacheDirectory: blocker + "/cache")
        guard case .notSaved = l.outcome else { return XCTFail("\(l.outcome)") }
        assertSame(l.taxonomy, t)
    }
}

/// SplitMix64 for seeded test inputs.
