import Foundation
import SkillIO
import XCTest
@testable import SkillTaxonomy

/// Independent counters over the shared files (plain text scans, not the importers' readers).
enum Count {
    static func text(_ path: String) throws -> String {
        String(decoding: try readFileBytes(path), as: UTF8.self)
    }
    /// ESCO skill CSV records: each starts a line with `KnowledgeSkillCompetence,http`.
    static func escoSkillRecords(_ path: String) throws -> [String] {
        try text(path).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .filter { $0.hasPrefix("KnowledgeSkillCompetence,http") }
            .map { String($0.dropFirst("KnowledgeSkillCompetence,".count).prefix { $0 != "," }) }
    }
    /// Data lines of a headed TSV file, split at tabs.
    static func tsvRows(_ path: String) throws -> [[String]] {
        Array(try text(path).split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) })
    }
    static func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}

/// Writes `s` to a new temporary directory; returns (directory, file path).
func writeTemp(_ s: String, _ name: String) throws -> (URL, String) {
    let dir = try Paths.temp()
    let p = dir.appendingPathComponent(name)
    try s.write(to: p, atomically: true, encoding: .utf8)
    return (dir, p.path)
}

final class ESCOImportTests: XCTestCase {
    func testDigitalCollectionCountsMatchTheFile() throws {
        let dir = try Paths.sharedData().appendingPathComponent("taxonomy/esco/v1.2.0_en").path
        let (draft, report) = try ESCOImporter(languages: ["en"], collections: ["digital"]).importPath(dir)
        let digital = try Count.escoSkillRecords(dir + "/digitalSkillsCollection_en.csv")
        XCTAssertEqual(digital.count, 1284)
        XCTAssertEqual(draft.count, Set(digital).count, "one concept per distinct URI of the collection")
        // Every record of every collection file is read; those outside `digital` are skipped with a reason.
        var all = 0
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix("SkillsCollection_en.csv") {
            all += try Count.escoSkillRecords(dir + "/" + f).count
        }
        XCTAssertEqual(report.rowsRead, all)
        XCTAssertEqual(report.rowsRead, report.imported + report.skippedRows)
        XCTAssertEqual(report.skipped["not in the selected collections"], all - report.imported)
        let t = draft.taxonomy(name: "esco", version: "1.2.0")
        // Known concept: Haskell, knowledge, with its alternative label and broader groups.
        let haskell = try XCTUnwrap(t.index(of: "esco:000f1d3d-220f-4789-9c0a-cc742521fb02"))
        XCTAssertEqual(t.concepts[haskell].preferredLabel, "Haskell")
        XCTAssertEqual(t.concepts[haskell].type, "knowledge")
        XCTAssertEqual(Set(t.labels.filter { $0.conceptIndex == haskell }.map(\.text)), ["Haskell", "Haskell techniques"])
        let attrs = t.attributes.filter { $0.conceptIndex == haskell }.map { "\($0.key)=\($0.value)" }
        XCTAssertTrue(attrs.contains("collection=digital"), "\(attrs)")
        XCTAssertTrue(attrs.contains("reuse_level=sector-specific"), "\(attrs)")
        XCTAssertTrue(attrs.contains("broader=esco:21d2f96d-35f7-4e3f-9745-c533d2dd6e97"), "\(attrs)")
        XCTAssertTrue(t.labels.allSatisfy { $0.lang == "en" })
        // Labels are unique per concept, text and kind.
        XCTAssertEqual(Set(t.labels.map { "\(t.concepts[$0.conceptIndex].id)\t\($0.text)\t\($0.kind)" }).count, t.labels.count)
    }

    func testAllCollectionsMergeByURI() throws {
        let dir = try Paths.sharedData().appendingPathComponent("taxonomy/esco/v1.2.0_en").path
        let (draft, report) = try ESCOImporter(languages: ["en"]).importPath(dir)
        var uris = Set<String>()
        var rows = 0
        for f in try FileManager.default.contentsOfDirectory(atPath: dir) where f.hasSuffix("SkillsCollection_en.csv") {
            let r = try Count.escoSkillRecords(dir + "/" + f)
            rows += r.count
            uris.formUnion(r)
        }
        XCTAssertEqual(report.rowsRead, rows)
        XCTAssertEqual(report.imported, rows)
        XCTAssertEqual(draft.count, uris.count)
    }

