import Foundation
import SkillIO

/// Imports ESCO skills from the official CSV exports, in any language, streaming each file.
///
/// A directory is read by file name (the language is the `_xx` part: `skills_de.csv`, `digitalSkillsCollection_en.csv`):
/// - `skills_<lang>*.csv[.gz]`: skills (conceptUri, preferredLabel, altLabels, hiddenLabels, skillType,
///   reuseLevel, status, broaderConceptUri/PT when present);
/// - `<name>SkillsCollection_<lang>.csv[.gz]`: skills of a collection; the concept gets `collection = <name>`
///   (`digital`, `digcomp`, `transversal`, `language`, `green`, `research`, `ict`);
/// - `skillGroups_<lang>.csv[.gz]`: skill groups; their labels name the `groups` of skills, and with
///   ``includeGroups`` they become concepts of type `skill group` (with `notation` = code);
/// - `broaderRelationsSkillPillar_<lang>.csv[.gz]`: `broader` relations of imported skills (and groups).
/// Occupations, ISCO groups and occupation–skill relations are SkillOccupations' and are not read here.
///
/// Multi-value cells (`altLabels`, `hiddenLabels`) are split at line breaks and ` | `. Concepts with the
/// same URI in several files or languages are merged; every label keeps its language.
public struct ESCOImporter: Sendable {
    /// Languages to read (file suffixes), in order of preference for the preferred label; nil: all.
    public var languages: [String]?
    /// Keep only skills in one of these collections (`digital`...); nil: every skill found.
    public var collections: Set<String>?
    /// Import skill groups as concepts too.
    public var includeGroups = false

    public init(languages: [String]? = nil, collections: Set<String>? = nil, includeGroups: Bool = false) {
        self.languages = languages
        self.collections = collections
        self.includeGroups = includeGroups
    }

    /// What a file in an ESCO directory holds.
    enum FileRole: Equatable {
        case skills, collection(String), groups, broader
    }

    /// The role and language of an ESCO CSV by its name, or nil for files this importer does not read.
    static func classify(_ fileName: String) -> (FileRole, String)? {
        var base = fileName
        for ext in [".gz", ".csv"] where base.hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        guard fileName.hasSuffix(".csv") || fileName.hasSuffix(".csv.gz") else { return nil }
        let parts = base.split(separator: "_").map(String.init)
        guard parts.count >= 2 else { return nil }
        let lang = parts[1]
        guard (2...3).contains(lang.count) || lang.contains("-"), lang.allSatisfy({ $0.isLetter || $0 == "-" }) else {
            return nil
        }
        let head = parts[0]
        if head == "skills" { return (.skills, lang) }
        if head == "skillGroups" { return (.groups, lang) }
        if head == "broaderRelationsSkillPillar" { return (.broader, lang) }
        if head.hasSuffix("SkillsCollection"), head.count > "SkillsCollection".count {
            return (.collection(String(head.dropLast("SkillsCollection".count)).lowercased()), lang)
        }
        return nil
    }

