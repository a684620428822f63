import Foundation
import SkillIO

/// The shipped, diff-friendly taxonomy format: a directory with three tab-separated UTF-8 files, one
/// record per line, sorted, so that a change of one label is a one-line diff.
///
/// - `taxonomy.tsv`: `key<TAB>value` lines (name, version, sources and their digests, build rules).
/// - `concepts.tsv`: `id, preferred_label, type, source, groups (" | "-joined), esco_uri,
///   onet_commodity_codes (space-joined), hot_technology (Y/N), in_demand (Y/N), onet_occupations`.
/// - `labels.tsv`: `concept_id, label, kind (pref|alt|hidden|derived), case (any|exact)`, and a fifth column
///   `lang` (language tag, may be empty) only when some label has a language; files without it still load.
/// - `attributes.tsv` (optional, written only when there are attributes): `concept_id, key, value`.
///
/// Fields never contain tabs or line breaks (the builder replaces them with spaces).
public enum TaxonomyFiles {
    public static let conceptsHeader = ["id", "preferred_label", "type", "source", "groups", "esco_uri",
                                        "onet_commodity_codes", "hot_technology", "in_demand", "onet_occupations"]
    public static let labelsHeader = ["concept_id", "label", "kind", "case"]
    public static let labelsHeaderWithLang = ["concept_id", "label", "kind", "case", "lang"]
    public static let attributesHeader = ["concept_id", "key", "value"]

