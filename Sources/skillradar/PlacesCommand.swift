import ArgumentParser
import Foundation
import SkillAnalytics
import SkillPipeline
import SkillPlaces
import SkillReports

/// `--places DIR`: the gazetteer (default: the shipped Taxonomies/places).
struct PlacesOption: ParsableArguments {
    @Option(name: .customLong("places"), help: "Gazetteer directory (default: $SKILLRADAR_PLACES or the shipped Taxonomies/places).")
    var dir: String?

    func load() throws -> PlaceNormalizer { try PlaceLoading.normalizer(dir) }
}

/// `skillradar places`: normalise location strings to places and score the normaliser on the location gold.
struct Places: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "places",
        abstract: "Normalise free-text locations to countries, regions and cities (GeoNames), and evaluate it.",
        discussion: """
        The gazetteer (Taxonomies/places, derived from GeoNames, CC BY 4.0, and ISO 3166 names from Debian's \
        iso-codes) holds 34,006 cities of 15,000 people or more, countries, continents, US states and ISO 3166-2 \
        regions, with their names in many languages.
          skillradar places normalize "San Francisco, CA, USA" "NYC | SF | Remote" "北京市朝阳区"
          skillradar places evaluate --misses 20
        """,
        subcommands: [Normalize.self, Evaluate.self])

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the places each location string names, with the evidence for every decision.")

        @Argument(help: "Location strings.") var strings: [String]
        @OptionGroup var places: PlacesOption
        @OptionGroup var format: FormatOption

        func run() throws {
            let n = try places.load()
            let results = strings.map(n.normalize)
            if format.format == .table { return results.flatMap(\.explanationLines).forEach { print($0) } }
            print(ResultTable(header: PlaceResolution.tableHeader, text: results.map(\.tableRow)).render(format.format))
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Country and city accuracy on the location gold (Tests/fixtures/places/location-gold.tsv).")

        @Option(help: "Gold TSV (default: Tests/fixtures/places/location-gold.tsv).")
        var gold = "Tests/fixtures/places/location-gold.tsv"

        @Option(help: "Print this many misses.") var misses = 0
        @OptionGroup var places: PlacesOption

        func run() throws {
            let n = try places.load()
            let rows = try PlaceEvaluation.parse(try readUserTextFile(gold))
            PlaceEvaluation(gold: rows, normalizer: n).summaryLines(misses: misses).forEach { print($0) }
        }
    }
}

/// The UTF-8 text of a file the user named (a gold set); a clear error when it cannot be read.
func readUserTextFile(_ path: String) throws -> String {
    guard let d = FileManager.default.contents(atPath: path) else {
        throw ValidationError("cannot read \(path)")
    }
    return String(decoding: d, as: UTF8.self)
}

/// `skillradar regions`: postings per country, first-level region or city, with remote and unplaced rows.
struct Regions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Postings per place: country, first-level region (state, province) or city.",
        discussion: """
        Locations are normalised when postings are analysed (skillradar places normalize shows how). CSV columns: \
        level, code, name, country, postings, share; code is an ISO code, a GeoNames id, remote, or unplaced. \
        --level raw lists the location strings as stored.
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: FormatOption
    @Option(help: "country, admin1, city or raw.") var level: RegionLevel = .country
    @Flag(help: "Training programmes (supply) instead of postings.") var supply = false
    @Option(help: "Rows to show in a table (CSV and JSON have all).") var limit: Int = 30

    func run() throws {
        // CSV and JSON: level, code, name, country, postings (then the provenance); a table adds the share.
        let table = output.format == .table
        let r = try QueryService.regions(try database.analytics(), level: level, corpus: supply ? .supply : .demand,
                                         limit: table ? limit : nil, withShare: table)
        if level != .raw, !r.placed {
            printError("note: \(database.db) has no normalised locations (analysed without a gazetteer, or no "
                       + "posting has a location); showing the location strings as stored")
        }
        try output.print(r.table)
    }
}
