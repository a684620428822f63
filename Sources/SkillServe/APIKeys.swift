import Foundation
import SkillIO

/// Upload keys: a file of `name<TAB>salt<TAB>sha256(salt + key)<TAB>created` lines (hex), written with mode
/// 0600. A key is shown once, when added; the file holds only salted hashes.
public struct APIKeys: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        var salt: String
        var hash: String
        public var created: String
    }

    public let path: String
    public private(set) var entries: [Entry]

    /// Reads `path` (a missing file has no keys).
    public init(path: String) throws {
        self.path = path
        entries = []
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServeError("cannot read the keys file \(path)")
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.isEmpty || l.hasPrefix("#") { continue }
            let f = l.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, f[1].count == 32, f[2].count == 64 else {
                throw ServeError("\(path):\(i + 1): not a key line (name, salt, hash, created; tab-separated)")
            }
            entries.append(Entry(name: f[0], salt: f[1], hash: f[2], created: f.count > 3 ? f[3] : ""))
        }
    }

    /// The name of the key `key`, or nil when it is not a valid key. Every entry is checked, in constant time each.
    public func verify(_ key: String) -> String? {
        var found: String?
        for e in entries {
            let h = SHA256.hex(e.salt + key)
            var diff: UInt8 = 0
            for (a, b) in zip(h.utf8, e.hash.utf8) { diff |= a ^ b }
            if diff == 0, h.utf8.count == e.hash.utf8.count, found == nil { found = e.name }
        }
        return found
    }

    /// Adds a key named `name` to the file and returns it (the only time it is shown).
    public mutating func add(name: String, now: Date = Date()) throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ServeError("a key name is letters, digits, '-', '_' or '.', got '\(name)'")
        }
        guard !entries.contains(where: { $0.name == name }) else { throw ServeError("a key named '\(name)' exists in \(path)") }
        var rng = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let key = "srk_" + Self.base64url(secret)
        let salt = String(SHA256.hex((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }).prefix(32))
        let created = ISO8601DateFormatter().string(from: now)
        let entry = Entry(name: name, salt: salt, hash: SHA256.hex(salt + key), created: created)
        var text = FileManager.default.fileExists(atPath: path)
            ? ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            : "# skillradar upload keys: name, salt, sha256(salt + key), created (keys themselves are not stored)\n"
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += [entry.name, entry.salt, entry.hash, entry.created].joined(separator: "\t") + "\n"
        let tmp = path + ".tmp"
        // Written beside and renamed over: a reader sees the old file or the new one, never half of it.
        guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]),
              rename(tmp, path) == 0
        else { throw ServeError("cannot write the keys file \(path)") }
        entries.append(entry)
        return key
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// A service error for the user (start-up, keys file).
public struct ServeError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}
