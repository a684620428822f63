import Foundation

/// Which non-duplicate postings a read query counts: a corpus, optionally a month range and a region.
public struct PostingFilter: Sendable, Hashable {
    public var corpus: Corpus
    /// Months `YYYY-MM`, inclusive; nil = every posting, dated or not.
    public var months: MonthRange?
    /// A place key (`country:DE`, `admin1:US-CA`, `city:2643743`, `remote`), which selects every posting whose
    /// location rolls up to that place, or a location string as stored; nil = everywhere.
    public var region: String?

    public init(corpus: Corpus = .demand, months: MonthRange? = nil, region: String? = nil) {
        self.corpus = corpus
        self.months = months
        self.region = region
    }
}

/// Months `YYYY-MM` from `from` to `to`, inclusive (none when `from` is after `to`).
public struct MonthRange: Sendable, Hashable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// Postings and distinct employers of a concept (or of a whole filter).
public struct ConceptPostings: Sendable, Hashable {
    public var conceptID: String
    public var postings: Int
    public var employers: Int
}

/// A concept of a stored taxonomy.
public struct StoredConcept: Sendable, Hashable {
    public var conceptID: String
    public var label: String
    public var source: String
}

/// A normalised place of `region_places`.
public struct StoredPlace: Sendable, Hashable {
    /// `country:DE`, `admin1:US-CA`, `city:5391959`, `continent:EU` or `remote`.
    public var key: String
    public var level: String
    public var code: String
    public var name: String
    public var country: String
}

/// One non-duplicate posting's stored fields, as the text-level analyses read them.
public struct StoredPostingText: Sendable, Hashable {
    public var id: Int64
    public var sourceID: String?
    public var title: String
    public var text: String
    public var month: String?
    public var region: String?
    public var employer: String?
    public var sourcePath: String
    public var sourceLine: Int
}

/// A posting behind a figure, with the text the concept matched.
public struct StoredMention: Sendable, Hashable {
    public var postingID: Int64
    public var sourceID: String?
    public var title: String
    public var date: String?
    public var matched: String
    public var count: Int
    /// `path:line` of the record.
    public var source: String
}

/// A posting's stored mention of a concept with the posting's text, for the precision audit.
public struct StoredMentionContext: Sendable, Hashable {
    public var postingID: Int64
    /// The source id, else `path:line`.
    public var reference: String
    public var employer: String
    public var title: String
    public var text: String
    public var start: Int
    public var end: Int
    public var confidence: Double
}

/// A role a posting advertises (`posting_roles`), with its occupation when coded.
public struct StoredRole: Sendable, Hashable {
    public var key: String
    public var phrase: String
    public var occupationLabel: String?
    public var confidence: Double
}

/// The store's read queries: the only SQL the analyses run. Every query counts non-duplicate postings; rows
/// are decoded by column name.
extension SkillStore {
    static let placeKeyPrefixes = ["country:", "admin1:", "city:", "continent:"]

    /// Whether `region` is a place key rather than a location string as stored.
    public static func isPlaceKey(_ region: String) -> Bool {
        region == "remote" || placeKeyPrefixes.contains { region.hasPrefix($0) }
    }

    /// The conditions (joined by AND) and arguments selecting the postings of `f`, on postings aliased `p`
    /// (or unaliased when `alias` is empty).
    func conditions(_ f: PostingFilter, alias: String = "p") -> (sql: String, args: [SQLValue]) {
        let c = alias.isEmpty ? "" : alias + "."
        var sql = ["\(c)corpus = ?", "\(c)duplicate_of IS NULL"]
        var args: [SQLValue] = [.text(f.corpus.rawValue)]
        if let m = f.months {
            sql.append("\(c)period_month BETWEEN ? AND ?")
            args += [.text(m.from), .text(m.to)]
        }
        if let r = f.region {
            sql.append(Self.isPlaceKey(r) ? "\(c)region IN (SELECT region FROM region_places WHERE place_key = ?)"
                                          : "\(c)region = ?")
            args.append(.text(r))
        }
        return (sql.joined(separator: " AND "), args)
    }

