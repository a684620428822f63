import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SkillAnalytics
import SkillPipeline
import SkillStore

/// How `skillradar serve` runs.
public struct ServeConfiguration: Sendable {
    public var database: String
    public var host = "127.0.0.1"
    /// 0: any free port (the one chosen is printed).
    public var port = 8080
    /// Upload keys (`serve keys add`); nil: uploads are refused (401).
    public var keysFile: String?
    /// Where uploads are kept (default: next to the database, `DB.uploads`).
    public var uploadDirectory: String?
    public var taxonomyDirectory: String?
    /// Laid out like ../shared/data (ESCO relations, for occupation gaps).
    public var dataDirectory = "../shared/data"
    public var maxUploadBytes = 10 << 20
    /// Concurrent store readers.
    public var readers = max(2, ProcessInfo.processInfo.activeProcessorCount * 2)

    public init(database: String) { self.database = database }
}

/// The query service: the JSON API, the pages and uploads over one store, on Hummingbird.
public struct Server: Sendable {
    let config: ServeConfiguration
    let pool: ReaderPool
    let cache: ResponseCache
    let api: API
    let pages: Pages
    let uploader: Uploader

    public init(_ config: ServeConfiguration) throws {
        self.config = config
        pool = try ReaderPool(path: config.database, readers: config.readers)
        cache = ResponseCache()
        let engine = MatchingEngine(taxonomyDirectory: config.taxonomyDirectory)
        api = API(engine: engine, dataDirectory: config.dataDirectory)
        pages = Pages(api: api)
        uploader = Uploader(database: config.database, directory: config.uploadDirectory ?? config.database + ".uploads",
                            engine: engine)
        if let keys = config.keysFile { _ = try APIKeys(path: keys) } // a malformed keys file stops the start
    }

    /// Serves until SIGINT or SIGTERM; `listening(host, port)` is called once the socket is bound.
    public func run(listening: @escaping @Sendable (String, Int) -> Void) async throws {
        var logger = Logger(label: "skillradar.serve")
        logger.logLevel = .warning
        let host = config.host
        let app = Application(router: makeRouter(),
                              configuration: .init(address: .hostname(config.host, port: config.port), serverName: "skillradar"),
                              onServerRunning: { channel in listening(host, channel.localAddress?.port ?? 0) },
                              logger: logger)
        try await app.runService()
    }

