import Foundation
import SkillReports

/// A JSON value built by the handlers and rendered once; strings are escaped by the report's escaper, numbers
/// keep the table's formatting (``Cell/json``).
enum JSON: Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    /// Already rendered JSON (a table cell).
    case raw(String)

    static func optional(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

    func render(into out: inout String) {
        switch self {
        case .object(let pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                out += Escaping.json(k)
                out += ":"
                v.render(into: &out)
            }
            out += "}"
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                x.render(into: &out)
            }
            out += "]"
        case .string(let s): out += Escaping.json(s)
        case .int(let n): out += String(n)
        case .double(let x): out += x.isFinite ? Cell.fixed(x, 6).json : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .raw(let s): out += s
        }
    }

    var rendered: String {
        var s = ""
        render(into: &s)
        return s
    }
}
