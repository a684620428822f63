import Foundation
import SkillIO

extension RoleEvaluation {
    /// The evaluation as `occupations roles --evaluate` prints it: totals with precision and recall (three
    /// decimals), one line per source (sorted), then the first `misses` misses, two lines each.
    public func reportLines(misses shown: Int) -> [String] {
        var out = ["role gold: \(headers) headers, \(goldRoles) gold roles; precision \(formatFixed(precision, 3)) "
                   + "(\(correct) of \(predicted)), recall \(formatFixed(recall, 3)) (\(found))"]
        for (s, v) in bySource.sorted(by: { $0.key < $1.key }) {
            let p = v.predicted == 0 ? 0 : Double(v.correct) / Double(v.predicted)
            let r = v.gold == 0 ? 0 : Double(v.found) / Double(v.gold)
            out.append("  " + formatPadded(s, width: 18, leftAligned: true)
                       + " P \(formatFixed(p, 3)) (\(v.correct)/\(v.predicted))  R \(formatFixed(r, 3)) (\(v.found)/\(v.gold))")
        }
        for m in misses.prefix(shown) {
            let header = m.row.text.replacingOccurrences(of: "\n", with: " ⏎ ").prefix(120)
            out.append("line \(m.row.line) [\(m.row.source)] title: \(m.row.title.prefix(80)) | header: \(header)")
            out.append("    gold \(m.row.roles) got \(m.predicted.map { "\($0.phrase) [\($0.evidence)]" }); "
                       + "missing \(m.missing) wrong \(m.wrong)")
        }
        return out
    }
}

extension RoleExtractor {
    /// A header line and the roles it advertises, one indented line each (`no role` when none), as
    /// `occupations roles` prints them.
    public func describe(header: String) -> [String] {
        let found = roles(title: "", text: header)
        return [header] + (found.isEmpty ? ["  no role"] : found.map { "  \($0.phrase)  (key: \($0.key); \($0.evidence))" })
    }
}
