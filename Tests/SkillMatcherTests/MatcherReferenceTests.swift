import SkillSynth
import XCTest
import SkillTokenizer
@testable import SkillMatcher

/// A deliberately simple matcher over normalized token strings: no trie, no vocabulary, no fast paths.
/// For every start token it tries every label's token sequence.
struct ReferenceMatcher {
    struct Label {
        var tokens: [Int]           // interned normalized token strings
        var raw: [[UInt8]]?         // raw token bytes of exact-case labels
        var value: UInt32
    }

    struct Hit: Equatable, CustomStringConvertible {
        var pattern: UInt32, value: UInt32, start: Int, end: Int, tokenStart: Int, tokenEnd: Int
        var description: String { "p\(pattern)@\(start)..<\(end)[t\(tokenStart)..<\(tokenEnd)]" }

        init(pattern: UInt32, value: UInt32, start: Int, end: Int, tokenStart: Int, tokenEnd: Int) {
            (self.pattern, self.value, self.start, self.end) = (pattern, value, start, end)
            (self.tokenStart, self.tokenEnd) = (tokenStart, tokenEnd)
        }

        init(_ m: Match) {
            self.init(pattern: m.pattern.rawValue, value: m.value, start: m.start, end: m.end,
                      tokenStart: m.tokenStart, tokenEnd: m.tokenEnd)
        }
    }

    let tokenizer: Tokenizer
    private(set) var labels: [Label] = []
    private var intern: [String: Int] = [:]

    init(tokenizer: Tokenizer) { self.tokenizer = tokenizer }

    /// Mirrors `MatcherBuilder.add`: labels without tokens get no pattern ID.
    mutating func add(_ label: String, value: UInt32, exactCase: Bool) {
        let normalized = tokenizer.normalizedTokens(label)
        guard !normalized.isEmpty else { return }
        let ids = normalized.map { s -> Int in
            if let id = intern[s] { return id }
            intern[s] = intern.count
            return intern.count - 1
        }
        var raw: [[UInt8]]?
        if exactCase {
            let bytes = Array(label.utf8)
            raw = tokenizer.tokenize(label).map { Array(bytes[$0.start..<$0.end]) }
        }
        labels.append(Label(tokens: ids, raw: raw, value: value))
    }

    func matches(_ bytes: [UInt8], kind: MatchKind) -> [Hit] {
        let both = allMatches(bytes)
        return kind == .leftmostLongest ? both.leftmostLongest : both.overlapping
    }

    /// Both kinds from one pass over the text.
    func allMatches(_ bytes: [UInt8]) -> (leftmostLongest: [Hit], overlapping: [Hit]) {
        var tokens: [Token] = []
        var normalized: [Int] = []
        bytes.withUnsafeBufferPointer { buf in
            tokenizer.tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            normalized = tokens.map { t in
                // Tokens inside URLs, e-mail addresses, paths and code never match (DESIGN.md, "Tokenizer").
                guard t.span == .prose else { return -1 }
                tokenizer.normalize(t, in: buf, into: &out)
                return intern[String(decoding: out, as: UTF8.self)] ?? -1
            }
        }
        let n = tokens.count

        func occurs(_ label: Label, at i: Int) -> Bool {
            let len = label.tokens.count
            guard i + len <= n else { return false }
            for k in 0..<len where normalized[i + k] != label.tokens[k] { return false }
            if let raw = label.raw {
                for k in 0..<len where Array(bytes[tokens[i + k].start..<tokens[i + k].end]) != raw[k] { return false }
            }
            return true
        }

        // All (pattern, length) occurrences at each start, ordered by length then pattern. Every label is
        // tried at every start; comparing first tokens from a flat array first only keeps debug builds fast.
        let firstTokens = labels.map { $0.tokens[0] }
        var candidates: [[(pattern: Int, length: Int)]] = Array(repeating: [], count: n)
        for i in 0..<n {
            let head = normalized[i]
            for p in firstTokens.indices where firstTokens[p] == head && occurs(labels[p], at: i) {
                candidates[i].append((p, labels[p].tokens.count))
            }
            candidates[i].sort { ($0.length, $0.pattern) < ($1.length, $1.pattern) }
        }

        func hit(_ p: Int, _ i: Int, _ len: Int) -> Hit {
            Hit(pattern: UInt32(p), value: labels[p].value, start: tokens[i].start, end: tokens[i + len - 1].end,
                tokenStart: i, tokenEnd: i + len)
        }

        var overlapping: [Hit] = []
        for i in 0..<n {
            for c in candidates[i] { overlapping.append(hit(c.pattern, i, c.length)) }
        }
        var leftmostLongest: [Hit] = []
        var i = 0
        while i < n {
            guard let longest = candidates[i].last?.length else {
                i += 1
                continue
            }
            for c in candidates[i] where c.length == longest { leftmostLongest.append(hit(c.pattern, i, longest)) }
            i += longest
        }
        return (leftmostLongest, overlapping)
    }
}

