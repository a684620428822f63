import Foundation
import XCTest
@testable import SkillAnalytics

final class StatisticsTests: XCTestCase {
    func testRateRatioKnownValues() {
        // 40 of 100 recent vs 25 of 200 reference, with 0.5 added to every count.
        let r = Statistics.rateRatio(x1: 40, n1: 100, x0: 25, n0: 200)
        let a = 40.5, b = 100.5, c = 25.5, d = 200.5
        let ratio = (a / b) / (c / d)
        let se = (1 / a - 1 / b + 1 / c - 1 / d).squareRoot()
        XCTAssertEqual(r.ratio, ratio, accuracy: 1e-12)
        XCTAssertEqual(r.ratio, 3.1686, accuracy: 1e-4)
        XCTAssertEqual(r.low, ratio * exp(-1.959964 * se), accuracy: 1e-9)
        XCTAssertEqual(r.high, ratio * exp(1.959964 * se), accuracy: 1e-9)
        XCTAssertEqual(r.low, 2.0535, accuracy: 1e-4)
        XCTAssertEqual(r.high, 4.8891, accuracy: 1e-4)
        XCTAssertLessThan(r.low, r.ratio)
        XCTAssertGreaterThan(r.high, r.ratio)
    }

    func testRateRatioOfEqualSharesIsOneAndSymmetric() {
        let r = Statistics.rateRatio(x1: 20, n1: 100, x0: 20, n0: 100)
        XCTAssertEqual(r.ratio, 1, accuracy: 1e-12)
        XCTAssertEqual(r.low * r.high, 1, accuracy: 1e-9, "log-symmetric interval")
        let inverse = Statistics.rateRatio(x1: 25, n1: 200, x0: 40, n0: 100)
        XCTAssertEqual(inverse.ratio, 1 / Statistics.rateRatio(x1: 40, n1: 100, x0: 25, n0: 200).ratio, accuracy: 1e-12)
    }

    func testRateRatioWithZeroCountsIsFinite() {
        let r = Statistics.rateRatio(x1: 10, n1: 100, x0: 0, n0: 100)
        XCTAssertEqual(r.ratio, (10.5 / 100.5) / (0.5 / 100.5), accuracy: 1e-12) // = 21
        XCTAssertTrue(r.low.isFinite && r.high.isFinite)
        let none = Statistics.rateRatio(x1: 0, n1: 0, x0: 0, n0: 0)
        XCTAssertEqual(none.ratio, 1, accuracy: 1e-12)
        XCTAssertTrue(none.low.isFinite && none.high.isFinite)
    }

