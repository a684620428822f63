import Foundation
import SkillStore

/// One non-duplicate posting's text fields, as the text-level analyses (discovery, title clusters) read them.
public typealias PostingText = StoredPostingText

extension Analytics {
    /// Streams the non-duplicate postings of a corpus (optionally in a month window), in id order.
    ///
    /// This is the one place that reads posting title and text: if the store moves text out of `postings`,
    /// only this query changes. O(postings) time, O(1) memory beyond one row.
    public func forEachPostingText(corpus: Corpus = .demand, window: MonthWindow? = nil, ids: [Int64]? = nil,
                                   _ body: (PostingText) throws -> Void) throws {
        try store.forEachPostingText(PostingFilter(corpus: corpus, months: window?.range), ids: ids, body)
    }

    /// Concepts mentioned by each non-duplicate posting of a corpus: [posting id: concept ids].
    public func postingConcepts(corpus: Corpus = .demand) throws -> [Int64: [String]] {
        try store.postingConcepts(taxonomyID: taxonomyID, PostingFilter(corpus: corpus))
    }

    /// Digest, name and version of the taxonomy analysed, for provenance.
    public func taxonomyInfo() throws -> (name: String, version: String, digest: String) {
        try store.taxonomy(id: taxonomyID) ?? ("", "", "")
    }
}
