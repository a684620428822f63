/// A record that could not be read: where, and why. Readers produce it; the store keeps it (`quarantine`).
public struct QuarantinedRecord: Sendable, Hashable, Codable {
    public var sourcePath: String
    public var line: Int
    public var offset: Int
    public var reason: String
    /// At most 200 characters of the record.
    public var excerpt: String

    public init(sourcePath: String, line: Int, offset: Int, reason: String, excerpt: String) {
        self.sourcePath = sourcePath
        self.line = line
        self.offset = offset
        self.reason = reason
        self.excerpt = excerpt
    }
}

