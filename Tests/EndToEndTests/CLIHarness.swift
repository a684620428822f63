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
    static func run(_ args: [String], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
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

    /// A fresh temporary directory.
    static func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("skillradar-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
