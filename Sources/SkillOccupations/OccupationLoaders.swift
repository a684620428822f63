import Foundation
import SkillIO

/// What a loader read from one file: rows read, rows kept, and rows skipped by reason.
///
/// `rowsRead == rowsKept + skipped.values.sum()` always holds: nothing is dropped without a reason.
public struct LoadReport: Sendable, CustomStringConvertible {
    public var file: String
    public var rowsRead = 0
    public var rowsKept = 0
    /// Reason -> number of rows skipped for it.
    public var skipped: [String: Int] = [:]
    /// The first few skipped rows: (line, reason).
    public var examples: [(line: Int, reason: String)] = []
    /// The file was optional and absent, so nothing was read from it.
    public var missing = false

    public init(file: String) { self.file = file }

    /// The report of an optional file that is absent.
    public static func missing(_ file: String) -> LoadReport {
        var r = LoadReport(file: file)
        r.missing = true
        return r
    }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }

    mutating func skip(_ reason: String, line: Int) {
        skipped[reason, default: 0] += 1
        if examples.count < 5 { examples.append((line, reason)) }
    }

    public var description: String {
        if missing { return "\(URL(fileURLWithPath: file).lastPathComponent): not found, skipped" }
        var s = "\(URL(fileURLWithPath: file).lastPathComponent): read \(rowsRead), kept \(rowsKept)"
        if !skipped.isEmpty {
            s += ", skipped " + skipped.sorted { $0.key < $1.key }.map { "\($0.value) (\($0.key))" }
                .joined(separator: ", ")
        }
        return s
    }
}

/// An error in an occupation data file, with the file and what to do.
public struct OccupationDataError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

/// One row of an ESCO occupations CSV (v1.2.0 English or a v1.0.x language file).
public struct ESCOOccupationRow: Sendable, Hashable {
    public var uri: String
    public var iscoGroup: String
    public var preferredLabel: String
    public var altLabels: [String]
    public var hiddenLabels: [String]
    /// ESCO code (`2512.4`); empty in files without the column.
    public var code: String
}

/// One occupation–skill relation, the skill as our concept id.
public struct OccupationSkillRelation: Sendable, Hashable {
    public var occupationURI: String
    public var essential: Bool
    /// `esco:<uuid>`.
    public var skillID: String
}

/// One O*NET title row: an occupation title, an alternate title, or a reported title.
public struct ONETTitleRow: Sendable, Hashable {
    public var code: String
    /// The occupation's title (empty when the file has no Title column).
    public var occupationTitle: String
    public var title: String
    /// O*NET's short form of an alternate title (empty when none).
    public var shortTitle: String
}

/// Streaming readers for the ESCO and O*NET files; each returns its rows and a ``LoadReport``.
public enum OccupationLoaders {
    /// Reads a header-keyed CSV, calling `body` with a column accessor for each well-formed record.
    /// `body` returns nil to keep the row or a reason to skip it.
    static func readCSV(_ path: String, required: [String], delimiter: UInt8 = UInt8(ascii: ","),
                        _ body: (_ col: (String) -> String, _ line: Int) throws -> String?) throws -> LoadReport {
        var report = LoadReport(file: path)
        let source = try ByteSource(path: path)
        var header: [String: Int]?
        var width = 0
        try CSVReader(delimiter: delimiter).forEach(source) { event in
            switch event {
            case .malformed(let line, _, let reason, _):
                report.rowsRead += 1
                report.skip("malformed: \(reason)", line: line)
            case .record(let fields, let line, _):
                guard let h = header else {
                    var map: [String: Int] = [:]
                    for (i, f) in fields.enumerated() { map[f.trimmingCharacters(in: .whitespaces)] = i }
                    let missing = required.filter { map[$0] == nil }
                    guard missing.isEmpty else {
                        throw OccupationDataError(path: path, message: "header lacks column(s) "
                            + missing.joined(separator: ", ") + "; is this the right file?")
                    }
                    header = map
                    width = fields.count
                    return
                }
                report.rowsRead += 1
                guard fields.count == width else {
                    report.skip("\(fields.count) fields, header has \(width)", line: line)
                    return
                }
                let col = { (name: String) -> String in h[name].map { fields[$0] } ?? "" }
                if let reason = try body(col, line) {
                    report.skip(reason, line: line)
                } else {
                    report.rowsKept += 1
                }
            }
        }
        if header == nil { throw OccupationDataError(path: path, message: "empty file: no header row") }
        return report
    }

