import Dispatch
import SkillDedup
import SkillStore

/// Near-duplicate and repost detection against everything stored, run inside each batch's transaction.
///
/// The LSH index of the corpus's originals is loaded from `posting_lsh` when a run starts (originals without
/// band keys under the current scheme are fingerprinted and stored first), and grows as the batch stores
/// originals. Candidates are verified by exact Jaccard on word shingles; a candidate's shingles come from memory
/// when this run stored it (within a budget), else from its title and text (stored, or read back from its
/// source). Decisions depend only on what is stored and on the order of records, so a run
/// killed and rerun decides exactly as an uninterrupted one.
final class NearDuplicateResolver: DuplicateResolver {
    let store: SkillStore
    let hasher: MinHasher
    let corpus: Corpus
    private(set) var index = LSHIndex()
    private var rows: [PostingRow] = []
    private var fingerprints: [Fingerprint] = []
    private var shingleCache: [Int64: [UInt64]] = [:]
    /// Shingles (in text order) of the originals this run stored, newest kept within `recentBudget` bytes: a
    /// candidate among them is verified without reading its text back from its source.
    private var recent: [Int64: [UInt64]] = [:]
    private var recentOrder: [Int64] = []
    private var recentHead = 0
    private var recentBytes = 0
    let recentBudget: Int
    /// Work counters for the profile line: candidates verified, candidate shingle sets rebuilt from the store.
    private(set) var candidatesVerified = 0
    private(set) var shinglesLoaded = 0

    /// Similarities verified by a cluster (`merge --similar`), instead of reading candidates' text; with it,
    /// `recordNumbers` maps the originals of this run to their record numbers across the parts.
    private let plan: SimilarityPlan?
    private var recordNumbers: [Int64: Int] = [:]
    private var firstRecord = 0

    init(store: SkillStore, hasher: MinHasher, corpus: Corpus, threads: Int, plan: SimilarityPlan? = nil,
         recentBudget: Int = 256 << 20) throws {
        self.recentBudget = recentBudget
        self.plan = plan
        self.store = store
        self.hasher = hasher
        self.corpus = corpus
        let scheme = hasher.parameters.scheme
        // Backfill in chunks (bounded memory), in id order; an original whose text cannot be read back from its
        // source (reported) is passed over, so the loop ends.
        var after: Int64 = 0
        while true {
            let (missing, last) = try store.originalsWithoutBandKeys(corpus: corpus, scheme: scheme, after: after,
                                                                     limit: 5_000)
            guard let last else { break }
            after = last
            let keys = Self.bandKeys(missing, hasher: hasher, threads: threads)
            try store.storeBandKeys(keys, corpus: corpus, scheme: scheme)
        }
        var index = LSHIndex()
        try store.forEachBandKeys(corpus: corpus, scheme: scheme) { index.insert($0, keys: $1) }
        self.index = index
        if plan != nil, index.count > 0 {
            throw PipelineError("the store already holds \(index.count) \(corpus.rawValue) posting(s) that a similarity "
                                + "plan cannot cover; merge into a new store, or merge without --similar")
        }
    }

