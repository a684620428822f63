import Foundation
import SkillAnalytics
import SkillMatcher
import SkillReports
import SkillStore

/// A trends question: the share of postings mentioning skills, period by period.
public struct TrendsRequest: Sendable, Hashable {
    public var granularity: PeriodGranularity = .year
    /// A region as the user wrote it (resolved by ``Analytics/resolveRegion(_:)``).
    public var region: String?
    /// Skills as the user wrote them (IDs, names or aliases); empty: the `top` most demanded.
    public var skills: [String] = []
    public var top = 10
    /// After all regions together, one block per region of `regionLevel` (the `regions` with most postings).
    public var byRegion = false
    public var regionLevel: RegionLevel = .country
    public var regions = 5
    public init() {}
}

/// The questions the CLI asks (and the service will): typed request in, the answer as a ``ResultTable`` with its
/// provenance out. Region and skill names are resolved here, with "did you mean" errors.
public enum QueryService {
    public static func trends(_ a: Analytics, _ r: TrendsRequest) throws -> ResultTable {
        let region = try a.resolveRegion(r.region)
        let concepts = r.skills.isEmpty ? nil : try r.skills.map(a.resolveConcept)
        let series = try a.trends(r.granularity, concepts: concepts, top: r.top, region: region).series
        var blocks: [(region: String, series: [TrendSeries])] = [("(all)", series)]
        if r.byRegion {
            // The same skills in each region, so that the blocks compare.
            let ids = series.map(\.conceptID)
            for key in try a.regionKeys(level: r.regionLevel).filter({ $0 != "remote" }).prefix(r.regions) {
                blocks.append((try a.regionName(key), try a.trends(r.granularity, concepts: ids, region: key).series))
            }
        }
        return try QueryTables.trends(blocks, byRegion: r.byRegion, provenance: QueryTables.provenance(
            a, window: a.analysisWindow(),
            [("granularity", r.granularity.rawValue), ("region", try region.map(a.regionName) ?? "")]
                + (r.byRegion ? [("region_level", r.regionLevel.rawValue)] : [])))
    }

    /// Emerging skills (and, with a matcher, rising terms no taxonomy has): `limit` rows, stable ones only with `all`.
    /// `p.region` is the user's text.
    public static func emerging(_ a: Analytics, _ params: EmergingParameters, limit: Int, all: Bool, matcher: Matcher?,
                                ordinaryWords: Set<String> = []) throws -> ResultTable {
        var p = params
        p.region = try a.resolveRegion(p.region)
        let r = try EmergingQuery.run(a, p, matcher: matcher, ordinaryWords: ordinaryWords)
        var table = try QueryTables.emerging(
            Array(r.rows.filter { all || $0.skill.status != .stable }.prefix(limit)),
            provenance: QueryTables.provenance(a, window: r.window, QueryTables.growthPairs(p)
                + [("new_terms", matcher == nil ? "no" : "yes")]),
            notes: ["recent \(r.window.recent) (\(r.recentTotal) postings) vs reference \(r.window.reference) "
                    + "(\(r.referenceTotal) postings)"]
                + (try emptyWindowNote(a, recent: r.recentTotal, reference: r.referenceTotal, region: p.region)))
        table.emptyHint = "no skill rose or fell significantly (of \(r.rows.count) looked at); --all lists the stable ones; "
            + "wider --recent/--reference windows or a lower --min-support test more"
        return table
    }

    /// A warning when a window holds no dated posting: nothing can be compared (rate ratios are undefined), with the
    /// months the data covers.
    static func emptyWindowNote(_ a: Analytics, recent: Int, reference: Int, region: String?) throws -> [String] {
        guard recent == 0 || reference == 0 else { return [] }
        let months = try a.monthTotals(region: region).keys.sorted()
        let span = months.first.map { "\($0)..\(months.last ?? $0)" } ?? "none"
        return ["warning: the \(reference == 0 ? "reference" : "recent") window holds no dated postings, so no skill "
                + "can be compared (rate ratios are undefined); the dated postings span \(span): choose --recent and "
                + "--reference inside it"]
    }

