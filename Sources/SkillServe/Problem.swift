import Foundation

/// An error answered as RFC 9457 problem details (`application/problem+json`).
struct Problem: Error, Sendable {
    var status: Int
    var title: String
    var detail: String
    /// Extra members (e.g. the quarantined records of a rejected upload).
    var extra: [(String, JSON)] = []
    /// Extra response headers (e.g. `Allow` on 405, `WWW-Authenticate` on 401).
    var headers: [(String, String)] = []

    static func badRequest(_ detail: String) -> Problem { Problem(status: 400, title: "Bad Request", detail: detail) }
    static func notFound(_ detail: String) -> Problem { Problem(status: 404, title: "Not Found", detail: detail) }
    static func unprocessable(_ detail: String) -> Problem {
        Problem(status: 422, title: "Unprocessable Content", detail: detail)
    }
    static func methodNotAllowed(_ allowed: [String]) -> Problem {
        Problem(status: 405, title: "Method Not Allowed",
                detail: "this resource answers " + allowed.joined(separator: ", "),
                headers: [("Allow", allowed.joined(separator: ", "))])
    }
    static func unauthorized(_ detail: String) -> Problem {
        Problem(status: 401, title: "Unauthorized", detail: detail, headers: [("WWW-Authenticate", "Bearer realm=\"skillradar\"")])
    }
    static func tooLarge(_ limit: Int) -> Problem {
        Problem(status: 413, title: "Content Too Large", detail: "an upload may be at most \(limit) bytes")
    }

    /// The problem document; `instance` is the request path.
    func body(instance: String) -> String {
        JSON.object([("type", .string("about:blank")), ("title", .string(title)), ("status", .int(status)),
                     ("detail", .string(detail)), ("instance", .string(instance))] + extra).rendered
    }
}
