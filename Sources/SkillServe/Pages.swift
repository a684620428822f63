import Foundation
import SkillAnalytics
import SkillPipeline
import SkillReports
import SkillStore

/// Server-rendered pages for people: the same query layer as the API, drawn with the report's renderers
/// (``HTMLPage``, ``SVGChart``). They work without JavaScript; a few lines of script add search suggestions.
struct Pages: Sendable {
    let api: API

    static let nav: [(href: String, label: String)] = [
        ("/", "Overview"), ("/emerging", "Emerging"), ("/regions", "Regions"), ("/programmes", "Programmes"),
        ("/api/v1/openapi.json", "API"),
    ]

    /// Suggestions while typing: fills the search box's datalist from `/api/v1/suggest`.
    static let script = """
    (function () {
      var box = document.getElementById('q'), list = document.getElementById('q-suggestions'), timer = null;
      if (!box || !list || !window.fetch) return;
      box.addEventListener('input', function () {
        clearTimeout(timer);
        var text = box.value.trim();
        if (text.length < 2) return;
        timer = setTimeout(function () {
          fetch('/api/v1/suggest?q=' + encodeURIComponent(text)).then(function (r) { return r.ok ? r.json() : []; })
            .then(function (hits) {
              list.innerHTML = '';
              hits.forEach(function (h) { var o = document.createElement('option'); o.value = h.name; list.appendChild(o); });
            }).catch(function () {});
        }, 150);
      });
    })();
    """

    static func page(_ title: String, _ body: String) -> Rendered {
        .html(HTMLPage.document(title: title + " · skillradar", nav: nav, body: body, script: script))
    }

    static func searchForm(_ value: String = "") -> String {
        "<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\">"
            + "<label for=\"q\">Search skills, regions and programmes</label>"
            + "<input id=\"q\" name=\"q\" type=\"search\" list=\"q-suggestions\" autocomplete=\"off\" value=\"\(e(value))\">"
            + "<datalist id=\"q-suggestions\"></datalist><button type=\"submit\">Search</button></form>"
    }

    static func e(_ s: String) -> String { HTMLPage.escape(s) }
    static func pct(_ x: Double) -> String { Cell.fixed(x * 100, 1).display + " %" }

    // MARK: Pages

    func home(_ a: Analytics) throws -> Rendered {
        let s = try a.summary()
        let (total, skills) = try a.skillCounts()
        let top = Array(skills.prefix(15))
        let chart = SVGChart.barChart(title: "Share of postings mentioning each skill",
                                      bars: top.map { SVGChart.Bar(label: $0.label, value: $0.share) })
        let facts = ResultTable(header: ["measure", "value"], rows: [
            [.text("postings (without duplicates)"), .int(s.postings)], [.text("postings with a skill"), .int(s.postingsWithSkills)],
            [.text("distinct skills"), .int(s.distinctSkills)], [.text("duplicates set aside"), .int(s.duplicates)],
            [.text("records quarantined"), .int(s.quarantined)],
            [.text("dated from"), .text(s.firstDate ?? "(undated)")], [.text("dated to"), .text(s.lastDate ?? "(undated)")],
            [.text("training programmes"), .int(try a.programmes().count)],
        ])
        let topTable = ResultTable(header: ["skill", "postings", "share"],
                                   rows: top.map { [.text($0.label), .int($0.postings), .text(Self.pct($0.share))] })
        var body = "<h1>Skill demand in \(total) postings</h1>\n" + Self.searchForm()
            + HTMLPage.section(heading: "Corpus", id: "corpus", HTMLPage.table(facts))
            + HTMLPage.section(heading: "Most demanded skills", id: "top",
                               HTMLPage.figure(chart, caption: "Share of postings that mention each skill (all periods).")
                               + HTMLPage.table(topTable) { r, c in c == "skill" ? "/skills/" + API.escape(top[r].conceptID) : nil })
        body += HTMLPage.section(heading: "Emerging skills", id: "emerging", try emergingSkillsTable(a, limit: 10)
                                 + "<p><a href=\"/emerging\">All emerging skills, new terms and roles</a></p>")
        return Self.page("Overview", body)
    }

