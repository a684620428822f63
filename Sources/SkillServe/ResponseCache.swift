import Foundation
import SkillIO

/// A rendered response, as cached.
struct CachedResponse: Sendable {
    var status: Int
    var contentType: String
    var body: [UInt8]
    var etag: String
    var lastModified: String?
}

/// Responses of GET requests keyed on the normalized request (path and sorted query) and the store's change
/// stamp: a repeated query is answered without touching the store until a run changes it. Bounded by entries and
/// bytes; the oldest entries go first.
final class ResponseCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: CachedResponse] = [:]
    private var order: [String] = []
    private var head = 0
    private var bytes = 0
    let maxEntries: Int
    let maxBytes: Int
    private(set) var hits = 0
    private(set) var misses = 0

    init(maxEntries: Int = 4_096, maxBytes: Int = 128 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    /// The cache key of a request under a stamp.
    static func key(path: String, query: [(String, String)], stamp: String) -> String {
        let q = query.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
        return stamp + " " + path + "?" + q
    }

    /// A strong ETag for a key (the stamp is part of it).
    static func etag(for key: String) -> String {
        "\"" + SHA256.hex(key).prefix(24) + "\""
    }

    func get(_ key: String) -> CachedResponse? {
        lock.lock()
        defer { lock.unlock() }
        if let e = entries[key] {
            hits += 1
            return e
        }
        misses += 1
        return nil
    }

    func put(_ key: String, _ r: CachedResponse) {
        guard r.body.count <= maxBytes / 8 else { return }
        lock.lock()
        defer { lock.unlock() }
        if let old = entries.updateValue(r, forKey: key) {
            bytes -= old.body.count
        } else {
            order.append(key)
        }
        bytes += r.body.count
        while entries.count > maxEntries || bytes > maxBytes, head < order.count {
            if let gone = entries.removeValue(forKey: order[head]) { bytes -= gone.body.count }
            head += 1
        }
        if head > 4_096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
