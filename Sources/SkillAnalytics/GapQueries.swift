import Foundation
import SkillStore

/// Essential (or optional) skills of an occupation, as read from `--occupation-skills FILE`.
public struct OccupationSkill: Sendable, Hashable {
    public var occupationID: String
    public var conceptID: String
    public var relation: String
}

/// A malformed line of an occupation-skills file.
public struct OccupationSkillsError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Per region: which essential skills of an occupation no programme of the region covers.
public struct RegionCoverage: Sendable, Codable, Hashable {
    public var region: String
    /// Demand postings coded to the occupation in the region (all demand postings when uncoded).
    public var demandPostings: Int
    public var programmes: Int
    public var essentialSkills: Int
    public var coveredSkills: Int
    /// Essential skills no programme of the region covers, as (concept id, label).
    public var missing: [String]
    public var coverage: Double { essentialSkills == 0 ? 0 : Double(coveredSkills) / Double(essentialSkills) }
}

/// A demanded or emerging skill a programme does not cover.
public struct ProgrammeGap: Sendable, Codable, Hashable {
    public var conceptID: String
    public var label: String
    public var demandShare: Double
    public var demandPostings: Int
    /// Why it is listed: `top-demand` and/or the growth status (`new`, `emerging`, `growing`).
    public var reason: String
}

extension Analytics {
    /// Parses `occupation_id<TAB>concept_id<TAB>relation` lines (`#` comments and a header line allowed).
    public static func parseOccupationSkills(_ text: String) throws -> [OccupationSkill] {
        var out: [OccupationSkill] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if out.isEmpty, f.first?.lowercased() == "occupation_id" { continue }
            guard f.count >= 2, f.count <= 3, !f[0].isEmpty, !f[1].isEmpty else {
                throw OccupationSkillsError(line: i + 1, message:
                    "expected occupation_id<TAB>concept_id<TAB>relation, got \(f.count) field(s): '\(line.prefix(80))'")
            }
            out.append(OccupationSkill(occupationID: f[0], conceptID: f[1], relation: f.count == 3 ? f[2].lowercased() : "essential"))
        }
        return out
    }

    /// Skills a programme (supply posting by source id or row id) misses: the `top` most demanded skills and
    /// the new/emerging/growing ones, minus those its text mentions. Most demanded first.
    public func programmeGaps(programme: String, window: MonthWindow?, emerging params: EmergingParameters,
                              top: Int = 30) throws -> (title: String, gaps: [ProgrammeGap]) {
        let row = try resolveProgramme(programme)
        let covered = try store.conceptIDs(ofPosting: row.id, taxonomyID: taxonomyID)
        var reasons: [String: [String]] = [:]
        var demand: [String: SkillDemand] = [:]
        // The most demanded skills from the aggregates (the same postings counts as a scan of the mentions; the
        // employers of a skill are not part of a programme's gap).
        for d in try skillCounts(window: window).skills.prefix(top) {
            reasons[d.conceptID, default: []].append("top-demand")
            demand[d.conceptID] = SkillDemand(conceptID: d.conceptID, label: d.label, postings: d.postings,
                                              totalPostings: d.totalPostings, employers: 0)
        }
        if try defaultWindows() != nil {
            for e in try emerging(params).skills where [.new, .emerging, .growing].contains(e.status) {
                reasons[e.conceptID, default: []].append(e.status.rawValue)
                if demand[e.conceptID] == nil {
                    demand[e.conceptID] = SkillDemand(conceptID: e.conceptID, label: e.label, postings: e.recentPostings,
                                                      totalPostings: e.recentTotal, employers: e.recentEmployers)
                }
            }
        }
        let gaps = reasons.filter { !covered.contains($0.key) }.compactMap { id, why -> ProgrammeGap? in
            guard let d = demand[id] else { return nil }
            return ProgrammeGap(conceptID: id, label: label(id), demandShare: d.share, demandPostings: d.postings,
                                reason: why.joined(separator: "+"))
        }.sorted { $0.demandShare != $1.demandShare ? $0.demandShare > $1.demandShare : $0.conceptID < $1.conceptID }
        return (row.title, gaps)
    }

    /// For each region with demand: which of `essential` skills no programme of that region covers.
    /// Demand per region counts postings coded to `occupation` when `posting_occupations` has any, else all
    /// postings (the caller says so). Regions lacking most coverage first.
    public func occupationRegionGaps(occupation: String, essential: [String]) throws
        -> (coded: Bool, regions: [RegionCoverage]) {
        let coded = try occupationCodingAvailable()
        let demandByRegion = coded ? try store.occupationPostingsByRegion(occupation)
            : try store.regionPostingCounts(PostingFilter(corpus: .demand))
        let programmes = try store.regionPostingCounts(PostingFilter(corpus: .supply))
        var coveredIn: [String: Set<String>] = [:]
        let want = Set(essential)
        for (region, concept) in try store.regionConcepts(taxonomyID: taxonomyID, PostingFilter(corpus: .supply))
        where want.contains(concept) {
            coveredIn[region, default: []].insert(concept)
        }
        let ordered = essential.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var out: [RegionCoverage] = []
        for (region, n) in demandByRegion where n > 0 {
            let have = coveredIn[region] ?? []
            let missing = ordered.filter { !have.contains($0) }
            out.append(RegionCoverage(region: region, demandPostings: n, programmes: programmes[region] ?? 0,
                                      essentialSkills: ordered.count, coveredSkills: ordered.count - missing.count,
                                      missing: missing.map { "\($0) (\(label($0)))" }))
        }
        out.sort { (a: RegionCoverage, b: RegionCoverage) -> Bool in
            if a.coverage != b.coverage { return a.coverage < b.coverage }
            if a.demandPostings != b.demandPostings { return a.demandPostings > b.demandPostings }
            return a.region < b.region
        }
        return (coded, out)
    }

    /// Gap rows for all regions together and then each region (demand and supply filtered alike), with the
    /// demand growth status of each skill (all regions) attached.
    public func gapMatrix(window: MonthWindow?, byRegion: Bool, level: RegionLevel = .country,
                          emerging params: EmergingParameters?) throws -> [SkillGap] {
        let status = try params.map(growthStatuses) ?? [:]
        var regions: [String?] = [nil]
        if byRegion {
            regions += try regionKeys(level: level).map { Optional($0) }
        }
        var out: [SkillGap] = []
        for r in regions {
            for var g in try gaps(region: r, window: window) {
                g.demandStatus = status[g.conceptID]?.status
                g.demandRateRatio = status[g.conceptID]?.rateRatio
                out.append(g)
            }
        }
        return out
    }
}

extension Analytics {
    /// Each skill's growth status and rate ratio under `params` (none when no posting is dated); computed once per
    /// state of the store when the demand aggregates are in memory (every gap table asks for them).
    func growthStatuses(_ params: EmergingParameters) throws -> [String: GrowthStatus] {
        guard try defaultWindows() != nil else { return [:] }
        let build = { () throws -> [String: GrowthStatus] in
            var st: [String: GrowthStatus] = [:]
            for e in try emerging(params).skills { st[e.conceptID] = GrowthStatus(status: e.status, rateRatio: e.rateRatio) }
            return st
        }
        guard let memo = cube?.memo else { return try build() }
        return try memo.value("statuses " + params.key, build)
    }
}

/// A skill's growth status and rate ratio, as a gap row shows them.
struct GrowthStatus: Sendable {
    var status: EmergenceStatus
    var rateRatio: Double
}
