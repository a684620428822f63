// Type-safe, locale-independent number formatting with the output of C's printf conversions that the code
// base used through `String(format:)`: `%.Nf`, `%W.Nf`, `%+.Nf`, `%.Ne`, `%0Wd`, `%Wd`, `%0Wx`, `%-Ws`.
// Arguments are typed, so a format string and its arguments cannot disagree (a `%d` given a Double, a
// missing argument), and nothing depends on the C library or Foundation's format parser.

/// `x` in fixed-point notation with `digits` digits after the point: exactly what `printf("%.*f", digits, x)`
/// (and so `String(format: "%.\(digits)f", x)`) prints for every finite `x`.
///
/// Rounding is that of glibc's printf: the exact binary value of `x` is rounded to the nearest number with
/// `digits` decimals, and an exact tie goes to the even last digit (`0.125` → `"0.12"`, `2.5` → `"2"` with no
/// digits). Decimal literals such as `1.005` are not ties: their binary value is slightly off (`"1.00"`).
/// A negative `x` keeps its minus sign even when it rounds to zero, and so does negative zero
/// (`-0.001` → `"-0.00"`, `-0.0` → `"-0.00"`), as in printf.
///
/// Not finite: `"inf"`, `"-inf"`, and `"nan"` for every NaN (printf prints `"-nan"` for a NaN whose sign bit
/// is set, such as `0.0 / 0.0` on x86; a NaN's sign carries no meaning, so it is not shown here).
///
/// `width` pads with spaces on the left to at least that many characters (`%5.1f`: `formatFixed(x, 1,
/// width: 5)`); `plusSign` writes `+` before values that are not negative (`%+.2f`; also `"+inf"`, `"+nan"`).
///
/// Complexity: O(d²) in the number of decimal digits of the exact value (at most ~770 for subnormals, ~310
/// for the largest doubles; about 20 to 60 for everyday values), plus O(`digits`).
public func formatFixed(_ x: Double, _ digits: Int, width: Int = 0, plusSign: Bool = false) -> String {
    precondition(digits >= 0, "formatFixed: digits must not be negative")
    let body = x.isFinite ? ExactDecimal(x).fixed(digits) : nonFiniteText(x)
    return padLeft(signPrefix(x, plusSign: plusSign) + body, width: width)
}

/// `x` in scientific notation with `digits` digits after the point: exactly what `printf("%.*e", digits, x)`
/// prints for every finite `x` (`0.000012345` with 2 digits → `"1.23e-05"`; the exponent has a sign and at
/// least two digits; zero is `"0.00e+00"`). Rounding, signs, non-finite values, `width` and `plusSign` as in
/// ``formatFixed(_:_:width:plusSign:)``.
public func formatScientific(_ x: Double, _ digits: Int, width: Int = 0, plusSign: Bool = false) -> String {
    precondition(digits >= 0, "formatScientific: digits must not be negative")
    let body = x.isFinite ? ExactDecimal(x).scientific(digits) : nonFiniteText(x)
    return padLeft(signPrefix(x, plusSign: plusSign) + body, width: width)
}

/// An integer in base `radix` (lower-case digits) padded on the left to at least `width` characters, with
/// spaces, or with zeros after the sign when `zeroPadded`: `%Wd` is `formatInteger(n, width: W)`, `%0Wd` is
/// `formatInteger(n, width: W, zeroPadded: true)` (`-5` → `"-05"` for width 3, as printf), `%0Wx` is
/// `formatInteger(n, width: W, zeroPadded: true, radix: 16)`. A negative value is written as `-` and its
/// magnitude in every base (printf's `%x` would print the two's complement instead).
public func formatInteger<T: BinaryInteger>(_ n: T, width: Int = 0, zeroPadded: Bool = false,
                                            radix: Int = 10) -> String {
    let magnitude = String(n.magnitude, radix: radix, uppercase: false)
    let sign = n < 0 ? "-" : ""
    guard zeroPadded else { return padLeft(sign + magnitude, width: width) }
    let zeros = max(0, width - sign.count - magnitude.count)
    return sign + String(repeating: "0", count: zeros) + magnitude
}

/// `s` padded with spaces to at least `width` characters: on the right when `leftAligned` (`%-18s`), else on
/// the left (`%18s`). Width counts characters (printf counts bytes; the same for ASCII); longer text is kept
/// whole.
public func formatPadded(_ s: String, width: Int, leftAligned: Bool = false) -> String {
    let pad = width - s.count
    guard pad > 0 else { return s }
    return leftAligned ? s + String(repeating: " ", count: pad) : String(repeating: " ", count: pad) + s
}

private func padLeft(_ s: String, width: Int) -> String { formatPadded(s, width: width) }

private func signPrefix(_ x: Double, plusSign: Bool) -> String {
    if x.isNaN { return plusSign ? "+" : "" }
    return x.sign == .minus ? "-" : plusSign ? "+" : ""
}

private func nonFiniteText(_ x: Double) -> String { x.isNaN ? "nan" : "inf" }

