import Foundation

/// Job titles reduced to a clustering key: lower-cased words, cut at the first qualifier (`(`, `|`, `@`, `,`,
/// `:`, a free-standing dash, ` in `, ` at `), without seniority, contract and gender markers.
/// `Senior MLOps Engineer (m/w/d)` and `MLOps engineer - Berlin` both give `mlops engineer`. Pure; O(title length).
public enum TitleNormalizer {
    /// Words dropped anywhere in a title (seniority, contract, gender markers).
    static let dropped: Set<String> = [
        "senior", "junior", "sr", "jr", "lead", "principal", "staff", "mid", "middle", "midlevel", "level", "entry",
        "intern", "internship", "trainee", "werkstudent", "praktikant", "remote", "freelance", "freelancer",
        "contract", "contractor", "permanent", "fulltime", "parttime", "full", "part", "time", "m", "w", "d", "f",
        "x", "h", "i", "ii", "iii", "iv", "experienced", "expert", "new", "urgent", "hiring", "wanted",
    ]
    /// Prefixes removed from CJK titles (seniority, internship, contract).
    static let droppedCJK = ["高级", "资深", "初级", "中级", "实习", "兼职", "全职", "急招", "招聘"]
    static let cutWords: Set<String> = ["in", "at", "for", "bei", "für", "in:", "wanted"]

    /// The clustering key of a title; nil when nothing is left.
    public static func key(_ title: String) -> String? {
        var words: [String] = []
        var current = ""
        var cut = false
        func flush() {
            guard !current.isEmpty else { return }
            if cutWords.contains(current), !words.isEmpty { cut = true }
            if !cut, !dropped.contains(current), !current.allSatisfy({ $0.isNumber }) { words.append(current) }
            current = ""
        }
        let lowered = title.lowercased()
        let scalars = Array(lowered.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            if cut { break }
            if isCJK(u) {
                flush()
                // Consecutive CJK characters form one word.
                if let last = words.last, let l = last.unicodeScalars.last, isCJK(l), i > 0, isCJK(scalars[i - 1]) {
                    words[words.count - 1].unicodeScalars.append(u)
                } else {
                    words.append(String(u))
                }
            } else if u.properties.isAlphabetic || u.properties.numericType != nil || u == "+" || u == "#" || u == "." {
                current.unicodeScalars.append(u)
            } else {
                flush()
                let isFreeDash = (u == "-" || u == "–" || u == "—")
                    && (i == 0 || scalars[i - 1] == " " || i + 1 == scalars.count || scalars[i + 1] == " ")
                if "(|@,:[（【".unicodeScalars.contains(u) || isFreeDash, !words.isEmpty { cut = true }
            }
        }
        flush()
        words = words.map { w in
            var w = w.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if let f = w.unicodeScalars.first, isCJK(f) {
                for p in droppedCJK where w.hasPrefix(p) && w.count > p.count { w.removeFirst(p.count) }
            }
            return w
        }.filter { !$0.isEmpty && !dropped.contains($0) }
        guard !words.isEmpty else { return nil }
        return words.prefix(6).joined(separator: " ")
    }

    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
