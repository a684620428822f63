import Foundation
import SkillIO

/// Scores a ``PlaceNormalizer`` against a location gold (Tests/fixtures/places/location-gold.tsv): per string,
/// the set of countries and the set of cities must equal the annotated ones.
public struct PlaceGoldRow: Sendable {
    public var source: String
    public var kind: String
    public var raw: String
    public var countries: [String]
    public var admin1: [String]
    /// GeoNames ids.
    public var cities: [String]
    public var modes: [String]
    public var line: Int
}

public struct PlaceEvaluation: Sendable {
    public struct Miss: Sendable {
        public var row: PlaceGoldRow
        public var got: PlaceResolution
        public var what: String
    }

    public var rows = 0
    public var countryCorrect = 0
    public var cityRows = 0
    public var cityCorrect = 0
    /// Strings with no annotated city for which a city was predicted.
    public var spuriousCities = 0
    public var modeRows = 0
    public var modeCorrect = 0
    public var misses: [Miss] = []
    public var bySource: [String: (rows: Int, country: Int, cityRows: Int, city: Int)] = [:]

    public var countryAccuracy: Double { rows == 0 ? 0 : Double(countryCorrect) / Double(rows) }
    public var cityAccuracy: Double { cityRows == 0 ? 0 : Double(cityCorrect) / Double(cityRows) }

    public static func parse(_ tsv: String) throws -> [PlaceGoldRow] {
        var out: [PlaceGoldRow] = []
        for (n, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n > 0 {
            if line.isEmpty { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 7 else { throw GazetteerError("location gold line \(n + 1): expected 8 columns") }
            func list(_ s: String) -> [String] { s.split(separator: ";").map(String.init).filter { !$0.isEmpty } }
            out.append(PlaceGoldRow(source: f[0], kind: f[1], raw: f[2], countries: list(f[3]).sorted(),
                                    admin1: list(f[4]).sorted(),
                                    cities: list(f[5]).map { String($0.split(separator: ":").first ?? "") }.sorted(),
                                    modes: list(f[6]).sorted(), line: n + 1))
        }
        return out
    }

    /// `locate` resolves a `text` row (a posting's opening text); `normalize` a `field` row.
    public init(gold: [PlaceGoldRow], normalizer: PlaceNormalizer) {
        for row in gold {
            let got = row.kind == "text" ? (normalizer.locate(title: "", text: row.raw.replacingOccurrences(of: " ⏎ ", with: "\n"))?.resolution
                                             ?? PlaceResolution(raw: row.raw))
                : normalizer.normalize(row.raw)
            rows += 1
            var s = bySource[row.source] ?? (0, 0, 0, 0)
            s.rows += 1
            var what: [String] = []
            if got.countries == row.countries {
                countryCorrect += 1
                s.country += 1
            } else {
                what.append("countries \(got.countries) != \(row.countries)")
            }
            let cities = got.cities.map(\.code).sorted()
            if !row.cities.isEmpty {
                cityRows += 1
                s.cityRows += 1
                if cities == row.cities { cityCorrect += 1; s.city += 1 } else { what.append("cities \(cities) != \(row.cities)") }
            } else if !cities.isEmpty {
                spuriousCities += 1
                what.append("cities \(cities), none annotated")
            }
            var modes: [String] = []
            if got.remote { modes.append("remote") }
            if got.hybrid { modes.append("hybrid") }
            if got.onsite { modes.append("onsite") }
            if !row.modes.isEmpty || !modes.isEmpty {
                modeRows += 1
                if modes.sorted() == row.modes { modeCorrect += 1 }
            }
            bySource[row.source] = s
            if !what.isEmpty { misses.append(Miss(row: row, got: got, what: what.joined(separator: "; "))) }
        }
    }
}

extension PlaceEvaluation {
    /// The figures as `places evaluate` prints them: overall accuracies, one line per source, then up to
    /// `misses` misses with what was expected and what came out.
    public func summaryLines(misses shown: Int) -> [String] {
        var out = ["location gold: \(rows) strings; country accuracy \(formatFixed(countryAccuracy, 3)) (\(countryCorrect)); "
                   + "city accuracy \(formatFixed(cityAccuracy, 3)) (\(cityCorrect) of \(cityRows) with a city); "
                   + "spurious cities \(spuriousCities); work mode \(modeCorrect)/\(modeRows)"]
        for (s, v) in bySource.sorted(by: { $0.key < $1.key }) {
            let country = v.rows == 0 ? 0 : Double(v.country) / Double(v.rows)
            let city = v.cityRows == 0 ? 0 : Double(v.city) / Double(v.cityRows)
            out.append("  " + formatPadded(s, width: 18, leftAligned: true) + " " + formatInteger(v.rows, width: 4)
                       + " strings  country \(formatFixed(country, 3))  city \(formatFixed(city, 3)) (\(v.cityRows))")
        }
        for m in misses.prefix(shown) {
            out.append("line \(m.row.line) [\(m.row.source) \(m.row.kind)] \(m.row.raw.prefix(90))\n    \(m.what)\n    got: \(m.got.summary)")
        }
        return out
    }
}

extension PlaceResolution {
    /// How `places normalize` explains a resolution: the summary, countries and regions, and the evidence.
    public var explanationLines: [String] {
        ["\(raw)\n  -> \(summary)", "     countries: \(countries.joined(separator: ", ")); regions: \(admin1.joined(separator: ", "))"]
            + evidence.map { "     \($0)" }
    }

    /// The CSV/JSON columns of `places normalize`.
    public static let tableHeader = ["raw", "places", "countries", "admin1", "cities", "remote", "hybrid", "onsite", "confidence"]

    public var tableRow: [String] {
        [raw, places.map(\.key).joined(separator: ";"), countries.joined(separator: ";"), admin1.joined(separator: ";"),
         cities.map(\.name).joined(separator: ";"), String(remote), String(hybrid), String(onsite), formatFixed(confidence, 2)]
    }
}