    func testFisherTeaTasting() {
        // Lady tasting tea: 3 of 4 milk-first cups identified, 1 of 4 tea-first wrongly: two-sided p = 34/70.
        XCTAssertEqual(Statistics.fisherExact(x1: 3, n1: 4, k: 4, n: 8), 34.0 / 70.0, accuracy: 1e-9)
        XCTAssertEqual(Statistics.fisherExact(x1: 3, n1: 4, k: 4, n: 8), 0.4857, accuracy: 1e-4)
        // Expected counts are 2 < 5, so the public test uses Fisher.
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 3, n1: 4, x0: 1, n0: 4), 0.4857, accuracy: 1e-4)
        // All four right: one-table tails 1/70 on each side.
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 4, n1: 4, x0: 0, n0: 4), 2.0 / 70.0, accuracy: 1e-9)
    }

    func testFisherTextbookDietingTable() {
        // Men 1 dieting / 11 not, women 9 dieting / 3 not: two-sided Fisher p = 0.002759.
        XCTAssertEqual(Statistics.fisherExact(x1: 1, n1: 12, k: 10, n: 24), 0.002759, accuracy: 1e-6)
        // The same table seen from the other group gives the same p.
        XCTAssertEqual(Statistics.fisherExact(x1: 9, n1: 12, k: 10, n: 24), 0.002759, accuracy: 1e-6)
        // Its smallest expected count is exactly 5 (12 * 10 / 24), so the public test uses the z-test instead.
        let pooled = 10.0 / 24.0
        let z = (9.0 / 12.0 - 1.0 / 12.0) / (pooled * (1 - pooled) * (2.0 / 12.0)).squareRoot()
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 1, n1: 12, x0: 9, n0: 12), erfc(z / 2.0.squareRoot()),
                       accuracy: 1e-15)
        // One count less and an expected count drops below 5: Fisher again.
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 1, n1: 12, x0: 8, n0: 12),
                       Statistics.fisherExact(x1: 1, n1: 12, k: 9, n: 24), accuracy: 1e-15)
    }

    func testFisherAgainstHandEnumeration() {
        // x1 = 2 of n1 = 5, x0 = 7 of n0 = 10: enumerate the hypergeometric by hand.
        func choose(_ n: Int, _ k: Int) -> Double {
            guard k >= 0, k <= n else { return 0 }
            var r = 1.0
            for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
            return r
        }
        let n1 = 5, n0 = 10, k = 9, n = 15
        let p = (0...n1).map { choose(n1, $0) * choose(n0, k - $0) / choose(n, k) }
        let observed = p[2]
        let expected = p.filter { $0 <= observed * (1 + 1e-7) }.reduce(0, +)
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 2, n1: n1, x0: 7, n0: n0), expected, accuracy: 1e-10)
    }

    func testZTestForALargeTable() {
        // 400/1000 vs 300/1000: every expected count is far above 5, so the pooled z-test is used.
        let x1 = 400.0, n1 = 1000.0, x0 = 300.0, n0 = 1000.0
        let pooled = (x1 + x0) / (n1 + n0)
        let z = (x1 / n1 - x0 / n0) / (pooled * (1 - pooled) * (1 / n1 + 1 / n0)).squareRoot()
        let reference = erfc(z / 2.0.squareRoot())
        let p = Statistics.twoProportionPValue(x1: 400, n1: 1000, x0: 300, n0: 1000)
        XCTAssertEqual(z, 4.6881, accuracy: 1e-4)
        XCTAssertEqual(p, reference, accuracy: 1e-15)
        XCTAssertEqual(p, 2.7579e-6, accuracy: 1e-9)
        // Symmetric in the direction of the difference.
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 300, n1: 1000, x0: 400, n0: 1000), p, accuracy: 1e-15)
    }

    func testPValueDegenerateTables() {
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 0, n1: 0, x0: 5, n0: 10), 1)
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 0, n1: 100, x0: 0, n0: 100), 1)
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 100, n1: 100, x0: 100, n0: 100), 1)
        XCTAssertEqual(Statistics.twoProportionPValue(x1: 20, n1: 100, x0: 40, n0: 200), 1, accuracy: 1e-12)
    }

    func testBenjaminiHochbergWorkedExample() {
        let q = Statistics.benjaminiHochberg([0.01, 0.04, 0.03, 0.005])
        let expected = [0.02, 0.04, 0.04, 0.02]
        XCTAssertEqual(q.count, 4)
        for (a, b) in zip(q, expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testBenjaminiHochbergProperties() {
        XCTAssertEqual(Statistics.benjaminiHochberg([]), [])
        XCTAssertEqual(Statistics.benjaminiHochberg([0.3]), [0.3])
        // Capped at 1, monotone in p, never below p.
        let p = [0.9, 0.001, 0.5, 0.5, 0.02, 0.8]
        let q = Statistics.benjaminiHochberg(p)
        XCTAssertTrue(q.allSatisfy { $0 <= 1 })
        for i in p.indices {
            XCTAssertGreaterThanOrEqual(q[i], p[i])
            for j in p.indices where p[i] < p[j] { XCTAssertLessThanOrEqual(q[i], q[j]) }
        }
        XCTAssertEqual(q[2], q[3], "ties get the same q")
        XCTAssertEqual(q[1], 0.006, accuracy: 1e-12)
        XCTAssertEqual(q[0], 0.9, accuracy: 1e-12)
    }
}
