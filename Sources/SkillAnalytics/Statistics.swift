import Foundation
import SkillIO
import SkillStore

/// The statistics behind `emerging`; each is documented in DESIGN.md ("Statistics").
public enum Statistics {
    /// Rate ratio of shares recent/reference with 0.5 added to each count (Haldane–Anscombe), and its 95 %
    /// confidence interval from the log-normal approximation.
    public static func rateRatio(x1: Int, n1: Int, x0: Int, n0: Int) -> (ratio: Double, low: Double, high: Double) {
        let a = Double(x1) + 0.5, b = Double(n1) + 0.5, c = Double(x0) + 0.5, d = Double(n0) + 0.5
        let ratio = (a / b) / (c / d)
        let se = (max(0, 1 / a - 1 / b + 1 / c - 1 / d)).squareRoot()
        let l = log(ratio)
        return (ratio, exp(l - 1.959964 * se), exp(l + 1.959964 * se))
    }

    /// Two-sided p-value for equal proportions x1/n1 and x0/n0: Fisher's exact test when an expected cell
    /// count is below 5 (and the table is small enough to enumerate), otherwise the pooled two-proportion
    /// z-test.
    public static func twoProportionPValue(x1: Int, n1: Int, x0: Int, n0: Int) -> Double {
        guard n1 > 0, n0 > 0 else { return 1 }
        let k = x1 + x0, n = n1 + n0
        guard k > 0, k < n else { return 1 }
        let expected = [Double(n1) * Double(k) / Double(n), Double(n0) * Double(k) / Double(n),
                        Double(n1) * Double(n - k) / Double(n), Double(n0) * Double(n - k) / Double(n)]
        if expected.min() ?? 0 < 5, k <= 20_000 {
            return fisherExact(x1: x1, n1: n1, k: k, n: n)
        }
        let p1 = Double(x1) / Double(n1), p0 = Double(x0) / Double(n0)
        let pooled = Double(k) / Double(n)
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n0))).squareRoot()
        guard se > 0 else { return 1 }
        let z = abs(p1 - p0) / se
        return min(1, erfc(z / 2.0.squareRoot()))
    }

    /// Two-sided Fisher exact test: the probability, under the hypergeometric null, of tables at most as
    /// likely as the observed one. O(k).
    static func fisherExact(x1: Int, n1: Int, k: Int, n: Int) -> Double {
        func logChoose(_ a: Int, _ b: Int) -> Double {
            lgamma(Double(a) + 1) - lgamma(Double(b) + 1) - lgamma(Double(a - b) + 1)
        }
        func logP(_ x: Int) -> Double { logChoose(n1, x) + logChoose(n - n1, k - x) - logChoose(n, k) }
        let lo = max(0, k - (n - n1)), hi = min(k, n1)
        let observed = logP(x1)
        var total = 0.0
        for x in lo...hi {
            let lp = logP(x)
            if lp <= observed + 1e-7 { total += exp(lp) }
        }
        return min(1, total)
    }

    /// Benjamini–Hochberg q-values (false-discovery-rate adjusted p-values), in the input order.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let m = p.count
        guard m > 0 else { return [] }
        let order = p.indices.sorted { p[$0] < p[$1] }
        var q = [Double](repeating: 1, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let i = order[rank - 1]
            running = min(running, p[i] * Double(m) / Double(rank))
            q[i] = min(1, running)
        }
        return q
    }
}

/// An inclusive range of months, written `YYYY-MM..YYYY-MM` (or `YYYY..YYYY` for whole years).
public struct MonthWindow: Sendable, Hashable, CustomStringConvertible {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// The window a command-line option gives (`option` names it in the error), nil when not given.
    public static func parse(_ s: String?, option: String) throws -> MonthWindow? {
        guard let s else { return nil }
        guard let w = MonthWindow(parsing: s) else {
            throw QueryError("\(option) must look like 2017-01..2018-12 or 2017..2018 (got '\(s)')")
        }
        return w
    }

    /// The window as the store's month range.
    public var range: MonthRange { MonthRange(from: from, to: to) }

    /// Parses `2017-01..2018-12`, `2017..2018` or a single `2018` / `2018-05`.
    public init?(parsing s: String) {
        let parts = s.components(separatedBy: "..")
        guard parts.count == 1 || parts.count == 2 else { return nil }
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        func month(_ p: String, end: Bool) -> String? {
            let t = p.trimmingCharacters(in: .whitespaces)
            if t.count == 4, digits(t[...]) { return t + (end ? "-12" : "-01") }
            if t.count == 7, digits(t.prefix(4)), digits(t.suffix(2)), let m = Int(t.suffix(2)), (1...12).contains(m),
               t[t.index(t.startIndex, offsetBy: 4)] == "-" { return t }
            return nil
        }
        guard let f = month(parts[0], end: false), let e = month(parts.count == 2 ? parts[1] : parts[0], end: true),
              f <= e else { return nil }
        from = f
        to = e
    }

