import Foundation
import SkillStore

/// The levels at which postings are aggregated by place. `raw` is the location string as stored.
public enum RegionLevel: String, Sendable, CaseIterable {
    case country, admin1, city, raw
}

/// Postings of one place: a row of `skillradar regions` and of the report's regions section.
public struct PlaceCount: Sendable, Codable, Hashable {
    public var level: String
    /// `country:DE`, `admin1:US-CA`, `city:5391959`, `remote`, `unplaced`, or a raw string (level `raw`).
    public var key: String
    /// ISO code, GeoNames id, `remote` or `unplaced`.
    public var code: String
    public var name: String
    public var country: String
    public var postings: Int
    /// Share of all non-duplicate postings of the corpus.
    public var share: Double
}

/// Places: regional filters and counts over the normalised locations (`region_places`).
///
/// A region filter is either a place key (`country:DE`, `admin1:US-CA`, `city:2643743`, `remote`), which selects
/// every posting whose location string rolls up to that place, or a raw location string as stored (corpora whose
/// regions are not places, such as the synthetic ones).
extension Analytics {
    static let placeKeyPrefixes = ["country:", "admin1:", "city:", "continent:"]

    /// Whether `region` is a place key rather than a raw location string.
    public static func isPlaceKey(_ region: String) -> Bool {
        region == "remote" || placeKeyPrefixes.contains { region.hasPrefix($0) }
    }

    /// The SQL condition selecting rows of `column` (a raw region column) in `region`, with one `?` for it.
    static func regionCondition(_ column: String, _ region: String) -> String {
        isPlaceKey(region) ? "\(column) IN (SELECT region FROM region_places WHERE place_key = ?)" : "\(column) = ?"
    }

    /// Whether the store has normalised locations.
    public func hasPlaces() throws -> Bool { try tableHasRows("region_places") }

    /// The place keys of `level` that some non-duplicate posting (demand or supply) rolls up to, by postings.
    public func regionKeys(level: RegionLevel) throws -> [String] {
        let places = try hasPlaces()
        if level == .raw || !places {
            return try store.db.prepare("""
                SELECT region FROM postings WHERE duplicate_of IS NULL AND region IS NOT NULL AND region != ''
                GROUP BY 1 ORDER BY count(*) DESC, 1
                """).rows().compactMap { $0[0].string }
        }
        return try store.db.prepare("""
            SELECT rp.place_key FROM postings p JOIN region_places rp ON rp.region = p.region
            WHERE p.duplicate_of IS NULL AND rp.level = ? GROUP BY 1 ORDER BY count(*) DESC, 1
            """).rows([.text(level.rawValue)]).compactMap { $0[0].string }
    }

    /// A region for people: the place's name with its country or region (`San Francisco (US-CA)`), or the raw
    /// string.
    public func regionName(_ region: String) throws -> String {
        guard Self.isPlaceKey(region) else { return region }
        if region == "remote" { return "remote" }
        guard let r = try store.db.prepare("SELECT level, code, name, country FROM region_places WHERE place_key = ? LIMIT 1")
            .rows([.text(region)]).first else { return region }
        let level = r[0].string ?? "", code = r[1].string ?? "", name = r[2].string ?? "", country = r[3].string ?? ""
        switch level {
        case "city": return "\(name) (\(country))"
        case "admin1": return "\(name) (\(code))"
        default: return name
        }
    }

    /// Non-duplicate postings of `corpus` per place of `level`, most first, with a `remote` row (remote or hybrid
    /// work) and an `unplaced` row (no location, or one naming no place of that level).
    public func placeCounts(level: RegionLevel, corpus: Corpus = .demand) throws -> [PlaceCount] {
        let total = try store.db.prepare("SELECT count(*) FROM postings WHERE corpus = ? AND duplicate_of IS NULL")
            .rows([.text(corpus.rawValue)]).first?[0].int ?? 0
        func share(_ n: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
        var out: [PlaceCount] = []
        if level == .raw {
            for r in try store.db.prepare("""
                SELECT coalesce(region, ''), count(*) FROM postings WHERE corpus = ? AND duplicate_of IS NULL
                GROUP BY 1 ORDER BY 2 DESC, 1
                """).rows([.text(corpus.rawValue)]) {
                let raw = r[0].string ?? ""
                out.append(PlaceCount(level: "raw", key: raw.isEmpty ? "unplaced" : raw, code: "", name: raw.isEmpty ? "(none)" : raw,
                                      country: "", postings: r[1].int, share: share(r[1].int)))
            }
            return out
        }
        for r in try store.db.prepare("""
            SELECT rp.place_key, rp.code, rp.name, rp.country, count(*) FROM postings p
            JOIN region_places rp ON rp.region = p.region
            WHERE p.corpus = ? AND p.duplicate_of IS NULL AND rp.level = ?
            GROUP BY 1 ORDER BY 5 DESC, 3
            """).rows([.text(corpus.rawValue), .text(level.rawValue)]) {
            out.append(PlaceCount(level: level.rawValue, key: r[0].string ?? "", code: r[1].string ?? "",
                                  name: r[2].string ?? "", country: r[3].string ?? "", postings: r[4].int,
                                  share: share(r[4].int)))
        }
        let remote = try store.db.prepare("""
            SELECT count(*) FROM postings WHERE corpus = ? AND duplicate_of IS NULL
              AND region IN (SELECT region FROM region_places WHERE place_key = 'remote')
            """).rows([.text(corpus.rawValue)]).first?[0].int ?? 0
        if remote > 0 {
            out.append(PlaceCount(level: "remote", key: "remote", code: "remote", name: "remote or hybrid", country: "",
                                  postings: remote, share: share(remote)))
        }
        let placed = try store.db.prepare("""
            SELECT count(*) FROM postings WHERE corpus = ? AND duplicate_of IS NULL
              AND region IN (SELECT region FROM region_places WHERE level = ?)
            """).rows([.text(corpus.rawValue), .text(level.rawValue)]).first?[0].int ?? 0
        out.append(PlaceCount(level: "unplaced", key: "unplaced", code: "unplaced",
                              name: "no \(level == .admin1 ? "first-level region" : level.rawValue)", country: "",
                              postings: total - placed, share: share(total - placed)))
        return out
    }
}

extension Analytics {
    /// The report's regions: the countries with most postings, each followed by its cities with most postings,
    /// then the remote and unplaced rows. Without normalised locations: the location strings as stored.
    public func regionHierarchy(countries: Int = 12, citiesPerCountry: Int = 3) throws -> [PlaceCount] {
        guard try hasPlaces() else { return Array(try placeCounts(level: .raw).prefix(countries + 1)) }
        let all = try placeCounts(level: .country)
        let cities = try placeCounts(level: .city).filter { $0.level == "city" }
        var out: [PlaceCount] = []
        for c in all.filter({ $0.level == "country" }).prefix(countries) {
            out.append(c)
            out += cities.filter { $0.country == c.code }.prefix(citiesPerCountry)
        }
        let others = all.filter { $0.level == "country" }.dropFirst(countries)
        if !others.isEmpty {
            let n = others.reduce(0) { $0 + $1.postings }
            out.append(PlaceCount(level: "country", key: "other", code: "", name: "\(others.count) other countries",
                                  country: "", postings: n, share: others.reduce(0) { $0 + $1.share }))
        }
        out += all.filter { $0.level == "remote" || $0.level == "unplaced" }
        return out
    }
}
