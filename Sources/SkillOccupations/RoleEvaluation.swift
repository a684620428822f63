import Foundation

/// Scores a ``RoleExtractor`` against the role gold (Tests/fixtures/roles/role-gold.tsv): a predicted role is right
/// when its key (``RoleKey``) equals the key of a gold role of the same header.
public struct RoleEvaluation: Sendable {
    public struct Row: Sendable {
        public var source: String
        public var title: String
        /// The header's text lines (` ⏎ ` in the file).
        public var text: String
        public var roles: [String]
        /// The posting's employer field as stored (empty when the input has none): the product path extracts
        /// roles with it (``RoleExtractor/roles(title:text:employer:)``).
        public var employer: String
        public var line: Int
    }

    public struct Miss: Sendable {
        public var row: Row
        public var predicted: [ExtractedRole]
        public var missing: [String]
        public var wrong: [String]
    }

    public var headers = 0
    public var goldRoles = 0
    public var predicted = 0
    public var correct = 0
    public var found = 0
    public var misses: [Miss] = []
    public var bySource: [String: (predicted: Int, correct: Int, gold: Int, found: Int)] = [:]

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { goldRoles == 0 ? 0 : Double(found) / Double(goldRoles) }

    public static func parse(_ tsv: String) throws -> [Row] {
        var out: [Row] = []
        for (n, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n > 0 {
            if line.isEmpty { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5 else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "role gold line \(n + 1): expected 6 columns"])
            }
            out.append(Row(source: f[0], title: f[2], text: f[3].replacingOccurrences(of: " ⏎ ", with: "\n"),
                           roles: f[4].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                               .filter { !$0.isEmpty },
                           employer: f.count >= 7 ? f[6].trimmingCharacters(in: .whitespaces) : "", line: n + 1))
        }
        return out
    }

    public init(gold: [Row], extractor: RoleExtractor) {
        for row in gold {
            headers += 1
            let got = extractor.roles(title: row.title, text: row.text, employer: row.employer.isEmpty ? nil : row.employer)
            var goldKeys: [String] = []
            for r in row.roles { if let k = RoleKey.key(r), !goldKeys.contains(k) { goldKeys.append(k) } }
            let gotKeys = got.map(\.key)
            let right = gotKeys.filter(goldKeys.contains)
            let foundHere = goldKeys.filter(gotKeys.contains)
            goldRoles += goldKeys.count
            predicted += gotKeys.count
            correct += right.count
            found += foundHere.count
            var s = bySource[row.source] ?? (0, 0, 0, 0)
            s.predicted += gotKeys.count
            s.correct += right.count
            s.gold += goldKeys.count
            s.found += foundHere.count
            bySource[row.source] = s
            let missing = goldKeys.filter { !gotKeys.contains($0) }, wrong = gotKeys.filter { !goldKeys.contains($0) }
            if !missing.isEmpty || !wrong.isEmpty {
                misses.append(Miss(row: row, predicted: got, missing: missing, wrong: wrong))
            }
        }
    }
}
