// fuzz-modules: SkillIngest
// `JSONObjectScanner` on arbitrary bytes, against a naive recursive-descent RFC 8259 parser.
//
// Invariants: no crash or unbounded recursion; an error's offset lies within the input; on valid UTF-8
// the scanner accepts exactly when the reference parses an object (and says "not an object" exactly
// when it parses another value), with the same members (last duplicate wins) and values: strings
// unescaped, numbers as written, booleans, null, containers as `.nested`. Unpaired `\u` surrogates are
// errors in both (the scanner's documented choice). Inputs nested 400 or more deep are left out of the
// comparison (the scanner's depth limit, 512, is counted on non-empty containers).
//
// Foundation's `JSONSerialization` is not the reference here: on Linux (Swift 6.3) it accepts trailing
// commas (`{"a":[1,]}`), which RFC 8259 and the scanner reject.
import Foundation
import SkillIngest

/// The scanner's view of a reference value: scalars as they are, containers `.nested`.
private func field(_ v: RefJSON) -> JSONField {
    switch v {
    case .null: .null
    case .bool(let b): .bool(b)
    case .number(let n): .number(n)
    case .string(let s): .string(s)
    case .array, .object: .nested
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let result = Result { () throws(JSONScanError) in try JSONObjectScanner().scan(bytes) }
    if case .failure(.invalid(_, let offset)) = result {
        require(offset >= 0 && offset <= size, "error offset \(offset) outside the input of \(size) bytes")
    }
    guard isValidUTF8(bytes), bracketDepth(bytes) < 400 else { return 0 }
    let expected = Result { () throws -> [String: JSONField]? in
        guard case .object(let members) = try RefJSON.parse(bytes) else { return nil }
        var out: [String: JSONField] = [:]
        for m in members { out[m.key] = field(m.value) } // the last duplicate wins
        return out
    }
    let text = String(decoding: bytes, as: UTF8.self).debugDescription
    switch (expected, result) {
    case (.success(.some(let want)), .success(let got)):
        require(want == got, "members differ on \(text): reference \(want), scanner \(got)")
    case (.success(.none), .failure(.notAnObject)), (.failure, .failure(.invalid)):
        break
    default:
        require(false, "disagreement on \(text): reference \(expected), scanner \(result)")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let lines = [
        #"{"id": 12, "title":"C++ \"dev\"", "x":[1,{"a":[]}], "t":true, "n":null, "e":"\u00e9\ud83d\ude00\n"}"#,
        #"{"a":1,"a":2}"#, "{}", "[1,2]", "\"s\"", "12", "true", "null", "{\"a\":-0.5e+10,\"b\":0E0}",
        #"{"a":"\ud800"}"#, #"{"a":"\udc00\ud800"}"#, "{\"a\":[1,]}", "{\"a\":01}", "{\"k\":\"\u{7F}\"}",
        "{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
        "{\"é\":1,\"e\u{301}\":2}", " \t\r\n{ \"x\" : { \"y\" : [ true , false , null ] } } \n",
    ]
    return HostileSeeds.all + lines.enumerated().map { ("json-\($0.offset)", Array($0.element.utf8)) }
}
