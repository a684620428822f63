import SkillTokenizer

/// An in-memory LSH index: band key → the postings that have it. Candidates come back sorted by id, so
/// lookups are deterministic whatever the insertion order of equal keys.
///
/// Insert and lookup are O(bands) expected. Memory: about 16 bytes per (posting, band) plus overflow lists
/// for keys shared by several postings.
public struct LSHIndex: Sendable {
    private var first: [UInt64: Int64] = [:]
    private var more: [UInt64: [Int64]] = [:]
    /// Postings inserted.
    public private(set) var count = 0

    public init() {}

    /// Adds posting `id` under each of its band keys.
    public mutating func insert(_ id: Int64, keys: [UInt64]) {
        guard !keys.isEmpty else { return }
        count += 1
        for k in keys {
            if first[k] == nil {
                first[k] = id
            } else {
                more[k, default: []].append(id)
            }
        }
    }

    /// Distinct postings sharing at least one band key with `keys`, ascending.
    public func candidates(_ keys: [UInt64]) -> [Int64] {
        var out: [Int64] = []
        for k in keys {
            guard let id = first[k] else { continue }
            out.append(id)
            if let extra = more[k] { out += extra }
        }
        guard out.count > 1 else { return out }
        out.sort()
        var w = 1
        for i in 1..<out.count where out[i] != out[w - 1] {
            out[w] = out[i]
            w += 1
        }
        out.removeLast(out.count - w)
        return out
    }
}

/// How a duplicate relates to its original.
public enum DuplicateKind: String, Sendable, Codable, CaseIterable {
    /// Same normalized title, text and employer (equal content hash).
    case exact
    /// Word-shingle Jaccard similarity at or above the threshold.
    case near
    /// The same ad again: same normalized title and employer, exact or near-identical text, posted on a
    /// different day within the repost window.
    case repost
}

/// What the repost rule compares: the normalized title and employer, and the posting day.
public struct PostingIdentity: Sendable, Hashable {
    /// Hash of the normalized title words, a separator, and the normalized employer words.
    public var titleEmployerKey: UInt64
    /// Days since 1970-01-01, or nil when undated.
    public var day: Int?
    /// Hash of the normalized employer words, nil when the posting names no employer.
    public var employerKey: UInt64?

    public init(titleEmployerKey: UInt64, day: Int?, employerKey: UInt64? = nil) {
        self.titleEmployerKey = titleEmployerKey
        self.day = day
        self.employerKey = employerKey
    }

    /// Identity of a posting; `date` is `YYYY-MM-DD` (anything else counts as undated).
    public init(title: String, employer: String?, date: String?, tokenizer: Tokenizer = Tokenizer()) {
        var h: UInt64 = 0x1234_5678_9ABC_DEF0
        for w in Self.words(title, tokenizer) { h = MinHasher.mix(h &+ w) }
        h = MinHasher.mix(h ^ 0x1F)
        var e: UInt64 = 0x0F1E_2D3C_4B5A_6978
        let employerWords = Self.words(employer ?? "", tokenizer)
        for w in employerWords {
            h = MinHasher.mix(h &+ w)
            e = MinHasher.mix(e &+ w)
        }
        self.init(titleEmployerKey: h, day: date.flatMap(Self.dayNumber), employerKey: employerWords.isEmpty ? nil : e)
    }

