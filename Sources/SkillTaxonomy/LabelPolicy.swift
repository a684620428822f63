import Foundation
import SkillIO
import SkillTokenizer

/// How a label must be written and what it needs before a match counts: one policy for every label of the
/// shipped taxonomy, decided when the taxonomy is built from word statistics, not from lists of instances.
///
/// - **Everyday words** (`Spring`, `Chef`, `apps`, `fastest`, `Scheme`, `Access`): a one-token label whose
///   lower-case form is a frequent English word (Zipf ≥ ``everydayZipf`` in the shipped word-frequency list)
///   needs evidence from its context, unless practitioners use the word mostly as the technology's name
///   (≥ ``techDominantQuestions`` Stack Overflow questions, e.g. `python`, `java`, `android`) and it is not a
///   very frequent word (Zipf ≥ ``veryCommonZipf``: `office`, `spring`, `go`, `express`).
/// - **Organisations** (`Google`, `Oracle`, `SAP`, `Adobe`): a one-token label that starts ≥ 3 O*NET technology
///   names is an organisation's name and needs evidence (a company hiring is not a skill).
/// - **Case**: a one-token label written with capitals inside it (`SAN`, `COM`, `APPS`, `DEM`, `FastEST`, `iOS`)
///   matches only text written the same way, unless it is a *case-free name*: a technology name that people
///   write in any case (a Stack Overflow tag with ≥ ``caseFreeQuestions`` questions, a GitHub Explore topic or
///   a GitHub Linguist language, that is not a frequent word: `SQL`/`sql`, `PHP`, `MySQL`, `DevOps`), or one
///   listed in `Taxonomies/build/case-free-names.txt`.
/// - **Derived names made of ordinary words** (`Power Systems` from `IBM Power Systems`, `Quality control`
///   from `Quality control software`): a stripped O*NET name is derived only when it still looks like a name;
///   a vendor-stripped remainder made of ordinary words matches in its own case and needs evidence.
public struct LabelPolicy: Sendable {
    public static let everydayZipf = 3.7
    public static let veryCommonZipf = 4.5
    public static let techDominantQuestions = 20_000
    public static let caseFreeQuestions = 5_000
    public static let phraseQuestions = 200

    public var tokenizer = Tokenizer()
    /// Zipf frequency of English words (lower case).
    public var wordZipf: [String: Double] = [:]
    /// Stack Overflow questions per tag name (normalized tokens joined by spaces; synonyms carry their target's).
    public var questions: [String: Int] = [:]
    /// Technology names from GitHub Explore topics and GitHub Linguist languages (normalized keys).
    public var curatedNames: Set<String> = []
    /// GitHub Explore topics whose display name is written in capitals (`ZEIT`, `BOINC`) and that are no Linguist
    /// language: the topic says how the name is written, not that people write it in any case.
    public var topicsWrittenWithCapitals: Set<String> = []
    /// Names people write in any case, listed by hand (normalized keys).
    public var caseFreeNames: Set<String> = []
    /// How many O*NET technology names start with each word (normalized): organisations name many products.
    public var vendorCounts: [String: Int] = [:]
    /// Ordinary words of non-digital ESCO skill labels (the builder's lexicon).
    public var lexicon: Set<String> = []
    /// For each phrase of one to three words (normalized) in labels of ESCO's *non-digital* skills: how many of
    /// those skills use it (`quality assurance`, `project management`, `statistical analysis`).
    public var otherFieldSkills: [String: Int] = [:]
    /// A phrase used by this many non-digital skills is a practice of other fields too (as for the lexicon).
    public static let otherFieldPractice = 2

    public init() {}

    public func key(_ label: String) -> String { tokenizer.normalizedTokens(label).joined(separator: " ") }

    /// Reads `word<TAB>zipf` lines (`#` comments, a header line `word zipf`).
    public mutating func loadWordFrequency(_ path: String) throws {
        try forEachTSVLine(path) { f, line in
            guard f.count >= 2, f[0] != "word" else { return }
            guard let z = Double(f[1]) else {
                throw TaxonomyError(path: path, line: line, message: "zipf is not a number: \(f[1])")
            }
            wordZipf[f[0].lowercased()] = z
        }
    }

