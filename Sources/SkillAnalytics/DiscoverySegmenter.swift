import Foundation

/// Chinese word segmentation for new-term discovery (pure; the word list is loaded by the pipeline).
///
/// Maximum-probability segmentation over the DAG of dictionary words, as jieba does without its HMM: among all
/// ways to cut a run of CJK characters into dictionary words (a character not in the list is a word of
/// frequency 1), the one with the largest product of word probabilities `freq / total`.
public struct ChineseSegmenter: Sendable {
    /// The word classes discovery needs, from jieba's part-of-speech tags.
    public enum WordClass: UInt8, Sendable, Hashable {
        /// n, nr, ns, nt, nz, ng, nrt, nrfg, eng, j (abbreviation), an (noun-like adjective).
        case noun
        /// vn: a verb used as a noun (服务, 测试).
        case verbalNoun
        /// f: localizer (前端, 后端).
        case localizer
        /// l: set phrase (自动化).
        case phrase
        /// v, vd, vg, vi, vq.
        case verb
        /// a, ad, ag.
        case adjective
        /// d, df, dg.
        case adverb
        /// p, c, r, u (all), y, e, o: prepositions, conjunctions, pronouns, particles, interjections.
        case function
        /// m, mq, mg, q: numerals and measure words.
        case numeral
        /// k: a suffix (者).
        case suffix
        /// b, i, s, t, x, z, g, h and anything else; also a character not in the list.
        case other

        public init(tag: Substring) {
            switch tag {
            case "vn": self = .verbalNoun
            case "f": self = .localizer
            case "l": self = .phrase
            case "eng", "j", "an": self = .noun
            case "k": self = .suffix
            case "y", "e", "o": self = .function
            default:
                switch tag.first {
                case "n": self = .noun
                case "v": self = .verb
                case "a": self = .adjective
                case "d": self = .adverb
                case "p", "c", "r", "u": self = .function
                case "m", "q": self = .numeral
                default: self = .other
                }
            }
        }

        /// May end a term of several words (its head): nouns, verbal nouns, localizers, set phrases.
        public var isNounLike: Bool { self == .noun || self == .verbalNoun || self == .localizer || self == .phrase }
        /// May not start a term of several words.
        public var cannotStart: Bool {
            switch self {
            case .verb, .adverb, .function, .numeral, .suffix: true
            default: false
            }
        }
        /// Is not a term on its own (one-word candidate).
        public var notATerm: Bool {
            switch self {
            case .verb, .adjective, .adverb, .function, .numeral, .suffix: true
            default: false
            }
        }
    }

    /// One word of a segmentation: its length in characters and class.
    public struct Word: Sendable, Hashable {
        public var length: Int
        public var wordClass: WordClass
        public init(length: Int, wordClass: WordClass) {
            self.length = length
            self.wordClass = wordClass
        }
    }

    struct Entry: Sendable {
        /// log(freq) − log(total); nil for a prefix that is not itself a word.
        var logP: Double?
        var wordClass: WordClass
    }

    let entries: [String: Entry]
    let maxLength: Int
    let unknownLogP: Double

    /// Builds the segmenter from (word, frequency, jieba tag) entries; a later entry of the same word wins.
    public init<S: Sequence>(words: S) where S.Element == (word: String, freq: Int, tag: Substring) {
        var e: [String: Entry] = [:]
        var total = 0.0
        var maxLen = 1
        for (w, f, tag) in words where f > 0 && !w.isEmpty {
            total += Double(f)
            e[w] = Entry(logP: log(Double(f)), wordClass: WordClass(tag: tag))
            let chars = Array(w)
            maxLen = max(maxLen, chars.count)
            var prefix = ""
            for c in chars.dropLast() {
                prefix.append(c)
                if e[prefix] == nil { e[prefix] = Entry(logP: nil, wordClass: .other) }
            }
        }
        let logTotal = log(max(total, 1))
        for (k, v) in e where v.logP != nil { e[k]?.logP = v.logP! - logTotal }
        entries = e
        maxLength = maxLen
        unknownLogP = -logTotal
    }

    /// Words in the list.
    public var wordCount: Int { entries.values.reduce(0) { $0 + ($1.logP == nil ? 0 : 1) } }

    /// Whether the list knows `word` as a word.
    public func contains(_ word: String) -> Bool { entries[word]?.logP != nil }

    /// A known word's frequency on the Zipf scale (log10 of occurrences per billion words of the list's corpus:
    /// 概念 4.9, 内存 4.2, 动画 3.6, 鸿蒙 2.4), comparable with the English word-frequency list's; nil when unknown.
    public func zipf(_ word: String) -> Double? { entries[word]?.logP.map { $0 / log(10) + 9 } }

    /// The class of a known word.
    public func wordClass(_ word: String) -> WordClass? { entries[word].flatMap { $0.logP == nil ? nil : $0.wordClass } }

    /// Segments a run of CJK characters (each element one character) into words, in order.
    public func segment(_ chars: [String]) -> [Word] {
        let n = chars.count
        guard n > 0 else { return [] }
        // Best (log probability, word end) from each position to the end.
        var best = [Double](repeating: 0, count: n + 1)
        var next = [Int](repeating: n, count: n + 1)
        var cls = [WordClass](repeating: .other, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let single = entries[chars[i]]
            var bestScore = (single?.logP ?? unknownLogP) + best[i + 1]
            var bestEnd = i + 1
            var bestClass = single?.logP == nil ? WordClass.other : single!.wordClass
            var w = chars[i]
            var j = i + 1
            while j < n, j - i < maxLength {
                w += chars[j]
                guard let e = entries[w] else { break }
                j += 1
                if let lp = e.logP, lp + best[j] > bestScore {
                    bestScore = lp + best[j]
                    bestEnd = j
                    bestClass = e.wordClass
                }
            }
            best[i] = bestScore
            next[i] = bestEnd
            cls[i] = bestClass
        }
        var out: [Word] = []
        var i = 0
        while i < n {
            out.append(Word(length: next[i] - i, wordClass: cls[i]))
            i = next[i]
        }
        return out
    }
}
