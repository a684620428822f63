import Foundation
import XCTest

/// The cluster path of duplicate detection (deploy/spark) without Spark: parts scanned with `--keys`, a similarity
/// plan made from the keys the way the Spark job makes it (records sharing a band key, their shingle-set classes,
/// class pairs verified by `skillradar similar`), then `merge --similar PLAN`. The store must equal `analyze`'s,
/// every duplicate link, kind and similarity included; plans that do not fit the parts or the store are refused.
final class SimilarityPlanTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws { tmp = try CLI.tempDir() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func path(_ name: String) -> String { tmp.appendingPathComponent(name).path }

    /// The plan for `keys` (the keys files of the parts, in merge order), made by brute force: every pair of
    /// classes that share a band key is verified. Returns the plan's lines and the records that share a band key.
    func makePlan(keys: [String]) throws -> (lines: [String], colliding: [Int]) {
        var seq = 0
        var header: [String: Any] = [:]
        var files: [String: Any] = [:]
        var byBand: [Int64: [(seq: Int, cls: String)]] = [:]
        var refs: [String: (seq: Int, ref: [String: Any])] = [:]
        for k in keys {
            for line in try String(contentsOfFile: k, encoding: .utf8).split(separator: "\n") {
                let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                if let h = o["header"] as? [String: Any] { header = h }
                if let f = o["file"] as? [String: Any], let p = f["path"] as? String { files[p] = f }
                guard o["r"] != nil else { continue }
                let bands = (o["b"] as? [NSNumber] ?? []).map(\.int64Value), cls = o["s"] as? String ?? ""
                if !bands.isEmpty {
                    XCTAssertFalse(cls.isEmpty, "a record with band keys has a shingle-set digest")
                    for b in bands { byBand[b, default: []].append((seq, cls)) }
                    if refs[cls] == nil {
                        refs[cls] = (seq, ["c": cls, "path": o["path"]!, "pos": o["pos"]!, "h": o["h"]!, "t": o["t"]!])
                    }
                }
                seq += 1
            }
        }
        var colliding: [Int: String] = [:]
        var pairs = Set<[String]>()
        for (_, members) in byBand where members.count > 1 {
            for m in members { colliding[m.seq] = m.cls }
            let classes = Set(members.map(\.cls)).sorted()
            for i in classes.indices { for j in classes.indices where j > i { pairs.insert([classes[i], classes[j]]) } }
        }
        var work: [String] = []
        for f in files.values { work.append(try json(["file": f])) }
        for (_, r) in refs { work.append(try json(r.ref)) }
        for p in pairs.sorted(by: { $0.joined() < $1.joined() }) { work.append(try json(["p": p])) }
        let workFile = path("work.jsonl")
        try (work.joined(separator: "\n") + "\n").write(toFile: workFile, atomically: true, encoding: .utf8)
        let nd = try json(try XCTUnwrap(header["nearDuplicates"]))
        let s = try CLI.run(["similar", workFile, "--parameters", nd, "--tokenizer", try XCTUnwrap(header["tokenizer"] as? String)])
        XCTAssertEqual(s.status, 0, s.stderr)
        var lines = ["skillradar-similarity-plan 1 \(seq)"]
        lines += colliding.sorted { $0.key < $1.key }.map { "c \($0.key) \($0.value)" }
        lines += s.stdout.split(separator: "\n").map { "s " + $0.replacingOccurrences(of: "\t", with: " ") }
        XCTAssertGreaterThan(pairs.count, 0, "near-duplicate variants share band keys with their originals")
        return (lines, colliding.keys.sorted())
    }

