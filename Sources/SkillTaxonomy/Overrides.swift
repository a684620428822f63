import Foundation
import SkillIO

/// A user's override file: local concepts, extra labels and suppressed labels (format shared with the
/// other modules; the columns are fixed).
///
/// TSV, UTF-8, `#` comment lines, first non-comment line the header `action concept_id text extra`:
/// - `concept <local:id> <preferred label> <type>`: a local concept (the ID must start with `local:`);
/// - `label <concept_id> <text> alt|hidden|exact-case`: an extra label of an existing or local concept
///   (`exact-case`: an alternative label matched only in the given letter case);
/// - `suppress <concept_id|*> <text>`: removes the label (case-insensitive text) from one concept or all.
public struct TaxonomyOverrides: Sendable {
    public enum Action: Sendable, Hashable {
        case concept(id: String, label: String, type: String)
        case label(conceptID: String, text: String, kind: LabelKind, exactCase: Bool)
        case suppress(conceptID: String?, text: String)
    }

    /// Actions with their line numbers, in file order.
    public var actions: [(line: Int, action: Action)]
    public var path: String

    public static let header = ["action", "concept_id", "text", "extra"]

    /// Every problem of an override file, each with its line.
    public struct Errors: Error, CustomStringConvertible, Sendable {
        public var errors: [TaxonomyError]
        public var description: String {
            errors.prefix(20).map(\.description).joined(separator: "\n")
                + (errors.count > 20 ? "\n... and \(errors.count - 20) more" : "")
        }
    }

    /// Parses an override file; all malformed lines are reported together.
    public static func load(_ path: String) throws -> TaxonomyOverrides {
        var errors: [TaxonomyError] = []
        var actions: [(Int, Action)] = []
        var sawHeader = false
        func fail(_ line: Int, _ m: String) { errors.append(TaxonomyError(path: path, line: line, message: m)) }
        try LineReader().forEach(try ByteSource(path: path)) { event in
            guard case .line(let l) = event else {
                if case .tooLong(let n, _, _) = event { fail(n, "line too long") }
                return
            }
            guard let raw = String(validating: l.bytes, as: UTF8.self) else { fail(l.number, "invalid UTF-8"); return }
            let text = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if text.trimmingCharacters(in: .whitespaces).isEmpty || text.hasPrefix("#") { return }
            let f = text.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                sawHeader = true
                if f != header {
                    fail(l.number, "the first non-comment line must be the header 'action<TAB>concept_id<TAB>text<TAB>extra'")
                }
                return
            }
            guard f.count == 3 || f.count == 4 else {
                fail(l.number, "expected 4 tab-separated fields (action, concept_id, text, extra), found \(f.count)")
                return
            }
            let action = f[0], id = f[1], value = f[2], extra = f.count > 3 ? f[3] : ""
            guard !value.isEmpty else { fail(l.number, "empty text"); return }
            switch action {
            case "concept":
                guard id.hasPrefix("local:"), id.count > "local:".count else {
                    fail(l.number, "a local concept's ID must start with 'local:' (got '\(id)')")
                    return
                }
                guard !extra.isEmpty else { fail(l.number, "give the concept's type in the extra column (e.g. skill)"); return }
                actions.append((l.number, .concept(id: id, label: value, type: extra)))
            case "label":
                guard !id.isEmpty, id != "*" else { fail(l.number, "a label needs one concept ID"); return }
                switch extra {
                case "alt", "": actions.append((l.number, .label(conceptID: id, text: value, kind: .alt, exactCase: false)))
                case "hidden": actions.append((l.number, .label(conceptID: id, text: value, kind: .hidden, exactCase: false)))
                case "exact-case": actions.append((l.number, .label(conceptID: id, text: value, kind: .alt, exactCase: true)))
                default: fail(l.number, "label extra must be alt, hidden or exact-case, not '\(extra)'")
                }
            case "suppress":
                guard !id.isEmpty else { fail(l.number, "suppress needs a concept ID or *"); return }
                actions.append((l.number, .suppress(conceptID: id == "*" ? nil : id, text: value)))
            default:
                fail(l.number, "unknown action '\(action)' (concept, label or suppress)")
            }
        }
        if !sawHeader { fail(0, "no header line; the file must start with 'action<TAB>concept_id<TAB>text<TAB>extra'") }
        if !errors.isEmpty { throw Errors(errors: errors) }
        return TaxonomyOverrides(actions: actions, path: path)
    }

    /// Applies the overrides: local concepts first, then labels, then suppressions (so a suppression also
    /// removes a label added by the same file). A label for an unknown concept or a duplicate local concept
    /// is an error; a suppression that removes nothing is reported as a note.
    public func apply(to draft: inout TaxonomyDraft) throws -> ImportReport {
        var report = ImportReport(source: "overrides \(path)")
        var errors: [TaxonomyError] = []
        report.rowsRead = actions.count
        for (line, a) in actions {
            guard case .concept(let id, let label, let type) = a else { continue }
            guard !draft.contains(id) else {
                errors.append(TaxonomyError(path: path, line: line, message: "concept \(id) is defined twice"))
                continue
            }
            draft.merge(ImportedConcept(concept: Concept(id: id, preferredLabel: label, type: type, source: "local"),
                                        labels: [ImportedLabel(text: label, kind: .pref)]))
            report.imported += 1
        }
        for (line, a) in actions {
            guard case .label(let id, let text, let kind, let exact) = a else { continue }
            guard draft.contains(id) else {
                errors.append(TaxonomyError(path: path, line: line, message: "label for unknown concept \(id)"))
                continue
            }
            draft.update(id) { $0.labels.append(ImportedLabel(text: text, kind: kind, exactCase: exact)) }
            report.imported += 1
        }
        if !errors.isEmpty { throw Errors(errors: errors) }
        for (line, a) in actions {
            guard case .suppress(let id, let text) = a else { continue }
            let needle = text.lowercased()
            var removed = 0
            func strip(_ c: inout ImportedConcept) {
                let before = c.labels.count
                c.labels.removeAll { $0.text.trimmingCharacters(in: .whitespaces).lowercased() == needle }
                removed += before - c.labels.count
            }
            if let id {
                guard draft.contains(id) else {
                    errors.append(TaxonomyError(path: path, line: line, message: "suppress for unknown concept \(id)"))
                    continue
                }
                draft.update(id, strip)
            } else {
                for c in draft.concepts { draft.update(c.concept.id, strip) }
            }
            report.imported += 1
            if removed == 0 {
                report.notes.append("line \(line): suppress '\(text)' removed no label")
            } else {
                report.dropLabel("suppressed by the override file", "line \(line): \(text) (\(removed) labels)",
                                 count: removed)
            }
        }
        if !errors.isEmpty { throw Errors(errors: errors) }
        return report
    }
}
