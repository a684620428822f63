/// A top-level JSON value of an object member, as the field mapping needs it.
public enum JSONField: Equatable, Sendable {
    case string(String)
    /// A number, kept as written (`12`, `-3.5e2`).
    case number(String)
    case bool(Bool)
    case null
    /// An array or object: validated, not materialized.
    case nested
}

/// Why a line is not a JSON object.
public enum JSONScanError: Error, Equatable, Sendable {
    case notAnObject
    case invalid(String, offset: Int)
}

/// A strict (RFC 8259) single-pass parser for one JSON object per line, over UTF-8 bytes.
///
/// It validates the whole text (strings, escapes, surrogate pairs, numbers, literals, nesting) but
/// materializes only the top-level members' scalar values, which is all the field mapping reads; nested
/// arrays and objects are checked and skipped without allocation. Nesting is tracked on an explicit
/// stack, limited to `maxDepth`, so hostile input cannot overflow the call stack. Duplicate keys: the last
/// one wins. The input must be valid UTF-8 (the reader checks that first). O(n) in the bytes.
public struct JSONObjectScanner {
    public var maxDepth = 512

    public init() {}

    /// The members of the object in `bytes`.
    public func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONScanError) -> [String: JSONField] {
        var p = JSONLexer(b: bytes, maxDepth: maxDepth)
        p.skipSpace()
        guard p.i < p.n, p.b[p.i] == UInt8(ascii: "{") else {
            // Any other valid JSON value is "not an object"; anything else is invalid.
            if p.i < p.n, (try? p.skipValue()) != nil {
                p.skipSpace()
                if p.i == p.n { throw .notAnObject }
            }
            throw .invalid("expected a JSON object", offset: p.i)
        }
        p.i += 1
        var out: [String: JSONField] = [:]
        p.skipSpace()
        if p.peek == UInt8(ascii: "}") {
            p.i += 1
        } else {
            while true {
                p.skipSpace()
                guard p.peek == UInt8(ascii: "\"") else { throw p.fail("expected a member name") }
                let key = try p.string()
                p.skipSpace()
                guard p.peek == UInt8(ascii: ":") else { throw p.fail("expected ':' after a member name") }
                p.i += 1
                p.skipSpace()
                out[key] = try p.field()
                p.skipSpace()
                if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                if p.peek == UInt8(ascii: "}") { p.i += 1; break }
                throw p.fail("expected ',' or '}'")
            }
        }
        p.skipSpace()
        guard p.i == p.n else { throw p.fail("text after the object") }
        return out
    }
}

/// The lexical layer of strict RFC 8259 JSON over UTF-8 bytes: white space, literals, numbers, strings with
/// escapes and surrogate pairs, and validation-only skipping of any value (explicit stack, `maxDepth`).
/// Shared by ``JSONObjectScanner`` (flat members) and ``JSONValue/parse(_:maxDepth:)`` (full tree).
struct JSONLexer {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    let maxDepth: Int
    var i = 0

    init(b: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.b = b
        self.n = b.count
        self.maxDepth = maxDepth
    }

    var peek: UInt8 { i < n ? b[i] : 0 }

    func fail(_ why: String) -> JSONScanError {
        .invalid(i >= n ? "\(why) (the line ends early)" : why, offset: i)
    }

    mutating func skipSpace() {
        while i < n, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    /// A member value: scalars materialized, containers skipped.
    mutating func field() throws(JSONScanError) -> JSONField {
        switch peek {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue()
            return .nested
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            let start = i
            try number()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let len = word.utf8CodeUnitCount
        guard i + len <= n else { throw fail("invalid literal") }
        let w = word.utf8Start
        for k in 0..<len where b[i + k] != w[k] { throw fail("invalid literal") }
        i += len
    }

    mutating func number() throws(JSONScanError) {
        func digit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if peek == UInt8(ascii: "-") { i += 1 }
        guard i < n, digit(b[i]) else { throw fail("invalid value") }
        if b[i] == 0x30 { i += 1 } else { while i < n, digit(b[i]) { i += 1 } }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard i < n, digit(b[i]) else { throw fail("invalid number") }
            while i < n, digit(b[i]) { i += 1 }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard i < n, digit(b[i]) else { throw fail("invalid number") }
            while i < n, digit(b[i]) { i += 1 }
        }
    }

    /// A string starting at `"`, unescaped. Copies only when it has escapes.
    mutating func string() throws(JSONScanError) -> String {
        i += 1
        let start = i
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw fail("control character in a string") }
            i += 1
        }
        throw fail("unterminated string")
    }

    mutating func escapedString(from start: Int) throws(JSONScanError) -> String {
        var out = Array(b[start..<i])
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("control character in a string") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < n else { break }
            switch b[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4(at: i + 1)
                i += 4
                if (0xD800...0xDBFF).contains(v) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard i + 2 < n, b[i + 1] == UInt8(ascii: "\\"), b[i + 2] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate")
                    }
                    let low = try hex4(at: i + 3)
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(v) {
                    throw fail("unpaired surrogate")
                }
                guard let scalar = Unicode.Scalar(v) else { throw fail("invalid escape") }
                out.append(contentsOf: String(scalar).utf8)
            default:
                throw fail("invalid escape")
            }
            i += 1
        }
        throw fail("unterminated string")
    }

    func hex4(at k: Int) throws(JSONScanError) -> UInt32 {
        guard k + 4 <= n else { throw fail("invalid \\u escape") }
        var v: UInt32 = 0
        for j in k..<(k + 4) {
            let c = b[j]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    /// Validates and skips any value, containers included, with an explicit stack.
    mutating func skipValue() throws(JSONScanError) {
        var stack: [UInt8] = [] // expected closers
        var expectValue = true
        while true {
            skipSpace()
            if expectValue {
                switch peek {
                case UInt8(ascii: "{"):
                    i += 1
                    skipSpace()
                    if peek == UInt8(ascii: "}") { i += 1; expectValue = false; break }
                    guard stack.count < maxDepth else { throw fail("nested deeper than \(maxDepth)") }
                    stack.append(UInt8(ascii: "}"))
                    guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                    _ = try string()
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    continue
                case UInt8(ascii: "["):
                    i += 1
                    skipSpace()
                    if peek == UInt8(ascii: "]") { i += 1; expectValue = false; break }
                    guard stack.count < maxDepth else { throw fail("nested deeper than \(maxDepth)") }
                    stack.append(UInt8(ascii: "]"))
                    continue
                case UInt8(ascii: "\""): _ = try string()
                case UInt8(ascii: "t"): try literal("true")
                case UInt8(ascii: "f"): try literal("false")
                case UInt8(ascii: "n"): try literal("null")
                default: try number()
                }
                expectValue = false
            }
            // After a value: close containers or continue with the next element.
            guard let closer = stack.last else { return }
            skipSpace()
            if peek == closer {
                i += 1
                stack.removeLast()
                continue
            }
            guard peek == UInt8(ascii: ",") else { throw fail("expected ',' or '\(Character(Unicode.Scalar(closer)))'") }
            i += 1
            if closer == UInt8(ascii: "}") {
                skipSpace()
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                _ = try string()
                skipSpace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
            }
            expectValue = true
        }
    }
}