    /// Hashes of the normalized words of `s` (punctuation dropped, as for shingles).
    static func words(_ s: String, _ tokenizer: Tokenizer) -> [UInt64] {
        var copy = s
        return copy.withUTF8 { buf in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            var scratch: [UInt8] = []
            return tokens.filter { $0.rule != .punct }.map {
                MinHasher.wordHash($0, in: buf, tokenizer: tokenizer, scratch: &scratch)
            }
        }
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), nil if malformed.
    public static func dayNumber(_ date: String) -> Int? {
        let parts = date.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// The kind of a duplicate, given that it is one (equal content, or similarity ≥ threshold).
///
/// Repost wins when the title and employer are the same and both postings are dated on different days at
/// most `windowDays` apart; otherwise equal content is `exact` and the rest `near`.
public enum DuplicateRule {
    /// The default of ``isDistinct(_:_:distinctAfterDays:)``: copies more than 60 days apart both count.
    public static let defaultDistinctAfterDays = 60

    /// Two postings with the same (or nearly the same) text that are *not* duplicates: posted by different
    /// employers (both named), or dated more than `distinctAfterDays` apart — the same ad again months later is a
    /// vacancy still open, a demand signal, not noise. Undated or employer-less postings fall back to content.
    public static func isDistinct(_ duplicate: PostingIdentity, _ original: PostingIdentity, distinctAfterDays: Int) -> Bool {
        if let a = duplicate.employerKey, let b = original.employerKey, a != b { return true }
        if let a = duplicate.day, let b = original.day, abs(a - b) > distinctAfterDays { return true }
        return false
    }

    public static func kind(exactContent: Bool, duplicate: PostingIdentity, original: PostingIdentity,
                            windowDays: Int) -> DuplicateKind {
        if duplicate.titleEmployerKey == original.titleEmployerKey, let a = duplicate.day, let b = original.day,
           a != b, abs(a - b) <= windowDays {
            return .repost
        }
        return exactContent ? .exact : .near
    }
}

/// A verified near-duplicate: the original it duplicates and their exact shingle Jaccard similarity.
public struct NearMatch: Sendable, Hashable {
    public var original: Int64
    public var similarity: Double

    public init(original: Int64, similarity: Double) {
        self.original = original
        self.similarity = similarity
    }

    /// The best of the verified candidates: highest similarity, then lowest id. `shinglesOf` returns a
    /// candidate's sorted distinct shingle set (nil if unknown: skipped). O(candidates · shingles).
    public static func best(for fingerprint: Fingerprint, candidates: [Int64], threshold: Double,
                            shinglesOf: (Int64) throws -> [UInt64]?) rethrows -> NearMatch? {
        guard !candidates.isEmpty else { return nil }
        let mine = fingerprint.shingleSet
        return try best(candidates: candidates, threshold: threshold) { id in
            try shinglesOf(id).map { Jaccard.exact(mine, $0) }
        }
    }

    /// The best of the candidates by a similarity known otherwise (nil = skipped): highest at or above
    /// `threshold`, then lowest id (`candidates` ascending).
    public static func best(candidates: [Int64], threshold: Double,
                            similarity: (Int64) throws -> Double?) rethrows -> NearMatch? {
        var best: NearMatch?
        for id in candidates {
            guard let j = try similarity(id) else { continue }
            if j >= threshold, j > (best?.similarity ?? -1) { best = NearMatch(original: id, similarity: j) }
        }
        return best
    }
}

/// Near-duplicate detection over postings held in memory: LSH candidates verified by exact Jaccard.
/// The pure reference flow (tests, small corpora); the pipeline runs the same steps against the store.
public struct NearDuplicateDetector: Sendable {
    public let hasher: MinHasher
    public private(set) var index = LSHIndex()
    private var shingleSets: [Int64: [UInt64]] = [:]

    public init(hasher: MinHasher) { self.hasher = hasher }

    /// Checks `text` against the originals added so far; a text that is no near-duplicate becomes an
    /// original under `id` (ids must increase). Returns the match, or nil for a new original.
    public mutating func add(id: Int64, text: String) -> NearMatch? {
        let f = hasher.fingerprint(text)
        guard !f.isEmpty else { return nil }
        let sets = shingleSets
        if let m = NearMatch.best(for: f, candidates: index.candidates(f.bandKeys),
                                  threshold: hasher.parameters.threshold, shinglesOf: { sets[$0] }) {
            return m
        }
        index.insert(id, keys: f.bandKeys)
        shingleSets[id] = f.shingleSet
        return nil
    }
}