    func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Keys lines are JSON whatever the title holds (quotes, backslashes, control characters, non-ASCII).
    func testKeysLinesAreJSON() throws {
        let input = path("odd \"name\".jsonl")
        let title = "C\\C++ \"senior\"\tdev\u{1}: Zürich 北京"
        let record = try json(["id": "1", "title": title, "text": String(repeating: "Python and SQL on AWS, every day. ", count: 20)])
        try (record + "\n" + record.replacingOccurrences(of: "\"1\"", with: "\"2\"") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let keys = path("odd.keys")
        let s = try CLI.run(["scan", input, "--out", path("odd.scan"), "--keys", keys, "--quiet"])
        XCTAssertEqual(s.status, 0, s.stderr)
        let lines = try String(contentsOfFile: keys, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 5, "header, file, two records, end")
        let objects = try lines.map { try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let records = objects.filter { $0["r"] != nil }
        XCTAssertEqual(records.map { $0["t"] as? String }, [title, title])
        XCTAssertEqual(records.map { $0["path"] as? String }, [input, input])
        XCTAssertEqual(records[0]["s"] as? String, records[1]["s"] as? String, "equal texts, equal classes")
        XCTAssertEqual((records[0]["b"] as? [NSNumber])?.count ?? 0, 14)
        XCTAssertEqual(objects.last?["records"] as? Int, 2)
    }

    func testMergeWithPlanStoresWhatAnalyzeStores() throws {
        let input = path("copies.jsonl")
        let g = try CLI.run(["generate", "--out", input, "--postings", "300", "--duplicates", "0.3", "--mean-bytes", "1500",
                             "--seed", "11"])
        XCTAssertEqual(g.status, 0, g.stderr)
        let analyzed = path("analyzed.sqlite")
        XCTAssertEqual(try CLI.run(["analyze", input, "--db", analyzed, "--quiet"]).status, 0)
        let near = Int(try CLI.sqlite(analyzed, "SELECT count(*) FROM postings WHERE duplicate_kind IN ('near', 'repost')")) ?? 0
        let exact = Int(try CLI.sqlite(analyzed, "SELECT count(*) FROM postings WHERE duplicate_kind = 'exact'")) ?? 0
        XCTAssertGreaterThan(near, 10, "planted copies with a letter changed are near-duplicates")
        XCTAssertGreaterThan(exact, 10, "planted copies are exact duplicates")
        // Two byte ranges, as a cluster cuts the file.
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: input)[.size] as? Int)
        var parts: [String] = [], keys: [String] = []
        for (k, range) in ["0-\(size / 2)", "\(size / 2)-"].enumerated() {
            parts.append(path("part\(k).scan"))
            keys.append(path("part\(k).keys"))
            let s = try CLI.run(["scan", input, "--range", range, "--out", parts[k], "--keys", keys[k], "--quiet"])
            XCTAssertEqual(s.status, 0, s.stderr)
        }
        let (plan, colliding) = try makePlan(keys: keys)
        let planFile = path("plan.txt")
        try (plan.joined(separator: "\n") + "\n").write(toFile: planFile, atomically: true, encoding: .utf8)
        let merged = path("merged.sqlite")
        let m = try CLI.run(["merge", "--db", merged, "--similar", planFile] + parts, environment: ["SKILLRADAR_PROFILE": "1"])
        XCTAssertEqual(m.status, 0, m.stderr)
        let expected = try ScanMergeTests.contents(analyzed), got = try ScanMergeTests.contents(merged)
        XCTAssertTrue(expected == got, "merge with a plan stored something else: " + ScanMergeTests.firstDifference(expected, got))
        let similarity = "SELECT id, printf('%.17g', similarity) FROM postings WHERE similarity IS NOT NULL ORDER BY id"
        XCTAssertEqual(try CLI.sqlite(analyzed, similarity), try CLI.sqlite(merged, similarity), "similarities to the last bit")

        // Refused: a store that already holds postings (the plan cannot cover them).
        let again = try CLI.run(["merge", "--db", merged, "--similar", planFile] + parts)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already holds"), again.stderr)
        // Refused: a plan made for other parts (another record count).
        func refuse(_ lines: [String], _ expect: String, line: UInt = #line) throws {
            let bad = path("bad-\(line).txt")
            try (lines.joined(separator: "\n") + "\n").write(toFile: bad, atomically: true, encoding: .utf8)
            let r = try CLI.run(["merge", "--db", path("bad-\(line).sqlite"), "--similar", bad] + parts)
            XCTAssertEqual(r.status, 1, line: line)
            XCTAssertTrue(r.stderr.contains(expect), r.stderr, line: line)
        }
        let records = try XCTUnwrap(Int(plan[0].split(separator: " ")[2]))
        try refuse(["skillradar-similarity-plan 1 \(records + 1)"] + plan.dropFirst(), "made for")
        // Refused: a plan that lacks a near-duplicate record (records are numbered from 0, posting ids from 1).
        let late = try XCTUnwrap(Int(try CLI.sqlite(analyzed, "SELECT max(id) - 1 FROM postings WHERE duplicate_kind IN ('near', 'repost')")))
        XCTAssertTrue(colliding.contains(late))
        try refuse(plan.filter { !$0.hasPrefix("c \(late) ") }, "no class for record")
        try refuse(["not a plan"], "is not a similarity plan")
        try refuse([plan[0], "s a b 1.5"], "not a similarity plan line")
    }
}
