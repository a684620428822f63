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

    public init() {}
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
        for r in try store.db.prepare("SELECT concept_id, label FROM concepts WHERE taxonomy_id = ?").rows([.int(id)]) {
            labels[r[0].string ?? ""] = r[1].string ?? ""
        }
        self.labels = labels
    }

    func label(_ id: String) -> String { labels[id] ?? id }

    // MARK: Monthly building blocks

    /// Non-duplicate postings per month (dated only), optionally in one region.
    public func monthTotals(corpus: Corpus = .demand, region: String? = nil) throws -> [String: Int] {
        var out: [String: Int] = [:]
        let sql = "SELECT period_month, sum(postings) FROM agg_period_totals WHERE corpus = ? AND period_month != 'undated'"
            + (region == nil ? "" : " AND region = ?") + " GROUP BY 1"
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
            """ + (region == nil ? "" : " AND region = ?") + " GROUP BY 1, 2"
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
            clauses.append("p.region = ?")
            args.append(.text(r))
            totalClauses.append("region = ?")
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
        let totals = try monthTotals(region: params.region)
        let n1 = totals.filter { recent.contains($0.key) }.values.reduce(0, +)
        let n0 = totals.filter { reference.contains($0.key) }.values.reduce(0, +)
        let counts = try monthCounts(region: params.region)
        var employers: [String: Int] = [:]
        var sql = """
            SELECT m.concept_id, count(DISTINCT p.employer) FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND p.corpus = 'demand' AND p.duplicate_of IS NULL
              AND p.period_month BETWEEN ? AND ?
            """
        var args: [SQLValue] = [.int(taxonomyID), .text(recent.from), .text(recent.to)]
        if let r = params.region { sql += " AND p.region = ?"; args.append(.text(r)) }
        for r in try store.db.prepare(sql + " GROUP BY 1").rows(args) { employers[r[0].string ?? ""] = r[1].int }

        var rows: [(id: String, x1: Int, x0: Int, p: Double)] = []
        for (id, months) in counts {
            let x1 = months.filter { recent.contains($0.key) }.values.reduce(0, +)
            let x0 = months.filter { reference.contains($0.key) }.values.reduce(0, +)
            guard x1 + x0 > 0 else { continue }
            rows.append((id, x1, x0, Statistics.twoProportionPValue(x1: x1, n1: n1, x0: x0, n0: n0)))
        }
        // Independent filtering: only skills with at least `minSupport` postings over both windows can ever
        // be called, so only they form the family the FDR is controlled over (the total count does not depend
        // on the direction of change under the null). The others get q = 1.
        let tested = rows.indices.filter { rows[$0].x1 + rows[$0].x0 >= params.minSupport }
        let testedQ = Statistics.benjaminiHochberg(tested.map { rows[$0].p })
        var q = [Double](repeating: 1, count: rows.count)
        for (k, i) in tested.enumerated() { q[i] = testedQ[k] }
        var out: [EmergingSkill] = []
        for (i, r) in rows.enumerated() {
            let rr = Statistics.rateRatio(x1: r.x1, n1: n1, x0: r.x0, n0: n0)
            let significant = q[i] < params.fdr
            let share1 = n1 == 0 ? 0 : Double(r.x1) / Double(n1), share0 = n0 == 0 ? 0 : Double(r.x0) / Double(n0)
            let status: EmergenceStatus
            if significant, share1 > share0, r.x1 >= params.minSupport {
                status = r.x0 == 0 ? .new : (rr.low >= params.emergingRatio ? .emerging : .growing)
            } else if significant, share1 < share0, r.x0 >= params.minSupport {
                status = .declining
            } else {
                status = .stable
            }
            out.append(EmergingSkill(conceptID: r.id, label: label(r.id), recentPostings: r.x1, recentTotal: n1,
                                     referencePostings: r.x0, referenceTotal: n0,
                                     recentEmployers: employers[r.id] ?? 0, rateRatio: rr.ratio, ciLow: rr.low,
                                     ciHigh: rr.high, pValue: r.p, qValue: q[i], status: status))
        }
        let rank: [EmergenceStatus: Int] = [.new: 0, .emerging: 1, .growing: 2, .stable: 3, .declining: 4]
        out.sort {
            let (a, b) = (rank[$0.status] ?? 9, rank[$1.status] ?? 9)
            if a != b { return a < b }
            if $0.status == .declining { return $0.ciHigh != $1.ciHigh ? $0.ciHigh < $1.ciHigh : $0.conceptID < $1.conceptID }
            if $0.status == .stable {
                return $0.recentPostings != $1.recentPostings ? $0.recentPostings > $1.recentPostings : $0.conceptID < $1.conceptID
            }
            if $0.ciLow != $1.ciLow { return $0.ciLow > $1.ciLow }
            return $0.conceptID < $1.conceptID
        }
        return (recent, reference, out)
    }

    /// Demand share versus supply share per skill; largest positive gaps first. Skills neither demanded nor
    /// taught are left out.
    public func gaps(region: String? = nil, window: MonthWindow? = nil) throws -> [SkillGap] {
        func counts(_ corpus: Corpus, useWindow: Bool) throws -> (total: Int, bySkill: [String: (Int, Int)]) {
            var clauses = ["corpus = ?", "duplicate_of IS NULL"]
            var args: [SQLValue] = [.text(corpus.rawValue)]
            if let r = region { clauses.append("region = ?"); args.append(.text(r)) }
            if useWindow, let w = window { clauses.append("period_month BETWEEN ? AND ?"); args += [.text(w.from), .text(w.to)] }
            let filter = clauses.joined(separator: " AND ")
            let total = try store.db.prepare("SELECT count(*) FROM postings WHERE \(filter)").rows(args).first?[0].int ?? 0
            var by: [String: (Int, Int)] = [:]
            for r in try store.db.prepare("""
                SELECT m.concept_id, count(*), count(DISTINCT p.employer) FROM mentions m
                JOIN (SELECT * FROM postings WHERE \(filter)) p ON p.id = m.posting_id
                WHERE m.taxonomy_id = ? GROUP BY 1
                """).rows(args + [.int(taxonomyID)]) { by[r[0].string ?? ""] = (r[1].int, r[2].int) }
            return (total, by)
        }
        let demand = try counts(.demand, useWindow: true)
        let supply = try counts(.supply, useWindow: false)
        let ids = Set(demand.bySkill.keys).union(supply.bySkill.keys)
        return ids.map { id in
            SkillGap(conceptID: id, label: label(id), demandPostings: demand.bySkill[id]?.0 ?? 0,
                     demandTotal: demand.total, supplyProgrammes: supply.bySkill[id]?.0 ?? 0,
                     supplyTotal: supply.total, supplyProviders: supply.bySkill[id]?.1 ?? 0)
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
