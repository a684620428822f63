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

    /// Uses `taxonomyID`, or the taxonomy of the latest run.
    public init(store: SkillStore, taxonomyID: Int64? = nil) throws {
        self.store = store
        guard let id = try taxonomyID ?? store.latestTaxonomy()?.id else {
            throw StoreError("the database has no runs yet; run `skillradar analyze INPUT --db PATH` first")
        }
        self.taxonomyID = id
        var labels: [String: String] = [:]
        var fromESCO = Set<String>()
        for r in try store.db.prepare("SELECT concept_id, label, source FROM concepts WHERE taxonomy_id = ?").rows([.int(id)]) {
            labels[r[0].string ?? ""] = r[1].string ?? ""
            if (r[2].string ?? "").hasPrefix("esco") { fromESCO.insert(r[0].string ?? "") }
        }
        // Broad concepts (`tools for software configuration management`) are shown with the names postings use
        // for them most often: "tools for software configuration management (Git, SVN)".
        var forms: [String: [(String, Int)]] = [:]
        for r in try store.db.prepare("""
            SELECT m.concept_id, m.matched_text, count(*) AS n FROM mentions m
            WHERE m.taxonomy_id = ? GROUP BY m.concept_id, lower(m.matched_text) ORDER BY m.concept_id, n DESC
            """).rows([.int(id)]) {
            forms[r[0].string ?? "", default: []].append((r[1].string ?? "", r[2].int))
        }
        for (concept, label) in labels where fromESCO.contains(concept) {
            guard let display = Self.displayName(label: label, surfaceForms: forms[concept] ?? []) else { continue }
            labels[concept] = display
        }
        self.labels = labels
    }

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

    // MARK: Monthly building blocks

    /// Non-duplicate postings per month (dated only), optionally in one region.
    public func monthTotals(corpus: Corpus = .demand, region: String? = nil) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let sql = "SELECT period_month, sum(postings) FROM agg_period_totals WHERE corpus = ? AND period_month != 'undated'"
            + (region.map { " AND " + Self.regionCondition("region", $0) } ?? "") + " GROUP BY 1"
        for r in try store.db.prepare(sql).rows([.text(corpus.rawValue)] + (region.map { [.text($0)] } ?? [])) {
            out[r[0].string ?? ""] = r[1].int
        }
        return out
    }

    /// Postings mentioning each concept per month: [concept: [month: postings]].
    public func monthCounts(corpus: Corpus = .demand, region: String? = nil) throws -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        let sql = """
            SELECT concept_id, period_month, sum(postings) FROM agg_skill_month
            WHERE taxonomy_id = ? AND corpus = ? AND period_month != 'undated'
            """ + (region.map { " AND " + Self.regionCondition("region", $0) } ?? "") + " GROUP BY 1, 2"
        let args: [SQLValue] = [.int(taxonomyID), .text(corpus.rawValue)] + (region.map { [.text($0)] } ?? [])
        for r in try store.db.prepare(sql).rows(args) {
            out[r[0].string ?? "", default: [:]][r[1].string ?? ""] = r[2].int
        }
        return out
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
        let db = store.db
        let one = { (sql: String) throws -> SQLValue in try db.prepare(sql).rows().first?[0] ?? .null }
        var regions: [String: Int] = [:]
        for r in try db.prepare("""
            SELECT coalesce(region, ''), count(*) FROM postings
            WHERE corpus = 'demand' AND duplicate_of IS NULL GROUP BY 1
            """).rows() { regions[r[0].string ?? ""] = r[1].int }
        let mentionsRow = try db.prepare("""
            SELECT count(DISTINCT m.posting_id), coalesce(sum(m.count), 0), count(DISTINCT m.concept_id)
            FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE p.corpus = 'demand' AND p.duplicate_of IS NULL AND m.taxonomy_id = ?
            """).rows([.int(taxonomyID)]).first ?? []
        return CorpusSummary(
            postings: try one("SELECT count(*) FROM postings WHERE corpus = 'demand' AND duplicate_of IS NULL").int,
            duplicates: try one("SELECT count(*) FROM postings WHERE corpus = 'demand' AND duplicate_of IS NOT NULL").int,
            quarantined: try one("""
                SELECT count(*) FROM (SELECT DISTINCT source_path, line, byte_offset FROM quarantine q
                JOIN runs r ON r.id = q.run_id WHERE r.corpus = 'demand')
                """).int,
            postingsWithSkills: mentionsRow.first?.int ?? 0,
            mentions: mentionsRow.count > 1 ? mentionsRow[1].int : 0,
            distinctSkills: mentionsRow.count > 2 ? mentionsRow[2].int : 0,
            firstDate: try one("SELECT min(date) FROM postings WHERE corpus = 'demand' AND duplicate_of IS NULL").string,
            lastDate: try one("SELECT max(date) FROM postings WHERE corpus = 'demand' AND duplicate_of IS NULL").string,
            regions: regions)
    }

    /// The most demanded skills (postings mentioning them), optionally in a month window and region.
    public func topSkills(limit: Int = 20, window: MonthWindow? = nil, region: String? = nil,
                          corpus: Corpus = .demand) throws -> [SkillDemand] {
        var clauses = ["p.corpus = ?", "p.duplicate_of IS NULL", "m.taxonomy_id = ?"]
        var args: [SQLValue] = [.text(corpus.rawValue), .int(taxonomyID)]
        var totalClauses = ["corpus = ?", "duplicate_of IS NULL"]
        var totalArgs: [SQLValue] = [.text(corpus.rawValue)]
        if let w = window {
            clauses.append("p.period_month BETWEEN ? AND ?")
            args += [.text(w.from), .text(w.to)]
            totalClauses.append("period_month BETWEEN ? AND ?")
            totalArgs += [.text(w.from), .text(w.to)]
        }
        if let r = region {
            clauses.append(Self.regionCondition("p.region", r))
            args.append(.text(r))
            totalClauses.append(Self.regionCondition("region", r))
            totalArgs.append(.text(r))
        }
        let total = try store.db.prepare("SELECT count(*) FROM postings WHERE " + totalClauses.joined(separator: " AND "))
            .rows(totalArgs).first?[0].int ?? 0
        let rows = try store.db.prepare("""
            SELECT m.concept_id, count(*), count(DISTINCT p.employer) FROM mentions m
            JOIN postings p ON p.id = m.posting_id WHERE \(clauses.joined(separator: " AND "))
            GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?
            """).rows(args + [.init(limit)])
        return rows.map {
            SkillDemand(conceptID: $0[0].string ?? "", label: label($0[0].string ?? ""), postings: $0[1].int,
                        totalPostings: total, employers: $0[2].int)
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
        let counts = try monthCounts(region: region)
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
    public func emerging(_ params: EmergingParameters) throws -> (recent: MonthWindow, reference: MonthWindow,
                                                                   skills: [EmergingSkill]) {
        guard let defaults = try defaultWindows() else {
            throw StoreError("no dated postings in the database: emerging skills need dates")
        }
        let recent = params.recent ?? defaults.recent
        let reference = params.reference ?? defaults.reference
        let exposure = Exposure(monthly: try monthTotals(region: params.region),
                                recentByEmployer: try employerTotals(window: recent, region: params.region))
        var byEmployer: [String: [String: Int]] = [:]
        var sql = """
            SELECT m.concept_id, coalesce(p.employer, ''), count(*) FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND p.corpus = 'demand' AND p.duplicate_of IS NULL
              AND p.period_month BETWEEN ? AND ?
            """
        var args: [SQLValue] = [.int(taxonomyID), .text(recent.from), .text(recent.to)]
        if let r = params.region { sql += " AND " + Self.regionCondition("p.region", r); args.append(.text(r)) }
        for r in try store.db.prepare(sql + " GROUP BY 1, 2").rows(args) {
            byEmployer[r[0].string ?? "", default: [:]][r[1].string ?? ""] = r[2].int
        }
        let items = try monthCounts(region: params.region).map { id, months in
            KeyCounts(key: id, label: label(id), monthly: months, recentByEmployer: byEmployer[id] ?? [:])
        }
        return (recent, reference, GrowthModel.analyze(items, exposure: exposure, recent: recent, reference: reference,
                                                       parameters: params))
    }

    /// Non-duplicate demand postings per employer (`""` = unknown) in a window: the exposure of the
    /// leave-one-employer-out check.
    public func employerTotals(window: MonthWindow, region: String? = nil, corpus: Corpus = .demand) throws -> [String: Int] {
        var sql = """
            SELECT coalesce(employer, ''), count(*) FROM postings
            WHERE corpus = ? AND duplicate_of IS NULL AND period_month BETWEEN ? AND ?
            """
        var args: [SQLValue] = [.text(corpus.rawValue), .text(window.from), .text(window.to)]
        if let r = region { sql += " AND " + Self.regionCondition("region", r); args.append(.text(r)) }
        var out: [String: Int] = [:]
        for r in try store.db.prepare(sql + " GROUP BY 1").rows(args) { out[r[0].string ?? ""] = r[1].int }
        return out
    }

    /// Demand share versus supply share per skill; largest positive gaps first. Skills neither demanded nor
    /// taught are left out.
    public func gaps(region: String? = nil, window: MonthWindow? = nil) throws -> [SkillGap] {
        func counts(_ corpus: Corpus, useWindow: Bool) throws -> (total: Int, providers: Int, bySkill: [String: (Int, Int)]) {
            var clauses = ["corpus = ?", "duplicate_of IS NULL"]
            var args: [SQLValue] = [.text(corpus.rawValue)]
            if let r = region { clauses.append(Self.regionCondition("region", r)); args.append(.text(r)) }
            if useWindow, let w = window { clauses.append("period_month BETWEEN ? AND ?"); args += [.text(w.from), .text(w.to)] }
            let filter = clauses.joined(separator: " AND ")
            let totals = try store.db.prepare("SELECT count(*), count(DISTINCT employer) FROM postings WHERE \(filter)")
                .rows(args).first
            let total = totals?[0].int ?? 0, providers = totals.map { $0.count > 1 ? $0[1].int : 0 } ?? 0
            var by: [String: (Int, Int)] = [:]
            for r in try store.db.prepare("""
                SELECT m.concept_id, count(*), count(DISTINCT p.employer) FROM mentions m
                JOIN (SELECT * FROM postings WHERE \(filter)) p ON p.id = m.posting_id
                WHERE m.taxonomy_id = ? GROUP BY 1
                """).rows(args + [.int(taxonomyID)]) { by[r[0].string ?? ""] = (r[1].int, r[2].int) }
            return (total, providers, by)
        }
        let demand = try counts(.demand, useWindow: true)
        let supply = try counts(.supply, useWindow: false)
        let ids = Set(demand.bySkill.keys).union(supply.bySkill.keys)
        return ids.map { id in
            var g = SkillGap(conceptID: id, label: label(id), demandPostings: demand.bySkill[id]?.0 ?? 0,
                             demandTotal: demand.total, supplyProgrammes: supply.bySkill[id]?.0 ?? 0,
                             supplyTotal: supply.total, supplyProviders: supply.bySkill[id]?.1 ?? 0)
            g.region = region
            g.providersTotal = supply.providers
            g.demandEmployers = demand.bySkill[id]?.1 ?? 0
            return g
        }.sorted { $0.gapIndex != $1.gapIndex ? $0.gapIndex > $1.gapIndex : $0.conceptID < $1.conceptID }
    }

    /// Number of supply records (training programmes) in the store.
    public func supplyCount() throws -> Int {
        try store.db.prepare("SELECT count(*) FROM postings WHERE corpus = 'supply' AND duplicate_of IS NULL")
            .rows().first?[0].int ?? 0
    }

    /// Postings behind a figure: those mentioning `conceptID` (optionally in a window), with the matched text.
    public func drillDown(conceptID: String, window: MonthWindow? = nil, corpus: Corpus = .demand,
                          limit: Int = 20) throws -> [(id: Int64, sourceID: String?, title: String, date: String?,
                                                       matched: String, count: Int, source: String)] {
        var sql = """
            SELECT p.id, p.source_id, p.title, p.date, m.matched_text, m.count, p.source_path || ':' || p.source_line
            FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND m.concept_id = ? AND p.corpus = ? AND p.duplicate_of IS NULL
            """
        var args: [SQLValue] = [.int(taxonomyID), .text(conceptID), .text(corpus.rawValue)]
        if let w = window { sql += " AND p.period_month BETWEEN ? AND ?"; args += [.text(w.from), .text(w.to)] }
        sql += " ORDER BY p.date, p.id LIMIT ?"
        return try store.db.prepare(sql).rows(args + [.init(limit)]).map {
            ($0[0].int64, $0[1].string, $0[2].string ?? "", $0[3].string, $0[4].string ?? "", $0[5].int, $0[6].string ?? "")
        }
    }
}
