import Foundation
import SkillAnalytics
import SkillPipeline
import SkillReports
import SkillStore

/// The JSON API's answers: each endpoint turns its validated parameters into a typed request of the query layer
/// (`QueryService`, `Analytics`) and its result into JSON. Lists are paginated (`limit`, `offset`, `total`,
/// `next`).
struct API: Sendable {
    let engine: MatchingEngine
    /// The directory laid out like ../shared/data (ESCO relations for occupation gaps).
    let dataDirectory: String

    // MARK: Shared shapes

    /// A query-layer table as a page of objects (one per row, keyed by column), with provenance and notes.
    /// `total` and `offset`: when the table already is the page (its rows start at `offset` of `total`).
    static func page(_ t: ResultTable, _ p: Page, path: String, query: [(String, String)], total: Int? = nil,
                     offset: Int? = nil) -> JSON {
        let rows = p.slice(t.rows)
        let items: [JSON] = rows.map { r in .object(zip(t.header, r).map { ($0.0, .raw($0.1.json)) }) }
        return list(items, total: total ?? t.rows.count, Page(limit: p.limit, offset: offset ?? p.offset), path: path, query: query,
                    extra: [("provenance", .object(t.provenance.map { ($0.key, .string($0.value)) })),
                            ("notes", .array(t.notes.map { .string($0) }))])
    }

