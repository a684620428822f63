import Foundation
import SkillAnalytics

/// Where a posting's matches are in its text, for marking them up.
enum Highlighting {
    struct Span: Sendable {
        /// Unicode scalar offsets into the text.
        var start: Int
        var end: Int
        var before: String
        var match: String
        var after: String
    }

    /// The span of each match of `d` (in its order), nil when the text could not be read back or the stored byte
    /// range does not fall on character boundaries of it.
    static func spans(_ d: PostingDetail, width: Int = 80) -> [Span?] {
        guard let text = d.matchText else { return d.matches.map { _ in nil } }
        let bytes = Array(text.utf8)
        return d.matches.map { m in
            guard m.start >= 0, m.end > m.start, m.end <= bytes.count,
                  let before = String(validating: bytes[..<m.start], as: UTF8.self),
                  let match = String(validating: bytes[m.start..<m.end], as: UTF8.self),
                  let after = String(validating: bytes[m.end...], as: UTF8.self) else { return nil }
            let s = before.unicodeScalars.count
            func flat(_ x: String) -> String {
                String(x.map { $0.isNewline || $0 == "\t" ? " " : $0 })
            }
            return Span(start: s, end: s + match.unicodeScalars.count,
                        before: flat(String(before.suffix(width))), match: match, after: flat(String(after.prefix(width))))
        }
    }

    /// Non-overlapping byte ranges of the matches, in text order, for marking up the whole text.
    static func ranges(_ d: PostingDetail) -> [(start: Int, end: Int, conceptID: String, label: String)] {
        guard let text = d.matchText else { return [] }
        let n = text.utf8.count
        var out: [(Int, Int, String, String)] = []
        var last = 0
        for m in d.matches.sorted(by: { ($0.start, $1.end) < ($1.start, $0.end) })
        where m.start >= last && m.end > m.start && m.end <= n {
            out.append((m.start, m.end, m.conceptID, m.label))
            last = m.end
        }
        return out
    }
}

/// Names for the search box: skills (labels and the forms postings use), places and programmes.
enum Suggestions {
    struct Hit: Sendable {
        var kind: String
        var id: String
        var name: String
        var postings: Int
        var page: String
    }

    static func find(_ text: String, in a: Analytics, limit: Int) throws -> [Hit] {
        let needle = fold(text)
        guard !needle.isEmpty else { return [] }
        var hits: [(rank: Int, hit: Hit)] = []
        let counts = try a.skillCounts().skills
        for s in counts {
            let name = fold(s.label)
            guard name.contains(needle) else { continue }
            hits.append((name.hasPrefix(needle) ? 0 : 1,
                         Hit(kind: "skill", id: s.conceptID, name: s.label, postings: s.postings,
                             page: "/skills/" + API.escape(s.conceptID))))
        }
        for p in try a.placeCounts(level: .country) + (try a.placeCounts(level: .city))
        where p.level != "remote" && p.level != "unplaced" && fold(p.name).contains(needle) {
            hits.append((fold(p.name).hasPrefix(needle) ? 0 : 1,
                         Hit(kind: "region", id: p.key, name: p.name, postings: p.postings, page: "/regions/" + API.escape(p.key))))
        }
        for p in try a.programmes() where fold(p.title).contains(needle) || fold(p.sourceID ?? "") == needle {
            let key = p.sourceID ?? String(p.id)
            hits.append((2, Hit(kind: "programme", id: key, name: p.title, postings: 0, page: "/programmes/" + API.escape(key))))
        }
        return hits.sorted { ($0.rank, -$0.hit.postings, $0.hit.name) < ($1.rank, -$1.hit.postings, $1.hit.name) }
            .prefix(limit).map(\.hit)
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }
}
