import Foundation

/// Queries the query service needs beyond the CLI's: a change stamp for its cache, and totals read from the
/// aggregate tables (constant time in the number of postings), so that an uncached request stays cheap on a
/// store of millions of postings.
extension SkillStore {
    /// What changes whenever a run starts, finishes or stores a batch: the latest run's id, status and end, and
    /// the highest posting id. `lastModified` is the latest run's end (else its start), as stored (ISO 8601).
    public func changeStamp() throws -> (stamp: String, lastModified: String?) {
        let run = try db.prepare("SELECT id, status, started_at, finished_at FROM runs ORDER BY id DESC LIMIT 1").query().first
        let maxPosting = try db.prepare("SELECT coalesce(max(id), 0) AS n FROM postings").query().first?.int64("n") ?? 0
        guard let run else { return ("empty", nil) }
        let finished = try run.optionalString("finished_at")
        let stamp = "\(try run.int64("id")).\(try run.string("status")).\(finished ?? "").\(maxPosting)"
        let started = try run.optionalString("started_at")
        return (stamp, finished ?? started)
    }

    /// Postings mentioning each concept in the filter's months (all, undated included, without months) and
    /// region, from `agg_skill_month`: [concept: postings].
    public func conceptTotals(taxonomyID: Int64, _ f: PostingFilter) throws -> [String: Int] {
        var sql = "SELECT concept_id, sum(postings) AS n FROM agg_skill_month WHERE taxonomy_id = ? AND corpus = ?"
        var args: [SQLValue] = [.int(taxonomyID), .text(f.corpus.rawValue)]
        appendAggregateConditions(f, to: &sql, &args)
        var out: [String: Int] = [:]
        try db.prepare(sql + " GROUP BY 1").forEachRow(args) { out[try $0.string("concept_id")] = try $0.int("n") }
        return out
    }

    /// Non-duplicate postings of the filter from `agg_period_totals` (undated included without months).
    public func aggregatePostings(_ f: PostingFilter) throws -> Int {
        var sql = "SELECT coalesce(sum(postings), 0) AS n FROM agg_period_totals WHERE corpus = ?"
        var args: [SQLValue] = [.text(f.corpus.rawValue)]
        appendAggregateConditions(f, to: &sql, &args)
        return try db.prepare(sql).query(args).first?.int("n") ?? 0
    }

    /// Postings mentioning one concept per place of `level` (per stored location string when the store has no
    /// places), most first: (key, name, postings).
    public func conceptPlaces(conceptID: String, taxonomyID: Int64, corpus: Corpus, level: String,
                              limit: Int) throws -> [(key: String, name: String, postings: Int)] {
        let placed = try tableHasRows("region_places")
        let sql = placed ? """
            SELECT rp.place_key AS key, rp.name AS name, sum(a.postings) AS n FROM agg_skill_month a
            JOIN region_places rp ON rp.region = a.region
            WHERE a.taxonomy_id = ? AND a.corpus = ? AND a.concept_id = ? AND rp.level = ?
            GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?
            """ : """
            SELECT a.region AS key, a.region AS name, sum(a.postings) AS n FROM agg_skill_month a
            WHERE a.taxonomy_id = ? AND a.corpus = ? AND a.concept_id = ? AND a.region != '' AND ? != ''
            GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT ?
            """
        return try db.prepare(sql).query([.int(taxonomyID), .text(corpus.rawValue), .text(conceptID), .text(level),
                                          .init(limit)]).map {
            (try $0.string("key"), try $0.string("name"), try $0.int("n"))
        }
    }

    /// One non-duplicate posting's stored fields (no text): title, date, employer, location string, source.
    public func postingSummary(id: Int64) throws -> (corpus: String, sourceID: String?, title: String, date: String?,
                                                    employer: String?, region: String?, source: String)? {
        guard let r = try db.prepare("""
            SELECT corpus, source_id, title, date, employer, region, source_path || ':' || source_line AS source
            FROM postings WHERE id = ? AND duplicate_of IS NULL
            """).query([.int(id)]).first else { return nil }
        return (try r.string("corpus"), try r.optionalString("source_id"), try r.optionalString("title") ?? "",
                try r.optionalString("date"), try r.optionalString("employer"), try r.optionalString("region"),
                try r.optionalString("source") ?? "")
    }

    /// The mentions of one posting: concept, count, first span (UTF-8 offsets) and matched text.
    public func postingMentions(id: Int64, taxonomyID: Int64) throws -> [(conceptID: String, count: Int, start: Int, end: Int,
                                                                          matched: String)] {
        try db.prepare("""
            SELECT concept_id, count, first_start, first_end, matched_text FROM mentions
            WHERE posting_id = ? AND taxonomy_id = ? ORDER BY first_start
            """).query([.int(id), .int(taxonomyID)]).map {
            (try $0.string("concept_id"), try $0.int("count"), try $0.int("first_start"), try $0.int("first_end"),
             try $0.optionalString("matched_text") ?? "")
        }
    }

    /// Month and region conditions on an aggregate table (columns `period_month`, `region`).
    private func appendAggregateConditions(_ f: PostingFilter, to sql: inout String, _ args: inout [SQLValue]) {
        if let m = f.months {
            sql += " AND period_month BETWEEN ? AND ?"
            args += [.text(m.from), .text(m.to)]
        }
        if let r = f.region {
            sql += Self.isPlaceKey(r) ? " AND region IN (SELECT region FROM region_places WHERE place_key = ?)" : " AND region = ?"
            args.append(.text(r))
        }
    }
}

extension SkillStore {
    /// The forms one concept was matched as, most mentioned first.
    public func surfaceForms(conceptID: String, taxonomyID: Int64, limit: Int) throws -> [(form: String, mentions: Int)] {
        try db.prepare("""
            SELECT min(matched_text) AS form, count(*) AS n FROM mentions WHERE taxonomy_id = ? AND concept_id = ?
            GROUP BY lower(matched_text) ORDER BY n DESC, form LIMIT ?
            """).query([.int(taxonomyID), .text(conceptID), .init(limit)]).map {
            (try $0.optionalString("form") ?? "", try $0.int("n"))
        }
    }
}

extension SkillStore {
    /// The programmes (non-duplicate supply records) first stored by a run.
    public func programmes(runID: Int64, limit: Int) throws -> [(id: Int64, sourceID: String?, title: String)] {
        try db.prepare("""
            SELECT id, source_id, title FROM postings WHERE corpus = 'supply' AND first_run_id = ? AND duplicate_of IS NULL
            ORDER BY id LIMIT ?
            """).query([.int(runID), .init(limit)])
            .map { (try $0.int64("id"), try $0.optionalString("source_id"), try $0.optionalString("title") ?? "") }
    }

    /// The records a run quarantined: file, line, byte offset, reason.
    public func quarantine(runID: Int64, limit: Int) throws -> [QuarantineRow] {
        try db.prepare("""
            SELECT source_path, line, byte_offset, reason, excerpt FROM quarantine WHERE run_id = ? ORDER BY id LIMIT ?
            """).query([.int(runID), .init(limit)]).map {
            QuarantineRow(sourcePath: try $0.string("source_path"), line: try $0.optionalInt("line") ?? 0,
                          offset: try $0.optionalInt("byte_offset") ?? 0, reason: try $0.string("reason"),
                          excerpt: try $0.optionalString("excerpt") ?? "")
        }
    }
}
