/// A seeded generator of synthetic job-posting corpora with planted skill trends.
///
/// Output: JSON Lines, one posting per line, keys in this order:
/// `{"id":"syn-000000001","title":…,"description":…,"date":"YYYY-MM-DD","region":…,"employer":…}`.
/// Ids count from 1 and have at least 9 digits. Strings are JSON-escaped (`"`, `\` and control characters);
/// non-ASCII text is written as UTF-8.
///
/// Text rules (what a matcher will and will not find):
/// - Descriptions are sentences of 5–16 words from a fixed filler vocabulary: generic English words (70 % of
///   the picks) and invented pronounceable words (30 %). **Every word that is a token of any supplied label is removed from the vocabulary**
///   (tokens in the case- and diacritic-folded, punctuation-split view of ``SynthText``), so no label can occur
///   in filler, nor start or end in filler next to an inserted label.
/// - Skill labels are inserted as whole words: preceded by a space and a filler word, followed by a space,
///   `,` or `.`; two mentions are always separated by at least one filler word. A mention is written as given
///   (80 %), upper-cased (10 %) or lower-cased (10 %; ASCII letters only), except that labels marked
///   ``SkillTerm/exactCase`` are always written as given. For a concept with several labels,
///   each mention uses the first label with probability ½, otherwise a uniformly chosen one.
/// - Each concept chosen for a posting is mentioned once or twice (½ each); the mentions are spread over the
///   description in random order.
/// - Titles (`[seniority ]<ICT job title>[ (m/w/d)]`), employer names (invented) and invented
///   out-of-taxonomy terms never contain a label. Out-of-taxonomy terms consist of words that are neither
///   label tokens nor filler words.
/// - So a label occurs in the text only where a concept was chosen, or inside a longer label of another
///   concept that was chosen; planted concepts are picked so that the latter cannot happen (see
///   ``PlantedTrend``).
///
/// Posting sizes vary uniformly within ±40 % of ``SynthConfig/meanPostingBytes`` (whole line).
///
/// Determinism: the output depends only on the configuration (and ``formatVersion``); all randomness comes
/// from xoshiro256** seeded with ``SynthConfig/seed``, and only portable arithmetic is used.
public struct SyntheticCorpusGenerator: Sendable {
    /// Version of the generation rules; a given configuration yields the same bytes within one version.
    public static let formatVersion = 1

    /// The configuration being generated.
    public let config: SynthConfig

    // Prepared tables (built once in `init`).
    let fillerWords: [String]
    /// The first `genericFillerCount` filler words are generic English, the rest invented.
    let genericFillerCount: Int
    let filler: ByteTable
    /// Entry `3·slot + v` is label slot `slot` as given (v = 0), upper-cased (1) and lower-cased (2), escaped.
    let labelVariants: ByteTable
    /// Label slots of concept `c` (taxonomy concepts first, then out-of-taxonomy terms).
    let conceptSlots: [[Int32]]
    let conceptIDs: [String]
    let conceptLabels: [[String]]
    let planted: [PlantSpec]
    /// Background concepts sorted by decreasing probability, their probabilities, and sampling blocks.
    let background: [Int32]
    let backgroundProbability: [Double]
    let blocks: [Block]
    let titles: ByteTable
    let titleChoice: WeightedChoice
    let regions: ByteTable
    let regionChoice: WeightedChoice
    let employers: ByteTable
    let employerChoice: WeightedChoice
    /// The planted occupation (when configured): title variants, bundle concepts, ramp.
    let occupation: OccupationSpec?

    struct OccupationSpec: Sendable {
        var title: String
        var titles: ByteTable
        var bundle: [Int]
        var endShare: Double
        var startMonth: Int
        var t0: Double
        static let bundleProbability = 0.85
        static let backgroundProbability = 0.01

        @inline(__always)
        func probability(t: Double, month: Int) -> Double {
            month < startMonth ? 0 : max(0, endShare * (t - t0) / (1 - t0))
        }
    }

    /// Candidate titles of the planted occupation; the first that contains no label is used.
    static let occupationTitles = ["MLOps Engineer", "Prompt Engineer", "AI Ops Engineer", "Vectorbase Engineer"]