    /// Growing role (or title) clusters; `coded` says whether the store has occupation codings.
    public static func emergingOccupations(_ a: Analytics, _ params: OccupationParameters, limit: Int,
                                           all: Bool) throws -> (table: ResultTable, coded: Bool) {
        var p = params
        p.growth.region = try a.resolveRegion(p.growth.region)
        let r = try a.emergingOccupations(p)
        let roles = try a.hasRoles()
        var table = try QueryTables.occupationClusters(
            Array(r.clusters.filter { all || $0.growth.status != .stable }.prefix(limit)), roles: roles,
            provenance: QueryTables.provenance(a, window: AnalysisWindow(recent: r.recent, reference: r.reference),
                                               QueryTables.growthPairs(p.growth)
                + [("min_confidence", String(p.minConfidence)), ("coding_available", String(r.codingAvailable)),
                   ("clusters", roles ? "roles" : "titles")]),
            notes: ["recent \(r.recent) vs reference \(r.reference); "
                    + (roles ? "role clusters (the roles postings advertise in their titles and headers)" : "title clusters")
                    + (r.codingAvailable ? "" : " (no occupation coding in the store: all treated as uncoded)")])
        table.emptyHint = "no role cluster grows (of \(r.clusters.count)); --all lists the stable ones; "
            + "--include-coded adds clusters coded to an occupation"
        return (table, r.codingAvailable)
    }

    /// The postings of one role or title cluster.
    public static func clusterPostings(_ a: Analytics, key: String, limit: Int) throws -> ResultTable {
        let rows = try a.clusterPostings(key, limit: limit)
        guard !rows.isEmpty else {
            throw QueryError("no posting has the normalized title '\(key)' (keys are printed by `emerging --occupations`)")
        }
        return QueryTables.postingList(rows.map { ($0, nil) })
    }

    /// One page of the gap rows (`offset`, `limit`; the request's own limit per region block still applies) and
    /// how many rows there are: only the page is formatted. `r.region` is the user's text.
    public static func gapsPage(_ a: Analytics, _ request: GapsRequest, offset: Int, limit: Int) throws -> (table: ResultTable, total: Int) {
        var r = request
        r.region = try a.resolveRegion(r.region)
        let (page, total) = try a.gapRowsPage(r, offset: offset, limit: limit)
        var names: [String: String] = [:]
        for key in Set(page.compactMap(\.region)) { names[key] = try a.regionName(key) }
        return (try QueryTables.gaps(page, regionNames: names, byRegion: r.byRegion, provenance: QueryTables.provenance(
            a, window: a.analysisWindow(r.growth), try gapPairs(a, r.window, region: r.region)
                + [("rank", r.rank.rawValue), ("taught_not_demanded", String(r.taughtNotDemanded))])), total)
    }

    /// Gap rows; `r.region` is the user's text.
    public static func gaps(_ a: Analytics, _ request: GapsRequest) throws -> ResultTable {
        var r = request
        r.region = try a.resolveRegion(r.region)
        let gaps = try a.gapRows(r)
        var names: [String: String] = [:]
        for key in Set(gaps.compactMap(\.region)) { names[key] = try a.regionName(key) }
        var table = try QueryTables.gaps(gaps, regionNames: names, byRegion: r.byRegion, provenance: QueryTables.provenance(
            a, window: a.analysisWindow(r.growth), try gapPairs(a, r.window, region: r.region)
                + [("rank", r.rank.rawValue), ("taught_not_demanded", String(r.taughtNotDemanded))]))
        table.emptyHint = r.taughtNotDemanded ? "no skill is taught more than postings demand it"
            : "no skill is demanded or taught in this selection (check --region and --window)"
        return table
    }

    /// Demanded or emerging skills one programme misses (`r.limit` most demanded).
    public static func programmeGaps(_ a: Analytics, programme: String, _ request: GapsRequest) throws -> ResultTable {
        var p = request.growth
        p.region = try a.resolveRegion(request.region)
        let pairs = try gapPairs(a, request.window, region: p.region)
        return QueryTables.programmeGaps(
            try a.programmeGaps(programme: programme, window: request.window, emerging: p, top: request.limit),
            programme: programme,
            provenance: try QueryTables.provenance(a, window: a.analysisWindow(request.growth),
                                                   pairs + [("programme", programme)]))
    }

    /// Regions whose programmes miss an occupation's essential skills (from `skillsFile`, else ESCO's relations in
    /// `dataDirectory`); `coded` says whether demand counts postings coded to the occupation.
    public static func occupationGaps(_ a: Analytics, occupation name: String, skillsFile: String?, dataDirectory: String,
                                      _ request: GapsRequest) throws -> (table: ResultTable, coded: Bool) {
        let id = try a.occupationID(name)
        let skills = try OccupationEssentials.load(occupation: id, file: skillsFile, dataDirectory: dataDirectory,
                                                   known: a.knownConceptIDs())
        let g = try a.occupationRegionGaps(occupation: id, essential: skills.essential)
        return (QueryTables.occupationRegions(g.regions, provenance: try QueryTables.provenance(
            a, window: nil, try gapPairs(a, request.window, region: a.resolveRegion(request.region))
                + [("occupation", id), ("occupation_skills", skills.source),
                   ("essential_in_taxonomy", "\(skills.essential.count) of \(skills.listed)"),
                   ("coding_available", String(g.coded))])), g.coded)
    }

