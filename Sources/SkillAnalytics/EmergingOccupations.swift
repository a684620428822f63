import Foundation
import SkillOccupations
import SkillStore

/// A cluster of postings whose normalized job titles are equal (``RoleKey``), with its growth, how
/// much of it the occupation coder already covers, and the skills that characterize it.
public struct OccupationCluster: Sendable, Codable, Hashable {
    /// The normalized title (the cluster key).
    public var key: String
    public var postings: Int
    public var growth: EmergingSkill
    /// Share of the cluster's postings coded to an occupation with confidence at least the threshold.
    public var codedShare: Double
    /// The occupation most of the coded postings got, if any.
    public var codedOccupation: String?
    /// Most frequent raw titles, most frequent first.
    public var exampleTitles: [String]
    /// Skills over-represented in the cluster: lift = share in cluster / share in all postings.
    public var profile: [ProfileSkill]
    /// Row ids of some of the cluster's latest postings (`emerging --occupations --explain KEY` lists them).
    public var examplePostings: [Int64] = []
    /// Their headers: the title, or the first line of a posting without one.
    public var exampleHeaders: [String] = []

    public struct ProfileSkill: Sendable, Codable, Hashable {
        public var conceptID: String
        public var label: String
        public var postings: Int
        public var share: Double
        public var lift: Double

        public init(conceptID: String, label: String, postings: Int, share: Double, lift: Double) {
            self.conceptID = conceptID
            self.label = label
            self.postings = postings
            self.share = share
            self.lift = lift
        }
    }

    public init(key: String, postings: Int, growth: EmergingSkill, codedShare: Double, codedOccupation: String?,
                exampleTitles: [String], profile: [ProfileSkill]) {
        self.key = key
        self.postings = postings
        self.growth = growth
        self.codedShare = codedShare
        self.codedOccupation = codedOccupation
        self.exampleTitles = exampleTitles
        self.profile = profile
    }
}

/// Parameters of the emerging-occupation analysis.
public struct OccupationParameters: Sendable, Hashable {
    public var growth = EmergingParameters()
    /// A posting counts as coded when `posting_occupations` has a row for it with at least this confidence.
    public var minConfidence = 0.8
    /// A cluster is coded (left out unless `includeCoded`) when at least this share of its postings is coded.
    public var codedShare = 0.5
    public var includeCoded = false
    /// Profile: skills in at least this share of the cluster's postings (and ≥ 2 postings), highest lift first.
    public var profileMinShare = 0.2
    public var profileSize = 8

    public init() {}
}

extension Analytics {
    /// Whether the store has coded occupations (table `posting_occupations` present and non-empty).
    public func occupationCodingAvailable() throws -> Bool { try store.tableHasRows("posting_occupations") }

    /// Best occupation coding per posting (highest confidence), when the table exists.
    func postingOccupationCodes() throws -> [Int64: (label: String, confidence: Double)] {
        guard try occupationCodingAvailable() else { return [:] }
        var out: [Int64: (String, Double)] = [:]
        for r in try store.occupationCodes() {
            if let old = out[r.postingID], old.1 >= r.confidence { continue }
            out[r.postingID] = (r.label, r.confidence)
        }
        return out
    }

    /// Whether the store has extracted roles (`posting_roles` present and non-empty).
    public func hasRoles() throws -> Bool { try store.tableHasRows("posting_roles") }

    /// The roles each demand posting advertises (`posting_roles`): key, phrase, and its occupation when coded.
    func postingRoles() throws -> [Int64: [(key: String, phrase: String, label: String?, confidence: Double)]] {
        guard try hasRoles() else { return [:] }
        return try store.postingRoles().mapValues { $0.map { ($0.key, $0.phrase, $0.occupationLabel, $0.confidence) } }
    }

