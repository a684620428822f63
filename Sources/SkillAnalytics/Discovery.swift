import Foundation
import SkillOccupations

/// One token of a posting as discovery sees it: normalized text, whether a taxonomy label match covers it,
/// and its kind. The CLI produces these with the product tokenizer and the taxonomy matcher (overlapping
/// matches), so this module stays free of both.
public struct DiscoveryToken: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        /// Letters (with digits); `python`, `c++`, `node.js`.
        case word
        /// One CJK character.
        case cjk
        /// Digits only (`2023`, `3.5`).
        case number
        /// Punctuation: n-grams never span it.
        case punct
    }

    public var text: String
    public var kind: Kind
    /// Inside a taxonomy label match.
    public var covered: Bool
    /// Byte range in the posting's matched text (title, blank line, text).
    public var start: Int
    public var end: Int
    /// For a CJK character of segmented text: the dictionary word it belongs to (nil: text not segmented, every
    /// character sequence is a candidate as before).
    public var word: CJKWordPosition?

    public init(text: String, kind: Kind, covered: Bool, start: Int, end: Int, word: CJKWordPosition? = nil) {
        self.text = text
        self.kind = kind
        self.covered = covered
        self.start = start
        self.end = end
        self.word = word
    }
}

/// Where a CJK character sits in its word (``ChineseSegmenter``): first and/or last character, the word's class
/// and length in characters.
public struct CJKWordPosition: Sendable, Hashable {
    public var isFirst: Bool
    public var isLast: Bool
    public var wordClass: ChineseSegmenter.WordClass
    public var length: Int

    public init(isFirst: Bool, isLast: Bool, wordClass: ChineseSegmenter.WordClass, length: Int) {
        self.isFirst = isFirst
        self.isLast = isLast
        self.wordClass = wordClass
        self.length = length
    }
}

extension DiscoveryToken {
    /// Marks the CJK characters of `tokens` with their word: each run of adjacent CJK characters (no gap between
    /// them) is segmented by `segmenter`, covered characters included (segmentation is about the text).
    public static func segment(_ tokens: inout [DiscoveryToken], with segmenter: ChineseSegmenter) {
        var k = 0
        while k < tokens.count {
            guard tokens[k].kind == .cjk else { k += 1; continue }
            var e = k + 1
            while e < tokens.count, tokens[e].kind == .cjk, tokens[e].start == tokens[e - 1].end { e += 1 }
            var at = k
            for w in segmenter.segment(tokens[k..<e].map(\.text)) {
                for c in 0..<w.length {
                    tokens[at + c].word = CJKWordPosition(isFirst: c == 0, isLast: c == w.length - 1,
                                                          wordClass: w.wordClass, length: w.length)
                }
                at += w.length
            }
            k = e
        }
    }
}

/// A posting prepared for discovery.
public struct DiscoveryDocument: Sendable {
    public var postingID: Int64
    public var month: String?
    public var employer: String?
    public var title: String
    /// The text the tokens' byte offsets refer to.
    public var text: String
    public var tokens: [DiscoveryToken]
    /// Concepts the posting mentions (from the store).
    public var skills: [String]

    public init(postingID: Int64, month: String?, employer: String?, title: String, text: String,
                tokens: [DiscoveryToken], skills: [String]) {
        self.postingID = postingID
        self.month = month
        self.employer = employer
        self.title = title
        self.text = text
        self.tokens = tokens
        self.skills = skills
    }
}

