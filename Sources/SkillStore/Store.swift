import Foundation
import SkillIO

/// Which side of the market a record belongs to.
public enum Corpus: String, Sendable, Codable, CaseIterable {
    /// Job postings: demand for skills.
    case demand
    /// Training programmes, courses, qualifications: supply of skills.
    case supply
}

/// A posting (or programme) ready to store.
public struct PostingRow: Sendable, Hashable, Codable {
    public var corpus: Corpus
    public var sourceID: String?
    /// SHA-256 of the normalized title, text and employer: equal hash = exact duplicate.
    public var contentHash: String
    public var title: String
    public var text: String
    /// `YYYY-MM-DD` or nil when undated.
    public var date: String?
    public var region: String?
    /// Employer of a posting, provider of a programme.
    public var employer: String?
    public var sourcePath: String
    public var sourceLine: Int
    /// Byte offset and length of the record in its decoded source (length 0 = unknown), for reading it back.
    public var sourceOffset = 0
    public var sourceLength = 0
    /// The record's ordinal among its file's records (``SkillIngest/PostingRecord/ordinal``).
    public var sourceRecord = 0
    /// Keep the text in the database (`--store-text`); false stores the posting by reference to its source.
    public var storeText = true
    /// LSH band keys for near-duplicate detection (empty: none); stored with an original posting.
    public var bandKeys: [UInt64] = []
    /// The posting's occupation (job-title coding), stored in `posting_occupations` with an original posting.
    public var occupation: OccupationAssignment?
    /// The roles its title or header advertises, stored in `posting_roles` with an original posting.
    public var roles: [RoleRow] = []

    public init(corpus: Corpus, sourceID: String?, contentHash: String, title: String, text: String,
                date: String?, region: String?, employer: String?, sourcePath: String, sourceLine: Int) {
        self.corpus = corpus
        self.sourceID = sourceID
        self.contentHash = contentHash
        self.title = title
        self.text = text
        self.date = date
        self.region = region
        self.employer = employer
        self.sourcePath = sourcePath
        self.sourceLine = sourceLine
    }
}

/// A role a posting advertises (a row of `posting_roles`), with its occupation when roles are coded.
public struct RoleRow: Sendable, Hashable, Codable {
    public var key: String
    public var phrase: String
    public var evidence: String
    public var occupation: OccupationAssignment?

    public init(key: String, phrase: String, evidence: String, occupation: OccupationAssignment? = nil) {
        self.key = key
        self.phrase = phrase
        self.evidence = evidence
        self.occupation = occupation
    }
}

/// The occupation a posting's title was coded to (a row of `posting_occupations`).
public struct OccupationAssignment: Sendable, Hashable, Codable {
    public var occupationID: String
    public var label: String
    public var iscoCode: String?
    public var onetCode: String?
    public var confidence: Double
    /// How it was coded: exact-title, normalized-title, contained-label, token-similarity, skills.
    public var method: String

    public init(occupationID: String, label: String, iscoCode: String?, onetCode: String?, confidence: Double,
                method: String) {
        self.occupationID = occupationID
        self.label = label
        self.iscoCode = iscoCode
        self.onetCode = onetCode
        self.confidence = confidence
        self.method = method
    }
}

/// The matches of one concept in one posting.
public struct MentionRow: Sendable, Hashable, Codable {
    public var conceptID: String
    public var count: Int
    /// Byte range and text of the first match, for drill-down.
    public var firstStart: Int
    public var firstEnd: Int
    public var matchedText: String
    /// The highest context-rule confidence among the concept's accepted matches (1 without rules).
    public var confidence: Double

    public init(conceptID: String, count: Int, firstStart: Int, firstEnd: Int, matchedText: String,
                confidence: Double = 1) {
        self.conceptID = conceptID
        self.count = count
        self.firstStart = firstStart
        self.firstEnd = firstEnd
        self.matchedText = matchedText
        self.confidence = confidence
    }
}

/// A quarantined record as stored: the readers' type (SkillIO), under the store's name.
public typealias QuarantineRow = QuarantinedRecord

/// Per-input accounting: read = new + duplicates + already present + quarantined, where
/// duplicates = exact + near + reposts.
public struct InputAccount: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var format: String
    public var read = 0
    public var new = 0
    /// All duplicates: exactDuplicates + nearDuplicates + reposts.
    public var duplicates = 0
    public var exactDuplicates = 0
    public var nearDuplicates = 0
    public var reposts = 0
    public var alreadyPresent = 0
    public var quarantined = 0

    public init(path: String, sha256: String, bytes: Int, format: String) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
        self.format = format
    }

    /// True when every record read is accounted for and the duplicate kinds add up.
    public var balanced: Bool {
        read == new + duplicates + alreadyPresent + quarantined
            && duplicates == exactDuplicates + nearDuplicates + reposts
    }

    /// Duplicates among the records stored by this input (new + duplicates); 0 when none were stored.
    public var duplicateRate: Double {
        new + duplicates > 0 ? Double(duplicates) / Double(new + duplicates) : 0
    }

    /// Counts one outcome.
    public mutating func count(_ outcome: InsertOutcome) {
        switch outcome {
        case .new: new += 1
        case .alreadyPresent: alreadyPresent += 1
        case .duplicate(let kind):
            duplicates += 1
            switch kind {
            case .exact: exactDuplicates += 1
            case .near: nearDuplicates += 1
            case .repost: reposts += 1
            }
        }
    }
}

/// How a stored duplicate relates to its original (postings.duplicate_of, duplicate_kind, similarity).
public struct DuplicateLink: Sendable, Hashable {
    /// `exact` (same content hash), `near` (shingle similarity ≥ threshold), `repost` (same ad re-posted
    /// within the repost window).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case exact, near, repost
    }

    public var original: Int64
    public var kind: Kind
    /// Jaccard similarity of the word shingles (1 for exact duplicates).
    public var similarity: Double

    public init(original: Int64, kind: Kind, similarity: Double) {
        self.original = original
        self.kind = kind
        self.similarity = similarity
    }
}

/// What happened to one stored record.
public enum InsertOutcome: Sendable, Hashable {
    case new
    case duplicate(DuplicateLink.Kind)
    case alreadyPresent
}

