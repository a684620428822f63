import Foundation
import XCTest
@testable import SkillOccupations

/// Paths shared by the occupation tests.
enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data` beside the checkout, or `$SKILLRADAR_SHARED_DATA`; skips the test when absent.
    static func sharedData() throws -> String {
        let env = ProcessInfo.processInfo.environment["SKILLRADAR_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let d = env ?? root.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: d.appendingPathComponent("taxonomy/esco").path) else {
            print("SKIP: ../shared/data is absent (fresh clone); set SKILLRADAR_SHARED_DATA to run this test")
            throw XCTSkip("../shared/data is absent")
        }
        return d.path
    }

    static func temp(_ name: String, _ content: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("occ-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let u = dir.appendingPathComponent(name)
        try content.write(to: u, atomically: true, encoding: .utf8)
        return u.path
    }
}

/// Catalogs loaded once per test process (loading all files takes seconds).
enum Shared {
    nonisolated(unsafe) private static var cache: [String: OccupationCatalog] = [:]
    private static let lock = NSLock()

    static func catalog(languages: [String], onet: Bool, skills: Bool) throws -> OccupationCatalog {
        let data = try Paths.sharedData()
        let key = "\(languages)|\(onet)|\(skills)"
        lock.lock()
        defer { lock.unlock() }
        if let c = cache[key] { return c }
        let (c, _) = try OccupationCatalogLoader.load(
            dataDirectory: data, options: .init(languages: languages, includeONET: onet, includeSkills: skills))
        cache[key] = c
        return c
    }

    /// ESCO's software developer (ISCO-08 2512).
    static let softwareDeveloper = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
}
