import Foundation
import SkillStore

/// Parameters of the emerging-skills analysis.
public struct EmergingParameters: Sendable, Hashable {
    /// Windows; nil = the last 12 months with data against the 24 months before them.
    public var recent: MonthWindow?
    public var reference: MonthWindow?
    /// Minimum postings mentioning the skill (in the recent window for growth, the reference window for decline).
    public var minSupport: Int = 5
    /// False-discovery-rate level for the Benjamini–Hochberg procedure.
    public var fdr: Double = 0.05
    /// Rate-ratio lower CI bound at or above which a significant riser is `emerging` rather than `growing`.
    public var emergingRatio: Double = 1.5
    public var region: String?
    /// A riser needs at least this many distinct (known) employers in the recent window, else `concentrated`.
    public var minEmployers: Int = 3

    public init() {}

    /// The parameters and windows as one string: a key for results computed under them.
    var key: String {
        asDictionary.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            + " \(recent?.description ?? "") \(reference?.description ?? "")"
    }

    /// The parameters as strings, for provenance columns and reports.
    public var asDictionary: [String: String] {
        ["min_support": String(minSupport), "fdr": String(fdr), "emerging_ratio": String(emergingRatio),
         "min_employers": String(minEmployers), "region": region ?? ""]
    }
}

/// Analyses over a store: trends, emerging skills, gaps. Reads aggregates; never writes.
public struct Analytics {
    public let store: SkillStore
    public let taxonomyID: Int64
    public let labels: [String: String]
    /// The demand aggregates in memory (a long-running reader sets it; nil: every figure is read with SQL).
    public var cube: DemandCube?

    /// Uses `taxonomyID`, or the taxonomy of the latest run.
    public init(store: SkillStore, taxonomyID: Int64? = nil) throws {
        self.store = store
        guard let id = try taxonomyID ?? store.latestTaxonomy()?.id else {
            throw StoreError("the database has no runs yet; run `skillradar analyze INPUT --db PATH` first")
        }
        self.taxonomyID = id
        var labels: [String: String] = [:]
        var fromESCO = Set<String>()
        for c in try store.concepts(taxonomyID: id) {
            labels[c.conceptID] = c.label
            if c.source.hasPrefix("esco") { fromESCO.insert(c.conceptID) }
        }
        // Broad concepts (`tools for software configuration management`) are shown with the names postings use
        // for them most often: "tools for software configuration management (Git, SVN)".
        let forms = try store.surfaceForms(taxonomyID: id)
        for (concept, label) in labels where fromESCO.contains(concept) {
            guard let display = Self.displayName(label: label, surfaceForms: (forms[concept] ?? []).map { ($0.form, $0.mentions) })
            else { continue }
            labels[concept] = display
        }
        self.labels = labels
        // The forms each concept was matched as (most mentioned first), read in the same pass.
        var top: [String: [SurfaceForm]] = [:]
        for (concept, list) in forms { top[concept] = list.prefix(20).map { SurfaceForm(form: $0.form, mentions: $0.mentions) } }
        self.topForms = top
    }

    /// Up to 20 forms per concept, as read when this reader was opened.
    let topForms: [String: [SurfaceForm]]

    /// `label (Form1, Form2)` for a broad ESCO concept (a name of two or more lower-case words) whose most frequent
    /// surface forms (each at least 10 % of its mentions) differ from the name; nil otherwise.
    public static func displayName(label: String, surfaceForms: [(String, Int)]) -> String? {
        let words = label.split(separator: " ")
        guard words.filter({ $0.first?.isLowercase ?? false }).count >= 2 else { return nil }
        let total = surfaceForms.reduce(0) { $0 + $1.1 }
        let normalizedLabel = label.lowercased()
        let shown = surfaceForms.filter { f in
            Double(f.1) >= 0.1 * Double(total) && !normalizedLabel.contains(f.0.lowercased())
        }.prefix(2).map(\.0)
        return shown.isEmpty ? nil : label + " (" + shown.joined(separator: ", ") + ")"
    }

    func label(_ id: String) -> String { labels[id] ?? id }

    /// The same analyses (taxonomy, display names) over another connection to the same store: a reader pool
    /// opens one connection per concurrent request without re-reading the labels.
    public func reading(from other: SkillStore) -> Analytics {
        Analytics(store: other, taxonomyID: taxonomyID, labels: labels, topForms: topForms)
    }

    private init(store: SkillStore, taxonomyID: Int64, labels: [String: String], topForms: [String: [SurfaceForm]]) {
        self.store = store
        self.taxonomyID = taxonomyID
        self.labels = labels
        self.topForms = topForms
    }

    // MARK: Monthly building blocks

    /// Non-duplicate postings per month (dated only), optionally in one region.
    public func monthTotals(corpus: Corpus = .demand, region: String? = nil) throws -> [String: Int] {
        if corpus == .demand, let cube { return cube.monthTotals(region: region) }
        return try store.monthTotals(PostingFilter(corpus: corpus, region: region))
    }

