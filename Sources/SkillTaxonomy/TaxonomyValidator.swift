import Foundation
import SkillIO
import SkillTokenizer

/// One finding of ``TaxonomyValidator``.
public struct TaxonomyIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }
    public var severity: Severity
    /// A stable short name (`duplicate-id`, `missing-concept`, `empty-label`, `conflicting-case`,
    /// `common-word`, `ambiguous-label`, `no-labels`, `malformed`, `stale-digest`, `duplicate-label`).
    public var code: String
    public var path: String
    public var line: Int
    public var message: String

    public var description: String {
        let place = line > 0 ? "\(path):\(line)" : path
        return "\(severity.rawValue): \(place): [\(code)] \(message)"
    }
}

/// Checks a taxonomy directory without stopping at the first problem.
///
/// Errors (the taxonomy cannot be trusted; `validate` exits 1): malformed rows, duplicate concept IDs,
/// labels or attributes naming a missing concept, empty labels (no tokens), unknown kinds or cases, and a
/// label written both with and without exact case in the same concept. Warnings: a one-token label that
/// is a common word but matches in any case, one label text naming several concepts (with differing exact
/// case across them, or not), concepts without labels, duplicate label rows, a stale `digest` in
/// `taxonomy.tsv`.
public struct TaxonomyValidator {
    public var tokenizer = Tokenizer()
    /// Normalized common words (see ``loadCommonWords(_:)``).
    public var commonWords: Set<String> = []

    public init() {}

    /// Reads a word list: one word or label per line, `#` comments.
    public mutating func loadCommonWords(_ path: String) throws {
        let text = String(decoding: try readFileBytes(path), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            commonWords.insert(tokenizer.normalizedTokens(t).joined(separator: " "))
        }
    }