/// Decides near-duplicates and reposts inside ``SkillStore/insertBatch(runID:taxonomyID:items:quarantined:resolver:)``,
/// in batch order, on the writer's connection (so it sees the batch's own earlier postings).
public protocol DuplicateResolver: AnyObject {
    /// Item `item` was just inserted as `postingID` (it was not already stored). Returns its link to an
    /// original, or nil to keep it as a new original. `exactOriginal` is the stored original with the same
    /// content hash, if any; without a resolver that makes it an `exact` duplicate.
    func resolve(item: Int, postingID: Int64, exactOriginal: Int64?) throws -> DuplicateLink?
    /// Item `item` was stored as the original `postingID` (its band keys are stored too).
    func didStoreOriginal(item: Int, postingID: Int64)
}

/// Run metadata as stored.
/// The state of a run: `running` until it finishes (a killed run stays `running`), then `completed` or `failed`.
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case running, completed, failed
}

public struct RunInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    public var status: RunStatus
    public var engineVersion: String
    public var taxonomyDigest: String
    public var taxonomyName: String
    public var corpus: String
    public var parameters: String
    public var command: String
}

/// The SQLite store: schema, migrations, and writes as named transactions.
///
/// Postings are identified by (corpus, source id) or, without a source id, by (corpus, content hash):
/// storing the same record again is a no-op ("already present"), so rerunning an input never double
/// counts. A record whose content hash equals a stored original is kept as a duplicate linked to it and
/// excluded from every count. Aggregates are counts updated by addition in the same transaction as the
/// batch that adds the postings, so they are always exactly what an uninterrupted run would give.
public final class SkillStore {
    let db: SQLiteConnection
    public static let schemaVersion = 6
    /// Problems reading posting text back from sources already reported (source and reason), so each is said once.
    var reportedTextProblems: Set<String> = []
    /// Whether `postings` has the by-reference columns of migration 006 (a store of an older version opened
    /// read-only has not); asked once per connection, the schema does not change under it.
    lazy var hasTextReferences: Bool =
        (try? db.prepare("SELECT count(*) AS n FROM pragma_table_info('postings') WHERE name = 'text_stored'")
            .query().first?.int("n")) == 1

