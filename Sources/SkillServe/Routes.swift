import Foundation
import SkillAnalytics
import SkillStore

/// A query parameter of an endpoint: its name, JSON Schema and description (the OpenAPI document and the
/// parameter check both come from these).
struct ParameterSpec: Sendable {
    var name: String
    var schema: JSON
    var description: String
    var required = false

    /// Whether an empty value is valid: only for an optional free text (no pattern, no enumeration, not a number).
    var allowsEmpty: Bool {
        guard !required, case .object(let pairs) = schema else { return false }
        let keys = Set(pairs.map(\.0))
        let isString = pairs.contains { k, v in
            if k == "type", case .string("string") = v { return true }
            return false
        }
        return isString && !keys.contains("pattern") && !keys.contains("enum")
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ e: E.Type, _ d: E, _ description: String) -> ParameterSpec
    where E.RawValue == String {
        ParameterSpec(name: name, schema: .object([("type", .string("string")), ("enum", .array(E.allCases.map { .string($0.rawValue) })),
                                                   ("default", .string(d.rawValue))]), description: description)
    }

    static func integer(_ name: String, _ range: ClosedRange<Int>, _ d: Int, _ description: String) -> ParameterSpec {
        ParameterSpec(name: name, schema: .object([("type", .string("integer")), ("minimum", .int(range.lowerBound)),
                                                   ("maximum", .int(range.upperBound)), ("default", .int(d))]), description: description)
    }

    static func text(_ name: String, _ description: String, required: Bool = false, pattern: String? = nil) -> ParameterSpec {
        ParameterSpec(name: name, schema: .object([("type", .string("string")), ("maxLength", .int(200))]
                                                  + (required ? [("minLength", JSON.int(1))] : [])
                                                  + (pattern.map { [("pattern", JSON.string($0))] } ?? [])),
                      description: description, required: required)
    }

    static func flag(_ name: String, _ description: String) -> ParameterSpec {
        ParameterSpec(name: name, schema: .object([("type", .string("boolean")), ("default", .bool(false))]), description: description)
    }

    static let monthPattern = "^[0-9]{4}(-(0[1-9]|1[0-2]))?(\\.\\.[0-9]{4}(-(0[1-9]|1[0-2]))?)?$"
    static let window = text("window", "Months YYYY-MM..YYYY-MM (default: all postings).", pattern: monthPattern)
    static let recent = text("recent", "Recent window YYYY-MM..YYYY-MM (default: the last 12 months with data).", pattern: monthPattern)
    static let reference = text("reference", "Reference window (default: the 24 months before the recent one).", pattern: monthPattern)
    static let region = text("region", "A place key (country:DE, admin1:US-CA, city:5391959, remote), a place name or a location as stored.")
    static let corpus = choice("corpus", Corpus.self, .demand, "Job postings (demand) or training programmes (supply).")
    static func limit(_ d: Int) -> ParameterSpec { integer("limit", 1...500, d, "Items per page.") }
    static let offset = integer("offset", 0...1_000_000, 0, "Items to skip.")
    static let minSupport = integer("min_support", 1...1_000_000, 5, "Minimum postings for a growth test.")
    static let fdr = ParameterSpec(name: "fdr", schema: .object([("type", .string("number")), ("minimum", .double(0.0001)),
                                                               ("maximum", .int(1)), ("default", .double(0.05))]),
                                   description: "False-discovery rate of the growth tests.")
    static let level = choice("level", RegionLevel.self, .country, "Place level.")
    static var growth: [ParameterSpec] { [recent, reference, minSupport, fdr] }
    static var gaps: [ParameterSpec] {
        [window, region, choice("rank", GapRank.self, .gap, "Order: gap index or unmet demand."),
         flag("by_region", "Rows for each region of `level` after all regions."), level,
         flag("taught_not_demanded", "Only skills taught more than postings demand them.")] + growth
    }
}

/// What an endpoint answers, for the OpenAPI document.
enum Answer: Sendable { case list, object, array, html, openapi, health }

/// One GET endpoint: its path pattern (`{id}` for the path parameter), parameters and answer.
struct RouteSpec: Sendable {
    var path: String
    var summary: String
    var parameters: [ParameterSpec]
    var answer: Answer
    /// The path names a resource (`{id}`) that may not exist: a 404 is part of its contract.
    var hasPathParameter: Bool { path.contains("{") }
    var names: Set<String> { Set(parameters.map(\.name)) }
    /// The router's pattern (`:id`).
    var routerPath: String { path.replacingOccurrences(of: "{id}", with: ":id") }
}

enum Routes {
    typealias P = ParameterSpec

