import Foundation
import SkillMatcher
import SkillTaxonomy
import SkillTokenizer

/// How a candidate was found.
public enum CodingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// The title's words equal a label's words (only case, accents, punctuation differ).
    case exactTitle = "exact-title"
    /// The normalized title (markers, seniority, places, employment terms removed) equals a label.
    case normalizedTitle = "normalized-title"
    /// A label occurs inside the normalized title (`java software developer` contains `software developer`).
    case containedLabel = "contained-label"
    /// IDF-weighted token overlap (cosine; German-style compounds match their parts at reduced weight).
    case tokenSimilarity = "token-similarity"
    /// The title was weak; the posting's skills resemble the occupation's essential/optional skills.
    case skills
    /// The title names a technology (`Java`, `SAP`, `Linux`) and an ICT head noun (`Entwickler`, `administrator`):
    /// the ICT occupation that ESCO's labels give that head noun.
    case titleHead = "title-head"
}

/// One coding of a job title; maps onto the store's
/// `posting_occupations(posting_id, occupation_id, occupation_label, isco_code, onet_code, confidence, method)`.
public struct OccupationCandidate: Sendable, Hashable, Codable {
    /// ESCO concept URI, or `onet:<code>` for an O*NET occupation.
    public var occupationID: String
    public var scheme: OccupationScheme
    public var label: String
    /// ISCO-08 unit group (ESCO occupations).
    public var iscoCode: String?
    /// O*NET-SOC code: the occupation's own, or for ESCO the derived link (``Occupation/onetCode``).
    public var onetCode: String?
    /// In [0, 1]: 1 for an exact preferred-label match, lower for weaker evidence.
    public var confidence: Double
    public var method: CodingMethod
    /// The label that matched (empty for `skills`) and its language.
    public var matchedLabel: String
    public var matchedLanguage: String
    public var isICT: Bool
}

/// Job title -> ranked occupation candidates; build once, share across threads (immutable, `Sendable`).
///
/// Index: every label's normalized words go into a ``Matcher`` (exact and contained matches) and an
/// inverted index token -> labels with IDF weights (df counted over occupations). A title is analyzed by
/// ``TitleNormalizer``; exact keys are looked up first, then contained labels and the cosine similarity of
/// IDF-weighted token sets are scored; per occupation the best label counts. When the best title score is
/// below ``Options/weakThreshold`` and skill ids are given, the cosine similarity of the posting's skills to
/// each occupation's skills (essential weight 1, optional 0.5, IDF-weighted) is mixed in.
///
/// Complexity per title: O(title tokens × postings of its tokens); the postings of common words
/// (`manager`, `engineer`) dominate.
public final class OccupationCoder: Sendable {
    /// Coding options.
    public struct Options: Sendable {
        /// Which occupations to index.
        public var schemes: Set<OccupationScheme>
        /// Below this title confidence, skills are consulted (when given).
        public var weakThreshold: Double
        /// Similarity of a compound to its part (`softwareentwickler` ~ `entwickler`).
        public var compoundSimilarity: Double
        /// Link each ESCO occupation to the O*NET occupation its English preferred label codes to, when
        /// both schemes are indexed and the confidence is at least this (nil: no links).
        public var onetLinkThreshold: Double?

        public init(schemes: Set<OccupationScheme> = [.esco, .onet], weakThreshold: Double = 0.6,
                    compoundSimilarity: Double = 0.6, onetLinkThreshold: Double? = 0.75) {
            self.schemes = schemes
            self.weakThreshold = weakThreshold
            self.compoundSimilarity = compoundSimilarity
            self.onetLinkThreshold = onetLinkThreshold
        }
    }

    public let normalizer: TitleNormalizer
    public let options: Options
    public let occupations: [Occupation]
    let matcher: Matcher
    /// Normalized word -> id (1...); the matcher's patterns are these ids as `t<id>` words.
    let vocabulary: Vocabulary
    // Labels (deduplicated per occupation and normalized key).
    let labelOcc: [Int32]
    let labelKind: [TitleLabelKind]
    let labelLanguage: [String]
    let labelText: [String]
    let labelTokenStart: [Int32]
    let labelTokens: [UInt32]
    let labelNorm: [Float]
    /// Per label: 1 = ESCO, 2 = O*NET (a bit mask against the wanted schemes).
    let labelScheme: [UInt8]
    let labelEnglish: [Bool]
    /// Per occupation: an O*NET base occupation (code ending `.00`).
    let isBaseONET: [Bool]
    let exact: [String: [Int32]]
    // Inverted index, CSR by token id.
    let postingStart: [Int32]
    let postingList: [Int32]
    let idf: [Float]
    let unknownIDF: Float
    /// Compounds containing a token as a prefix (4+ characters) or suffix (4+ characters after 3+):
    /// token -> [compound token]. Only tokens of 8...40 characters are split.
    let compounds: [UInt32: [UInt32]]
    /// Inflection variants: a word's truncation by 0-3 characters (5+ kept) -> the words of 5+ characters that
    /// truncate to it (`asystent` <- `asystentka`, `asystenta`; `textieltechnic` <- `textieltechnicus`).
    let stems: [String: [UInt32]]
    /// Words of 6...40 UTF-8 bytes in byte order (their bytes and ids), for the words that share the longest prefix
    /// with an unknown compound (`hondenkweekster` ~ `hondenkweker`). Normalized words are mostly ASCII (diacritics
    /// are folded), so bytes stand for letters.
    let sortedWords: [[UInt8]]
    let sortedIDs: [UInt32]
    /// Head-noun pairs that label the same occupation in labels that differ only in that word (`purchasing manager`,
    /// `purchasing director`): (min id << 32 | max id).
    let headPairs: Set<UInt64>
    /// Per label: its head word is the first (head-initial language) rather than the last.
    let labelHeadFirst: [Bool]
    /// Per occupation: its number of indexed labels (ties go to the occupation with more names).
    let occupationLabelCount: [Int32]
    // Skills.
    let skillPostings: [String: [(occupation: Int32, weight: Float)]]
    let skillIDF: [String: Float]
    let skillNorm: [Float]
    let onetLink: [String?]
    /// Labels that name technologies (`Java`, `.NET`, `SAP`, `Linux`): evidence in a title for the ICT families.
    let technologies: Matcher?
    /// Normalized head noun (`developer`, `entwickler`, `programista`) -> (ICT occupation, the noun's position in its
    /// labels: true = last word, false = first word).
    let headNouns: [String: (occupation: Int32, last: Bool)]
    /// Words in the labels of a fifth or more of the ICT occupations (`ict`, `it`, `software`): shared with a title,
    /// they say nothing about which ICT occupation it names.
    let ictGenericWords: Set<UInt32>
    /// Non-ICT occupation -> the ICT occupation whose labels are its labels plus one word (`project manager` ->
    /// `ICT project manager`, `account manager` -> `ICT account manager`), learnt from ESCO's labels in every language.
    let ictCounterparts: [Int32: Int32]
    /// The ICT words that make those counterparts (`IT`, `ICT`, `TIC`, `informatique`): a title must say one.
    let ictModifiers: Set<UInt32>

    /// Number of indexed (deduplicated) labels.
    public var labelCount: Int { labelOcc.count }

