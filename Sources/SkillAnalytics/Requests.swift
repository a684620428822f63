import Foundation
import SkillStore

/// The windows every growth status is computed on: a recent window against a reference window. One policy for
/// `emerging`, `gaps`, `discover`, the report and the service: the windows a user gives, else the last 12 months
/// with data against the 24 months before them. Every output prints the windows it used.
public struct AnalysisWindow: Sendable, Hashable {
    public var recent: MonthWindow
    public var reference: MonthWindow

    public init(recent: MonthWindow, reference: MonthWindow) {
        self.recent = recent
        self.reference = reference
    }

    /// Provenance pairs: `recent_window`, `reference_window`.
    public var asPairs: [(String, String)] {
        [("recent_window", recent.description), ("reference_window", reference.description)]
    }
}

/// How gap rows are ranked.
public enum GapRank: String, Sendable, CaseIterable {
    /// Gap index (demand share minus supply share), largest first.
    case gap
    /// Unmet demand (demand share x (1 - provider coverage)), largest first.
    case unmet
}

/// A gap question: which skills postings demand and programmes do not cover.
public struct GapsRequest: Sendable, Hashable {
    /// Demand counted in this window (nil: all postings); growth statuses use ``growth``'s windows.
    public var window: MonthWindow?
    /// A resolved region (``Analytics/resolveRegion(_:)``): demand, supply and growth status of that region.
    public var region: String?
    /// Rows for all regions together, then for each region of ``level``.
    public var byRegion = false
    public var level: RegionLevel = .country
    public var rank: GapRank = .gap
    /// Only skills some programme covers and postings demand less than they are taught, most over-taught first.
    public var taughtNotDemanded = false
    /// Negative gaps (taught more than demanded) first.
    public var oversupplied = false
    /// Rows per region block.
    public var limit = 25
    /// The growth parameters behind each row's demand status (its windows are the analysis window).
    public var growth = EmergingParameters()

    public init() {}
}

extension Analytics {
    /// The analysis window of `p`: its windows, else the defaults; nil when no posting is dated.
    public func analysisWindow(_ p: EmergingParameters = EmergingParameters()) throws -> AnalysisWindow? {
        guard let d = try defaultWindows() else { return nil }
        return AnalysisWindow(recent: p.recent ?? d.recent, reference: p.reference ?? d.reference)
    }

    /// Gap rows answering `r`, ranked and cut to `limit` rows per region block, each with its demand status.
    public func gapRows(_ r: GapsRequest) throws -> [SkillGap] {
        var gaps: [SkillGap]
        if r.byRegion || r.region == nil {
            gaps = try gapMatrix(window: r.window, byRegion: r.byRegion, level: r.level, emerging: r.growth)
        } else {
            var p = r.growth
            p.region = r.region
            let status = try growthStatuses(p)
            gaps = try self.gaps(region: r.region, window: r.window).map {
                var g = $0
                g.demandStatus = status[g.conceptID]?.status
                g.demandRateRatio = status[g.conceptID]?.rateRatio
                return g
            }
        }
        if r.rank == .unmet { gaps.sort(by: SkillGap.byUnmet) }
        if r.taughtNotDemanded {
            gaps = gaps.filter { $0.supplyProgrammes > 0 && $0.gapIndex < 0 }
            gaps.sort { ($0.region ?? "", $0.gapIndex, $0.conceptID) < ($1.region ?? "", $1.gapIndex, $1.conceptID) }
        } else if r.oversupplied {
            gaps.reverse()
        }
        var shown: [SkillGap] = []
        var perRegion: [String: Int] = [:]
        for g in gaps where perRegion[g.region ?? "", default: 0] < r.limit {
            perRegion[g.region ?? "", default: 0] += 1
            shown.append(g)
        }
        return shown
    }