    // MARK: Router

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: ProblemMiddleware())
        for spec in Routes.api + Routes.pages {
            router.get(RouterPath(spec.routerPath)) { request, context in
                await self.answer(spec, request, context)
            }
        }
        router.post("/api/v1/supply") { request, context in await self.upload(request, context) }
        return router
    }

    /// A GET: parameters checked, answered from the cache when the store has not changed, else by the handler on
    /// a reader of its own, off the event loop.
    func answer(_ spec: RouteSpec, _ request: Request, _ context: BasicRequestContext) async -> Response {
        let path = request.uri.path
        do {
            let query = try HTTPSupport.queryPairs(request.uri.query)
            let q = try Parameters(query: query, specs: spec.parameters)
            let id = spec.hasPathParameter ? try HTTPSupport.pathParameter(context, "id") : nil
            let stamp = try pool.stamp()
            if spec.answer == .health {
                return HTTPSupport.response(status: 200, contentType: "application/json", body: Array(JSON.object([
                    ("status", .string("ok")), ("schema_version", .int(SkillStore.schemaVersion)), ("stamp", .string(stamp.stamp)),
                ]).rendered.utf8))
            }
            let key = ResponseCache.key(path: path, query: query, stamp: stamp.stamp)
            if let hit = cache.get(key) { return HTTPSupport.respond(hit, to: request) }
            let rendered = try await offload { [self] in
                try pool.withReader { a in try self.handle(spec, id: id, q, a, path: path, query: query) }
            }
            let entry = CachedResponse(status: rendered.status, contentType: rendered.contentType, body: Array(rendered.body.utf8),
                                       etag: ResponseCache.etag(for: key), lastModified: HTTPSupport.httpDate(stamp.lastModified))
            cache.put(key, entry)
            return HTTPSupport.respond(entry, to: request)
        } catch {
            let p = HTTPSupport.problem(for: error, pathResource: spec.hasPathParameter)
            return spec.answer == .html ? Self.errorPage(p) : HTTPSupport.problem(p, path: path)
        }
    }

    func handle(_ spec: RouteSpec, id: String?, _ q: Parameters, _ a: Analytics, path: String,
                query: [(String, String)]) throws -> Rendered {
        let id = id ?? ""
        switch spec.path {
        case "/api/v1/openapi.json": return .json(OpenAPI.document(maxUploadBytes: config.maxUploadBytes, examples: try examples(a)))
        case "/api/v1/skills": return .json(try api.skills(q, a, path: path, query: query))
        case "/api/v1/skills/{id}": return .json(try api.skill(id, q, a))
        case "/api/v1/emerging": return .json(try api.emerging(q, a, path: path, query: query))
        case "/api/v1/gaps": return .json(try api.gaps(q, a, path: path, query: query))
        case "/api/v1/gaps/programmes/{id}": return .json(try api.programmeGaps(id, q, a, path: path, query: query))
        case "/api/v1/gaps/occupations/{id}": return .json(try api.occupationGaps(id, q, a, path: path, query: query))
        case "/api/v1/regions": return .json(try api.regions(q, a, path: path, query: query))
        case "/api/v1/programmes": return .json(try api.programmes(q, a, path: path, query: query))
        case "/api/v1/runs": return .json(try api.runs(q, a, path: path, query: query))
        case "/api/v1/postings": return .json(try api.postings(q, a, path: path, query: query))
        case "/api/v1/postings/{id}": return .json(try api.posting(id, a))
        case "/api/v1/suggest": return .json(try api.suggest(q, a))
        case "/": return try pages.home(a)
        case "/skills/{id}": return try pages.skill(id, a)
        case "/regions": return try pages.regions(a)
        case "/regions/{id}": return try pages.region(id, a)
        case "/programmes": return try pages.programmes(a)
        case "/programmes/{id}": return try pages.programme(id, a)
        case "/emerging": return try pages.emerging(a)
        case "/search": return try pages.search(q.string("q"), a)
        case "/postings/{id}": return try pages.posting(id, a)
        default: throw Problem.notFound("no endpoint \(spec.path)")
        }
    }

    /// Ids that exist in the store, as examples of the path parameters.
    func examples(_ a: Analytics) throws -> [String: String] {
        var e: [String: String] = [:]
        if let skill = try a.skillCounts().skills.first?.conceptID {
            e["/api/v1/skills/{id}"] = skill
            if let posting = try a.drillDown(conceptID: skill, limit: 1).first?.id { e["/api/v1/postings/{id}"] = String(posting) }
        }
        if let p = try a.programmes().first { e["/api/v1/gaps/programmes/{id}"] = p.sourceID ?? String(p.id) }
        return e
    }

    static func errorPage(_ p: Problem) -> Response {
        let body = HTMLPageFrame.error(status: p.status, title: p.title, detail: p.detail)
        return HTTPSupport.response(status: p.status, contentType: "text/html; charset=utf-8", body: Array(body.utf8))
    }

    // MARK: Upload

    func upload(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let path = request.uri.path
        do {
            guard let keysFile = config.keysFile else {
                throw Problem.unauthorized("uploads are off: start the server with --keys FILE (keys from `skillradar serve keys add NAME`)")
            }
            let auth = request.headers[.authorization] ?? ""
            guard auth.lowercased().hasPrefix("bearer "), case let key = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces),
                  !key.isEmpty else {
                throw Problem.unauthorized("send the upload key as 'Authorization: Bearer KEY'")
            }
            guard let keyName = try APIKeys(path: keysFile).verify(key) else { throw Problem.unauthorized("the key is not valid") }
            let query = try HTTPSupport.queryPairs(request.uri.query)
            let q = try Parameters(query: query, specs: Routes.upload)
            guard let name = q.string("name") else { throw Problem.badRequest("parameter 'name' is required") }
            let format = try Uploader.format(parameter: q.string("format"), contentType: request.headers[.contentType])
            if let length = request.headers[.contentLength].flatMap(Int.init), length > config.maxUploadBytes {
                throw Problem.tooLarge(config.maxUploadBytes)
            }
            let buffer: ByteBuffer
            do { buffer = try await request.body.collect(upTo: config.maxUploadBytes) } catch is NIOTooManyBytesError {
                throw Problem.tooLarge(config.maxUploadBytes)
            }
            let body = Array(buffer.readableBytesView)
            let map = q.string("map").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            let uploader = self.uploader
            let r = try await offload { try uploader.upload(body, name: name, format: format, map: map, key: keyName) }
            return HTTPSupport.response(status: r.status, contentType: r.contentType, body: Array(r.body.utf8))
        } catch {
            return HTTPSupport.problem(HTTPSupport.problem(for: error, pathResource: false), path: path)
        }
    }
}

/// Unmatched routes and framework errors (a body too large, a bad request line) as problem details.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as HTTPError {
            // The router answers 404 for a known path asked with another method: that is a 405.
            let allowed = Routes.methods(for: request.uri.path)
            if e.status == .notFound, !allowed.isEmpty {
                return HTTPSupport.problem(.methodNotAllowed(allowed), path: request.uri.path)
            }
            let status = Int(e.status.code)
            let p = Problem(status: status, title: e.status.reasonPhrase,
                            detail: status == 404 ? "no resource at \(request.uri.path); the API is described at /api/v1/openapi.json"
                                                  : (e.body ?? e.status.reasonPhrase))
            return HTTPSupport.problem(p, path: request.uri.path)
        } catch is NIOTooManyBytesError {
            return HTTPSupport.problem(Problem(status: 413, title: "Content Too Large", detail: "the body is too large"),
                                       path: request.uri.path)
        }
    }
}

/// The error page of the HTML routes.
enum HTMLPageFrame {
    static func error(status: Int, title: String, detail: String) -> String {
        Pages.page("\(status) \(title)", "<h1>\(status) \(Pages.e(title))</h1>\n<p>\(Pages.e(detail))</p>\n"
                   + Pages.searchForm()).body
    }
}
