import Foundation
import XCTest
@testable import SkillServe

/// The pieces of the service that need no server: query decoding, parameter checks, keys, the cache, the
/// OpenAPI document against the route table.
final class ServeUnitTests: XCTestCase {
    func testQueryDecodingAndParameterChecks() throws {
        XCTAssertEqual(try HTTPSupport.queryPairs("q=deep+learning&region=S%C3%A3o%20Paulo&x=").map { "\($0.0)=\($0.1)" },
                       ["q=deep learning", "region=São Paulo", "x="])
        XCTAssertThrowsError(try HTTPSupport.queryPairs("region=%ZZ"))
        let q = try Parameters(query: [("limit", "7"), ("window", "2019..2020-06"), ("all", "yes")],
                               allowed: ["limit", "offset", "window", "all"])
        XCTAssertEqual(try q.page().limit, 7)
        XCTAssertEqual(try q.window("window")?.description, "2019-01..2020-06")
        XCTAssertTrue(try q.bool("all"))
        XCTAssertThrowsError(try Parameters(query: [("limt", "7")], allowed: ["limit"]))
        XCTAssertThrowsError(try Parameters(query: [("limit", "7"), ("limit", "8")], allowed: ["limit"]))
        XCTAssertThrowsError(try Parameters(query: [("limit", "501")], allowed: ["limit"]).page())
        XCTAssertThrowsError(try Parameters(query: [("window", "2020-13")], allowed: ["window"]).window("window"))
        XCTAssertEqual(Page(limit: 2, offset: 3).slice([1, 2, 3, 4, 5, 6]), [4, 5])
        XCTAssertEqual(Page(limit: 2, offset: 9).slice([1, 2, 3]), [])
    }

    func testKeysAreStoredSaltedAndVerifiedByValue() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var keys = try APIKeys(path: path)
        let a = try keys.add(name: "college-a"), b = try keys.add(name: "college-b")
        XCTAssertNotEqual(a, b)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertFalse(text.contains(a) || text.contains(b), "keys are not stored")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let reread = try APIKeys(path: path)
        XCTAssertEqual(reread.verify(a), "college-a")
        XCTAssertEqual(reread.verify(b), "college-b")
        XCTAssertNil(reread.verify(a + "x"))
        XCTAssertNil(reread.verify(""))
        XCTAssertThrowsError(try keys.add(name: "college-a"), "names are unique")
        XCTAssertThrowsError(try keys.add(name: "bad name"))
    }

    func testCacheEvictsTheOldestFirstWithinItsBudget() {
        let c = ResponseCache(maxEntries: 3, maxBytes: 1 << 20)
        for i in 0..<5 {
            c.put("k\(i)", CachedResponse(status: 200, contentType: "x", body: [UInt8(i)], etag: "\"\(i)\"", lastModified: nil))
        }
        XCTAssertNil(c.get("k0"))
        XCTAssertNil(c.get("k1"))
        XCTAssertEqual(c.get("k4")?.body, [4])
        XCTAssertEqual(ResponseCache.key(path: "/a", query: [("b", "2"), ("a", "1")], stamp: "s"),
                       ResponseCache.key(path: "/a", query: [("a", "1"), ("b", "2")], stamp: "s"))
        XCTAssertNotEqual(ResponseCache.etag(for: "s1 /a?"), ResponseCache.etag(for: "s2 /a?"))
    }

    func testOpenAPIDocumentsEveryRouteAndEveryParameterTheHandlersAccept() throws {
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(OpenAPI.document(maxUploadBytes: 1).rendered.utf8))
                                as? [String: Any])
        let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
        for r in Routes.api {
            let get = try XCTUnwrap(paths[r.path]?["get"] as? [String: Any], r.path)
            let names = Set(((get["parameters"] as? [[String: Any]]) ?? []).compactMap { p in
                (p["in"] as? String) == "query" ? p["name"] as? String : nil })
            XCTAssertEqual(names, r.names, r.path)
        }
        XCTAssertEqual(Set(paths.keys), Set(Routes.api.map(\.path) + ["/api/v1/supply"]), "the document lists the API and nothing else")
        XCTAssertNotNil(paths["/api/v1/supply"]?["post"])
    }
}
