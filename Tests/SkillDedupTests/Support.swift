import SkillDedup
import SkillSynth
import SkillTokenizer

/// Seeded random numbers for reproducible test corpora (the shared SplitMix64).
typealias SeededRandom = SplitMix64

enum Corpus {
    /// A vocabulary of 4,000 pronounceable made-up words.
    static let words: [String] = {
        let syllables = ["ka", "lo", "mi", "ter", "pra", "sun", "dex", "vo", "rin", "ga", "tho", "bel", "qui", "zor",
                         "fen", "lu", "mar", "nok", "pel", "stu"]
        var out: [String] = []
        for a in syllables { for b in syllables { for c in syllables.prefix(10) { out.append(a + b + c) } } }
        return out
    }()

    static func text(words n: Int, rng: inout SeededRandom) -> [String] {
        (0..<n).map { _ in words[rng.below(words.count)] }
    }

    /// `text` with `edits` words replaced at distinct positions spread over the text.
    static func edited(_ text: [String], edits: Int, rng: inout SeededRandom) -> [String] {
        var out = text
        guard edits > 0 else { return out }
        let step = text.count / edits
        for e in 0..<edits {
            let pos = e * step + rng.below(max(1, step / 2))
            var w = words[rng.below(words.count)]
            while w == out[pos] { w = words[rng.below(words.count)] }
            out[pos] = w
        }
        return out
    }
}

/// The naive reference: shingles as sets of strings of normalized words (punctuation dropped).
enum NaiveShingles {
    static func set(_ text: String, k: Int) -> Set<String> {
        let tokenizer = Tokenizer()
        let tokens = tokenizer.tokenize(text).filter { $0.rule != .punct }.map { tokenizer.normalized($0, in: text) }
        guard !tokens.isEmpty else { return [] }
        let kk = min(k, tokens.count)
        return Set((0...(tokens.count - kk)).map { tokens[$0..<($0 + kk)].joined(separator: " ") })
    }

    static func jaccard(_ a: String, _ b: String, k: Int = 5) -> Double {
        let x = set(a, k: k), y = set(b, k: k)
        if x.isEmpty && y.isEmpty { return 1 }
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }
}
