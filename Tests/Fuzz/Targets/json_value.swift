// fuzz-modules: SkillIngest
// `JSONValue.parse` (the materializing parser behind JSON-LD) against the naive reference parser.
//
// Invariants: no crash or stack exhaustion at any depth; with the depth limit `maxDepth` (taken from the
// input's length, 1...12, and the default 64): when every value lies fewer than `maxDepth` containers deep
// the parse succeeds exactly when the reference's does, with the same tree (members in order, duplicates
// kept, strings unescaped, numbers as written); containers nested more than `maxDepth` deep are rejected.
import Foundation
import SkillIngest

private func ref(_ v: JSONValue) -> RefJSON {
    switch v {
    case .null: .null
    case .bool(let b): .bool(b)
    case .number(let n): .number(n)
    case .string(let s): .string(s)
    case .array(let a): .array(a.map(ref))
    case .object(let m): .object(m.map { RefJSON.Member(key: $0.0, value: ref($0.1)) })
    }
}

/// How many containers enclose the deepest value (an empty container counts as a value, not its inside).
private func level(_ v: RefJSON) -> Int {
    switch v {
    case .array(let a) where !a.isEmpty: 1 + a.map(level).max()!
    case .object(let m) where !m.isEmpty: 1 + m.map { level($0.value) }.max()!
    default: 0
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let valid = isValidUTF8(bytes)
    let expected = valid ? (try? RefJSON.parse(bytes)) : nil
    for maxDepth in [1 + size % 12, 64] {
        let got = Result { () throws(JSONScanError) in try JSONValue.parse(bytes, maxDepth: maxDepth) }
        if case .failure(.invalid(_, let offset)) = got {
            require(offset >= 0 && offset <= size, "error offset \(offset) outside the input")
        }
        guard valid else { continue }
        let text = String(decoding: bytes, as: UTF8.self).debugDescription
        switch (expected, got) {
        case (let want?, .success(let v)):
            require(want.depth <= maxDepth, "accepted nesting \(want.depth) deeper than maxDepth \(maxDepth): \(text)")
            require(ref(v) == want, "JSONValue \(ref(v)) but reference \(want) for \(text)")
        case (let want?, .failure):
            require(level(want) >= maxDepth, "rejected valid JSON \(text) (level \(level(want)), maxDepth \(maxDepth))")
        case (nil, .success(let v)):
            require(false, "accepted invalid JSON \(text) as \(ref(v))")
        case (nil, .failure):
            break
        }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let texts = [
        #"{"@context":"https://schema.org","@type":"JobPosting","title":"Dev","datePosted":"2021-03-04","x":[1,-2.5e3,true,null,{"a":"\u00e9\ud83d\ude00"}]}"#,
        #"{"a":1,"a":2}"#, "[]", "[[]]", "[[1]]", "{\"a\":{}}", " 0 ", "-0.0E+0", "\"\\ud800\"", "[1,]", "{\"a\"}",
        String(repeating: "[", count: 70) + String(repeating: "]", count: 70),
        String(repeating: "{\"a\":", count: 20) + "1" + String(repeating: "}", count: 20),
    ]
    return HostileSeeds.all + texts.enumerated().map { ("json-\($0.offset)", Array($0.element.utf8)) }
}
