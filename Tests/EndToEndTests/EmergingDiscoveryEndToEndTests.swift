import Foundation
import SkillAnalytics
import SkillPipeline
import SkillStore
import SkillSynth
import SkillTaxonomy
import XCTest

/// A synthetic corpus with planted trends, an out-of-taxonomy term and an emerging occupation ("MLOps
/// Engineer" with its own skill bundle): `analyze` + `emerging`, `discover` and `emerging --occupations` at
/// default settings recover what was planted.
final class EmergingDiscoveryEndToEndTests: XCTestCase {
    static let setup = Result { try makeCorpus() }

    struct Corpus: Sendable {
        var dir: URL
        var db: String
        var truth: GroundTruth
    }

    override class func tearDown() {
        if let c = try? setup.get() { try? FileManager.default.removeItem(at: c.dir) }
        super.tearDown()
    }

    static func makeCorpus() throws -> Corpus {
        let dir = try CLI.tempDir()
        let t = try TaxonomyFiles.load(directory: CLI.root.appendingPathComponent("Taxonomies/ict-skills").path)
        // The labels `skillradar generate` plants: planting labels the matcher cannot find in prose (tag-list names,
        // labels that need evidence) would measure the draw, not `emerging`.
        let skills = SyntheticCorpusFile.plantableSkills(t)
        // 5,000 postings: with 3,000 (750 a year) a linear riser's share in the one recent year against the two
        // before was often not significant after the FDR correction over all concepts (recall 0.84-0.89 on other
        // draws), so the test measured the draw rather than the method.
        var config = SynthConfig(seed: 11, postings: 5000, startYear: 2020, years: 4, skills: skills,
                                 meanPostingBytes: 1500)
        config.occupations = 1
        let (bytes, truth) = try SyntheticCorpusGenerator(config: config).generateInMemory()
        let corpus = dir.appendingPathComponent("syn.jsonl")
        try Data(bytes).write(to: corpus)
        let db = dir.appendingPathComponent("syn.sqlite").path
        let r = try CLI.run(["analyze", corpus.path, "--db", db, "--quiet"])
        guard r.status == 0 else { throw NSError(domain: "analyze", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        return Corpus(dir: dir, db: db, truth: truth)
    }

    func json(_ args: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(args + ["--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
    }

    func testEmergingAndDecliningSkillsAtDefaultSettings() throws {
        let c = try Self.setup.get()
        let occupation = try XCTUnwrap(c.truth.occupations?.first)
        // Default windows: 2023 against 2021-2022. Appearing concepts (from 2022-01) and the occupation's bundle
        // (rising with it) are risers there, like the rising ones; falling ones decline; stable ones stay.
        var expected: [String: String] = [:]
        for p in c.truth.planted {
            guard let id = p.conceptID else { continue }
            switch p.kind {
            case .rising, .appearing: expected[id] = "up"
            case .falling: expected[id] = "down"
            default: break
            }
        }
        for id in occupation.bundle { expected[id] = "up" }
        XCTAssertEqual(expected.count, 19)
        let rows = try json(["emerging", "--db", c.db, "--limit", "100000", "--taxonomy-only"])
        var flagged: [String: String] = [:]
        for row in rows {
            guard let id = row["concept_id"] as? String, let status = row["status"] as? String else { continue }
            XCTAssertEqual(row["taxonomy_digest"] as? String, rows.first?["taxonomy_digest"] as? String)
            switch status {
            case "new", "emerging", "growing": flagged[id] = "up"
            case "declining": flagged[id] = "down"
            default: break
            }
        }
        let correct = flagged.filter { expected[$0.key] == $0.value }.count
        let precision = flagged.isEmpty ? 0 : Double(correct) / Double(flagged.count)
        let recall = Double(correct) / Double(expected.count)
        print("emerging at default settings: flagged \(flagged.count), correct \(correct), precision \(precision), recall \(recall)")
        XCTAssertGreaterThanOrEqual(precision, 0.9, "flagged: \(flagged)")
        XCTAssertGreaterThanOrEqual(recall, 0.9, "expected: \(expected)")
        XCTAssertEqual(rows.first?["recent_window"] as? String, "2023-01..2023-12")
        XCTAssertEqual(rows.first?["reference_window"] as? String, "2021-01..2022-12")
    }

    func testNewSkillsWhenTheReferenceWindowPrecedesTheirAppearance() throws {
        let c = try Self.setup.get()
        let appearing = Set(c.truth.planted(.appearing).compactMap(\.conceptID))
        let rows = try json(["emerging", "--db", c.db, "--recent", "2023", "--reference", "2020..2021", "--limit", "100000", "--taxonomy-only"])
        let new = Set(rows.filter { ($0["status"] as? String) == "new" }.compactMap { $0["concept_id"] as? String })
        let correct = new.intersection(appearing).count
        XCTAssertGreaterThanOrEqual(Double(correct) / Double(max(1, new.count)), 0.9, "new: \(new)")
        XCTAssertGreaterThanOrEqual(Double(correct) / Double(appearing.count), 0.9, "appearing: \(appearing)")
    }

    /// `emerging` ranks rising terms no taxonomy has with the skills, flagged; no phrase whose rise one of its
    /// words carries ("value redux"); `--taxonomy-only` leaves them out.
    func testEmergingShowsNewTermsFlagged() throws {
        let c = try Self.setup.get()
        let terms = c.truth.planted(.outOfTaxonomy).map { $0.label.lowercased() }
        let rows = try json(["emerging", "--db", c.db, "--limit", "25"])
        let flagged = rows.filter { ($0["in_taxonomy"] as? String) == "not in taxonomy" }.compactMap { $0["skill"] as? String }
        for t in terms {
            XCTAssertTrue(flagged.contains { $0 == t || $0.hasPrefix(t + " (") }, "\(t) not flagged in the first 25: \(flagged)")
            // No longer phrase around a planted term carried by it.
            XCTAssertFalse(flagged.contains { $0 != t && !$0.hasPrefix(t + " (") && $0.contains(t) }, "\(flagged)")
        }
        let only = try json(["emerging", "--db", c.db, "--limit", "25", "--taxonomy-only"])
        XCTAssertFalse(only.contains { ($0["in_taxonomy"] as? String) == "not in taxonomy" })
    }

    func testDiscoverFindsThePlantedOutOfTaxonomyTerms() throws {
        let c = try Self.setup.get()
        let terms = c.truth.planted(.outOfTaxonomy).map(\.label)
        XCTAssertEqual(terms.count, 2)
        let rows = try json(["discover", "--db", c.db, "--limit", "10"])
        let found = rows.compactMap { $0["term"] as? String }
        for t in terms { XCTAssertTrue(found.contains(t.lowercased()), "\(t) not in the top 10: \(found)") }
        let row = try XCTUnwrap(rows.first { ($0["term"] as? String) == terms[0].lowercased() })
        XCTAssertTrue(["new", "emerging", "growing"].contains(row["status"] as? String ?? ""), "\(row)")
        XCTAssertTrue((row["examples"] as? String ?? "").contains("[" ), "examples mark the term: \(row)")
        // Drill-down: the postings behind the term.
        let explain = try json(["discover", "--db", c.db, "--explain", terms[0].lowercased(), "--limit", "5"])
        XCTAssertEqual(explain.count, 5)
        XCTAssertTrue(explain.allSatisfy { ($0["context"] as? String ?? "").lowercased().contains(terms[0].lowercased()) })
        // Export in the user-override format.
        let out = c.dir.appendingPathComponent("overrides.tsv").path
        XCTAssertEqual(try CLI.run(["discover", "--db", c.db, "--export", out]).status, 0)
        let tsv = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(tsv.contains("action\tconcept_id\ttext\textra\n"), tsv)
        XCTAssertTrue(tsv.contains("concept\tlocal:\(terms[0].lowercased().replacingOccurrences(of: " ", with: "-"))\t"), tsv)
        // Round trip: the export, unchanged, applied to the shipped taxonomy; the planted term then matches.
        let mine = c.dir.appendingPathComponent("mytax").path
        let imported = try CLI.run(["taxonomy", "import", "--base", "Taxonomies/ict-skills", "--overrides", out, "--out", mine])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let same = try CLI.run(["taxonomy", "import", "--base", "Taxonomies/ict-skills", "--out", mine + "-0"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(try TaxonomyFiles.load(directory: mine + "-0").digest,
                       try TaxonomyFiles.load(directory: CLI.root.appendingPathComponent("Taxonomies/ict-skills").path).digest,
                       "--base alone keeps the taxonomy as it is, label flags and provenance included")
        let matched = try CLI.run(["extract", "--taxonomy", mine], stdin: "We build it with \(terms[0]) and Python.\n")
        XCTAssertEqual(matched.status, 0, matched.stderr)
        XCTAssertTrue(matched.stdout.contains("\"concept_id\":\"local:"), matched.stdout)
    }

    /// Discovery works rounds of postings on all cores (counts summed, observations added in store order): the
    /// terms, their counts, examples and co-occurring skills are the same on one thread as on several.
    func testDiscoveryIsTheSameOnOneThreadAsOnSeveral() throws {
        let c = try Self.setup.get()
        let a = try Analytics(store: try SkillStore(path: c.db, readOnly: true))
        let (_, matcher) = try CompiledTaxonomy.load(directory: CLI.root.appendingPathComponent("Taxonomies/ict-skills").path,
                                                     cacheDirectory: nil)
        var p = DiscoveryParameters()
        p.growth.minSupport = 3
        let one = try XCTUnwrap(try NewTerms.discover(a, matcher: matcher, parameters: p, workers: 1, keepDetails: { _ in true }))
        let three = try XCTUnwrap(try NewTerms.discover(a, matcher: matcher, parameters: p, workers: 3, keepDetails: { _ in true }))
        XCTAssertGreaterThan(one.terms.count, 10)
        XCTAssertEqual(one.terms, three.terms)
        XCTAssertEqual([one.candidates, one.survivors, one.ictPostings], [three.candidates, three.survivors, three.ictPostings])
    }

    func testEmergingOccupationsFindThePlantedCluster() throws {
        let c = try Self.setup.get()
        let occupation = try XCTUnwrap(c.truth.occupations?.first)
        let r = try CLI.run(["emerging", "--db", c.db, "--occupations", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let first = try XCTUnwrap(rows.first, r.stdout)
        // Clusters are roles, shown by their commonest phrase and keyed by the normalised role.
        XCTAssertTrue((first["role"] as? String ?? "").lowercased().contains(occupation.title.lowercased()), r.stdout)
        let key = try XCTUnwrap(first["cluster"] as? String)
        XCTAssertEqual(first["clusters"] as? String, "roles")
        XCTAssertTrue(["new", "emerging", "growing"].contains(first["status"] as? String ?? ""))
        let profile = first["profile"] as? String ?? ""
        let inProfile = occupation.bundle.filter { profile.contains($0) }
        XCTAssertEqual(inProfile.count, occupation.bundle.count, "profile: \(profile)")
        XCTAssertEqual(rows.filter { ["new", "emerging", "growing"].contains($0["status"] as? String ?? "") }.count, 1,
                       "only the planted cluster grows: \(rows.map { $0["role"] ?? "" })")
        XCTAssertTrue(r.stderr.contains("posting_occupations"), "says that no coding is available: \(r.stderr)")
        let explain = try json(["emerging", "--db", c.db, "--occupations", "--explain", key, "--limit", "3"])
        XCTAssertEqual(explain.count, 3)
        XCTAssertTrue(explain.allSatisfy { ($0["title"] as? String ?? "").contains(occupation.title) })
    }
}