/// Parameters of new-term discovery.
public struct DiscoveryParameters: Sendable, Hashable {
    /// Longest n-gram, in tokens.
    public var maxN = 4
    /// A posting is an ICT posting when it mentions at least this many distinct taxonomy concepts.
    public var minSkills = 2
    /// Growth statistics and thresholds (min support = ICT postings containing the term over both windows).
    public var growth = EmergingParameters()
    /// Candidates kept after counting (most frequent first) before the growth model; bounds memory.
    public var maxCandidates = 20_000
    public var examples = 3
    public var cooccurring = 5
    /// Also offer normalized job titles (not covered by a label) as candidates.
    public var titles = true
    /// The termhood test (``Termhood``): a candidate made only of general-language words is listed only when it
    /// occurs next to taxonomy skills at least as often as the corpus' average candidate.
    public var termhood = true
    /// "Next to a skill": a taxonomy match within this many half-words (a word counts 2, a CJK character or a
    /// punctuation mark 1) in the same sentence.
    public var contextWindow = 8

    public init() {}
}

/// A candidate term with its growth statistics, examples and co-occurring skills.
public struct DiscoveredTerm: Sendable, Codable, Hashable {
    /// `ngram` or `title`.
    public var kind: String
    public var term: String
    /// ICT postings containing it (whole corpus).
    public var postings: Int
    public var growth: EmergingSkill
    /// (posting id, snippet) of the latest postings containing it.
    public var examples: [Example]
    /// Taxonomy concepts most often mentioned together with it: (concept, postings together).
    public var cooccurring: [CoSkill]

    public init(kind: String, term: String, postings: Int, growth: EmergingSkill, examples: [Example] = [],
                cooccurring: [CoSkill] = []) {
        self.kind = kind
        self.term = term
        self.postings = postings
        self.growth = growth
        self.examples = examples
        self.cooccurring = cooccurring
    }

    public struct Example: Sendable, Codable, Hashable {
        public var postingID: Int64
        public var snippet: String
    }

    public struct CoSkill: Sendable, Codable, Hashable {
        public var conceptID: String
        public var label: String
        public var postings: Int

        public init(conceptID: String, label: String, postings: Int) {
            self.conceptID = conceptID
            self.label = label
            self.postings = postings
        }
    }
}

/// Stop words (English, German, Chinese function characters) and URL/markup fragments: a candidate may not
/// start or end with one, nor consist only of them. Language data, kept apart from the algorithm.
public enum DiscoveryStopWords {
    public static let words: Set<String> = Set("""
    a about above after again all also am an and any are as at be because been before being below between both
    but by can could did do does doing down during each either etc few for from further had has have having he
    her here hers him his how i if in into is it its itself just k let like may me more most must my no nor not
    now of off on once only or other our ours out over own per please same she should so some such than that the
    their them then there these they this those through to too under until up us very via was we were what when
    where which while who whom why will with within without would you your yours able new good great strong
    looking work working team join experience years year company role position job jobs apply using use used
    including include well based make help want need part time full remote office day days like skills skill
    knowledge ability e.g i.e get also plus bonus nice key great day-to-day one two three first
    der die das und oder mit für von zu im in den dem des ein eine einen einer ist sind wir sie ihr ihre bei auf
    als auch aus wie nach über unter zum zur sowie sehr gute gutes guter kenntnisse erfahrung m w d
    http https www com org net html io md mailto redacted email phone re ll ve don isn aren doesn
    的 了 和 与 及 或 在 是 有 为 我 你 他 们 这 那 等 能 会 对 将 也 都 就 而 并 及 其 中 上 下 个 到 以 于 从 被 把 让
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Chinese suffix characters (容器化, 可用性, 分布式, 开发者): as a one-character word at the start of a
    /// segmented candidate they are the tail of the word before it (容器[化技术]), not a term's first word.
    public static let cjkSuffixes: Set<String> = ["化", "性", "式", "型", "类", "者", "率", "度", "级"]

    /// Two-character Chinese job-ad phrases ("familiar with", "priority", "team", "salary"...): a CJK candidate
    /// may not start or end with one.
    public static let cjkPairs: Set<String> = Set("""
    熟悉 具备 负责 优先 经验 能力 相关 以上 以及 我们 公司 工作 进行 参与 要求 岗位 职位 薪资 福利 团队 提供 需要
    具有 良好 使用 了解 掌握 快速 最近 正确 精通 可以 或者 包括 其他 通过 以下 各种 一定 至少 欢迎 加入 招聘 简历
    熟练 运用
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}

/// Finds candidate terms in documents and counts them (pure; the CLI feeds documents twice).
public struct TermDiscovery: Sendable {
    public let parameters: DiscoveryParameters
    /// General-language words (lower case; the shipped English word-frequency list): see ``Termhood``.
    public let generalWords: Set<String>

