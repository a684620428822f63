import Foundation
import SkillIO
import XCTest

/// The typed formatters against `String(format:)` (printf), their reference: edge values, exact ties, every
/// magnitude, seeded random values and random bit patterns.
final class NumberFormattingTests: XCTestCase {
    /// A deterministic generator (SplitMix64).
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static let edges: [Double] = [
        0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.125, 1.005, 0.005, 0.015, 0.025, 0.045, 1.0e15, -1.0e15,
        1.0e16, 123_456_789.125, 9.995, 9.9949999, 99.95, 999_999.5, 0.000_05, 0.000_15, 1.0e-5, 1.0e-7, 1.0e-300,
        -1.0e-300, Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude,
        Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), Double.leastNormalMagnitude,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1.0e308, 0.1, 0.2, 0.3, 1.0 / 3.0,
        2.0 / 3.0, -2.0 / 3.0, 100, 12.345, 0.999_999_999, 0.95, 0.05, 4_503_599_627_370_495.5, 9_007_199_254_740_991,
        -0.001, -0.004_999, 3.141_592_653_589_793, 2.718_281_828_459_045, 1.0e22, 1.0e23, 0.062_5, 1_000_000,
    ]

    func testFixedEqualsPrintfOnEdgeValues() {
        for x in Self.edges {
            for digits in 0...20 {
                XCTAssertEqual(formatFixed(x, digits), String(format: "%.\(digits)f", x), "\(x) digits \(digits)")
            }
        }
    }

    func testFixedEqualsPrintfOnSeededRandomValues() {
        var rng = Seeded(state: 20_261_206)
        for round in 0..<20_000 {
            // Every scale from 1e-12 to 1e12, both signs, plus halves and quarters that are exact ties.
            let magnitude = pow(10, Double(Int(rng.next() % 25)) - 12)
            var x = (rng.unit() * 2 - 1) * magnitude
            if round % 5 == 0 { x = Double(Int64(rng.next() % 2_000_001) - 1_000_000) / Double(1 << (rng.next() % 12)) }
            let digits = Int(rng.next() % 9)
            XCTAssertEqual(formatFixed(x, digits), String(format: "%.\(digits)f", x), "\(x) digits \(digits)")
        }
    }

    func testFixedAndScientificEqualPrintfOnRandomBitPatterns() {
        var rng = Seeded(state: 7)
        var checked = 0
        while checked < 5_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            checked += 1
            let digits = Int(rng.next() % 6)
            XCTAssertEqual(formatFixed(x, digits), String(format: "%.\(digits)f", x), "\(x) digits \(digits)")
            XCTAssertEqual(formatScientific(x, digits), String(format: "%.\(digits)e", x), "\(x) digits \(digits)")
        }
    }

    func testScientificEqualsPrintf() {
        var rng = Seeded(state: 99)
        var values = Self.edges
        for _ in 0..<5_000 { values.append((rng.unit() * 2 - 1) * pow(10, Double(Int(rng.next() % 40)) - 30)) }
        for x in values {
            for digits in [0, 1, 2, 3, 6] {
                XCTAssertEqual(formatScientific(x, digits), String(format: "%.\(digits)e", x), "\(x) digits \(digits)")
            }
        }
    }

    func testWidthAndSignEqualPrintf() {
        for x in Self.edges.prefix(30) + [12.34, -12.34, 123_456.7] {
            XCTAssertEqual(formatFixed(x, 1, width: 5), String(format: "%5.1f", x), "\(x)")
            XCTAssertEqual(formatFixed(x, 2, plusSign: true), String(format: "%+.2f", x), "\(x)")
            XCTAssertEqual(formatFixed(x, 3, width: 9, plusSign: true), String(format: "%+9.3f", x), "\(x)")
            XCTAssertEqual(formatScientific(x, 2, width: 12), String(format: "%12.2e", x), "\(x)")
        }
    }

    /// The documented choice for values that are not finite: printf's words, without a sign on NaN.
    func testNonFiniteValues() {
        XCTAssertEqual(formatFixed(.infinity, 2), "inf")
        XCTAssertEqual(formatFixed(-.infinity, 2), "-inf")
        XCTAssertEqual(formatFixed(.nan, 2), "nan")
        XCTAssertEqual(formatFixed(-Double.nan, 2), "nan", "a NaN's sign bit is not shown")
        XCTAssertEqual(formatFixed(.nan, 1, width: 5), "  nan")
        XCTAssertEqual(formatFixed(.infinity, 1, plusSign: true), "+inf")
        XCTAssertEqual(formatScientific(-.infinity, 2), "-inf")
        for x in [Double.infinity, -.infinity, .nan] {
            XCTAssertEqual(formatFixed(x, 3), String(format: "%.3f", x), "\(x)")
            XCTAssertEqual(formatFixed(x, 1, width: 6), String(format: "%6.1f", x), "\(x)")
            XCTAssertEqual(formatScientific(x, 2), String(format: "%.2e", x), "\(x)")
        }
    }

    func testKnownOutputs() {
        let table: [(Double, Int, String)] = [
            (0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (3.5, 0, "4"), (1.005, 2, "1.00"),
            (0.005, 2, "0.01"), (-0.001, 2, "-0.00"), (-0.0, 1, "-0.0"), (1e15, 2, "1000000000000000.00"),
            (Double.leastNonzeroMagnitude, 3, "0.000"), (0.999_5, 3, "1.000"), (99.95, 1, "100.0"),
        ]
        for (x, digits, expected) in table { XCTAssertEqual(formatFixed(x, digits), expected, "\(x)") }
        XCTAssertEqual(formatScientific(0.000_012_345, 2), "1.23e-05")
        XCTAssertEqual(formatScientific(0, 2), "0.00e+00")
        XCTAssertEqual(formatScientific(9.996, 2), "1.00e+01")
        XCTAssertEqual(formatScientific(1e300, 1), "1.0e+300")
    }

    func testIntegersAndPaddingEqualPrintf() {
        var rng = Seeded(state: 3)
        var values = [0, 1, -1, 7, -7, 9, 10, 99, 100, 2026, -2026, 65_535, Int.max, Int.min + 1]
        for _ in 0..<500 { values.append(Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 63)) }
        for n in values {
            XCTAssertEqual(formatInteger(n, width: 2, zeroPadded: true), String(format: "%02ld", n), "\(n)")
            XCTAssertEqual(formatInteger(n, width: 4, zeroPadded: true), String(format: "%04ld", n), "\(n)")
            XCTAssertEqual(formatInteger(n, width: 5), String(format: "%5ld", n), "\(n)")
            XCTAssertEqual(formatInteger(n), String(format: "%ld", n), "\(n)")
            if n >= 0 {
                XCTAssertEqual(formatInteger(n, width: 4, zeroPadded: true, radix: 16), String(format: "%04lx", n), "\(n)")
            }
        }
        XCTAssertEqual(formatInteger(UInt32(0x1F), width: 4, zeroPadded: true, radix: 16), "001f")
        XCTAssertEqual(formatInteger(-5, width: 3, zeroPadded: true), "-05")
        // printf's %s (swift-corelibs-foundation ignores the width of %@: `String(format: "%-18@", s)` is `s`).
        for s in ["", "a", "remote", "a label longer than eighteen"] {
            XCTAssertEqual(formatPadded(s, width: 18, leftAligned: true), s.withCString { String(format: "%-18s", $0) }, s)
            XCTAssertEqual(formatPadded(s, width: 18), s.withCString { String(format: "%18s", $0) }, s)
        }
        XCTAssertEqual(formatPadded("Zürich", width: 8, leftAligned: true), "Zürich  ", "width counts characters")
    }
}