    /// A page of items with its totals and the link to the next page.
    static func list(_ items: [JSON], total: Int, _ p: Page, path: String, query: [(String, String)],
                     extra: [(String, JSON)] = []) -> JSON {
        var next: JSON = .null
        if p.offset + p.limit < total {
            let q = query.filter { $0.0 != "offset" } + [("offset", String(p.offset + p.limit))]
            next = .string(path + "?" + q.map { Self.escape($0.0) + "=" + Self.escape($0.1) }.joined(separator: "&"))
        }
        return .object([("items", .array(items)), ("total", .int(total)), ("limit", .int(p.limit)), ("offset", .int(p.offset)),
                        ("next", next)] + extra)
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The growth parameters common to emerging and gap questions.
    static func growth(_ q: Parameters) throws -> EmergingParameters {
        var g = EmergingParameters()
        g.recent = try q.window("recent")
        g.reference = try q.window("reference")
        g.minSupport = try q.int("min_support", default: g.minSupport, in: 1...1_000_000)
        g.fdr = try q.double("fdr", default: g.fdr, in: 0.0001...1)
        return g
    }

    // MARK: Endpoints

    /// `GET /api/v1/skills`: the most demanded skills of a window and region.
    func skills(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        let region = try a.resolveRegion(q.string("region"))
        let corpus = try q.choice("corpus", default: Corpus.demand)
        let p = try q.page()
        let (total, count, rows) = try a.skillCountsPage(window: try q.window("window"), region: region, corpus: corpus,
                                                         offset: p.offset, limit: p.limit)
        let items: [JSON] = rows.map {
            .object([("concept_id", .string($0.conceptID)), ("skill", .string($0.label)), ("postings", .int($0.postings)),
                     ("share", .double($0.share)), ("href", .string("/api/v1/skills/" + Self.escape($0.conceptID)))])
        }
        return Self.list(items, total: count, p, path: path, query: query,
                         extra: [("postings", .int(total)), ("corpus", .string(corpus.rawValue)),
                                 ("region", .optional(try region.map(a.regionName)))])
    }

    /// `GET /api/v1/skills/{id}`: one skill's trend, places, surface forms and example postings.
    func skill(_ id: String, _ q: Parameters, _ a: Analytics) throws -> JSON {
        let concept = try a.resolveConcept(id)
        let g = try q.choice("granularity", default: PeriodGranularity.year)
        let region = try a.resolveRegion(q.string("region"))
        let level = try q.choice("level", default: RegionLevel.country)
        let examples = try q.int("examples", default: 5, in: 0...50)
        let series = try a.trends(g, concepts: [concept], region: region).series.first
        let places = try a.skillPlaces(concept, level: level, limit: 20)
        let forms = try a.surfaceForms(concept, limit: 10)
        let posts = examples == 0 ? [] : try a.recentExamples(concept, limit: examples)
        let total = try a.skillPostings(concept, region: region)
        return .object([
            ("concept_id", .string(concept)), ("skill", .string(a.skillLabel(concept))), ("postings", .int(total)),
            ("granularity", .string(g.rawValue)), ("region", .optional(try region.map(a.regionName))),
            ("trend", .array((series?.points ?? []).map {
                .object([("period", .string($0.period)), ("postings", .int($0.postings)),
                         ("total_postings", .int($0.totalPostings)), ("share", .double($0.share))])
            })),
            ("places", .array(places.map { .object([("key", .string($0.key)), ("name", .string($0.name)), ("postings", .int($0.postings))]) })),
            ("surface_forms", .array(forms.map { .object([("form", .string($0.form)), ("mentions", .int($0.mentions))]) })),
            ("examples", .array(posts.map {
                .object([("posting_id", .int(Int($0.postingID))), ("title", .string($0.title)), ("date", .optional($0.date)),
                         ("matched", .string($0.matched)), ("href", .string("/api/v1/postings/\($0.postingID)"))])
            })),
        ])
    }

    enum EmergingKind: String, CaseIterable { case skills, terms, occupations }

    /// `GET /api/v1/emerging`: rising skills (and, with `kind=terms`, rising terms no taxonomy has; with
    /// `kind=occupations`, growing role clusters).
    func emerging(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        var g = try Self.growth(q)
        g.region = q.string("region")
        let all = try q.bool("all")
        let p = try q.page()
        let table: ResultTable
        switch try q.choice("kind", default: EmergingKind.skills) {
        case .skills:
            table = try QueryService.emerging(a, g, limit: Int.max, all: all, matcher: nil)
        case .terms:
            let e = try engine.load()
            var d = DiscoveryParameters()
            d.growth = g
            table = try QueryService.discover(a, d, matcher: e.matcher, ordinaryWords: e.ordinaryWords, limit: Int.max, all: all).table
        case .occupations:
            var o = OccupationParameters()
            o.growth = g
            table = try QueryService.emergingOccupations(a, o, limit: Int.max, all: all).table
        }
        return Self.page(table, p, path: path, query: query)
    }

    /// The gap question of a request's parameters.
    static func gapsRequest(_ q: Parameters, _ a: Analytics) throws -> GapsRequest {
        var r = GapsRequest()
        r.window = try q.window("window")
        r.region = q.string("region")
        r.rank = try q.choice("rank", default: GapRank.gap)
        r.byRegion = try q.bool("by_region")
        r.level = try q.choice("level", default: RegionLevel.country)
        r.taughtNotDemanded = try q.bool("taught_not_demanded")
        r.growth = try growth(q)
        return r
    }

    /// `GET /api/v1/gaps`: skills demanded more than taught.
    func gaps(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        var r = try Self.gapsRequest(q, a)
        let p = try q.page(defaultLimit: 25)
        r.limit = r.byRegion ? p.limit : Int.max
        let (table, total) = try QueryService.gapsPage(a, r, offset: r.byRegion ? 0 : p.offset, limit: r.byRegion ? Int.max : p.limit)
        if r.byRegion { return Self.page(table, p, path: path, query: query) } // `limit` rows per region block
        return Self.page(table, Page(limit: p.limit, offset: 0), path: path, query: query, total: total, offset: p.offset)
    }

    /// `GET /api/v1/gaps/programmes/{id}`.
    func programmeGaps(_ id: String, _ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        var r = try Self.gapsRequest(q, a)
        let p = try q.page(defaultLimit: 25)
        r.limit = 1_000
        return Self.page(try QueryService.programmeGaps(a, programme: id, r), p, path: path, query: query)
    }

    /// `GET /api/v1/gaps/occupations/{id}`.
    func occupationGaps(_ id: String, _ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        let r = try Self.gapsRequest(q, a)
        let p = try q.page(defaultLimit: 25)
        return Self.page(try QueryService.occupationGaps(a, occupation: id, skillsFile: nil, dataDirectory: dataDirectory, r).table,
                         p, path: path, query: query)
    }

    /// `GET /api/v1/regions`: postings per place (per location string when the store has no places), each with its
    /// key, which the `region` parameter of the other endpoints takes.
    func regions(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        let placed = try a.hasPlaces()
        let level = try q.choice("level", default: RegionLevel.country)
        let rows = try a.placeCounts(level: placed ? level : .raw, corpus: try q.choice("corpus", default: Corpus.demand))
        let p = try q.page(defaultLimit: 50)
        let items: [JSON] = p.slice(rows).map {
            .object([("key", .string($0.key)), ("level", .string($0.level)), ("code", .string($0.code)), ("name", .string($0.name)),
                     ("country", .string($0.country)), ("postings", .int($0.postings)), ("share", .double($0.share)),
                     ("skills", .string("/api/v1/skills?region=" + Self.escape($0.key))),
                     ("gaps", .string("/api/v1/gaps?region=" + Self.escape($0.key)))])
        }
        return Self.list(items, total: rows.count, p, path: path, query: query, extra: [("placed", .bool(placed))])
    }

    /// `GET /api/v1/programmes`: the training programmes, optionally those whose title or id contains `q`.
    func programmes(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        let p = try q.page(defaultLimit: 50)
        var all = try a.programmes()
        if let needle = q.string("q")?.lowercased() {
            all = all.filter { $0.title.lowercased().contains(needle) || ($0.sourceID ?? "").lowercased().contains(needle) }
        }
        let items: [JSON] = p.slice(all).map {
            let key = $0.sourceID ?? String($0.id)
            return .object([("id", .int(Int($0.id))), ("source_id", .optional($0.sourceID)), ("title", .string($0.title)),
                            ("gaps", .string("/api/v1/gaps/programmes/" + Self.escape(key)))])
        }
        return Self.list(items, total: all.count, p, path: path, query: query)
    }

    /// `GET /api/v1/runs`: every run, newest first.
    func runs(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        let p = try q.page(defaultLimit: 50)
        let runs = try a.runs()
        let items: [JSON] = p.slice(runs).map {
            .object([("id", .int(Int($0.id))), ("started_at", .string($0.startedAt)), ("finished_at", .optional($0.finishedAt)),
                     ("status", .string($0.status.rawValue)), ("corpus", .string($0.corpus)),
                     ("engine_version", .string($0.engineVersion)), ("taxonomy", .string($0.taxonomyName)),
                     ("taxonomy_digest", .string($0.taxonomyDigest))])
        }
        return Self.list(items, total: runs.count, p, path: path, query: query)
    }

    /// `GET /api/v1/postings`: the postings mentioning a skill, newest window first, each linking its detail.
    func postings(_ q: Parameters, _ a: Analytics, path: String, query: [(String, String)]) throws -> JSON {
        guard let skill = q.string("skill") else { throw Problem.badRequest("parameter 'skill' is required") }
        let concept = try a.resolveConcept(skill)
        let p = try q.page()
        let rows = try a.drillDown(conceptID: concept, window: try q.window("window"),
                                   corpus: try q.choice("corpus", default: Corpus.demand), limit: p.offset + p.limit + 1)
        let items: [JSON] = p.slice(rows).map {
            .object([("posting_id", .int(Int($0.id))), ("source_id", .optional($0.sourceID)), ("title", .string($0.title)),
                     ("date", .optional($0.date)), ("matched", .string($0.matched)), ("count", .int($0.count)),
                     ("href", .string("/api/v1/postings/\($0.id)"))])
        }
        // The total is not counted (it can be large); `next` is given while more rows exist.
        return Self.list(items, total: p.offset + min(rows.count - min(p.offset, rows.count), p.limit)
                            + (rows.count > p.offset + p.limit ? 1 : 0), p, path: path, query: query,
                         extra: [("concept_id", .string(concept)), ("skill", .string(a.skillLabel(concept)))])
    }

    /// `GET /api/v1/postings/{id}`: one posting with its matches; each match gives its span (Unicode scalar
    /// offsets into `text`) and a snippet with the match marked.
    func posting(_ id: String, _ a: Analytics) throws -> JSON {
        guard let n = Int64(id), n > 0 else { throw Problem.badRequest("a posting id is a positive integer, got '\(id)'") }
        guard let d = try a.postingDetail(n) else { throw Problem.notFound("no posting \(n) in the store") }
        let spans = Highlighting.spans(d)
        return .object([
            ("id", .int(Int(d.id))), ("corpus", .string(d.corpus)), ("source_id", .optional(d.sourceID)),
            ("title", .string(d.title)), ("date", .optional(d.date)), ("employer", .optional(d.employer)),
            ("location", .optional(d.region)), ("source", .string(d.source)), ("text", .optional(d.matchText)),
            ("text_available", .bool(d.matchText != nil)),
            ("matches", .array(d.matches.enumerated().map { i, m in
                let s = spans[i]
                return .object([("concept_id", .string(m.conceptID)), ("skill", .string(m.label)), ("count", .int(m.count)),
                                ("matched", .string(m.matched)), ("start", s.map { .int($0.start) } ?? .null),
                                ("end", s.map { .int($0.end) } ?? .null),
                                ("snippet", s.map { .object([("before", .string($0.before)), ("match", .string($0.match)),
                                                              ("after", .string($0.after))]) } ?? .null)])
            })),
        ])
    }

    /// `GET /api/v1/suggest?q=`: skills and places whose names contain the text, most demanded first.
    func suggest(_ q: Parameters, _ a: Analytics) throws -> JSON {
        guard let text = q.string("q"), text.count >= 1 else { throw Problem.badRequest("parameter 'q' is required") }
        let limit = try q.int("limit", default: 10, in: 1...50)
        return .array(try Suggestions.find(text, in: a, limit: limit).map {
            .object([("kind", .string($0.kind)), ("id", .string($0.id)), ("name", .string($0.name)), ("postings", .int($0.postings)),
                     ("href", .string($0.page))])
        })
    }
}