    public init(path: String, readOnly: Bool = false) throws {
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError("no database at \(path); create it with `skillradar analyze INPUT --db \(path)`")
        }
        db = try SQLiteConnection(path: path, readOnly: readOnly)
        if !readOnly {
            // 16 KiB pages for a new database (an existing one keeps its size): a ~3.5 KB posting fits in a
            // page without an overflow chain, and a batch writes a quarter as many WAL frames.
            try db.execute("PRAGMA page_size=16384;")
            try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                           + "PRAGMA cache_size=-65536; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY; "
                           // Checkpoint the WAL about every 64 MiB rather than every 1,000 pages: fewer fsyncs.
                           + "PRAGMA wal_autocheckpoint=4096;")
            try migrate()
            try ensureIndexes() // a bulk load that was killed left its deferred indexes out
        } else {
            // Memory-mapped reads and a page cache for readers too: a query joining mentions to postings
            // otherwise costs one pread per posting row visited.
            try db.execute("PRAGMA query_only=ON; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;")
        }
    }

    static let migrations: [(String, String)] = [
        ("001-initial", """
        CREATE TABLE taxonomies(
            id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, name TEXT NOT NULL, version TEXT NOT NULL,
            concepts INTEGER NOT NULL, labels INTEGER NOT NULL);
        CREATE TABLE concepts(
            taxonomy_id INTEGER NOT NULL REFERENCES taxonomies(id), concept_id TEXT NOT NULL,
            label TEXT NOT NULL, type TEXT NOT NULL, source TEXT NOT NULL,
            hot_technology INTEGER NOT NULL DEFAULT 0, in_demand INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(taxonomy_id, concept_id)) WITHOUT ROWID;
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
            status TEXT NOT NULL CHECK(status IN ('running','completed','failed')),
            engine_version TEXT NOT NULL, taxonomy_id INTEGER NOT NULL REFERENCES taxonomies(id),
            tokenizer TEXT NOT NULL, corpus TEXT NOT NULL CHECK(corpus IN ('demand','supply')),
            parameters TEXT NOT NULL, command TEXT NOT NULL);
        CREATE TABLE run_inputs(
            run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT NOT NULL,
            bytes INTEGER NOT NULL, format TEXT NOT NULL, records_read INTEGER NOT NULL,
            postings_new INTEGER NOT NULL, duplicates INTEGER NOT NULL, already_present INTEGER NOT NULL,
            quarantined INTEGER NOT NULL, PRIMARY KEY(run_id, path));
        CREATE TABLE postings(
            id INTEGER PRIMARY KEY, corpus TEXT NOT NULL CHECK(corpus IN ('demand','supply')),
            source_id TEXT, content_hash TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
            date TEXT, period_month TEXT, region TEXT, employer TEXT,
            source_path TEXT NOT NULL, source_line INTEGER NOT NULL,
            first_run_id INTEGER NOT NULL REFERENCES runs(id),
            duplicate_of INTEGER REFERENCES postings(id));
        CREATE UNIQUE INDEX postings_source_id ON postings(corpus, source_id) WHERE source_id IS NOT NULL;
        CREATE UNIQUE INDEX postings_anonymous ON postings(corpus, content_hash) WHERE source_id IS NULL;
        CREATE INDEX postings_hash ON postings(corpus, content_hash);
        CREATE INDEX postings_period ON postings(corpus, period_month);
        CREATE TABLE posting_matches(
            posting_id INTEGER NOT NULL REFERENCES postings(id),
            taxonomy_id INTEGER NOT NULL REFERENCES taxonomies(id),
            run_id INTEGER NOT NULL REFERENCES runs(id),
            PRIMARY KEY(posting_id, taxonomy_id)) WITHOUT ROWID;
        CREATE TABLE mentions(
            posting_id INTEGER NOT NULL REFERENCES postings(id),
            taxonomy_id INTEGER NOT NULL REFERENCES taxonomies(id),
            concept_id TEXT NOT NULL, count INTEGER NOT NULL CHECK(count > 0),
            first_start INTEGER NOT NULL, first_end INTEGER NOT NULL, matched_text TEXT NOT NULL,
            PRIMARY KEY(posting_id, taxonomy_id, concept_id)) WITHOUT ROWID;
        CREATE INDEX mentions_concept ON mentions(taxonomy_id, concept_id);
        CREATE TABLE quarantine(
            id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), source_path TEXT NOT NULL,
            line INTEGER NOT NULL, byte_offset INTEGER NOT NULL, reason TEXT NOT NULL, excerpt TEXT NOT NULL);
        CREATE TABLE agg_period_totals(
            corpus TEXT NOT NULL, period_month TEXT NOT NULL, region TEXT NOT NULL,
            postings INTEGER NOT NULL, employers INTEGER NOT NULL,
            PRIMARY KEY(corpus, period_month, region)) WITHOUT ROWID;
        CREATE TABLE agg_skill_month(
            taxonomy_id INTEGER NOT NULL, corpus TEXT NOT NULL, period_month TEXT NOT NULL,
            region TEXT NOT NULL, concept_id TEXT NOT NULL, postings INTEGER NOT NULL, mentions INTEGER NOT NULL,
            PRIMARY KEY(taxonomy_id, corpus, concept_id, period_month, region)) WITHOUT ROWID;
        """),
        // Aggregates are now maintained by addition inside each batch's transaction; the distinct employers
        // of a (corpus, month, region) are kept as rows so that their count can be maintained too.
        ("002-incremental-aggregates", """
        CREATE TABLE agg_employers(
            corpus TEXT NOT NULL, period_month TEXT NOT NULL, region TEXT NOT NULL, employer TEXT NOT NULL,
            PRIMARY KEY(corpus, period_month, region, employer)) WITHOUT ROWID;
        INSERT INTO agg_employers(corpus, period_month, region, employer)
        SELECT DISTINCT corpus, coalesce(period_month, 'undated'), coalesce(region, ''), employer
        FROM postings WHERE duplicate_of IS NULL AND employer IS NOT NULL;
        """),
        // Near-duplicates and reposts: the kind and similarity of each duplicate, per-kind accounting, and the
        // LSH band keys of original postings (one row each; loaded into memory by a run). Also the tables
        // that context-rule confidence and occupation coding fill.
        ("003-near-duplicates-occupations", """
        ALTER TABLE postings ADD COLUMN duplicate_kind TEXT CHECK(duplicate_kind IN ('exact','near','repost'));
        ALTER TABLE postings ADD COLUMN similarity REAL;
        UPDATE postings SET duplicate_kind = 'exact', similarity = 1.0 WHERE duplicate_of IS NOT NULL;
        ALTER TABLE run_inputs ADD COLUMN duplicates_exact INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE run_inputs ADD COLUMN duplicates_near INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE run_inputs ADD COLUMN duplicates_repost INTEGER NOT NULL DEFAULT 0;
        UPDATE run_inputs SET duplicates_exact = duplicates;
        CREATE TABLE posting_lsh(
            posting_id INTEGER PRIMARY KEY REFERENCES postings(id),
            corpus TEXT NOT NULL CHECK(corpus IN ('demand','supply')),
            scheme TEXT NOT NULL, band_keys BLOB NOT NULL);
        CREATE TABLE posting_occupations(
            posting_id INTEGER PRIMARY KEY REFERENCES postings(id), occupation_id TEXT NOT NULL,
            occupation_label TEXT NOT NULL, isco_code TEXT, onet_code TEXT, confidence REAL NOT NULL,
            method TEXT NOT NULL);
        CREATE INDEX posting_occupations_occupation ON posting_occupations(occupation_id);
        ALTER TABLE mentions ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
        """),
        // Places: each distinct raw region string, normalised once, with the places it rolls up to (city,
        // first-level region, country, `remote`). Region filters and the regions command join through it.
        ("004-places", """
        CREATE TABLE region_resolutions(
            region TEXT PRIMARY KEY, summary TEXT NOT NULL, confidence REAL NOT NULL,
            remote INTEGER NOT NULL, hybrid INTEGER NOT NULL, onsite INTEGER NOT NULL, evidence TEXT NOT NULL,
            gazetteer TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE region_places(
            region TEXT NOT NULL, place_key TEXT NOT NULL,
            level TEXT NOT NULL CHECK(level IN ('continent','country','admin1','city','remote')),
            code TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
            PRIMARY KEY(region, place_key)) WITHOUT ROWID;
        CREATE INDEX region_places_place ON region_places(place_key, region);
        CREATE INDEX postings_region ON postings(corpus, region);
        """),
        // Roles: the role phrases a posting's title or header advertises (several per posting), keyed by the
        // shared title normaliser, with their occupation when coded.
        ("005-roles", """
        CREATE TABLE posting_roles(
            posting_id INTEGER NOT NULL REFERENCES postings(id), role_key TEXT NOT NULL, ordinal INTEGER NOT NULL,
            phrase TEXT NOT NULL, evidence TEXT NOT NULL, occupation_id TEXT, occupation_label TEXT, isco_code TEXT,
            confidence REAL, PRIMARY KEY(posting_id, role_key)) WITHOUT ROWID;
        CREATE INDEX posting_roles_key ON posting_roles(role_key);
        """),
        // Postings by reference: the record's offset and length in its decoded source and whether the row keeps
        // the text; how each source was read (format, field mapping), so that its postings can be read back.
        ("006-postings-by-reference", """
        ALTER TABLE postings ADD COLUMN source_record INTEGER;
        ALTER TABLE postings ADD COLUMN source_offset INTEGER;
        ALTER TABLE postings ADD COLUMN source_length INTEGER;
        ALTER TABLE postings ADD COLUMN text_stored INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE source_readers(
            run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, absolute_path TEXT NOT NULL,
            format TEXT NOT NULL, mapping TEXT NOT NULL, PRIMARY KEY(run_id, path)) WITHOUT ROWID;
        """),
    ]

    func migrate() throws {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        let applied = Set(try db.prepare("SELECT name FROM schema_migrations").query().map { try $0.string("name") })
        for (name, sql) in Self.migrations where !applied.contains(name) {
            try db.transaction("migrate \(name)") {
                try db.execute(sql)
                try db.prepare("INSERT INTO schema_migrations(name, applied_at) VALUES(?, ?)")
                    .run([.text(name), .text(Self.now())])
            }
        }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    // MARK: Named transactions

    /// Records a taxonomy (once per digest) with its concepts; returns its row id.
    public func recordTaxonomy(name: String, version: String, digest: String, labelCount: Int,
                               concepts: [(id: String, label: String, type: String, source: String,
                                           hot: Bool, inDemand: Bool)]) throws -> Int64 {
        if let row = try db.prepare("SELECT id FROM taxonomies WHERE digest = ?").query([.text(digest)]).first {
            return try row.int64("id")
        }
        return try db.transaction("recordTaxonomy") {
            try db.prepare("INSERT INTO taxonomies(digest, name, version, concepts, labels) VALUES(?,?,?,?,?)")
                .run([.text(digest), .text(name), .text(version), .init(concepts.count), .init(labelCount)])
            let id = db.lastInsertRowID
            let ins = try db.prepare("""
                INSERT INTO concepts(taxonomy_id, concept_id, label, type, source, hot_technology, in_demand)
                VALUES(?,?,?,?,?,?,?)
                """)
            for c in concepts {
                try ins.run([.int(id), .text(c.id), .text(c.label), .text(c.type), .text(c.source),
                             .init(c.hot ? 1 : 0), .init(c.inDemand ? 1 : 0)])
            }
            return id
        }
    }

    /// Starts a run; it stays `running` until ``finishRun(_:status:)`` (a killed run stays `running`).
    public func recordRun(engineVersion: String, taxonomyID: Int64, tokenizer: String, corpus: Corpus,
                          parameters: [String: String], command: String) throws -> Int64 {
        let params = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try db.transaction("recordRun") {
            try db.prepare("""
                INSERT INTO runs(started_at, status, engine_version, taxonomy_id, tokenizer, corpus, parameters, command)
                VALUES(?, 'running', ?, ?, ?, ?, ?, ?)
                """).run([.text(Self.now()), .text(engineVersion), .int(taxonomyID), .text(tokenizer),
                          .text(corpus.rawValue), .text(params), .text(command)])
            return db.lastInsertRowID
        }
    }

    /// Stores a batch of records with their mentions and quarantined records in one transaction.
    ///
    /// Per record: the stored original with the same content hash is looked up, the posting is inserted
    /// (a conflict on its identity means it is already stored), then `resolver` (if any) links it to a near
    /// original or repost, else an equal content hash makes it an `exact` duplicate. Originals get their
    /// mentions, their band keys (`lshScheme`) and the batch's aggregate additions, summed in memory and
    /// written once per key. Mentions are inserted by multi-row statements.
    public func insertBatch(runID: Int64, taxonomyID: Int64, items: [(PostingRow, [MentionRow])],
                            quarantined: [QuarantineRow], resolver: (any DuplicateResolver)? = nil,
                            lshScheme: String? = nil) throws -> [InsertOutcome] {
        try db.transaction("insertBatch") {
            let byID = try db.prepare("""
                SELECT id, duplicate_of, coalesce(period_month, 'undated') AS month, coalesce(region, '') AS region
                FROM postings WHERE corpus = ? AND source_id = ?
                """)
            let byHashAnon = try db.prepare("""
                SELECT id, duplicate_of, coalesce(period_month, 'undated') AS month, coalesce(region, '') AS region
                FROM postings WHERE corpus = ? AND content_hash = ? AND source_id IS NULL
                """)
            let addTotal = try db.prepare("""
                INSERT INTO agg_period_totals(corpus, period_month, region, postings, employers) VALUES(?,?,?,?,?)
                ON CONFLICT(corpus, period_month, region)
                DO UPDATE SET postings = postings + excluded.postings, employers = employers + excluded.employers
                """)
            let addEmployer = try db.prepare("""
                INSERT OR IGNORE INTO agg_employers(corpus, period_month, region, employer) VALUES(?,?,?,?)
                """)
            let addSkill = try db.prepare("""
                INSERT INTO agg_skill_month(taxonomy_id, corpus, period_month, region, concept_id, postings, mentions)
                VALUES(?,?,?,?,?,?,?)
                ON CONFLICT(taxonomy_id, corpus, concept_id, period_month, region)
                DO UPDATE SET postings = postings + excluded.postings, mentions = mentions + excluded.mentions
                """)
            let original = try db.prepare(
                "SELECT id FROM postings WHERE corpus = ? AND content_hash = ? AND duplicate_of IS NULL LIMIT 1")
            // A conflict on (corpus, source_id) or, without an id, on (corpus, content_hash) means "already
            // stored"; DO NOTHING applies to uniqueness conflicts only (other constraint failures still throw).
            let insert = try db.prepare("""
                INSERT INTO postings(corpus, source_id, content_hash, title, text, date, period_month, region,
                                     employer, source_path, source_line, first_run_id, source_offset, source_length,
                                     text_stored, source_record)
                VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING
                """)
            let link = try db.prepare(
                "UPDATE postings SET duplicate_of = ?, duplicate_kind = ?, similarity = ? WHERE id = ?")
            let lsh = try db.prepare("INSERT INTO posting_lsh(posting_id, corpus, scheme, band_keys) VALUES(?,?,?,?)")
            let occupation = try db.prepare("""
                INSERT OR REPLACE INTO posting_occupations(posting_id, occupation_id, occupation_label, isco_code,
                    onet_code, confidence, method) VALUES(?,?,?,?,?,?,?)
                """)
            let role = try db.prepare("""
                INSERT OR IGNORE INTO posting_roles(posting_id, role_key, ordinal, phrase, evidence, occupation_id,
                    occupation_label, isco_code, confidence) VALUES(?,?,?,?,?,?,?,?,?)
                """)
            let matched = try db.prepare("SELECT 1 FROM posting_matches WHERE posting_id = ? AND taxonomy_id = ?")
            let mark = MultiRowInsert(db: db, "INSERT INTO posting_matches(posting_id, taxonomy_id, run_id) VALUES",
                                      columns: 3)
            let mentionRows = MentionWriter(db: db, taxonomyID: taxonomyID)
            // (corpus, month, region, employer) already inserted by this batch: no second INSERT OR IGNORE.
            var employersSeen = Set<[String]>()
            // The batch's aggregate additions, summed in memory and written once per key below.
            struct SkillKey: Hashable { var corpus: String, month: String, region: String, concept: String }
            struct TotalKey: Hashable { var corpus: String, month: String, region: String }
            var skillAdds: [SkillKey: (postings: Int, mentions: Int)] = [:]
            var totalAdds: [TotalKey: (postings: Int, employers: Int)] = [:]

            /// Mentions of a non-duplicate posting, counted into the batch's aggregate additions.
            func storeMentions(_ postingID: Int64, _ mentions: [MentionRow], corpus: String, month: String,
                               region: String) throws {
                for m in mentions {
                    try mentionRows.add(postingID, m)
                    let key = SkillKey(corpus: corpus, month: month, region: region, concept: m.conceptID)
                    let old = skillAdds[key] ?? (0, 0)
                    skillAdds[key] = (old.postings + 1, old.mentions + m.count)
                }
                try mark.add([.int(postingID), .int(taxonomyID), .int(runID)])
            }
            var outcomes: [InsertOutcome] = []
            outcomes.reserveCapacity(items.count)
            for (index, (p, mentions)) in items.enumerated() {
                let corpusName = p.corpus.rawValue
                original.clear()
                try original.bind(1, corpusName)
                try original.bind(2, p.contentHash)
                let exactOriginal: Int64? = try original.step() ? original.int64(0) : nil
                let month = p.date.map { String($0.prefix(7)) }
                insert.clear()
                try insert.bind(1, corpusName)
                try insert.bind(2, p.sourceID)
                try insert.bind(3, p.contentHash)
                try insert.bind(4, p.title)
                try insert.bind(5, p.storeText ? p.text : "")
                try insert.bind(6, p.date)
                try insert.bind(7, month)
                try insert.bind(8, p.region)
                try insert.bind(9, p.employer)
                try insert.bind(10, p.sourcePath)
                try insert.bind(11, Int64(p.sourceLine))
                try insert.bind(12, runID)
                try insert.bind(13, Int64(p.sourceOffset))
                try insert.bind(14, Int64(p.sourceLength))
                try insert.bind(15, Int64(p.storeText ? 1 : 0))
                try insert.bind(16, Int64(p.sourceRecord))
                try insert.runBound()
                guard db.changes == 1 else {
                    // Already stored (same identity). Duplicates never carry mentions, on any run; an original
                    // stored by a run with another taxonomy gets this taxonomy's mentions.
                    // (Buffered rows are written first: the posting may be from earlier in this batch.)
                    try mentionRows.flush()
                    try mark.flush()
                    let corpus = SQLValue.text(corpusName)
                    let existing = try p.sourceID.map { try byID.query([corpus, .text($0)]) }
                        ?? byHashAnon.query([corpus, .text(p.contentHash)])
                    guard let row = existing.first else {
                        throw StoreError("posting \(p.sourceID ?? p.contentHash) of \(p.sourcePath):\(p.sourceLine) "
                                         + "was neither inserted nor found")
                    }
                    let id = try row.int64("id")
                    if try row.optionalInt64("duplicate_of") == nil, try matched.rows([.int(id), .int(taxonomyID)]).isEmpty {
                        try storeMentions(id, mentions, corpus: corpusName, month: try row.string("month"),
                                          region: try row.string("region"))
                    }
                    outcomes.append(.alreadyPresent)
                    continue
                }
                let postingID = db.lastInsertRowID
                let dup: DuplicateLink?
                if let resolver {
                    dup = try resolver.resolve(item: index, postingID: postingID, exactOriginal: exactOriginal)
                } else {
                    dup = exactOriginal.map { DuplicateLink(original: $0, kind: .exact, similarity: 1) }
                }
                if let dup {
                    try link.run([.int(dup.original), .text(dup.kind.rawValue), .double(dup.similarity), .int(postingID)])
                    outcomes.append(.duplicate(dup.kind))
                    continue
                }
                let m = month ?? "undated", r = p.region ?? ""
                let key = TotalKey(corpus: corpusName, month: m, region: r)
                var total = totalAdds[key] ?? (0, 0)
                total.postings += 1
                if let e = p.employer, employersSeen.insert([corpusName, m, r, e]).inserted {
                    addEmployer.clear()
                    try addEmployer.bind(1, corpusName)
                    try addEmployer.bind(2, m)
                    try addEmployer.bind(3, r)
                    try addEmployer.bind(4, e)
                    try addEmployer.runBound()
                    if db.changes == 1 { total.employers += 1 }
                }
                totalAdds[key] = total
                try storeMentions(postingID, mentions, corpus: corpusName, month: m, region: r)
                if let lshScheme {
                    lsh.clear()
                    try lsh.bind(1, postingID)
                    try lsh.bind(2, corpusName)
                    try lsh.bind(3, lshScheme)
                    try lsh.bind(4, blob: Self.encode(p.bandKeys))
                    try lsh.runBound()
                }
                if let o = p.occupation {
                    occupation.clear()
                    try occupation.bind(1, postingID)
                    try occupation.bind(2, o.occupationID)
                    try occupation.bind(3, o.label)
                    try occupation.bind(4, o.iscoCode)
                    try occupation.bind(5, o.onetCode)
                    try occupation.bind(6, o.confidence)
                    try occupation.bind(7, o.method)
                    try occupation.runBound()
                }
                for (i, r) in p.roles.enumerated() {
                    try role.run([.int(postingID), .text(r.key), .int(Int64(i)), .text(r.phrase), .text(r.evidence),
                                  r.occupation.map { .text($0.occupationID) } ?? .null,
                                  r.occupation.map { .text($0.label) } ?? .null,
                                  r.occupation?.iscoCode.map { .text($0) } ?? .null,
                                  r.occupation.map { .double($0.confidence) } ?? .null])
                }
                resolver?.didStoreOriginal(item: index, postingID: postingID)
                outcomes.append(.new)
            }
            try mentionRows.flush()
            try mark.flush()
            for (k, v) in totalAdds {
                try addTotal.run([.text(k.corpus), .text(k.month), .text(k.region), .init(v.postings), .init(v.employers)])
            }
            for (k, v) in skillAdds {
                try addSkill.run([.int(taxonomyID), .text(k.corpus), .text(k.month), .text(k.region), .text(k.concept),
                                  .init(v.postings), .init(v.mentions)])
            }
            let q = try db.prepare("""
                INSERT INTO quarantine(run_id, source_path, line, byte_offset, reason, excerpt) VALUES(?,?,?,?,?,?)
                """)
            for r in quarantined {
                try q.run([.int(runID), .text(r.sourcePath), .init(r.line), .init(r.offset), .text(r.reason),
                           .text(r.excerpt)])
            }
            return outcomes
        }
    }

    /// Band keys as a blob: 8 bytes each, little-endian.
    public static func encode(_ keys: [UInt64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(keys.count * 8)
        for k in keys { for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: k >> (8 * UInt64(i)))) } }
        return out
    }

    /// The inverse of ``encode(_:)``; nil when the blob's length is not a multiple of 8.
    public static func decodeKeys(_ blob: [UInt8]) -> [UInt64]? {
        guard blob.count % 8 == 0 else { return nil }
        return stride(from: 0, to: blob.count, by: 8).map { o in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(blob[o + $1]) << (8 * UInt64($1)) }
        }
    }

    /// Records the accounting of one input of a run.
    public func recordInput(runID: Int64, _ a: InputAccount) throws {
        try db.transaction("recordInput") {
            try db.prepare("""
                INSERT OR REPLACE INTO run_inputs(run_id, path, sha256, bytes, format, records_read, postings_new,
                    duplicates, already_present, quarantined, duplicates_exact, duplicates_near, duplicates_repost)
                VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)
                """).run([.int(runID), .text(a.path), .text(a.sha256), .init(a.bytes), .text(a.format),
                          .init(a.read), .init(a.new), .init(a.duplicates), .init(a.alreadyPresent),
                          .init(a.quarantined), .init(a.exactDuplicates), .init(a.nearDuplicates), .init(a.reposts)])
        }
    }

    // MARK: Near-duplicate support

    /// What near-duplicate verification needs of a stored posting.
    public struct DedupFields: Sendable, Hashable {
        public var title: String
        public var text: String
        public var employer: String?
        public var date: String?
    }

    /// Title, text, employer and date of posting `id`, or nil if there is none (or its text cannot be read back).
    /// Without `text`, the text is left empty and never read back.
    public func dedupFields(of id: Int64, text: Bool = true) throws -> DedupFields? {
        guard text else {
            guard let r = try db.prepare("SELECT title, employer, date FROM postings WHERE id = ?").query([.int(id)]).first
            else { return nil }
            return DedupFields(title: try r.optionalString("title") ?? "", text: "", employer: try r.optionalString("employer"),
                               date: try r.optionalString("date"))
        }
        guard let row = try db.prepare("SELECT \(textColumns()) FROM postings WHERE id = ?").query([.int(id)]).first
        else { return nil }
        let fields = try textRow(row)
        var out: DedupFields?
        try resolveTexts([fields]) { r, text in
            out = DedupFields(title: r.title, text: text, employer: r.employer, date: r.date)
        }
        return out
    }

    /// Calls `body` with each stored original of `corpus` and its band keys under `scheme`, in id order.
    /// O(originals).
    public func forEachBandKeys(corpus: Corpus, scheme: String, _ body: (Int64, [UInt64]) throws -> Void) throws {
        let s = try db.prepare("""
            SELECT l.posting_id, l.band_keys FROM posting_lsh l JOIN postings p ON p.id = l.posting_id
            WHERE l.corpus = ? AND l.scheme = ? AND p.duplicate_of IS NULL ORDER BY l.posting_id
            """)
        s.clear()
        try s.bind(1, corpus.rawValue)
        try s.bind(2, scheme)
        while try s.step() {
            guard let keys = Self.decodeKeys(s.blob(1)) else {
                throw StoreError("posting_lsh row of posting \(s.int64(0)) has a malformed band_keys blob")
            }
            try body(s.int64(0), keys)
        }
    }

    /// Originals of `corpus` without band keys under `scheme` (stored before migration 003, by a run
    /// without near-duplicate detection, or under other parameters): id, title and text, in id order.
    /// At most `limit` of them, lowest ids first.
    public func originalsWithoutBandKeys(corpus: Corpus, scheme: String,
                                         limit: Int = .max) throws -> [(Int64, String, String)] {
        try originalsWithoutBandKeys(corpus: corpus, scheme: scheme, after: 0, limit: limit).postings
    }

    /// As ``originalsWithoutBandKeys(corpus:scheme:limit:)``, from the originals with ids above `after`; `lastID`
    /// is the highest id looked at (also when its text could not be read back), where the next call starts.
    public func originalsWithoutBandKeys(corpus: Corpus, scheme: String, after: Int64,
                                         limit: Int) throws -> (postings: [(Int64, String, String)], lastID: Int64?) {
        let rows = try db.prepare("""
            SELECT \(textColumns("p")) FROM postings p
            WHERE p.corpus = ? AND p.duplicate_of IS NULL AND p.id > ?
              AND NOT EXISTS (SELECT 1 FROM posting_lsh l WHERE l.posting_id = p.id AND l.scheme = ?)
            ORDER BY p.id LIMIT ?
            """).query([.text(corpus.rawValue), .int(after), .text(scheme), .int(Int64(min(limit, Int(Int64.max))))])
            .map(textRow)
        var out: [(Int64, String, String)] = []
        try resolveTexts(rows) { r, text in out.append((r.id, r.title, text)) }
        return (out.sorted { $0.0 < $1.0 }, rows.last?.id)
    }

    /// Stores (or replaces) the band keys of originals under `scheme`, in one transaction.
    public func storeBandKeys(_ rows: [(Int64, [UInt64])], corpus: Corpus, scheme: String) throws {
        try db.transaction("storeBandKeys") {
            let s = try db.prepare(
                "INSERT OR REPLACE INTO posting_lsh(posting_id, corpus, scheme, band_keys) VALUES(?,?,?,?)")
            for (id, keys) in rows {
                s.clear()
                try s.bind(1, id)
                try s.bind(2, corpus.rawValue)
                try s.bind(3, scheme)
                try s.bind(4, blob: Self.encode(keys))
                try s.runBound()
            }
        }
    }

    /// Marks a run finished.
    /// A raw region string's normalisation: what `region_resolutions` and `region_places` hold for it.
    public struct RegionResolutionRow: Sendable {
        public var region: String
        public var summary: String
        public var confidence: Double
        public var remote: Bool, hybrid: Bool, onsite: Bool
        public var evidence: [String]
        /// (place key, level, code, name, country) of every place it rolls up to.
        public var places: [(key: String, level: String, code: String, name: String, country: String)]

        public init(region: String, summary: String, confidence: Double, remote: Bool, hybrid: Bool, onsite: Bool,
                    evidence: [String], places: [(key: String, level: String, code: String, name: String, country: String)]) {
            self.region = region
            self.summary = summary
            self.confidence = confidence
            self.remote = remote
            self.hybrid = hybrid
            self.onsite = onsite
            self.evidence = evidence
            self.places = places
        }
    }

    /// Raw region strings already normalised (with the gazetteer `gazetteer`).
    public func resolvedRegions(gazetteer: String) throws -> Set<String> {
        Set(try db.prepare("SELECT region FROM region_resolutions WHERE gazetteer = ?").query([.text(gazetteer)])
            .map { try $0.string("region") })
    }

    /// Stores (or replaces) the normalisation of each raw region string.
    public func recordRegionResolutions(_ rows: [RegionResolutionRow], gazetteer: String) throws {
        guard !rows.isEmpty else { return }
        try db.transaction("record region places") {
            let del = try db.prepare("DELETE FROM region_places WHERE region = ?")
            let res = try db.prepare("""
                INSERT OR REPLACE INTO region_resolutions(region, summary, confidence, remote, hybrid, onsite, evidence, gazetteer)
                VALUES(?,?,?,?,?,?,?,?)
                """)
            let place = try db.prepare("""
                INSERT OR IGNORE INTO region_places(region, place_key, level, code, name, country) VALUES(?,?,?,?,?,?)
                """)
            for r in rows {
                try del.run([.text(r.region)])
                try res.run([.text(r.region), .text(r.summary), .double(r.confidence), .int(r.remote ? 1 : 0),
                             .int(r.hybrid ? 1 : 0), .int(r.onsite ? 1 : 0), .text(r.evidence.joined(separator: "\n")),
                             .text(gazetteer)])
                for p in r.places {
                    try place.run([.text(r.region), .text(p.key), .text(p.level), .text(p.code), .text(p.name),
                                   .text(p.country)])
                }
            }
        }
    }

    /// Secondary indexes that only queries use (no uniqueness, no look-up while storing): a first load into an empty
    /// store drops them (``beginBulkLoad()``) and builds them once at its end (``ensureIndexes()``), which is
    /// cheaper than keeping them current row by row. Opening a store for writing builds any that are missing.
    static let deferredIndexes: [(name: String, definition: String)] = [
        ("postings_period", "postings(corpus, period_month)"),
        ("postings_region", "postings(corpus, region)"),
        ("mentions_concept", "mentions(taxonomy_id, concept_id)"),
        ("posting_roles_key", "posting_roles(role_key)"),
        ("posting_occupations_occupation", "posting_occupations(occupation_id)"),
    ]

    /// Drops the deferred indexes when the store holds no posting yet (a first, bulk load); returns whether it did.
    /// Queries stay correct without them, only slower, until ``ensureIndexes()`` runs.
    @discardableResult
    public func beginBulkLoad() throws -> Bool {
        guard try db.prepare("SELECT EXISTS (SELECT 1 FROM postings) AS n").query().first?.int("n") == 0 else { return false }
        try db.transaction("beginBulkLoad") {
            for i in Self.deferredIndexes { try db.execute("DROP INDEX IF EXISTS \(i.name)") }
        }
        return true
    }

    /// Builds every deferred index that is missing (after a bulk load, or a killed one).
    public func ensureIndexes() throws {
        let present = Set(try db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").query()
            .map { try $0.string("name") })
        let missing = Self.deferredIndexes.filter { !present.contains($0.name) }
        guard !missing.isEmpty else { return }
        try db.transaction("ensureIndexes") {
            for i in missing { try db.execute("CREATE INDEX IF NOT EXISTS \(i.name) ON \(i.definition)") }
        }
    }

    public func finishRun(_ runID: Int64, status: RunStatus) throws {
        try db.transaction("finishRun") {
            try db.prepare("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?")
                .run([.text(status.rawValue), .text(Self.now()), .int(runID)])
        }
    }

    /// Recomputes the aggregate tables from postings and mentions (non-duplicates only). Batches keep them
    /// current by addition, so this is a repair and a consistency check; its result equals theirs.
    public func refreshAggregates() throws {
        try db.transaction("refreshAggregates") {
            try db.execute("""
                DELETE FROM agg_employers;
                INSERT INTO agg_employers(corpus, period_month, region, employer)
                SELECT DISTINCT corpus, coalesce(period_month, 'undated'), coalesce(region, ''), employer
                FROM postings WHERE duplicate_of IS NULL AND employer IS NOT NULL;
                DELETE FROM agg_period_totals;
                INSERT INTO agg_period_totals(corpus, period_month, region, postings, employers)
                SELECT corpus, coalesce(period_month, 'undated'), coalesce(region, ''), count(*),
                       count(DISTINCT employer)
                FROM postings WHERE duplicate_of IS NULL GROUP BY 1, 2, 3;
                DELETE FROM agg_skill_month;
                INSERT INTO agg_skill_month(taxonomy_id, corpus, period_month, region, concept_id, postings, mentions)
                SELECT m.taxonomy_id, p.corpus, coalesce(p.period_month, 'undated'), coalesce(p.region, ''),
                       m.concept_id, count(*), sum(m.count)
                FROM mentions m JOIN postings p ON p.id = m.posting_id
                WHERE p.duplicate_of IS NULL GROUP BY 1, 2, 3, 4, 5;
                """)
        }
    }

    // MARK: Queries

    /// The most recent taxonomy used by a completed (or any) run, as (id, name, digest).
    public func latestTaxonomy() throws -> (id: Int64, name: String, version: String, digest: String)? {
        guard let r = try db.prepare("""
            SELECT t.id, t.name, t.version, t.digest FROM runs r JOIN taxonomies t ON t.id = r.taxonomy_id
            ORDER BY (r.status = 'completed') DESC, r.id DESC LIMIT 1
            """).query().first else { return nil }
        return (try r.int64("id"), try r.string("name"), try r.optionalString("version") ?? "", try r.string("digest"))
    }

    /// All runs, newest first.
    public func runs() throws -> [RunInfo] {
        try db.prepare("""
            SELECT r.id, r.started_at, r.finished_at, r.status, r.engine_version, t.digest, t.name, r.corpus,
                   r.parameters, r.command
            FROM runs r JOIN taxonomies t ON t.id = r.taxonomy_id ORDER BY r.id DESC
            """).query().map {
            let status = try $0.string("status")
            guard let s = RunStatus(rawValue: status) else { throw StoreError("run \(try $0.int64("id")) has an unknown status '\(status)'") }
            return RunInfo(id: try $0.int64("id"), startedAt: try $0.string("started_at"),
                           finishedAt: try $0.optionalString("finished_at"), status: s,
                           engineVersion: try $0.string("engine_version"), taxonomyDigest: try $0.string("digest"),
                           taxonomyName: try $0.string("name"), corpus: try $0.string("corpus"),
                           parameters: try $0.optionalString("parameters") ?? "", command: try $0.optionalString("command") ?? "")
        }
    }

    /// Input accounting of all runs.
    public func inputs() throws -> [(runID: Int64, account: InputAccount)] {
        try db.prepare("""
            SELECT run_id, path, sha256, bytes, format, records_read, postings_new, duplicates, already_present,
                   quarantined, duplicates_exact, duplicates_near, duplicates_repost FROM run_inputs ORDER BY run_id, path
            """).query().map {
            var a = InputAccount(path: try $0.string("path"), sha256: try $0.string("sha256"), bytes: try $0.int("bytes"),
                                 format: try $0.string("format"))
            a.read = try $0.int("records_read")
            a.new = try $0.int("postings_new")
            a.duplicates = try $0.int("duplicates")
            a.alreadyPresent = try $0.int("already_present")
            a.quarantined = try $0.int("quarantined")
            a.exactDuplicates = try $0.optionalInt("duplicates_exact") ?? 0
            a.nearDuplicates = try $0.optionalInt("duplicates_near") ?? 0
            a.reposts = try $0.optionalInt("duplicates_repost") ?? 0
            return (try $0.int64("run_id"), a)
        }
    }

    /// Quarantined records, newest run first.
    public func quarantine(limit: Int = 1000) throws -> [(runID: Int64, row: QuarantineRow)] {
        try db.prepare("""
            SELECT run_id, source_path, line, byte_offset, reason, excerpt FROM quarantine
            ORDER BY run_id DESC, id LIMIT ?
            """).query([.init(limit)]).map {
            (try $0.int64("run_id"), QuarantineRow(sourcePath: try $0.string("source_path"), line: try $0.optionalInt("line") ?? 0,
                                                   offset: try $0.optionalInt("byte_offset") ?? 0, reason: try $0.string("reason"),
                                                   excerpt: try $0.optionalString("excerpt") ?? ""))
        }
    }
}