    /// Postings mentioning each concept per month: [concept: [month: postings]].
    public func monthCounts(corpus: Corpus = .demand, region: String? = nil) throws -> [String: [String: Int]] {
        if corpus == .demand, let cube { return cube.monthCounts(region: region) }
        return try store.monthConceptCounts(taxonomyID: taxonomyID, PostingFilter(corpus: corpus, region: region))
    }

    /// Every period between the first and last dated posting, in order (empty periods included).
    public func periods(_ g: PeriodGranularity, corpus: Corpus = .demand) throws -> [String] {
        let months = try monthTotals(corpus: corpus).keys.sorted()
        guard let first = months.first, let last = months.last else { return [] }
        var out: [String] = []
        var m = first
        while m <= last {
            if let k = g.key(forISODate: m), out.last != k { out.append(k) }
            m = MonthWindow.shift(m, by: 1)
        }
        return out
    }

    // MARK: Analyses

    /// Headline counts of the demand corpus.
    public func summary() throws -> CorpusSummary {
        let demand = PostingFilter(corpus: .demand)
        let mentions = try store.mentionTotals(taxonomyID: taxonomyID, demand)
        let dates = try store.dateRange(demand)
        return CorpusSummary(
            postings: try store.postingTotals(demand).postings, duplicates: try store.duplicateCount(corpus: .demand),
            quarantined: try store.quarantinedCount(corpus: .demand), postingsWithSkills: mentions.postings,
            mentions: mentions.mentions, distinctSkills: mentions.concepts, firstDate: dates.first, lastDate: dates.last,
            regions: try store.regionPostingCounts(demand))
    }

    /// The most demanded skills (postings mentioning them), optionally in a month window and region.
    public func topSkills(limit: Int = 20, window: MonthWindow? = nil, region: String? = nil,
                          corpus: Corpus = .demand) throws -> [SkillDemand] {
        let f = PostingFilter(corpus: corpus, months: window?.range, region: region)
        let total = try store.postingTotals(f).postings
        return try store.conceptPostings(taxonomyID: taxonomyID, f, limit: limit).map {
            SkillDemand(conceptID: $0.conceptID, label: label($0.conceptID), postings: $0.postings, totalPostings: total,
                        employers: $0.employers)
        }
    }

    /// Trend lines (share of postings per period) of the given concepts, or of the `top` most demanded.
    public func trends(_ g: PeriodGranularity, concepts: [String]? = nil, top: Int = 8,
                       region: String? = nil) throws -> (periods: [String], series: [TrendSeries]) {
        let periods = try self.periods(g)
        var totals: [String: Int] = [:]
        for (month, n) in try monthTotals(region: region) {
            if let k = g.key(forISODate: month) { totals[k, default: 0] += n }
        }
        let counts = try concepts.flatMap { c in cube.map { $0.monthCounts(region: region, concepts: c) } }
            ?? monthCounts(region: region)
        let chosen: [String]
        if let concepts {
            chosen = concepts
        } else {
            let totalsBySkill: [(id: String, n: Int)] = counts.map { (id: $0.key, n: $0.value.values.reduce(0, +)) }
            let ranked = totalsBySkill.sorted { (a: (id: String, n: Int), b: (id: String, n: Int)) -> Bool in
                a.n != b.n ? a.n > b.n : a.id < b.id
            }
            chosen = ranked.prefix(top).map { $0.id }
        }
        let series = chosen.map { id -> TrendSeries in
            var byPeriod: [String: Int] = [:]
            for (month, n) in counts[id] ?? [:] {
                if let k = g.key(forISODate: month) { byPeriod[k, default: 0] += n }
            }
            return TrendSeries(conceptID: id, label: label(id), points: periods.map {
                TrendPoint(period: $0, postings: byPeriod[$0] ?? 0, totalPostings: totals[$0] ?? 0)
            })
        }
        return (periods, series)
    }

    /// The default windows: the last 12 months with data, and the 24 months before them.
    public func defaultWindows() throws -> (recent: MonthWindow, reference: MonthWindow)? {
        guard let last = try monthTotals().keys.max() else { return nil }
        let recentFrom = MonthWindow.shift(last, by: -11)
        return (MonthWindow(from: recentFrom, to: last),
                MonthWindow(from: MonthWindow.shift(recentFrom, by: -24), to: MonthWindow.shift(recentFrom, by: -1)))
    }

