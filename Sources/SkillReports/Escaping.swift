import Foundation
import SkillIO

/// Escaping of user-supplied text for the output formats. Labels, titles and provenance strings can contain
/// anything (markup, quotes, `C++`, `C#`, control characters), so every renderer passes them through here.
public enum Escaping {
    /// A JSON string literal: quote, backslash and control characters escaped (`\n`, `\u0001`). With
    /// `script`, also `<` and U+2028/U+2029, so that the literal can sit inside an HTML `<script>` element.
    public static func json(_ s: String, script: Bool = false) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where script: out += "\\u003c"
            default:
                if u.value < 0x20 || (script && (u.value == 0x2028 || u.value == 0x2029)) {
                    out += "\\u" + formatInteger(u.value, width: 4, zeroPadded: true, radix: 16)
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// HTML/XML entity escaping for text and attribute values (`&`, `<`, `>`, `"`, `'`).
    /// Characters that XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) become U+FFFD,
    /// so that inline SVG stays well-formed XML.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                out.unicodeScalars.append(isXMLChar(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// Text for a Markdown table cell or heading: markup characters are backslash-escaped (so `|` does not
    /// split the cell and `<script>` is shown, not interpreted) and line breaks become spaces.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "|", "<", ">", "&", "*", "_", "`", "[", "]", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\u{2028}", "\u{2029}":
                out += " "
            default:
                out.unicodeScalars.append(isXMLChar(scalar) ? scalar : " ")
            }
        }
        return out
    }

    /// One CSV field per RFC 4180: quoted when it contains a comma, a double quote, CR or LF; inner double
    /// quotes are doubled.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// Whether XML 1.0 allows the scalar in a document.
    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