/// Inserts mention rows `rowsPerStatement` at a time with one multi-row INSERT (fewer statement executions
/// per posting); the rest go one by one at ``flush()``.
final class MentionWriter {
    static let rowsPerStatement = 32
    let db: SQLiteConnection
    let taxonomyID: Int64
    private var pending: [(Int64, MentionRow)] = []

    init(db: SQLiteConnection, taxonomyID: Int64) {
        self.db = db
        self.taxonomyID = taxonomyID
        pending.reserveCapacity(Self.rowsPerStatement)
    }

    static func sql(rows: Int) -> String {
        "INSERT INTO mentions(posting_id, taxonomy_id, concept_id, count, first_start, first_end, matched_text, "
            + "confidence) VALUES " + Array(repeating: "(?,?,?,?,?,?,?,?)", count: rows).joined(separator: ",")
    }

    func add(_ postingID: Int64, _ m: MentionRow) throws {
        pending.append((postingID, m))
        if pending.count == Self.rowsPerStatement { try write(Self.rowsPerStatement) }
    }

    func flush() throws {
        if !pending.isEmpty { try write(pending.count) }
    }

    static let fullSQL = sql(rows: rowsPerStatement)

    private func write(_ rows: Int) throws {
        let stmt = try db.prepare(rows == Self.rowsPerStatement ? Self.fullSQL : Self.sql(rows: rows))
        stmt.clear()
        var i: Int32 = 1
        for (id, m) in pending {
            try stmt.bind(i, id)
            try stmt.bind(i + 1, taxonomyID)
            try stmt.bind(i + 2, m.conceptID)
            try stmt.bind(i + 3, Int64(m.count))
            try stmt.bind(i + 4, Int64(m.firstStart))
            try stmt.bind(i + 5, Int64(m.firstEnd))
            try stmt.bind(i + 6, m.matchedText)
            try stmt.bind(i + 7, m.confidence)
            i += 8
        }
        try stmt.runBound()
        pending.removeAll(keepingCapacity: true)
    }
}

/// A multi-row INSERT for a table: rows are buffered and written `rowsPerStatement` at a time.
final class MultiRowInsert {
    let db: SQLiteConnection
    let prefix: String
    let columns: Int
    let rowsPerStatement: Int
    private let fullSQL: String
    private var pending: [SQLValue] = []

    /// `prefix` is the statement up to and including `VALUES`.
    init(db: SQLiteConnection, _ prefix: String, columns: Int, rowsPerStatement: Int = 32) {
        self.db = db
        self.prefix = prefix
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        fullSQL = Self.sql(prefix, columns: columns, rows: rowsPerStatement)
    }

    static func sql(_ prefix: String, columns: Int, rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return prefix + " " + Array(repeating: tuple, count: rows).joined(separator: ",")
    }

    func add(_ row: [SQLValue]) throws {
        precondition(row.count == columns, "row has \(row.count) values for \(columns) columns")
        pending += row
        if pending.count == columns * rowsPerStatement { try write() }
    }

    func flush() throws {
        if !pending.isEmpty { try write() }
    }

    private func write() throws {
        let rows = pending.count / columns
        try db.prepare(rows == rowsPerStatement ? fullSQL : Self.sql(prefix, columns: columns, rows: rows)).run(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