/// The key test: the trie matcher agrees exactly with ``ReferenceMatcher`` on random labels and texts.
final class MatcherReferenceTests: XCTestCase {
    /// A small vocabulary so that shared prefixes, nesting and overlaps are frequent. It mixes rule
    /// shapes (suffixes, dots, slashes) and non-ASCII words whose normal forms collide (`straße`/`strasse`,
    /// the two Greek spellings, `ＪＡＶＡ`/`java`, `café` with an extra combining accent, a soft hyphen inside `javascript`).
    static let words: [String] = [
        "python", "java", "javascript", "c", "c++", "c#", ".net", "asp.net", "node.js", "vue.js", "ci", "/", "cd",
        "tcp", "ip", "pl", "sql", "machine", "learning", "engineer", "data", "big", "science", "deep", "cloud",
        "aws", "s3", "docker", "kubernetes", "go", "it", "support", "react", "spring", "boot", "front", "end",
        "web", "3.5", "html5", "rust", "linux", "git", "a", "b", "&", "zürich", "zurich", "straße", "strasse",
        "łódź", "café", "café\u{301}", "ΣΊΣΥΦΟΣ", "σίσυφος", "开", "发", "熟悉", "개발자", "مهندس", "ＪＡＶＡ", "objective", "java\u{AD}script", "Ｃ＋＋", "ｎｏｄｅ．ｊｓ",
    ]

    static func caseVariant(_ word: String, _ rng: inout SplitMix64) -> String {
        switch rng.below(5) {
        case 0: return word.uppercased()
        case 1: return word.prefix(1).uppercased() + word.dropFirst()
        case 2: return word.lowercased()
        default: return word
        }
    }

    static let labelJoiners = [" ", " ", " ", " ", "-", "/", " / ", "\u{00A0}"]

    struct Generated {
        var labels: [(text: String, exact: Bool)]
        var labelWords: [[String]]
    }

    static func generateLabels(count: Int, _ rng: inout SplitMix64) -> Generated {
        var labels: [(text: String, exact: Bool)] = []
        var labelWords: [[String]] = []
        while labels.count < count {
            var parts: [String]
            if !labelWords.isEmpty, rng.chance(35) {
                // Extend or truncate an existing label: nested prefixes and shared heads.
                parts = rng.pick(labelWords)
                if parts.count < 4, rng.chance(70) {
                    parts.append(rng.pick(words))
                } else if parts.count > 1 {
                    parts.removeLast()
                }
            } else {
                parts = (0..<(1 + rng.below(4))).map { _ in rng.pick(words) }
            }
            let exact = rng.chance(15)
            let cased = parts.map { exact || rng.chance(30) ? caseVariant($0, &rng) : $0 }
            var text = cased[0]
            for p in cased.dropFirst() { text += rng.pick(labelJoiners) + p }
            labels.append((text, exact))
            labelWords.append(cased)
        }
        return Generated(labels: labels, labelWords: labelWords)
    }