    /// `concepts.tsv` content.
    public static func conceptsTSV(_ t: Taxonomy) -> String {
        var out = conceptsHeader.joined(separator: "\t") + "\n"
        for c in t.concepts {
            let fields = [c.id, c.preferredLabel, c.type, c.source, c.groups.joined(separator: " | "),
                          c.escoURI ?? "", c.onetCommodityCodes.joined(separator: " "),
                          c.hotTechnology ? "Y" : "N", c.inDemand ? "Y" : "N", String(c.onetOccupations)]
            out += fields.map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// `labels.tsv` content.
    public static func labelsTSV(_ t: Taxonomy) -> String {
        let withLang = t.labels.contains { !$0.lang.isEmpty }
        var out = (withLang ? labelsHeaderWithLang : labelsHeader).joined(separator: "\t") + "\n"
        for l in t.labels {
            var fields = [t.concepts[l.conceptIndex].id, l.text, l.kind.rawValue, l.caseField]
            if withLang { fields.append(l.lang) }
            out += fields.map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// `attributes.tsv` content (only written when the taxonomy has attributes).
    public static func attributesTSV(_ t: Taxonomy) -> String {
        var out = attributesHeader.joined(separator: "\t") + "\n"
        for a in t.attributes {
            out += [t.concepts[a.conceptIndex].id, a.key, a.value].map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// Replaces tabs and line breaks with spaces and trims.
    public static func clean(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out.unicodeScalars.append(" ")
            default: out.unicodeScalars.append(ch)
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// Writes the three files into `directory` (created if needed).
    public static func write(_ t: Taxonomy, meta: [(String, String)], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var metaText = "key\tvalue\n"
        metaText += "name\t\(clean(t.name))\nversion\t\(clean(t.version))\n"
        for (k, v) in meta { metaText += "\(clean(k))\t\(clean(v))\n" }
        metaText += "concepts\t\(t.concepts.count)\nlabels\t\(t.labels.count)\ndigest\t\(t.digest)\n"
        try metaText.write(toFile: directory + "/taxonomy.tsv", atomically: true, encoding: .utf8)
        try conceptsTSV(t).write(toFile: directory + "/concepts.tsv", atomically: true, encoding: .utf8)
        try labelsTSV(t).write(toFile: directory + "/labels.tsv", atomically: true, encoding: .utf8)
        let attributesPath = directory + "/attributes.tsv"
        if !t.attributes.isEmpty {
            try attributesTSV(t).write(toFile: attributesPath, atomically: true, encoding: .utf8)
        } else if FileManager.default.fileExists(atPath: attributesPath) {
            try FileManager.default.removeItem(atPath: attributesPath)
        }
    }

    /// The files whose bytes define a taxonomy directory's digest, in hashing order.
    public static func contentFiles(directory: String) -> [String] {
        var files = [directory + "/concepts.tsv", directory + "/labels.tsv"]
        let attributes = directory + "/attributes.tsv"
        if FileManager.default.fileExists(atPath: attributes) { files.append(attributes) }
        return files
    }

    /// Loads a taxonomy directory. Every malformed line is an error with its file and line number, and so is
    /// a label naming an unknown concept: a taxonomy is small and must be exact.
    public static func load(directory: String) throws -> Taxonomy {
        let metaPath = directory + "/taxonomy.tsv"
        var meta: [String: String] = [:]
        try forEachRow(metaPath, columns: [2]) { f, _ in meta[f[0]] = f[1] }
        var concepts: [Concept] = []
        var index: [String: Int] = [:]
        let conceptsPath = directory + "/concepts.tsv"
        try forEachRow(conceptsPath, columns: [conceptsHeader.count]) { f, line in
            guard index[f[0]] == nil else {
                throw TaxonomyError(path: conceptsPath, line: line, message: "duplicate concept id \(f[0])")
            }
            guard let occupations = Int(f[9]) else {
                throw TaxonomyError(path: conceptsPath, line: line, message: "onet_occupations is not a number")
            }
            index[f[0]] = concepts.count
            concepts.append(Concept(
                id: f[0], preferredLabel: f[1], type: f[2], source: f[3],
                groups: f[4].isEmpty ? [] : f[4].components(separatedBy: " | "),
                escoURI: f[5].isEmpty ? nil : f[5],
                onetCommodityCodes: f[6].isEmpty ? [] : f[6].split(separator: " ").map(String.init),
                hotTechnology: f[7] == "Y", inDemand: f[8] == "Y", onetOccupations: occupations))
        }
        var labels: [ConceptLabel] = []
        let labelsPath = directory + "/labels.tsv"
        try forEachRow(labelsPath, columns: [labelsHeader.count, labelsHeaderWithLang.count]) { f, line in
            guard let ci = index[f[0]] else {
                throw TaxonomyError(path: labelsPath, line: line, message: "label for unknown concept \(f[0])")
            }
            guard let kind = LabelKind(rawValue: f[2]) else {
                throw TaxonomyError(path: labelsPath, line: line,
                                    message: "kind must be pref, alt, hidden or derived, not '\(f[2])'")
            }
            guard ["any", "exact", "any+evidence", "exact+evidence"].contains(f[3]) else {
                throw TaxonomyError(path: labelsPath, line: line,
                                    message: "case must be any, exact, any+evidence or exact+evidence, not '\(f[3])'")
            }
            labels.append(ConceptLabel(conceptIndex: ci, text: f[1], kind: kind, exactCase: f[3].hasPrefix("exact"),
                                       lang: f.count > 4 ? f[4] : "", needsEvidence: f[3].hasSuffix("+evidence")))
        }
        var attributes: [ConceptAttribute] = []
        let attributesPath = directory + "/attributes.tsv"
        if FileManager.default.fileExists(atPath: attributesPath) {
            try forEachRow(attributesPath, columns: [attributesHeader.count]) { f, line in
                guard let ci = index[f[0]] else {
                    throw TaxonomyError(path: attributesPath, line: line, message: "attribute for unknown concept \(f[0])")
                }
                attributes.append(ConceptAttribute(conceptIndex: ci, key: f[1], value: f[2]))
            }
        }
        // The files are the canonical serialization when written by `write`; hashing their bytes gives the
        // same digest without serializing again. Hand-edited files get the digest of what is on disk.
        var h = SHA256()
        for path in contentFiles(directory: directory) {
            let bytes = try readFileBytes(path)
            bytes.withUnsafeBytes { h.update($0) }
        }
        return Taxonomy(name: meta["name"] ?? URL(fileURLWithPath: directory).lastPathComponent,
                        version: meta["version"] ?? "unversioned", concepts: concepts, labels: labels,
                        attributes: attributes, digest: h.finalizeHex())
    }

    /// Reads a headed TSV file, checking the column count of every row: one of `columns`, and the header's.
    static func forEachRow(_ path: String, columns: Set<Int>, _ body: ([String], Int) throws -> Void) throws {
        let source: ByteSource
        do { source = try ByteSource(path: path) } catch {
            throw TaxonomyError(path: path, line: 0,
                                message: "cannot read taxonomy file (\(error)); a taxonomy directory holds "
                                    + "taxonomy.tsv, concepts.tsv and labels.tsv")
        }
        var headerColumns = 0
        try LineReader().forEach(source) { event in
            switch event {
            case .tooLong(let n, _, _):
                throw TaxonomyError(path: path, line: n, message: "line too long")
            case .line(let l):
                if l.bytes.isEmpty { return } // trailing blank line
                guard let text = String(validating: l.bytes, as: UTF8.self) else {
                    throw TaxonomyError(path: path, line: l.number, message: "invalid UTF-8")
                }
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if l.number == 1 {
                    guard columns.contains(fields.count) else {
                        throw TaxonomyError(path: path, line: 1, message: "header has \(fields.count) columns, expected "
                                            + columns.sorted().map(String.init).joined(separator: " or "))
                    }
                    headerColumns = fields.count
                    return
                }
                guard fields.count == headerColumns else {
                    throw TaxonomyError(path: path, line: l.number,
                                        message: "expected \(headerColumns) tab-separated fields, found \(fields.count)")
                }
                try body(fields, l.number)
            }
        }
    }
}