    /// One name per line (`#` comments).
    public mutating func loadCaseFreeNames(_ path: String) throws {
        try forEachTSVLine(path) { f, _ in
            if let n = f.first, !n.isEmpty { caseFreeNames.insert(key(n)) }
        }
    }

    /// Stack Overflow `Tags` exports (`TagName`, `Count`) and a `TagSynonyms` export (`SourceTagName`,
    /// `TargetTagName`): tag names with `-` read as spaces.
    public mutating func loadStackOverflow(tags: [String], synonyms: String?) throws {
        for path in tags {
            var header: [String: Int] = [:]
            try CSVReader().forEach(try ByteSource(path: path)) { event in
                guard case .record(let f, let line, _) = event else { return }
                if header.isEmpty {
                    for (i, h) in f.enumerated() { header[h] = i }
                    guard header["TagName"] != nil, header["Count"] != nil else {
                        throw TaxonomyError(path: path, line: line, message: "missing TagName or Count column")
                    }
                    return
                }
                guard let n = header["TagName"], let c = header["Count"], f.count > max(n, c),
                      let count = Int(f[c]) else { return }
                let k = tagKey(f[n])
                questions[k] = max(questions[k] ?? 0, count)
            }
        }
        guard let synonyms else { return }
        var header: [String: Int] = [:]
        var pairs: [(String, String)] = []
        try CSVReader().forEach(try ByteSource(path: synonyms)) { event in
            guard case .record(let f, let line, _) = event else { return }
            if header.isEmpty {
                for (i, h) in f.enumerated() { header[h] = i }
                guard header["SourceTagName"] != nil, header["TargetTagName"] != nil else {
                    throw TaxonomyError(path: synonyms, line: line, message: "missing SourceTagName or TargetTagName")
                }
                return
            }
            guard let s = header["SourceTagName"], let t = header["TargetTagName"], f.count > max(s, t) else { return }
            pairs.append((tagKey(f[s]), tagKey(f[t])))
        }
        for (s, t) in pairs.sorted(by: { $0 < $1 }) {
            if let q = questions[t] { questions[s] = max(questions[s] ?? 0, q) }
        }
    }

    /// GitHub Explore topic slugs and aliases (file names `<slug>.md` with an `aliases:` line) and GitHub
    /// Linguist language names and aliases (`languages.yml`).
    public mutating func loadCuratedNames(topicsDirectory: String?, linguist: String?) throws {
        if let dir = topicsDirectory {
            for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file.hasSuffix(".md") {
                curatedNames.insert(tagKey(String(file.dropLast(3))))
                let text = String(decoding: try readFileBytes(dir + "/" + file), as: UTF8.self)
                for line in text.split(separator: "\n").prefix(12) where line.hasPrefix("display_name:") {
                    let name = line.dropFirst(13).trimmingCharacters(in: .whitespaces)
                    if name.count > 2, name.allSatisfy({ $0.isUppercase || !$0.isLetter }) {
                        topicsWrittenWithCapitals.insert(key(name))
                    }
                }
                for line in text.split(separator: "\n").prefix(12) where line.hasPrefix("aliases:") {
                    for a in line.dropFirst(8).split(separator: ",") {
                        let t = a.trimmingCharacters(in: .whitespaces)
                        if !t.isEmpty { curatedNames.insert(tagKey(t)) }
                    }
                }
            }
        }
        if let path = linguist {
            // Top-level keys (`Go:`) and `- alias` items under `aliases:`.
            let text = String(decoding: try readFileBytes(path), as: UTF8.self)
            var inAliases = false
            for raw in text.split(separator: "\n") {
                let line = String(raw)
                if !line.hasPrefix(" "), !line.hasPrefix("#"), line.hasSuffix(":") {
                    var name = String(line.dropLast())
                    if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
                    curatedNames.insert(key(name))
                    topicsWrittenWithCapitals.remove(key(name))
                    inAliases = false
                } else if line.hasPrefix("  aliases:") {
                    inAliases = true
                } else if inAliases, line.hasPrefix("  - ") {
                    curatedNames.insert(tagKey(String(line.dropFirst(4))))
                } else if line.hasPrefix("  "), !line.hasPrefix("  - ") {
                    inAliases = false
                }
            }
        }
    }

