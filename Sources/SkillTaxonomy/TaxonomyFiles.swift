import Foundation
import SkillIO

/// The shipped, diff-friendly taxonomy format: a directory with three tab-separated UTF-8 files, one
/// record per line, sorted, so that a change of one label is a one-line diff.
///
/// - `taxonomy.tsv`: `key<TAB>value` lines (name, version, sources and their digests, build rules).
/// - `concepts.tsv`: `id, preferred_label, type, source, groups (" | "-joined), esco_uri,
///   onet_commodity_codes (space-joined), hot_technology (Y/N), in_demand (Y/N), onet_occupations`.
/// - `labels.tsv`: `concept_id, label, kind (pref|alt|hidden|derived), case (any|exact|any+evidence|exact+evidence|tag)`, and a fifth column
///   `lang` (language tag, may be empty) only when some label has a language; files without it still load.
/// - `attributes.tsv` (optional, written only when there are attributes): `concept_id, key, value`.
///
/// Fields never contain tabs or line breaks (the builder replaces them with spaces).
public enum TaxonomyFiles {
    public static let conceptsHeader = ["id", "preferred_label", "type", "source", "groups", "esco_uri",
                                        "onet_commodity_codes", "hot_technology", "in_demand", "onet_occupations"]
    public static let labelsHeader = ["concept_id", "label", "kind", "case"]
    public static let labelsHeaderWithLang = ["concept_id", "label", "kind", "case", "lang"]
    public static let labelsHeaderWithProvenance = ["concept_id", "label", "kind", "case", "lang", "provenance"]
    public static let attributesHeader = ["concept_id", "key", "value"]

    /// The files of a taxonomy and their contents, in digest order: `concepts.tsv`, `labels.tsv`, `attributes.tsv`
    /// (when there are attributes), then `sa-concepts.tsv` and `sa-labels.tsv` (when some concept or label
    /// derives from share-alike data; they keep CC BY-SA-derived records apart, with the same formats).
    public static func contentParts(_ t: Taxonomy) -> [(file: String, text: String)] {
        let shareAlike = t.concepts.contains(where: \.isShareAlike) || t.labels.contains(where: \.isShareAlike)
        var parts = [("concepts.tsv", conceptsTSV(t, shareAlike: shareAlike ? false : nil)),
                     ("labels.tsv", labelsTSV(t, shareAlike: shareAlike ? false : nil))]
        if !t.attributes.isEmpty { parts.append(("attributes.tsv", attributesTSV(t))) }
        if shareAlike {
            parts.append(("sa-concepts.tsv", conceptsTSV(t, shareAlike: true)))
            parts.append(("sa-labels.tsv", labelsTSV(t, shareAlike: true)))
        }
        return parts
    }

    /// `concepts.tsv` content: all concepts, or only those whose `isShareAlike` equals `shareAlike`.
    public static func conceptsTSV(_ t: Taxonomy, shareAlike: Bool? = nil) -> String {
        var out = conceptsHeader.joined(separator: "\t") + "\n"
        for c in t.concepts where shareAlike == nil || c.isShareAlike == shareAlike {
            let fields = [c.id, c.preferredLabel, c.type, c.source, c.groups.joined(separator: " | "),
                          c.escoURI ?? "", c.onetCommodityCodes.joined(separator: " "),
                          c.hotTechnology ? "Y" : "N", c.inDemand ? "Y" : "N", String(c.onetOccupations)]
            out += fields.map(clean).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// `labels.tsv` content.
    public static func labelsTSV(_ t: Taxonomy, shareAlike: Bool? = nil) -> String {
        let withProvenance = t.labels.contains { !$0.provenance.isEmpty }
        let withLang = withProvenance || t.labels.contains { !$0.lang.isEmpty }
        var out = (withProvenance ? labelsHeaderWithProvenance : withLang ? labelsHeaderWithLang : labelsHeader)
            .joined(separator: "\t") + "\n"
        for l in t.labels where shareAlike == nil || l.isShareAlike == shareAlike {
            var fields = [t.concepts[l.conceptIndex].id, l.text, l.kind.rawValue, l.caseField]
            if withLang { fields.append(l.lang) }
            if withProvenance { fields.append(l.provenance) }
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
        let parts = contentParts(t)
        for (file, text) in parts { try text.write(toFile: directory + "/" + file, atomically: true, encoding: .utf8) }
        for file in ["attributes.tsv", "sa-concepts.tsv", "sa-labels.tsv"] where !parts.contains(where: { $0.file == file }) {
            let path = directory + "/" + file
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// The files whose bytes define a taxonomy directory's digest, in hashing order.
    public static func contentFiles(directory: String) -> [String] {
        var files = [directory + "/concepts.tsv", directory + "/labels.tsv"]
        for optional in ["attributes.tsv", "sa-concepts.tsv", "sa-labels.tsv"] {
            let path = directory + "/" + optional
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
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
        let saConcepts = directory + "/sa-concepts.tsv", saLabels = directory + "/sa-labels.tsv"
        let fm = FileManager.default
        for conceptsPath in [directory + "/concepts.tsv"] + (fm.fileExists(atPath: saConcepts) ? [saConcepts] : []) {
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
        }
        var labels: [ConceptLabel] = []
        for labelsPath in [directory + "/labels.tsv"] + (fm.fileExists(atPath: saLabels) ? [saLabels] : []) {
        try forEachRow(labelsPath, columns: [labelsHeader.count, labelsHeaderWithLang.count,
                                             labelsHeaderWithProvenance.count]) { f, line in
            guard let ci = index[f[0]] else {
                throw TaxonomyError(path: labelsPath, line: line, message: "label for unknown concept \(f[0])")
            }
            guard let kind = LabelKind(rawValue: f[2]) else {
                throw TaxonomyError(path: labelsPath, line: line,
                                    message: "kind must be pref, alt, hidden or derived, not '\(f[2])'")
            }
            guard ConceptLabel.caseFields.contains(f[3]) else {
                throw TaxonomyError(path: labelsPath, line: line,
                                    message: "case must be any, exact, any+evidence, exact+evidence or tag, not '\(f[3])'")
            }
            var label = ConceptLabel(conceptIndex: ci, text: f[1], kind: kind, lang: f.count > 4 ? f[4] : "",
                                     provenance: f.count > 5 ? f[5] : "")
            label.setCase(f[3])
            labels.append(label)
        }
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