    /// Whether `table` exists and has a row (a store written by an older version, opened read-only, may lack it).
    public func tableHasRows(_ table: String) throws -> Bool {
        let exists = try db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?")
            .query([.text(table)])
        guard try exists.first?.int("n") ?? 0 > 0 else { return false }
        return try db.prepare("SELECT EXISTS(SELECT 1 FROM \(table)) AS found").query().first?.int("found") == 1
    }

    // MARK: Taxonomy

    /// The concepts of a stored taxonomy.
    public func concepts(taxonomyID: Int64) throws -> [StoredConcept] {
        try db.prepare("SELECT concept_id, label, source FROM concepts WHERE taxonomy_id = ?").query([.int(taxonomyID)])
            .map { StoredConcept(conceptID: try $0.string("concept_id"), label: try $0.optionalString("label") ?? "",
                                 source: try $0.optionalString("source") ?? "") }
    }

    /// Every concept ID of every stored taxonomy.
    public func allConceptIDs() throws -> Set<String> {
        Set(try db.prepare("SELECT DISTINCT concept_id FROM concepts").query().map { try $0.string("concept_id") })
    }

    /// The texts postings matched each concept with, and how often (case-insensitively grouped), most frequent first.
    public func surfaceForms(taxonomyID: Int64) throws -> [String: [(form: String, mentions: Int)]] {
        var out: [String: [(String, Int)]] = [:]
        try db.prepare("""
            SELECT m.concept_id, m.matched_text, count(*) AS n FROM mentions m
            WHERE m.taxonomy_id = ? GROUP BY m.concept_id, lower(m.matched_text) ORDER BY m.concept_id, n DESC
            """).forEachRow([.int(taxonomyID)]) {
            out[try $0.string("concept_id"), default: []].append((try $0.optionalString("matched_text") ?? "", try $0.int("n")))
        }
        return out
    }

    /// Name, version and digest of a stored taxonomy.
    public func taxonomy(id: Int64) throws -> (name: String, version: String, digest: String)? {
        guard let r = try db.prepare("SELECT name, version, digest FROM taxonomies WHERE id = ?").query([.int(id)]).first
        else { return nil }
        return (try r.optionalString("name") ?? "", try r.optionalString("version") ?? "", try r.optionalString("digest") ?? "")
    }

    // MARK: Counts

    /// Non-duplicate postings per month (dated only) of the filter's corpus and region, from the aggregates.
    public func monthTotals(_ f: PostingFilter) throws -> [String: Int] {
        var sql = "SELECT period_month, sum(postings) AS n FROM agg_period_totals WHERE corpus = ? AND period_month != 'undated'"
        var args: [SQLValue] = [.text(f.corpus.rawValue)]
        if let r = f.region {
            sql += Self.isPlaceKey(r) ? " AND region IN (SELECT region FROM region_places WHERE place_key = ?)" : " AND region = ?"
            args.append(.text(r))
        }
        var out: [String: Int] = [:]
        try db.prepare(sql + " GROUP BY 1").forEachRow(args) { out[try $0.string("period_month")] = try $0.int("n") }
        return out
    }

    /// Postings mentioning each concept per month (dated only): [concept: [month: postings]], from the aggregates.
    public func monthConceptCounts(taxonomyID: Int64, _ f: PostingFilter) throws -> [String: [String: Int]] {
        var sql = """
            SELECT concept_id, period_month, sum(postings) AS n FROM agg_skill_month
            WHERE taxonomy_id = ? AND corpus = ? AND period_month != 'undated'
            """
        var args: [SQLValue] = [.int(taxonomyID), .text(f.corpus.rawValue)]
        if let r = f.region {
            sql += Self.isPlaceKey(r) ? " AND region IN (SELECT region FROM region_places WHERE place_key = ?)" : " AND region = ?"
            args.append(.text(r))
        }
        var out: [String: [String: Int]] = [:]
        try db.prepare(sql + " GROUP BY 1, 2").forEachRow(args) {
            out[try $0.string("concept_id"), default: [:]][try $0.string("period_month")] = try $0.int("n")
        }
        return out
    }