    /// Band keys of stored originals (title and text), computed on `threads` workers.
    static func bandKeys(_ postings: [(Int64, String, String)], hasher: MinHasher,
                         threads: Int) -> [(Int64, [UInt64])] {
        var out = [[UInt64]](repeating: [], count: postings.count)
        let workers = max(1, min(threads, postings.count))
        out.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let slots = buf // each index is written by exactly one worker
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: postings.count, by: workers) {
                    slots[i] = hasher.fingerprint(matchText(postings[i].1, postings[i].2)).bandKeys
                }
            }
        }
        return postings.indices.map { (postings[$0].0, out[$0]) }
    }

    /// The text that is matched and fingerprinted: title, a blank line, then the text.
    static func matchText(_ title: String, _ text: String) -> String {
        title.isEmpty ? text : title + "\n\n" + text
    }

    /// The batch about to be stored (band keys, and shingles when scanned in this process).
    func begin(records: [ScanRecord], firstRecord: Int) {
        self.firstRecord = firstRecord
        rows = records.map(\.posting)
        fingerprints = records.map { Fingerprint(shingles: $0.shingles, signature: [], bandKeys: $0.posting.bandKeys) }
        shingleCache.removeAll(keepingCapacity: true)
    }

    func resolve(item: Int, postingID: Int64, exactOriginal: Int64?) throws -> DuplicateLink? {
        let row = rows[item]
        let window = hasher.parameters.repostWindowDays
        // The identity (title and employer tokenized) only when there is something to compare it with.
        var identity: PostingIdentity?
        func mine() -> PostingIdentity {
            if let identity { return identity }
            let made = PostingIdentity(title: row.title, employer: row.employer, date: row.date, tokenizer: hasher.tokenizer)
            identity = made
            return made
        }
        if let e = exactOriginal, try !distinct(mine(), e) {
            let kind = try self.kind(row, original: e, exact: true, window: window)
            return DuplicateLink(original: e, kind: kind, similarity: 1)
        }
        var f = fingerprints[item]
        guard !f.bandKeys.isEmpty else { return nil }
        let candidates = index.candidates(f.bandKeys)
        guard !candidates.isEmpty else { return nil }
        candidatesVerified += candidates.count
        if let plan {
            let me = firstRecord + item
            guard let m = try NearMatch.best(candidates: candidates, threshold: hasher.parameters.threshold, similarity: {
                guard let other = recordNumbers[$0] else { throw PipelineError("merge: original \($0) is not in the plan") }
                return try self.distinct(mine(), $0) ? nil : try plan.similarity(me, other)
            }) else { return nil }
            return DuplicateLink(original: m.original, kind: try kind(row, original: m.original, exact: false, window: window),
                                 similarity: m.similarity)
        }
        if f.shingles.isEmpty {
            // Scanned in another process (a scan stream carries band keys, not shingles): rebuild them from the
            // text, read back like any stored posting's.
            guard let mineText = try store.dedupFields(of: postingID) else { return nil }
            shinglesLoaded += 1
            f.shingles = hasher.fingerprint(Self.matchText(mineText.title, mineText.text)).shingles
            fingerprints[item].shingles = f.shingles
        }
        // Candidates from another employer or far apart in time are not duplicates of this posting.
        guard let m = try NearMatch.best(for: f, candidates: candidates, threshold: hasher.parameters.threshold,
                                         shinglesOf: { try self.distinct(mine(), $0) ? nil : try self.shingles(of: $0) })
        else { return nil }
        let kind = try self.kind(row, original: m.original, exact: false, window: window)
        return DuplicateLink(original: m.original, kind: kind, similarity: m.similarity)
    }

    func didStoreOriginal(item: Int, postingID: Int64) {
        index.insert(postingID, keys: fingerprints[item].bandKeys)
        if plan != nil { recordNumbers[postingID] = firstRecord + item }
        let shingles = fingerprints[item].shingles
        guard !shingles.isEmpty else { return }
        recent[postingID] = shingles
        recentOrder.append(postingID)
        recentBytes += shingles.count * 8
        while recentBytes > recentBudget, recentHead < recentOrder.count {
            recentBytes -= (recent.removeValue(forKey: recentOrder[recentHead])?.count ?? 0) * 8
            recentHead += 1
        }
        if recentHead > 4_096, recentHead * 2 > recentOrder.count {
            recentOrder.removeFirst(recentHead)
            recentHead = 0
        }
    }

    /// True when the stored posting `id` and `mine` both count (``DuplicateRule/isDistinct(_:_:distinctAfterDays:)``).
    private func distinct(_ mine: PostingIdentity, _ id: Int64) throws -> Bool {
        guard let o = try store.dedupFields(of: id, text: false) else { return false }
        let other = PostingIdentity(title: o.title, employer: o.employer, date: o.date, tokenizer: hasher.tokenizer)
        return DuplicateRule.isDistinct(mine, other, distinctAfterDays: hasher.parameters.distinctAfterDays)
    }

    private func shingles(of id: Int64) throws -> [UInt64]? {
        if let s = shingleCache[id] { return s }
        if let r = recent[id] {
            let s = MinHasher.sortedDistinct(r)
            shingleCache[id] = s
            return s
        }
        guard let f = try store.dedupFields(of: id) else { return nil }
        shinglesLoaded += 1
        let s = hasher.shingles(Self.matchText(f.title, f.text))
        shingleCache[id] = s
        return s
    }

    private func kind(_ row: PostingRow, original: Int64, exact: Bool, window: Int) throws -> DuplicateLink.Kind {
        guard let o = try store.dedupFields(of: original, text: false) else { return exact ? .exact : .near }
        let tokenizer = hasher.tokenizer
        let k = DuplicateRule.kind(
            exactContent: exact,
            duplicate: PostingIdentity(title: row.title, employer: row.employer, date: row.date, tokenizer: tokenizer),
            original: PostingIdentity(title: o.title, employer: o.employer, date: o.date, tokenizer: tokenizer),
            windowDays: window)
        switch k {
        case .exact: return .exact
        case .near: return .near
        case .repost: return .repost
        }
    }
}
