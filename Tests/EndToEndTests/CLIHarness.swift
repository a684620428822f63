import Foundation
import XCTest

/// Runs the built `skillradar` binary the way a user does and captures what it prints.
enum CLI {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data` beside the checkout, or `$SKILLRADAR_SHARED_DATA`; nil when absent.
    static var sharedData: URL? {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let candidate = env ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Skips the calling test, with a printed reason, when the shared data is absent.
    static func requireSharedData(_ file: String = #file) throws -> URL {
        guard let d = sharedData else {
            print("SKIP: ../shared/data is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("../shared/data is absent")
        }
        return d
    }

    static var binary: URL {
        Bundle.main.bundleURL.appendingPathComponent("skillradar")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `skillradar args...` in the package root, feeding `stdin` if given.
    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        p.currentDirectoryURL = root
        // Output goes to temporary files, so a chatty command can never block on a full pipe.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The output of the `sqlite3` shell on `db` for `sql`, trimmed.
    static func sqlite(_ db: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh temporary directory.
    /// Analyzes the pythonjobs JSON Lines corpus of ../shared (its `location` as the region) into `dir`/pj.sqlite;
    /// returns the database path and the run's output. Skips when ../shared is absent.
    static func analyzePythonJobs(into dir: URL) throws -> (db: String, run: Result) {
        let data = try requireSharedData()
        let db = dir.appendingPathComponent("pj.sqlite").path
        let input = data.appendingPathComponent("postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz").path
        return (db, try run(["analyze", input, "--db", db, "--map", "region=location", "--quiet"]))
    }

    static func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("skillradar-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Plants near-duplicates in a generated JSONL corpus: a copy of every `every`-th posting, with one word
    /// of its description replaced, inserted `offset` lines later (so it lands in a later batch). Copies
    /// alternate between the original's date (a near-duplicate) and 5 days later (a repost: same title and
    /// employer). Returns (copy id, original id, expected kind) for each copy.
    /// With `copiesTo`, the copies go to that file instead and `path` is left as it is.
    static func plantNearDuplicates(in path: String, every: Int, offset: Int,
                                    copiesTo: String? = nil) throws -> [(String, String, String)] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var inserts: [Int: [String]] = [:]
        var planted: [(String, String, String)] = []
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        for (i, line) in lines.enumerated() where i % every == 0 {
            guard var o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = o["id"] as? String, let text = o["description"] as? String,
                  let date = o["date"] as? String, let d = day.date(from: String(date.prefix(10))) else { continue }
            var words = text.split(separator: " ").map(String.init)
            guard words.count > 100 else { continue }
            words[words.count / 2] = "zzplanted"
            o["id"] = id + "-copy"
            o["description"] = words.joined(separator: " ")
            let repost = planted.count % 2 == 1
            if repost { o["date"] = day.string(from: d.addingTimeInterval(5 * 86_400)) }
            let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
            inserts[min(i + offset, lines.count - 1), default: []].append(String(decoding: data, as: UTF8.self))
            planted.append((id + "-copy", id, repost ? "repost" : "near"))
        }
        if let copiesTo {
            let copies = inserts.keys.sorted().flatMap { inserts[$0] ?? [] }
            try (copies.joined(separator: "\n") + "\n").write(toFile: copiesTo, atomically: true, encoding: .utf8)
            return planted
        }
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            out.append(line)
            out += inserts[i] ?? []
        }
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return planted
    }
}