    /// Imports a directory of ESCO CSVs, or one skills CSV file.
    public func importPath(_ path: String) throws -> (TaxonomyDraft, ImportReport) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TaxonomyError(path: path, line: 0, message: "no such file or directory")
        }
        var report = ImportReport(source: "ESCO \(path)")
        var draft = TaxonomyDraft()
        var files: [(String, FileRole, String)] = []
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            for name in names {
                guard let (role, lang) = Self.classify(name) else {
                    if name.hasSuffix(".csv") || name.hasSuffix(".csv.gz") { report.notes.append("not read: \(name)") }
                    continue
                }
                files.append((path + "/" + name, role, lang))
            }
        } else {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let (role, lang) = Self.classify(name) ?? (.skills, "")
            files.append((path, role, lang))
        }
        if let languages {
            for (p, _, lang) in files where !languages.contains(lang) {
                report.notes.append("not read (language \(lang) not selected): \(URL(fileURLWithPath: p).lastPathComponent)")
            }
            files = files.filter { languages.contains($0.2) }
        }
        guard files.contains(where: { $0.1 != .broader && $0.1 != .groups }) || (includeGroups && !files.isEmpty) else {
            throw TaxonomyError(path: path, line: 0, message: "no ESCO skills CSV found (expected skills_<lang>.csv or "
                                + "<name>SkillsCollection_<lang>.csv, e.g. digitalSkillsCollection_en.csv)")
        }

        // Collection filter: the URIs of the selected collections, read first.
        var allowed: Set<String>?
        if let collections {
            var uris = Set<String>()
            for (p, role, _) in files {
                guard case .collection(let name) = role, collections.contains(name) else { continue }
                var ignored = ImportReport(source: p)
                try forEachRecord(p, required: ["conceptUri"], report: &ignored) { col, _, _ in uris.insert(col("conceptUri")) }
            }
            allowed = uris
        }

        // Group names by URI and language (to name the groups of skills).
        var groupNames: [String: [String: String]] = [:]
        for (p, role, lang) in files where role == .groups {
            var groupReport = ImportReport(source: p)
            try forEachRecord(p, required: ["conceptUri", "preferredLabel"], report: &groupReport) { col, line, report in
                let uri = col("conceptUri"), pref = col("preferredLabel")
                guard !uri.isEmpty, !pref.isEmpty else {
                    report.skip("no conceptUri or preferredLabel", "\(p):\(line)")
                    return
                }
                groupNames[uri, default: [:]][lang] = pref
                guard includeGroups else { return }
                report.imported += 1
                var c = ImportedConcept(concept: Concept(id: conceptID(forURI: uri), preferredLabel: "",
                                                         type: "skill group", source: "esco", escoURI: uri))
                c.labels = labels(pref: pref, alt: col("altLabels"), hidden: col("hiddenLabels"), lang: lang)
                if !col("code").isEmpty { c.attributes.append(ConceptAttributeValue("notation", col("code"))) }
                draft.merge(c)
            }
            if includeGroups { report.add(groupReport) }
        }

        for (p, role, lang) in files {
            let collection: String?
            switch role {
            case .skills: collection = nil
            case .collection(let name): collection = name
            case .groups, .broader: continue
            }
            try forEachRecord(p, required: ["conceptUri", "preferredLabel"], report: &report) { col, line, report in
                let uri = col("conceptUri"), pref = col("preferredLabel")
                let type = col("conceptType")
                if !type.isEmpty, type != "KnowledgeSkillCompetence", type != "Skill" {
                    report.skip("not a skill (conceptType \(type))", "\(p):\(line): \(excerpt(pref))")
                    return
                }
                guard !uri.isEmpty else { report.skip("no conceptUri", "\(p):\(line): \(excerpt(pref))"); return }
                guard !pref.isEmpty else { report.skip("no preferredLabel", "\(p):\(line): \(uri)"); return }
                if let allowed, !allowed.contains(uri) {
                    report.skip("not in the selected collections", "\(p):\(line): \(excerpt(pref))")
                    return
                }
                report.imported += 1
                let groups = splitMultiValue(col("broaderConceptPT"))
                var c = ImportedConcept(concept: Concept(id: conceptID(forURI: uri), preferredLabel: "",
                                                         type: col("skillType"), source: "esco",
                                                         groups: lang == (languages?.first ?? "en") ? groups : [],
                                                         escoURI: uri))
                c.labels = labels(pref: pref, alt: col("altLabels"), hidden: col("hiddenLabels"), lang: lang)
                if let collection { c.attributes.append(ConceptAttributeValue("collection", collection)) }
                if !col("reuseLevel").isEmpty { c.attributes.append(ConceptAttributeValue("reuse_level", col("reuseLevel"))) }
                let status = col("status")
                if !status.isEmpty, status != "released" { c.attributes.append(ConceptAttributeValue("status", status)) }
                for b in splitMultiValue(col("broaderConceptUri")) {
                    c.attributes.append(ConceptAttributeValue("broader", conceptID(forURI: b)))
                }
                draft.merge(c)
            }
        }

        // Broader relations of imported concepts; group names for their `groups`.
        let preferred = languages ?? ["en"]
        func name(_ uri: String) -> String? {
            guard let byLang = groupNames[uri] else { return nil }
            for l in preferred { if let n = byLang[l] { return n } }
            return byLang.sorted { $0.key < $1.key }.first?.value
        }
        for (p, role, _) in files where role == .broader {
            var rows = ImportReport(source: p)
            try forEachRecord(p, required: ["conceptUri", "broaderUri"], report: &rows) { col, line, rows in
                let id = conceptID(forURI: col("conceptUri"))
                guard draft.contains(id) else {
                    rows.skip("concept not imported", "\(p):\(line)")
                    return
                }
                rows.imported += 1
                let broader = col("broaderUri")
                draft.update(id) { c in
                    c.attributes.append(ConceptAttributeValue("broader", conceptID(forURI: broader)))
                    if let n = name(broader), !c.concept.groups.contains(n) { c.concept.groups.append(n) }
                }
            }
            report.notes.append("broader relations: \(rows.rowsRead) rows, \(rows.imported) about imported concepts")
        }
        let t = draft.taxonomy(name: "", version: "", preferredLanguages: preferred)
        report.concepts = t.concepts.count
        report.labels = t.labels.count
        return (draft, report)
    }

    func labels(pref: String, alt: String, hidden: String, lang: String) -> [ImportedLabel] {
        var out = [ImportedLabel(text: pref, kind: .pref, lang: lang)]
        for a in splitMultiValue(alt) { out.append(ImportedLabel(text: a, kind: .alt, lang: lang)) }
        for h in splitMultiValue(hidden) { out.append(ImportedLabel(text: h, kind: .hidden, lang: lang)) }
        return out
    }

    /// Streams a headed CSV file; `col(name)` gives a trimmed field ("" when the column is absent). Malformed
    /// records are counted in `report` and skipped with their reason; `body` counts the records it is given.
    func forEachRecord(_ path: String, required: [String], report: inout ImportReport,
                       _ body: (_ col: (String) -> String, _ line: Int, _ report: inout ImportReport) throws -> Void) throws {
        var header: [String: Int] = [:]
        try CSVReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .malformed(let line, _, let reason, let text):
                report.rowsRead += 1
                report.skip("malformed CSV record", "\(path):\(line): \(reason): \(excerpt(text))")
            case .record(let f, let line, _):
                if header.isEmpty {
                    for (i, h) in f.enumerated() { header[h.trimmingCharacters(in: .whitespaces)] = i }
                    for r in required where header[r] == nil {
                        throw TaxonomyError(path: path, line: line,
                                            message: "missing column \(r); is this an ESCO CSV export?")
                    }
                    return
                }
                report.rowsRead += 1
                try body({ n in
                    guard let i = header[n], i < f.count else { return "" }
                    return f[i].trimmingCharacters(in: .whitespacesAndNewlines)
                }, line, &report)
            }
        }
    }
}