    public init(parameters: DiscoveryParameters, generalWords: Set<String> = []) {
        self.parameters = parameters
        self.generalWords = generalWords
    }

    static let sep: Character = "\u{1F}"

    /// The candidate n-grams of a document: internal key (tokens joined by U+001F) → first byte range.
    /// Rules: 1…maxN consecutive tokens (CJK characters count half), none covered by a label match, no punctuation inside, no number token,
    /// first and last token not a stop word, one-letter words and lone CJK characters excluded.
    public func candidates(_ tokens: [DiscoveryToken], only: Set<UInt64>? = nil) -> [String: Range<Int>] {
        var out: [String: Range<Int>] = [:]
        forEachCandidate(tokens) { hash, i, j in
            if let only, !only.contains(hash) { return }
            let key = tokens[i...j].map(\.text).joined(separator: String(Self.sep))
            if out[key] == nil { out[key] = tokens[i].start..<tokens[j].end }
        }
        return out
    }

    /// Calls `body(hash, first, last)` for each candidate occurrence (token indices, inclusive); the hash is
    /// ``keyHash(_:)`` of the candidate's key, computed without building the string.
    func forEachCandidate(_ tokens: [DiscoveryToken], _ body: (UInt64, Int, Int) -> Void) {
        let stop = DiscoveryStopWords.words
        var isStop = [Bool](repeating: false, count: tokens.count)
        for (k, t) in tokens.enumerated() { isStop[k] = stop.contains(t.text) || Self.isURLLike(t.text) }
        // Per token, once (a token is visited by up to 2·maxN candidates): a word with a letter (`3+`, `5+` of
        // "5+ years" are numbers), and a one-character word.
        let hasLetter = tokens.map { $0.kind == .word && $0.text.contains(where: \.isLetter) }
        let oneCharacterWord = tokens.map { $0.kind == .word && $0.text.count < 2 }
        // Two-character CJK stop phrases: `pairAt[k]` = tokens k, k+1 form one.
        var pairAt = [Bool](repeating: false, count: tokens.count)
        for k in tokens.indices.dropLast() where tokens[k].kind == .cjk && tokens[k + 1].kind == .cjk {
            pairAt[k] = DiscoveryStopWords.cjkPairs.contains(tokens[k].text + tokens[k + 1].text)
        }
        for i in tokens.indices {
            let first = tokens[i]
            guard !isStop[i], !oneCharacterWord[i] else { continue }
            var h = Self.fnvOffset
            // Length in half-words: a word counts 2, a CJK character 1 (CJK words are 1–4 characters and
            // unsegmented, so CJK candidates may be up to 2·maxN characters long).
            var units = 0
            // Segmented CJK: words begun so far, and whether all of them are single characters.
            var cjkWords = 0
            var allSingles = true
            var onlyCJK = true
            for n in 1...(2 * parameters.maxN) {
                let j = i + n - 1
                guard j < tokens.count else { break }
                let t = tokens[j]
                // A word without a letter (`3+`, `5+` of "5+ years") is a number.
                guard !t.covered, t.kind == .cjk || hasLetter[j] else { break }
                units += t.kind == .cjk ? 1 : 2
                guard units <= 2 * parameters.maxN else { break }
                if n > 1 { h = Self.fnv(h, Self.sepByte) }
                for b in t.text.utf8 { h = Self.fnv(h, b) }
                if t.kind == .cjk, let w = t.word, w.isFirst { cjkWords += 1; if w.length > 1 { allSingles = false } }
                if t.kind == .word { allSingles = false; onlyCJK = false }
                if isStop[j] { continue }
                if oneCharacterWord[j] { continue }
                if n == 1, t.kind == .cjk { continue }
                if !Self.alignedOnWords(first: first, last: t, cjkWords: cjkWords, allCJK: onlyCJK, allSingles: allSingles) {
                    continue
                }
                // Not starting or ending with, nor cutting through, a stop phrase.
                if pairAt[i] && j > i || pairAt[j] && j + 1 < tokens.count || i > 0 && pairAt[i - 1] || j > i && pairAt[j - 1] {
                    continue
                }
                body(h, i, j)
            }
        }
    }

