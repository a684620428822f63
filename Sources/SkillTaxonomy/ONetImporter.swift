import Foundation
import SkillIO

/// Imports O*NET text files (tab-separated, UTF-8, plain or gzip-compressed), streaming each.
///
/// - `Technology_Skills.txt[.gz]`: one concept `onet:<slug>` of type `technology` per distinct Example,
///   aggregated over occupations (Hot Technology / In Demand flags OR-ed, UNSPSC commodity codes and titles
///   collected; titles become `groups`; the number of occupations is kept).
/// - With ``includeOccupations``: `Occupation_Data.txt` gives one concept `onet-soc:<code>` of type
///   `occupation` per occupation (its title the preferred label) and `Alternate_Titles.txt[.gz]` adds the
///   alternate and short titles as alternative labels.
///
/// Labels are taken as given (no derived labels: the shipped ICT build's rules are ``TaxonomyBuilder``'s).
public struct ONetImporter: Sendable {
    public var includeOccupations: Bool

    public init(includeOccupations: Bool = false) { self.includeOccupations = includeOccupations }

    /// Finds `name.txt` or `name.txt.gz` in `dir`.
    static func find(_ dir: String, _ name: String) -> String? {
        for candidate in [name + ".txt", name + ".txt.gz"] {
            let p = dir + "/" + candidate
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    public func importDirectory(_ dir: String) throws -> (TaxonomyDraft, ImportReport) {
        var report = ImportReport(source: "O*NET \(dir)")
        var draft = TaxonomyDraft()
        guard let tech = Self.find(dir, "Technology_Skills") else {
            throw TaxonomyError(path: dir, line: 0, message: "no Technology_Skills.txt(.gz) in this directory; "
                                + "pass the folder of the O*NET text release")
        }
        struct Example {
            var codes = Set<String>(), titles = Set<String>(), occupations = Set<String>()
            var hot = false, demand = false
        }
        var examples: [String: Example] = [:]
        try Self.forEachRow(tech, required: ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title",
                                             "Hot Technology", "In Demand"], report: &report) { col, line, report in
            let example = col("Example")
            guard !example.isEmpty else { report.skip("empty Example", "\(tech):\(line)"); return }
            report.imported += 1
            var e = examples[example] ?? Example()
            if !col("Commodity Code").isEmpty { e.codes.insert(col("Commodity Code")) }
            if !col("Commodity Title").isEmpty { e.titles.insert(col("Commodity Title")) }
            if !col("O*NET-SOC Code").isEmpty { e.occupations.insert(col("O*NET-SOC Code")) }
            e.hot = e.hot || col("Hot Technology") == "Y"
            e.demand = e.demand || col("In Demand") == "Y"
            examples[example] = e
        }
        // Distinct examples can share a slug ("C++" and "C" do not: + and # are spelled out); make IDs unique
        // deterministically in name order.
        var used = Set<String>()
        for name in examples.keys.sorted() {
            guard let e = examples[name] else { continue }
            let base = "onet:" + TaxonomyBuilder.slug(name)
            var id = base
            var n = 2
            while used.contains(id) { id = base + "-\(n)"; n += 1 }
            used.insert(id)
            draft.merge(ImportedConcept(
                concept: Concept(id: id, preferredLabel: name, type: "technology", source: "onet",
                                 groups: e.titles.sorted(), onetCommodityCodes: e.codes.sorted(),
                                 hotTechnology: e.hot, inDemand: e.demand, onetOccupations: e.occupations.count),
                labels: [ImportedLabel(text: name, kind: .pref, lang: "en")]))
        }
        report.notes.append("Technology_Skills: \(examples.count) distinct examples")

        if includeOccupations {
            guard let occ = Self.find(dir, "Occupation_Data") else {
                throw TaxonomyError(path: dir, line: 0, message: "no Occupation_Data.txt(.gz) in this directory")
            }
            try Self.forEachRow(occ, required: ["O*NET-SOC Code", "Title"], report: &report) { col, line, report in
                let code = col("O*NET-SOC Code"), title = col("Title")
                guard !code.isEmpty, !title.isEmpty else { report.skip("no code or title", "\(occ):\(line)"); return }
                report.imported += 1
                draft.merge(ImportedConcept(
                    concept: Concept(id: "onet-soc:" + code, preferredLabel: title, type: "occupation", source: "onet"),
                    labels: [ImportedLabel(text: title, kind: .pref, lang: "en")]))
            }
            if let alt = Self.find(dir, "Alternate_Titles") {
                try Self.forEachRow(alt, required: ["O*NET-SOC Code", "Alternate Title"], report: &report) { col, line, report in
                    let id = "onet-soc:" + col("O*NET-SOC Code")
                    let title = col("Alternate Title"), short = col("Short Title")
                    guard draft.contains(id) else {
                        report.skip("alternate title of an unknown occupation", "\(alt):\(line): \(id)")
                        return
                    }
                    guard !title.isEmpty else { report.skip("empty Alternate Title", "\(alt):\(line)"); return }
                    report.imported += 1
                    draft.update(id) { c in
                        c.labels.append(ImportedLabel(text: title, kind: .alt, lang: "en"))
                        if !short.isEmpty { c.labels.append(ImportedLabel(text: short, kind: .alt, lang: "en")) }
                    }
                }
            } else {
                report.notes.append("no Alternate_Titles.txt(.gz): occupations have their titles only")
            }
        }
        let t = draft.taxonomy(name: "", version: "")
        report.concepts = t.concepts.count
        report.labels = t.labels.count
        return (draft, report)
    }

    /// Streams a headed tab-separated file; `col(name)` gives a trimmed field. Lines that are not UTF-8 or
    /// over the length limit are skipped with their reason.
    static func forEachRow(_ path: String, required: [String], report: inout ImportReport,
                           _ body: (_ col: (String) -> String, _ line: Int, _ report: inout ImportReport) throws -> Void) throws {
        var columns: [String: Int] = [:]
        try LineReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .tooLong(let n, _, let length):
                report.rowsRead += 1
                report.skip("line over the length limit", "\(path):\(n): \(length) bytes")
            case .line(let l):
                if l.bytes.isEmpty { return }
                guard let text = String(validating: l.bytes, as: UTF8.self) else {
                    if l.number == 1 { throw TaxonomyError(path: path, line: 1, message: "header is not UTF-8") }
                    report.rowsRead += 1
                    report.skip("invalid UTF-8", "\(path):\(l.number)")
                    return
                }
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if l.number == 1 {
                    for (i, h) in fields.enumerated() { columns[h.trimmingCharacters(in: .whitespaces)] = i }
                    for r in required where columns[r] == nil {
                        throw TaxonomyError(path: path, line: 1, message: "missing column \(r); is this an O*NET text file?")
                    }
                    return
                }
                report.rowsRead += 1
                try body({ n in
                    guard let i = columns[n], i < fields.count else { return "" }
                    return fields[i].trimmingCharacters(in: .whitespaces)
                }, l.number, &report)
            }
        }
    }
}
