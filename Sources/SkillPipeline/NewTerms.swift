import Dispatch
import Foundation
import SkillAnalytics
import SkillIO
import SkillMatcher
import SkillStore
import SkillTokenizer

/// Turns stored postings into discovery documents: product tokens, each marked when a taxonomy label match
/// (overlapping semantics: any label occurrence) covers it.
public struct DiscoveryDocumentBuilder: Sendable {
    let matcher: Matcher
    let concepts: [Int64: [String]]

    public init(matcher: Matcher, concepts: [Int64: [String]]) {
        self.matcher = matcher
        self.concepts = concepts
    }

    /// Whether a posting can be an ICT posting (checked before the costly tokenization).
    public func mayBeICT(_ p: PostingText, minSkills: Int) -> Bool { (concepts[p.id]?.count ?? 0) >= minSkills }

    public func document(_ p: PostingText) -> DiscoveryDocument {
        // The text matched at analysis time: title, a blank line, then the text.
        var text = p.title.isEmpty ? p.text : p.title + "\n\n" + p.text
        var tokens: [DiscoveryToken] = []
        let matches = matcher.matches(in: text, kind: .overlapping)
        text.withUTF8 { buf in
            var raw: [Token] = []
            matcher.tokenizer.tokenize(buf, into: &raw)
            var covered = [Bool](repeating: false, count: raw.count)
            for m in matches { for i in m.tokenStart..<min(m.tokenEnd, raw.count) { covered[i] = true } }
            var norm: [UInt8] = []
            tokens.reserveCapacity(raw.count)
            for (i, t) in raw.enumerated() {
                norm.removeAll(keepingCapacity: true)
                matcher.tokenizer.normalize(t, in: buf, into: &norm)
                let s = String(decoding: norm, as: UTF8.self)
                let kind: DiscoveryToken.Kind
                switch t.rule {
                case .punct: kind = .punct
                case .cjk: kind = .cjk
                default: kind = s.allSatisfy { $0.isNumber || $0 == "." || $0 == "," } ? .number : .word
                }
                tokens.append(DiscoveryToken(text: s, kind: kind, covered: covered[i], start: t.start, end: t.end))
            }
        }
        // Chinese text is segmented into words (the word list is loaded on the first posting with CJK text).
        if tokens.contains(where: { $0.kind == .cjk }), let segmenter = ChineseWordList.shipped {
            DiscoveryToken.segment(&tokens, with: segmenter)
        }
        return DiscoveryDocument(postingID: p.id, month: p.month, employer: p.employer, title: p.title, text: text,
                                 tokens: tokens, skills: concepts[p.id] ?? [])
    }
}


/// The shipped Chinese word list (`Taxonomies/zh-words/words.tsv.gz`, derived from jieba's dictionary, MIT) that
/// segments CJK text for discovery.
public enum ChineseWordList {
    public static let fileName = "zh-words/words.tsv.gz"

    /// The shipped list, loaded once on first use; nil when it is absent or unreadable (CJK candidates are then
    /// unsegmented character n-grams), with a warning on standard error naming the file and the reason.
    public static let shipped: ChineseSegmenter? = {
        let (segmenter, warning) = loadShipped(shippedPath(), looked: searchPaths())
        if let warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        return segmenter
    }()

    /// Loads the list at `path` (nil: not found in `looked`); the warning says which file failed and why.
    public static func loadShipped(_ path: String?, looked: [String]) -> (ChineseSegmenter?, warning: String?) {
        let effect = "Chinese text is not segmented into words (new-term candidates are character n-grams)"
        guard let path else {
            return (nil, "warning: Chinese word list \(fileName) not found (looked in \(looked.joined(separator: ", "))); \(effect)")
        }
        do {
            let s = try load(path)
            guard s.wordCount > 0 else { return (nil, "warning: Chinese word list \(path) has no word<TAB>freq<TAB>tag line; \(effect)") }
            return (s, nil)
        } catch {
            return (nil, "warning: cannot load the Chinese word list \(path): \((error as? LocalizedError)?.errorDescription ?? String(describing: error)); \(effect)")
        }
    }

    /// `Taxonomies/zh-words/words.tsv.gz` beside the shipped (or `$SKILLRADAR_TAXONOMY`) taxonomy, or in the
    /// working directory's `Taxonomies/`.
    public static func shippedPath() -> String? {
        searchPaths().first { FileManager.default.fileExists(atPath: $0) }
    }