    /// The word rules of segmented CJK text (tokens without a ``CJKWordPosition`` pass): a candidate starts and
    /// ends on word boundaries; a one-word CJK candidate is not a verb, adjective, adverb, function word, numeral
    /// or suffix (紧急, 解决); a candidate of several words does not start with a verb, adverb, function word,
    /// numeral or suffix (解决前端, 编写技术文档) and ends on a noun-like word (noun, verbal noun, localizer, set
    /// phrase: 分库分表, 任务调度, 容器化, 前端) when its last token is CJK. A CJK candidate made only of
    /// two or three single-character words (埋点: 埋 + 点) is a word the list does not know, and only needs the
    /// boundaries. No candidate starts with a one-character suffix word (``DiscoveryStopWords/cjkSuffixes``).
    static func alignedOnWords(first: DiscoveryToken, last: DiscoveryToken, cjkWords: Int, allCJK: Bool,
                               allSingles: Bool) -> Bool {
        if first.kind == .cjk, let w = first.word, !w.isFirst || w.length == 1 && DiscoveryStopWords.cjkSuffixes.contains(first.text) {
            return false
        }
        if last.kind == .cjk, let w = last.word, !w.isLast { return false }
        let firstWord = first.kind == .cjk ? first.word : nil, lastWord = last.kind == .cjk ? last.word : nil
        guard firstWord != nil || lastWord != nil else { return true }
        if allCJK, cjkWords == 1 { return !(firstWord?.wordClass.notATerm ?? false) }
        if allCJK, allSingles, cjkWords <= 3 { return true }
        if let f = firstWord, f.wordClass.cannotStart { return false }
        if let l = lastWord, !l.wordClass.isNounLike { return false }
        return true
    }

