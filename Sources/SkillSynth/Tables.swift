/// Strings stored as contiguous bytes (already JSON-escaped where they go into JSON strings).
struct ByteTable: Sendable {
    private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i+1]` are the bytes of entry `i`.
    private(set) var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }

    mutating func append<S: Sequence>(_ entry: S) where S.Element == UInt8 {
        bytes.append(contentsOf: entry)
        offsets.append(bytes.count)
    }

    func length(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}

/// Weighted choice by binary search over cumulative weights.
struct WeightedChoice: Sendable {
    private var cumulative: [Double] = []
    private var total: Double = 0

    init(weights: [Double]) {
        for w in weights {
            total += max(0, w)
            cumulative.append(total)
        }
    }

    var count: Int { cumulative.count }

    func pick(_ rng: inout Xoshiro256) -> Int {
        let x = rng.unit() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// JSON string escaping of UTF-8 bytes: `"` and `\` are escaped, control characters use `\n`, `\t`,
/// `\r`, `\b`, `\f` or `\u00XX`; everything else (non-ASCII UTF-8 included) is written as is.
enum JSONBytes {
    static func escape(_ s: String) -> [UInt8] { escape(bytes: Array(s.utf8)) }

    static func escape(bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 2)
        let hex = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        return out
    }
}

/// Gregorian calendar helpers.
enum SynthCalendar {
    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    /// Days of month `month` (1...12) of year `y`.
    static func days(year y: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    static func iso(year: Int, month: Int, day: Int) -> String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
