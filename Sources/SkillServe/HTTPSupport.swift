import Foundation
import HTTPTypes
import Hummingbird
import SkillAnalytics
import SkillPipeline

/// A handler's answer before caching: status, media type and body.
struct Rendered: Sendable {
    var status = 200
    var contentType: String
    var body: String

    static func json(_ value: JSON, status: Int = 200) -> Rendered {
        Rendered(status: status, contentType: "application/json; charset=utf-8", body: value.rendered)
    }

    static func html(_ page: String) -> Rendered { Rendered(contentType: "text/html; charset=utf-8", body: page) }
}

enum HTTPSupport {
    /// The query string as (name, value) pairs: `+` is a space and percent escapes are decoded (a malformed escape
    /// is a 400).
    static func queryPairs(_ query: String?) throws -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        var out: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                guard let d = plus.removingPercentEncoding else {
                    throw Problem.badRequest("malformed percent escape in the query string: '\(s.prefix(60))'")
                }
                return d
            }
            out.append((try decode(kv[0]), kv.count > 1 ? try decode(kv[1]) : ""))
        }
        return out
    }

    /// A path parameter, percent-decoded.
    static func pathParameter(_ context: some RequestContext, _ name: String) throws -> String {
        guard let raw = context.parameters.get(name), let v = raw.removingPercentEncoding, !v.isEmpty else {
            throw Problem.badRequest("missing path parameter '\(name)'")
        }
        return v
    }

    /// RFC 9110 HTTP-date of an ISO 8601 timestamp as the store writes it; nil when it does not parse.
    static func httpDate(_ iso: String?) -> String? {
        guard let iso else { return nil }
        let parser = ISO8601DateFormatter()
        var date = parser.date(from: iso)
        if date == nil {
            parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = parser.date(from: iso)
        }
        guard let date else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: date)
    }

    static func response(status: Int, contentType: String, body: [UInt8], headers extra: [(String, String)] = []) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (k, v) in extra {
            if let name = HTTPField.Name(k) { headers.append(HTTPField(name: name, value: v)) }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func problem(_ p: Problem, path: String) -> Response {
        response(status: p.status, contentType: "application/problem+json", body: Array(p.body(instance: path).utf8),
                 headers: p.headers)
    }

    /// A cached or fresh GET answer: 304 when the client's `If-None-Match` names its ETag.
    static func respond(_ c: CachedResponse, to request: Request) -> Response {
        var extra = [("ETag", c.etag), ("Cache-Control", "no-cache")]
        if let lm = c.lastModified { extra.append(("Last-Modified", lm)) }
        if let inm = request.headers[.ifNoneMatch],
           inm.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == c.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            var headers = HTTPFields()
            for (k, v) in extra { if let name = HTTPField.Name(k) { headers.append(HTTPField(name: name, value: v)) } }
            return Response(status: .notModified, headers: headers)
        }
        return response(status: c.status, contentType: c.contentType, body: c.body, headers: extra)
    }

    /// A thrown error as problem details: the query layer's "no such ..." errors are 404 when they name the
    /// resource of the path, else 422 (a parameter names something the store does not have).
    static func problem(for error: any Error, pathResource: Bool) -> Problem {
        switch error {
        case let p as Problem: return p
        case let q as QueryError: return pathResource ? .notFound(q.description) : .unprocessable(q.description)
        case let e as PipelineError: return pathResource ? .notFound(e.description) : .unprocessable(e.description)
        default:
            return Problem(status: 500, title: "Internal Server Error", detail: String(describing: error))
        }
    }
}
