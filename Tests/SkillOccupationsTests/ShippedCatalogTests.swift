import Foundation
import XCTest
@testable import SkillOccupations

/// The shipped title tables (`Taxonomies/occupations`) and loading whatever a data directory has. Needs no
/// shared data.
final class ShippedCatalogTests: XCTestCase {
    static let shipped = Paths.root.appendingPathComponent("Taxonomies/occupations").path
    static let shippedLanguages = ["en", "de", "es", "fr", "it", "nl", "pl", "pt"]

    func testShippedFolderLoadsEightLanguagesAndONET() throws {
        let (c, reports) = try OccupationCatalogLoader.load(dataDirectory: Self.shipped)
        for r in reports { XCTAssertEqual(r.rowsRead, r.rowsKept + r.skippedTotal, "\(r)") }
        XCTAssertEqual(c.languages, Self.shippedLanguages.sorted())
        XCTAssertEqual(OccupationCatalogLoader.availableLanguages(dataDirectory: Self.shipped), Self.shippedLanguages)
        var perLanguage: [String: Int] = [:]
        for l in c.labels { perLanguage[l.language, default: 0] += 1 }
        for lang in Self.shippedLanguages { XCTAssertGreaterThan(perLanguage[lang] ?? 0, 2_000, lang) }
        XCTAssertEqual(c.occupations.filter { $0.scheme == .esco }.count, 3039)
        let onet = c.occupations.filter { $0.scheme == .onet }
        XCTAssertGreaterThan(onet.count, 900)
        XCTAssertGreaterThan(c.labels.filter { $0.kind == .onetAlternate }.count, 50_000)
        XCTAssertGreaterThan(c.iscoGroups.count, 600)
        // The other 19 languages and the skill files are absent: reported, not fatal.
        let missing = reports.filter(\.missing).map { URL(fileURLWithPath: $0.file).lastPathComponent }
        XCTAssertEqual(missing.count, 19 + 1, "\(missing)")
        XCTAssertTrue(missing.contains("occupation_skill_relations_derived.csv.gz"), "\(missing)")
        XCTAssertTrue(c.skills.isEmpty)
        let (used, absent) = OccupationCatalogLoader.languages(
            requested: OccupationCatalogLoader.allLanguages, reports: reports, dataDirectory: Self.shipped)
        XCTAssertEqual(Set(used), Set(Self.shippedLanguages))
        XCTAssertEqual(absent.count, 19)
        // Labels and codes only: no O*NET description, no reported titles (the evaluation's test set).
        let paths = OccupationCatalogLoader.Paths(dataDirectory: Self.shipped)
        let header = try String(contentsOfFile: paths.onetOccupations, encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(header, "O*NET-SOC Code\tTitle")
        XCTAssertFalse(FileManager.default.fileExists(atPath: paths.onetReportedTitles))
        let dev = try XCTUnwrap(c.index(of: Shared.softwareDeveloper))
        XCTAssertEqual(c.occupations[dev].iscoCode, "2512")
        XCTAssertTrue(c.labels.contains { $0.occupation == dev && $0.language == "de" && $0.text == "Softwareentwicklerin" })
    }

    /// A copy of the shipped folder with only some of its files.
    func partialCopy(_ files: [String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("occ-partial-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for f in files {
            let dst = dir.appendingPathComponent(f)
            try FileManager.default.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.shipped + "/" + f, toPath: dst.path)
        }
        return dir.path
    }

    func testMissingLanguageAndONETFilesAreSkipped() throws {
        let esco = "taxonomy/esco/"
        let dir = try partialCopy([esco + "v1.2.0_en/occupations_en.csv.gz", esco + "v1.2.0_en/ISCOGroups_en.csv",
                                   esco + "multilingual_occupations_v1.0.8/occupations_de.csv.gz"])
        let (c, reports) = try OccupationCatalogLoader.load(
            dataDirectory: dir, options: .init(languages: ["de", "fr"], includeONET: true, includeSkills: true))
        XCTAssertEqual(c.languages, ["de", "en"])
        XCTAssertFalse(c.occupations.contains { $0.scheme == .onet })
        let missing = reports.filter(\.missing).map { URL(fileURLWithPath: $0.file).lastPathComponent }
        XCTAssertEqual(missing, ["occupations_fr.csv.gz", "occupation_skill_relations_derived.csv.gz", "Occupation_Data.txt"])
        XCTAssertTrue(reports.first { $0.missing }?.description.contains("not found") ?? false)
        XCTAssertEqual(OccupationCatalogLoader.languages(requested: ["de", "fr"], reports: reports, dataDirectory: dir).missing,
                       ["fr"])

        // O*NET occupations without the alternate titles: the occupations load, the alternates are reported missing.
        let onetOnly = try partialCopy([esco + "v1.2.0_en/occupations_en.csv.gz", esco + "v1.2.0_en/ISCOGroups_en.csv",
                                        "taxonomy/onet_29.2/Occupation_Data.txt"])
        let (o, oReports) = try OccupationCatalogLoader.load(dataDirectory: onetOnly)
        XCTAssertEqual(o.occupations.filter { $0.scheme == .onet }.count, 1016)
        XCTAssertTrue(oReports.contains { $0.missing && $0.file.hasSuffix("Alternate_Titles.txt.gz") })

        // English ESCO is required.
        let noEnglish = try partialCopy([esco + "v1.2.0_en/ISCOGroups_en.csv"])
        XCTAssertThrowsError(try OccupationCatalogLoader.load(dataDirectory: noEnglish)) { e in
            XCTAssertTrue("\(e)".contains("occupations_en.csv.gz"), "\(e)")
        }
    }

    /// The loader's fast paths (its own trim, skipping genderedForms for labels without "/", parallel parsing)
    /// give exactly the labels of the straightforward loop through `catalog.addLabel`.
    func testFastLoaderMatchesReferenceLabels() throws {
        try assertMatchesReference(Self.shipped, languages: ["de", "fr"])
    }

    /// The same on the full shared data, all 27 languages (skipped when ../shared/data is absent).
    func testFastLoaderMatchesReferenceLabelsOnSharedData() throws {
        try assertMatchesReference(try Paths.sharedData(), languages: OccupationCatalogLoader.allLanguages)
    }

    func assertMatchesReference(_ dir: String, languages: [String]) throws {
        let paths = OccupationCatalogLoader.Paths(dataDirectory: dir)
        let (c, _) = try OccupationCatalogLoader.load(dataDirectory: dir, options: .init(
            languages: languages, includeONET: true, includeSkills: false))
        var ref = OccupationCatalog()
        func add(_ r: ESCOOccupationRow, _ lang: String, _ i: Int) {
            func one(_ text: String, _ kind: TitleLabelKind) {
                let forms = genderedForms(text)
                if forms.count > 1 { ref.addLabel(text, occupation: i, language: lang, kind: .hidden) }
                for f in forms { ref.addLabel(f, occupation: i, language: lang, kind: kind) }
            }
            one(r.preferredLabel, .preferred)
            for a in r.altLabels { one(a, .alternative) }
            for h in r.hiddenLabels { one(h, .hidden) }
        }
        for r in try OccupationLoaders.escoOccupations(paths.escoOccupations).0 {
            add(r, "en", ref.add(Occupation(id: r.uri, scheme: .esco, label: r.preferredLabel)))
        }
        for lang in languages where lang != "en" {
            for r in try OccupationLoaders.escoOccupations(paths.multilingual(lang)).0 {
                if let i = ref.index(of: r.uri) { add(r, lang, i) }
            }
        }
        for r in try OccupationLoaders.onetTitles(paths.onetOccupations, titleColumn: "Title").0 {
            let i = ref.add(Occupation(id: "onet:\(r.code)", scheme: .onet, label: r.title))
            ref.addLabel(r.title, occupation: i, language: "en", kind: .onetTitle)
        }
        for r in try OccupationLoaders.onetTitles(paths.onetAlternateTitles, titleColumn: "Alternate Title").0 {
            guard let i = ref.index(of: "onet:\(r.code)") else { continue }
            ref.addLabel(r.title, occupation: i, language: "en", kind: .onetAlternate)
            if !r.shortTitle.isEmpty { ref.addLabel(r.shortTitle, occupation: i, language: "en", kind: .onetAlternate) }
        }
        XCTAssertEqual(c.labels.count, ref.labels.count)
        let differ = zip(c.labels, ref.labels).enumerated().first { $0.element.0 != $0.element.1 }
        XCTAssertNil(differ, "first difference: \(String(describing: differ))")
        XCTAssertEqual(c.occupations.map(\.id), ref.occupations.map(\.id))
    }

    func testTrimMatchesFoundation() {
        let samples = ["", " ", "a", " a ", "\t\ta b\t", "\u{00A0}Koch\u{2009}", "\n x \r\n", "\u{3000}全角\u{3000}",
                       "\u{0085}nel\u{2028}", "x\u{200B}", "\u{200C}zwnj", "\u{1680}\u{205F}ogham", "\u{FEFF}bom", " é ", "\u{000B}vt\u{000C}", "a\nb", "🙂 "]
        for s in samples {
            XCTAssertEqual(OccupationLoaders.trimmed(s), s.trimmingCharacters(in: .whitespacesAndNewlines), s.debugDescription)
            XCTAssertEqual(OccupationLoaders.trimmed(s, newlines: false), s.trimmingCharacters(in: .whitespaces),
                           s.debugDescription)
        }
    }
}