    func emergingSkillsTable(_ a: Analytics, limit: Int) throws -> String {
        guard try !a.monthTotals().isEmpty else { return "<p>No dated postings: growth needs dates.</p>" }
        let t = try QueryService.emerging(a, EmergingParameters(), limit: limit, all: false, matcher: nil)
        let ids = t.header.firstIndex(of: "concept_id")
        let cols = ["skill", "status", "recent", "reference", "rate_ratio", "ci_low", "ci_high", "q"].filter(t.header.contains)
        return HTMLPage.table(t, columns: cols, caption: t.notes.first,
                              empty: "No skill rose or fell significantly between the recent and the reference window ("
                                  + (t.notes.first ?? "") + ").") { r, c in
            guard c == "skill", let ids, case .text(let id) = t.rows[r][ids], !id.isEmpty else { return nil }
            return "/skills/" + API.escape(id)
        }
    }

    func skill(_ id: String, _ a: Analytics) throws -> Rendered {
        let concept = try a.resolveConcept(id)
        let name = a.skillLabel(concept)
        let series = try a.trends(.year, concepts: [concept]).series.first
        let points = series?.points ?? []
        let chart = SVGChart.lineChart(title: "Share of postings mentioning \(name), per year",
                                       categories: points.map(\.period),
                                       series: [SVGChart.Series(label: name, values: points.map { $0.share })])
        let trend = ResultTable(header: ["period", "postings", "total_postings", "share"],
                                rows: points.map { [.text($0.period), .int($0.postings), .int($0.totalPostings), .text(Self.pct($0.share))] })
        let places = try a.skillPlaces(concept, level: .country, limit: 15)
        let placeTable = ResultTable(header: ["place", "postings"], rows: places.map { [.text($0.name), .int($0.postings)] })
        let forms = try a.surfaceForms(concept, limit: 10)
        let formTable = ResultTable(header: ["written as", "mentions"], rows: forms.map { [.text($0.form), .int($0.mentions)] })
        let posts = try a.drillDown(conceptID: concept, limit: 10)
        let postTable = ResultTable(header: ["title", "date", "matched"],
                                    rows: posts.map { [.text($0.title.isEmpty ? "(untitled)" : $0.title), .optional($0.date), .text($0.matched)] })
        let body = "<h1>\(Self.e(name))</h1>\n<p>Concept <code>\(Self.e(concept))</code>. "
            + "<a href=\"/api/v1/skills/\(Self.e(API.escape(concept)))\">This skill as JSON</a>.</p>\n"
            + HTMLPage.section(heading: "Demand over time", id: "trend",
                               HTMLPage.figure(chart, caption: "Share of postings per year that mention \(name).") + HTMLPage.table(trend))
            + HTMLPage.section(heading: "Where", id: "places", HTMLPage.table(placeTable, empty: "No placed postings.") { r, c in
                c == "place" ? "/regions/" + API.escape(places[r].key) : nil })
            + HTMLPage.section(heading: "How postings write it", id: "forms", HTMLPage.table(formTable))
            + HTMLPage.section(heading: "Example postings", id: "examples", HTMLPage.table(postTable) { r, c in
                c == "title" ? "/postings/\(posts[r].id)" : nil })
        return Self.page(name, body)
    }

    func regions(_ a: Analytics) throws -> Rendered {
        let placed = try a.hasPlaces()
        let rows = try a.placeCounts(level: placed ? .country : .raw).prefix(300)
        let t = ResultTable(header: ["place", "postings", "share"],
                            rows: rows.map { [.text($0.name), .int($0.postings), .text(Self.pct($0.share))] })
        let body = "<h1>Regions</h1>\n" + Self.searchForm()
            + (placed ? "" : HTMLPage.note("The store has no normalised places; the location strings are shown as stored."))
            + HTMLPage.table(t) { r, c in
                c == "place" && rows[rows.startIndex + r].key != "unplaced" ? "/regions/" + API.escape(rows[rows.startIndex + r].key) : nil
            }
        return Self.page("Regions", body)
    }

