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
    @Option(help: "SQLite database file (created by `analyze`).") var db: String

    /// The query layer over the store, read-only.
    func analytics() throws -> Analytics { try Analytics(store: try SkillStore(path: db, readOnly: true)) }
}

/// `--taxonomy DIR`, shared by commands that match text.
struct TaxonomyOption: ParsableArguments {
    @Option(help: "Taxonomy directory (default: the shipped Taxonomies/ict-skills).") var taxonomy: String?
    @Flag(inversion: .prefixedNo, help: "Fold diacritics (é = e) in labels and text.") var foldDiacritics = true

    func load() throws -> (Taxonomy, Matcher) {
        // The compiled cache (CompiledTaxonomy): $SKILLRADAR_CACHE_DIR, $XDG_CACHE_HOME/skillradar or
        // ~/.cache/skillradar; SKILLRADAR_NO_CACHE=1 builds in memory.
        let dir = try TaxonomyLocator.resolve(taxonomy)
        return try CompiledTaxonomy.load(directory: dir, tokenizerOptions: TokenizerOptions(foldDiacritics: foldDiacritics),
                                         cacheDirectory: CompiledTaxonomy.defaultCacheDirectory())
    }

    /// Everyday English words (new terms among them are not shown), read beside the taxonomy.
    func ordinaryWords() throws -> Set<String> { ordinaryEnglishWords(taxonomyDirectory: try TaxonomyLocator.resolve(taxonomy)) }
}

extension OutputFormat: ExpressibleByArgument {}
extension GapRank: ExpressibleByArgument {}

/// `--format table|csv|json`.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
    @Flag(help: "Tables: every column (CSV and JSON always have every column).") var wide = false

    /// Prints a query's result in the chosen format.
    func print(_ table: ResultTable) throws { Swift.print(table.render(format, wide: wide), terminator: "") }
}

/// Prints to standard error.
func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// A number with `digits` decimals, as every table shows it.
func fmt(_ x: Double, _ digits: Int = 4) -> String { Cell.fixed(x, digits).display }

extension PeriodGranularity: ExpressibleByArgument {}
extension RegionLevel: ExpressibleByArgument {}
