import Foundation
import SkillStore

/// The demand aggregates of one taxonomy in memory, for a long-running reader (the query service): postings per
/// (concept, month) over all regions as a dense matrix, and per location string as sparse rows, with the month
/// totals and the places each location string rolls up to. Answers the monthly building blocks of trends,
/// emerging skills, skill lists and gaps in microseconds instead of a scan of the aggregate table; the numbers are
/// exactly the aggregate table's (`DemandCubeTests` compares them with the SQL path).
public struct DemandCube: Sendable {
    /// The store's change stamp when it was read.
    public let stamp: String
    let months: [String]
    let monthIndex: [String: Int]
    let concepts: [String]
    let conceptIndex: [String: Int]
    let regions: [String]
    /// dense[c * width + m]: postings mentioning concept c in month m (m == months.count: undated), all regions.
    let dense: [Int32]
    var width: Int { months.count + 1 }
    /// Per location string: its rows (concept, month, postings).
    let rows: [[(concept: Int32, month: Int16, postings: Int32)]]
    /// totals[r][m]: postings of location string r in month m (undated last).
    let totals: [[Int32]]
    /// Place key -> the location strings that roll up to it; location string -> its places.
    let placeRegions: [String: [Int]]
    let regionPlaces: [[(key: String, level: String, name: String)]]
    let regionIndex: [String: Int]
    /// Analyses computed over this cube.
    public let memo = QueryMemo()

    /// Reads the demand aggregates of `taxonomyID` from `store`.
    public static func load(from store: SkillStore, taxonomyID: Int64, stamp: String) throws -> DemandCube {
        var monthSet = Set<String>(), conceptIndex: [String: Int] = [:], concepts: [String] = []
        var regionIndex: [String: Int] = [:], regions: [String] = []
        var raw: [(Int32, String, Int32, Int32)] = []
        raw.reserveCapacity(1 << 16)
        func regionID(_ r: String) -> Int {
            if let i = regionIndex[r] { return i }
            regionIndex[r] = regions.count
            regions.append(r)
            return regions.count - 1
        }
        try store.forEachDemandAggregate(taxonomyID: taxonomyID) { concept, month, region, n in
            let c: Int
            if let i = conceptIndex[concept] { c = i } else {
                c = concepts.count
                conceptIndex[concept] = c
                concepts.append(concept)
            }
            if month != "undated" { monthSet.insert(month) }
            raw.append((Int32(c), month, Int32(regionID(region)), Int32(n)))
        }
        let periodTotals = try store.demandPeriodTotals()
        for t in periodTotals where t.month != "undated" { monthSet.insert(t.month) }
        for t in periodTotals { _ = regionID(t.region) }
        let months = monthSet.sorted()
        let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
        let width = months.count + 1
        func m(_ month: String) -> Int { monthIndex[month] ?? months.count }
        var dense = [Int32](repeating: 0, count: concepts.count * width)
        var rows = [[(concept: Int32, month: Int16, postings: Int32)]](repeating: [], count: regions.count)
        for (c, month, r, n) in raw {
            let mi = m(month)
            dense[Int(c) * width + mi] += n
            rows[Int(r)].append((c, Int16(mi), n))
        }
        var totals = [[Int32]](repeating: [Int32](repeating: 0, count: width), count: regions.count)
        for t in periodTotals { totals[regionIndex[t.region]!][m(t.month)] += Int32(t.postings) }
        var placeRegions: [String: [Int]] = [:]
        var regionPlaces = [[(key: String, level: String, name: String)]](repeating: [], count: regions.count)
        for p in try store.regionPlaceRows() {
            guard let r = regionIndex[p.region] else { continue }
            placeRegions[p.key, default: []].append(r)
            regionPlaces[r].append((p.key, p.level, p.name))
        }
        return DemandCube(stamp: stamp, months: months, monthIndex: monthIndex, concepts: concepts, conceptIndex: conceptIndex,
                          regions: regions, dense: dense, rows: rows, totals: totals, placeRegions: placeRegions,
                          regionPlaces: regionPlaces, regionIndex: regionIndex)
    }

    /// The location strings a region filter selects: nil = all; a place key: those rolling up to it; else the
    /// string itself (as the SQL filters do).
    func regionSet(_ region: String?) -> [Int]? {
        guard let region else { return nil }
        if SkillStore.isPlaceKey(region) { return placeRegions[region] ?? [] }
        return regionIndex[region].map { [$0] } ?? []
    }

    /// Month index range of a window (nil: every month and the undated).
    func monthRange(_ w: MonthWindow?) -> (lo: Int, hi: Int, undated: Bool) {
        guard let w else { return (0, months.count - 1, true) }
        let lo = months.firstIndex { $0 >= w.from } ?? months.count
        let hi = months.lastIndex { $0 <= w.to } ?? -1
        return (lo, hi, false)
    }

    /// Postings per concept in a window and region (concepts with none left out).
    public func conceptTotals(window: MonthWindow?, region: String?) -> [String: Int] {
        let (lo, hi, undated) = monthRange(window)
        var sums = [Int](repeating: 0, count: concepts.count)
        if let set = regionSet(region) {
            for r in set {
                for row in rows[r] {
                    let mi = Int(row.month)
                    if (mi >= lo && mi <= hi) || (undated && mi == months.count) { sums[Int(row.concept)] += Int(row.postings) }
                }
            }
        } else {
            let w = width
            dense.withUnsafeBufferPointer { d in
                for c in 0..<concepts.count {
                    var s = 0
                    if lo <= hi { for mi in lo...hi { s += Int(d[c * w + mi]) } }
                    if undated { s += Int(d[c * w + months.count]) }
                    sums[c] = s
                }
            }
        }
        var out: [String: Int] = [:]
        for (c, n) in sums.enumerated() where n > 0 { out[concepts[c]] = n }
        return out
    }

