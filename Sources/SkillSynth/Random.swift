/// Seeded pseudo-random numbers for the generator.
///
/// Everything here is pure integer and IEEE-754 arithmetic (`+ - * /`, no libm, no Foundation), so a seed
/// gives the same stream on every platform. Never uses `SystemRandomNumberGenerator`.

/// SplitMix64 (Steele, Lea, Flood 2014): used to expand one 64-bit seed into generator state, and the seeded
/// generator of the test suites (one copy for all of them).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (`n > 0`; modulo bias is irrelevant for test data).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True with the given percentage.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// A random element of a non-empty array.
    public mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}

/// xoshiro256** (Blackman, Vigna 2018), seeded through SplitMix64.
struct Xoshiro256: RandomNumberGenerator {
    var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// `stream` separates independent streams derived from the same user seed.
    init(seed: UInt64, stream: UInt64 = 0) {
        var sm = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1), 53 random bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1], never zero (for logarithms).
    @inline(__always)
    mutating func unitOpen() -> Double {
        Double((next() >> 11) &+ 1) * 0x1p-53
    }

    /// Uniform in `0..<n` (n > 0) by Lemire's multiply-high; the bias is below 2^-64·n, irrelevant here.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in `lo...hi` (Double).
    @inline(__always)
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * unit()
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }
}

/// Natural logarithm of a positive, finite, normal `x`, in portable arithmetic (relative error < 1e-12).
///
/// `x = m·2^e` with `m` in [√½, √2); `ln m = 2·atanh(s)`, `s = (m-1)/(m+1)`, `|s| < 0.172`, summed to s^19.
func portableLog(_ x: Double) -> Double {
    guard x > 0, x.isFinite, x.isNormal else { return x == 0 ? -.infinity : .nan }
    var e = Int(x.exponent)
    var m = x.significand // [1, 2)
    if m > 1.4142135623730951 {
        m *= 0.5
        e += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = s
    var k = 3.0
    while k <= 19 {
        term *= s2
        sum += term / k
        k += 2
    }
    return 2 * sum + Double(e) * 0.6931471805599453
}

extension MutableCollection where Self: RandomAccessCollection, Index == Int {
    /// Deterministic Fisher–Yates shuffle.
    mutating func seededShuffle(using rng: inout Xoshiro256) {
        guard count > 1 else { return }
        var i = endIndex - 1
        while i > startIndex {
            let j = startIndex + rng.below(i - startIndex + 1)
            swapAt(i, j)
            i -= 1
        }
    }
}