    /// Builds the index. O(total label tokens + vocabulary × token length).
    public init(catalog: OccupationCatalog, options: Options = Options(), tokenizer: Tokenizer = Tokenizer(),
                technologies: Matcher? = nil) {
        let normalizer = TitleNormalizer(tokenizer: tokenizer)
        self.technologies = technologies
        self.normalizer = normalizer
        self.options = options
        self.occupations = catalog.occupations

        // 1. Labels: normalized keys, deduplicated per occupation (best kind kept).
        var keyIndex: [String: Int] = [:]
        var lOcc: [Int32] = [], lKind: [TitleLabelKind] = [], lLang: [String] = [], lText: [String] = []
        var lWords: [[String]] = []
        var cache: [String: String]? = [:]
        var labels = catalog.labels
        // O*NET occupation titles that join several jobs: each part is a hidden label (`Wildlife Biologists`).
        for l in catalog.labels where l.kind == .onetTitle {
            for part in Self.titleParts(l.text) {
                labels.append(TitleLabel(occupation: l.occupation, text: part, language: l.language, kind: .hidden))
            }
        }
        for l in labels where options.schemes.contains(catalog.occupations[l.occupation].scheme) {
            let words = normalizer.words(l.text, cache: &cache)
            guard !words.isEmpty else { continue }
            let key = words.joined(separator: " ")
            let dedupe = "\(l.occupation)\u{1}\(key)"
            if let i = keyIndex[dedupe] {
                if l.kind.rank < lKind[i].rank { lKind[i] = l.kind; lText[i] = l.text; lLang[i] = l.language }
                continue
            }
            keyIndex[dedupe] = lOcc.count
            lOcc.append(Int32(l.occupation))
            lKind.append(l.kind)
            lLang.append(l.language)
            lText.append(l.text)
            lWords.append(words)
        }
        keyIndex.removeAll()
        cache = nil
        var labelCount = [Int32](repeating: 0, count: catalog.occupations.count)
        for o in lOcc { labelCount[Int(o)] += 1 }
        self.occupationLabelCount = labelCount
        self.headNouns = Self.headNouns(catalog.occupations, words: lWords, languages: lLang, occupations: lOcc)

        // 2. A vocabulary numbers the normalized words; the matcher runs over those numbers, written as
        // ASCII words (`t17 t4`), so its tokenizer never re-normalizes Unicode.
        var vocab = Vocabulary()
        var exact: [String: [Int32]] = [:]
        var builder = MatcherBuilder(tokenizer: tokenizer)
        for (i, w) in lWords.enumerated() {
            let ids = w.map { vocab.insert($0) }
            builder.add(Self.idText(ids), value: UInt32(i))
            exact[w.joined(separator: " "), default: []].append(Int32(i))
        }
        let matcher = builder.build()
        self.vocabulary = vocab
        func id(_ s: String) -> UInt32 {
            var b = Array(s.utf8)
            return b.withUnsafeMutableBufferPointer { vocab.id(ofNormalized: UnsafeBufferPointer($0)) }
        }

        // 3. Token ids per label, document frequency over occupations, IDF.
        var tokStart: [Int32] = [0]
        var toks: [UInt32] = []
        var postingCount = [Int32](repeating: 0, count: vocab.count + 2)
        var occTokens = [Set<UInt32>](repeating: [], count: catalog.occupations.count)
        for (i, w) in lWords.enumerated() {
            var seen = Set<UInt32>()
            for s in w {
                let t = id(s)
                guard t != 0, seen.insert(t).inserted else { continue }
                toks.append(t)
                postingCount[Int(t) + 1] += 1
                occTokens[Int(lOcc[i])].insert(t)
            }
            tokStart.append(Int32(toks.count))
        }
        var df = [Int32](repeating: 0, count: vocab.count + 1)
        for s in occTokens { for t in s { df[Int(t)] += 1 } }
        do {
            var ictDF: [UInt32: Int] = [:]
            var ictCount = 0
            for (o, ts) in occTokens.enumerated() where catalog.occupations[o].isICT && catalog.occupations[o].scheme == .esco {
                ictCount += 1
                for t in ts { ictDF[t, default: 0] += 1 }
            }
            let generic = ictDF.filter { Float($0.value) >= Tune.ictGenericShare * Float(ictCount) }
            self.ictGenericWords = Set(generic.keys)
            // Of those, the words that mostly ICT occupations use (`IT`, `ICT`, `TIC`, `informatique`; not `de`,
            // `manager`): the modifier that makes an occupation's ICT counterpart.
            let modifiers = generic.filter { Tune.modifierShare * Float(df[Int($0.key)]) <= Float($0.value) }.keys
            self.ictModifiers = Set(modifiers)
            let ictWords = Set(modifiers.map { vocab.string(for: $0) })
            self.ictCounterparts = Self.ictCounterparts(catalog.occupations, words: lWords, languages: lLang,
                                                        occupations: lOcc, modifiers: ictWords)
        }
        occTokens.removeAll()
        let n = Float(max(1, Set(lOcc).count))
        let idf = df.map { $0 == 0 ? Float(0) : logf(1 + n / Float($0)) }
        self.unknownIDF = 0.5 * logf(1 + n)

        // 4. Inverted index (CSR).
        for t in 1..<postingCount.count { postingCount[t] += postingCount[t - 1] }
        var fill = postingCount
        var list = [Int32](repeating: 0, count: toks.count)
        for i in 0..<lOcc.count {
            for k in Int(tokStart[i])..<Int(tokStart[i + 1]) {
                let t = Int(toks[k])
                list[Int(fill[t])] = Int32(i)
                fill[t] += 1
            }
        }
        var norms = [Float](repeating: 0, count: lOcc.count)
        for i in 0..<lOcc.count {
            var s: Float = 0
            for k in Int(tokStart[i])..<Int(tokStart[i + 1]) { s += idf[Int(toks[k])] * idf[Int(toks[k])] }
            norms[i] = s.squareRoot()
        }

        // 5. Compounds: a token of 8+ characters whose prefix or suffix (4+ characters) is a token.
        var compounds: [UInt32: [UInt32]] = [:]
        if vocab.count > 0 {
            for t in 1...UInt32(vocab.count) {
                let chars = Array(vocab.string(for: t))
                guard chars.count >= 8, chars.count <= 40 else { continue }
                var parts = Set<UInt32>()
                // Heads (suffixes) of 4+ characters after a modifier of 3+ (`web|entwickler`); modifiers
                // (prefixes) of 4+ characters (`software|entwickler`).
                for k in 3...(chars.count - 4) {
                    let suf = id(String(chars[k...]))
                    if suf != 0 { parts.insert(suf) }
                    if k >= 4 {
                        let pre = id(String(chars[..<k]))
                        if pre != 0 { parts.insert(pre) }
                    }
                }
                for p in parts { compounds[p, default: []].append(t) }
            }
        }

        // 5b. Inflection variants by truncation.
        var stems: [String: [UInt32]] = [:]
        if vocab.count > 0 {
            for t in 1...UInt32(vocab.count) {
                let chars = Array(vocab.string(for: t))
                let n = chars.count
                guard n >= Tune.fuzzMin, n <= 40 else { continue }
                for m in max(Tune.fuzzMin - 1, n - 3)...n { stems[String(chars[..<m]), default: []].append(t) }
            }
        }
        // 5c. Head pairs: labels of one occupation equal but for their head word.
        var pairs = Set<UInt64>()
        var headFirst = [Bool](repeating: false, count: lOcc.count)
        do {
            var groups: [String: Set<UInt32>] = [:]
            for (i, w) in lWords.enumerated() where w.count >= 2 {
                let first = Self.headInitialLanguages.contains(lLang[i])
                headFirst[i] = first
                let head = first ? w[0] : w[w.count - 1]
                let rest = first ? w[1...].joined(separator: " ") : w[..<(w.count - 1)].joined(separator: " ")
                groups["\(lOcc[i])\u{1}\(first)\u{1}\(rest)", default: []].insert(id(head))
            }
            var count: [UInt64: Int] = [:]
            for (_, hs) in groups where hs.count >= 2 {
                let a = Array(hs).filter { $0 != 0 }
                for i in 0..<a.count { for j in (i + 1)..<a.count where j < a.count {
                    let x = min(a[i], a[j]), y = max(a[i], a[j])
                    count[UInt64(x) << 32 | UInt64(y), default: 0] += 1
                } }
            }
            for (k, c) in count where c >= Tune.pairMin { pairs.insert(k) }
        }

        // 6. Skills: IDF over ESCO occupations with skills.
        var skillOcc: [String: [(occupation: Int32, weight: Float)]] = [:]
        for (i, s) in catalog.skills where options.schemes.contains(catalog.occupations[i].scheme) {
            for e in Set(s.essential) { skillOcc[e, default: []].append((Int32(i), 1)) }
            for o in Set(s.optional).subtracting(s.essential) { skillOcc[o, default: []].append((Int32(i), 0.5)) }
        }
        let withSkills = Float(max(1, catalog.skills.count))
        var skillPostings: [String: [(occupation: Int32, weight: Float)]] = [:]
        var skillIDF: [String: Float] = [:]
        var skillNorm = [Float](repeating: 0, count: catalog.occupations.count)
        // In a fixed order: float sums in a dictionary's (per-process) order differ in the last bit between runs.
        for (skill, occs) in skillOcc.sorted(by: { $0.key < $1.key }) {
            let w = logf(1 + withSkills / Float(occs.count))
            skillIDF[skill] = w
            skillPostings[skill] = occs.map { ($0.occupation, $0.weight * w) }
            for o in occs { skillNorm[Int(o.occupation)] += (o.weight * w) * (o.weight * w) }
        }
        self.skillNorm = skillNorm.map { $0.squareRoot() }
        self.skillPostings = skillPostings
        self.skillIDF = skillIDF

        self.matcher = matcher
        self.labelOcc = lOcc
        self.labelKind = lKind
        self.labelLanguage = lLang
        self.labelText = lText
        self.labelTokenStart = tokStart
        self.labelTokens = toks
        self.labelNorm = norms
        self.labelScheme = lOcc.map { catalog.occupations[Int($0)].scheme == .esco ? 1 : 2 }
        self.labelEnglish = lLang.map { $0 == "en" }
        self.isBaseONET = catalog.occupations.map { $0.scheme == .onet && ($0.onetCode?.hasSuffix(".00") ?? false) }
        self.exact = exact
        self.postingStart = postingCount
        self.postingList = list
        self.idf = idf
        self.compounds = compounds
        self.stems = stems
        do {
            var ws: [([UInt8], UInt32)] = []
            if vocab.count > 0 {
                for t in 1...UInt32(vocab.count) {
                    let chars = Array(vocab.string(for: t).utf8)
                    if chars.count >= 6, chars.count <= 40 { ws.append((chars, t)) }
                }
            }
            ws.sort { $0.0.lexicographicallyPrecedes($1.0) }
            self.sortedWords = ws.map(\.0)
            self.sortedIDs = ws.map(\.1)
        }
        self.headPairs = pairs
        self.labelHeadFirst = headFirst
        self.onetLink = [String?](repeating: nil, count: catalog.occupations.count)
    }