    /// The methods a path answers (empty: no such resource), so that another method gets a 405 with `Allow`.
    static func methods(for path: String) -> [String] {
        if path == "/api/v1/supply" { return ["POST"] }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let known = (api + pages).contains { r in
            let pattern = r.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count && zip(pattern, segments).allSatisfy { $0 == "{id}" ? !$1.isEmpty : $0 == $1 }
        }
        return known ? ["GET", "HEAD"] : []
    }
    static let api: [RouteSpec] = [
        RouteSpec(path: "/healthz", summary: "Liveness: the store opens and has runs.", parameters: [], answer: .health),
        RouteSpec(path: "/api/v1/openapi.json", summary: "This document.", parameters: [], answer: .openapi),
        RouteSpec(path: "/api/v1/skills", summary: "The most demanded skills of a window and region.",
                  parameters: [P.window, P.region, P.corpus, P.limit(20), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/skills/{id}", summary: "One skill: trend, places, surface forms, example postings.",
                  parameters: [P.choice("granularity", PeriodGranularity.self, .year, "Trend periods."), P.region, P.level,
                               P.integer("examples", 0...50, 5, "Example postings.")], answer: .object),
        RouteSpec(path: "/api/v1/emerging", summary: "Emerging skills, new terms (in no taxonomy) or growing roles.",
                  parameters: [P.choice("kind", API.EmergingKind.self, .skills, "What to rank."), P.region,
                               P.flag("all", "Stable and declining rows too."), P.limit(20), P.offset] + P.growth,
                  answer: .list),
        RouteSpec(path: "/api/v1/gaps", summary: "Skills postings demand more than programmes teach.",
                  parameters: P.gaps + [P.limit(25), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/gaps/programmes/{id}", summary: "The demanded or emerging skills one programme misses.",
                  parameters: P.gaps + [P.limit(25), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/gaps/occupations/{id}", summary: "Regions whose programmes miss an occupation's essential skills.",
                  parameters: P.gaps + [P.limit(25), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/regions", summary: "Postings per place.",
                  parameters: [P.level, P.corpus, P.limit(50), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/programmes", summary: "Training programmes.",
                  parameters: [P.text("q", "Only programmes whose title or id contains this."), P.limit(50), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/runs", summary: "Analysis runs, newest first.", parameters: [P.limit(50), P.offset], answer: .list),
        RouteSpec(path: "/api/v1/postings", summary: "Postings that mention a skill (drill-down).",
                  parameters: [P.text("skill", "A skill id, name or alias.", required: true), P.window, P.corpus, P.limit(20), P.offset],
                  answer: .list),
        RouteSpec(path: "/api/v1/postings/{id}", summary: "One posting, its text and its matches with their spans.",
                  parameters: [], answer: .object),
        RouteSpec(path: "/api/v1/suggest", summary: "Skills, places and programmes whose names contain a text.",
                  parameters: [P.text("q", "Text typed so far.", required: true), P.integer("limit", 1...50, 10, "Suggestions.")],
                  answer: .array),
    ]

    static let pages: [RouteSpec] = [
        RouteSpec(path: "/", summary: "Overview.", parameters: [], answer: .html),
        RouteSpec(path: "/skills/{id}", summary: "A skill.", parameters: [], answer: .html),
        RouteSpec(path: "/regions", summary: "Regions.", parameters: [], answer: .html),
        RouteSpec(path: "/regions/{id}", summary: "A region and its gaps.", parameters: [], answer: .html),
        RouteSpec(path: "/programmes", summary: "Programmes.", parameters: [], answer: .html),
        RouteSpec(path: "/programmes/{id}", summary: "A programme's gaps.", parameters: [], answer: .html),
        RouteSpec(path: "/emerging", summary: "Emerging skills, new terms and roles.", parameters: [], answer: .html),
        RouteSpec(path: "/search", summary: "Search.", parameters: [P.text("q", "Search text.")], answer: .html),
        RouteSpec(path: "/postings/{id}", summary: "A posting with its matches marked.", parameters: [], answer: .html),
    ]

    /// `POST /api/v1/supply` parameters.
    static let upload: [ParameterSpec] = [
        P.text("name", "The catalogue's name (letters, digits, '-', '_', '.'); each upload under a name is a new version.",
               required: true, pattern: "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"),
        P.choice("format", Uploader.Format.self, .csv, "The body's format (default: from Content-Type)."),
        P.text("map", "Field mapping, comma-separated: title=COL,text=COL,id=COL (fields id, title, text, date, region, "
               + "employer; as `analyze --map`).",
               pattern: "^(id|title|text|date|region|employer)=[^,=]+(,(id|title|text|date|region|employer)=[^,=]+)*$"),
    ]
}
