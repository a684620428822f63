import Foundation

/// A character encoding of a text input, converted to UTF-8 before parsing.
///
/// UTF-8 passes through unchanged (invalid sequences are left for the record readers to quarantine);
/// UTF-16 and the single-byte encodings are converted with small built-in tables (no iconv).
public enum TextEncoding: String, Sendable, CaseIterable, Hashable, Codable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// ISO-8859-1 (Latin-1): every byte is the code point of the same value.
    case latin1 = "iso-8859-1"
    /// ISO-8859-15 (Latin-9): Latin-1 with eight positions changed (€, Š, š, Ž, ž, Œ, œ, Ÿ).
    case latin9 = "iso-8859-15"
    /// Windows-1252: Latin-1 with printable characters (€, curly quotes, dashes) in 0x80–0x9F.
    case windows1252 = "windows-1252"

    /// The encoding named by `label` (case-insensitive; common aliases such as `latin1`, `cp1252`,
    /// `utf8`, `l9` are accepted), or nil when it is not supported.
    public init?(label: String) {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines)
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "utf-16le", "utf16le", "utf-16", "utf16": self = .utf16LE
        case "utf-16be", "utf16be": self = .utf16BE
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100": self = .latin1
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9": self = .latin9
        case "windows-1252", "cp1252", "win-1252", "x-cp1252": self = .windows1252
        default: return nil
        }
    }

    /// Names accepted by ``init(label:)``, for error messages.
    public static let supportedNames = "utf-8, utf-16le, utf-16be, iso-8859-1 (latin1), iso-8859-15 (latin9), "
        + "windows-1252 (cp1252)"

    /// The encoding a byte-order mark at the start of `prefix` announces, with the mark's length.
    public static func sniffBOM(_ prefix: UnsafeRawBufferPointer) -> (TextEncoding, Int)? {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return (.utf8, 3) }
        if prefix.count >= 2, prefix[0] == 0xFF, prefix[1] == 0xFE { return (.utf16LE, 2) }
        if prefix.count >= 2, prefix[0] == 0xFE, prefix[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }
}

/// Converts a byte stream in one ``TextEncoding`` to UTF-8, chunk by chunk.
///
/// A UTF-16 code unit or surrogate pair split across chunks is carried over. Unpaired surrogates and an odd
/// trailing byte become U+FFFD (so the record readers see valid UTF-8 and a visible replacement mark).
/// O(n) in the input; no allocation beyond the output buffer.
public struct Transcoder: Sendable {
    public let encoding: TextEncoding
    private var carry: [UInt8] = []
    private var highSurrogate: UInt32?

    public init(_ encoding: TextEncoding) { self.encoding = encoding }

    /// Windows-1252 code points for 0x80–0x9F (the five undefined bytes map to the C1 control of the
    /// same value, as the WHATWG Encoding Standard does).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The code point of byte `b` in a single-byte encoding.
    @inline(__always)
    static func singleByte(_ b: UInt8, _ e: TextEncoding) -> UInt32 {
        switch e {
        case .windows1252 where b >= 0x80 && b <= 0x9F: return cp1252High[Int(b - 0x80)]
        case .latin9:
            switch b {
            case 0xA4: return 0x20AC
            case 0xA6: return 0x0160
            case 0xA8: return 0x0161
            case 0xB4: return 0x017D
            case 0xB8: return 0x017E
            case 0xBC: return 0x0152
            case 0xBD: return 0x0153
            case 0xBE: return 0x0178
            default: return UInt32(b)
            }
        default: return UInt32(b)
        }
    }

    @inline(__always)
    static func appendUTF8(_ c: UInt32, to out: inout [UInt8]) {
        switch c {
        case 0..<0x80: out.append(UInt8(c))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (c >> 6))); out.append(UInt8(0x80 | (c & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (c >> 12))); out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (c >> 18))); out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F))); out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }

    /// Appends the UTF-8 form of `input` to `out`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        switch encoding {
        case .utf8:
            out.append(contentsOf: input)
        case .latin1, .latin9, .windows1252:
            out.reserveCapacity(out.count + input.count + input.count / 8)
            for b in input {
                if b < 0x80 { out.append(b) } else { Self.appendUTF8(Self.singleByte(b, encoding), to: &out) }
            }
        case .utf16LE, .utf16BE:
            var i = 0
            let n = input.count
            func unit(_ a: UInt8, _ b: UInt8) -> UInt32 {
                encoding == .utf16LE ? UInt32(a) | UInt32(b) << 8 : UInt32(a) << 8 | UInt32(b)
            }
            if carry.count == 1, n > 0 {
                let u = unit(carry[0], input[0])
                carry.removeAll()
                i = 1
                emit(u, &out)
            }
            while i + 1 < n {
                emit(unit(input[i], input[i + 1]), &out)
                i += 2
            }
            if i < n { carry = [input[i]] }
        }
    }

    private mutating func emit(_ u: UInt32, _ out: inout [UInt8]) {
        if let high = highSurrogate {
            highSurrogate = nil
            if (0xDC00...0xDFFF).contains(u) {
                Self.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00), to: &out)
                return
            }
            Self.appendUTF8(0xFFFD, to: &out)
        }
        if (0xD800...0xDBFF).contains(u) {
            highSurrogate = u
        } else if (0xDC00...0xDFFF).contains(u) {
            Self.appendUTF8(0xFFFD, to: &out)
        } else {
            Self.appendUTF8(u, to: &out)
        }
    }

    /// Flushes what is left at the end of input (a dangling byte or high surrogate becomes U+FFFD).
    public mutating func finish(into out: inout [UInt8]) {
        // A dangling high surrogate and a dangling odd byte are two separate errors: one U+FFFD each.
        if highSurrogate != nil { Self.appendUTF8(0xFFFD, to: &out) }
        if !carry.isEmpty { Self.appendUTF8(0xFFFD, to: &out) }
        highSurrogate = nil
        carry.removeAll()
    }

    /// The UTF-8 form of a whole byte array.
    public static func utf8(_ bytes: [UInt8], from encoding: TextEncoding) -> [UInt8] {
        var t = Transcoder(encoding)
        var out: [UInt8] = []
        bytes.withUnsafeBytes { t.decode($0, into: &out) }
        t.finish(into: &out)
        return out
    }
}
