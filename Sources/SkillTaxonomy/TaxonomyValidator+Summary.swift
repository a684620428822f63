import Foundation

extension TaxonomyValidator {
    /// Reads the common-word list at `path` when the file exists; false (and nothing read) when it does not.
    public mutating func loadCommonWordsIfPresent(_ path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        try loadCommonWords(path)
        return true
    }
}

/// The issues of one validation as `taxonomy validate` reports them: at most `limit` issues of each code (in the
/// validator's order), a count per severity and code (sorted), then the totals. O(issues log issues).
public struct TaxonomyValidationSummary: Sendable {
    public var errors: Int
    public var warnings: Int
    public var lines: [String]

    public init(issues: [TaxonomyIssue], directory: String, limit: Int) {
        lines = []
        var shown: [String: Int] = [:]
        for i in issues {
            shown[i.code, default: 0] += 1
            if shown[i.code, default: 0] <= limit { lines.append(i.description) }
        }
        errors = issues.filter { $0.severity == .error }.count
        warnings = issues.count - errors
        let byCode = Dictionary(grouping: issues, by: { "\($0.severity.rawValue) \($0.code)" }).mapValues(\.count)
        for (k, n) in byCode.sorted(by: { $0.key < $1.key }) { lines.append("\(k): \(n)") }
        lines.append("\(directory): \(errors) errors, \(warnings) warnings")
    }

    /// Whether the validation fails: any error, or with `strict` any warning.
    public func fails(strict: Bool) -> Bool { errors > 0 || (strict && warnings > 0) }
}