    /// Postings and distinct employers of the filter.
    public func postingTotals(_ f: PostingFilter) throws -> (postings: Int, employers: Int) {
        let (sql, args) = conditions(f, alias: "")
        let r = try db.prepare("SELECT count(*) AS n, count(DISTINCT employer) AS e FROM postings WHERE \(sql)").query(args).first
        return (try r?.int("n") ?? 0, try r?.int("e") ?? 0)
    }

    /// Postings (and distinct employers) of the filter mentioning each concept, most first; `limit` rows at most.
    /// The postings of the filter are read first (CROSS JOIN fixes the order): for a small corpus (the programmes)
    /// that is a few rows instead of every mention of the taxonomy, and for all postings it costs the same.
    public func conceptPostings(taxonomyID: Int64, _ f: PostingFilter, limit: Int? = nil) throws -> [ConceptPostings] {
        let (sql, args) = conditions(f)
        return try db.prepare("""
            SELECT m.concept_id, count(*) AS n, count(DISTINCT p.employer) AS e FROM postings p
            CROSS JOIN mentions m ON m.posting_id = p.id WHERE \(sql) AND m.taxonomy_id = ?
            GROUP BY 1 ORDER BY 2 DESC, 1
            """ + (limit == nil ? "" : " LIMIT ?")).query(args + [.int(taxonomyID)] + (limit.map { [.init($0)] } ?? []))
            .map { ConceptPostings(conceptID: try $0.string("concept_id"), postings: try $0.int("n"), employers: try $0.int("e")) }
    }

    /// Postings of the filter mentioning each concept, per employer (`""` = unknown): [concept: [employer: postings]].
    public func conceptEmployerCounts(taxonomyID: Int64, _ f: PostingFilter) throws -> [String: [String: Int]] {
        let (sql, args) = conditions(f)
        var out: [String: [String: Int]] = [:]
        try db.prepare("""
            SELECT m.concept_id, coalesce(p.employer, '') AS employer, count(*) AS n FROM mentions m
            JOIN postings p ON p.id = m.posting_id WHERE \(sql) AND m.taxonomy_id = ? GROUP BY 1, 2
            """).forEachRow(args + [.int(taxonomyID)]) {
            out[try $0.string("concept_id"), default: [:]][try $0.string("employer")] = try $0.int("n")
        }
        return out
    }

    /// Postings of the filter per employer (`""` = unknown).
    public func employerTotals(_ f: PostingFilter) throws -> [String: Int] {
        let (sql, args) = conditions(f, alias: "")
        var out: [String: Int] = [:]
        try db.prepare("SELECT coalesce(employer, '') AS employer, count(*) AS n FROM postings WHERE \(sql) GROUP BY 1")
            .forEachRow(args) { out[try $0.string("employer")] = try $0.int("n") }
        return out
    }

    /// Postings of the filter per location string as stored (`""` = none).
    public func regionPostingCounts(_ f: PostingFilter) throws -> [String: Int] {
        let (sql, args) = conditions(f, alias: "")
        var out: [String: Int] = [:]
        try db.prepare("SELECT coalesce(region, '') AS region, count(*) AS n FROM postings WHERE \(sql) GROUP BY 1")
            .forEachRow(args) { out[try $0.string("region")] = try $0.int("n") }
        return out
    }

    /// Duplicates of a corpus (postings with `duplicate_of` set).
    public func duplicateCount(corpus: Corpus) throws -> Int {
        try db.prepare("SELECT count(*) AS n FROM postings WHERE corpus = ? AND duplicate_of IS NOT NULL")
            .query([.text(corpus.rawValue)]).first?.int("n") ?? 0
    }

    /// Distinct quarantined records of a corpus's runs.
    public func quarantinedCount(corpus: Corpus) throws -> Int {
        try db.prepare("""
            SELECT count(*) AS n FROM (SELECT DISTINCT source_path, line, byte_offset FROM quarantine q
            JOIN runs r ON r.id = q.run_id WHERE r.corpus = ?)
            """).query([.text(corpus.rawValue)]).first?.int("n") ?? 0
    }

