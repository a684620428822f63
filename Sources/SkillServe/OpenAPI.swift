import Foundation

/// The OpenAPI 3.1 document of the JSON API, built from the same route table the router uses (``Routes``), so
/// that the document and the implementation cannot drift apart.
enum OpenAPI {
    /// `examples`: a real value of the path parameter of some routes (keyed by route path), taken from the store,
    /// so that a client or a fuzzer can reach a resource that exists.
    static func document(maxUploadBytes: Int, examples: [String: String] = [:]) -> JSON {
        var paths: [(String, JSON)] = []
        for r in Routes.api {
            var params: [JSON] = r.parameters.map(parameter)
            if r.hasPathParameter {
                let numeric = r.path == "/api/v1/postings/{id}"
                let schema: JSON = numeric
                    ? .object([("type", .string("integer")), ("minimum", .int(1)), ("maximum", .int(Int.max))])
                    : .object([("type", .string("string")), ("minLength", .int(1)), ("maxLength", .int(200))])
                var p: [(String, JSON)] = [("name", .string("id")), ("in", .string("path")), ("required", .bool(true)),
                                           ("schema", schema),
                                           ("description", .string(numeric ? "A posting's row id." : "An id, source id or name."))]
                if let e = examples[r.path] { p.append(("example", numeric ? .raw(String(Int(e) ?? 1)) : .string(e))) }
                params.insert(.object(p), at: 0)
            }
            var responses: [(String, JSON)] = [("200", .object([("description", .string("OK")),
                                                               ("content", .object([(mediaType(r.answer), .object([("schema", schema(r.answer))]))]))]))]
            if r.answer != .openapi && r.answer != .health {
                responses.append(("304", .object([("description", .string("Not Modified (If-None-Match matched the ETag)."))])))
            }
            responses += [("400", problemRef), ("405", problemRef)]
            if r.hasPathParameter || r.answer != .openapi && r.answer != .health { responses.append(("404", problemRef)) }
            if r.answer != .openapi && r.answer != .health { responses.append(("422", problemRef)) }
            paths.append((r.path, .object([("get", .object([
                ("summary", .string(r.summary)), ("operationId", .string(operationID(r.path))),
                ("parameters", .array(params)), ("responses", .object(responses)),
            ]))])))
        }
        paths.append(("/api/v1/supply", .object([("post", .object([
            ("summary", .string("Upload a programme catalogue (CSV, TSV, JSON Lines or a JSON array) as a new version; "
                                + "answers its programmes, quarantined records and gap links.")),
            ("operationId", .string("uploadSupply")),
            ("security", .array([.object([("bearer", .array([]))])])),
            ("parameters", .array(Routes.upload.map(parameter))),
            ("requestBody", .object([("required", .bool(true)), ("content", .object([
                ("text/csv", .object([("schema", .object([("type", .string("string")), ("maxLength", .int(maxUploadBytes))]))])),
                ("text/tab-separated-values", .object([("schema", .object([("type", .string("string"))]))])),
                ("application/x-ndjson", .object([("schema", .object([("type", .string("string"))]))])),
                ("application/json", .object([("schema", .object([("type", .string("array")),
                                                                  ("items", .object([("type", .string("object"))]))]))])),
            ]))])),
            ("responses", .object([
                ("201", .object([("description", .string("Stored and analysed")),
                                 ("content", .object([("application/json", .object([("schema", .object([("type", .string("object")),
                                     ("required", .array(["name", "version", "run_id", "programmes", "quarantined"].map { .string($0) }))]))]))]))])),
                ("400", problemRef), ("401", problemRef), ("405", problemRef), ("413", problemRef), ("415", problemRef),
                ("422", problemRef),
            ])),
        ]))])))
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("skillradar query service")), ("version", .string("1")),
                              ("description", .string("Skill demand from job postings, emerging skills and roles, and gaps "
                                                      + "against training programmes. Lists are paginated with limit and offset; "
                                                      + "answers carry an ETag keyed on the store's latest run.")),
                              ("license", .object([("name", .string("Apache-2.0")), ("identifier", .string("Apache-2.0"))]))])),
            ("paths", .object(paths)),
            ("components", .object([
                ("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])),
                ("schemas", .object([("Problem", .object([
                    ("type", .string("object")), ("required", .array([.string("title"), .string("status")])),
                    ("properties", .object([("type", .object([("type", .string("string"))])), ("title", .object([("type", .string("string"))])),
                                            ("status", .object([("type", .string("integer"))])), ("detail", .object([("type", .string("string"))])),
                                            ("instance", .object([("type", .string("string"))]))])),
                ]))])),
            ])),
        ])
    }

    static let problemRef: JSON = .object([("description", .string("Problem details (RFC 9457)")),
                                           ("content", .object([("application/problem+json", .object([("schema", .object([("$ref", .string("#/components/schemas/Problem"))]))]))]))])

    static func parameter(_ p: ParameterSpec) -> JSON {
        .object([("name", .string(p.name)), ("in", .string("query")), ("required", .bool(p.required)),
                 ("description", .string(p.description)), ("schema", p.schema)])
    }

    static func mediaType(_ a: Answer) -> String {
        switch a {
        case .html: return "text/html"
        default: return "application/json"
        }
    }

    static func schema(_ a: Answer) -> JSON {
        switch a {
        case .list:
            return .object([("type", .string("object")),
                            ("required", .array(["items", "total", "limit", "offset", "next"].map { .string($0) })),
                            ("properties", .object([("items", .object([("type", .string("array")), ("items", .object([("type", .string("object"))]))])),
                                                    ("total", .object([("type", .string("integer")), ("minimum", .int(0))])),
                                                    ("limit", .object([("type", .string("integer"))])),
                                                    ("offset", .object([("type", .string("integer"))])),
                                                    ("next", .object([("type", .array([.string("string"), .string("null")]))]))]))])
        case .array: return .object([("type", .string("array")), ("items", .object([("type", .string("object"))]))])
        case .health:
            return .object([("type", .string("object")), ("required", .array([.string("status")])),
                            ("properties", .object([("status", .object([("type", .string("string"))]))]))])
        case .object, .openapi: return .object([("type", .string("object"))])
        case .html: return .object([("type", .string("string"))])
        }
    }

    static func operationID(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "api" && $0 != "v1" }
            .map { $0.replacingOccurrences(of: "{id}", with: "ById").replacingOccurrences(of: ".json", with: "") }
        return "get" + parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
