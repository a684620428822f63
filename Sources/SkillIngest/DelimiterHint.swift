import Foundation

/// A hint for a CSV or TSV input whose records were all quarantined: the delimiter its header line most likely
/// uses, when that is not the one the input was read with ("sniffing" the first line).
public enum DelimiterHint {
    static let candidates: [(UInt8, String)] = [(44, ","), (59, ";"), (9, "tab"), (124, "|")]

    /// `try --delimiter ';' (the first line has 6 ';' and no ',')`, or nil when the first line does not suggest
    /// another delimiter (or the file is not CSV/TSV or cannot be read).
    public static func suggest(path: String, format: String, given: UInt8?) -> String? {
        guard format == "csv" || format == "tsv", !path.hasSuffix(".gz"),
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
        return suggest(firstLine: Array(head.prefix { $0 != 10 && $0 != 13 }),
                       used: given ?? (format == "tsv" ? 9 : 44))
    }

    /// The hint for a header line read with delimiter `used`.
    public static func suggest(firstLine: [UInt8], used: UInt8) -> String? {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for b in firstLine {
            if b == 34 { quoted.toggle() } else if !quoted { counts[b, default: 0] += 1 }
        }
        guard let best = candidates.max(by: { (counts[$0.0] ?? 0) < (counts[$1.0] ?? 0) }),
              best.0 != used, counts[best.0] ?? 0 > 0, counts[best.0] ?? 0 > 2 * (counts[used] ?? 0) else { return nil }
        let usedName = candidates.first { $0.0 == used }?.1 ?? String(UnicodeScalar(used))
        let flag = best.1 == "tab" ? "tab" : "'\(best.1)'"
        return "try --delimiter \(flag) (the first line has \(counts[best.0] ?? 0) \(best.1 == "tab" ? "tabs" : "'\(best.1)'") "
            + "and \(counts[used] ?? 0) '\(usedName)')"
    }
}