    func region(_ key: String, _ a: Analytics) throws -> Rendered {
        guard let resolved = try a.resolveRegion(key) else { throw Problem.notFound("no region '\(key)'") }
        let name = try a.regionName(resolved)
        let (total, skills) = try a.skillCounts(region: resolved)
        let top = Array(skills.prefix(12))
        var r = GapsRequest()
        r.region = resolved
        let gaps = try QueryService.gaps(a, r)
        let pairs = ChartRows.gapPairs(gaps, limit: 12)
        let body = "<h1>\(Self.e(name))</h1>\n<p>\(total) postings.</p>\n"
            + HTMLPage.section(heading: "Most demanded skills", id: "top",
                               HTMLPage.figure(SVGChart.barChart(title: "Share of postings in \(name)",
                                                                 bars: top.map { SVGChart.Bar(label: $0.label, value: $0.share) }),
                                               caption: "Share of the region's postings that mention each skill."))
            + HTMLPage.section(heading: "Gaps: demanded here, not taught", id: "gaps",
                               (pairs.isEmpty ? "" : HTMLPage.figure(
                                   SVGChart.pairedBarChart(title: "Demand vs supply in \(name)", firstName: "postings",
                                                           secondName: "programmes", pairs: pairs),
                                   caption: "Share of postings that demand each skill and of programmes that teach it."))
                               + gapTable(gaps))
        return Self.page(name, body)
    }

    func gapTable(_ t: ResultTable) -> String {
        let ids = t.header.firstIndex(of: "concept_id")
        let cols = ["skill", "postings", "demand_share", "programmes", "supply_share", "gap_index", "demand_status"]
            .filter(t.header.contains)
        return HTMLPage.table(t, columns: cols) { r, c in
            guard c == "skill", let ids, case .text(let id) = t.rows[r][ids] else { return nil }
            return "/skills/" + API.escape(id)
        }
    }

    func programmes(_ a: Analytics) throws -> Rendered {
        let all = try a.programmes()
        let t = ResultTable(header: ["programme", "id"], rows: all.prefix(1_000).map { [.text($0.title), .text($0.sourceID ?? String($0.id))] })
        let body = "<h1>Training programmes</h1>\n<p>\(all.count) programmes in the store.</p>\n"
            + HTMLPage.table(t, empty: "No programmes: upload a catalogue with POST /api/v1/supply.") { r, c in
                c == "programme" ? "/programmes/" + API.escape(all[r].sourceID ?? String(all[r].id)) : nil }
        return Self.page("Programmes", body)
    }

    func programme(_ id: String, _ a: Analytics) throws -> Rendered {
        let p = try a.resolveProgramme(id)
        var r = GapsRequest()
        r.limit = 30
        let t = try QueryService.programmeGaps(a, programme: id, r)
        let body = "<h1>\(Self.e(p.title))</h1>\n<p>Programme <code>\(Self.e(id))</code>: the skills postings demand most "
            + "that it does not cover.</p>\n" + gapTable(t)
        return Self.page(p.title, body)
    }

    func emerging(_ a: Analytics) throws -> Rendered {
        var body = "<h1>What is new</h1>\n" + HTMLPage.section(heading: "Emerging skills", id: "skills", try emergingSkillsTable(a, limit: 30))
        if try !a.monthTotals().isEmpty {
            do {
                let e = try api.engine.load()
                let terms = try QueryService.discover(a, DiscoveryParameters(), matcher: e.matcher, ordinaryWords: e.ordinaryWords,
                                                      limit: 30, all: false).table
                body += HTMLPage.section(heading: "New terms (in no taxonomy)", id: "terms",
                                         HTMLPage.table(terms, columns: ["term", "status", "recent", "reference", "rate_ratio", "employers"]
                                                        .filter(terms.header.contains), caption: terms.notes.first,
                                                        empty: "No term outside the taxonomies rises."))
            } catch {
                body += HTMLPage.section(heading: "New terms (in no taxonomy)", id: "terms", HTMLPage.note("\(error)"))
            }
            let roles = try QueryService.emergingOccupations(a, OccupationParameters(), limit: 30, all: false).table
            body += HTMLPage.section(heading: "Growing roles", id: "roles", HTMLPage.table(roles, columns:
                ["role", "title", "status", "recent", "reference", "rate_ratio", "profile"].filter(roles.header.contains),
                empty: "No role grows significantly."))
        }
        return Self.page("Emerging", body)
    }