    /// Rows `offset..<offset+limit` of ``gapRows(_:)`` and how many rows it has, without ordering or labelling
    /// the rest: the ranks of a plain gap table are selected, not sorted (a page of a taxonomy's 14,000 skills
    /// costs what the page costs). Tables by region, of over-taught or over-supplied skills take ``gapRows(_:)``.
    public func gapRowsPage(_ r: GapsRequest, offset: Int, limit: Int) throws -> (rows: [SkillGap], total: Int) {
        if r.byRegion || r.taughtNotDemanded || r.oversupplied || r.limit < offset + limit {
            let all = try gapRows(r)
            return (Array(all[min(offset, all.count)..<min(all.count, offset + limit)]), all.count)
        }
        var p = r.growth
        if r.region != nil { p.region = r.region }
        let status = try growthStatuses(p)
        let candidates = try gapCandidates(region: r.region, window: r.window)
        let kept = selectFirst(candidates, offset + limit, by: r.rank == .unmet ? SkillGap.byUnmet : SkillGap.byGap)
        let page = kept[min(offset, kept.count)...].map { g -> SkillGap in
            var g = g
            g.label = label(g.conceptID)
            g.demandStatus = status[g.conceptID]?.status
            g.demandRateRatio = status[g.conceptID]?.rateRatio
            return g
        }
        return (page, candidates.count)
    }

    /// The occupation ID a name stands for: a label stored by `analyze --occupations` naming exactly one
    /// occupation, else the name as given (an ESCO URI).
    public func occupationID(_ name: String) throws -> String {
        let ids = try occupationCodingAvailable() ? store.occupationIDs(label: name) : []
        return ids.count == 1 ? ids[0] : name
    }

    /// Every concept ID of the store's taxonomies.
    public func knownConceptIDs() throws -> Set<String> { try store.allConceptIDs() }

    /// The store's runs, newest first.
    public func runs() throws -> [RunInfo] { try store.runs() }

    /// The inputs of every run, with their accounting.
    public func inputs() throws -> [(runID: Int64, account: InputAccount)] { try store.inputs() }

    /// Quarantined records (file, line, offset, reason), newest run first.
    public func quarantine(limit: Int) throws -> [(runID: Int64, row: QuarantineRow)] { try store.quarantine(limit: limit) }
}

/// A growth row of the `emerging` ranking: a taxonomy skill, or a rising term no taxonomy has.
public struct RankedGrowth: Sendable, Hashable {
    public var skill: EmergingSkill
    public var inTaxonomy: Bool
    public init(skill: EmergingSkill, inTaxonomy: Bool) {
        self.skill = skill
        self.inTaxonomy = inTaxonomy
    }

    /// By status (new, emerging, growing, concentrated, stable, declining), then the lower bound of the rate
    /// ratio (the surest rise first), then recent postings.
    public static func rank(_ rows: [RankedGrowth]) -> [RankedGrowth] {
        let order: [EmergenceStatus: Int] = [.new: 0, .emerging: 1, .growing: 2, .concentrated: 3, .stable: 4, .declining: 5]
        return rows.sorted { a, b in
            (order[a.skill.status] ?? 9, -a.skill.ciLow, -a.skill.recentPostings)
                < (order[b.skill.status] ?? 9, -b.skill.ciLow, -b.skill.recentPostings)
        }
    }
}

/// The first `k` of `xs` in the order `less` (a total order), sorted: a bounded insertion, O(n log k) comparisons,
/// for a page of a long list; the whole list sorted when `k` is a large part of it.
func selectFirst<T>(_ xs: [T], _ k: Int, by less: (T, T) -> Bool) -> [T] {
    guard k > 0 else { return [] }
    if k * 8 >= xs.count { return Array(xs.sorted(by: less).prefix(k)) }
    var best: [T] = []
    best.reserveCapacity(k + 1)
    for x in xs {
        if best.count == k, let last = best.last, !less(x, last) { continue }
        var lo = 0, hi = best.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if less(best[mid], x) { lo = mid + 1 } else { hi = mid }
        }
        best.insert(x, at: lo)
        if best.count > k { best.removeLast() }
    }
    return best
}
