// A naive JSON parser for the fuzz targets' comparisons: recursive descent straight from the RFC 8259
// grammar, materializing everything. Unpaired `\u` surrogate escapes are errors (the product's choice).
// Recursion is bounded by the input length; callers keep inputs small (run.sh: 4 KB).

/// A JSON value as the reference parses it; objects keep members in document order, duplicates included.
indirect enum RefJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([RefJSON])
    case object([Member])

    struct Member: Equatable {
        var key: String
        var value: RefJSON
    }

    struct Invalid: Error {}

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n
        case .string(let s): s.debugDescription
        case .array(let a): "[" + a.map(\.description).joined(separator: ",") + "]"
        case .object(let m): "{" + m.map { "\($0.key.debugDescription):\($0.value)" }.joined(separator: ",") + "}"
        }
    }

    /// One JSON text with optional surrounding white space.
    static func parse(_ bytes: some Collection<UInt8>) throws -> RefJSON {
        var p = RefJSONParser(b: Array(bytes))
        p.space()
        let v = try p.value()
        p.space()
        guard p.i == p.b.count else { throw Invalid() }
        return v
    }

    /// Nesting depth: 0 for a scalar, 1 for a container of scalars (empty or not), and so on.
    var depth: Int {
        switch self {
        case .array(let a): 1 + (a.map(\.depth).max() ?? 0)
        case .object(let m): 1 + (m.map(\.value.depth).max() ?? 0)
        default: 0
        }
    }
}

/// The deepest bracket nesting in raw bytes, an upper bound on the depth of any JSON they hold.
func bracketDepth(_ bytes: some Sequence<UInt8>) -> Int {
    var depth = 0, deepest = 0
    for b in bytes {
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1; deepest = max(deepest, depth) }
        if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth -= 1 }
    }
    return deepest
}

private struct RefJSONParser {
    let b: [UInt8]
    var i = 0
    typealias Invalid = RefJSON.Invalid

    var peek: UInt8? { i < b.count ? b[i] : nil }
    mutating func space() { while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } }
    mutating func expect(_ c: UInt8) throws { guard peek == c else { throw Invalid() }; i += 1 }

    mutating func value() throws -> RefJSON {
        switch peek {
        case UInt8(ascii: "{"):
            i += 1
            var members: [RefJSON.Member] = []
            space()
            if peek == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                space()
                let key = try string()
                space()
                try expect(UInt8(ascii: ":"))
                space()
                members.append(.init(key: key, value: try value()))
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        case UInt8(ascii: "["):
            i += 1
            var elements: [RefJSON] = []
            space()
            if peek == UInt8(ascii: "]") { i += 1; return .array(elements) }
            while true {
                space()
                elements.append(try value())
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return .array(elements)
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func word(_ w: String) throws {
        for c in w.utf8 { try expect(c) }
    }

    mutating func digits() -> Int {
        let s = i
        while let c = peek, c >= 0x30, c <= 0x39 { i += 1 }
        return i - s
    }

    mutating func number() throws -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") { i += 1 } else {
            guard let c = peek, c >= 0x31, c <= 0x39 else { throw Invalid() }
            _ = digits()
        }
        if peek == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw Invalid() } }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw Invalid() }
        }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= b.count else { throw Invalid() }
        var v: UInt32 = 0
        for c in b[i..<(i + 4)] {
            switch c {
            case 0x30...0x39: v = v << 4 | UInt32(c - 0x30)
            case 0x41...0x46: v = v << 4 | UInt32(c - 0x41 + 10)
            case 0x61...0x66: v = v << 4 | UInt32(c - 0x61 + 10)
            default: throw Invalid()
            }
        }
        i += 4
        return v
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard let c = peek else { throw Invalid() }
            i += 1
            if c == UInt8(ascii: "\"") { flush(); return String(scalars) }
            if c < 0x20 { throw Invalid() }
            if c != UInt8(ascii: "\\") { raw.append(c); continue }
            flush()
            guard let e = peek else { throw Invalid() }
            i += 1
            switch e {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xDC00...0xDFFF).contains(v) { throw Invalid() }
                if (0xD800...0xDBFF).contains(v) {
                    try expect(UInt8(ascii: "\\"))
                    try expect(UInt8(ascii: "u"))
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Invalid() }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(v) else { throw Invalid() }
                scalars.append(u)
            default:
                throw Invalid()
            }
        }
    }
}
