import Foundation
import XCTest

/// The JSON API's contract on the shipped sample: every documented endpoint answers, lists paginate, parameters
/// are checked, errors are problem details, answers are cached under an ETag keyed on the latest run, uploads
/// need a key. One server for the class.
final class ServeAPITests: XCTestCase {
    nonisolated(unsafe) static var server: ServeHarness?

    override class func setUp() {
        super.setUp()
        server = try? ServeHarness(maxUpload: 64 * 1024)
    }

    override class func tearDown() {
        if let s = server {
            let (status, output) = s.stop()
            // SIGTERM stops it cleanly.
            XCTAssertEqual(status, 0, output)
            XCTAssertTrue(output.contains("stopped"), output)
        }
        server = nil
        super.tearDown()
    }

    func harness() throws -> ServeHarness {
        guard let s = Self.server else { throw XCTSkip("the server did not start (see the output of a failing test)") }
        return s
    }

    func testServerStartsThroughTheCLI() throws {
        if Self.server == nil { _ = try ServeHarness() } // rethrows the start-up error with the server's output
    }

    func testHealthAndEveryDocumentedEndpointAnswers() async throws {
        let s = try harness()
        let health = try await s.request("/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(try health.object()["status"] as? String, "ok")
        let doc = try await s.request("/api/v1/openapi.json")
        XCTAssertEqual(doc.status, 200)
        let spec = try doc.object()
        XCTAssertEqual(spec["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(spec["paths"] as? [String: Any])
        for p in ["/api/v1/skills", "/api/v1/skills/{id}", "/api/v1/emerging", "/api/v1/gaps", "/api/v1/gaps/programmes/{id}",
                  "/api/v1/gaps/occupations/{id}", "/api/v1/regions", "/api/v1/programmes", "/api/v1/runs", "/api/v1/postings",
                  "/api/v1/supply", "/healthz"] {
            XCTAssertNotNil(paths[p], "\(p) is not documented")
        }
        // Real ids for the path parameters, from the API itself.
        let top = try await s.request("/api/v1/skills?limit=1").object()
        let skill = try XCTUnwrap(((top["items"] as? [[String: Any]])?.first?["concept_id"]) as? String)
        let drill = try await s.request("/api/v1/postings?skill=" + escape(skill) + "&limit=1").object()
        let posting = try XCTUnwrap(((drill["items"] as? [[String: Any]])?.first?["posting_id"]) as? Int)
        let ids = ["/api/v1/skills/{id}": skill, "/api/v1/gaps/programmes/{id}": "pr-001", "/api/v1/postings/{id}": String(posting),
                   "/api/v1/gaps/occupations/{id}": "software developer"]
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            guard let ops = item as? [String: Any], let get = ops["get"] as? [String: Any] else { continue }
            var url = path.replacingOccurrences(of: "{id}", with: escape(ids[path] ?? ""))
            let required = ((get["parameters"] as? [[String: Any]]) ?? []).filter { ($0["required"] as? Bool) == true && ($0["in"] as? String) == "query" }
            if !required.isEmpty {
                url += "?" + required.map { "\($0["name"]!)=" + (($0["name"] as? String) == "skill" ? escape(skill) : "py") }.joined(separator: "&")
            }
            let r = try await s.request(url)
            let documented = Set(((get["responses"] as? [String: Any]) ?? [:]).keys)
            XCTAssertTrue(documented.contains(String(r.status)), "\(url): \(r.status) is not a documented answer: \(r.text.prefix(300))")
            if path == "/api/v1/gaps/occupations/{id}" {
                XCTAssertTrue([200, 404, 422].contains(r.status), "\(url): \(r.status) \(r.text.prefix(300))") // needs ESCO relations
            } else {
                XCTAssertEqual(r.status, 200, "\(url): \(r.text.prefix(300))")
            }
        }
    }

    func testListsPaginateAndLinkTheNextPage() async throws {
        let s = try harness()
        let first = try await s.request("/api/v1/skills?limit=5").object()
        let items = try XCTUnwrap(first["items"] as? [[String: Any]])
        XCTAssertEqual(items.count, 5)
        let total = try XCTUnwrap(first["total"] as? Int)
        XCTAssertGreaterThan(total, 5)
        let next = try XCTUnwrap(first["next"] as? String)
        let second = try await s.request(next).object()
        let more = try XCTUnwrap(second["items"] as? [[String: Any]])
        XCTAssertEqual(second["offset"] as? Int, 5)
        XCTAssertTrue(Set(items.compactMap { $0["concept_id"] as? String }).isDisjoint(with: more.compactMap { $0["concept_id"] as? String }))
        // Postings are sorted by demand.
        let counts = items.compactMap { $0["postings"] as? Int }
        XCTAssertEqual(counts, counts.sorted(by: >))
        let last = try await s.request("/api/v1/skills?limit=5&offset=\(total - 1)").object()
        XCTAssertEqual((last["items"] as? [Any])?.count, 1)
        XCTAssertTrue(last["next"] is NSNull)
    }

    func testErrorsAreProblemDetails() async throws {
        let s = try harness()
        let cases: [(String, String, Int)] = [
            ("GET", "/api/v1/skills?limit=0", 400), ("GET", "/api/v1/skills?limit=abc", 400),
            ("GET", "/api/v1/skills?colour=red", 400), ("GET", "/api/v1/skills?window=2020-13", 400),
            ("GET", "/api/v1/skills?limit=1&limit=2", 400),
            ("GET", "/api/v1/gaps?rank=best", 400), ("GET", "/api/v1/postings", 400), ("GET", "/api/v1/postings/abc", 400),
            ("GET", "/api/v1/skills/no-such-skill-anywhere", 404), ("GET", "/api/v1/postings/999999999", 404),
            ("GET", "/api/v1/gaps/programmes/no-such-programme", 404), ("GET", "/api/v1/nothing-here", 404),
            ("GET", "/api/v1/skills?region=Atlantis%20Prime", 422), ("DELETE", "/api/v1/skills", 405), ("PUT", "/api/v1/gaps", 405),
            ("GET", "/api/v1/supply", 405),
        ]
        for (method, path, status) in cases {
            let r = try await s.request(path, method: method)
            XCTAssertEqual(r.status, status, "\(method) \(path): \(r.text.prefix(300))")
            XCTAssertEqual(r.header("Content-Type"), "application/problem+json", "\(method) \(path)")
            let p = try r.object()
            XCTAssertEqual(p["status"] as? Int, status)
            XCTAssertFalse((p["title"] as? String ?? "").isEmpty)
            XCTAssertFalse((p["detail"] as? String ?? "").isEmpty, "\(path): a problem says what is wrong")
            if status == 405 { XCTAssertNotNil(r.header("Allow"), path) }
        }
        // A misspelt skill gets a suggestion.
        let r = try await s.request("/api/v1/skills/Pythn")
        XCTAssertEqual(r.status, 404)
        XCTAssertTrue((try r.object()["detail"] as? String ?? "").contains("Python"), r.text)
    }

    func testAnswersAreCachedUnderAnETagUntilARunChangesTheStore() async throws {
        let s = try harness()
        let a = try await s.request("/api/v1/gaps?limit=3")
        XCTAssertEqual(a.status, 200)
        let etag = try XCTUnwrap(a.header("ETag"))
        XCTAssertNotNil(a.header("Last-Modified"))
        let b = try await s.request("/api/v1/gaps?limit=3")
        XCTAssertEqual(b.header("ETag"), etag)
        XCTAssertEqual(b.body, a.body)
        let c = try await s.request("/api/v1/gaps?limit=3", headers: ["If-None-Match": etag])
        XCTAssertEqual(c.status, 304)
        XCTAssertTrue(c.body.isEmpty)
        // The same question in another parameter order is the same answer.
        let d = try await s.request("/api/v1/skills?offset=0&limit=3"), e = try await s.request("/api/v1/skills?limit=3&offset=0")
        XCTAssertEqual(d.header("ETag"), e.header("ETag"))
        // A new run changes the stamp, so the ETag changes.
        let csv = "id,title,description\nnew-1,Cloud Operations,\"Learners run Kubernetes clusters and write Terraform.\"\n"
        let up = try await s.request("/api/v1/supply?name=etag-check", method: "POST",
                                     headers: ["Authorization": "Bearer " + s.key, "Content-Type": "text/csv"], body: Data(csv.utf8))
        XCTAssertEqual(up.status, 201, up.text)
        try await Task.sleep(nanoseconds: 400_000_000) // the stamp is read at most every 250 ms
        let f = try await s.request("/api/v1/gaps?limit=3", headers: ["If-None-Match": etag])
        XCTAssertEqual(f.status, 200)
        XCTAssertNotEqual(f.header("ETag"), etag)
    }

    func testUploadsNeedAKeyAndAreVersionedAndQuarantineBadRecords() async throws {
        let s = try harness()
        let csv = Data(("id,title,description\nup-1,Data Engineering with Apache Kafka,\"Streams with Kafka and Spark; SQL.\"\n"
                        + "up-2,Front-end Development,\"React, TypeScript and CSS.\"\n").utf8)
        let headers = ["Content-Type": "text/csv"]
        let none = try await s.request("/api/v1/supply?name=acme", method: "POST", headers: headers, body: csv)
        XCTAssertEqual(none.status, 401)
        XCTAssertNotNil(none.header("WWW-Authenticate"))
        let wrong = try await s.request("/api/v1/supply?name=acme", method: "POST",
                                        headers: headers.merging(["Authorization": "Bearer srk_not-a-key"]) { $1 }, body: csv)
        XCTAssertEqual(wrong.status, 401)
        let auth = headers.merging(["Authorization": "Bearer " + s.key]) { $1 }
        let ok = try await s.request("/api/v1/supply?name=acme", method: "POST", headers: auth, body: csv)
        XCTAssertEqual(ok.status, 201, ok.text)
        let o = try ok.object()
        XCTAssertEqual(o["version"] as? Int, 1)
        XCTAssertEqual(o["programmes_new"] as? Int, 2)
        let programmes = try XCTUnwrap(o["programmes"] as? [[String: Any]])
        let link = try XCTUnwrap(programmes.first?["gaps"] as? String)
        let gaps = try await s.request(link)
        XCTAssertEqual(gaps.status, 200, gaps.text)
        // Kafka is taught by the upload: it is not among the programme's gaps.
        XCTAssertFalse(gaps.text.contains("\"Apache Kafka\""), gaps.text)
        let again = try await s.request("/api/v1/supply?name=acme", method: "POST", headers: auth, body: csv)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(try again.object()["version"] as? Int, 2)
        XCTAssertEqual(try again.object()["already_present"] as? Int, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: s.db + ".uploads/acme/v1.csv"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: s.db + ".uploads/acme/v2.csv"))
        // A JSON array: the element that is not an object is quarantined with its line; the rest is stored.
        let json = Data(#"[{"id":"js-1","title":"Linux Administration","description":"Bash, systemd, Ansible."}, 42]"#.utf8)
        let mixed = try await s.request("/api/v1/supply?name=json-cat", method: "POST",
                                        headers: ["Authorization": "Bearer " + s.key, "Content-Type": "application/json"], body: json)
        XCTAssertEqual(mixed.status, 201, mixed.text)
        let q = try XCTUnwrap(try mixed.object()["quarantined"] as? [[String: Any]])
        XCTAssertEqual(q.count, 1)
        XCTAssertEqual(q.first?["line"] as? Int, 2)
        // Nothing usable: 422 with the quarantined records.
        let bad = try await s.request("/api/v1/supply?name=broken", method: "POST", headers: auth, body: Data("id,title\n\"open,x\n".utf8))
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertNotNil(try bad.object()["quarantined"] as? [Any])
        // Too large (this server allows 64 KiB), a bad name, an unknown media type.
        let big = try await s.request("/api/v1/supply?name=big", method: "POST", headers: auth,
                                      body: Data(repeating: UInt8(ascii: "a"), count: 70 * 1024))
        XCTAssertEqual(big.status, 413, big.text)
        let name = try await s.request("/api/v1/supply?name=../etc", method: "POST", headers: auth, body: csv)
        XCTAssertEqual(name.status, 400, name.text)
        let media = try await s.request("/api/v1/supply?name=x", method: "POST",
                                        headers: ["Authorization": "Bearer " + s.key, "Content-Type": "image/png"], body: csv)
        XCTAssertEqual(media.status, 415, media.text)
    }

    func testPostingDetailMarksItsMatches() async throws {
        let s = try harness()
        let top = try await s.request("/api/v1/skills?limit=1").object()
        let skill = try XCTUnwrap(((top["items"] as? [[String: Any]])?.first?["concept_id"]) as? String)
        let drill = try await s.request("/api/v1/postings?skill=" + escape(skill) + "&limit=3").object()
        let rows = try XCTUnwrap(drill["items"] as? [[String: Any]])
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let href = try XCTUnwrap(row["href"] as? String)
            let d = try await s.request(href).object()
            let text = try XCTUnwrap(d["text"] as? String)
            let matches = try XCTUnwrap(d["matches"] as? [[String: Any]])
            XCTAssertTrue(matches.contains { $0["concept_id"] as? String == skill })
            let scalars = Array(text.unicodeScalars)
            for m in matches {
                let start = try XCTUnwrap(m["start"] as? Int), end = try XCTUnwrap(m["end"] as? Int)
                var v = String.UnicodeScalarView()
                v.append(contentsOf: scalars[start..<end])
                // The span is the matched text (case and spacing as written).
                XCTAssertEqual(String(v), m["matched"] as? String)
            }
        }
    }
}