    public func contains(_ month: String) -> Bool { month >= from && month <= to }
    public var description: String { "\(from)..\(to)" }

    /// `YYYY-MM` shifted by `delta` months.
    public static func shift(_ month: String, by delta: Int) -> String {
        guard let y = Int(month.prefix(4)), let m = Int(month.suffix(2)) else { return month }
        let total = y * 12 + (m - 1) + delta
        return formatInteger(total / 12, width: 4, zeroPadded: true) + "-"
            + formatInteger(total % 12 + 1, width: 2, zeroPadded: true)
    }
}

/// A log-linear Poisson trend fitted to monthly counts with the month's posting volume as exposure.
public struct PoissonTrend: Sendable, Codable, Hashable {
    /// Multiplicative change of the share per year, exp(12·β), with its 95 % confidence interval.
    public var perYear: Double
    public var low: Double
    public var high: Double
    /// Two-sided Wald p-value of β = 0 (quasi-Poisson standard error).
    public var pValue: Double
    /// Pearson χ² / (months − 2), floored at 1: the factor applied to the variance (quasi-Poisson).
    public var dispersion: Double
    /// Months with postings that entered the fit.
    public var months: Int
    /// False when IRLS did not converge (e.g. every count in the last month): the estimate is a lower bound.
    public var converged: Bool

    public init(perYear: Double, low: Double, high: Double, pValue: Double, dispersion: Double, months: Int,
                converged: Bool) {
        self.perYear = perYear
        self.low = low
        self.high = high
        self.pValue = pValue
        self.dispersion = dispersion
        self.months = months
        self.converged = converged
    }
}

extension Statistics {
    /// Fits log E[yᵢ] = log nᵢ + α + β·tᵢ by iteratively reweighted least squares (Poisson GLM with a
    /// log-exposure offset); `t` in years. The standard error of β is inflated by the Pearson dispersion
    /// (quasi-Poisson) when the counts vary more than Poisson, e.g. because employers post in bursts.
    /// Points with zero exposure are ignored. Returns nil with fewer than 3 points or no counts. O(points · iterations).
    public static func poissonTrend(counts: [Int], exposures: [Int], years t: [Double]) -> PoissonTrend? {
        var y: [Double] = [], e: [Double] = [], x: [Double] = []
        for i in counts.indices where i < exposures.count && i < t.count && exposures[i] > 0 {
            y.append(Double(counts[i])); e.append(Double(exposures[i])); x.append(t[i])
        }
        let n = y.count
        let total = y.reduce(0, +)
        guard n >= 3, total > 0 else { return nil }
        let xm = x.reduce(0, +) / Double(n)
        let xc = x.map { $0 - xm }
        guard xc.contains(where: { abs($0) > 1e-12 }) else { return nil }
        var a = log(total / e.reduce(0, +)), b = 0.0
        var converged = false
        var info = (s00: 0.0, s01: 0.0, s11: 0.0)
        for _ in 0..<60 {
            var s00 = 0.0, s01 = 0.0, s11 = 0.0, r0 = 0.0, r1 = 0.0
            for i in 0..<n {
                let mu = e[i] * exp(a + b * xc[i])
                // Score and Fisher information of (α, β).
                s00 += mu; s01 += mu * xc[i]; s11 += mu * xc[i] * xc[i]
                r0 += y[i] - mu; r1 += (y[i] - mu) * xc[i]
            }
            info = (s00, s01, s11)
            let det = s00 * s11 - s01 * s01
            guard det > 0, det.isFinite else { break }
            var da = (s11 * r0 - s01 * r1) / det, db = (s00 * r1 - s01 * r0) / det
            // Damped steps keep exp() finite when the MLE runs off (all counts at one end).
            let step = max(abs(da), abs(db))
            if step > 5 { da *= 5 / step; db *= 5 / step }
            a += da; b += db
            if abs(da) < 1e-9, abs(db) < 1e-9 { converged = true; break }
            if abs(b) > 50 { break }
        }
        var pearson = 0.0
        var s00 = 0.0, s01 = 0.0, s11 = 0.0
        for i in 0..<n {
            let mu = e[i] * exp(a + b * xc[i])
            if mu > 0 { pearson += (y[i] - mu) * (y[i] - mu) / mu }
            s00 += mu; s01 += mu * xc[i]; s11 += mu * xc[i] * xc[i]
        }
        _ = info
        let dispersion = n > 2 ? max(1, pearson / Double(n - 2)) : 1
        let det = s00 * s11 - s01 * s01
        let varB = det > 0 ? s00 / det * dispersion : .infinity
        let se = varB.squareRoot()
        let z = se.isFinite && se > 0 ? abs(b) / se : 0
        let p = se.isFinite ? min(1, erfc(z / 2.0.squareRoot())) : 1
        return PoissonTrend(perYear: exp(b), low: se.isFinite ? exp(b - 1.959964 * se) : 0,
                            high: se.isFinite ? exp(b + 1.959964 * se) : .infinity,
                            pValue: p, dispersion: dispersion, months: n, converged: converged)
    }
}