    struct PlantSpec: Sendable {
        var kind: PlantedTrend.Kind
        var concept: Int
        var p0: Double
        var p1: Double
        /// First month index with p > 0.
        var startMonth: Int
        /// For out-of-taxonomy terms: the time coordinate where the ramp starts.
        var t0: Double

        @inline(__always)
        func probability(t: Double, month: Int) -> Double {
            switch kind {
            case .stable: return p0
            case .rising, .falling: return p0 + (p1 - p0) * t
            case .appearing: return month < startMonth ? 0 : p1
            case .outOfTaxonomy: return month < startMonth ? 0 : max(0, p1 * (t - t0) / (1 - t0))
            }
        }

        /// Mean of `p` over the whole span (t uniform), for the background budget.
        var meanProbability: Double {
            switch kind {
            case .stable: return p0
            case .rising, .falling: return (p0 + p1) / 2
            case .appearing: return p1 / 2
            case .outOfTaxonomy: return p1 * (1 - t0) / 2
            }
        }
    }

    /// Background concepts `lo..<hi` (positions in `background`) all have probability in (q/2, q].
    struct Block: Sendable {
        var lo: Int
        var hi: Int
        var q: Double
        /// 1 / ln(1 − q), for geometric skipping; 0 means "draw each concept directly".
        var inverseLogMiss: Double
    }

    /// Upper bound of a background concept's probability.
    static let backgroundCap = 0.5
    /// Minimum number of filler words; invented words are added when label tokens remove too many.
    static let minimumFillerWords = 48