    /// A copy with ESCO -> O*NET links: each ESCO occupation's English preferred label coded against
    /// the O*NET titles (kept when the confidence is at least `threshold`).
    private init(linking base: OccupationCoder, links: [String?]) {
        normalizer = base.normalizer
        options = base.options
        occupations = base.occupations
        matcher = base.matcher
        vocabulary = base.vocabulary
        labelOcc = base.labelOcc
        labelKind = base.labelKind
        labelLanguage = base.labelLanguage
        labelText = base.labelText
        labelTokenStart = base.labelTokenStart
        labelTokens = base.labelTokens
        labelNorm = base.labelNorm
        labelScheme = base.labelScheme
        labelEnglish = base.labelEnglish
        isBaseONET = base.isBaseONET
        exact = base.exact
        postingStart = base.postingStart
        postingList = base.postingList
        idf = base.idf
        unknownIDF = base.unknownIDF
        compounds = base.compounds
        stems = base.stems
        sortedWords = base.sortedWords
        sortedIDs = base.sortedIDs
        headPairs = base.headPairs
        labelHeadFirst = base.labelHeadFirst
        occupationLabelCount = base.occupationLabelCount
        skillPostings = base.skillPostings
        skillIDF = base.skillIDF
        skillNorm = base.skillNorm
        technologies = base.technologies
        headNouns = base.headNouns
        ictGenericWords = base.ictGenericWords
        ictCounterparts = base.ictCounterparts
        ictModifiers = base.ictModifiers
        onetLink = links
    }

