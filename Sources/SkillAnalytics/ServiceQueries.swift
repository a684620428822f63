import Foundation
import SkillStore

/// A skill's demand in a selection, from the aggregate tables.
public struct SkillCount: Sendable, Hashable, Codable {
    public var conceptID: String
    public var label: String
    public var postings: Int
    /// Postings of the selection (the share's denominator).
    public var totalPostings: Int
    public var share: Double { totalPostings == 0 ? 0 : Double(postings) / Double(totalPostings) }

    /// Most postings first, then concept id.
    static func byDemand(_ a: SkillCount, _ b: SkillCount) -> Bool { (b.postings, a.conceptID) < (a.postings, b.conceptID) }
}

/// A form a concept was matched as, with its mentions.
struct SurfaceForm: Sendable, Hashable { var form: String; var mentions: Int }

/// One stored posting with its matches, for drill-down: the text (read back from its source, or stored) and the
/// byte spans of each concept's first match in `title + "\n\n" + text`.
public struct PostingDetail: Sendable, Hashable {
    public struct Match: Sendable, Hashable {
        public var conceptID: String
        public var label: String
        public var count: Int
        public var matched: String
        /// UTF-8 offsets into ``PostingDetail/matchText``.
        public var start: Int
        public var end: Int
    }

    public var id: Int64
    public var corpus: String
    public var sourceID: String?
    public var title: String
    public var date: String?
    public var employer: String?
    public var region: String?
    public var source: String
    /// The text the matcher read (title, a blank line, body); nil when the source could not be read back.
    public var matchText: String?
    public var matches: [Match]
}

extension Analytics {
    /// Postings mentioning each skill in `window` (every posting without one) and region, most first, with the
    /// selection's posting total. Reads only the aggregates.
    public func skillCounts(window: MonthWindow? = nil, region: String? = nil,
                            corpus: Corpus = .demand) throws -> (total: Int, skills: [SkillCount]) {
        let (total, counts) = try conceptCounts(window: window, region: region, corpus: corpus)
        let rows = counts.map { SkillCount(conceptID: $0.key, label: label($0.key), postings: $0.value, totalPostings: total) }
            .sorted(by: SkillCount.byDemand)
        return (total, rows)
    }

    /// Postings mentioning one skill in a window and region (all postings, undated included, without a window).
    public func skillPostings(_ conceptID: String, window: MonthWindow? = nil, region: String? = nil) throws -> Int {
        if let cube { return cube.postings(concept: conceptID, window: window, region: region) }
        return try store.conceptTotals(taxonomyID: taxonomyID, PostingFilter(corpus: .demand, months: window?.range,
                                                                            region: region))[conceptID] ?? 0
    }

    /// The selection's postings and each concept's, from the cube when it holds the corpus, else the aggregate tables.
    private func conceptCounts(window: MonthWindow?, region: String?, corpus: Corpus) throws -> (Int, [String: Int]) {
        if corpus == .demand, let cube {
            return (cube.total(window: window, region: region), cube.conceptTotals(window: window, region: region))
        }
        let f = PostingFilter(corpus: corpus, months: window?.range, region: region)
        return (try store.aggregatePostings(f), try store.conceptTotals(taxonomyID: taxonomyID, f))
    }

    /// Rows `offset..<offset+limit` of ``skillCounts(window:region:corpus:)``, how many rows it has and the
    /// selection's postings; only the page is ordered and labelled.
    public func skillCountsPage(window: MonthWindow? = nil, region: String? = nil, corpus: Corpus = .demand, offset: Int,
                                limit: Int) throws -> (total: Int, count: Int, page: [SkillCount]) {
        let (total, counts) = try conceptCounts(window: window, region: region, corpus: corpus)
        let rows = counts.map { SkillCount(conceptID: $0.key, label: "", postings: $0.value, totalPostings: total) }
        let kept = selectFirst(rows, offset + limit, by: SkillCount.byDemand)
        let page = kept[min(offset, kept.count)...].map { s -> SkillCount in
            var s = s
            s.label = label(s.conceptID)
            return s
        }
        return (total, rows.count, page)
    }

    /// The places (of `level`) where most postings mention a skill.
    public func skillPlaces(_ conceptID: String, level: RegionLevel, limit: Int,
                            corpus: Corpus = .demand) throws -> [(key: String, name: String, postings: Int)] {
        if corpus == .demand, let cube { return cube.places(concept: conceptID, level: level.rawValue, limit: limit) }
        return try store.conceptPlaces(conceptID: conceptID, taxonomyID: taxonomyID, corpus: corpus, level: level.rawValue,
                                       limit: limit)
    }

    /// The forms postings use for a skill, most frequent first.
    public func surfaceForms(_ conceptID: String, limit: Int) throws -> [(form: String, mentions: Int)] {
        // Read with the labels when this reader was opened (one pass over the mentions for every concept).
        (topForms[conceptID] ?? []).prefix(limit).map { ($0.form, $0.mentions) }
    }

    /// A skill's latest stored postings (highest row ids first, read through the concept's index: constant time),
    /// with what matched.
    public func recentExamples(_ conceptID: String, limit: Int) throws -> [StoredMention] {
        try store.recentMentions(conceptID: conceptID, taxonomyID: taxonomyID, limit: limit)
    }

    /// A skill's display name (the concept id when the taxonomy has none).
    public func skillLabel(_ conceptID: String) -> String { label(conceptID) }

    /// Every training programme: row id, source id, title.
    public func programmes() throws -> [(id: Int64, sourceID: String?, title: String)] { try store.programmes() }

    /// One posting (demand or supply) with its text and matches; nil when there is no such non-duplicate posting.
    public func postingDetail(_ id: Int64) throws -> PostingDetail? {
        guard let p = try store.postingSummary(id: id) else { return nil }
        let matches = try store.postingMentions(id: id, taxonomyID: taxonomyID).map {
            PostingDetail.Match(conceptID: $0.conceptID, label: label($0.conceptID), count: $0.count, matched: $0.matched,
                                start: $0.start, end: $0.end)
        }
        let text = try store.postingTexts(ids: [id])[id].map { $0.title.isEmpty ? $0.text : $0.title + "\n\n" + $0.text }
        return PostingDetail(id: id, corpus: p.corpus, sourceID: p.sourceID, title: p.title, date: p.date, employer: p.employer,
                             region: p.region, source: p.source, matchText: text, matches: matches)
    }
}
