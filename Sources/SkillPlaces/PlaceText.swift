import Foundation

/// The text side of place names: folding and tokens. `fold` must agree with `fold()` in
/// Taxonomies/places/build.py, which folds the shipped names.
public enum PlaceText {
    /// Whether a scalar is CJK (Han, Kana, Hangul).
    public static func isCJKScalar(_ u: Unicode.Scalar) -> Bool { isCJK(u) }

    static func isCJK(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF,
             0x1100...0x11FF, 0x3130...0x318F, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil
    }

    /// Lower case, diacritics removed (compatibility decomposition, non-spacing marks dropped).
    static func lowerBase(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.isASCII {
                let v = u.value
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : u)
                continue
            }
            for d in String(u).decomposedStringWithCompatibilityMapping.unicodeScalars
            where d.properties.generalCategory != .nonspacingMark {
                for l in d.properties.lowercaseMapping.unicodeScalars { out.append(l) }
            }
        }
        return String(out)
    }

    /// One token: a run of letters and digits, or one CJK character.
    struct Token {
        var text: Substring      // as written
        var folded: String
        var cjk: Bool
        /// Characters between the previous token and this one.
        var gap: Substring
    }

    static func tokens(_ s: Substring) -> [Token] {
        var out: [Token] = []
        var i = s.startIndex
        var gapStart = i
        while i < s.endIndex {
            let c = s[i]
            let u = c.unicodeScalars.first!
            if isCJK(u) {
                let next = s.index(after: i)
                out.append(Token(text: s[i..<next], folded: String(c), cjk: true, gap: s[gapStart..<i]))
                i = next
                gapStart = i
            } else if c.unicodeScalars.allSatisfy(isWordScalar) || (isWordScalar(u) && c.unicodeScalars.count > 1) {
                var j = i
                while j < s.endIndex {
                    let d = s[j]
                    guard let du = d.unicodeScalars.first, !isCJK(du), isWordScalar(du) else { break }
                    j = s.index(after: j)
                }
                let t = s[i..<j]
                out.append(Token(text: t, folded: lowerBase(t), cjk: false, gap: s[gapStart..<i]))
                i = j
                gapStart = i
            } else {
                i = s.index(after: i)
            }
        }
        return out
    }

    /// Joins folded tokens: CJK characters directly, anything else with one space.
    static func join(_ t: ArraySlice<Token>) -> String {
        var out = ""
        var prevCJK = false
        for (n, x) in t.enumerated() {
            if n > 0 && !(x.cjk && prevCJK) { out += " " }
            out += x.folded
            prevCJK = x.cjk
        }
        return out
    }

    /// The folded form of a name, as the shipped name table holds it.
    public static func fold(_ s: String) -> String { join(tokens(Substring(s))[...]) }

    static func tokenCount(ofFolded form: String) -> Int {
        var n = 0
        var inWord = false
        for u in form.unicodeScalars {
            if isCJK(u) { n += 1; inWord = false } else if u == " " { inWord = false } else if !inWord { n += 1; inWord = true }
        }
        return n
    }
}