    public func validate(directory: String) -> [TaxonomyIssue] {
        var issues: [TaxonomyIssue] = []
        func add(_ s: TaxonomyIssue.Severity, _ code: String, _ path: String, _ line: Int, _ m: String) {
            issues.append(TaxonomyIssue(severity: s, code: code, path: path, line: line, message: m))
        }
        func rows(_ path: String, _ columns: Set<Int>, optional: Bool = false, _ body: ([String], Int) -> Void) {
            guard FileManager.default.fileExists(atPath: path) else {
                if !optional { add(.error, "malformed", path, 0, "missing file") }
                return
            }
            do {
                var width = 0
                try LineReader().forEach(try ByteSource(path: path)) { event in
                    guard case .line(let l) = event else {
                        if case .tooLong(let n, _, _) = event { add(.error, "malformed", path, n, "line too long") }
                        return
                    }
                    if l.bytes.isEmpty { return }
                    guard let text = String(validating: l.bytes, as: UTF8.self) else {
                        add(.error, "malformed", path, l.number, "invalid UTF-8")
                        return
                    }
                    let f = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    if l.number == 1 {
                        if !columns.contains(f.count) {
                            add(.error, "malformed", path, 1, "header has \(f.count) columns, expected "
                                + columns.sorted().map(String.init).joined(separator: " or "))
                        }
                        width = f.count
                        return
                    }
                    guard f.count == width else {
                        add(.error, "malformed", path, l.number, "expected \(width) fields, found \(f.count)")
                        return
                    }
                    body(f, l.number)
                }
            } catch {
                add(.error, "malformed", path, 0, "\(error)")
            }
        }

        var meta: [String: String] = [:]
        rows(directory + "/taxonomy.tsv", [2]) { f, _ in meta[f[0]] = f[1] }
        var conceptLine: [String: Int] = [:]
        var order: [String] = []
        let saConcepts = directory + "/sa-concepts.tsv", saLabels = directory + "/sa-labels.tsv"
        let conceptFiles = [directory + "/concepts.tsv"] + (FileManager.default.fileExists(atPath: saConcepts) ? [saConcepts] : [])
        for conceptsPath in conceptFiles {
        rows(conceptsPath, [TaxonomyFiles.conceptsHeader.count]) { f, line in
            if f[0].isEmpty { add(.error, "malformed", conceptsPath, line, "empty concept id"); return }
            if let first = conceptLine[f[0]] {
                add(.error, "duplicate-id", conceptsPath, line, "concept id \(f[0]) already on line \(first)")
                return
            }
            conceptLine[f[0]] = line
            order.append(f[0])
            if f[1].trimmingCharacters(in: .whitespaces).isEmpty {
                add(.error, "empty-label", conceptsPath, line, "concept \(f[0]) has an empty preferred label")
            }
            if Int(f[9]) == nil { add(.error, "malformed", conceptsPath, line, "onet_occupations is not a number") }
        }
        }
        let conceptsPath = conceptFiles[0]
        var labelCount: [String: Int] = [:]
        var seenRows: [String: Int] = [:]
        // normalized key -> concept id -> (exact seen, any seen, first line)
        var byKey: [String: [String: (exact: Bool, any: Bool, line: Int, text: String)]] = [:]
        let labelFiles = [directory + "/labels.tsv"] + (FileManager.default.fileExists(atPath: saLabels) ? [saLabels] : [])
        for labelsPath in labelFiles {
        rows(labelsPath, [4, 5, 6]) { f, line in
            let id = f[0], text = f[1]
            guard conceptLine[id] != nil else {
                add(.error, "missing-concept", labelsPath, line, "label '\(text)' for missing concept \(id)")
                return
            }
            guard LabelKind(rawValue: f[2]) != nil else {
                add(.error, "malformed", labelsPath, line, "kind must be pref, alt, hidden or derived, not '\(f[2])'")
                return
            }
            guard ConceptLabel.caseFields.contains(f[3]) else {
                add(.error, "malformed", labelsPath, line, "case must be any, exact, any+evidence, exact+evidence or tag, not '\(f[3])'")
                return
            }
            let tokens = tokenizer.normalizedTokens(text)
            guard !tokens.isEmpty else {
                add(.error, "empty-label", labelsPath, line, "label of \(id) is empty (no tokens)")
                return
            }
            labelCount[id, default: 0] += 1
            let rowKey = f.joined(separator: "\t")
            if let first = seenRows[rowKey] {
                add(.warning, "duplicate-label", labelsPath, line, "same label row as line \(first)")
            } else {
                seenRows[rowKey] = line
            }
            let key = tokens.joined(separator: " ")
            let exact = f[3].hasPrefix("exact")
            var e = byKey[key, default: [:]][id] ?? (false, false, line, text)
            if exact { e.exact = true } else { e.any = true }
            byKey[key, default: [:]][id] = e
            if !exact, tokens.count == 1, commonWords.contains(key), !f[3].hasSuffix("+evidence"), f[3] != "tag" {
                add(.warning, "common-word", labelsPath, line,
                    "'\(text)' (\(id)) is a common word but matches in any letter case; mark it exact or suppress it")
            }
        }
        }
        let labelsPath = labelFiles[0]
        for (key, owners) in byKey.sorted(by: { $0.key < $1.key }) {
            for (id, e) in owners.sorted(by: { $0.key < $1.key }) where e.exact && e.any {
                add(.error, "conflicting-case", labelsPath, e.line,
                    "'\(e.text)' of \(id) is both exact-case and any-case")
            }
            if owners.count > 1 {
                let ids = owners.keys.sorted()
                let mixed = Set(owners.values.map(\.exact)).count > 1
                add(.warning, "ambiguous-label", labelsPath, owners.values.map(\.line).min() ?? 0,
                    "'\(key)' names \(ids.count) concepts (\(ids.prefix(3).joined(separator: ", "))\(ids.count > 3 ? ", ..." : ""))"
                        + (mixed ? "; exact case differs between them" : ""))
            }
        }
        for id in order where labelCount[id] == nil {
            add(.warning, "no-labels", conceptsPath, conceptLine[id] ?? 0, "concept \(id) has no labels and can never match")
        }
        let attributesPath = directory + "/attributes.tsv"
        rows(attributesPath, [3], optional: true) { f, line in
            if conceptLine[f[0]] == nil {
                add(.error, "missing-concept", attributesPath, line, "attribute for missing concept \(f[0])")
            }
        }
        if !issues.contains(where: { $0.severity == .error }), let recorded = meta["digest"] {
            var h = SHA256()
            for p in TaxonomyFiles.contentFiles(directory: directory) {
                if let bytes = try? readFileBytes(p) { bytes.withUnsafeBytes { h.update($0) } }
            }
            let actual = h.finalizeHex()
            if actual != recorded {
                add(.warning, "stale-digest", directory + "/taxonomy.tsv", 0,
                    "digest \(recorded.prefix(12))… does not match the files (\(actual.prefix(12))…); the files were edited by hand")
            }
        }
        return issues
    }
}