    /// Growth of every skill between the reference and recent windows, tested and FDR-controlled, ranked:
    /// new, emerging, growing, stable, declining; within a status by the CI's lower bound of the rate ratio.
    /// `recentTotal` and `referenceTotal` are the windows' postings (the exposure), also when no skill is counted.
    public func emerging(_ params: EmergingParameters) throws -> (recent: MonthWindow, reference: MonthWindow,
                                                                   recentTotal: Int, referenceTotal: Int,
                                                                   skills: [EmergingSkill]) {
        if let memo = cube?.memo {
            // The same growth question over the same state of the store: computed once (gap tables ask it each time).
            let key = "emerging " + params.key
            return try memo.value(key) { try emergingUnmemoized(params) }
        }
        return try emergingUnmemoized(params)
    }

    func emergingUnmemoized(_ params: EmergingParameters) throws -> (recent: MonthWindow, reference: MonthWindow,
                                                                    recentTotal: Int, referenceTotal: Int,
                                                                    skills: [EmergingSkill]) {
        guard let defaults = try defaultWindows() else {
            throw StoreError("no dated postings in the database: emerging skills need dates")
        }
        let recent = params.recent ?? defaults.recent
        let reference = params.reference ?? defaults.reference
        let exposure = Exposure(monthly: try monthTotals(region: params.region),
                                recentByEmployer: try employerTotals(window: recent, region: params.region))
        let byEmployer = try store.conceptEmployerCounts(
            taxonomyID: taxonomyID, PostingFilter(corpus: .demand, months: recent.range, region: params.region))
        let items = try monthCounts(region: params.region).map { id, months in
            KeyCounts(key: id, label: label(id), monthly: months, recentByEmployer: byEmployer[id] ?? [:])
        }
        return (recent, reference, exposure.total(in: recent), exposure.total(in: reference),
                GrowthModel.analyze(items, exposure: exposure, recent: recent, reference: reference, parameters: params))
    }

    /// Non-duplicate demand postings per employer (`""` = unknown) in a window: the exposure of the
    /// leave-one-employer-out check.
    public func employerTotals(window: MonthWindow, region: String? = nil, corpus: Corpus = .demand) throws -> [String: Int] {
        try store.employerTotals(PostingFilter(corpus: corpus, months: window.range, region: region))
    }

    /// Demand share versus supply share per skill; largest positive gaps first. Skills neither demanded nor
    /// taught are left out.
    public func gaps(region: String? = nil, window: MonthWindow? = nil) throws -> [SkillGap] {
        try gapCandidates(region: region, window: window).map {
            var g = $0
            g.label = label(g.conceptID)
            return g
        }.sorted(by: SkillGap.byGap)
    }

    /// Every skill demanded or taught in the selection as a gap row, unordered and without its label (the caller
    /// labels the rows it keeps).
    func gapCandidates(region: String?, window: MonthWindow?) throws -> [SkillGap] {
        // Demand from the aggregate tables (constant in the number of postings; the same counts as a scan of the
        // mentions); supply, small, from the programmes themselves, for its distinct providers.
        let demandFilter = PostingFilter(corpus: .demand, months: window?.range, region: region)
        let demandTotal = try cube?.total(window: window, region: region) ?? store.aggregatePostings(demandFilter)
        let demandBy = try cube?.conceptTotals(window: window, region: region) ?? store.conceptTotals(taxonomyID: taxonomyID, demandFilter)
        let supplyFilter = PostingFilter(corpus: .supply, region: region)
        let supplyTotals = try store.postingTotals(supplyFilter)
        var supplyBy: [String: (Int, Int)] = [:]
        for c in try store.conceptPostings(taxonomyID: taxonomyID, supplyFilter) { supplyBy[c.conceptID] = (c.postings, c.employers) }
        var ids = Array(demandBy.keys)
        ids += supplyBy.keys.filter { demandBy[$0] == nil }
        return ids.map { id in
            var g = SkillGap(conceptID: id, label: "", demandPostings: demandBy[id] ?? 0,
                             demandTotal: demandTotal, supplyProgrammes: supplyBy[id]?.0 ?? 0,
                             supplyTotal: supplyTotals.postings, supplyProviders: supplyBy[id]?.1 ?? 0)
            g.region = region
            g.providersTotal = supplyTotals.employers
            return g
        }
    }

    /// Number of supply records (training programmes) in the store.
    public func supplyCount() throws -> Int {
        try store.postingTotals(PostingFilter(corpus: .supply)).postings
    }

    /// Postings behind a figure: those mentioning `conceptID` (optionally in a window), with the matched text.
    public func drillDown(conceptID: String, window: MonthWindow? = nil, corpus: Corpus = .demand,
                          limit: Int = 20) throws -> [(id: Int64, sourceID: String?, title: String, date: String?,
                                                       matched: String, count: Int, source: String)] {
        return try store.mentionsOf(conceptID: conceptID, taxonomyID: taxonomyID,
                             PostingFilter(corpus: corpus, months: window?.range), limit: limit).map {
            ($0.postingID, $0.sourceID, $0.title, $0.date, $0.matched, $0.count, $0.source)
        }
    }
}
