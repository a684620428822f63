import Foundation
import SkillStore

/// One non-duplicate posting's text fields, as the text-level analyses (discovery, title clusters) read them.
public struct PostingText: Sendable, Hashable {
    public var id: Int64
    public var sourceID: String?
    public var title: String
    public var text: String
    /// `YYYY-MM`, nil when undated.
    public var month: String?
    public var region: String?
    public var employer: String?
    public var sourcePath: String
    public var sourceLine: Int
}

extension Analytics {
    /// Streams the non-duplicate postings of a corpus (optionally in a month window), in id order.
    ///
    /// This is the one place that reads posting title and text: if the store moves text out of `postings`,
    /// only this query changes. O(postings) time, O(1) memory beyond one row.
    public func forEachPostingText(corpus: Corpus = .demand, window: MonthWindow? = nil, ids: [Int64]? = nil,
                                   _ body: (PostingText) throws -> Void) throws {
        var sql = """
            SELECT id, source_id, title, text, period_month, region, employer, source_path, source_line
            FROM postings WHERE corpus = ? AND duplicate_of IS NULL
            """
        var args: [SQLValue] = [.text(corpus.rawValue)]
        if let w = window { sql += " AND period_month BETWEEN ? AND ?"; args += [.text(w.from), .text(w.to)] }
        if let ids {
            guard !ids.isEmpty else { return }
            sql += " AND id IN (" + ids.map { String($0) }.joined(separator: ",") + ")"
        }
        sql += " ORDER BY id /* forEachPostingText */"
        let st = try store.db.prepare(sql).bind(args)
        while try st.step() {
            try body(PostingText(id: st.column(0).int64, sourceID: st.column(1).string, title: st.column(2).string ?? "",
                                 text: st.column(3).string ?? "", month: st.column(4).string,
                                 region: st.column(5).string, employer: st.column(6).string,
                                 sourcePath: st.column(7).string ?? "", sourceLine: st.column(8).int))
        }
    }

    /// Concepts mentioned by each non-duplicate posting of a corpus: [posting id: concept ids].
    public func postingConcepts(corpus: Corpus = .demand) throws -> [Int64: [String]] {
        var out: [Int64: [String]] = [:]
        let st = try store.db.prepare("""
            SELECT m.posting_id, m.concept_id FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND p.corpus = ? AND p.duplicate_of IS NULL ORDER BY 1, 2
            """).bind([.int(taxonomyID), .text(corpus.rawValue)])
        while try st.step() { out[st.column(0).int64, default: []].append(st.column(1).string ?? "") }
        return out
    }

    /// Digest, name and version of the taxonomy analysed, for provenance.
    public func taxonomyInfo() throws -> (name: String, version: String, digest: String) {
        let r = try store.db.prepare("SELECT name, version, digest FROM taxonomies WHERE id = ?")
            .rows([.int(taxonomyID)]).first
        return (r?[0].string ?? "", r?[1].string ?? "", r?[2].string ?? "")
    }
}