    /// Host names and file names (`app.mokahr.com`, `jobs.html`): words with a dot whose last part is a
    /// common top-level domain or web file extension. `node.js`, `asp.net` stay (`.net` is not in the list).
    static let webSuffixes: Set<Substring> = ["com", "cn", "org", "io", "html", "htm", "php", "me", "co", "uk", "de"]
    static func isURLLike(_ s: String) -> Bool {
        // Bytes, not Foundation's `contains` (a substring search): this runs on every token of every posting.
        guard s.utf8.contains(0x2E), let last = s.split(separator: ".").last else { return false }
        return webSuffixes.contains(last)
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let sepByte: UInt8 = 0x1F
    @inline(__always) static func fnv(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

    /// 64-bit FNV-1a of a key's UTF-8 bytes (collisions among a corpus' candidates are negligible).
    public static func keyHash(_ key: String) -> UInt64 {
        var h = fnvOffset
        for b in key.utf8 { h = fnv(h, b) }
        return h
    }

    /// Whether a scalar is a CJK ideograph or kana (joined without spaces in display forms).
    public static func isCJK(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// The display form of a key: tokens joined by a space, except between two CJK characters.
    public static func display(_ key: String) -> String {
        var out = ""
        var prevCJK = false
        for (k, part) in key.split(separator: sep, omittingEmptySubsequences: false).enumerated() {
            let cjk = part.unicodeScalars.first.map(TermDiscovery.isCJK) ?? false
            if k > 0, !(cjk && prevCJK) { out += " " }
            out += part
            prevCJK = cjk
        }
        return out
    }

    /// Whether a document is an ICT posting (enough distinct concepts).
    public func isICT(_ d: DiscoveryDocument) -> Bool { Set(d.skills).count >= parameters.minSkills }

    /// Candidate title key of a document, when its normalized title is not itself covered by labels.
    public func titleCandidate(_ d: DiscoveryDocument) -> String? {
        guard parameters.titles, let k = RoleKey.key(d.title) else { return nil }
        // A title whose every word-token is inside a label match is a taxonomy term, not a new one.
        let titleBytes = d.title.utf8.count
        let titleTokens = d.tokens.filter { $0.end <= titleBytes && ($0.kind == .word || $0.kind == .cjk) }
        if !titleTokens.isEmpty, titleTokens.allSatisfy(\.covered) { return nil }
        return "title:" + k
    }

    /// Pass 1 state: document frequency per candidate (by key hash) over ICT postings.
    public struct Counts: Sendable {
        public var df: [UInt64: Int32] = [:]
        public var ictPostings = 0
        public init() {}

        /// Adds another partition's counts.
        public mutating func merge(_ o: Counts) {
            for (k, v) in o.df { df[k, default: 0] += v }
            ictPostings += o.ictPostings
        }
    }

    public func count(_ d: DiscoveryDocument, into c: inout Counts) {
        guard isICT(d) else { return }
        c.ictPostings += 1
        var seen = Set<UInt64>()
        forEachCandidate(d.tokens) { h, _, _ in seen.insert(h) }
        if let t = titleCandidate(d) { seen.insert(Self.keyHash(t)) }
        for h in seen { c.df[h, default: 0] += 1 }
    }

    /// The candidates that survive counting: document frequency at least the minimum support, at most
    /// `maxCandidates` (most frequent first). Sub-n-grams are dropped later (``dropSubsumed(_:)``).
    public func survivors(_ c: Counts) -> Set<UInt64> {
        let kept = c.df.filter { Int($0.value) >= parameters.growth.minSupport }
        guard kept.count > parameters.maxCandidates else { return Set(kept.keys) }
        let ranked = kept.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return Set(ranked.prefix(parameters.maxCandidates).map(\.key))
    }

    /// Keys (internal form) to drop: n-grams that are fragments of a longer candidate. A sub-n-gram is dropped when
    /// a longer candidate containing it, as a token sequence, has the same document frequency ("zentrix" when it
    /// only ever occurs in "zentrix mesh"), or, when the longer candidate has no stop word inside (a compound, not
    /// a coordination such as "kafka and spark"), at least `share` of its postings: 分表 of 分库分表 (11 of 12
    /// postings), 项目贡献 of 开源项目贡献. The shorter one then names no thing of its own; the longer one stands for it
    /// (or, when its rise is carried by another part, ``dropCarried(_:)`` drops it too).
    public static func dropSubsumed(_ df: [String: Int], share: Double = 0.8) -> Set<String> {
        var redundant = Set<String>()
        let stop = DiscoveryStopWords.words
        for (k, v) in df where !k.hasPrefix("title:") {
            let parts = k.split(separator: sep, omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1 else { continue }
            let compound = !parts.contains { stop.contains($0) }
            for len in 1..<parts.count {
                for st in 0...(parts.count - len) {
                    let sub = parts[st..<(st + len)].joined(separator: String(sep))
                    guard let n = df[sub] else { continue }
                    if n == v || compound && Double(v) >= share * Double(n) { redundant.insert(sub) }
                }
            }
        }
        return redundant
    }

    /// Pass 2 state: monthly counts, recent employers, co-occurring skills and examples of the survivors.
    public struct Details: Sendable {
        public var counts: [String: KeyCounts] = [:]
        public var total: [String: Int] = [:]
        /// Postings containing each key, and the concepts of those postings: co-occurrence is counted at the
        /// end, only for the keys reported (cheaper than a (term, skill) table for every candidate).
        public var postingsOf: [String: [Int64]] = [:]
        public var docSkills: [Int64: [String]] = [:]
        /// Last examples per key: posting id, the posting's text (shared storage, not copied) and the range.
        public var examples: [String: [(postingID: Int64, text: String, range: Range<Int>)]] = [:]
        public var exposure = Exposure(monthly: [:], recentByEmployer: [:])
        /// Per key: postings where it occurs next to a taxonomy skill (``Termhood``), and whether it is made only
        /// of general-language words.
        public var nearSkill: [String: Int] = [:]
        public var general: [String: Bool] = [:]
        public init() {}
    }

    /// Pass 2 for one document: observes it and adds the observation.
    public func collect(_ d: DiscoveryDocument, recent: MonthWindow, into c: inout Collector) {
        guard let o = observe(d, survivors: c.slots) else { return }
        c.add(o, recent: recent, examples: parameters.examples)
    }

    /// What pass 2 takes from one document: the surviving candidates it contains (by survivor slot: first byte
    /// range, near a taxonomy skill, made only of general-language words). Pure, so documents can be observed on
    /// all cores and added in store order (``Collector/add(_:recent:examples:)``).
    public struct Observation: Sendable {
        public var postingID: Int64
        public var month: String?
        public var employer: String?
        public var text: String
        public var skills: [String]
        public var found: [(slot: Int32, key: String, range: Range<Int>, general: Bool, near: Bool)] = []
    }

    /// The observation of an ICT document (nil for another); `slots` numbers the survivors (``Collector/slots``).
    public func observe(_ d: DiscoveryDocument, survivors slots: [UInt64: Int32]) -> Observation? {
        guard isICT(d) else { return nil }
        var o = Observation(postingID: d.postingID, month: d.month, employer: d.employer, text: d.text, skills: d.skills)
        let distance = Termhood.skillDistances(d.tokens, text: d.text)
        var at: [Int32: Int] = [:]
        forEachCandidate(d.tokens) { hash, i, j in
            guard let slot = slots[hash] else { return }
            let near = min(distance.before[i], distance.after[j]) <= parameters.contextWindow
            if let k = at[slot] {
                if near { o.found[k].near = true }
            } else {
                at[slot] = o.found.count
                o.found.append((slot, d.tokens[i...j].map(\.text).joined(separator: String(Self.sep)),
                                d.tokens[i].start..<d.tokens[j].end,
                                Termhood.isGeneral(d.tokens[i...j], generalWords: generalWords), near))
            }
        }
        if let t = titleCandidate(d), let slot = slots[Self.keyHash(t)], at[slot] == nil {
            o.found.append((slot, t, 0..<min(d.title.utf8.count, d.text.utf8.count), false, false))
        }
        return o
    }

    /// Pass 2 state while documents are added: per survivor slot (arrays, no string hashing per occurrence);
    /// ``details`` gives it keyed by candidate.
    public struct Collector: Sendable {
        /// Survivor hash -> slot.
        public let slots: [UInt64: Int32]
        var keys: [String?]
        var monthly: [[String: Int]]
        var recentByEmployer: [[String: Int]]
        var total: [Int]
        var postingsOf: [[Int64]]
        var examples: [[(postingID: Int64, text: String, range: Range<Int>)]]
        var nearSkill: [Int]
        var general: [Bool]
        var docSkills: [Int64: [String]] = [:]
        var exposure = Exposure(monthly: [:], recentByEmployer: [:])

        public init(survivors: Set<UInt64>) {
            slots = Dictionary(uniqueKeysWithValues: survivors.sorted().enumerated().map { ($1, Int32($0)) })
            let n = survivors.count
            keys = Array(repeating: nil, count: n)
            monthly = Array(repeating: [:], count: n)
            recentByEmployer = Array(repeating: [:], count: n)
            total = Array(repeating: 0, count: n)
            postingsOf = Array(repeating: [], count: n)
            examples = Array(repeating: [], count: n)
            nearSkill = Array(repeating: 0, count: n)
            general = Array(repeating: false, count: n)
        }

        /// Adds one document's observation (in store order: examples keep the last `examples` postings).
        public mutating func add(_ o: Observation, recent: MonthWindow, examples keep: Int) {
            if let m = o.month {
                exposure.monthly[m, default: 0] += 1
                if recent.contains(m) { exposure.recentByEmployer[o.employer ?? "", default: 0] += 1 }
            }
            if !o.found.isEmpty { docSkills[o.postingID] = Array(Set(o.skills)) }
            let inRecent = o.month.map(recent.contains) ?? false
            for f in o.found {
                let k = Int(f.slot)
                if keys[k] == nil {
                    keys[k] = f.key
                    general[k] = f.general
                }
                if f.near { nearSkill[k] += 1 }
                total[k] += 1
                if let m = o.month {
                    monthly[k][m, default: 0] += 1
                    if inRecent { recentByEmployer[k][o.employer ?? "", default: 0] += 1 }
                }
                postingsOf[k].append(o.postingID)
                examples[k].append((o.postingID, o.text, f.range))
                if examples[k].count > keep { examples[k].removeFirst() }
            }
        }

        /// The state keyed by candidate (the survivors found in some document).
        public var details: Details {
            var s = Details()
            s.docSkills = docSkills
            s.exposure = exposure
            for (k, key) in keys.enumerated() {
                guard let key else { continue }
                s.counts[key] = KeyCounts(key: key, label: "", monthly: monthly[k], recentByEmployer: recentByEmployer[k])
                s.total[key] = total[k]
                s.postingsOf[key] = postingsOf[k]
                s.examples[key] = examples[k]
                if nearSkill[k] > 0 { s.nearSkill[key] = nearSkill[k] }
                if !key.hasPrefix("title:") { s.general[key] = general[k] }
            }
            return s
        }
    }

    /// Growth statistics, FDR over all candidates with minimum support, ranked most emerging first.
    /// `detail` says which terms get co-occurring skills (the others get none; e.g. only those displayed).
    public func finish(_ s: Details, recent: MonthWindow, reference: MonthWindow, labels: [String: String],
                       detail: (EmergingSkill) -> Bool = { _ in true }) -> [DiscoveredTerm] {
        let redundant = Self.dropSubsumed(s.total)
        let items = s.counts.values.filter { !redundant.contains($0.key) }.map { c -> KeyCounts in
            var c = c
            c.label = c.key.hasPrefix("title:") ? String(c.key.dropFirst(6)) : Self.display(c.key)
            return c
        }
        let analyzed = GrowthModel.analyze(items, exposure: s.exposure, recent: recent, reference: reference,
                                           parameters: parameters.growth)
        var growth = Self.dropCarried(Self.groupVariants(analyzed))
        if parameters.termhood {
            let test = Termhood(s)
            growth = growth.filter { test.isTerm($0.conceptID) && ($0.conceptID.hasPrefix("title:") || !Termhood.isRole(Self.display($0.conceptID))) }
        }
        return growth.map { g in
            var together: [String: Int] = [:]
            if detail(g) {
                for id in s.postingsOf[g.conceptID] ?? [] { for sk in s.docSkills[id] ?? [] { together[sk, default: 0] += 1 } }
            }
            let co = together.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(parameters.cooccurring)
                .map { DiscoveredTerm.CoSkill(conceptID: $0.key, label: labels[$0.key] ?? $0.key, postings: $0.value) }
            let isTitle = g.conceptID.hasPrefix("title:")
            return DiscoveredTerm(kind: isTitle ? "title" : "ngram", term: g.label, postings: s.total[g.conceptID] ?? 0,
                                  growth: g,
                                  examples: (s.examples[g.conceptID] ?? []).reversed().map {
                                      DiscoveredTerm.Example(postingID: $0.postingID, snippet: Self.snippet($0.text, $0.range))
                                  },
                                  cooccurring: Array(co))
        }
    }

    static let risingStatuses: Set<EmergenceStatus> = [.new, .emerging, .growing, .concentrated]

    /// Drops an n-gram whose rise is carried by one of its words or shorter n-grams: a rising sub-term with at
    /// least twice its recent postings ("value redux" rises because "redux" does). O(terms × n²).
    static func dropCarried(_ terms: [EmergingSkill]) -> [EmergingSkill] {
        var byKey: [String: EmergingSkill] = [:]
        for t in terms { byKey[t.conceptID] = t }
        return terms.filter { t in
            guard !t.conceptID.hasPrefix("title:") else { return true }
            let parts = t.conceptID.split(separator: sep, omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1 else { return true }
            for len in 1..<parts.count {
                for st in 0...(parts.count - len) {
                    let k = parts[st..<(st + len)].joined(separator: String(sep))
                    if let s = byKey[k], risingStatuses.contains(s.status), s.recentPostings >= 2 * t.recentPostings {
                        return false
                    }
                }
            }
            return true
        }
    }

    /// The variant key of a term: letters and digits only, lower case, without a trailing `js` after a dot or
    /// space (`vue`, `vue.js`, `vuejs`, `Vue JS` → `vue`).
    static func variantKey(_ label: String) -> String {
        var s = label.lowercased()
        for suffix in [".js", " js", "-js"] where s.hasSuffix(suffix) { s = String(s.dropLast(suffix.count)) }
        if s.hasSuffix("js"), s.count > 4 { s = String(s.dropLast(2)) }
        return String(s.filter { $0.isLetter || $0.isNumber })
    }

    /// Keeps one term per variant group (the one with most recent postings; ties: the shorter name) and names
    /// the others in its label: "vue (vue.js, vuejs)".
    static func groupVariants(_ terms: [EmergingSkill]) -> [EmergingSkill] {
        var groups: [String: [EmergingSkill]] = [:]
        var order: [String] = []
        for t in terms {
            let k = t.conceptID.hasPrefix("title:") ? t.conceptID : variantKey(t.label)
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(t)
        }
        var keep: [String: EmergingSkill] = [:]
        for (k, g) in groups {
            let sorted = g.sorted { ($0.recentPostings, -$0.label.count, $1.label) > ($1.recentPostings, -$1.label.count, $0.label) }
            var best = sorted[0]
            let others = sorted.dropFirst().map(\.label)
            if !others.isEmpty { best.label += " (" + others.joined(separator: ", ") + ")" }
            keep[k] = best
        }
        var byID: [String: EmergingSkill] = [:]
        for t in keep.values { byID[t.conceptID] = t }
        return terms.compactMap { byID[$0.conceptID] }
    }

    /// About 40 characters either side of a byte range, on one line.
    public static func snippet(_ text: String, _ range: Range<Int>) -> String {
        let u = Array(text.utf8)
        let lo = max(0, min(range.lowerBound, u.count)), hi = max(lo, min(range.upperBound, u.count))
        var a = max(0, lo - 60), b = min(u.count, hi + 60)
        while a > 0, a < u.count, u[a] & 0xC0 == 0x80 { a -= 1 }
        while b < u.count, u[b] & 0xC0 == 0x80 { b += 1 }
        let s = String(decoding: u[a..<lo], as: UTF8.self) + "[" + String(decoding: u[lo..<hi], as: UTF8.self) + "]"
            + String(decoding: u[hi..<b], as: UTF8.self)
        return (a > 0 ? "…" : "") + s.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            + (b < u.count ? "…" : "")
    }
}
