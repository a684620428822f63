import ArgumentParser
import Foundation
import SkillAnalytics
import SkillMatcher
import SkillPipeline
import SkillReports
import SkillStore
import SkillTaxonomy
import SkillTokenizer

/// `--db PATH`, shared by every command that reads or writes a store.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (created by `analyze`).")
    var db: String
}

/// `--taxonomy DIR`, shared by commands that match text.
struct TaxonomyOption: ParsableArguments {
    @Option(name: .long, help: "Taxonomy directory (default: the shipped Taxonomies/ict-skills).")
    var taxonomy: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Fold diacritics (é = e) in labels and text.")
    var foldDiacritics = true

    func load() throws -> (Taxonomy, Matcher) {
        // The compiled cache (CompiledTaxonomy): $SKILLRADAR_CACHE_DIR, $XDG_CACHE_HOME/skillradar or
        // ~/.cache/skillradar; SKILLRADAR_NO_CACHE=1 builds in memory.
        let dir = try TaxonomyLocator.resolve(taxonomy)
        return try CompiledTaxonomy.load(directory: dir, tokenizerOptions: TokenizerOptions(foldDiacritics: foldDiacritics),
                                         cacheDirectory: CompiledTaxonomy.defaultCacheDirectory())
    }
}

/// How analysis commands print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// `--format table|csv|json`.
struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Tables: every column (CSV and JSON always have every column).")
    var wide = false
}

/// Prints a table as aligned text, CSV, or JSON (an array of objects keyed by the header).
struct TablePrinter {
    var header: [String]
    var rows: [[String]]

    /// Concept IDs are for machines: a `concept_id` column is moved to the end, so tables start with the name.
    init(header: [String], rows: [[String]]) {
        guard let i = header.firstIndex(of: "concept_id"), i < header.count - 1 else {
            self.header = header
            self.rows = rows
            return
        }
        func move(_ r: [String]) -> [String] {
            guard i < r.count else { return r }
            var r = r
            r.append(r.remove(at: i))
            return r
        }
        self.header = move(header)
        self.rows = rows.map(move)
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .csv:
            return CSVReport.table(header: header, rows: rows)
        case .json:
            let objects = rows.map { row in
                "{" + zip(header, row).map { "\(Self.jsonString($0)): \(Self.jsonValue($1))" }.joined(separator: ", ") + "}"
            }
            return "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
        case .table:
            var widths = header.map(\.count)
            for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
            func line(_ r: [String]) -> String {
                r.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
                .joined(separator: "\n") + "\n"
        }
    }

    static func jsonString(_ s: String) -> String { Escaping.json(s) }

    /// Numbers stay numbers in JSON; everything else is a string.
    static func jsonValue(_ s: String) -> String {
        if !s.isEmpty, Double(s) != nil, s.first != "+", !s.hasPrefix("0") || s == "0" || s.hasPrefix("0.") {
            return s
        }
        return jsonString(s)
    }
}

/// Prints to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

func fmt(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)f", x) }

/// Significant-digit formatting for p- and q-values.
func fmtP(_ x: Double) -> String { x < 1e-4 ? String(format: "%.2e", x) : String(format: "%.4f", x) }

extension PeriodGranularity: ExpressibleByArgument {}
extension RegionLevel: ExpressibleByArgument {}

/// The directory laid out like `../shared/data` (ESCO, O*NET, gold data): `explicit`, else
/// `$SKILLRADAR_SHARED_DATA` when set and non-empty, else `../shared/data`.
func sharedDataDirectory(_ explicit: String?) -> String {
    if let explicit { return explicit }
    if let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"], !env.isEmpty { return env }
    return "../shared/data"
}