    /// Role clusters (or, in a store without roles, title clusters) that grow and are not (mostly) coded to an
    /// existing occupation, most emerging first. A posting counts once for each distinct role it advertises; a
    /// cluster is keyed by the normalised role and shown by its commonest phrase. O(postings + mentions).
    public func emergingOccupations(_ p: OccupationParameters) throws
        -> (recent: MonthWindow, reference: MonthWindow, codingAvailable: Bool, clusters: [OccupationCluster]) {
        guard let defaults = try defaultWindows() else {
            throw StoreError("no dated postings in the database: emerging occupations need dates")
        }
        let recent = p.growth.recent ?? defaults.recent, reference = p.growth.reference ?? defaults.reference
        let codes = try postingOccupationCodes()
        let roles = try postingRoles()
        let concepts = try postingConcepts()
        var counts: [String: KeyCounts] = [:]
        var members: [String: Int] = [:], coded: [String: Int] = [:]
        var codedLabels: [String: [String: Int]] = [:], titles: [String: [String: Int]] = [:]
        var skillIn: [String: [String: Int]] = [:], skillAll: [String: Int] = [:]
        var memberIDs: [String: [Int64]] = [:]
        var headers: [String: [String]] = [:]
        var exposure = Exposure(monthly: [:], recentByEmployer: [:])
        var total = 0
        try forEachPostingText { post in
            if let r = p.growth.region, post.region != r { return }
            total += 1
            let skills = Set(concepts[post.id] ?? [])
            for s in skills { skillAll[s, default: 0] += 1 }
            if let m = post.month {
                exposure.monthly[m, default: 0] += 1
                if recent.contains(m) { exposure.recentByEmployer[post.employer ?? "", default: 0] += 1 }
            }
            // The posting's clusters: its roles, or in a store without roles its normalised title.
            var keys: [(key: String, phrase: String, label: String?, confidence: Double)] = []
            if !roles.isEmpty {
                var seen = Set<String>()
                for r in roles[post.id] ?? [] where seen.insert(r.key).inserted { keys.append(r) }
            } else if let key = RoleKey.key(post.title) {
                let c = codes[post.id]
                keys = [(key, post.title.trimmingCharacters(in: .whitespacesAndNewlines), c?.label, c?.confidence ?? 0)]
            }
            for k in keys {
                let key = k.key
                members[key, default: 0] += 1
                titles[key, default: [:]][k.phrase, default: 0] += 1
                memberIDs[key, default: []].append(post.id)
                let header = post.title.isEmpty
                    ? String(post.text.split(whereSeparator: \.isNewline).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "")
                    : post.title
                var h = headers[key, default: []]
                h.append(String(header.trimmingCharacters(in: .whitespaces).prefix(120)))
                if h.count > 3 { h.removeFirst() }
                headers[key] = h
                if let label = k.label, k.confidence >= p.minConfidence {
                    coded[key, default: 0] += 1
                    codedLabels[key, default: [:]][label, default: 0] += 1
                }
                for s in skills { skillIn[key, default: [:]][s, default: 0] += 1 }
                var kc = counts[key] ?? KeyCounts(key: key, label: key, monthly: [:], recentByEmployer: [:])
                if let m = post.month {
                    kc.monthly[m, default: 0] += 1
                    if recent.contains(m) { kc.recentByEmployer[post.employer ?? "", default: 0] += 1 }
                }
                counts[key] = kc
            }
        }
        let growth = GrowthModel.analyze(Array(counts.values), exposure: exposure, recent: recent,
                                         reference: reference, parameters: p.growth)
        var out: [OccupationCluster] = []
        for g in growth {
            let n = members[g.conceptID] ?? 0
            let share = n == 0 ? 0 : Double(coded[g.conceptID] ?? 0) / Double(n)
            if !p.includeCoded, share >= p.codedShare { continue }
            let profile = (skillIn[g.conceptID] ?? [:]).compactMap { id, x -> OccupationCluster.ProfileSkill? in
                let inShare = Double(x) / Double(max(1, n))
                let allShare = Double(skillAll[id] ?? 0) / Double(max(1, total))
                guard x >= 2, inShare >= p.profileMinShare, allShare > 0 else { return nil }
                return .init(conceptID: id, label: label(id), postings: x, share: inShare, lift: inShare / allShare)
            }.sorted { $0.lift != $1.lift ? $0.lift > $1.lift : $0.conceptID < $1.conceptID }
            let examples = (titles[g.conceptID] ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(3).map(\.key)
            let occ = (codedLabels[g.conceptID] ?? [:]).max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
            var c = OccupationCluster(key: g.conceptID, postings: n, growth: g, codedShare: share, codedOccupation: occ,
                                      exampleTitles: Array(examples), profile: Array(profile.prefix(p.profileSize)))
            c.examplePostings = Array((memberIDs[g.conceptID] ?? []).suffix(3).reversed())
            c.exampleHeaders = Array((headers[g.conceptID] ?? []).reversed())
            if let top = examples.first { c.growth.label = top }
            out.append(c)
        }
        return (recent, reference, !codes.isEmpty, out)
    }

    /// Postings of one title cluster (drill-down), in id order.
    public func clusterPostings(_ key: String, window: MonthWindow? = nil, limit: Int = 20) throws -> [PostingText] {
        var out: [PostingText] = []
        let roles = try postingRoles()
        try forEachPostingText(window: window) { post in
            guard out.count < limit else { return }
            let inCluster = roles.isEmpty ? RoleKey.key(post.title) == key
                : (roles[post.id] ?? []).contains { $0.key == key }
            if inCluster { out.append(post) }
        }
        return out
    }
}
