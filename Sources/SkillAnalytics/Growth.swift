import Foundation

/// Additive counts of one key (a skill, a discovered term, a job-title cluster): everything the growth
/// model needs. Partial counts from separate partitions merge by adding them key by key.
public struct KeyCounts: Sendable, Hashable {
    public var key: String
    public var label: String
    /// Postings mentioning the key per month (`YYYY-MM`).
    public var monthly: [String: Int]
    /// Postings mentioning the key in the recent window, per employer (nil employer = `""`, unknown).
    public var recentByEmployer: [String: Int]

    public init(key: String, label: String, monthly: [String: Int], recentByEmployer: [String: Int]) {
        self.key = key
        self.label = label
        self.monthly = monthly
        self.recentByEmployer = recentByEmployer
    }

    /// Adds another partition's counts of the same key.
    public mutating func merge(_ other: KeyCounts) {
        for (m, n) in other.monthly { monthly[m, default: 0] += n }
        for (e, n) in other.recentByEmployer { recentByEmployer[e, default: 0] += n }
    }
}

/// The exposure: all postings per month, and per employer in the recent window. Additive like ``KeyCounts``.
public struct Exposure: Sendable, Hashable {
    public var monthly: [String: Int]
    public var recentByEmployer: [String: Int]

    public init(monthly: [String: Int], recentByEmployer: [String: Int]) {
        self.monthly = monthly
        self.recentByEmployer = recentByEmployer
    }

    /// Postings in the months of `window`.
    public func total(in window: MonthWindow) -> Int {
        monthly.filter { window.contains($0.key) }.values.reduce(0, +)
    }
}

/// The growth model shared by skills, discovered terms and job-title clusters (DESIGN.md, "Statistics").
///
/// Per key: recent-vs-reference rate ratio with Fisher/z p-value (Benjamini–Hochberg over the keys with
/// minimum support), a quasi-Poisson log-linear trend over the months of both windows, and an employer
/// diversity check. O(keys · months).
public enum GrowthModel {
    public static func analyze(_ items: [KeyCounts], exposure: Exposure, recent: MonthWindow, reference: MonthWindow,
                               parameters p: EmergingParameters) -> [EmergingSkill] {
        let n1 = exposure.total(in: recent), n0 = exposure.total(in: reference)
        // The trend spans both windows: every month from the earlier start to the later end.
        let start = min(recent.from, reference.from), end = max(recent.to, reference.to)
        var months: [String] = []
        var m = start
        while m <= end, months.count < 2400 {
            if recent.contains(m) || reference.contains(m) { months.append(m) }
            m = MonthWindow.shift(m, by: 1)
        }
        let times = months.map { month -> Double in
            let y = Double(Int(month.prefix(4)) ?? 0), mo = Double(Int(month.suffix(2)) ?? 1)
            return y + (mo - 0.5) / 12
        }
        let exposures = months.map { exposure.monthly[$0] ?? 0 }

        struct Row { var c: KeyCounts; var x1: Int; var x0: Int; var p: Double }
        var rows: [Row] = []
        for c in items {
            let x1 = c.monthly.filter { recent.contains($0.key) }.values.reduce(0, +)
            let x0 = c.monthly.filter { reference.contains($0.key) }.values.reduce(0, +)
            guard x1 + x0 > 0 else { continue }
            rows.append(Row(c: c, x1: x1, x0: x0, p: Statistics.twoProportionPValue(x1: x1, n1: n1, x0: x0, n0: n0)))
        }
        // Independent filtering: only keys with at least `minSupport` postings over both windows can ever be
        // called, so only they form the family the FDR is controlled over; the others get q = 1.
        let tested = rows.indices.filter { rows[$0].x1 + rows[$0].x0 >= p.minSupport }
        let testedQ = Statistics.benjaminiHochberg(tested.map { rows[$0].p })
        var q = [Double](repeating: 1, count: rows.count)
        for (k, i) in tested.enumerated() { q[i] = testedQ[k] }

        var out: [EmergingSkill] = []
        out.reserveCapacity(rows.count)
        for (i, r) in rows.enumerated() {
            // A window without postings compares nothing: the ratio and its interval are undefined (not the 0.5s
            // of the continuity correction divided by each other).
            let rr = n1 == 0 || n0 == 0 ? (ratio: Double.nan, low: Double.nan, high: Double.nan)
                : Statistics.rateRatio(x1: r.x1, n1: n1, x0: r.x0, n0: n0)
            let trend = Statistics.poissonTrend(counts: months.map { r.c.monthly[$0] ?? 0 }, exposures: exposures,
                                                years: times)
            let significant = q[i] < p.fdr
            let share1 = n1 == 0 ? 0 : Double(r.x1) / Double(n1), share0 = n0 == 0 ? 0 : Double(r.x0) / Double(n0)
            // Employer diversity of the recent postings (unknown employers are not counted as employers).
            let known = r.c.recentByEmployer.filter { !$0.key.isEmpty && $0.value > 0 }
            let top = known.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
            var status: EmergenceStatus
            if significant, share1 > share0, r.x1 >= p.minSupport {
                status = r.x0 == 0 ? .new : (rr.low >= p.emergingRatio ? .emerging : .growing)
                if !known.isEmpty, let top {
                    // Leave the largest recent employer out (its postings from both the count and the
                    // exposure): a rise that then vanishes, or too few employers, is one poster's doing.
                    let topAll = exposure.recentByEmployer[top.key] ?? top.value
                    let without = Statistics.rateRatio(x1: r.x1 - top.value, n1: max(0, n1 - topAll),
                                                       x0: r.x0, n0: n0)
                    if known.count < p.minEmployers || without.low <= 1 { status = .concentrated }
                }
            } else if significant, share1 < share0, r.x0 >= p.minSupport {
                status = .declining
            } else {
                status = .stable
            }
            var s = EmergingSkill(conceptID: r.c.key, label: r.c.label, recentPostings: r.x1, recentTotal: n1,
                                  referencePostings: r.x0, referenceTotal: n0, recentEmployers: known.count,
                                  rateRatio: rr.ratio, ciLow: rr.low, ciHigh: rr.high, pValue: r.p, qValue: q[i],
                                  status: status)
            s.trend = trend
            s.topEmployer = top?.key
            s.topEmployerPostings = top?.value ?? 0
            out.append(s)
        }
        out.sort(by: rankOrder)
        return out
    }

    /// new, emerging, growing (each by CI lower bound, descending), concentrated, stable (by recent postings),
    /// declining (by CI upper bound, ascending); ties by key.
    public static func rankOrder(_ a: EmergingSkill, _ b: EmergingSkill) -> Bool {
        let rank: [EmergenceStatus: Int] = [.new: 0, .emerging: 1, .growing: 2, .concentrated: 3, .stable: 4,
                                            .declining: 5]
        let (ra, rb) = (rank[a.status] ?? 9, rank[b.status] ?? 9)
        if ra != rb { return ra < rb }
        if a.status == .declining { return a.ciHigh != b.ciHigh ? a.ciHigh < b.ciHigh : a.conceptID < b.conceptID }
        if a.status == .stable {
            return a.recentPostings != b.recentPostings ? a.recentPostings > b.recentPostings : a.conceptID < b.conceptID
        }
        if a.ciLow != b.ciLow { return a.ciLow > b.ciLow }
        return a.conceptID < b.conceptID
    }
}