    static func searchPaths() -> [String] {
        var candidates: [String] = []
        if let t = try? TaxonomyLocator.resolve(nil) {
            candidates.append(URL(fileURLWithPath: t).deletingLastPathComponent().appendingPathComponent(fileName).path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/Taxonomies/" + fileName)
        return candidates
    }

    /// Reads a word list: `word<TAB>freq<TAB>tag` lines (gzip or plain), `#` comments.
    public static func load(_ path: String) throws -> ChineseSegmenter {
        let bytes = try readFileBytes(path)
        var rows: [(word: String, freq: Int, tag: Substring)] = []
        rows.reserveCapacity(250_000)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 3, let n = Int(f[1]) else { continue }
            rows.append((String(f[0]), n, f[2]))
        }
        return ChineseSegmenter(words: rows)
    }
}

/// The ordinary English words of the shipped word-frequency list (`Taxonomies/build/english-word-frequency.tsv`,
/// beside the taxonomy directory), or none when it is absent.
public func ordinaryEnglishWords(taxonomyDirectory: String) -> Set<String> {
    let path = URL(fileURLWithPath: taxonomyDirectory).deletingLastPathComponent().appendingPathComponent("build/english-word-frequency.tsv").path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    var out = Set<String>()
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        if let w = line.split(separator: "\t").first, w != "word" { out.insert(String(w)) }
    }
    return out
}

/// New-term discovery over a store (the two passes of ``TermDiscovery``), shared by `discover` and `emerging`.
public enum NewTerms {
    public struct Result: Sendable {
        public var terms: [DiscoveredTerm]
        public var ictPostings: Int
        public var candidates: Int
        public var survivors: Int
        public var recent: MonthWindow
        public var reference: MonthWindow
    }

    /// Runs discovery on the store's non-duplicate demand postings; `keepDetails` decides which terms get
    /// examples and co-occurring skills. Nil when the store has no dated postings. Documents are built, counted
    /// and observed on `workers` threads, a round of postings at a time; the result does not depend on `workers`.
    /// `ordinaryWords`: one-word terms that are ordinary English words (`models`, `language`), or everyday words of
    /// the Chinese word list (概念, 命令: ``Termhood/isEverydayWord(_:ordinaryEnglish:chinese:)``), are left out; a
    /// new technology's name is rarely one (`langchain`, `redux`), and the phrase it sits in is kept (`large
    /// language models`).
    public static func discover(_ a: Analytics, matcher: Matcher, parameters p: DiscoveryParameters,
                                ordinaryWords: Set<String> = [], workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                keepDetails: (EmergingSkill) -> Bool) throws -> Result? {
        guard let defaults = try a.defaultWindows() else { return nil }
        let recent = p.growth.recent ?? defaults.recent, reference = p.growth.reference ?? defaults.reference
        let builder = DiscoveryDocumentBuilder(matcher: matcher, concepts: try a.postingConcepts())
        let discovery = TermDiscovery(parameters: p, generalWords: ordinaryWords)
        let t0 = Date()
        // Pass 1 on all cores: each worker builds and counts its share of each round into counts of its own
        // (sums, so the result does not depend on who counted what).
        let workers = max(1, workers)
        let partial = UnsafeMutableBufferPointer<TermDiscovery.Counts>.allocate(capacity: workers)
        partial.initialize(repeating: TermDiscovery.Counts())
        defer {
            partial.deinitialize()
            partial.deallocate()
        }
        nonisolated(unsafe) let shares = partial // slot w is written by worker w only
        try forEachRound(a, builder: builder, minSkills: p.minSkills, region: p.growth.region) { posts in
            DispatchQueue.concurrentPerform(iterations: min(workers, posts.count)) { w in
                for i in stride(from: w, to: posts.count, by: workers) {
                    discovery.count(builder.document(posts[i]), into: &shares[w])
                }
            }
        }
        // Merged into the largest share, each other share freed as soon as it is added (peak memory: the shares).
        let largest = partial.indices.max { partial[$0].df.count < partial[$1].df.count } ?? 0
        var counts = TermDiscovery.Counts()
        swap(&counts, &partial[largest])
        for w in partial.indices where w != largest {
            counts.merge(partial[w])
            partial[w] = TermDiscovery.Counts()
        }
        let t1 = Date()
        let survivors = discovery.survivors(counts)
        // Pass 2: documents built and observed on all cores, added in store order (examples keep the last postings).
        var collector = TermDiscovery.Collector(survivors: survivors)
        try forEachRound(a, builder: builder, minSkills: p.minSkills, region: p.growth.region) { posts in
            for o in observations(posts, builder: builder, discovery: discovery, survivors: collector.slots, workers: workers) {
                if let o { collector.add(o, recent: recent, examples: p.examples) }
            }
        }
        let details = collector.details
        let t2 = Date()
        let terms = discovery.finish(details, recent: recent, reference: reference, labels: a.labels, detail: keepDetails)
            .filter { t in
                t.kind != "ngram" || !Termhood.isEverydayWord(t.term, ordinaryEnglish: ordinaryWords, chinese: ChineseWordList.shipped)
            }
        if ProcessInfo.processInfo.environment["SKILLRADAR_PROFILE"] != nil {
            FileHandle.standardError.write(Data(("new terms: pass 1 (count) \(formatFixed(t1.timeIntervalSince(t0), 3)) s, "
                + "pass 2 (collect) \(formatFixed(t2.timeIntervalSince(t1), 3)) s, finish \(formatFixed(Date().timeIntervalSince(t2), 3)) s; "
                + "\(counts.df.count) candidates, \(survivors.count) survivors, \(workers) threads\n").utf8))
        }
        return Result(terms: terms, ictPostings: counts.ictPostings, candidates: counts.df.count,
                      survivors: survivors.count, recent: recent, reference: reference)
    }
}