    /// The first and last posting date of the filter.
    public func dateRange(_ f: PostingFilter) throws -> (first: String?, last: String?) {
        let (sql, args) = conditions(f, alias: "")
        let r = try db.prepare("SELECT min(date) AS first, max(date) AS last FROM postings WHERE \(sql)").query(args).first
        return (try r?.optionalString("first"), try r?.optionalString("last"))
    }

    /// Postings with a mention, mentions and distinct concepts of the filter.
    public func mentionTotals(taxonomyID: Int64, _ f: PostingFilter) throws -> (postings: Int, mentions: Int, concepts: Int) {
        let (sql, args) = conditions(f)
        let r = try db.prepare("""
            SELECT count(DISTINCT m.posting_id) AS postings, coalesce(sum(m.count), 0) AS mentions,
                   count(DISTINCT m.concept_id) AS concepts
            FROM mentions m JOIN postings p ON p.id = m.posting_id WHERE \(sql) AND m.taxonomy_id = ?
            """).query(args + [.int(taxonomyID)]).first
        return (try r?.int("postings") ?? 0, try r?.int("mentions") ?? 0, try r?.int("concepts") ?? 0)
    }

    // MARK: Postings

    /// Postings of the filter mentioning `conceptID`, oldest first, with the matched text.
    public func mentionsOf(conceptID: String, taxonomyID: Int64, _ f: PostingFilter, limit: Int) throws -> [StoredMention] {
        let (sql, args) = conditions(f)
        return try db.prepare("""
            SELECT p.id, p.source_id, p.title, p.date, m.matched_text, m.count, p.source_path || ':' || p.source_line AS source
            FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND m.concept_id = ? AND \(sql) ORDER BY p.date, p.id LIMIT ?
            """).query([.int(taxonomyID), .text(conceptID)] + args + [.init(limit)]).map {
            StoredMention(postingID: try $0.int64("id"), sourceID: try $0.optionalString("source_id"),
                          title: try $0.optionalString("title") ?? "", date: try $0.optionalString("date"),
                          matched: try $0.optionalString("matched_text") ?? "", count: try $0.int("count"),
                          source: try $0.optionalString("source") ?? "")
        }
    }

    /// Streams the postings of the filter (optionally only `ids`). This is the one query that reads posting title
    /// and text for the text-level analyses. Rows come in id order, `rowsPerRound` at a time; within a round,
    /// postings stored by reference are read back source by source (in file order, which for one input is id
    /// order). Postings whose source cannot be read back are left out and reported (``resolveTexts(_:_:)``).
    /// O(postings) time, O(`rowsPerRound`) memory.
    public func forEachPostingText(_ f: PostingFilter, ids: [Int64]? = nil, rowsPerRound: Int = 200_000,
                                   _ body: (StoredPostingText) throws -> Void) throws {
        var (sql, args) = conditions(f, alias: "")
        if let ids {
            guard !ids.isEmpty else { return }
            sql += " AND id IN (" + ids.map { String($0) }.joined(separator: ",") + ")"
        }
        var round: [TextRow] = []
        func flush() throws {
            try resolveTexts(round) { r, text in
                try body(StoredPostingText(id: r.id, sourceID: r.sourceID, title: r.title, text: text, month: r.month,
                                           region: r.region, employer: r.employer, sourcePath: r.sourcePath,
                                           sourceLine: r.sourceLine))
            }
            round.removeAll(keepingCapacity: true)
        }
        try db.prepare("SELECT \(textColumns()) FROM postings WHERE \(sql) ORDER BY id").forEachRow(args) {
            round.append(try textRow($0))
            if round.count >= rowsPerRound { try flush() }
        }
        try flush()
    }

    /// Concepts mentioned by each posting of the filter: [posting id: concept ids].
    public func postingConcepts(taxonomyID: Int64, _ f: PostingFilter) throws -> [Int64: [String]] {
        let (sql, args) = conditions(f)
        var out: [Int64: [String]] = [:]
        try db.prepare("""
            SELECT m.posting_id, m.concept_id FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND \(sql) ORDER BY 1, 2
            """).forEachRow([.int(taxonomyID)] + args) {
            out[try $0.int64("posting_id"), default: []].append(try $0.string("concept_id"))
        }
        return out
    }