    /// Builds the coder and, when both schemes are indexed and `options.onetLinkThreshold` is set, the
    /// ESCO -> O*NET links. O(index build + 3,039 codings).
    public static func build(catalog: OccupationCatalog, options: Options = Options(),
                             tokenizer: Tokenizer = Tokenizer(), technologies: Matcher? = nil) -> OccupationCoder {
        let base = OccupationCoder(catalog: catalog, options: options, tokenizer: tokenizer, technologies: technologies)
        guard let threshold = options.onetLinkThreshold, options.schemes.contains(.esco),
              options.schemes.contains(.onet) else { return base }
        // The codings are independent: on all cores.
        let n = catalog.occupations.count
        var links = [String?](repeating: nil, count: n)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        links.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let slots = buf // each index is written by exactly one worker
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: n, by: workers) where catalog.occupations[i].scheme == .esco {
                    if let best = base.code(catalog.occupations[i].label, scheme: .onet, limit: 1).first,
                       best.confidence >= threshold {
                        slots[i] = best.onetCode
                    }
                }
            }
        }
        return OccupationCoder(linking: base, links: links)
    }

    /// Scores per occupation: (score, label index, method).
    struct Hit {
        var score: Float
        var label: Int32
        var method: CodingMethod
        /// Occupations sharing the exactly matched label (confidence is divided among them).
        var ambiguity: Int = 1
    }

    /// Codes one title. `skills` are the posting's matched concept ids (`esco:<uuid>`); `scheme` restricts
    /// candidates to ESCO or O*NET (nil: both). Returns at most `limit` candidates, best first.
    public func code(_ title: String, skills: [String] = [], scheme: OccupationScheme? = .esco,
                     limit: Int = 5) -> [OccupationCandidate] {
        // Technology names are evidence, not words of the job's name: `Spring Boot` is no boat, `Java` no island.
        let (cleaned, namesTechnology) = withoutTechnologies(title)
        let a = normalizer.analyze(cleaned)
        // The whole title too: a technology can be part of the job's name (`Database Administrator`).
        let whole = namesTechnology ? normalizer.analyze(title) : nil
        var hits: [Int32: Hit] = [:]
        func offer(_ label: Int32, _ score: Float, _ method: CodingMethod, _ ambiguity: Int = 1) {
            let occ = labelOcc[Int(label)]
            if let scheme, occupations[Int(occ)].scheme != scheme { return }
            let hit = Hit(score: score, label: label, method: method, ambiguity: ambiguity)
            if let h = hits[occ] {
                if score > h.score || (score == h.score && labelKind[Int(label)].rank < labelKind[Int(h.label)].rank) {
                    hits[occ] = hit
                }
            } else {
                hits[occ] = hit
            }
        }
        // Per occupation, its best similarity (with its other labels' support): breaks ties between occupations that
        // share an exact label (`UI designer`: the occupation whose other labels resemble the title more).
        var support: [Int32: Float] = [:]
        func offerSimilar(_ label: Int32, _ score: Float, _ method: CodingMethod, _ ambiguity: Int = 1) {
            let occ = labelOcc[Int(label)]
            support[occ] = max(support[occ] ?? 0, score)
            offer(label, score, method, ambiguity)
        }

        // Exact keys: raw words, then normalized variants.
        @discardableResult
        func exactHits(_ words: [String], _ base: Float, _ method: CodingMethod) -> Float {
            guard !words.isEmpty, let labels = exact[words.joined(separator: " ")] else { return 0 }
            let inScheme = labels.filter { scheme == nil || occupations[Int(labelOcc[Int($0)])].scheme == scheme }
            let k = Set(inScheme.map { labelOcc[Int($0)] }).count
            var best: Float = 0
            for l in inScheme {
                let score = base * Float(labelKind[Int(l)].weight)
                offer(l, score, method, k)
                best = max(best, score)
            }
            return best
        }
        exactHits(a.raw, 1.0, .exactTitle)
        // A tail after `in`/`at` whose words all name things occupations' labels name (`in household goods`, `in
        // special educational needs`) may be the job's specialism rather than a place: the head alone is then weaker
        // evidence than a label with the tail (`import export specialist in household goods`).
        let specialism = !a.place.isEmpty && a.place.allSatisfy { tokenID($0) != 0 }
        exactHits(a.main, specialism ? Tune.headWithoutSpecialism : 0.95, .normalizedTitle)
        exactHits(a.withPlace, 0.955, .normalizedTitle)
        // `Head Waiter`: a rank word that a label keeps names a job of its own.
        exactHits(a.withRank, 0.955, .normalizedTitle)
        // A label equal to the whole title (place words included: `schoonmaakster in attractiepark`) explains more
        // of it than one equal to its head.
        exactHits(a.full, a.full.count > a.main.count ? 0.955 : 0.95, .normalizedTitle)
        for p in a.parentheticals { exactHits(p, 0.9, .normalizedTitle) }

        // Similarity over main and full.
        similarity(a.main, scheme: scheme, offerSimilar)
        if a.full != a.main { similarity(a.full, scheme: scheme, offerSimilar) }
        if specialism { similarity(a.withPlace, scheme: scheme, offerSimilar) }
        // A label equal to the whole title, technology words included (`audio mastering engineer`, `Database
        // Administrator`), names the job: the technology evidence below does not override it.
        var wholeExact: Float = 0
        if let whole {
            wholeExact = max(exactHits(whole.raw, 1.0, .exactTitle), exactHits(whole.main, 0.95, .normalizedTitle))
            similarity(whole.main, scheme: scheme, offerSimilar)
        }

        if namesTechnology, scheme != .onet, wholeExact < Self.wholeExactScore {
            applyTechnologyEvidence(a, whole: whole, &hits)
        }

        var ranked = hits.map { (occ: $0.key, hit: $0.value) }
        var best = Double(ranked.map(\.hit.score).max() ?? 0)

        // Skills fallback.
        if best < options.weakThreshold, !skills.isEmpty {
            let skillScores = skillSimilarity(skills, scheme: scheme)
            var mixed: [Int32: Hit] = [:]
            for (occ, h) in hits {
                mixed[occ] = Hit(score: 0.5 * h.score, label: h.label, method: h.method, ambiguity: h.ambiguity)
            }
            for (occ, s) in skillScores {
                let title = hits[occ]?.score ?? 0
                let score = 0.5 * title + 0.5 * s
                mixed[occ] = Hit(score: score, label: hits[occ]?.label ?? -1, method: s > title ? .skills : (hits[occ]?.method ?? .skills))
            }
            ranked = mixed.map { (occ: $0.key, hit: $0.value) }
            best = Double(ranked.map(\.hit.score).max() ?? 0)
        }

        // Only the best `limit` matter: keep the scores at or above the limit-th best, then sort those.
        let k = max(0, limit)
        guard k > 0 else { return [] }
        if ranked.count > k {
            var top: [Float] = []
            for r in ranked {
                if top.count < k { top.append(r.hit.score); if top.count == k { top.sort(by: >) } }
                else if r.hit.score > top[k - 1] {
                    top[k - 1] = r.hit.score
                    var j = k - 1
                    while j > 0, top[j] > top[j - 1] { top.swapAt(j, j - 1); j -= 1 }
                }
            }
            let cutoff = top[k - 1]
            ranked.removeAll { $0.hit.score < cutoff }
        }
        ranked.sort { x, y in
            if x.hit.score != y.hit.score { return x.hit.score > y.hit.score }
            let rx = x.hit.label >= 0 ? labelKind[Int(x.hit.label)].rank : 9
            let ry = y.hit.label >= 0 ? labelKind[Int(y.hit.label)].rank : 9
            if rx != ry { return rx < ry }
            let sx = support[x.occ] ?? 0, sy = support[y.occ] ?? 0
            if sx != sy { return sx > sy }
            // O*NET: a base occupation (`.00`) before its specializations.
            let bx = isBaseONET[Int(x.occ)], by = isBaseONET[Int(y.occ)]
            if bx != by { return bx }
            return x.occ < y.occ
        }
        return ranked.prefix(max(0, limit)).map { r in
            let o = occupations[Int(r.occ)]
            let l = Int(r.hit.label)
            return OccupationCandidate(
                occupationID: o.id, scheme: o.scheme, label: o.label, iscoCode: o.iscoCode,
                onetCode: o.scheme == .onet ? o.onetCode : onetLink[Int(r.occ)], confidence: Double(min(1, r.hit.score / (1 + 0.15 * Float(r.hit.ambiguity - 1)))),
                method: r.hit.method, matchedLabel: l >= 0 ? labelText[l] : "",
                matchedLanguage: l >= 0 ? labelLanguage[l] : "", isICT: o.isICT)
        }
    }

    /// A title that names a technology (`IT-Projektleiter`, `Java Developer`, `Linux Systems Administrator`):
    /// 1. a non-ICT candidate whose words an ICT occupation's label contains (`project manager` in `ICT project
    ///    manager`) gives way to that ICT occupation, at its score;
    /// 2. unless a non-ICT candidate names another field in words of its own (`Mechanical Design Engineer (CAD)`,
    ///    better than any ICT candidate does), the title's ICT head noun decides:
    ///    non-ICT candidates lose weight, and the head noun's ICT occupation (`Entwickler` -> software developer)
    ///    is a candidate — above ICT candidates that share only the head noun with the title, below those that
    ///    share other words of it too (`Analista de Ciberseguridad` stays with the security occupation).
    func applyTechnologyEvidence(_ a: TitleAnalysis, whole: TitleAnalysis?, _ hits: inout [Int32: Hit]) {
        // An occupation's ICT counterpart differs from it by an ICT word; the title must say one (`ICT Projectleider`,
        // not `Comptable – SAP`).
        let saysICT = (whole?.raw ?? a.raw).contains { ictModifiers.contains(tokenID($0)) }
        for (occ, h) in hits where h.label >= 0 && !occupations[Int(occ)].isICT {
            let words = labelWords(Int(h.label))
            if let (ict, label) = ictCounterpart(Array(words)) {
                if (hits[ict]?.score ?? 0) < h.score {
                    hits[ict] = Hit(score: h.score, label: label, method: h.method)
                }
                hits[occ]?.score = h.score * Self.nonICTWeight
            } else if saysICT, let ict = ictCounterparts[occ] {
                // `ICT Projectleider`, `Jefe de Proyecto IT`: the occupation's ICT counterpart, at its score.
                if (hits[ict]?.score ?? 0) < h.score {
                    hits[ict] = Hit(score: h.score, label: h.label, method: h.method)
                }
                hits[occ]?.score = h.score * Self.nonICTWeight
            }
        }
        guard let head = ictHead(a) else { return }
        // Candidates whose label shares a word of the title other than the head noun are specific: the best
        // non-ICT one (`mechanical` of `Mechanical Design Engineer (CAD)`, `contábil` of `Analista Contábil (SAP)`)
        // against the best ICT one (`Analista de Ciberseguridad` and a security occupation).
        // The technology words count too: an ICT label that names them (`UI designer` of `UX/UI Designer`, `Data-
        // Warehouse-Entwickler`) is more specific than the head noun's occupation.
        // Words that most ICT labels have (`IT`, `ICT`) are not specific.
        let titleIDs = Set((a.main + a.full + (whole?.main ?? [])).map(tokenID)).subtracting([0])
        let headID = tokenID(head.word)
        var specificICT: Float = 0, specificOther: Float = 0
        var specific = Set<Int32>()
        for (occ, h) in hits where h.label >= 0 {
            let words = labelWords(Int(h.label))
            let ict = occupations[Int(occ)].isICT
            guard words.contains(where: { $0 != headID && titleIDs.contains($0) && !(ict && ictGenericWords.contains($0)) })
            else { continue }
            specific.insert(occ)
            if ict { specificICT = max(specificICT, h.score) } else { specificOther = max(specificOther, h.score) }
        }
        if specificOther >= Self.specificOtherScore, specificOther > specificICT { return }
        for (occ, h) in hits where !occupations[Int(occ)].isICT { hits[occ]?.score = h.score * Self.nonICTWeight }
        let proto = head.occupation
        if specificICT >= Self.specificICTScore {
            // A more specific ICT occupation leads; the head noun's stays just below it.
            if (hits[proto]?.score ?? 0) < specificICT - 0.01 {
                hits[proto] = Hit(score: specificICT - 0.01, label: -1, method: .titleHead)
            }
            // ICT candidates that share only the head noun (or generic ICT words) with the title are no likelier than
            // the head noun's occupation (`iOS Engineer`: not the imagesetter's `engineer` label).
            let cap = (hits[proto]?.score ?? 0) - 0.005
            for (occ, h) in hits where occ != proto && !specific.contains(occ) && occupations[Int(occ)].isICT && h.score > cap {
                hits[occ]?.score = cap
            }
            return
        }
        // `Java-Entwickler`, `Programista Java`: the head noun is all the title says besides the technology; that
        // outranks one language's label that happens to equal the title (ESCO's Finnish `Java developer` of gambling
        // games developer).
        let score: Float = a.main.count == 1 ? 1.001 : Self.headScore
        if (hits[proto]?.score ?? 0) < score {
            hits[proto] = Hit(score: score, label: -1, method: .titleHead)
        }
    }

    /// The word ids of label `l`.
    func labelWords(_ l: Int) -> ArraySlice<UInt32> {
        labelTokens[Int(labelTokenStart[l])..<Int(labelTokenStart[l + 1])]
    }

    /// A label equal to the whole title (technology words included) from this score on keeps the technology evidence
    /// out: exact labels of all kinds (pref 1, alt 0.97, hidden 0.9) times the normalized-title 0.95.
    static let wholeExactScore: Float = 0.85

    /// A non-ICT candidate that shares words with the title besides the head noun keeps the title from this score on.
    static let specificOtherScore: Float = 0.7

    /// The ICT occupation with the shortest label that contains all of `words` (token ids) and one more word at most
    /// (`project manager` -> `ICT project manager`), with that label; nil when none.
    func ictCounterpart(_ words: [UInt32]) -> (Int32, Int32)? {
        guard let rarest = words.min(by: { postingStart[Int($0) + 1] - postingStart[Int($0)] < postingStart[Int($1) + 1] - postingStart[Int($1)] }),
              rarest != 0 else { return nil }
        var best: (Int32, Int32, Int32)? = nil // occupation, label, length
        for k in Int(postingStart[Int(rarest)])..<Int(postingStart[Int(rarest) + 1]) {
            let l = Int(postingList[k])
            let occ = labelOcc[l]
            guard occupations[Int(occ)].isICT, occupations[Int(occ)].scheme == .esco else { continue }
            let lw = labelWords(l)
            let n = Int32(lw.count)
            guard n <= Int32(words.count) + 1, words.allSatisfy(lw.contains) else { continue }
            if best == nil || n < best!.2 || (n == best!.2 && occ < best!.0) { best = (occ, Int32(l), n) }
        }
        return best.map { ($0.0, $0.1) }
    }

    /// Share of an occupation's second most similar label added to its best one's similarity.
    static let secondLabelShare: Float = 0.15

    /// An ICT candidate sharing a title word besides the head noun leads the head noun's occupation from this score
    /// on ("IT-Security Analyst (SOC)" is a security analyst before an ICT system analyst; "UX/UI Designer" a UX
    /// designer before a software developer).
    static let specificICTScore: Float = 0.55

    /// Score of the head noun's ICT occupation (below a contained or exact label, above loose similarity).
    static let headScore: Float = 0.8
    /// Weight of non-ICT candidates when the title names a technology and an ICT head noun.
    static let nonICTWeight: Float = 0.6

    /// English head nouns of ICT job titles and the ESCO occupation (English preferred label) each stands for; the
    /// head nouns of the other languages come from the labels of these occupations (``headNouns(_:_:)``).
    static let headPrototypes: [(occupation: String, heads: [String])] = [
        ("software developer", ["developer", "programmer", "engineer"]),
        ("ICT system administrator", ["administrator"]),
        ("ICT consultant", ["consultant"]),
        ("ICT system analyst", ["analyst"]),
        ("software tester", ["tester"]),
        ("ICT system architect", ["architect"]),
        ("ICT technician", ["technician"]),
        ("ICT project manager", ["manager"]),
        ("data scientist", ["scientist"]),
    ]

    /// Languages whose job titles put the head noun first (`desarrollador de software`, `programista aplikacji`).
    static let headInitialLanguages: Set<String> = ["fr", "es", "it", "pt", "ro", "pl", "cs", "sk", "sl", "hr", "bg",
                                                     "lt", "lv", "el", "ga", "mt", "ar"]

    /// The head-noun table, learnt from ESCO's parallel labels: each English head noun of ``headPrototypes`` stands
    /// for its occupation; a head noun of another language (the last word of a label, or the first in head-initial
    /// languages; for compounds also the ending that ends other labels: `Softwareentwickler` -> `entwickler`)
    /// stands for the English head noun it shares ICT occupations with most often (`programista` heads the Polish
    /// labels of occupations whose English labels end in `developer`), when it does so at least twice.
    static func headNouns(_ all: [Occupation], words: [[String]], languages: [String], occupations: [Int32])
        -> [String: (occupation: Int32, last: Bool)] {
        var byLabel: [String: Int] = [:]
        for (i, o) in all.enumerated() where o.scheme == .esco && byLabel[o.label] == nil { byLabel[o.label] = i }
        var prototype: [String: Int] = [:] // English head -> occupation
        for p in headPrototypes {
            guard let i = byLabel[p.occupation] else { continue }
            for h in p.heads { prototype[h] = i }
        }
        var lastWords: [String: Set<String>] = [:]
        for (w, lang) in zip(words, languages) where lang != "en" && !headInitialLanguages.contains(lang) {
            if let last = w.last { lastWords[lang, default: []].insert(last) }
        }
        func heads(_ w: [String], _ language: String) -> [String] {
            guard let first = w.first, let last = w.last else { return [] }
            let initial = headInitialLanguages.contains(language)
            var out = [initial ? first : last]
            if !initial, language != "en", let known = lastWords[language] {
                if let ending = compoundEndings(last).first(where: known.contains) { out.append(ending) }
            }
            return out.filter { $0.count >= 4 && !$0.allSatisfy(\.isNumber) }
        }
        // English heads per ICT occupation.
        var english: [Int32: Set<String>] = [:]
        for (i, w) in words.enumerated() where languages[i] == "en" {
            let o = occupations[i]
            guard all[Int(o)].isICT, all[Int(o)].scheme == .esco else { continue }
            for h in heads(w, "en") where prototype[h] != nil { english[o, default: []].insert(h) }
        }
        // How many labels of ICT occupations each head word heads: a head stands for an English head only when it
        // translates it in most of them (`tecnico` -> technician in 104 of 107; `specialista` -> engineer in 16 of 66,
        // `designer` in 74 of 129: no).
        var ictHeaded: [String: Int] = [:]
        for (i, w) in words.enumerated() where languages[i] != "en" && all[Int(occupations[i])].scheme == .esco
            && all[Int(occupations[i])].isICT {
            for h in Set(heads(w, languages[i])) { ictHeaded[h, default: 0] += 1 }
        }
        var cooc: [String: [String: Int]] = [:]
        var position: [String: Bool] = [:]
        for (i, w) in words.enumerated() where languages[i] != "en" {
            guard let es = english[occupations[i]] else { continue }
            for h in Set(heads(w, languages[i])) {
                for e in es { cooc[h, default: [:]][e, default: 0] += 1 }
                position[h] = !headInitialLanguages.contains(languages[i])
            }
        }
        var out: [String: (occupation: Int32, last: Bool)] = [:]
        for (h, i) in prototype { out[h] = (Int32(i), true) }
        for (h, byEnglish) in cooc where out[h] == nil {
            let best = byEnglish.max { ($0.value, $1.key) < ($1.value, $0.key) }!
            guard best.value >= Tune.headMinLabels, let i = prototype[best.key],
                  Float(best.value) > Tune.headShare * Float(ictHeaded[h] ?? best.value) else { continue }
            out[h] = (Int32(i), position[h] ?? true)
        }
        return out
    }

    /// Non-ICT occupation -> ICT occupation, from labels of one language that are equal but for one ICT word
    /// (`modifiers`) more in the ICT occupation's (`project manager` / `ICT project manager`, `Projektleiter` /
    /// `IT-Projektleiter`); each
    /// non-ICT occupation gets the ICT occupation with the most such label pairs. O(labels × label words).
    static func ictCounterparts(_ all: [Occupation], words: [[String]], languages: [String], occupations: [Int32],
                                modifiers: Set<String>) -> [Int32: Int32] {
        var other: [String: Set<Int32>] = [:] // language + words -> non-ICT ESCO occupations
        for (i, w) in words.enumerated() {
            let o = all[Int(occupations[i])]
            guard o.scheme == .esco, !o.isICT else { continue }
            other[languages[i] + "\u{1}" + w.joined(separator: " "), default: []].insert(occupations[i])
        }
        var votes: [Int32: [Int32: Int]] = [:]
        for (i, w) in words.enumerated() where w.count >= 2 {
            let o = all[Int(occupations[i])]
            guard o.scheme == .esco, o.isICT else { continue }
            var seen = Set<Int32>()
            for k in 0..<w.count where modifiers.contains(w[k]) {
                var rest = w
                rest.remove(at: k)
                guard let occs = other[languages[i] + "\u{1}" + rest.joined(separator: " ")] else { continue }
                for n in occs where seen.insert(n).inserted { votes[n, default: [:]][occupations[i], default: 0] += 1 }
            }
        }
        var out: [Int32: Int32] = [:]
        for (n, byICT) in votes {
            let best = byICT.max { ($0.value, $1.key) < ($1.value, $0.key) }!
            if best.value >= Tune.counterpartMinPairs { out[n] = best.key }
        }
        return out
    }

    /// The endings of a compound word of 9+ letters that may be its head (5+ letters after 3+), longest first:
    /// `softwareentwickler` -> `wareentwickler`, ..., `ckler`.
    static func compoundEndings(_ word: String) -> [String] {
        let chars = Array(word)
        guard chars.count >= 9 else { return [] }
        return (3...(chars.count - 5)).map { String(chars[$0...]) }
    }

    /// The title's ICT head noun: a word of the main segment (or, failing that, of the whole title) in the head-noun
    /// table, preferring one in its language's head position; a compound counts by its ending (`backendentwickler`).
    func ictHead(_ a: TitleAnalysis) -> (occupation: Int32, last: Bool, word: String)? {
        for words in [a.main, a.full] where !words.isEmpty {
            var found: [(Int, (occupation: Int32, last: Bool), String)] = []
            for (i, w) in words.enumerated() {
                if let h = headNouns[w] { found.append((i, h, w)); continue }
                if let h = Self.compoundEndings(w).lazy.compactMap({ self.headNouns[$0] }).first(where: \.last) {
                    found.append((i, h, w))
                }
            }
            let pick = found.first(where: { $0.1.last ? $0.0 == words.count - 1 : $0.0 == 0 }) ?? found.first
            if let p = pick { return (p.1.occupation, p.1.last, p.2) }
        }
        return nil
    }

    /// The technology names found in `title` (for `explain`), and the ICT head noun of what remains, if any.
    public func technologyEvidence(_ title: String) -> (technologies: [String], head: String?) {
        guard technologies != nil else { return ([], nil) }
        let (cleaned, names) = withoutTechnologyNames(title)
        let head = ictHead(normalizer.analyze(cleaned))
        return (names, head.map { "\($0.word) -> \(occupations[Int($0.occupation)].label)" })
    }

    /// `title` with the technology names blanked out, and whether there were any (no technology matcher: unchanged).
    /// A title that is only technology names stays whole.
    func withoutTechnologies(_ title: String) -> (String, Bool) {
        let (cleaned, names) = withoutTechnologyNames(title)
        return (cleaned, !names.isEmpty)
    }

    /// ``withoutTechnologies(_:)`` with the names found. A name that needs evidence in text (`Go`, `Salesforce`:
    /// the matcher value's top bit) counts only when what remains of the title has a developer's head noun
    /// (`developer`, `engineer`, `Entwickler`, `programista`): "Go Developer", not "Office Manager".
    func withoutTechnologyNames(_ title: String) -> (String, [String]) {
        guard let technologies else { return (title, []) }
        let original = Array(title.utf8)
        var bytes = original
        let matches = technologies.matches(in: title, kind: .leftmostLongest)
        guard !matches.isEmpty else { return (title, []) }
        let strong = matches.filter { $0.value & Taxonomy.titleEvidenceBit == 0 }
        for m in strong { for k in m.start..<m.end { bytes[k] = 0x20 } }
        var found = strong
        let weak = matches.filter { $0.value & Taxonomy.titleEvidenceBit != 0 }
        if !weak.isEmpty {
            var rest = bytes
            for m in weak { for k in m.start..<m.end { rest[k] = 0x20 } }
            if let head = ictHead(normalizer.analyze(String(decoding: rest, as: UTF8.self))),
               head.occupation == developerOccupation {
                bytes = rest
                found = matches
            }
        }
        guard !found.isEmpty else { return (title, []) }
        let names = found.sorted { $0.start < $1.start }.map { String(decoding: original[$0.start..<$0.end], as: UTF8.self) }
        let cleaned = String(decoding: bytes, as: UTF8.self)
        return (normalizer.words(cleaned).isEmpty ? title : cleaned, names)
    }

    /// The occupation that the developer's head nouns stand for (``headPrototypes``' software developer).
    var developerOccupation: Int32? { headNouns["developer"]?.occupation }

    /// The vocabulary id of a normalized word (0 if unknown).
    func tokenID(_ s: String) -> UInt32 {
        var b = Array(s.utf8)
        return b.withUnsafeMutableBufferPointer { vocabulary.id(ofNormalized: UnsafeBufferPointer($0)) }
    }

    /// Words of a title used for similarity; longer inputs are cut (bounds the cost of a pasted text).
    public static let maxTitleWords = 24

    /// Token ids as the ASCII text the matcher sees (`t17 t4`; unknown words are `t0`, which no label has).
    static func idText(_ ids: [UInt32]) -> String {
        ids.map { "t\($0)" }.joined(separator: " ")
    }

    /// Contained labels (via the matcher) and soft-cosine token similarity; calls `offer` per label.
    func similarity(_ allWords: [String], scheme: OccupationScheme?, _ offer: (Int32, Float, CodingMethod, Int) -> Void) {
        // A title is short; a pasted text is cut to its first words (bounds the work per call).
        let words = allWords.prefix(Self.maxTitleWords)
        guard !words.isEmpty else { return }
        // Title vector: (token, weight); unknown compounds map to their known parts.
        var ids: [UInt32] = []
        var weights: [Float] = []
        var titleNorm2: Float = 0
        var partsOf: [(part: UInt32, of: Int, sim: Float)] = [] // unknown compounds, inflection variants
        let cs = Float(options.compoundSimilarity)
        for w in words {
            let t = tokenID(w)
            if t != 0 {
                ids.append(t)
                weights.append(idf[Int(t)])
                titleNorm2 += idf[Int(t)] * idf[Int(t)]
            } else {
                ids.append(0)
                weights.append(unknownIDF)
                titleNorm2 += unknownIDF * unknownIDF
                let chars = Array(w)
                if chars.count >= 8, chars.count <= 40 {
                    var bestPre: UInt32 = 0, bestSuf: UInt32 = 0
                    for k in stride(from: chars.count - 4, through: 4, by: -1) where bestPre == 0 {
                        bestPre = tokenID(String(chars[..<k]))
                    }
                    for k in 3...(chars.count - 4) where bestSuf == 0 { bestSuf = tokenID(String(chars[k...])) }
                    if bestPre != 0 { partsOf.append((bestPre, ids.count - 1, cs)) }
                    if bestSuf != 0 { partsOf.append((bestSuf, ids.count - 1, cs)) }
                }
            }
            if t == 0 || Tune.knownVariants {
                for (v, sim) in inflectionVariants(w) where v != t { partsOf.append((v, ids.count - 1, sim)) }
                if t == 0 {
                    for (v, sim) in prefixSharers(w) where !partsOf.contains(where: { $0.part == v && $0.of == ids.count - 1 }) {
                        partsOf.append((v, ids.count - 1, sim))
                    }
                }
            }
        }
        let titleNorm = titleNorm2.squareRoot()
        guard titleNorm > 0 else { return }
        let s = cs

        // Dot products per label in a dense array (common words have thousands of postings).
        var dot = [Float](repeating: 0, count: labelOcc.count)
        var touched: [Int32] = []
        let wanted: UInt8 = scheme.map { $0 == .esco ? 1 : 2 } ?? 3
        dot.withUnsafeMutableBufferPointer { d in
            postingList.withUnsafeBufferPointer { plist in
                labelScheme.withUnsafeBufferPointer { ls in
                    func add(token t: UInt32, weight: Float, sim: Float) {
                        let contrib = sim * weight * idf[Int(t)]
                        for k in Int(postingStart[Int(t)])..<Int(postingStart[Int(t) + 1]) {
                            let l = Int(plist[k])
                            if ls[l] & wanted == 0 { continue }
                            if d[l] == 0 { touched.append(Int32(l)) }
                            d[l] += contrib
                        }
                    }
                    for (i, t) in ids.enumerated() where t != 0 {
                        add(token: t, weight: weights[i], sim: 1)
                        if let cs = compounds[t] { for c in cs { add(token: c, weight: weights[i], sim: s) } }
                    }
                    for (part, i, sim) in partsOf { add(token: part, weight: weights[i], sim: sim) }
                }
            }
        }
        // Contained labels (the matcher over token ids): score by the share of the title's IDF mass covered.
        var contained: [Int32: Float] = [:]
        let text = Self.idText(ids)
        var out: [Match] = []
        var scratch = MatchScratch()
        var copy = text
        copy.withUTF8 { matcher.matches(in: $0, kind: .overlapping, scratch: &scratch, into: &out) }
        for m in out where m.tokenEnd - m.tokenStart < ids.count {
            var covered: Float = 0
            for k in m.tokenStart..<m.tokenEnd where k < weights.count { covered += weights[k] * weights[k] }
            var c = 0.25 + 0.6 * covered / titleNorm2
            // A label inside the title that leaves out the title's head word names a modifier of the job, not the job
            // (`Veterinarian` in `Veterinarian Assistant`, `Boiler` in `Boiler Service Technician`): English heads are
            // last, head-initial languages' first (German and Dutch compounds are not judged).
            let l = Int(m.value)
            if labelEnglish[l] ? m.tokenEnd < ids.count : (labelHeadFirst[l] && m.tokenStart > 0) {
                c *= labelEnglish[l] ? Tune.englishPenalty : Tune.otherPenalty
            }
            contained[Int32(m.value)] = max(contained[Int32(m.value)] ?? 0, c)
        }

        // Cosine; English heads are last, so `pilot` is not a `pilot supervisor`.
        // Only each occupation's best label is offered.
        let lastTitle = ids.last ?? 0
        let firstTitle = ids.first ?? 0
        let lastVariants = Set(partsOf.filter { $0.of == ids.count - 1 }.map(\.part))
        let firstVariants = Set(partsOf.filter { $0.of == 0 }.map(\.part))
        var best: [Int32: (score: Float, label: Int32, method: CodingMethod)] = [:]
        var second: [Int32: Float] = [:]
        for l32 in touched {
            let l = Int(l32)
            let norm = labelNorm[l]
            guard norm > 0 else { continue }
            var score = 0.9 * min(1, dot[l] / (titleNorm * norm))
            var method = CodingMethod.tokenSimilarity
            // The head rule holds for contained labels too: one that ends with the title's head word is not touched by
            // it, one that leaves the head out is a modifier (its contained score is lowered likewise, above).
            if labelEnglish[l] {
                if lastTitle != 0 {
                    let head = labelTokens[Int(labelTokenStart[l + 1]) - 1]
                    if head != lastTitle { score *= headMismatch(head, lastTitle, variants: lastVariants, english: true) }
                }
            } else if labelHeadFirst[l] {
                let first = labelHeadFirst[l]
                let th = first ? firstTitle : lastTitle
                if th != 0 {
                    let head = first ? labelTokens[Int(labelTokenStart[l])] : labelTokens[Int(labelTokenStart[l + 1]) - 1]
                    if head != th {
                        score *= headMismatch(head, th, variants: first ? firstVariants : lastVariants, english: false)
                    }
                }
            }
            if let c = contained[l32] {
                score = max(score, c)
                method = .containedLabel
            }
            let occ = labelOcc[l]
            func push(_ x: Float) { second[occ] = max(second[occ] ?? 0, x) }
            if let b = best[occ], b.score > score || (b.score == score && labelKind[Int(b.label)].rank <= labelKind[l].rank) {
                push(score)
                continue
            }
            if let b = best[occ] { push(b.score) }
            best[occ] = (score, l32, method)
        }
        // Support from an occupation's other labels: its second most similar label adds a share of its score
        // (an occupation that several labels resemble is likelier than one that a single label resembles).
        // Never past what a similar label can reach (0.9): an exact label still leads.
        for (occ, b) in best {
            let support = Self.secondLabelShare * (second[occ] ?? 0)
            let x = b.score + support
            // Soft cap below 0.9: above 0.8 scores are compressed, not cut, so near-equal labels keep their order
            // (a hard cap tied many at 0.9).
            let capped = x <= 0.8 ? x : 0.8 + 0.1 * tanhf((x - 0.8) / 0.1)
            offer(b.label, capped, b.method, 1)
        }
    }

    /// The parts of an O*NET occupation title that name a job on their own: `Zoologists and Wildlife Biologists` ->
    /// `Zoologists`, `Wildlife Biologists`; `Claims Adjusters, Examiners, and Investigators` -> three. A qualifier after
    /// a comma (`Cooks, Fast Food`, `, Except ...`) is dropped; a part must end in a plural word and have 1-3 words;
    /// titles with `of` (`Agents and Business Managers of Artists`) are not split.
    static func titleParts(_ title: String) -> [String] {
        guard !title.contains(" of "), title.contains(" and ") else { return [] }
        var head = title
        if let r = head.range(of: ", and ") {
            // An enumeration `A, B, and C[, qualifier]`.
            let tail = head[r.upperBound...]
            let last = tail.split(separator: ",", maxSplits: 1).first.map(String.init) ?? ""
            head = head[..<r.lowerBound].replacingOccurrences(of: ", ", with: " and ") + " and " + last
        } else if let r = head.range(of: ",") {
            head = String(head[..<r.lowerBound])
        }
        let parts = head.components(separatedBy: " and ").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2 else { return [] }
        return parts.filter { p in
            let w = p.split(separator: " ")
            guard (1...3).contains(w.count), let last = w.last, last.count >= 4 else { return false }
            return last.hasSuffix("s") && !last.hasSuffix("ss") && last.first?.isUppercase == true
        }
    }

    /// The factor for a label whose head word (`head`) differs from the title's (`title`): 1 when they are inflection
    /// variants or compound parts of each other, or when labels of one occupation use both (`manager`/`director`).
    func headMismatch(_ head: UInt32, _ title: UInt32, variants: Set<UInt32>, english: Bool) -> Float {
        let penalty = english ? Tune.englishPenalty : Tune.otherPenalty
        if variants.contains(head) { return 1 }
        do {
            let k = UInt64(min(head, title)) << 32 | UInt64(max(head, title))
            if headPairs.contains(k) { return penalty + (1 - penalty) * (english ? Tune.pairSpare : Tune.pairSpareOther) }
        }
        if !english, let cs = compounds[head], cs.contains(title) { return 1 }
        return penalty
    }

    /// Words of the index that are inflection variants of `w` (a common prefix of 5+ characters that leaves at
    /// most 3 characters of either), with their similarity: `Tune.fuzz` × common prefix / longer length.
    func inflectionVariants(_ w: String) -> [(UInt32, Float)] {
        let chars = Array(w)
        let n = chars.count
        guard n >= Tune.fuzzMin, n <= 40, !stems.isEmpty else { return [] }
        var out: [(UInt32, Float)] = []
        for m in max(Tune.fuzzMin - 1, n - 3)...n {
            guard let vs = stems[String(chars[..<m])] else { continue }
            for v in vs where !out.contains(where: { $0.0 == v }) {
                if postingStart[Int(v) + 1] - postingStart[Int(v)] > Tune.fuzzMaxPostings { continue }
                let other = Array(vocabulary.string(for: v))
                var c = 0
                while c < min(n, other.count), chars[c] == other[c] { c += 1 }
                guard n - c <= 3, other.count - c <= 3 else { continue }
                out.append((v, Tune.fuzz * Float(c) / Float(max(n, other.count))))
            }
        }
        return out
    }

    /// Indexed words that share the longest prefix with an unknown compound `w` of 8+ characters, when that prefix
    /// has 6+ characters and at least half of `w` (`hondenkweekster` ~ `hondenkweker`, `schoonmaakmedewerker` ~
    /// `schoonmaakster`): the modifier and the start of the head agree. Similarity `Tune.fuzz` × prefix / shorter
    /// length (`boorwerkster` ~ `boorwerker` 0.64 outweighs the bare head `werkster` at 0.6); at most
    /// `Tune.prefixMaxWords` words. Lengths in UTF-8 bytes. O(log vocabulary + neighbours).
    func prefixSharers(_ w: String) -> [(UInt32, Float)] {
        let chars = Array(w.utf8)
        guard chars.count >= 8, chars.count <= 40, !sortedWords.isEmpty else { return [] }
        var lo = 0, hi = sortedWords.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedWords[mid].lexicographicallyPrecedes(chars) { lo = mid + 1 } else { hi = mid }
        }
        func lcp(_ k: Int) -> Int {
            var c = 0
            let o = sortedWords[k]
            while c < min(o.count, chars.count), o[c] == chars[c] { c += 1 }
            return c
        }
        let need = max(6, (chars.count + 1) / 2)
        var best = 0
        var found: [(Int, Int)] = [] // index, prefix length
        var k = lo - 1
        while k >= 0 { let c = lcp(k); if c < need { break }; found.append((k, c)); best = max(best, c); k -= 1 }
        k = lo
        while k < sortedWords.count { let c = lcp(k); if c < need { break }; found.append((k, c)); best = max(best, c); k += 1 }
        guard best >= need else { return [] }
        var out: [(UInt32, Float)] = []
        for (k, c) in found where c == best {
            let v = sortedIDs[k]
            if postingStart[Int(v) + 1] - postingStart[Int(v)] > Tune.fuzzMaxPostings { continue }
            out.append((v, Tune.fuzz * Float(c) / Float(min(chars.count, sortedWords[k].count))))
            if out.count >= Tune.prefixMaxWords { break }
        }
        return out
    }

    /// Cosine similarity of the posting's skills to each occupation's skills.
    func skillSimilarity(_ skills: [String], scheme: OccupationScheme?) -> [Int32: Float] {
        var dot: [Int32: Float] = [:]
        var norm2: Float = 0
        for s in Set(skills).sorted() { // a fixed order: the sums are the same in every process
            guard let occs = skillPostings[s], let idf = skillIDF[s] else { continue }
            norm2 += idf * idf
            for o in occs {
                if let scheme, occupations[Int(o.occupation)].scheme != scheme { continue }
                dot[o.occupation, default: 0] += idf * o.weight
            }
        }
        let pn = norm2.squareRoot()
        guard pn > 0 else { return [:] }
        var out: [Int32: Float] = [:]
        for (o, d) in dot where skillNorm[Int(o)] > 0 { out[o] = d / (pn * skillNorm[Int(o)]) }
        return out
    }
}