    func testOtherLanguagesAndHiddenLabelsAreKeptWithTheirTag() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status\n"
        try (header + """
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaa,knowledge,sector-specific,Python (computer programming),"Python
        Python programming",pyhton,released
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/bbb,skill/competence,cross-sector,manage databases,,,released

        """).write(to: dir.appendingPathComponent("skills_en.csv"), atomically: true, encoding: .utf8)
        try (header + """
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaa,knowledge,sector-specific,Python (Computerprogrammierung),Python-Programmierung,,released
        KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/bbb,skill/competence,cross-sector,Datenbanken verwalten,"Datenbankverwaltung
        DB-Verwaltung",,released
        KnowledgeSkillCompetence,,knowledge,,ohne URI,,,released

        """).write(to: dir.appendingPathComponent("skills_de.csv"), atomically: true, encoding: .utf8)

        let (draft, report) = try ESCOImporter(languages: ["de", "en"]).importPath(dir.path)
        XCTAssertEqual(report.rowsRead, 5)
        XCTAssertEqual(report.imported, 4)
        XCTAssertEqual(report.skipped["no conceptUri"], 1)
        let t = draft.taxonomy(name: "x", version: "1", preferredLanguages: ["de", "en"])
        XCTAssertEqual(t.concepts.map(\.id), ["esco:aaa", "esco:bbb"])
        XCTAssertEqual(t.concepts[1].preferredLabel, "Datenbanken verwalten", "preferred label in the first language")
        let labels = Set(t.labels.map { "\($0.conceptIndex) \($0.kind.rawValue) \($0.lang) \($0.text)" })
        XCTAssertEqual(labels, [
            "0 pref de Python (Computerprogrammierung)", "0 alt de Python-Programmierung",
            "0 pref en Python (computer programming)", "0 alt en Python", "0 alt en Python programming",
            "0 hidden en pyhton",
            "1 pref de Datenbanken verwalten", "1 alt de Datenbankverwaltung", "1 alt de DB-Verwaltung",
            "1 pref en manage databases",
        ])
        // English only.
        let (enOnly, enReport) = try ESCOImporter(languages: ["en"]).importPath(dir.path)
        XCTAssertEqual(enReport.rowsRead, 2)
        XCTAssertTrue(enOnly.taxonomy(name: "x", version: "1").labels.allSatisfy { $0.lang == "en" })

        // The lang column is written and read back; the digest survives the round trip.
        let out = dir.appendingPathComponent("out").path
        try TaxonomyFiles.write(t, meta: [], to: out)
        let header0 = try String(contentsOfFile: out + "/labels.tsv", encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(String(header0), "concept_id\tlabel\tkind\tcase\tlang")
        let back = try TaxonomyFiles.load(directory: out)
        XCTAssertEqual(back.digest, t.digest)
        XCTAssertEqual(back.labels, t.labels)
        XCTAssertEqual(back.attributes, t.attributes)
    }

    func testMissingColumnsAndDirectoriesAreClearErrors() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try ESCOImporter().importPath(dir.path)) { e in
            XCTAssertTrue("\(e)".contains("no ESCO skills CSV"), "\(e)")
        }
        try "uri,label\nx,y\n".write(to: dir.appendingPathComponent("skills_en.csv"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ESCOImporter().importPath(dir.path)) { e in
            XCTAssertTrue("\(e)".contains("skills_en.csv:1: missing column conceptUri"), "\(e)")
        }
    }
}

final class SKOSImportTests: XCTestCase {
    func testSharedDigitalSkillsFileHasTheCSVConceptsAndLabels() throws {
        let dir = try Paths.sharedData().appendingPathComponent("taxonomy/esco/v1.2.0_en").path
        let rdf = dir + "/digitalSkillsCollection_en.skos.rdf"
        let (draft, report) = try SKOSImporter(languages: ["en"]).importFile(rdf)
        let text = try Count.text(rdf)
        XCTAssertEqual(Count.occurrences(of: "<skos:Concept ", in: text), 1284)
        XCTAssertEqual(draft.count, 1284, "the CSV's 1,284 digital skills")
        XCTAssertEqual(report.rowsRead, Count.occurrences(of: "<skos:Concept ", in: text)
                       + Count.occurrences(of: "<skos:ConceptScheme ", in: text))
        XCTAssertEqual(report.rowsRead, report.imported + report.skippedRows)
        XCTAssertEqual(report.skipped["not a skos:Concept (ConceptScheme)"], 1)

        let skos = draft.taxonomy(name: "a", version: "1")
        let (csvDraft, _) = try ESCOImporter(languages: ["en"], collections: ["digital"]).importPath(dir)
        let csv = csvDraft.taxonomy(name: "a", version: "1")
        let diff = TaxonomyDiff(csv, skos)
        XCTAssertTrue(diff.conceptsAdded.isEmpty && diff.conceptsRemoved.isEmpty)
        XCTAssertTrue(diff.labelsAdded.isEmpty, "\(diff.labelsAdded.prefix(3))")
        XCTAssertTrue(diff.labelsRemoved.isEmpty, "\(diff.labelsRemoved.prefix(3))")
        XCTAssertTrue(diff.labelsChanged.isEmpty)
        XCTAssertEqual(skos.concepts.map(\.type), csv.concepts.map(\.type), "skill types agree")
    }

