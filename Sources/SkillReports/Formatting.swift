import Foundation
import SkillIO

/// Locale-independent number formatting shared by the HTML and Markdown reports (the CSV and JSON files
/// keep full precision instead). The digits are SkillIO's `formatFixed` / `formatScientific` (printf's `%.Nf`, `%.Ne`).
enum Formatting {
    /// A share in [0, 1] as a percentage with one decimal: `0.1234` → `12.3%`.
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "n/a" }
        return fixed(share * 100, decimals: 1) + "%"
    }

    /// A difference of shares in percentage points with an explicit sign: `0.05` → `+5.0 pp`.
    static func percentagePoints(_ difference: Double) -> String {
        guard difference.isFinite else { return "n/a" }
        let text = fixed(difference * 100, decimals: 1)
        return (text.hasPrefix("-") || text == "0.0" ? text : "+" + text) + " pp"
    }

    /// A ratio with two decimals; infinity is shown as `∞`.
    static func ratio(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        return fixed(value, decimals: 2)
    }

    /// A rate ratio with its 95 % confidence interval: `2.50 (1.40–4.47)`.
    static func ratioWithInterval(_ value: Double, low: Double, high: Double) -> String {
        "\(ratio(value)) (\(ratio(low))–\(ratio(high)))"
    }

    /// A p- or q-value: three significant digits, scientific notation below 0.001 (`1.23e-05`), `0` for zero.
    static func probability(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude < 0.001 { return formatScientific(value, 2) }
        let exponent = Int(log10(magnitude).rounded(.down))
        return fixed(value, decimals: max(0, 2 - exponent))
    }

    /// An integer count, plain digits.
    static func count(_ value: Int) -> String { String(value) }

    /// A number with a fixed number of decimals; negative zero is printed without its sign.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = formatFixed(value, decimals)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// Full-precision, shortest round-tripping representation of a double for machine-readable files
    /// (`0.1`, `1e-05`, `inf`, `nan`); independent of locale.
    static func exact(_ value: Double) -> String { value.description }
}