    /// The concepts one posting mentions.
    public func conceptIDs(ofPosting id: Int64, taxonomyID: Int64) throws -> Set<String> {
        Set(try db.prepare("SELECT concept_id FROM mentions WHERE posting_id = ? AND taxonomy_id = ?")
            .query([.int(id), .int(taxonomyID)]).map { try $0.string("concept_id") })
    }

    /// A training programme (supply record) by source id or row id: its row id and title.
    public func programme(_ idOrSourceID: String) throws -> (id: Int64, title: String)? {
        guard let r = try db.prepare("""
            SELECT id, title FROM postings WHERE corpus = 'supply' AND duplicate_of IS NULL
              AND (source_id = ? OR CAST(id AS TEXT) = ?) ORDER BY id LIMIT 1
            """).query([.text(idOrSourceID), .text(idOrSourceID)]).first else { return nil }
        return (try r.int64("id"), try r.optionalString("title") ?? "")
    }

    /// Every training programme (non-duplicate supply record): row id, source id and title.
    public func programmes() throws -> [(id: Int64, sourceID: String?, title: String)] {
        try db.prepare("SELECT id, source_id, title FROM postings WHERE corpus = 'supply' AND duplicate_of IS NULL ORDER BY id")
            .query().map { (try $0.int64("id"), try $0.optionalString("source_id"), try $0.optionalString("title") ?? "") }
    }

    /// Distinct (location string, concept) pairs of the postings of the filter.
    public func regionConcepts(taxonomyID: Int64, _ f: PostingFilter) throws -> [(region: String, conceptID: String)] {
        let (sql, args) = conditions(f)
        return try db.prepare("""
            SELECT DISTINCT coalesce(p.region, '') AS region, m.concept_id FROM mentions m
            JOIN postings p ON p.id = m.posting_id WHERE m.taxonomy_id = ? AND \(sql)
            """).query([.int(taxonomyID)] + args).map { (try $0.string("region"), try $0.string("concept_id")) }
    }

    /// The mentions of a concept in the postings of the filter, in posting order, without the postings' text
    /// (`title` and `text` are empty: ``postingTexts(ids:)`` reads them for the mentions a caller keeps).
    public func mentionContexts(conceptID: String, taxonomyID: Int64, _ f: PostingFilter) throws -> [StoredMentionContext] {
        let (sql, args) = conditions(f)
        return try db.prepare("""
            SELECT p.id, coalesce(p.source_id, p.source_path || ':' || p.source_line) AS reference,
                   coalesce(p.employer, '') AS employer, m.first_start, m.first_end, m.confidence
            FROM mentions m JOIN postings p ON p.id = m.posting_id
            WHERE m.taxonomy_id = ? AND m.concept_id = ? AND \(sql) ORDER BY p.id
            """).query([.int(taxonomyID), .text(conceptID)] + args).map {
            StoredMentionContext(postingID: try $0.int64("id"), reference: try $0.optionalString("reference") ?? "",
                                 employer: try $0.string("employer"), title: "", text: "", start: try $0.int("first_start"),
                                 end: try $0.int("first_end"), confidence: try $0.optionalDouble("confidence") ?? 0)
        }
    }

    // MARK: Occupations and roles

    /// Demand postings coded to `occupationID`, per location string as stored.
    public func occupationPostingsByRegion(_ occupationID: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        try db.prepare("""
            SELECT coalesce(p.region, '') AS region, count(DISTINCT p.id) AS n FROM postings p
            JOIN posting_occupations o ON o.posting_id = p.id
            WHERE p.corpus = 'demand' AND p.duplicate_of IS NULL AND o.occupation_id = ? GROUP BY 1
            """).forEachRow([.text(occupationID)]) { out[try $0.string("region")] = try $0.int("n") }
        return out
    }

    /// The occupation IDs coded under a label (any case).
    public func occupationIDs(label: String) throws -> [String] {
        try db.prepare("SELECT DISTINCT occupation_id FROM posting_occupations WHERE lower(occupation_label) = lower(?)")
            .query([.text(label)]).map { try $0.string("occupation_id") }
    }

