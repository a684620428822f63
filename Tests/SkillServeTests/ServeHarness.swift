import Foundation
import XCTest
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A store built from the shipped sample and a `skillradar serve` process on an ephemeral port, started the way a
/// user starts it (through the `skillradar` CLI, which execs `skillradar-serve`).
final class ServeHarness: @unchecked Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binaries: URL { Bundle.main.bundleURL }

    let dir: URL
    let db: String
    let keys: String
    let key: String
    let process: Process
    let port: Int
    private let output: URL

    var base: String { "http://127.0.0.1:\(port)" }

    /// Builds the store (sample postings, sample programmes) and starts the server; `maxUpload` bytes per upload.
    init(maxUpload: Int = 10 << 20) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("skillradar-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = dir.appendingPathComponent("sample.sqlite").path
        keys = dir.appendingPathComponent("keys.tsv").path
        try Self.run(["analyze", "Corpora/sample/postings.jsonl", "--db", db, "--quiet"])
        try Self.run(["analyze", "--supply", "Corpora/sample/programmes.csv", "--db", db, "--quiet"])
        key = try Self.run(["serve", "keys", "add", "test-body", "--keys", keys]).trimmingCharacters(in: .whitespacesAndNewlines)
        output = dir.appendingPathComponent("serve.out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process = Process()
        process.executableURL = Self.binaries.appendingPathComponent("skillradar")
        process.arguments = ["serve", "--db", db, "--port", "0", "--keys", keys, "--max-upload", String(maxUpload)]
        process.currentDirectoryURL = Self.root
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var found: Int?
        for _ in 0..<600 where found == nil {
            Thread.sleep(forTimeInterval: 0.05)
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let r = text.range(of: "listening on http://127.0.0.1:") {
                found = Int(text[r.upperBound...].prefix { $0.isNumber })
            }
            if !process.isRunning { break }
        }
        guard let found else {
            throw NSError(domain: "serve", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "the server did not start: " + ((try? String(contentsOf: output, encoding: .utf8)) ?? "")])
        }
        port = found
    }

    /// Stops the server with SIGTERM; returns its exit status and everything it printed.
    func stop() -> (status: Int32, output: String) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: dir)
    }

    /// Runs `skillradar args...` in the package root; throws with its stderr when it fails.
    @discardableResult
    static func run(_ args: [String], binary: String = "skillradar") throws -> String {
        let p = Process()
        p.executableURL = binaries.appendingPathComponent(binary)
        p.arguments = args
        p.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "skillradar", code: Int(p.terminationStatus), userInfo: [NSLocalizedDescriptionKey:
                "skillradar \(args.joined(separator: " ")) failed: " + String(decoding: errData, as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> Any { try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
        func object() throws -> [String: Any] {
            guard let o = try json() as? [String: Any] else { throw NSError(domain: "json", code: 1) }
            return o
        }
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    func request(_ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> Reply {
        var r = URLRequest(url: URL(string: base + path)!)
        r.httpMethod = method
        for (k, v) in headers { r.setValue(v, forHTTPHeaderField: k) }
        r.httpBody = body
        r.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        let (data, response) = try await URLSession.shared.data(for: r)
        let http = response as! HTTPURLResponse
        var h: [String: String] = [:]
        for (k, v) in http.allHeaderFields { h[String(describing: k)] = String(describing: v) }
        return Reply(status: http.statusCode, headers: h, body: data)
    }
}

extension XCTestCase {
    /// A path or query value percent-encoded as the service's own links are.
    func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)!
    }
}