extension NewTerms {
    /// The store's non-duplicate demand postings (of `region`, when given) that may be ICT postings, in store
    /// order, handed to `body` a round of `round` postings at a time (so that each round can be worked on all cores).
    static func forEachRound(_ a: Analytics, builder: DiscoveryDocumentBuilder, minSkills: Int, region: String?,
                             round: Int = 512, _ body: ([PostingText]) throws -> Void) throws {
        var posts: [PostingText] = []
        posts.reserveCapacity(round)
        try a.forEachPostingText { post in
            if let region, post.region != region { return }
            guard builder.mayBeICT(post, minSkills: minSkills) else { return }
            posts.append(post)
            if posts.count >= round {
                try body(posts)
                posts.removeAll(keepingCapacity: true)
            }
        }
        if !posts.isEmpty { try body(posts) }
    }

    /// The pass-2 observations of `posts` (nil: not an ICT posting), in their order, made on `workers` threads.
    static func observations(_ posts: [PostingText], builder: DiscoveryDocumentBuilder, discovery: TermDiscovery,
                             survivors: [UInt64: Int32], workers: Int) -> [TermDiscovery.Observation?] {
        let n = posts.count
        let out = UnsafeMutableBufferPointer<TermDiscovery.Observation?>.allocate(capacity: n)
        out.initialize(repeating: nil)
        defer {
            out.deinitialize()
            out.deallocate()
        }
        nonisolated(unsafe) let slots = out // slot i is written by one worker only
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, n))) { w in
            for i in stride(from: w, to: n, by: workers) {
                slots[i] = discovery.observe(builder.document(posts[i]), survivors: survivors)
            }
        }
        return Array(out)
    }
}

/// Writes discovered terms in the shared user-override format (`concept` rows with `local:` ids).
public enum OverrideExport {
    /// `local:` + the term's lower-case ASCII letters and digits joined by `-` (CJK kept as is).
    public static func localID(_ term: String) -> String {
        var out = ""
        var dash = false
        for ch in term.lowercased() {
            if ch.isLetter || ch.isNumber || ch == "+" || ch == "#" { out.append(ch); dash = false }
            else if !dash, !out.isEmpty { out.append("-"); dash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return "local:" + (out.isEmpty ? "term" : out)
    }

    public static func write(_ terms: [DiscoveredTerm], to path: String, taxonomyDigest: String, window: String) throws {
        var s = "# skillradar discover: accepted candidate terms (taxonomy \(taxonomyDigest.prefix(12)), \(window))\n"
        s += "action\tconcept_id\ttext\textra\n"
        var seen = Set<String>()
        for t in terms {
            let clean = t.term.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            let id = localID(clean)
            guard seen.insert(id).inserted else { continue }
            s += "concept\t\(id)\t\(clean)\t\(t.kind == "title" ? "occupation" : "skill")\n"
        }
        do { try s.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw PipelineError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

extension NewTerms {
    /// The ICT postings containing a discovered term (as `discover` prints it), each with the term's context
    /// (`(title)` when the term is the posting's normalized title); at most `limit`.
    public static func postings(containing term: String, analytics a: Analytics, builder: DiscoveryDocumentBuilder,
                                discovery: TermDiscovery, minSkills: Int, limit: Int) throws -> [(post: PostingText, context: String)] {
        let wanted = term.lowercased()
        var rows: [(PostingText, String)] = []
        try a.forEachPostingText { post in
            guard rows.count < limit, builder.mayBeICT(post, minSkills: minSkills) else { return }
            let d = builder.document(post)
            guard discovery.isICT(d) else { return }
            if let tk = discovery.titleCandidate(d), tk == wanted || tk == "title:" + wanted {
                rows.append((post, "(title)"))
                return
            }
            for (k, range) in discovery.candidates(d.tokens) where TermDiscovery.display(k) == wanted {
                rows.append((post, TermDiscovery.snippet(d.text, range)))
                break
            }
        }
        return rows
    }
}

extension NewTerms {
    /// The rising n-grams (new, emerging, growing) that no taxonomy label covers, on `window`: what `emerging` and
    /// the report add to the skills. `details` gives them examples and co-occurring skills.
    public static func rising(_ a: Analytics, matcher: Matcher, growth: EmergingParameters, window: AnalysisWindow,
                              ordinaryWords: Set<String>, details: Bool) throws -> [DiscoveredTerm] {
        var dp = DiscoveryParameters()
        dp.growth = growth
        (dp.growth.recent, dp.growth.reference) = (window.recent, window.reference)
        let statuses: Set<EmergenceStatus> = [.new, .emerging, .growing]
        let found = try discover(a, matcher: matcher, parameters: dp, ordinaryWords: ordinaryWords,
                                 keepDetails: { details && statuses.contains($0.status) })
        return (found?.terms ?? []).filter { $0.kind == "ngram" && statuses.contains($0.growth.status) }
    }
}