    func tagKey(_ tag: String) -> String { key(tag.replacingOccurrences(of: "-", with: " ")) }

    func forEachTSVLine(_ path: String, _ body: ([String], Int) throws -> Void) throws {
        let text = String(decoding: try readFileBytes(path), as: UTF8.self)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            try body(t.split(separator: "\t", omittingEmptySubsequences: false).map(String.init), i + 1)
        }
    }

    // MARK: Decisions

    public func zipf(_ key: String) -> Double { wordZipf[key] ?? 0 }

    /// An ordinary English word: in the frequency list (Zipf ≥ 2.3) or a word of ESCO's non-digital skill labels.
    public func isOrdinaryWord(_ key: String) -> Bool { wordZipf[key] != nil || lexicon.contains(key) }

    /// Technology names people use more as names than as words: ≥ ``techDominantQuestions`` questions.
    public func isTechDominant(_ key: String) -> Bool { (questions[key] ?? 0) >= Self.techDominantQuestions }

    /// A technology name by the vocabularies: a Stack Overflow tag with ≥ `caseFreeQuestions` questions, a
    /// GitHub Explore topic or a Linguist language.
    /// A phrase (several words) needs fewer questions: a multi-word tag with 200 questions is a technical topic.
    public func isTechName(_ key: String) -> Bool {
        let needed = key.contains(" ") ? Self.phraseQuestions : Self.caseFreeQuestions
        return (questions[key] ?? 0) >= needed || curatedNames.contains(key)
    }

    /// A word of two or more letters, all capitals, among several words: `Power BI`, `Oracle SQL Developer`.
    public static func hasAcronym(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        return words.count > 1 && words.contains { w in
            w.filter(\.isLetter).count >= 2 && w.allSatisfy { $0.isUppercase || $0.isNumber || !$0.isLetter }
        }
    }

    /// Capitals after the first letter, or two or more: `SAN`, `FastEST`, `iOS`, `jQuery` (not `Python`, `S3`).
    public static func hasInnerCapitals(_ label: String) -> Bool {
        var letters = 0, capitals = 0, inner = false
        for ch in label where ch.isLetter {
            if ch.isUppercase {
                capitals += 1
                if letters > 0 { inner = true }
            }
            letters += 1
        }
        return inner || capitals >= 2
    }

    /// A name people write in any case (see the type's documentation).
    /// A topic written in capitals (`ZEIT`; in German text `Zeit` is the word for time) is case-free only
    /// when Stack Overflow or the hand list says so.
    public func isCaseFree(_ key: String) -> Bool {
        if caseFreeNames.contains(key) { return true }
        if topicsWrittenWithCapitals.contains(key), (questions[key] ?? 0) < Self.caseFreeQuestions { return false }
        return isTechName(key) && zipf(key) < Self.everydayZipf
    }

    /// Whether a one-token label must match in its own case: one or two letters, an ordinary word of ESCO's
    /// non-digital skills, or capitals inside the word that are not a case-free name.
    public func needsExactCase(_ label: String) -> Bool {
        let tokens = tokenizer.normalizedTokens(label)
        guard tokens.count == 1 else { return false }
        if label.count <= 2, label.allSatisfy(\.isLetter) { return true }
        if lexicon.contains(tokens[0]) { return true }
        return Self.hasInnerCapitals(label) && !isCaseFree(tokens[0])
    }

    /// Whether matches of a one-token label need evidence: an everyday word or an organisation's name.
    public func isEverydayOrOrganisation(_ key: String) -> Bool {
        let z = zipf(key)
        if z >= Self.veryCommonZipf { return true }
        if z >= Self.everydayZipf, (questions[key] ?? 0) < Self.techDominantQuestions { return true }
        return (vendorCounts[key] ?? 0) >= 3
    }

    /// True when every token of `label` is an ordinary English word (in the frequency list or the lexicon)
    /// and none is a technology name: `Power Systems`, `Quality control`.
    public func isOrdinaryPhrase(_ label: String) -> Bool {
        let tokens = tokenizer.normalizedTokens(label)
        guard !tokens.isEmpty, !isTechName(tokens.joined(separator: " ")) else { return false }
        return tokens.allSatisfy { (zipf($0) >= 3.0 || lexicon.contains($0)) && !isTechName($0) }
    }

    /// A common word: frequent (Zipf ≥ 3.0) or a word of ESCO's non-digital skill labels, and not a technology
    /// name that is no frequent word (`azure`, `django`); `audio`, `event`, `cloud` are common words.
    public func isCommonWord(_ key: String) -> Bool {
        (zipf(key) >= 3.0 || lexicon.contains(key)) && !(isTechName(key) && zipf(key) < Self.everydayZipf)
    }

    /// Whether `label` is a phrase of common words that names a practice of other fields as well: one to three
    /// words, written without digits, symbols or capitals inside a word, each a common word, and the phrase used
    /// in labels of ≥ ``otherFieldPractice`` non-digital ESCO skills, and not a technology people ask about as such
    /// (`quality assurance`, `project management`, `statistical analysis`, `Mathematical`; not `data entry`,
    /// `artificial intelligence`, `unit testing`).
    public func namesPracticeOfOtherFields(_ label: String) -> Bool {
        guard !label.contains(where: { $0.isNumber || "+#./&".contains($0) }),
              !label.split(separator: " ").contains(where: { $0.count > 1 && $0.allSatisfy { !$0.isLowercase } }),
              !label.split(separator: " ").contains(where: { $0.dropFirst().contains(where: \.isUppercase) }) else { return false }
        let tokens = tokenizer.normalizedTokens(label)
        guard (1...3).contains(tokens.count), tokens.allSatisfy(isCommonWord) else { return false }
        let k = tokens.joined(separator: " ")
        // A phrase people ask about mostly as a technology (`unit testing`) is one.
        return (otherFieldSkills[k] ?? 0) >= Self.otherFieldPractice && !(tokens.count > 1 && isTechDominant(k))
    }

    /// Whether a name stripped of ` software` or a qualifier still names something: capitals inside a word,
    /// digits or symbols, capitalised words of which one is no common word (`Microsoft Azure`), or one token that
    /// is a technology name or no ordinary word (`Oracle`, `Django`, `FastEST`; not `Quality control`,
    /// `Counseling`, `Spectroscopy`, `Event Management`).
    public func looksLikeName(_ label: String) -> Bool {
        let words = label.split(separator: " ")
        if words.contains(where: { $0.dropFirst().contains(where: \.isUppercase) }) { return true }
        if words.dropFirst().contains(where: { $0.first?.isUppercase == true }) {
            // Title case: a name unless every word is a word of skill labels and the first word is no
            // organisation's (one that starts two or more O*NET names and is no very frequent word): not
            // `Event Management`; but `Mentor Graphics`, `Oracle Cloud`, `Monte Carlo`.
            let tokens = tokenizer.normalizedTokens(label)
            if !tokens.allSatisfy({ lexicon.contains($0) && isCommonWord($0) }) { return true }
            if (vendorCounts[tokens[0]] ?? 0) >= 2, zipf(tokens[0]) < Self.veryCommonZipf { return true }
        }
        if label.contains(where: { $0.isNumber || "+#./".contains($0) }) { return true }
        let tokens = tokenizer.normalizedTokens(label)
        guard tokens.count == 1 else { return false }
        return isTechName(tokens[0]) || !isOrdinaryWord(tokens[0])
    }
}
