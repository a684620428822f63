// fuzz-modules: SkillMatcher
// The token trie `Matcher` against a naive reference matcher, both match kinds (DESIGN.md, "Matching
// semantics").
//
// Input: one byte giving the label count (1...16), then that many labels, each ending at `\n` (a label
// starting with `!` is exact-case, the `!` is dropped); the rest is the text. The reference tokenizes and
// normalizes the text, then tries every label at every token: leftmost-longest takes the longest accepted
// label at the leftmost start (all patterns of that length, in pattern order) and continues after it;
// overlapping lists every occurrence by start, then length, then pattern.
import Foundation
import SkillTokenizer
import SkillMatcher

private struct Hit: Equatable, CustomStringConvertible {
    var pattern: UInt32, value: UInt32, start: Int, end: Int, tokenStart: Int, tokenEnd: Int
    var description: String { "p\(pattern)@\(start)..<\(end)[t\(tokenStart)..<\(tokenEnd)]" }
}

private struct Reference {
    var tokenizer: Tokenizer
    var labels: [(tokens: [String], raw: [[UInt8]]?, value: UInt32)] = []

    mutating func add(_ label: String, value: UInt32, exactCase: Bool) -> Bool {
        let normalized = tokenizer.normalizedTokens(label)
        guard !normalized.isEmpty else { return false }
        var raw: [[UInt8]]?
        if exactCase {
            let bytes = Array(label.utf8)
            raw = tokenizer.tokenize(label).map { Array(bytes[$0.start..<$0.end]) }
        }
        labels.append((normalized, raw, value))
        return true
    }

    func matches(_ text: [UInt8]) -> (longest: [Hit], overlapping: [Hit]) {
        var tokens: [Token] = []
        var words: [String] = []
        text.withUnsafeBufferPointer { buf in
            tokenizer.tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            words = tokens.map { t in
                tokenizer.normalize(t, in: buf, into: &out)
                return String(decoding: out, as: UTF8.self)
            }
        }
        let n = tokens.count
        var starts: [[(pattern: Int, length: Int)]] = Array(repeating: [], count: n)
        for i in 0..<n {
            for (p, l) in labels.enumerated() where i + l.tokens.count <= n {
                guard Array(words[i..<(i + l.tokens.count)]) == l.tokens else { continue }
                if let raw = l.raw {
                    let same = raw.indices.allSatisfy { k in
                        Array(text[tokens[i + k].start..<tokens[i + k].end]) == raw[k]
                    }
                    guard same else { continue }
                }
                starts[i].append((p, l.tokens.count))
            }
            starts[i].sort { ($0.length, $0.pattern) < ($1.length, $1.pattern) }
        }
        func hit(_ p: Int, _ i: Int, _ len: Int) -> Hit {
            Hit(pattern: UInt32(p), value: labels[p].value, start: tokens[i].start, end: tokens[i + len - 1].end,
                tokenStart: i, tokenEnd: i + len)
        }
        var overlapping: [Hit] = []
        for i in 0..<n { for c in starts[i] { overlapping.append(hit(c.pattern, i, c.length)) } }
        var longest: [Hit] = []
        var i = 0
        while i < n {
            guard let len = starts[i].last?.length else { i += 1; continue }
            for c in starts[i] where c.length == len { longest.append(hit(c.pattern, i, len)) }
            i += len
        }
        return (longest, overlapping)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let fold = input.byte() & 0x80 == 0
    let count = Int(input.byte() % 16) + 1
    let tokenizer = Tokenizer(options: TokenizerOptions(foldDiacritics: fold))
    var builder = MatcherBuilder(tokenizer: tokenizer)
    var reference = Reference(tokenizer: tokenizer)
    for k in 0..<count where !input.isAtEnd {
        var bytes = Array(input.upTo(0x0A).prefix(80))
        let exact = bytes.first == UInt8(ascii: "!")
        if exact { bytes.removeFirst() }
        let label = String(decoding: bytes, as: UTF8.self)
        let value = UInt32(k * 7)
        let id = builder.add(label, value: value, exactCase: exact)
        let kept = reference.add(label, value: value, exactCase: exact)
        require((id != nil) == kept, "label \(label.debugDescription): builder and reference disagree on having tokens")
        if let id { require(Int(id.rawValue) == reference.labels.count - 1, "pattern IDs are not dense") }
    }
    let text = Array(input.rest())
    let matcher = builder.build()
    let expected = reference.matches(text)
    var scratch = MatchScratch()
    for kind in MatchKind.allCases {
        var out: [Match] = []
        text.withUnsafeBufferPointer { matcher.matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
        let got = out.map { Hit(pattern: $0.pattern.rawValue, value: $0.value, start: $0.start, end: $0.end,
                                tokenStart: $0.tokenStart, tokenEnd: $0.tokenEnd) }
        let want = kind == .leftmostLongest ? expected.longest : expected.overlapping
        require(got == want, "\(kind): matcher \(got) but reference \(want); labels \(reference.labels.map(\.tokens))")
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    func seed(_ labels: [String], _ text: String) -> [UInt8] {
        [0, UInt8(labels.count - 1)] + Array((labels.joined(separator: "\n") + "\n" + text).utf8)
    }
    return [
        ("longest", seed(["machine learning", "machine learning engineer", "learning"],
                         "Machine learning engineers; machine, learning; machine learning engineer.")),
        ("exact", seed(["!IT", "it", "!React", "react native"], "IT it React react React Native")),
        ("punct", seed(["CI/CD", "C++", ".NET", "node.js", "c#"], "ci / cd, CI/CD C++ c ++ .net ASP.NET Node.JS C#")),
        ("cjk", seed(["熟悉", "React", "Node.js开发"], "熟悉React和Node.js开发")),
        ("unicode", seed(["zürich", "ß", "ＪＡＶＡ", "Soft\u{AD}ware"], "ZURICH zürich SS ß java software Software")),
        ("same", seed(["python", "Python", "PYTHON", "!Python"], "python Python PYTHON")),
    ]
}
