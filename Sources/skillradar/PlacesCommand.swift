import ArgumentParser
import Foundation
import SkillAnalytics
import SkillPipeline
import SkillReports
import SkillStore
import SkillPlaces

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

        @Argument(help: "Location strings.")
        var strings: [String]

        @OptionGroup var places: PlacesOption
        @OptionGroup var format: FormatOption

        func run() throws {
            let n = try places.load()
            let results = strings.map(n.normalize)
            switch format.format {
            case .table:
                for r in results {
                    print("\(r.raw)\n  -> \(r.summary)")
                    print("     countries: \(r.countries.joined(separator: ", ")); regions: \(r.admin1.joined(separator: ", "))")
                    for e in r.evidence { print("     \(e)") }
                }
            case .csv, .json:
                let header = ["raw", "places", "countries", "admin1", "cities", "remote", "hybrid", "onsite", "confidence"]
                let rows = results.map { r in
                    [r.raw, r.places.map(\.key).joined(separator: ";"), r.countries.joined(separator: ";"),
                     r.admin1.joined(separator: ";"), r.cities.map(\.name).joined(separator: ";"), String(r.remote),
                     String(r.hybrid), String(r.onsite), fmt(r.confidence, 2)]
                }
                print(ResultTable(header: header, text: rows).render(format.format))
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Country and city accuracy on the location gold (Tests/fixtures/places/location-gold.tsv).")

        @Option(name: .long, help: "Gold TSV (default: Tests/fixtures/places/location-gold.tsv).")
        var gold = "Tests/fixtures/places/location-gold.tsv"

        @Option(name: .long, help: "Print this many misses.")
        var misses = 0

        @OptionGroup var places: PlacesOption

        func run() throws {
            let n = try places.load()
            let rows = try PlaceEvaluation.parse(try readUserTextFile(gold))
            let e = PlaceEvaluation(gold: rows, normalizer: n)
            print("location gold: \(e.rows) strings; country accuracy \(fmt(e.countryAccuracy, 3)) (\(e.countryCorrect)); "
                  + "city accuracy \(fmt(e.cityAccuracy, 3)) (\(e.cityCorrect) of \(e.cityRows) with a city); "
                  + "spurious cities \(e.spuriousCities); work mode \(e.modeCorrect)/\(e.modeRows)")
            for (s, v) in e.bySource.sorted(by: { $0.key < $1.key }) {
                let n = String(v.rows), country = v.rows == 0 ? 0 : Double(v.country) / Double(v.rows)
                let city = v.cityRows == 0 ? 0 : Double(v.city) / Double(v.cityRows)
                print("  " + s.padding(toLength: max(18, s.count), withPad: " ", startingAt: 0) + " "
                      + String(repeating: " ", count: max(0, 4 - n.count)) + n
                      + " strings  country \(fmt(country, 3))  city \(fmt(city, 3)) (\(v.cityRows))")
            }
            for m in e.misses.prefix(misses) {
                print("line \(m.row.line) [\(m.row.source) \(m.row.kind)] \(m.row.raw.prefix(90))\n    \(m.what)\n    got: \(m.got.summary)")
            }
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

    @Option(name: .long, help: "country, admin1, city or raw.")
    var level: RegionLevel = .country

    @Flag(name: .long, help: "Training programmes (supply) instead of postings.")
    var supply = false

    @Option(name: .long, help: "Rows to show in a table (CSV and JSON have all).")
    var limit: Int = 30

    func run() throws {
        let a = try Analytics(store: try SkillStore(path: database.db, readOnly: true))
        if level != .raw, try !a.hasPlaces() {
            printError("note: \(database.db) has no normalised locations (analysed without a gazetteer, or no "
                       + "posting has a location); showing the location strings as stored")
        }
        let effective: RegionLevel = try a.hasPlaces() ? level : .raw
        var rows = try a.placeCounts(level: effective, corpus: supply ? .supply : .demand)
        if output.format == .table && rows.count > limit {
            let tail = rows.filter { $0.level == "remote" || $0.level == "unplaced" }
            rows = Array(rows.filter { $0.level != "remote" && $0.level != "unplaced" }.prefix(limit)) + tail
        }
        // CSV and JSON: level, code, name, country, postings (then the provenance); a table adds the share.
        try output.print(QueryTables.places(rows, withShare: output.format == .table, provenance: QueryTables.provenance(
            a, window: nil, [("place_level", effective.rawValue), ("corpus", supply ? "supply" : "demand")])))
    }
}
