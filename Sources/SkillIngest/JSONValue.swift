/// A JSON value, fully materialized (for nested documents such as schema.org JSON-LD).
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, kept as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order (duplicate keys are kept; ``subscript(_:)`` returns the last).
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object (the last one when repeated), else nil.
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The string value, or the number as written.
    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        default: return nil
        }
    }

    /// The elements of an array, or this value alone.
    public var asArray: [JSONValue] {
        if case .array(let a) = self { return a }
        return [self]
    }

    /// Parses one JSON text (RFC 8259, strict; surrounding white space allowed).
    ///
    /// Nesting deeper than `maxDepth` is rejected, so hostile input cannot exhaust the stack. O(n).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONScanError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buf) throws(JSONScanError) -> JSONValue in
            // Strings are decoded by the lexer without re-validating: the text must be UTF-8 as a whole.
            guard String(validating: buf, as: UTF8.self) != nil else { throw .invalid("invalid UTF-8", offset: 0) }
            var p = ValueParser(b: buf, maxDepth: maxDepth)
            p.skipSpace()
            let v = try p.value(depth: 0)
            p.skipSpace()
            guard p.i == buf.count else { throw .invalid("text after the JSON value", offset: p.i) }
            return v
        }
    }
}

/// Recursive descent over UTF-8 bytes; recursion depth is bounded by `maxDepth`. Tokens (literals, numbers,
/// strings) come from the shared ``JSONLexer``.
private struct ValueParser {
    var lex: JSONLexer
    let maxDepth: Int

    init(b: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        lex = JSONLexer(b: b, maxDepth: maxDepth)
        self.maxDepth = maxDepth
    }

    var i: Int { lex.i }
    var peek: UInt8? { lex.i < lex.n ? lex.b[lex.i] : nil }

    func fail(_ why: String) -> JSONScanError { lex.fail(why) }

    mutating func skipSpace() { lex.skipSpace() }

    mutating func value(depth: Int) throws(JSONScanError) -> JSONValue {
        guard depth < maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
        guard let c = peek else { throw fail("unexpected end of input") }
        switch c {
        case UInt8(ascii: "{"):
            lex.i += 1
            var members: [(String, JSONValue)] = []
            skipSpace()
            if peek == UInt8(ascii: "}") { lex.i += 1; return .object(members) }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let key = try lex.string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
                lex.i += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek == UInt8(ascii: ",") { lex.i += 1; continue }
                if peek == UInt8(ascii: "}") { lex.i += 1; return .object(members) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            lex.i += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek == UInt8(ascii: "]") { lex.i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if peek == UInt8(ascii: ",") { lex.i += 1; continue }
                if peek == UInt8(ascii: "]") { lex.i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""): return .string(try lex.string())
        case UInt8(ascii: "t"): try lex.literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try lex.literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try lex.literal("null"); return .null
        default:
            let start = lex.i
            try lex.number()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: lex.b[start..<lex.i]), as: UTF8.self))
        }
    }
}

extension JSONValue {
    /// The value at a dotted path of member names and array indexes (`llm_parsed.company`,
    /// `llm_parsed.positions.0.title`), or nil when a step is missing. O(path length × members).
    public func value(atPath path: String) -> JSONValue? {
        var current = self
        for step in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .object:
                guard let next = current[String(step)] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(step), i >= 0, i < items.count else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }

    /// The text the field mapping takes from a value: a string, a number as written, or the non-empty strings
    /// of an array joined by " / " (`"location": ["上海", "北京"]` gives `上海 / 北京`, which the place
    /// normaliser reads as two places); nil otherwise.
    public var fieldText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .array(let items):
            var parts: [String] = []
            for case .string(let s) in items where !trimmed(s).isEmpty { parts.append(s) }
            return parts.isEmpty ? nil : parts.joined(separator: " / ")
        default: return nil
        }
    }
}
