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
    /// examples and co-occurring skills. Nil when the store has no dated postings.
    /// `ordinaryWords`: one-word terms that are ordinary English words (`models`, `language`), or everyday words of
    /// the Chinese word list (概念, 命令: ``Termhood/isEverydayWord(_:ordinaryEnglish:chinese:)``), are left out; a
    /// new technology's name is rarely one (`langchain`, `redux`), and the phrase it sits in is kept (`large
    /// language models`).
    public static func discover(_ a: Analytics, matcher: Matcher, parameters p: DiscoveryParameters,
                                ordinaryWords: Set<String> = [],
                                keepDetails: (EmergingSkill) -> Bool) throws -> Result? {
        guard let defaults = try a.defaultWindows() else { return nil }
        let recent = p.growth.recent ?? defaults.recent, reference = p.growth.reference ?? defaults.reference
        let builder = DiscoveryDocumentBuilder(matcher: matcher, concepts: try a.postingConcepts())
        let discovery = TermDiscovery(parameters: p, generalWords: ordinaryWords)
        var counts = TermDiscovery.Counts()
        try a.forEachPostingText { post in
            if let r = p.growth.region, post.region != r { return }
            guard builder.mayBeICT(post, minSkills: p.minSkills) else { return }
            discovery.count(builder.document(post), into: &counts)
        }
        let survivors = discovery.survivors(counts)
        var details = TermDiscovery.Details()
        try a.forEachPostingText { post in
            if let r = p.growth.region, post.region != r { return }
            guard builder.mayBeICT(post, minSkills: p.minSkills) else { return }
            discovery.collect(builder.document(post), survivors: survivors, recent: recent, into: &details)
        }
        let terms = discovery.finish(details, recent: recent, reference: reference, labels: a.labels, detail: keepDetails)
            .filter { t in
                t.kind != "ngram" || !Termhood.isEverydayWord(t.term, ordinaryEnglish: ordinaryWords, chinese: ChineseWordList.shipped)
            }
        return Result(terms: terms, ictPostings: counts.ictPostings, candidates: counts.df.count,
                      survivors: survivors.count, recent: recent, reference: reference)
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