    /// Prepares the tables: groups labels by concept, filters the filler vocabulary, shuffles the concepts,
    /// picks the planted concepts and invents the out-of-taxonomy terms, employers and titles.
    public init(config: SynthConfig) throws(SynthConfigError) {
        try config.validate()
        self.config = config

        // 1. Concepts and their labels (order of first appearance; blank and duplicate labels dropped).
        var ids: [String] = []
        var labels: [[String]] = []
        var exact: [[Bool]] = []
        var indexOf: [String: Int] = [:]
        for term in config.skills {
            let label = term.label.trimmingSynthWhitespace()
            guard !label.isEmpty else { continue }
            if let c = indexOf[term.conceptID] {
                if let k = labels[c].firstIndex(of: label) {
                    exact[c][k] = exact[c][k] || term.exactCase
                } else {
                    labels[c].append(label)
                    exact[c].append(term.exactCase)
                }
            } else {
                indexOf[term.conceptID] = ids.count
                ids.append(term.conceptID)
                labels.append([label])
                exact.append([term.exactCase])
            }
        }
        let labelTokens = labels.map { $0.map(SynthText.tokens) }
        let index = LabelIndex(conceptLabelTokens: labelTokens)
        let eligible = index.eligibleConcepts(conceptLabelTokens: labelTokens)

        // 2. Filler vocabulary minus label tokens.
        let generic = SynthVocabulary.genericWords.filter { !index.tokens.contains($0) }
        genericFillerCount = generic.count
        var words = generic + SynthVocabulary.inventedWords.filter { !index.tokens.contains($0) }
        var vocabulary = Set(SynthVocabulary.genericWords + SynthVocabulary.inventedWords + SynthVocabulary.termSuffixes)
        var extra = Xoshiro256(seed: 0x5EED_F111_E8, stream: 8)
        var attempts = 0
        while words.count < Self.minimumFillerWords {
            attempts += 1
            guard attempts < 1_000_000 else { throw .invalid("labels leave no usable filler words") }
            let w = SynthVocabulary.pronounceableWord(syllables: 2 + extra.below(3), using: &extra)
            if !index.tokens.contains(w), vocabulary.insert(w).inserted { words.append(w) }
        }
        fillerWords = words
        var filler = ByteTable()
        for w in words { filler.append(w.utf8) }
        self.filler = filler

        // 3. Seeded concept order; planted concepts are the first eligible ones of it.
        var setup = Xoshiro256(seed: config.seed, stream: 1)
        var order = Array(0..<ids.count)
        order.seededShuffle(using: &setup)
        let kinds: [(PlantedTrend.Kind, Int)] = [(.rising, config.rising), (.falling, config.falling),
                                                 (.appearing, config.appearing), (.stable, config.stable)]
        let needed = kinds.reduce(0) { $0 + $1.1 }
        let eligibleInOrder = order.filter { eligible[$0] }
        guard eligibleInOrder.count >= needed else {
            throw .notEnoughEligibleSkills(needed: needed, eligible: eligibleInOrder.count)
        }
        let months = 12 * config.years
        var specs: [PlantSpec] = []
        var next = 0
        for (kind, n) in kinds {
            for _ in 0..<n {
                let c = eligibleInOrder[next]
                next += 1
                var s = PlantSpec(kind: kind, concept: c, p0: 0, p1: 0, startMonth: 0, t0: 0)
                let f = PlantedTrend.trendFactor
                switch kind {
                case .rising:
                    s.p0 = setup.uniform(0.045, 0.05); s.p1 = s.p0 * f
                case .falling:
                    s.p0 = setup.uniform(0.27, 0.30); s.p1 = s.p0 / f
                case .appearing:
                    s.p1 = setup.uniform(0.10, 0.20); s.startMonth = months / 2
                case .stable:
                    s.p0 = setup.uniform(0.05, 0.30); s.p1 = s.p0
                case .outOfTaxonomy:
                    break
                }
                specs.append(s)
            }
        }
        // 3b. The planted occupation's bundle: the next eligible concepts (no setup draws unless configured).
        var bundle: [Int] = []
        if config.occupations > 0 {
            guard eligibleInOrder.count >= needed + config.occupationBundle else {
                throw .notEnoughEligibleSkills(needed: needed + config.occupationBundle, eligible: eligibleInOrder.count)
            }
            bundle = Array(eligibleInOrder[needed..<(needed + config.occupationBundle)])
        }
        let plantedSet = Set(specs.map(\.concept)).union(bundle)

        // 4. Out-of-taxonomy terms: "<invented> <suffix>", no token a label token or a vocabulary word.
        var usedTermWords = Set<String>()
        for _ in 0..<config.outOfTaxonomyTerms {
            var first = ""
            repeat {
                first = SynthVocabulary.pronounceableWord(syllables: 2 + setup.below(2), using: &setup)
            } while first.count < 4 || vocabulary.contains(first) || index.tokens.contains(first)
                || usedTermWords.contains(first)
            usedTermWords.insert(first)
            var second = SynthVocabulary.termSuffixes[setup.below(SynthVocabulary.termSuffixes.count)]
            while index.tokens.contains(second) || usedTermWords.contains(second)
                || (vocabulary.contains(second) && !SynthVocabulary.termSuffixes.contains(second)) {
                second = SynthVocabulary.pronounceableWord(syllables: 2, using: &setup)
            }
            if !SynthVocabulary.termSuffixes.contains(second) { usedTermWords.insert(second) }
            let c = ids.count
            ids.append("")
            labels.append([first + " " + second])
            exact.append([false])
            specs.append(PlantSpec(kind: .outOfTaxonomy, concept: c, p0: 0, p1: setup.uniform(0.10, 0.20),
                                   startMonth: months / 4, t0: Double(months / 4) / Double(months)))
        }
        planted = specs
        conceptIDs = ids
        conceptLabels = labels

        // 5. Label variants.
        var variants = ByteTable()
        var slots: [[Int32]] = []
        var slot: Int32 = 0
        for (c, ls) in labels.enumerated() {
            var s: [Int32] = []
            for (k, l) in ls.enumerated() {
                let raw = Array(l.utf8)
                let asIs = JSONBytes.escape(bytes: raw)
                variants.append(asIs)
                if exact[c][k] { // same random draws, but every variant is the label as given
                    variants.append(asIs)
                    variants.append(asIs)
                } else {
                    variants.append(JSONBytes.escape(bytes: raw.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 32 : $0 }))
                    variants.append(JSONBytes.escape(bytes: raw.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }))
                }
                s.append(slot)
                slot += 1
            }
            slots.append(s)
        }
        labelVariants = variants
        conceptSlots = slots

        // 6. Background: Zipf over the remaining concepts in shuffled order, capped, scaled to the budget.
        let plantedMean = specs.reduce(0) { $0 + $1.meanProbability }
        let budget = max(0, config.skillsPerPosting - plantedMean)
        let bg = order.filter { !plantedSet.contains($0) }
        let probs = Self.zipfProbabilities(count: bg.count, total: budget, cap: Self.backgroundCap)
        var bgConcepts: [Int32] = []
        var bgProbs: [Double] = []
        for (r, c) in bg.enumerated() where probs[r] > 0 {
            bgConcepts.append(Int32(c))
            bgProbs.append(probs[r])
        }
        background = bgConcepts
        backgroundProbability = bgProbs
        var blocks: [Block] = []
        var lo = 0
        while lo < bgProbs.count {
            let q = bgProbs[lo]
            var hi = lo + 1
            while hi < bgProbs.count, bgProbs[hi] > q / 2 { hi += 1 }
            let direct = q >= 0.25 || hi - lo <= 2
            blocks.append(Block(lo: lo, hi: hi, q: q, inverseLogMiss: direct ? 0 : 1 / portableLog(1 - q)))
            lo = hi
        }
        self.blocks = blocks

        // 7. Titles.
        var titles = ByteTable()
        var titleWeights: [Double] = []
        for (prefix, w) in SynthVocabulary.seniorities {
            for base in SynthVocabulary.titles {
                for (suffix, sw) in [("", 0.7), (" (m/w/d)", 0.3)] {
                    let t = prefix + base + suffix
                    guard !index.containsLabel(t) else { continue }
                    titles.append(JSONBytes.escape(t))
                    titleWeights.append(w * sw)
                }
            }
        }
        if titles.count == 0 {
            var t = "Vacancy"
            while index.containsLabel(t) {
                t = SynthVocabulary.pronounceableWord(syllables: 3, using: &setup).capitalizedASCII()
            }
            titles.append(JSONBytes.escape(t))
            titleWeights.append(1)
        }
        self.titles = titles
        titleChoice = WeightedChoice(weights: titleWeights)

        // 8. Regions.
        var regions = ByteTable()
        for r in config.regions { regions.append(JSONBytes.escape(r)) }
        self.regions = regions
        regionChoice = WeightedChoice(weights: config.regions.indices.map { 2 / (2 + Double($0)) })

        // 9. Employers: invented, unique, label-free names; Zipf volume.
        var employers = ByteTable()
        var names = Set<String>()
        while employers.count < config.employers {
            let stem = SynthVocabulary.pronounceableWord(syllables: 2 + setup.below(2), using: &setup)
            let suffix = SynthVocabulary.employerSuffixes[setup.below(SynthVocabulary.employerSuffixes.count)]
            let name = stem.capitalizedASCII() + " " + suffix
            guard !names.contains(name), !index.containsLabel(name) else { continue }
            names.insert(name)
            employers.append(JSONBytes.escape(name))
        }
        self.employers = employers
        employerChoice = WeightedChoice(weights: (0..<config.employers).map { 1 / Double($0 + 1) })

        // 10. The planted occupation: a fixed title (first candidate free of labels), four variants.
        if config.occupations > 0 {
            var title = Self.occupationTitles.first { !index.containsLabel($0) } ?? ""
            while title.isEmpty || index.containsLabel(title) {
                title = SynthVocabulary.pronounceableWord(syllables: 3, using: &setup).capitalizedASCII() + " Engineer"
            }
            var t = ByteTable()
            for v in [title, "Senior " + title, title + " (m/w/d)", "Junior " + title] { t.append(JSONBytes.escape(v)) }
            occupation = OccupationSpec(title: title, titles: t, bundle: bundle, endShare: 0.15, startMonth: months / 4,
                                        t0: Double(months / 4) / Double(months))
        } else {
            occupation = nil
        }
    }

    /// Probabilities `min(cap, c / (rank + 1))` for ranks `0..<count`, with `c` chosen so they sum to `total`
    /// (all equal to `cap` when `total ≥ cap·count`).
    static func zipfProbabilities(count: Int, total: Double, cap: Double) -> [Double] {
        guard count > 0, total > 0 else { return Array(repeating: 0, count: count) }
        if total >= cap * Double(count) { return Array(repeating: cap, count: count) }
        func sum(_ c: Double) -> Double {
            var s = 0.0
            for r in 0..<count { s += min(cap, c / Double(r + 1)) }
            return s
        }
        var lo = 0.0, hi = cap * Double(count)
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if sum(mid) < total { lo = mid } else { hi = mid }
        }
        let c = (lo + hi) / 2
        return (0..<count).map { min(cap, c / Double($0 + 1)) }
    }

    // MARK: Generation

    /// Writes the corpus to `sink` in chunks of whole lines (about 1 MiB each; the buffer is only valid during
    /// the call) and returns what was planted and realized.
    public func generate(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> GroundTruth {
        let months = 12 * config.years
        let years = config.years
        let plantedCount = planted.count
        var realized = [Int](repeating: 0, count: plantedCount * years)
        var mentionCounts = [Int](repeating: 0, count: plantedCount * years)
        var perYear = [Int](repeating: 0, count: years)
        var occupationPerYear = [Int](repeating: 0, count: years)
        var totalBytes = 0

        let fillerT = RawTable(filler)
        let labelT = RawTable(labelVariants)
        let titleT = RawTable(titles)
        let regionT = RawTable(regions)
        let employerT = RawTable(employers)
        let occupationT = RawTable(occupation?.titles ?? ByteTable())
        defer {
            fillerT.free(); labelT.free(); titleT.free(); regionT.free(); employerT.free(); occupationT.free()
        }
        let flushAt = 1 << 20
        var out = OutBuffer(capacity: flushAt + 64 * 1024)
        defer { out.free() }

        var rng = Xoshiro256(seed: config.seed, stream: 2)
        var mentions: [Int32] = []
        mentions.reserveCapacity(256)
        let fillerCount = filler.count
        let genericCount = genericFillerCount
        let inventedCount = fillerCount - genericCount
        /// 70 % generic words when both kinds exist (low bits decide, high bits index).
        @inline(__always) func pickWord(_ rng: inout Xoshiro256) -> Int {
            let r = rng.next()
            guard genericCount > 0, inventedCount > 0 else {
                return Int(truncatingIfNeeded: r.multipliedFullWidth(by: UInt64(fillerCount)).high)
            }
            if r & 1023 < 717 { return Int(truncatingIfNeeded: r.multipliedFullWidth(by: UInt64(genericCount)).high) }
            return genericCount + Int(truncatingIfNeeded: r.multipliedFullWidth(by: UInt64(inventedCount)).high)
        }
        let mean = Double(config.meanPostingBytes)
        // `{"id":"syn-` `","title":"` `","description":"` `","date":"` `","region":"` `","employer":"` `"}\n`
        let fixedOverhead = 11 + 11 + 17 + 10 + 12 + 14 + 3 + 10

        // Planted copies draw from their own stream, so a corpus without them keeps its bytes.
        var copyRNG = Xoshiro256(seed: config.seed, stream: 3)
        let copyShare = config.duplicates ?? 0
        var recent: [[UInt8]] = []
        var copies = 0
        for i in 0..<config.postings {
            let lineStart = out.count
            // Date and time coordinate.
            let month = rng.below(months)
            let year = config.startYear + month / 12
            let monthOfYear = month % 12 + 1
            let dim = SynthCalendar.days(year: year, month: monthOfYear)
            let day = 1 + rng.below(dim)
            let t = (Double(month) + (Double(day) - 0.5) / Double(dim)) / Double(months)
            let y = month / 12
            perYear[y] += 1

            // Skills: planted first, then the background blocks.
            mentions.removeAll(keepingCapacity: true)
            for k in 0..<plantedCount {
                let spec = planted[k]
                if rng.unit() < spec.probability(t: t, month: month) {
                    let n = addMentions(of: spec.concept, to: &mentions, &rng)
                    realized[k * years + y] += 1
                    mentionCounts[k * years + y] += n
                }
            }
            for b in blocks {
                if b.inverseLogMiss == 0 {
                    for j in b.lo..<b.hi where rng.unit() < backgroundProbability[j] {
                        _ = addMentions(of: Int(background[j]), to: &mentions, &rng)
                    }
                } else {
                    var j = b.lo - 1
                    while true {
                        let skip = portableLog(rng.unitOpen()) * b.inverseLogMiss
                        guard skip < Double(b.hi - j - 1) else { break }
                        j += 1 + Int(skip)
                        if rng.unit() * b.q < backgroundProbability[j] {
                            _ = addMentions(of: Int(background[j]), to: &mentions, &rng)
                        }
                    }
                }
            }
            // The planted occupation (draws only when configured, so other corpora keep their bytes).
            var occupationTitle = -1
            if let occ = occupation {
                let isOcc = rng.unit() < occ.probability(t: t, month: month)
                if isOcc {
                    occupationTitle = rng.below(4)
                    occupationPerYear[y] += 1
                }
                for c in occ.bundle
                where rng.unit() < (isOcc ? OccupationSpec.bundleProbability : OccupationSpec.backgroundProbability) {
                    _ = addMentions(of: c, to: &mentions, &rng)
                }
            }
            mentions.seededShuffle(using: &rng)

            let title = titleChoice.pick(&rng)
            let region = regionChoice.pick(&rng)
            let employer = employerChoice.pick(&rng)
            let lineTarget = Int(mean * rng.uniform(0.6, 1.4))
            let titleLength = occupationTitle >= 0 ? occupationT.length(occupationTitle) : titleT.length(title)
            let overhead = fixedOverhead + max(9, decimalDigits(i + 1)) + titleLength
                + regionT.length(region) + employerT.length(employer)
            let descTarget = max(60, lineTarget - overhead - 40)

            // The line.
            out.put(#"{"id":"syn-"#)
            out.putNumber(i + 1, minDigits: 9)
            out.put(#"","title":""#)
            if config.forumHeaders {
                // A forum header instead of a title: "Employer | Role | Region[ | REMOTE]", then a blank line.
                out.put(#"","description":""#)
                out.put(employerT, employer)
                out.put(" | ")
                if occupationTitle >= 0 { out.put(occupationT, occupationTitle) } else { out.put(titleT, title) }
                out.put(" | ")
                out.put(regionT, region)
                if rng.below(3) == 0 { out.put(" | REMOTE") }
                out.put(#"\n\n"#)
            } else {
                if occupationTitle >= 0 { out.put(occupationT, occupationTitle) } else { out.put(titleT, title) }
                out.put(#"","description":""#)
            }
            let descStart = out.count
            var nextMention = 0
            var threshold = mentions.isEmpty ? Int.max : descTarget / (mentions.count + 1)
            var lastWasMention = false
            while true {
                let words = 5 + rng.below(12)
                if out.count > descStart { out.put(UInt8(ascii: " ")) }
                // First word, capitalized (filler words are lowercase ASCII).
                let first = pickWord(&rng)
                let at = out.count
                out.put(fillerT, first)
                out.base[at] &-= 32
                lastWasMention = false
                for w in 1..<words {
                    if !lastWasMention, out.count - descStart >= threshold {
                        out.put(UInt8(ascii: " "))
                        out.put(labelT, Int(mentions[nextMention]))
                        nextMention += 1
                        threshold = nextMention == mentions.count
                            ? Int.max : descTarget * (nextMention + 1) / (mentions.count + 1)
                        lastWasMention = true
                        if w < words - 1, rng.below(10) < 3 { out.put(UInt8(ascii: ",")) }
                    } else {
                        out.put(UInt8(ascii: " "))
                        out.put(fillerT, pickWord(&rng))
                        lastWasMention = false
                        if w < words - 1, rng.below(16) == 0 { out.put(UInt8(ascii: ",")) }
                    }
                }
                out.put(UInt8(ascii: "."))
                if nextMention == mentions.count, out.count - descStart >= descTarget { break }
                if nextMention < mentions.count, out.count - descStart >= descTarget {
                    threshold = 0 // flush the remaining mentions
                }
            }
            out.put(#"","date":""#)
            out.putNumber(year, minDigits: 4)
            out.put(UInt8(ascii: "-"))
            out.putNumber(monthOfYear, minDigits: 2)
            out.put(UInt8(ascii: "-"))
            out.putNumber(day, minDigits: 2)
            out.put(#"","region":""#)
            out.put(regionT, region)
            out.put(#"","employer":""#)
            out.put(employerT, employer)
            out.put("\"}\n")
            if copyShare > 0 {
                let line = Array(UnsafeBufferPointer(start: out.base + lineStart, count: out.count - lineStart))
                if recent.count < 1_000 { recent.append(line) } else { recent[i % 1_000] = line }
                if copyRNG.unit() < copyShare {
                    copies += 1
                    Self.putCopy(of: recent[copyRNG.below(recent.count)], number: copies,
                                 change: copyRNG.below(2) == 0 ? copyRNG.below(1 << 20) : nil, into: &out)
                }
            }

            if out.count >= flushAt {
                totalBytes += out.count
                try sink(UnsafeBufferPointer(start: out.base, count: out.count))
                out.count = 0
            }
        }
        if out.count > 0 {
            totalBytes += out.count
            try sink(UnsafeBufferPointer(start: out.base, count: out.count))
            out.count = 0
        }
        var truth = groundTruth(bytes: totalBytes, perYear: perYear, realized: realized, mentions: mentionCounts)
        if copies > 0 { truth.plantedCopies = copies }
        if let occ = occupation {
            let start = occ.startMonth
            truth.occupations = [PlantedOccupation(
                title: occ.title, bundle: occ.bundle.map { conceptIDs[$0] }, endShare: occ.endShare,
                bundleProbability: OccupationSpec.bundleProbability,
                backgroundProbability: OccupationSpec.backgroundProbability,
                appearsFrom: SynthCalendar.iso(year: config.startYear + start / 12, month: start % 12 + 1, day: 1),
                postingsPerYear: occupationPerYear)]
        }
        return truth
    }

    /// A planted copy of the posting line `line`: id `dup-<number>`, and with `change` one lowercase letter of the
    /// description (the first at or after `change` modulo its length) replaced by the next one.
    static func putCopy(of line: [UInt8], number: Int, change: Int?, into out: inout OutBuffer) {
        let prefix = Array(#"{"id":"syn-"#.utf8)
        guard line.starts(with: prefix), let idEnd = line[prefix.count...].firstIndex(of: UInt8(ascii: "\"")) else { return }
        var copy = line
        let marker = Array(#""description":""#.utf8)
        if let change, let at = (0..<(copy.count - marker.count)).first(where: { copy[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            let from = at + marker.count
            let end = Array(#"","date":""#.utf8)
            let length = (from..<(copy.count - end.count)).first { copy[$0..<($0 + end.count)].elementsEqual(end) }.map { $0 - from } ?? 0
            for k in 0..<length {
                let p = from + (change + k) % length
                if copy[p] >= UInt8(ascii: "a"), copy[p] < UInt8(ascii: "z") {
                    copy[p] += 1
                    break
                }
            }
        }
        out.put(#"{"id":"dup-"#)
        out.putNumber(number, minDigits: 9)
        for b in copy[idEnd...] { out.put(b) }
    }

    /// Generates the whole corpus into memory (for tests and small corpora).
    public func generateInMemory() -> (bytes: [UInt8], truth: GroundTruth) {
        var bytes: [UInt8] = []
        let truth = generate { bytes.append(contentsOf: $0) }
        return (bytes, truth)
    }

    /// The planted concepts and terms as configured (shares and dates, without per-year counts).
    public var plantedTrends: [PlantedTrend] {
        planted.map { trend(for: $0, years: []) }
    }

    /// Appends 1 or 2 mentions of concept `c`; returns how many.
    @inline(__always)
    private func addMentions(of c: Int, to mentions: inout [Int32], _ rng: inout Xoshiro256) -> Int {
        let r = rng.next()
        let n = 1 + Int(r & 1)
        let slots = conceptSlots[c]
        for _ in 0..<n {
            let s: Int32
            if slots.count == 1 || rng.below(2) == 0 {
                s = slots[0]
            } else {
                s = slots[rng.below(slots.count)]
            }
            let v = rng.below(10)
            mentions.append(s * 3 + (v == 0 ? 1 : v == 1 ? 2 : 0))
        }
        return n
    }

    private func decimalDigits(_ v: Int) -> Int {
        var n = 1, x = v
        while x >= 10 { x /= 10; n += 1 }
        return n
    }

    // MARK: Ground truth

    private func trend(for s: PlantSpec, years: [PlantedTrend.YearTruth]) -> PlantedTrend {
        let start = s.startMonth
        let appears = SynthCalendar.iso(year: config.startYear + start / 12, month: start % 12 + 1, day: 1)
        let isOOT = s.kind == .outOfTaxonomy
        return PlantedTrend(kind: s.kind, conceptID: isOOT ? nil : conceptIDs[s.concept],
                            label: conceptLabels[s.concept][0], labels: conceptLabels[s.concept],
                            startShare: s.probability(t: 0, month: 0),
                            endShare: s.probability(t: 1, month: 12 * config.years - 1),
                            appearsFrom: appears, years: years)
    }

    /// Mean of `p(t)` over the days of calendar year index `y` (months equally likely, then days).
    func expectedShare(_ s: PlantSpec, yearIndex y: Int) -> Double {
        let months = Double(12 * config.years)
        var sum = 0.0
        for mi in 0..<12 {
            let month = y * 12 + mi
            let dim = SynthCalendar.days(year: config.startYear + y, month: mi + 1)
            var ms = 0.0
            for d in 1...dim {
                ms += s.probability(t: (Double(month) + (Double(d) - 0.5) / Double(dim)) / months, month: month)
            }
            sum += ms / Double(dim)
        }
        return sum / 12
    }

    private func groundTruth(bytes: Int, perYear: [Int], realized: [Int], mentions: [Int]) -> GroundTruth {
        let years = config.years
        let planted = planted.enumerated().map { k, s in
            trend(for: s, years: (0..<years).map { y in
                let r = realized[k * years + y]
                return PlantedTrend.YearTruth(year: config.startYear + y, expectedShare: expectedShare(s, yearIndex: y),
                                              realizedPostings: r,
                                              realizedShare: perYear[y] == 0 ? 0 : Double(r) / Double(perYear[y]),
                                              mentions: mentions[k * years + y])
            })
        }
        return GroundTruth(formatVersion: Self.formatVersion, config: config, postings: config.postings,
                           bytes: bytes,
                           postingsPerYear: perYear.enumerated().map {
                               GroundTruth.YearCount(year: config.startYear + $0.offset, postings: $0.element)
                           },
                           concepts: conceptIDs.count - config.outOfTaxonomyTerms,
                           fillerWords: fillerWords.count, planted: planted)
    }
}

// MARK: - Buffers

/// An unsafe copy of a ``ByteTable`` for the hot loop.
struct RawTable {
    let bytes: UnsafeMutablePointer<UInt8>
    let offsets: UnsafeMutablePointer<Int>

    init(_ t: ByteTable) {
        bytes = .allocate(capacity: max(1, t.bytes.count))
        bytes.initialize(from: t.bytes, count: t.bytes.count)
        offsets = .allocate(capacity: t.offsets.count)
        offsets.initialize(from: t.offsets, count: t.offsets.count)
    }

    @inline(__always) func length(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    func free() {
        bytes.deallocate()
        offsets.deallocate()
    }
}

/// A growable output byte buffer.
struct OutBuffer {
    var base: UnsafeMutablePointer<UInt8>
    var count = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        p.initialize(from: base, count: count)
        base.deallocate()
        base = p
        capacity = newCapacity
    }

    @inline(__always)
    mutating func put(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func put(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n)
        (base + count).initialize(from: s.utf8Start, count: n)
        count += n
    }

    @inline(__always)
    mutating func put(_ t: RawTable, _ i: Int) {
        let start = t.offsets[i]
        let n = t.offsets[i + 1] - start
        reserve(n)
        (base + count).initialize(from: t.bytes + start, count: n)
        count += n
    }

    /// Decimal `v` (≥ 0), left-padded with zeros to `minDigits`.
    mutating func putNumber(_ v: Int, minDigits: Int) {
        var digits = 1, x = v
        while x >= 10 { x /= 10; digits += 1 }
        let n = max(digits, minDigits)
        reserve(n)
        var p = count + n - 1
        x = v
        for _ in 0..<n {
            base[p] = UInt8(truncatingIfNeeded: 48 + x % 10)
            x /= 10
            p -= 1
        }
        count += n
    }
}

extension String {
    func trimmingSynthWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    func capitalizedASCII() -> String {
        guard let f = utf8.first, f >= 0x61, f <= 0x7A else { return self }
        return String(decoding: [f - 32] + Array(utf8.dropFirst()), as: UTF8.self)
    }
}