    /// Postings in a window and region (undated included without a window).
    public func total(window: MonthWindow?, region: String?) -> Int {
        let (lo, hi, undated) = monthRange(window)
        var s = 0
        for r in regionSet(region) ?? Array(regions.indices) {
            if lo <= hi { for mi in lo...hi { s += Int(totals[r][mi]) } }
            if undated { s += Int(totals[r][months.count]) }
        }
        return s
    }

    /// Dated postings per month in a region.
    public func monthTotals(region: String?) -> [String: Int] {
        var out: [String: Int] = [:]
        for r in regionSet(region) ?? Array(regions.indices) {
            for (mi, month) in months.enumerated() where totals[r][mi] > 0 { out[month, default: 0] += Int(totals[r][mi]) }
        }
        return out
    }

    /// Dated postings per month mentioning each concept (all concepts, or those given) in a region.
    public func monthCounts(region: String?, concepts only: [String]? = nil) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        if let set = regionSet(region) {
            let wanted = only.map { Set($0.compactMap { conceptIndex[$0] }.map(Int32.init)) }
            for r in set {
                for row in rows[r] where Int(row.month) < months.count && (wanted?.contains(row.concept) ?? true) {
                    out[concepts[Int(row.concept)], default: [:]][months[Int(row.month)], default: 0] += Int(row.postings)
                }
            }
            return out
        }
        let ids = only.map { $0.compactMap { conceptIndex[$0] } } ?? Array(concepts.indices)
        for c in ids {
            var series: [String: Int] = [:]
            for (mi, month) in months.enumerated() {
                let n = dense[c * width + mi]
                if n > 0 { series[month] = Int(n) }
            }
            if !series.isEmpty { out[concepts[c]] = series }
        }
        return out
    }

    /// Postings mentioning a concept (all months, the undated included) per location string: (region, postings).
    /// Built once per cube on first use (one pass over the rows), then a lookup.
    func regionTotals(_ c: Int) -> [(region: Int, postings: Int)] {
        let index = memo.value("region totals") { () -> RegionTotals in
            var byConcept = [[(region: Int, postings: Int)]](repeating: [], count: concepts.count)
            for (r, list) in rows.enumerated() {
                var sums: [Int32: Int] = [:]
                for row in list { sums[row.concept, default: 0] += Int(row.postings) }
                for (concept, n) in sums { byConcept[Int(concept)].append((r, n)) }
            }
            return RegionTotals(byConcept: byConcept)
        }
        return index.byConcept[c]
    }

    /// Postings mentioning one concept in a window and region.
    public func postings(concept: String, window: MonthWindow?, region: String?) -> Int {
        guard let c = conceptIndex[concept] else { return 0 }
        let (lo, hi, undated) = monthRange(window)
        if let set = regionSet(region) {
            var s = 0
            for r in set {
                for row in rows[r] where Int(row.concept) == c {
                    let mi = Int(row.month)
                    if (mi >= lo && mi <= hi) || (undated && mi == months.count) { s += Int(row.postings) }
                }
            }
            return s
        }
        var s = 0
        if lo <= hi { for mi in lo...hi { s += Int(dense[c * width + mi]) } }
        if undated { s += Int(dense[c * width + months.count]) }
        return s
    }

    /// Postings mentioning a concept per place of a level (per location string when no place has the level).
    public func places(concept: String, level: String, limit: Int) -> [(key: String, name: String, postings: Int)] {
        guard let c = conceptIndex[concept] else { return [] }
        var byPlace: [String: (name: String, postings: Int)] = [:]
        let placed = !placeRegions.isEmpty
        for (r, n) in regionTotals(c) {
            guard n > 0 else { continue }
            if placed {
                for p in regionPlaces[r] where p.level == level { byPlace[p.key, default: (p.name, 0)].postings += n }
            } else if !regions[r].isEmpty {
                byPlace[regions[r], default: (regions[r], 0)].postings += n
            }
        }
        return byPlace.map { (key: $0.key, name: $0.value.name, postings: $0.value.postings) }
            .sorted { ($1.postings, $0.key) < ($0.postings, $1.key) }.prefix(limit).map { $0 }
    }
}

/// A concept's postings per location string (``DemandCube/regionTotals(_:)``).
struct RegionTotals: Sendable {
    var byConcept: [[(region: Int, postings: Int)]]
}

/// Results computed over one cube (one state of the store), shared by every reader holding it: an analysis that
/// does not depend on a request's other parameters (the growth statuses behind every gap table) is computed once.
public final class QueryMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: any Sendable] = [:]

    public init() {}

    public func value<T: Sendable>(_ key: String, _ compute: () throws -> T) rethrows -> T {
        lock.lock()
        if let v = values[key] as? T {
            lock.unlock()
            return v
        }
        lock.unlock()
        let v = try compute()
        lock.lock()
        if values.count < 4_096 { values[key] = v }
        lock.unlock()
        return v
    }
}
