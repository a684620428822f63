import Foundation
import XCTest
@testable import SkillAnalytics

/// The termhood test of new-term discovery: an everyday phrase that rises (a perk copied into many new posts) is
/// not listed, a technical phrase of ordinary words that rises next to skills is, and so is a new name.
final class TermhoodTests: XCTestCase {
    /// Tokens from a space-separated string: `*` marks a covered token, `,` and `.` are punctuation.
    func tokens(_ s: String) -> (String, [DiscoveryToken]) {
        var out: [DiscoveryToken] = []
        var offset = 0
        for w in s.split(separator: " ") {
            var text = String(w)
            let covered = text.hasPrefix("*")
            if covered { text.removeFirst() }
            let kind: DiscoveryToken.Kind = text == "," || text == "." ? .punct : .word
            out.append(DiscoveryToken(text: text, kind: kind, covered: covered, start: offset, end: offset + text.utf8.count))
            offset += text.utf8.count + 1
        }
        return (s.replacingOccurrences(of: "*", with: " "), out)
    }

    /// Every word of the sentences below except the invented name `zentrix`.
    static let general: Set<String> = ["we", "offer", "free", "lunch", "and", "coffee", "developer", "with", "vector",
                                       "search", "build", "in", "the", "office", "team", "a", "friendly"]

    /// 4 years, 30 postings a month. From 2023 on, half the postings add a technical phrase of ordinary words next to
    /// skills ("vector search"), a new perk in a sentence of its own ("free lunch") and a new name, also on its own
    /// ("zentrix").
    func corpus() -> [DiscoveryDocument] {
        var docs: [DiscoveryDocument] = []
        var id: Int64 = 0
        for year in 2020...2023 {
            for month in 1...12 {
                for k in 0..<30 {
                    id += 1
                    var text = "*python developer with *django . we offer coffee in the office ."
                    if year == 2023, k % 2 == 0 {
                        text += " we build *python and vector search , *postgresql . free lunch . zentrix ."
                    }
                    let (plain, toks) = tokens(text)
                    docs.append(DiscoveryDocument(postingID: id, month: "\(year)-" + (month < 10 ? "0" : "") + "\(month)",
                                                  employer: "employer \(k % 9)", title: "", text: plain, tokens: toks,
                                                  skills: ["python", "django"]))
                }
            }
        }
        return docs
    }

    func discover(termhood: Bool) -> [String: DiscoveredTerm] {
        var p = DiscoveryParameters()
        p.titles = false
        p.termhood = termhood
        p.growth.recent = MonthWindow(from: "2023-01", to: "2023-12")
        p.growth.reference = MonthWindow(from: "2021-01", to: "2022-12")
        let d = TermDiscovery(parameters: p, generalWords: Self.general)
        let docs = corpus()
        var counts = TermDiscovery.Counts()
        for doc in docs { d.count(doc, into: &counts) }
        let survivors = d.survivors(counts)
        var collector = TermDiscovery.Collector(survivors: survivors)
        for doc in docs { d.collect(doc, recent: p.growth.recent!, into: &collector) }
        let terms = d.finish(collector.details, recent: p.growth.recent!, reference: p.growth.reference!, labels: [:])
        return Dictionary(terms.map { ($0.term, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func testAnEverydayPhraseThatRisesIsNotListedAPlantedTechPhraseIs() throws {
        let rising: Set<EmergenceStatus> = [.new, .emerging, .growing]
        let without = discover(termhood: false)
        XCTAssertTrue(rising.contains(try XCTUnwrap(without["free lunch"], "\(without.keys.sorted())").growth.status),
                      "the perk rises as much as the tech phrase: only termhood tells them apart")
        let with = discover(termhood: true)
        XCTAssertTrue(rising.contains(try XCTUnwrap(with["vector search"], "\(with.keys.sorted())").growth.status))
        XCTAssertTrue(rising.contains(try XCTUnwrap(with["zentrix"], "a word general language lacks passes").growth.status))
        XCTAssertNil(with["free lunch"], "everyday words away from every skill are not a term")
        XCTAssertNil(with["coffee"])
    }

    func testContextShareAgainstTheCorpusBaseline() {
        var s = TermDiscovery.Details()
        s.total = ["a": 10, "b": 10, "c": 10, "title:x": 50]
        s.nearSkill = ["a": 9, "b": 1, "title:x": 0]
        s.general = ["a": true, "b": true, "c": false]
        let t = Termhood(s)
        XCTAssertEqual(t.baseline, 1.0 / 3, accuracy: 1e-9, "titles are not candidates of the baseline")
        XCTAssertTrue(t.isTerm("a"))
        XCTAssertFalse(t.isTerm("b"), "general words, rarely next to a skill")
        XCTAssertTrue(t.isTerm("c"), "a word general language lacks")
        XCTAssertTrue(t.isTerm("title:x"))
    }

    func testSkillDistancesStayInTheSentenceAndCountHalfWords() {
        let (text, toks) = tokens("*python and zentrix . zentrix")
        let d = Termhood.skillDistances(toks, text: text)
        XCTAssertEqual(d.before[2], 3, "one word between: 2 half-words + 1")
        XCTAssertEqual(d.before[1], 1, "adjacent")
        XCTAssertEqual(d.before[4], Int.max, "the full stop ends the sentence")
        XCTAssertEqual(d.after[0], Int.max)
        let cjk = [DiscoveryToken(text: "埋", kind: .cjk, covered: false, start: 0, end: 3),
                   DiscoveryToken(text: "点", kind: .cjk, covered: false, start: 3, end: 6),
                   DiscoveryToken(text: "、", kind: .punct, covered: false, start: 6, end: 9),
                   DiscoveryToken(text: "sql", kind: .word, covered: true, start: 9, end: 12),
                   DiscoveryToken(text: "x", kind: .word, covered: false, start: 13, end: 14)]
        let e = Termhood.skillDistances(cjk, text: "埋点、sql\nx")
        XCTAssertEqual(e.after[1], 2, "a CJK character or punctuation mark counts one")
        XCTAssertEqual(e.before[4], Int.max, "a line break ends the sentence")
    }

    func testRolePhrasesAreNotSkillTerms() {
        XCTAssertTrue(Termhood.isRole("backend engineer"))
        XCTAssertTrue(Termhood.isRole("后端研发工程师"))
        XCTAssertFalse(Termhood.isRole("relational databases"))
        XCTAssertFalse(Termhood.isRole("任务调度"))
    }

    func testGeneralLanguage() {
        let (_, toks) = tokens("vector search zentrix")
        XCTAssertTrue(Termhood.isGeneral(toks[0...1], generalWords: Self.general))
        XCTAssertFalse(Termhood.isGeneral(toks[1...2], generalWords: Self.general))
        XCTAssertFalse(Termhood.isGeneral(toks[0...0], generalWords: []), "no list: no Latin word is judged general")
    }
}
