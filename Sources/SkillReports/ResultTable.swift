import Foundation
import SkillIO

/// How a query's result is printed.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// One typed value of a result table. Tables and CSV show it formatted; JSON keeps numbers as numbers, and a
/// value that is not a finite number (or is missing) as `null`.
public enum Cell: Sendable, Hashable {
    case text(String)
    case int(Int)
    /// A number with this many decimals.
    case fixed(Double, Int)
    /// A p- or q-value: four decimals, or scientific notation below 0.0001.
    case probability(Double)
    case null

    public static func optional(_ s: String?) -> Cell { s.map { .text($0) } ?? .null }
    public static func optional(_ x: Double?, _ digits: Int) -> Cell { x.map { .fixed($0, digits) } ?? .null }
    public static func yesNo(_ b: Bool) -> Cell { .text(b ? "yes" : "no") }

    /// A cell for text that may be a number: a plain integer (`42`, `-3`) or decimal (`0.25`) becomes a number
    /// shown exactly as written; anything else (`007`, `+1`, `1e5`, `inf`, words) stays text.
    public static func inferred(_ s: String) -> Cell {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              digits.filter({ $0 == "." }).count <= 1, digits.first != ".", digits.last != "." else { return .text(s) }
        let whole = digits.split(separator: ".", omittingEmptySubsequences: false)[0]
        guard whole == "0" || !whole.hasPrefix("0") else { return .text(s) }
        if let dot = digits.firstIndex(of: ".") {
            guard let x = Double(s) else { return .text(s) }
            let cell = Cell.fixed(x, digits.distance(from: dot, to: digits.endIndex) - 1)
            return cell.display == s ? cell : .text(s)
        }
        return Int(s).map { .int($0) } ?? .text(s)
    }

    /// The value as a table or CSV shows it (`inf` and `nan` for such numbers, empty when missing).
    public var display: String {
        switch self {
        case .text(let s): return s
        case .int(let n): return String(n)
        case .fixed(let x, let d): return x.isFinite ? Formatting.fixed(x, decimals: d) : Self.nonFinite(x)
        case .probability(let x):
            guard x.isFinite else { return Self.nonFinite(x) }
            return x != 0 && abs(x) < 1e-4 ? formatScientific(x, 2) : Formatting.fixed(x, decimals: 4)
        case .null: return ""
        }
    }

    /// The value as a JSON literal.
    public var json: String {
        switch self {
        case .text(let s): return Escaping.json(s)
        case .int(let n): return String(n)
        case .fixed(let x, _), .probability(let x): return x.isFinite ? display : "null"
        case .null: return "null"
        }
    }

    static func nonFinite(_ x: Double) -> String { x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
}

/// A query's result as a table: typed rows, the provenance that makes each row interpretable on its own
/// (taxonomy digest, windows, parameters), and what a terminal shows by default.
public struct ResultTable: Sendable {
    public var header: [String]
    public var rows: [[Cell]]
    /// Extra columns of every CSV/JSON row; one `#` line above a terminal table.
    public var provenance: [Pair]
    /// The columns a terminal table shows without `--wide` (nil: all).
    public var compact: [String]?
    /// Lines printed above a terminal table only.
    public var notes: [String]
    /// What a terminal shows when there is no row: why, and what to try (an empty table says nothing by itself).
    public var emptyHint: String?

    public struct Pair: Sendable, Hashable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    /// A table of text; values that are plain numbers become numbers (``Cell/inferred(_:)``).
    public init(header: [String], text rows: [[String]], notes: [String] = []) {
        self.init(header: header, rows: rows.map { $0.map(Cell.inferred) }, notes: notes)
    }

    public init(header: [String], rows: [[Cell]], provenance: [Pair] = [], compact: [String]? = nil, notes: [String] = []) {
        self.header = header
        self.rows = rows
        self.provenance = provenance
        self.compact = compact
        self.notes = notes
        self.emptyHint = nil
    }

    /// Renders as an aligned terminal table, CSV, or JSON (an array of objects keyed by the header). Concept IDs
    /// are for machines: a `concept_id` column moves to the end, so that rows start with the name.
    public func render(_ format: OutputFormat, wide: Bool = false) -> String {
        var order = Array(header.indices)
        // The id column, when there is one, comes after everything (provenance included).
        let id = header.firstIndex(of: "concept_id")
        if let id { order.remove(at: id) }
        let tail = id.map { [$0] } ?? []
        switch format {
        case .csv:
            return CSVReport.table(header: order.map { header[$0] } + provenance.map(\.key) + tail.map { header[$0] },
                                   rows: rows.map { r in
                                       order.map { cell(r, $0).display } + provenance.map(\.value) + tail.map { cell(r, $0).display }
                                   })
        case .json:
            guard !rows.isEmpty else { return "[]\n" }
            let keys = (order.map { header[$0] } + provenance.map(\.key) + tail.map { header[$0] }).map { Escaping.json($0) }
            let objects = rows.map { r -> String in
                let values = order.map { cell(r, $0).json } + provenance.map { Escaping.json($0.value) } + tail.map { cell(r, $0).json }
                return "{" + zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
            }
            return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
        case .table:
            var lines = notes
            if !provenance.isEmpty {
                lines.append("# " + provenance.map { p in
                    "\(p.key)=\(p.key == "taxonomy_digest" ? String(p.value.prefix(12)) : p.value)"
                }.joined(separator: " "))
            }
            var shown = order + tail
            if let compact, !wide {
                shown = (order + tail).filter { compact.contains(header[$0]) }
                if shown.count < header.count {
                    lines.append("# \(header.count - shown.count) more columns with --wide or --format csv|json")
                }
            }
            if rows.isEmpty { lines.append("# no rows" + (emptyHint.map { ": " + $0 } ?? "")) }
            return (lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n")
                + Self.align(header: shown.map { header[$0] }, rows: rows.map { r in shown.map { cell(r, $0).display } })
        }
    }

    func cell(_ row: [Cell], _ i: Int) -> Cell { i < row.count ? row[i] : .null }

    /// Terminal columns of `s`: two per East Asian wide character (CJK, Hangul, full-width forms), one per other
    /// character (a character with combining marks is one).
    public static func displayWidth(_ s: String) -> Int {
        s.reduce(0) { w, ch in
            let v = ch.unicodeScalars.first?.value ?? 0
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return w + (wide ? 2 : 1)
        }
    }

    /// Columns padded to their widest value (in terminal columns), under a header and a rule. Values are never cut.
    public static func align(header: [String], rows: [[String]]) -> String {
        var widths = header.map(displayWidth)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(c)) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in i < widths.count ? c + String(repeating: " ", count: widths[i] - displayWidth(c)) : c }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .joined(separator: "\n") + "\n"
    }
}