    static let separators: [[UInt8]] = {
        let weighted: [(String, Int)] = [
            (" ", 50), (", ", 5), ("/", 5), ("-", 5), (". ", 5), ("\n", 3), ("\u{00A0}", 3), ("\u{200B}", 2),
            ("", 3), (" - ", 2), ("(", 2), (")", 2), ("+", 1), ("#", 1), (".", 2), ("🚀", 1), ("、", 1),
        ]
        var out: [[UInt8]] = []
        for (s, w) in weighted { out += Array(repeating: Array(s.utf8), count: w) }
        let invalid: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]]
        for bytes in invalid { out += Array(repeating: bytes, count: 1) }
        return out
    }()

    static func generateText(words count: Int, labels: Generated, _ rng: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        var emitted = 0
        while emitted < count {
            if rng.chance(30) {
                // Copy a label, re-cased at random (or kept as written, so exact-case labels can match).
                let parts = rng.pick(labels.labelWords)
                for (k, p) in parts.enumerated() {
                    bytes += Array((rng.chance(50) ? p : caseVariant(p, &rng)).utf8)
                    if k + 1 < parts.count {
                        bytes += rng.chance(85) ? Array(rng.pick(labelJoiners).utf8) : rng.pick(separators)
                    }
                }
                emitted += parts.count
            } else {
                bytes += Array(caseVariant(rng.pick(words), &rng).utf8)
                emitted += 1
            }
            bytes += rng.pick(separators)
        }
        return bytes
    }

    static func firstDifference(_ a: [ReferenceMatcher.Hit], _ b: [ReferenceMatcher.Hit]) -> Int {
        for k in 0..<min(a.count, b.count) where a[k] != b[k] { return k }
        return min(a.count, b.count)
    }

    func runAgreement(seed: UInt64, labelCount: Int, textWords: Int, tokenizer: Tokenizer,
                      stats: inout (matches: Int, longest: Int, exact: Int)) {
        var rng = SplitMix64(seed: seed)
        let generated = Self.generateLabels(count: labelCount, &rng)
        var builder = MatcherBuilder(tokenizer: tokenizer)
        var reference = ReferenceMatcher(tokenizer: tokenizer)
        for (k, l) in generated.labels.enumerated() {
            let value = UInt32(k * 7 + 3)
            XCTAssertNotNil(builder.add(l.text, value: value, exactCase: l.exact), "seed \(seed): label \(l.text)")
            reference.add(l.text, value: value, exactCase: l.exact)
        }
        let matcher = builder.build()
        XCTAssertEqual(matcher.patternCount, reference.labels.count)
        var scratch = MatchScratch()
        for textIndex in 0..<3 {
            let text = Self.generateText(words: textWords, labels: generated, &rng)
            let referenceHits = reference.allMatches(text)
            for kind in MatchKind.allCases {
                var out: [Match] = []
                text.withUnsafeBufferPointer { matcher.matches(in: $0, kind: kind, scratch: &scratch, into: &out) }
                let fast = out.map(ReferenceMatcher.Hit.init)
                let slow = kind == .leftmostLongest ? referenceHits.leftmostLongest : referenceHits.overlapping
                if fast != slow {
                    let firstDiff = Self.firstDifference(fast, slow)
                    let context = { (h: [ReferenceMatcher.Hit]) -> String in
                        h[firstDiff..<min(h.count, firstDiff + 3)].map { hit in
                            "\(hit) \(matcher.label(PatternID(rawValue: hit.pattern)).debugDescription) on "
                                + String(decoding: text[hit.start..<hit.end], as: UTF8.self).debugDescription
                        }.joined(separator: "; ")
                    }
                    XCTFail("""
                        seed \(seed) text \(textIndex) \(kind.rawValue) fold=\(tokenizer.options.foldDiacritics): \
                        \(fast.count) fast vs \(slow.count) reference matches; first difference at #\(firstDiff): \
                        fast [\(context(fast))] reference [\(context(slow))]
                        """)
                    return
                }
                stats.matches += fast.count
                stats.longest = max(stats.longest, fast.map { $0.tokenEnd - $0.tokenStart }.max() ?? 0)
                stats.exact += fast.filter { generated.labels[Int($0.pattern)].exact }.count
            }
        }
    }

    func testAgreesWithReferenceOnRandomLabelsAndTexts() {
        let labelCounts = [50, 200, 500, 1000, 2000]
        var stats = (matches: 0, longest: 0, exact: 0)
        for seed in UInt64(1)...20 {
            runAgreement(seed: seed, labelCount: labelCounts[Int(seed) % labelCounts.count], textWords: 2000,
                         tokenizer: Tokenizer(), stats: &stats)
        }
        // The generator must actually exercise the interesting cases.
        XCTAssertGreaterThan(stats.matches, 50_000)
        XCTAssertGreaterThanOrEqual(stats.longest, 4)
        XCTAssertGreaterThan(stats.exact, 500)
    }

    func testAgreesWithReferenceWithoutDiacriticFolding() {
        var stats = (matches: 0, longest: 0, exact: 0)
        for seed in UInt64(101)...106 {
            runAgreement(seed: seed, labelCount: 300 + Int(seed % 4) * 400, textWords: 1500,
                         tokenizer: Tokenizer(options: .init(foldDiacritics: false)), stats: &stats)
        }
        XCTAssertGreaterThan(stats.matches, 5_000)
    }

    /// Many duplicate and twin labels (same normalized text, different case flags and values).
    func testAgreesWithReferenceOnDuplicateHeavyLabels() {
        var stats = (matches: 0, longest: 0, exact: 0)
        for seed in UInt64(201)...210 {
            var rng = SplitMix64(seed: seed)
            // Tiny label set drawn from very few words: nearly every label is a duplicate or a prefix.
            var builder = MatcherBuilder()
            var reference = ReferenceMatcher(tokenizer: Tokenizer())
            let few = ["it", "IT", "It", "support", "Support", "c++", "C++", "/", "ci", "CI", "cd"]
            var labelWords: [[String]] = []
            for k in 0..<120 {
                let parts = (0..<(1 + rng.below(3))).map { _ in rng.pick(few) }
                let exact = rng.chance(40)
                let text = parts.joined(separator: " ")
                builder.add(text, value: UInt32(k), exactCase: exact)
                reference.add(text, value: UInt32(k), exactCase: exact)
                labelWords.append(parts)
            }
            let matcher = builder.build()
            var bytes: [UInt8] = []
            for _ in 0..<3000 {
                bytes += Array(rng.pick(few).utf8)
                bytes += rng.chance(85) ? [0x20] : rng.pick(Self.separators)
            }
            for kind in MatchKind.allCases {
                let fast = matcher.matches(inBytes: bytes, kind: kind).map(ReferenceMatcher.Hit.init)
                let slow = reference.matches(bytes, kind: kind)
                XCTAssertEqual(fast.count, slow.count, "seed \(seed) \(kind)")
                XCTAssertTrue(fast == slow, "seed \(seed) \(kind): first difference at #\(Self.firstDifference(fast, slow))")
                stats.matches += fast.count
            }
        }
        XCTAssertGreaterThan(stats.matches, 10_000)
    }

    /// The reference itself, on a hand-checked case, so that agreement means something.
    func testReferenceMatcherSanity() {
        var reference = ReferenceMatcher(tokenizer: Tokenizer())
        reference.add("machine learning", value: 1, exactCase: false)
        reference.add("machine learning engineer", value: 2, exactCase: false)
        reference.add("IT", value: 3, exactCase: true)
        let text = Array("Machine Learning engineer, it, IT, machine learning".utf8)
        XCTAssertEqual(reference.matches(text, kind: .leftmostLongest).map(\.pattern), [1, 2, 0])
        XCTAssertEqual(reference.matches(text, kind: .overlapping).map(\.pattern), [0, 1, 2, 0])
        XCTAssertEqual(reference.matches(text, kind: .leftmostLongest).first?.end, 25)
    }
}