    func search(_ text: String?, _ a: Analytics) throws -> Rendered {
        guard let text, !text.isEmpty else { return Self.page("Search", "<h1>Search</h1>\n" + Self.searchForm()) }
        let hits = try Suggestions.find(text, in: a, limit: 50)
        let list = hits.isEmpty ? "<p>Nothing matches “\(Self.e(text))”.</p>"
            : "<ul class=\"suggestions\">" + hits.map {
                "<li>\(Self.e($0.kind)): <a href=\"\(Self.e($0.page))\">\(Self.e($0.name))</a>"
                    + ($0.postings > 0 ? " (\($0.postings) postings)" : "") + "</li>"
            }.joined() + "</ul>"
        return Self.page("Search", "<h1>Search</h1>\n" + Self.searchForm(text) + list)
    }

    func posting(_ id: String, _ a: Analytics) throws -> Rendered {
        guard let n = Int64(id), n > 0 else { throw Problem.badRequest("a posting id is a positive integer, got '\(id)'") }
        guard let d = try a.postingDetail(n) else { throw Problem.notFound("no posting \(n) in the store") }
        var text = "<p>The text could not be read back from its source (\(Self.e(d.source))).</p>"
        if let t = d.matchText {
            let bytes = Array(t.utf8)
            var html = "", at = 0
            for r in Highlighting.ranges(d) {
                html += Self.e(String(decoding: bytes[at..<r.start], as: UTF8.self))
                html += "<mark title=\"\(Self.e(r.label))\">" + Self.e(String(decoding: bytes[r.start..<r.end], as: UTF8.self)) + "</mark>"
                at = r.end
            }
            html += Self.e(String(decoding: bytes[at...], as: UTF8.self))
            text = "<pre class=\"posting\">\(html)</pre>"
        }
        let skills = ResultTable(header: ["skill", "written as", "mentions"],
                                 rows: d.matches.map { [.text($0.label), .text($0.matched), .int($0.count)] })
        let facts = [("date", d.date), ("employer", d.employer), ("location", d.region), ("source", d.source)]
            .compactMap { k, v in v.map { "<dt>\(k)</dt><dd>\(Self.e($0))</dd>" } }.joined()
        let body = "<h1>\(Self.e(d.title.isEmpty ? "Posting \(n)" : d.title))</h1>\n<dl class=\"provenance\">\(facts)</dl>\n"
            + HTMLPage.section(heading: "Skills", id: "skills", HTMLPage.table(skills) { r, c in
                c == "skill" ? "/skills/" + API.escape(d.matches[r].conceptID) : nil })
            + HTMLPage.section(heading: "Text, with the matches marked", id: "text", text)
        return Self.page(d.title.isEmpty ? "Posting \(n)" : d.title, body)
    }
}

/// Chart rows from query-layer tables.
enum ChartRows {
    /// Demand and supply shares of the first `limit` gap rows.
    static func gapPairs(_ t: ResultTable, limit: Int) -> [SVGChart.BarPair] {
        guard let s = t.header.firstIndex(of: "skill"), let d = t.header.firstIndex(of: "demand_share"),
              let p = t.header.firstIndex(of: "supply_share") else { return [] }
        func value(_ c: Cell) -> Double? {
            switch c {
            case .fixed(let x, _), .probability(let x): return x
            case .int(let n): return Double(n)
            default: return nil
            }
        }
        return t.rows.prefix(limit).compactMap { r in
            guard let a = value(r[d]), let b = value(r[p]) else { return nil }
            return SVGChart.BarPair(label: r[s].display, first: a, second: b)
        }
    }
}