    /// Each posting's occupation codings: (posting, label or ID, confidence).
    public func occupationCodes() throws -> [(postingID: Int64, label: String, confidence: Double)] {
        try db.prepare("""
            SELECT posting_id, coalesce(occupation_label, occupation_id) AS label, confidence FROM posting_occupations
            """).query().map { (try $0.int64("posting_id"), try $0.optionalString("label") ?? "", try $0.optionalDouble("confidence") ?? 0) }
    }

    /// The roles each posting advertises, in order.
    public func postingRoles() throws -> [Int64: [StoredRole]] {
        var out: [Int64: [StoredRole]] = [:]
        try db.prepare("""
            SELECT posting_id, role_key, phrase, occupation_label, confidence FROM posting_roles ORDER BY posting_id, ordinal
            """).forEachRow {
            out[try $0.int64("posting_id"), default: []].append(StoredRole(
                key: try $0.string("role_key"), phrase: try $0.optionalString("phrase") ?? "",
                occupationLabel: try $0.optionalString("occupation_label"), confidence: try $0.optionalDouble("confidence") ?? 0))
        }
        return out
    }

    // MARK: Places

    /// Every normalised place some location string rolls up to.
    public func places() throws -> [StoredPlace] {
        try db.prepare("SELECT DISTINCT place_key, level, code, name, country FROM region_places").query().map(Self.place)
    }

    /// The place of a key.
    public func place(key: String) throws -> StoredPlace? {
        try db.prepare("SELECT place_key, level, code, name, country FROM region_places WHERE place_key = ? LIMIT 1")
            .query([.text(key)]).first.map(Self.place)
    }

    static func place(_ r: Row) throws -> StoredPlace {
        StoredPlace(key: try r.string("place_key"), level: try r.optionalString("level") ?? "",
                    code: try r.optionalString("code") ?? "", name: try r.optionalString("name") ?? "",
                    country: try r.optionalString("country") ?? "")
    }

    /// Location strings as stored (non-empty) of every non-duplicate posting, demand or supply, most postings first.
    public func storedRegions() throws -> [String] {
        try db.prepare("""
            SELECT region FROM postings WHERE duplicate_of IS NULL AND region IS NOT NULL AND region != ''
            GROUP BY 1 ORDER BY count(*) DESC, 1
            """).query().map { try $0.string("region") }
    }

    /// Place keys of `level` that some non-duplicate posting (demand or supply) rolls up to, most postings first.
    public func placeKeys(level: String) throws -> [String] {
        try db.prepare("""
            SELECT rp.place_key FROM postings p JOIN region_places rp ON rp.region = p.region
            WHERE p.duplicate_of IS NULL AND rp.level = ? GROUP BY 1 ORDER BY count(*) DESC, 1
            """).query([.text(level)]).map { try $0.string("place_key") }
    }

    /// Postings of a corpus per place of `level`, most first.
    public func placePostings(corpus: Corpus, level: String) throws -> [(place: StoredPlace, postings: Int)] {
        try db.prepare("""
            SELECT rp.place_key, rp.level, rp.code, rp.name, rp.country, count(*) AS n FROM postings p
            JOIN region_places rp ON rp.region = p.region
            WHERE p.corpus = ? AND p.duplicate_of IS NULL AND rp.level = ?
            GROUP BY 1 ORDER BY n DESC, rp.name
            """).query([.text(corpus.rawValue), .text(level)]).map { (try Self.place($0), try $0.int("n")) }
    }

    /// Postings of a corpus whose location rolls up to some place of `level` (or to `remote` for level `remote`).
    public func placedPostings(corpus: Corpus, level: String) throws -> Int {
        let test = level == "remote" ? "place_key = 'remote'" : "level = ?"
        return try db.prepare("""
            SELECT count(*) AS n FROM postings WHERE corpus = ? AND duplicate_of IS NULL
              AND region IN (SELECT region FROM region_places WHERE \(test))
            """).query([.text(corpus.rawValue)] + (level == "remote" ? [] : [.text(level)])).first?.int("n") ?? 0
    }
}
