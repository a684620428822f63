import Foundation
import SkillOccupations

/// Whether a discovered candidate is a technical term (pure; counts from ``TermDiscovery/Details``).
///
/// Everyday language rises too (a benefits paragraph copied into many posts: 往返机票, 酒店式公寓, "free lunch"; a
/// place; 程度, 错误), and segmentation or stop words cannot tell it from a technical phrase made of ordinary words
/// (任务调度, "relational databases"). Two signals, each from data the run already has:
/// - **General language**: a candidate with a Latin word that the English word-frequency list lacks (`langchain`,
///   `grpc`, `aigc`, an invented product name) is a name or coinage and passes. Chinese has no such test: the
///   segmenter composes any text of dictionary words or single characters, and a run of one-character words is as
///   often a fragment (入司每 of 入司每满一年) as a word the list lacks (埋点), so CJK text is judged by context.
/// - **Context**: every other candidate (its Latin words all in the list; CJK text of any kind) must occur *next to
///   a taxonomy skill* — a label match within ``DiscoveryParameters/contextWindow`` half-words in the same sentence
///   (line, or up to sentence-ending punctuation) — in at least the share of its postings that the corpus' average
///   candidate does (all candidates with support, postings-weighted). Technical words sit in skill lists and
///   requirement sentences ("熟悉 MySQL 分库分表、TiDB"); benefits, places and general vocabulary sit in sentences of
///   their own. The reference is the corpus' own average, so dense English skill lists and sparse Chinese prose are
///   each judged on their own scale.
/// Job titles (`title:` keys) are not judged; an n-gram that names a job role ("backend engineer", "data
/// scientist", 后端研发工程师: ``RoleExtractor``, the role rules of `emerging --occupations`) is not a skill term
/// either, and is left to the title candidates. Counts are per posting and merge by addition.
public struct Termhood: Sendable {
    let nearSkill: [String: Int]
    let total: [String: Int]
    let general: [String: Bool]
    /// Share of candidate postings with the candidate next to a skill, over all candidates (the reference).
    public let baseline: Double

    public init(_ s: TermDiscovery.Details) {
        nearSkill = s.nearSkill
        total = s.total
        general = s.general
        var near = 0, all = 0
        for (k, n) in s.total where !k.hasPrefix("title:") {
            all += n
            near += s.nearSkill[k] ?? 0
        }
        baseline = all == 0 ? 0 : Double(near) / Double(all)
    }

    /// Share of the key's postings where it occurs next to a taxonomy skill.
    public func contextShare(_ key: String) -> Double {
        let n = total[key] ?? 0
        return n == 0 ? 0 : Double(nearSkill[key] ?? 0) / Double(n)
    }

    /// Whether the key (internal form) is listed: a title, a candidate with a word general language lacks, or one
    /// whose context share reaches the baseline.
    public func isTerm(_ key: String) -> Bool {
        guard !key.hasPrefix("title:"), general[key] == true else { return true }
        return contextShare(key) >= baseline
    }

    /// Zipf frequency from which a word of the Chinese word list is an everyday word: the label policy's threshold
    /// for everyday English words (Taxonomies/README.md, evidence). The English list used for one-word terms holds
    /// every word from Zipf 2.3, but the Chinese list is a lexicon: its rare entries are technical vocabulary
    /// (鸿蒙 2.4, 跨平台 2.6, 知识库 2.8, 面向对象 3.3), not general language.
    public static let everydayChineseZipf = 3.7

    /// Whether a one-word n-gram (display form) is an everyday word, which is not a new term on its own (it is the
    /// head or modifier of a phrase whose other part the taxonomy already has: `linux` 命令, AI 概念, 内核参数): an
    /// ordinary English word (`ordinaryEnglish`, lower case), or a word of the Chinese list (the whole CJK term one
    /// dictionary word) at least as frequent as ``everydayChineseZipf``.
    public static func isEverydayWord(_ term: String, ordinaryEnglish: Set<String>, chinese: ChineseSegmenter?) -> Bool {
        guard !term.contains(" ") else { return false }
        if ordinaryEnglish.contains(term.lowercased()) { return true }
        guard let chinese, term.unicodeScalars.allSatisfy(TermDiscovery.isCJK), let z = chinese.zipf(term) else { return false }
        return z >= everydayChineseZipf
    }

    /// Whether an n-gram (display form) names a job role.
    public static func isRole(_ term: String) -> Bool { !roleExtractor.roles(title: term, text: "").isEmpty }

    static let roleExtractor = RoleExtractor(places: nil)

    /// Whether a candidate's Latin words are all general-language words (`generalWords`, lower case; an empty set
    /// judges no Latin word general). CJK characters count as general (see the type's documentation).
    public static func isGeneral(_ tokens: ArraySlice<DiscoveryToken>, generalWords: Set<String>) -> Bool {
        for t in tokens where t.kind == .word {
            if !generalWords.contains(t.text) && !generalWords.contains(t.text.lowercased()) { return false }
        }
        return true
    }

    /// Sentence-ending punctuation: a candidate's context does not reach past it (nor past a line break).
    static let sentenceEnds: Set<String> = ["。", "！", "？", "；", "!", "?", ";", "."]

    /// For each token: the distance in half-words (a word or number counts 2, a CJK character or punctuation mark
    /// 1) to the nearest token covered by a taxonomy match before it (`before`) and after it (`after`) in the same
    /// sentence: 1 when adjacent, `Int.max` when the sentence has none.
    public static func skillDistances(_ tokens: [DiscoveryToken], text: String) -> (before: [Int], after: [Int]) {
        let n = tokens.count
        var sentence = [Int](repeating: 0, count: n)
        // pos[k]: half-words before token k.
        var pos = [Int](repeating: 0, count: n + 1)
        var current = 0
        var text = text
        text.withUTF8 { u in
            for k in 0..<n {
                if k > 0 {
                    let lo = min(tokens[k - 1].end, u.count), hi = min(max(lo, tokens[k].start), u.count)
                    if u[lo..<hi].contains(0x0A) { current += 1 }
                }
                sentence[k] = current
                if tokens[k].kind == .punct, sentenceEnds.contains(tokens[k].text) { current += 1 }
                pos[k + 1] = pos[k] + (tokens[k].kind == .word || tokens[k].kind == .number ? 2 : 1)
            }
        }
        var before = [Int](repeating: Int.max, count: n), after = [Int](repeating: Int.max, count: n)
        var last = -1
        for k in 0..<n {
            if last >= 0, sentence[last] == sentence[k] { before[k] = pos[k] - pos[last + 1] + 1 }
            if tokens[k].covered { last = k }
        }
        last = -1
        for k in stride(from: n - 1, through: 0, by: -1) {
            if last >= 0, sentence[last] == sentence[k] { after[k] = pos[last] - pos[k + 1] + 1 }
            if tokens[k].covered { last = k }
        }
        return (before, after)
    }
}