/// Constants of the similarity steps (measured on every evaluation set; DESIGN.md, *Occupation coding*).
enum Tune {
    /// Similarity of an unknown title word to an inflection variant in the index, times common prefix / length.
    static let fuzz: Float = 0.8
    /// Words of 6+ characters have inflection variants (truncation keys keep 5+).
    static let fuzzMin = 6
    /// At most this many words share an unknown compound's prefix (``OccupationCoder/prefixSharers(_:)``).
    static let prefixMaxWords = 24
    /// Known title words match their inflection variants too (`administracyjna` ~ `administracyjny`).
    static let knownVariants = true
    /// Variants with more postings than this are skipped (they cost time and carry little weight).
    static let fuzzMaxPostings: Int32 = 300
    /// A label whose head word differs from the title's: English labels (last word).
    static let englishPenalty: Float = 0.85
    /// The same for labels of head-initial languages (first word: `kierownik projektu`, `ingegnere software`).
    static let otherPenalty: Float = 0.85
    /// Share of the penalty spared when labels of one occupation use both head words: English 0, other languages 1.
    static let pairSpare: Float = 0
    static let pairSpareOther: Float = 1
    /// A head pair counts from this many occupations' label pairs.
    static let pairMin = 1
    /// A head noun of another language stands for an English head when it heads labels of this many ICT occupations
    /// whose English labels have that head, and more than this share of all the ICT labels it heads.
    static let headMinLabels = 3
    /// A word in the labels of this share of the ICT occupations is generic (``OccupationCoder/ictGenericWords``).
    static let ictGenericShare: Float = 0.2
    /// An exact label equal to the head segment alone when the title goes on with `in` and words the index knows.
    static let headWithoutSpecialism: Float = 0.85
    /// ICT modifiers: generic ICT words of which at least this share of the occupations using them are ICT ones.
    static let modifierShare: Float = 0.3
    /// An ICT counterpart needs this many label pairs (over all languages).
    static let counterpartMinPairs = 1
    static let headShare: Float = 0.6
}
