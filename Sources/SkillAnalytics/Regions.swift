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
    /// Whether `region` is a place key rather than a raw location string.
    public static func isPlaceKey(_ region: String) -> Bool { SkillStore.isPlaceKey(region) }

    /// Whether the store has normalised locations.
    public func hasPlaces() throws -> Bool { try store.tableHasRows("region_places") }

    /// The place keys of `level` that some non-duplicate posting (demand or supply) rolls up to, by postings.
    public func regionKeys(level: RegionLevel) throws -> [String] {
        if try level == .raw || !hasPlaces() { return try store.storedRegions() }
        return try store.placeKeys(level: level.rawValue)
    }

    /// A region for people: the place's name with its country or region (`San Francisco (US-CA)`), or the raw
    /// string.
    public func regionName(_ region: String) throws -> String {
        guard Self.isPlaceKey(region) else { return region }
        if region == "remote" { return "remote" }
        guard let p = try store.place(key: region) else { return region }
        let level = p.level, code = p.code, name = p.name, country = p.country
        switch level {
        case "city": return "\(name) (\(country))"
        case "admin1": return "\(name) (\(code))"
        default: return name
        }
    }

    /// Non-duplicate postings of `corpus` per place of `level`, most first, with a `remote` row (remote or hybrid
    /// work) and an `unplaced` row (no location, or one naming no place of that level).
    public func placeCounts(level: RegionLevel, corpus: Corpus = .demand) throws -> [PlaceCount] {
        let total = try store.postingTotals(PostingFilter(corpus: corpus)).postings
        func share(_ n: Int) -> Double { total == 0 ? 0 : Double(n) / Double(total) }
        var out: [PlaceCount] = []
        if level == .raw {
            let counts = try store.regionPostingCounts(PostingFilter(corpus: corpus))
            for (raw, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                out.append(PlaceCount(level: "raw", key: raw.isEmpty ? "unplaced" : raw, code: "", name: raw.isEmpty ? "(none)" : raw,
                                      country: "", postings: n, share: share(n)))
            }
            return out
        }
        for (p, n) in try store.placePostings(corpus: corpus, level: level.rawValue) {
            out.append(PlaceCount(level: level.rawValue, key: p.key, code: p.code, name: p.name, country: p.country,
                                  postings: n, share: share(n)))
        }
        let remote = try store.placedPostings(corpus: corpus, level: "remote")
        if remote > 0 {
            out.append(PlaceCount(level: "remote", key: "remote", code: "remote", name: "remote or hybrid", country: "",
                                  postings: remote, share: share(remote)))
        }
        let placed = try store.placedPostings(corpus: corpus, level: level.rawValue)
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
