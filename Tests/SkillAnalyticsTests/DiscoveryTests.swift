import Foundation
import XCTest
import SkillOccupations
@testable import SkillAnalytics

final class DiscoveryTests: XCTestCase {
    /// Tokens from a space-separated string: `*` marks a covered token, `,` is punctuation, digits are numbers.
    func tokens(_ s: String) -> [DiscoveryToken] {
        var out: [DiscoveryToken] = []
        var offset = 0
        for w in s.split(separator: " ") {
            var text = String(w)
            let covered = text.hasPrefix("*")
            if covered { text.removeFirst() }
            let kind: DiscoveryToken.Kind = text == "," ? .punct : text.allSatisfy(\.isNumber) ? .number
                : (text.unicodeScalars.first.map(TermDiscovery.isCJK) ?? false) ? .cjk : .word
            out.append(DiscoveryToken(text: text, kind: kind, covered: covered, start: offset, end: offset + text.utf8.count))
            offset += text.utf8.count + 1
        }
        return out
    }

    func keys(_ s: String, maxN: Int = 4) -> Set<String> {
        var p = DiscoveryParameters()
        p.maxN = maxN
        return Set(TermDiscovery(parameters: p).candidates(tokens(s)).keys.map(TermDiscovery.display))
    }

    func testCandidateRules() {
        let table: [(String, String, Set<String>)] = [
            ("plain bigram", "zentrix mesh", ["zentrix", "mesh", "zentrix mesh"]),
            ("covered tokens break n-grams", "zentrix *python mesh", ["zentrix", "mesh"]),
            ("punctuation breaks n-grams", "zentrix , mesh", ["zentrix", "mesh"]),
            ("stop words may not edge an n-gram", "with zentrix mesh and", ["zentrix", "mesh", "zentrix mesh"]),
            ("stop words inside are fine", "zentrix of mesh", ["zentrix", "mesh", "zentrix of mesh"]),
            ("numbers are not candidates", "zentrix 2023 mesh", ["zentrix", "mesh"]),
            ("nor words without a letter", "5+ zentrix 3+ mesh", ["zentrix", "mesh"]),
            ("one-letter words are dropped", "x zentrix", ["zentrix"]),
            ("lone CJK characters are dropped", "云 原 生", ["云原", "原生", "云原生"]),
            ("CJK stop phrases may not edge a candidate", "熟 悉 云 原 生", ["云原", "原生", "云原生"]),
            ("host names are not candidates", "app.mokahr.com zentrix node.js", ["zentrix", "node.js", "zentrix node.js"]),
        ]
        for (name, text, expected) in table { XCTAssertEqual(keys(text), expected, name) }
        XCTAssertEqual(keys("aa bb cc dd ee", maxN: 2), ["aa", "bb", "cc", "dd", "ee", "aa bb", "bb cc", "cc dd", "dd ee"])
        XCTAssertEqual(keys("云 原 生 化", maxN: 1), ["云原", "原生", "生化"], "CJK characters count half a word")
    }

    func testSurvivorsDropRareAndSubsumedCandidates() {
        var p = DiscoveryParameters()
        p.growth.minSupport = 3
        p.maxCandidates = 3
        let d = TermDiscovery(parameters: p)
        let s = String(TermDiscovery.sep)
        let df = ["zentrix" + s + "mesh": 5, "zentrix": 5, "mesh": 9, "rare": 2, "title:mlops engineer": 4]
        var c = TermDiscovery.Counts()
        for (k, v) in df { c.df[TermDiscovery.keyHash(k)] = Int32(v) }
        XCTAssertEqual(d.survivors(c), Set(["mesh", "zentrix" + s + "mesh", "zentrix"].map(TermDiscovery.keyHash)),
                       "support >= 3, then the 3 most frequent")
        XCTAssertEqual(TermDiscovery.dropSubsumed(df), ["zentrix"], "'zentrix' only occurs inside 'zentrix mesh'")
    }

    /// A fragment of a longer compound (in at least 80 % of its postings) is dropped, from the Chinese posts: 分表
    /// (12 postings) inside 分库分表 (11); 项目贡献 (22) inside 开源项目贡献 (20). A coordination does not absorb its
    /// parts, and a word that mostly stands alone stays.
    func testFragmentsOfLongerCompoundsAreDropped() {
        let s = String(TermDiscovery.sep)
        func k(_ t: String) -> String { t.map(String.init).joined(separator: s) }
        let df = [k("分库分表"): 11, k("分表"): 12, k("开源项目贡献"): 20, k("项目贡献"): 22, k("开源项目"): 178,
                  k("开源"): 400, "zentrix" + s + "and" + s + "mesh": 9, "zentrix": 10, "mesh": 10,
                  k("调优"): 41, k("性能调优"): 25]
        let dropped = TermDiscovery.dropSubsumed(df)
        XCTAssertEqual(dropped, [k("分表"), k("项目贡献")], "开源项目 (178) is not mostly inside 开源项目贡献 (20)")
        XCTAssertEqual(TermDiscovery.dropSubsumed([k("分库分表"): 11, k("分表"): 12], share: 0.95), [],
                       "the share is a parameter")
    }

    func testCountingHashesEqualKeyHashes() {
        var p = DiscoveryParameters()
        p.minSkills = 0
        let d = TermDiscovery(parameters: p)
        let doc = DiscoveryDocument(postingID: 1, month: "2020-01", employer: nil, title: "", text: "",
                                    tokens: tokens("zentrix mesh , zentrix"), skills: [])
        var c = TermDiscovery.Counts()
        d.count(doc, into: &c)
        d.count(doc, into: &c)
        let s = String(TermDiscovery.sep)
        XCTAssertEqual(c.df, [TermDiscovery.keyHash("zentrix"): 2, TermDiscovery.keyHash("mesh"): 2,
                              TermDiscovery.keyHash("zentrix" + s + "mesh"): 2], "document frequency, not occurrences")
        XCTAssertEqual(c.ictPostings, 2)
    }

    func testSnippetMarksTheTermAndStaysOnOneLine() {
        let text = "We build\nzentrix mesh pipelines"
        let start = text.utf8.count - "zentrix mesh pipelines".utf8.count
        XCTAssertEqual(TermDiscovery.snippet(text, start..<(start + 12)), "We build [zentrix mesh] pipelines")
    }

    func testTitleNormalization() {
        let table: [(String, String?)] = [
            // The one title normaliser (RoleKey, shared with roles and occupation coding) singularises words.
            ("Senior MLOps Engineer (m/w/d)", "mlop engineer"),
            ("MLOps Engineer - Berlin", "mlop engineer"),
            ("Python Developer in London", "python developer"),
            ("Lead Data Engineer | Remote", "data engineer"),
            ("Front-end Developer", "front end developer"),
            ("资深前端工程师", "前端工程师"),
            ("Senior", "senior"),
        ]
        for (title, key) in table { XCTAssertEqual(RoleKey.key(title), key, title) }
    }

    func testOccupationSkillsFile() throws {
        let rows = try Analytics.parseOccupationSkills("# comment\noccupation_id\tconcept_id\trelation\nocc1\tk8s\tessential\nocc1\tsql\tOptional\n")
        XCTAssertEqual(rows.map(\.conceptID), ["k8s", "sql"])
        XCTAssertEqual(rows.map(\.relation), ["essential", "optional"])
        XCTAssertThrowsError(try Analytics.parseOccupationSkills("occ1\n")) {
            XCTAssertEqual(($0 as? OccupationSkillsError)?.line, 1)
        }
    }
}