    /// The window and (resolved) region of a gap question, as provenance.
    static func gapPairs(_ a: Analytics, _ window: MonthWindow?, region: String?) throws -> [(String, String)] {
        [("window", window?.description ?? "all postings"), ("region", try region.map(a.regionName) ?? "")]
    }
}

extension QueryService {
    /// Rising terms of ICT postings that no taxonomy label covers: the table (`limit` rows; stable and declining
    /// ones only with `all`) and every candidate tested, for `--export`. `p.growth.region` is the user's text.
    public static func discover(_ a: Analytics, _ params: DiscoveryParameters, matcher: Matcher, ordinaryWords: Set<String>,
                                limit: Int, all: Bool) throws -> (table: ResultTable, terms: [DiscoveredTerm], window: AnalysisWindow) {
        var p = params
        p.growth.region = try a.resolveRegion(p.growth.region)
        let risers: Set<EmergenceStatus> = [.new, .emerging, .growing, .concentrated]
        guard let result = try NewTerms.discover(a, matcher: matcher, parameters: p, ordinaryWords: ordinaryWords,
                                                 keepDetails: { all || risers.contains($0.status) }) else {
            throw QueryError("no dated postings in the store: discovery needs dates")
        }
        let window = AnalysisWindow(recent: result.recent, reference: result.reference)
        var table = try QueryTables.discovered(
            Array(result.terms.filter { all || risers.contains($0.growth.status) }.prefix(limit)),
            provenance: QueryTables.provenance(a, window: window, [
                ("min_skills", String(p.minSkills)), ("max_n", String(p.maxN)), ("ict_postings", String(result.ictPostings)),
            ] + QueryTables.growthPairs(p.growth)),
            notes: ["\(result.ictPostings) ICT postings (>= \(p.minSkills) skills), \(result.candidates) candidate terms, "
                    + "\(result.survivors) with support >= \(p.growth.minSupport); recent \(result.recent) vs reference \(result.reference)"])
        table.emptyHint = "no candidate term rises; --all lists the stable ones; a lower --min-support or --min-skills tests more"
        return (table, result.terms, window)
    }

    /// The ICT postings containing a discovered term, with its context.
    public static func discoveryPostings(_ a: Analytics, term: String, _ params: DiscoveryParameters, matcher: Matcher,
                                         limit: Int) throws -> ResultTable {
        var p = params
        p.growth.region = try a.resolveRegion(p.growth.region)
        let builder = DiscoveryDocumentBuilder(matcher: matcher, concepts: try a.postingConcepts())
        let rows = try NewTerms.postings(containing: term, analytics: a, builder: builder, discovery: TermDiscovery(parameters: p),
                                         minSkills: p.minSkills, limit: limit)
        guard !rows.isEmpty else {
            throw QueryError("no ICT posting contains the candidate term '\(term)' (terms are printed by `discover`)")
        }
        return QueryTables.postingList(rows.map { ($0.post, $0.context) })
    }

    /// Writes the report (HTML, Markdown, CSV, JSON) of the store to `directory`; returns the files written. With a
    /// matcher, the report lists the rising terms no taxonomy label covers. Returns the report's data too.
    public static func report(_ a: Analytics, database: String, to directory: String, title: String,
                              granularity: PeriodGranularity, top: Int, windows: EmergingParameters, matcher: Matcher?,
                              ordinaryWords: Set<String>) throws -> (data: ReportData, files: [URL]) {
        let data = try ReportAssembly.build(analytics: a, database: database, title: title, granularity: granularity,
                                            top: top, emerging: windows, matcher: matcher, ordinaryWords: ordinaryWords)
        return (data, try ReportWriter().write(data, to: URL(fileURLWithPath: directory)))
    }
}

extension QueryService {
    /// Postings per place of `level` (the location strings as stored when the store has no places; `placed` says
    /// which); at most `limit` places before the remote and unplaced rows (nil: all).
    public static func regions(_ a: Analytics, level: RegionLevel, corpus: Corpus, limit: Int?,
                               withShare: Bool) throws -> (table: ResultTable, placed: Bool) {
        let placed = try a.hasPlaces()
        let effective: RegionLevel = placed ? level : .raw
        var rows = try a.placeCounts(level: effective, corpus: corpus)
        if let limit, rows.count > limit {
            let tail = rows.filter { $0.level == "remote" || $0.level == "unplaced" }
            rows = Array(rows.filter { $0.level != "remote" && $0.level != "unplaced" }.prefix(limit)) + tail
        }
        return (QueryTables.places(rows, withShare: withShare, provenance: try QueryTables.provenance(
            a, window: nil, [("place_level", effective.rawValue), ("corpus", corpus.rawValue)])), placed)
    }
}