/// The exact decimal expansion of a finite double's magnitude: value = `digits` × 10^-`scale`. Every double is
/// m × 2^e with an integer m; for e < 0 that is m × 5^-e / 10^-e, so the expansion is finite.
struct ExactDecimal {
    /// ASCII digits, most significant first, without leading zeros (`"0"` for zero).
    private(set) var digits: [UInt8]
    /// Digits after the decimal point.
    private(set) var scale: Int

    init(_ x: Double) {
        precondition(x.isFinite)
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        var m = bits & ((1 << 52) - 1)
        var e = -1074
        if biased != 0 {
            m |= 1 << 52
            e = biased - 1075
        }
        guard m != 0 else {
            digits = [0x30]
            scale = 0
            return
        }
        let zeros = m.trailingZeroBitCount
        m >>= UInt64(zeros)
        e += zeros
        var n = BigNatural(m)
        if e >= 0 {
            n.shiftLeft(by: e)
            scale = 0
        } else {
            n.multiply(byPowerOf5: -e)
            scale = -e
        }
        digits = n.decimalDigits()
    }

    /// `%.Nf` of the magnitude.
    func fixed(_ n: Int) -> String {
        var r = rounded(keeping: digits.count - (scale - n))
        if r.count < n + 1 { r.insert(contentsOf: repeatElement(0x30, count: n + 1 - r.count), at: 0) }
        if n > 0 { r.insert(UInt8(ascii: "."), at: r.count - n) }
        return String(decoding: r, as: UTF8.self)
    }

    /// `%.Ne` of the magnitude.
    func scientific(_ n: Int) -> String {
        var exponent = 0
        var r: [UInt8]
        if digits == [0x30] {
            r = Array(repeating: 0x30, count: n + 1)
        } else {
            exponent = digits.count - 1 - scale
            r = rounded(keeping: n + 1)
            if r.count > n + 1 { // 9.99… rounded up to 10.0…
                exponent += 1
                r.removeLast()
            }
        }
        if n > 0 { r.insert(UInt8(ascii: "."), at: 1) }
        let e = formatInteger(abs(exponent), width: 2, zeroPadded: true)
        return String(decoding: r, as: UTF8.self) + (exponent < 0 ? "e-" : "e+") + e
    }

    /// The first `keep` digits, rounded by the digits after them to nearest, ties to even; zeros are appended
    /// when `keep` exceeds the digits there are. The result may be one digit longer (a carry) or empty (zero).
    func rounded(keeping keep: Int) -> [UInt8] {
        if keep >= digits.count {
            return digits + Array(repeating: 0x30, count: keep - digits.count)
        }
        guard keep >= 0 else { return [] } // the first dropped digit is a leading zero: below one half
        var kept = Array(digits[..<keep])
        let first = digits[keep]
        let roundUp: Bool
        if first != UInt8(ascii: "5") {
            roundUp = first > UInt8(ascii: "5")
        } else if digits[(keep + 1)...].contains(where: { $0 != 0x30 }) {
            roundUp = true
        } else { // an exact tie: to even
            roundUp = (kept.last.map { ($0 - 0x30) % 2 == 1 }) ?? false
        }
        guard roundUp else { return kept }
        var i = kept.count - 1
        while i >= 0 {
            if kept[i] == UInt8(ascii: "9") {
                kept[i] = 0x30
                i -= 1
            } else {
                kept[i] += 1
                return kept
            }
        }
        kept.insert(UInt8(ascii: "1"), at: 0)
        return kept
    }
}

/// A non-negative integer of any size, little-endian 32-bit limbs: just what ``ExactDecimal`` needs.
struct BigNatural {
    private var limbs: [UInt32]

    init(_ v: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]
        trim()
    }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    /// Multiplies by 2^`n`.
    mutating func shiftLeft(by n: Int) {
        let bits = n % 32
        if bits > 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << UInt32(bits)) | carry
                carry = v >> UInt32(32 - bits)
            }
            if carry != 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: n / 32), at: 0)
    }

    /// Multiplies by a factor below 2^32.
    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Multiplies by 5^`k`, thirteen factors of 5 at a time (5^13 < 2^32).
    mutating func multiply(byPowerOf5 k: Int) {
        var left = k
        while left >= 13 {
            multiply(by: 1_220_703_125)
            left -= 13
        }
        var rest: UInt32 = 1
        for _ in 0..<left { rest *= 5 }
        if rest > 1 { multiply(by: rest) }
    }

    /// Divides by a divisor below 2^32 in place; returns the remainder.
    private mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for i in limbs.indices.reversed() {
            let v = (remainder << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(v / UInt64(divisor))
            remainder = v % UInt64(divisor)
        }
        trim()
        return UInt32(remainder)
    }

    /// The decimal digits as ASCII, most significant first (`"0"` for zero). O(limbs²).
    func decimalDigits() -> [UInt8] {
        var n = self
        var chunks: [UInt32] = [] // base 10^9, least significant first
        while !n.limbs.isEmpty { chunks.append(n.divide(by: 1_000_000_000)) }
        guard let top = chunks.last else { return [0x30] }
        var out = Array(String(top).utf8)
        for chunk in chunks.dropLast().reversed() {
            let s = Array(String(chunk).utf8)
            out.append(contentsOf: repeatElement(0x30, count: 9 - s.count))
            out.append(contentsOf: s)
        }
        return out
    }
}
