import Foundation

/// Places and the names they go by: GeoNames cities (population >= 15,000), countries, continents, US states and
/// ISO 3166-2 first-level regions, as derived by `Taxonomies/places/build.py`. Pure: built from the two tables'
/// text; reading the files is the caller's.
public enum PlaceLevel: String, Sendable, CaseIterable, Comparable {
    case continent, country, admin1, city

    /// Coarse to fine.
    var rank: Int {
        switch self {
        case .continent: 0
        case .country: 1
        case .admin1: 2
        case .city: 3
        }
    }

    public static func < (a: PlaceLevel, b: PlaceLevel) -> Bool { a.rank < b.rank }
}

public struct Place: Sendable, Hashable {
    /// `country:DE`, `admin1:US-CA`, `city:5391959` (GeoNames id), `continent:EU`.
    public var key: String
    public var level: PlaceLevel
    /// ISO 3166-1 alpha-2 (countries), ISO 3166-2 (admin-1), GeoNames id (cities), continent code.
    public var code: String
    public var name: String
    /// ISO 3166-1 alpha-2 country of the place (empty for continents).
    public var country: String
    /// ISO 3166-2 region of the place where known (US cities and regions; empty otherwise).
    public var admin1: String
    public var population: Int
    /// Cities' coordinates (degrees; 0 for other places).
    public var latitude: Double = 0
    public var longitude: Double = 0

    public init(key: String, level: PlaceLevel, code: String, name: String, country: String, admin1: String,
                population: Int, latitude: Double = 0, longitude: Double = 0) {
        self.key = key
        self.level = level
        self.code = code
        self.name = name
        self.country = country
        self.admin1 = admin1
        self.population = population
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in km between two cities.
    public func distance(to other: Place) -> Double {
        let r = Double.pi / 180
        let dLat = (other.latitude - latitude) * r, dLon = (other.longitude - longitude) * r
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * r) * cos(other.latitude * r) * sin(dLon / 2) * sin(dLon / 2)
        return 6371 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }

    /// Whether `other` lies in this place (strictly: a place does not contain itself).
    public func contains(_ other: Place) -> Bool {
        guard other.key != key else { return false }
        switch level {
        case .continent: return false
        case .country: return other.level > .country && other.country == code
        case .admin1: return other.level == .city && other.admin1 == code
        case .city: return false
        }
    }
}

public struct GazetteerError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

/// How a name may be matched.
public enum NameKind: UInt8, Sendable {
    /// Matched in any case once folded.
    case name
    /// A city name that is also a frequent English word (Reading, Bath): only written with a capital, and only
    /// when qualified by a containing place or standing alone.
    case common
    /// A short capital form (NYC, SF, CA, UK): only in exactly that case.
    case abbrev
}

public struct Gazetteer: Sendable {
    public let places: [Place]
    let byKey: [String: Int32]
    /// Folded name -> (place, kind).
    let names: [String: [(place: Int32, kind: NameKind)]]
    /// Exact abbreviation (no dots) -> places.
    let abbreviations: [String: [Int32]]
    /// The most tokens (words, or CJK characters) in any name.
    let longestName: Int

    /// Builds from `places.tsv` (key, level, code, name, country, admin1, population, latitude, longitude) and
    /// `names.tsv` (form, kind, key), each with a header line.
    public init(placesTSV: String, namesTSV: String) throws {
        try self.init(placesTSV: Array(placesTSV.utf8), namesTSV: Array(namesTSV.utf8))
    }

    /// The same from the files' bytes (UTF-8): parsed in place, one String per field kept.
    public init(placesTSV: [UInt8], namesTSV: [UInt8]) throws {
        var places: [Place] = []
        var byKey: [String: Int32] = [:]
        try Self.forEachRow(placesTSV, file: "places.tsv") { line, f in
            guard f.count >= 7, let level = PlaceLevel(rawValue: f[1]) else {
                throw GazetteerError("places.tsv line \(line): expected 7 fields with a known level")
            }
            let p = Place(key: f[0], level: level, code: f[2], name: f[3], country: f[4], admin1: f[5],
                          population: Int(f[6]) ?? 0,
                          latitude: f.count > 7 ? Double(f[7]) ?? 0 : 0, longitude: f.count > 8 ? Double(f[8]) ?? 0 : 0)
            byKey[p.key] = Int32(places.count)
            places.append(p)
        }
        var names: [String: [(place: Int32, kind: NameKind)]] = [:]
        names.reserveCapacity(200_000)
        var abbreviations: [String: [Int32]] = [:]
        var longest = 1
        try Self.forEachRow(namesTSV, file: "names.tsv") { line, f in
            guard f.count >= 3, let i = byKey[f[2]] else {
                throw GazetteerError("names.tsv line \(line): expected form, kind and a known place key")
            }
            switch f[1] {
            case "abbrev": abbreviations[f[0], default: []].append(i)
            case "common", "name":
                names[f[0], default: []].append((i, f[1] == "common" ? .common : .name))
                let form = f[0]
                if form.utf8.count > 12 || !form.utf8.allSatisfy({ $0 < 0x80 }) || form.utf8.contains(0x20) {
                    longest = max(longest, PlaceText.tokenCount(ofFolded: form))
                }
            default: throw GazetteerError("names.tsv line \(line): unknown kind '\(f[1])'")
            }
        }
        self.places = places
        self.byKey = byKey
        self.names = names
        self.abbreviations = abbreviations
        self.longestName = min(longest, 8)
    }

    /// Calls `body` with each data row's 1-based line number and its tab-separated fields (header skipped).
    static func forEachRow(_ bytes: [UInt8], file: String,
                           _ body: (Int, [String]) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buf in
            var line = 0
            var start = 0
            var fields: [String] = []
            fields.reserveCapacity(9)
            let n = buf.count
            while start < n {
                var end = start
                while end < n && buf[end] != 0x0A { end += 1 }
                line += 1
                if line > 1 && end > start {
                    fields.removeAll(keepingCapacity: true)
                    var f = start
                    for k in start...end where k == end || buf[k] == 0x09 {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[f..<k]), as: UTF8.self))
                        f = k + 1
                    }
                    try body(line, fields)
                }
                start = end + 1
            }
        }
    }

    public func place(key: String) -> Place? { byKey[key].map { places[Int($0)] } }

    /// Places whose name (folded) or abbreviation is exactly `name` (the look-up a single name gets).
    public func lookup(_ name: String) -> [Place] {
        var out: [Int32] = []
        let exact = name.trimmingASCIIWhitespace.replacingDots
        out += abbreviations[exact] ?? []
        out += abbreviations[exact.uppercased()] ?? []
        out += (names[PlaceText.fold(name)] ?? []).map(\.place)
        var seen = Set<Int32>()
        return out.filter { seen.insert($0).inserted }.map { places[Int($0)] }
    }
}

extension String {
    var trimmingASCIIWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }

    var replacingDots: String { String(filter { $0 != "." }) }
}