    /// `s.trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)` without Foundation, whose
    /// version bridges every string through NSString (a quarter of the catalog's load time on Linux). Returns
    /// `s` itself when there is nothing to trim.
    static func trimmed(_ s: Substring, newlines: Bool = true) -> String {
        let u = s.unicodeScalars
        guard let first = u.first, let last = u.last else { return "" }
        // Foundation's sets (swift-corelibs-foundation): tab, the space separators and U+200B; with newlines
        // also U+000A-U+000D, U+0085, U+2028 and U+2029.
        func space(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            default: return false
            }
        }
        if !space(first), !space(last) { return String(s) }
        var a = u.startIndex, b = u.endIndex
        while a < b, space(u[a]) { a = u.index(after: a) }
        while b > a, space(u[u.index(before: b)]) { b = u.index(before: b) }
        return String(u[a..<b])
    }

    static func trimmed(_ s: String, newlines: Bool = true) -> String {
        let u = s.unicodeScalars
        guard let first = u.first, let last = u.last else { return s }
        // Fast path without building a Substring: ASCII non-space at both ends.
        if first.value > 0x20, first.value < 0x80, last.value > 0x20, last.value < 0x80 { return s }
        return trimmed(s[...], newlines: newlines)
    }

    /// Splits a multi-value ESCO cell (newline-separated) into trimmed, non-empty values.
    static func multi(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { trimmed($0, newlines: false) }.filter { !$0.isEmpty }
    }

    /// ESCO occupations (`occupations_<lang>.csv[.gz]`): rows of conceptType `Occupation` with a URI and a
    /// preferred label. Works for v1.2.0 and the v1.0.x language files (hiddenLabels/code may be absent).
    public static func escoOccupations(_ path: String) throws -> ([ESCOOccupationRow], LoadReport) {
        var rows: [ESCOOccupationRow] = []
        let report = try readCSV(path, required: ["conceptUri", "preferredLabel", "iscoGroup"]) { col, _ in
            let type = col("conceptType")
            if !type.isEmpty, type != "Occupation" { return "conceptType \(type), not Occupation" }
            let uri = col("conceptUri")
            guard uri.hasPrefix("http") else { return "no conceptUri" }
            let pref = trimmed(col("preferredLabel"))
            guard !pref.isEmpty else { return "no preferredLabel" }
            rows.append(ESCOOccupationRow(uri: uri, iscoGroup: trimmed(col("iscoGroup"), newlines: false),
                                          preferredLabel: pref, altLabels: multi(col("altLabels")),
                                          hiddenLabels: multi(col("hiddenLabels")), code: col("code")))
            return nil
        }
        return (rows, report)
    }

    /// ISCO-08 groups (`ISCOGroups_en.csv`).
    public static func iscoGroups(_ path: String) throws -> ([ISCOGroup], LoadReport) {
        var rows: [ISCOGroup] = []
        let report = try readCSV(path, required: ["conceptUri", "code", "preferredLabel"]) { col, _ in
            let code = trimmed(col("code"), newlines: false)
            guard !code.isEmpty, code.allSatisfy(\.isNumber) else { return "code is not numeric" }
            rows.append(ISCOGroup(code: code, label: col("preferredLabel"), uri: col("conceptUri")))
            return nil
        }
        return (rows, report)
    }

    /// `esco:<uuid>` from an ESCO skill URI (`http://data.europa.eu/esco/skill/<uuid>`), nil for other URIs.
    public static func skillID(fromURI uri: String) -> String? {
        guard let r = uri.range(of: "/esco/skill/") else { return nil }
        let uuid = uri[r.upperBound...]
        guard uuid.count == 36 else { return nil }
        return "esco:\(uuid)"
    }

    /// Occupation–skill relations (`occupation_skill_relations_derived.csv.gz`: occupationUri, relationType,
    /// skillUri, skillLabel). Rows whose skill label was not resolved to a URI are skipped and counted.
    public static func skillRelations(_ path: String) throws -> ([OccupationSkillRelation], LoadReport) {
        var rows: [OccupationSkillRelation] = []
        let report = try readCSV(path, required: ["occupationUri", "relationType", "skillUri"]) { col, _ in
            let type = col("relationType")
            guard type == "essential" || type == "optional" else { return "relationType \(type.isEmpty ? "empty" : type)" }
            let skillURI = col("skillUri")
            guard !skillURI.isEmpty else { return "no skillUri (label not resolved in the derived file)" }
            guard let id = skillID(fromURI: skillURI) else { return "skillUri is not an ESCO skill URI" }
            rows.append(OccupationSkillRelation(occupationURI: col("occupationUri"), essential: type == "essential",
                                                skillID: id))
            return nil
        }
        return (rows, report)
    }

    /// Concept URIs of a skills collection CSV (e.g. `digitalSkillsCollection_en.csv`), as `esco:<uuid>` ids.
    public static func skillCollection(_ path: String) throws -> (Set<String>, LoadReport) {
        var ids = Set<String>()
        let report = try readCSV(path, required: ["conceptUri"]) { col, _ in
            guard let id = skillID(fromURI: col("conceptUri")) else { return "conceptUri is not an ESCO skill URI" }
            ids.insert(id)
            return nil
        }
        return (ids, report)
    }

    /// An O*NET tab-separated file (plain or .gz): `Occupation_Data.txt` (code, Title),
    /// `Alternate_Titles.txt.gz` (code, Title, Alternate Title, Short Title) or
    /// `Sample_of_Reported_Titles.txt` (code, Title, Reported Job Title). `titleColumn` names the title read;
    /// besides it only the code column is required (the shipped `Alternate_Titles.txt.gz` has no Title column).
    public static func onetTitles(_ path: String, titleColumn: String) throws -> ([ONETTitleRow], LoadReport) {
        var rows: [ONETTitleRow] = []
        var report = LoadReport(file: path)
        var header: [String: Int]?
        var width = 0
        try LineReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .tooLong(let number, _, let length):
                report.rowsRead += 1
                report.skip("line of \(length) bytes is too long", line: number)
            case .line(let line):
                guard let text = String(validating: line.bytes, as: UTF8.self) else {
                    if header != nil { report.rowsRead += 1 }
                    report.skip("invalid UTF-8", line: line.number)
                    return
                }
                if text.isEmpty { return }
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard let h = header else {
                    var map: [String: Int] = [:]
                    for (i, f) in fields.enumerated() { map[f] = i }
                    let missing = ["O*NET-SOC Code", titleColumn].filter { map[$0] == nil }
                    guard missing.isEmpty else {
                        throw OccupationDataError(path: path, message: "header lacks column(s) "
                            + missing.joined(separator: ", ") + "; is this an O*NET 29.x text file?")
                    }
                    header = map
                    width = fields.count
                    return
                }
                report.rowsRead += 1
                guard fields.count == width else {
                    report.skip("\(fields.count) fields, header has \(width)", line: line.number)
                    return
                }
                let code = fields[h["O*NET-SOC Code"] ?? 0]
                guard code.count == 10, code.dropFirst(2).first == "-" else {
                    report.skip("O*NET-SOC code is not NN-NNNN.NN", line: line.number)
                    return
                }
                let title = trimmed(fields[h[titleColumn] ?? 0], newlines: false)
                guard !title.isEmpty else {
                    report.skip("empty \(titleColumn)", line: line.number)
                    return
                }
                rows.append(ONETTitleRow(code: code, occupationTitle: h["Title"].map { fields[$0] } ?? "", title: title,
                                         shortTitle: h["Short Title"].map { fields[$0] } ?? ""))
                report.rowsKept += 1
            }
        }
        if header == nil { throw OccupationDataError(path: path, message: "empty file: no header row") }
        return (rows, report)
    }
}