    func skosDocument(_ body: String, prolog: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        \(prolog)<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:skos="http://www.w3.org/2004/02/skos/core#">
        \(body)
        </rdf:RDF>
        """
    }

    func write(_ s: String, _ name: String = "t.rdf") throws -> (URL, String) { try writeTemp(s, name) }

    func testLanguagesBroaderNarrowerNotationAndDescriptions() throws {
        let doc = skosDocument("""
          <skos:Concept rdf:about="http://example.org/c/1" xml:lang="de">
            <skos:prefLabel>Datenbank</skos:prefLabel>
            <skos:prefLabel xml:lang="en">database</skos:prefLabel>
            <skos:altLabel xml:lang="en">DB</skos:altLabel>
            <skos:hiddenLabel xml:lang="en">databse</skos:hiddenLabel>
            <skos:altLabel xml:lang="fr">base de données</skos:altLabel>
            <skos:notation>K1</skos:notation>
            <skos:inScheme rdf:resource="http://example.org/scheme"/>
            <skos:narrower rdf:resource="http://example.org/c/2"/>
          </skos:Concept>
          <rdf:Description rdf:about="http://example.org/c/2">
            <rdf:type rdf:resource="http://www.w3.org/2004/02/skos/core#Concept"/>
            <skos:prefLabel xml:lang="en">SQL</skos:prefLabel>
            <skos:broader><skos:Concept rdf:about="http://example.org/c/3"/></skos:broader>
          </rdf:Description>
          <skos:Concept rdf:about="http://example.org/c/4">
            <skos:prefLabel xml:lang="fr">seulement français</skos:prefLabel>
          </skos:Concept>
        """)
        let (dir, path) = try write(doc)
        defer { try? FileManager.default.removeItem(at: dir) }

        let (all, allReport) = try SKOSImporter().importFile(path)
        XCTAssertEqual(all.count, 3)
        XCTAssertEqual(allReport.rowsRead, 3)
        let (draft, report) = try SKOSImporter(languages: ["en", "de"]).importFile(path)
        XCTAssertEqual(report.rowsRead, 3)
        XCTAssertEqual(report.imported, 2)
        XCTAssertEqual(report.skipped["no label in the selected languages"], 1)
        XCTAssertEqual(report.droppedLabels["language not selected"], 2)
        let t = draft.taxonomy(name: "x", version: "1", preferredLanguages: ["en", "de"])
        XCTAssertEqual(t.concepts.map(\.id), ["http://example.org/c/1", "http://example.org/c/2"])
        XCTAssertEqual(t.concepts[0].preferredLabel, "database")
        XCTAssertEqual(Set(t.labels.filter { $0.conceptIndex == 0 }.map { "\($0.kind.rawValue) \($0.lang) \($0.text)" }),
                       ["pref de Datenbank", "pref en database", "alt en DB", "hidden en databse"],
                       "xml:lang is inherited from the concept element")
        let attrs = Set(t.attributes.map { "\(t.concepts[$0.conceptIndex].id) \($0.key)=\($0.value)" })
        XCTAssertEqual(attrs, ["http://example.org/c/1 notation=K1", "http://example.org/c/1 in_scheme=http://example.org/scheme",
                               "http://example.org/c/2 broader=http://example.org/c/1",
                               "http://example.org/c/2 broader=http://example.org/c/3"])
        XCTAssertEqual(t.concepts[1].groups, ["database"], "narrower of c/1 makes c/1 a group of c/2")
    }

    func testExternalEntitiesAreRefused() throws {
        let secret = try Paths.temp().appendingPathComponent("secret.txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let doc = skosDocument("""
          <skos:Concept rdf:about="http://example.org/c/1"><skos:prefLabel>&xxe;</skos:prefLabel></skos:Concept>
        """, prolog: "<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM \"file://\(secret.path)\"> ]>\n")
        let (dir, path) = try write(doc)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try SKOSImporter().importFile(path)) { e in
            XCTAssertTrue("\(e)".contains("refused"), "\(e)")
            XCTAssertFalse("\(e)".contains("TOP-SECRET"), "\(e)")
        }
        // An external DTD alone is refused too.
        let (dir2, path2) = try write(skosDocument("", prolog: "<!DOCTYPE rdf:RDF SYSTEM \"http://example.org/x.dtd\">\n"))
        defer { try? FileManager.default.removeItem(at: dir2) }
        XCTAssertThrowsError(try SKOSImporter().importFile(path2)) { e in
            XCTAssertTrue("\(e)".contains("external DTD"), "\(e)")
        }
    }

    func testBillionLaughsIsRefused() throws {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for i in 1...9 { entities += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        let doc = skosDocument("""
          <skos:Concept rdf:about="http://example.org/c/1"><skos:prefLabel>&lol9;</skos:prefLabel></skos:Concept>
        """, prolog: "<!DOCTYPE rdf:RDF [\n\(entities)]>\n")
        let (dir, path) = try write(doc)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try SKOSImporter().importFile(path)) { e in
            XCTAssertTrue("\(e)".contains("refused: the DOCTYPE declares entities"), "\(e)")
        }
    }

    func testADoctypeWithoutDeclarationsIsAccepted() throws {
        let doc = skosDocument("<skos:Concept rdf:about=\"http://example.org/c/1\"><skos:prefLabel>x</skos:prefLabel></skos:Concept>",
                               prolog: "<!DOCTYPE rdf:RDF>\n")
        let (dir, path) = try write(doc)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(try SKOSImporter().importFile(path).0.count, 1)
    }

    func testMalformedXMLNamesTheLine() throws {
        let (dir, path) = try write(skosDocument("""
          <skos:Concept rdf:about="http://example.org/c/1">
            <skos:prefLabel>x</skos:altLabel>
          </skos:Concept>
        """))
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try SKOSImporter().importFile(path)) { e in
            XCTAssertTrue("\(e)".contains("t.rdf:5"), "\(e)")
            XCTAssertTrue("\(e)".contains("not well-formed"), "\(e)")
        }
    }
}

final class ONetImportTests: XCTestCase {
    func testTechnologiesOccupationsAndAlternateTitlesMatchTheFiles() throws {
        let dir = try Paths.sharedData().appendingPathComponent("taxonomy/onet_29.2").path
        let (draft, report) = try ONetImporter(includeOccupations: true).importDirectory(dir)
        let tech = try Count.tsvRows(dir + "/Technology_Skills.txt.gz")
        let examples = Set(tech.map { $0[2].trimmingCharacters(in: .whitespaces) })
        let occupations = try Count.tsvRows(dir + "/Occupation_Data.txt")
        let alternates = try Count.tsvRows(dir + "/Alternate_Titles.txt.gz")
        XCTAssertEqual(report.rowsRead, tech.count + occupations.count + alternates.count)
        XCTAssertEqual(report.rowsRead, report.imported + report.skippedRows)
        XCTAssertEqual(report.skippedRows, 0, "\(report)")
        let t = draft.taxonomy(name: "onet", version: "29.2")
        XCTAssertEqual(t.concepts.filter { $0.type == "technology" }.count, examples.count)
        XCTAssertEqual(t.concepts.filter { $0.type == "occupation" }.count, occupations.count)
        // Flags are OR-ed over occupations: an example is hot iff some row says so.
        let hot = Set(tech.filter { $0[5] == "Y" }.map { $0[2] })
        XCTAssertEqual(Set(t.concepts.filter(\.hotTechnology).map(\.preferredLabel)), hot)
        let sw = try XCTUnwrap(t.index(of: "onet-soc:15-1252.00"))
        XCTAssertEqual(t.concepts[sw].preferredLabel, "Software Developers")
        let altTitles = Set(alternates.filter { $0[0] == "15-1252.00" }.map { $0[2] })
        let labels = Set(t.labels.filter { $0.conceptIndex == sw && $0.kind == .alt }.map(\.text))
        XCTAssertTrue(altTitles.isSubset(of: labels))
    }
}

final class OverrideTests: XCTestCase {
    func base() -> TaxonomyDraft {
        var d = TaxonomyDraft()
        d.merge(ImportedConcept(concept: Concept(id: "esco:1", preferredLabel: "", type: "skill", source: "esco"),
                                labels: [ImportedLabel(text: "email", kind: .pref), ImportedLabel(text: "E-Mail", kind: .alt)]))
        d.merge(ImportedConcept(concept: Concept(id: "esco:2", preferredLabel: "", type: "knowledge", source: "esco"),
                                labels: [ImportedLabel(text: "Microsoft Access", kind: .pref), ImportedLabel(text: "Access", kind: .alt),
                                         ImportedLabel(text: "EMAIL", kind: .hidden)]))
        return d
    }

    func testActionsApply() throws {
        let (dir, path) = try writeTemp("""
        # my overrides
        action\tconcept_id\ttext\textra
        concept\tlocal:prompt-engineering\tprompt engineering\tskill
        label\tlocal:prompt-engineering\tprompt design\talt
        label\tesco:2\tMS Access\texact-case
        label\tesco:1\temial\thidden
        suppress\t*\temail
        suppress\tesco:2\taccess
        suppress\tesco:2\tnot there

        """, "overrides.tsv")
        defer { try? FileManager.default.removeItem(at: dir) }
        var d = base()
        let o = try TaxonomyOverrides.load(path)
        XCTAssertEqual(o.actions.count, 7)
        let report = try o.apply(to: &d)
        XCTAssertEqual(report.rowsRead, 7)
        XCTAssertEqual(report.imported, 7)
        XCTAssertEqual(report.droppedLabels["suppressed by the override file"], 3, "email, EMAIL, Access")
        XCTAssertTrue(report.notes.contains { $0.contains("not there") })
        let t = d.taxonomy(name: "x", version: "1")
        let labels = Set(t.labels.map { "\(t.concepts[$0.conceptIndex].id) \($0.kind.rawValue) \($0.exactCase ? "exact" : "any") \($0.text)" })
        XCTAssertEqual(labels, [
            "esco:1 alt any E-Mail", "esco:1 hidden any emial",
            "esco:2 pref any Microsoft Access", "esco:2 alt exact MS Access",
            "local:prompt-engineering pref any prompt engineering", "local:prompt-engineering alt any prompt design",
        ])
        XCTAssertEqual(t.concepts[t.index(of: "local:prompt-engineering")!].source, "local")
    }

    func testBadLinesAreAllReported() throws {
        let (dir, path) = try writeTemp("""
        action\tconcept_id\ttext\textra
        concept\tprompt-engineering\tprompt engineering\tskill
        label\tesco:1\tx\tsometimes
        frobnicate\tesco:1\tx\t
        label\tesco:1
        suppress\t\tx\t

        """, "overrides.tsv")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try TaxonomyOverrides.load(path)) { e in
            let s = "\(e)"
            for n in 2...6 { XCTAssertTrue(s.contains("overrides.tsv:\(n):"), "line \(n) in \(s)") }
            XCTAssertTrue(s.contains("must start with 'local:'"), s)
        }
        let (dir2, path2) = try writeTemp("action\tconcept_id\ttext\textra\nlabel\tesco:9\tx\talt\n", "o.tsv")
        defer { try? FileManager.default.removeItem(at: dir2) }
        var d = base()
        XCTAssertThrowsError(try TaxonomyOverrides.load(path2).apply(to: &d)) { e in
            XCTAssertTrue("\(e)".contains("o.tsv:2: label for unknown concept esco:9"), "\(e)")
        }
        let (dir3, path3) = try writeTemp("concept\tlocal:x\tx\tskill\n", "o.tsv")
        defer { try? FileManager.default.removeItem(at: dir3) }
        XCTAssertThrowsError(try TaxonomyOverrides.load(path3)) { e in
            XCTAssertTrue("\(e)".contains("header"), "\(e)")
        }
    }
}

final class ValidatorAndDiffTests: XCTestCase {
    func testEachProblemIsFound() throws {
        let dir = try Paths.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = Taxonomy(name: "v", version: "1", concepts: [
            Concept(id: "a", preferredLabel: "Alpha", type: "skill", source: "local"),
            Concept(id: "b", preferredLabel: "Beta", type: "skill", source: "local"),
            Concept(id: "c", preferredLabel: "Gamma", type: "skill", source: "local"),
        ], labels: [
            ConceptLabel(conceptIndex: 0, text: "Alpha", kind: .pref),
            ConceptLabel(conceptIndex: 0, text: "Word", kind: .alt),
            ConceptLabel(conceptIndex: 1, text: "Beta", kind: .pref),
            ConceptLabel(conceptIndex: 1, text: "alpha", kind: .alt),
        ])
        try TaxonomyFiles.write(t, meta: [], to: dir.path)
        var v = TaxonomyValidator()
        let words = dir.appendingPathComponent("words.txt")
        try "# common\nword\n".write(to: words, atomically: true, encoding: .utf8)
        try v.loadCommonWords(words.path)
        var codes = v.validate(directory: dir.path).map { "\($0.severity.rawValue) \($0.code)" }.sorted()
        XCTAssertEqual(codes, ["warning ambiguous-label", "warning common-word", "warning no-labels"])

        let concepts = dir.appendingPathComponent("concepts.tsv").path
        try (try String(contentsOfFile: concepts, encoding: .utf8) + "a\tAgain\tskill\tlocal\t\t\t\tN\tN\t0\n")
            .write(toFile: concepts, atomically: true, encoding: .utf8)
        let labels = dir.appendingPathComponent("labels.tsv").path
        try (try String(contentsOfFile: labels, encoding: .utf8)
             + "zzz\tX\talt\tany\nb\t  \talt\tany\nb\tBeta\talt\texact\nb\tBeta\tsometimes\tany\nb\tshort\n")
            .write(toFile: labels, atomically: true, encoding: .utf8)
        let issues = v.validate(directory: dir.path)
        codes = issues.filter { $0.severity == .error }.map(\.code).sorted()
        XCTAssertEqual(codes, ["conflicting-case", "duplicate-id", "empty-label", "malformed", "malformed", "missing-concept"])
        XCTAssertTrue(issues.contains { $0.code == "duplicate-id" && $0.line == 5 && $0.path.hasSuffix("concepts.tsv") })
        XCTAssertTrue(issues.contains { $0.code == "missing-concept" && $0.line == 6 })
    }

    func testShippedTaxonomyHasNoErrors() throws {
        var v = TaxonomyValidator()
        try v.loadCommonWords(Paths.commonWords)
        let issues = v.validate(directory: Paths.shipped)
        XCTAssertEqual(issues.filter { $0.severity == .error }.map(\.description), [])
    }

    func testDiffFindsAddedRemovedAndChanged() {
        let a = Taxonomy(name: "a", version: "1", concepts: [
            Concept(id: "x", preferredLabel: "X", type: "skill", source: "s"),
            Concept(id: "y", preferredLabel: "Y", type: "skill", source: "s"),
        ], labels: [
            ConceptLabel(conceptIndex: 0, text: "X", kind: .pref),
            ConceptLabel(conceptIndex: 0, text: "ex", kind: .alt),
            ConceptLabel(conceptIndex: 1, text: "Y", kind: .pref),
        ])
        let b = Taxonomy(name: "b", version: "2", concepts: [
            Concept(id: "x", preferredLabel: "X", type: "knowledge", source: "s"),
            Concept(id: "z", preferredLabel: "Z", type: "skill", source: "s"),
        ], labels: [
            ConceptLabel(conceptIndex: 0, text: "X", kind: .pref),
            ConceptLabel(conceptIndex: 0, text: "ex", kind: .alt, exactCase: true),
            ConceptLabel(conceptIndex: 0, text: "ecks", kind: .hidden, lang: "en"),
            ConceptLabel(conceptIndex: 1, text: "Z", kind: .pref),
        ])
        let d = TaxonomyDiff(a, b)
        XCTAssertEqual(d.conceptsAdded, ["z"])
        XCTAssertEqual(d.conceptsRemoved, ["y"])
        XCTAssertEqual(d.conceptsChanged.map(\.id), ["x"])
        XCTAssertEqual(d.conceptsChanged.first?.changes, ["type: skill -> knowledge"])
        XCTAssertEqual(d.labelsAdded.map { "\($0.conceptID) \($0.text) \($0.lang)" }, ["x ecks en", "z Z "])
        XCTAssertEqual(d.labelsRemoved.map { "\($0.conceptID) \($0.text)" }, ["y Y"])
        XCTAssertEqual(d.labelsChanged.map { "\($0.0.text) \($0.1) \($0.2)" }, ["ex alt/any alt/exact"])
        XCTAssertTrue(TaxonomyDiff(a, a).isEmpty)
    }
}
