import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import SkillSynth

/// 60 concepts (61 labels) with tricky spellings; "Python" / "Python scripting" deliberately overlap.
let trickySkills: [SkillTerm] = {
    let labels = [
        "Python", "Java", "JavaScript", "TypeScript", "C++", "C#", ".NET", "Node.js", "machine learning",
        "\"quoted\" label", "SQL", "PostgreSQL", "MongoDB", "Docker", "Kubernetes", "Terraform", "Ansible",
        "AWS Lambda", "Microsoft Azure", "Google Cloud Platform", "React", "Angular", "Vue.js", "Django",
        "Spring Boot", "Kotlin", "Swift", "Rust", "Golang", "Scala", "Apache Spark", "Apache Kafka", "Hadoop",
        "Tableau", "Power BI", "Excel", "SAP ERP", "Linux", "Git", "Jenkins", "CI/CD", "GraphQL",
        "REST API design", "Scrum", "Kanban", "ITIL", "TCP/IP", "Cisco routing", "penetration testing",
        "data warehousing", "deep learning", "natural language processing", "computer vision",
        "Gestión de datos", "Qualitätssicherung", "ACME\\Toolkit", "R&D management", "PowerShell",
        "Python scripting", "naïve Bayes",
    ]
    var terms = labels.enumerated().map { SkillTerm(conceptID: "c\($0.offset)", label: $0.element) }
    terms.append(SkillTerm(conceptID: "c14", label: "K8s")) // second label of Kubernetes
    return terms
}()

/// One parsed posting.
struct Posting {
    var id: String
    var title: String
    var description: String
    var date: String
    var region: String
    var employer: String
    var year: Int { Int(date.prefix(4)) ?? -1 }
}

func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { $0 }
}

func parse(_ line: ArraySlice<UInt8>, file: StaticString = #filePath, line ln: UInt = #line) throws -> Posting {
    let object = try JSONSerialization.jsonObject(with: Data(line))
    let dict = try XCTUnwrap(object as? [String: Any], file: file, line: ln)
    XCTAssertEqual(Set(dict.keys), ["id", "title", "description", "date", "region", "employer"],
                   file: file, line: ln)
    func s(_ k: String) throws -> String { try XCTUnwrap(dict[k] as? String, file: file, line: ln) }
    return Posting(id: try s("id"), title: try s("title"), description: try s("description"),
                   date: try s("date"), region: try s("region"), employer: try s("employer"))
}

/// Occurrences of `needle` in `haystack`, case-insensitive, not preceded or followed by an ASCII letter/digit.
func wholeWordCount(_ needle: String, in haystack: String) -> Int {
    wholeWordCount(Array(needle.lowercased().utf8), inLowercased: Array(haystack.lowercased().utf8))
}

func wholeWordCount(_ n: [UInt8], inLowercased h: [UInt8]) -> Int {
    guard !n.isEmpty, h.count >= n.count else { return 0 }
    func alnum(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }
    return h.withUnsafeBytes { hp in
        n.withUnsafeBytes { np in
            guard let hb = hp.baseAddress, let nb = np.baseAddress else { return 0 }
            var count = 0
            var i = 0
            while i + n.count <= h.count,
                  let found = memchr(hb + i, Int32(n[0]), h.count - n.count + 1 - i) {
                let at = hb.distance(to: UnsafeRawPointer(found))
                let end = at + n.count
                if memcmp(hb + at, nb, n.count) == 0,
                   at == 0 || !alnum(h[at - 1]), end == h.count || !alnum(h[end]) {
                    count += 1
                    i = end
                } else {
                    i = at + 1
                }
            }
            return count
        }
    }
}

final class SkillSynthTests: XCTestCase {
    func config(seed: UInt64 = 42, postings: Int = 3_000) -> SynthConfig {
        SynthConfig(seed: seed, postings: postings, startYear: 2020, years: 4, skills: trickySkills)
    }

    func testDeterminism() throws {
        let a = try SyntheticCorpusGenerator(config: config(postings: 300)).generateInMemory()
        let b = try SyntheticCorpusGenerator(config: config(postings: 300)).generateInMemory()
        XCTAssertEqual(a.bytes, b.bytes)
        XCTAssertEqual(a.truth, b.truth)
        XCTAssertEqual(try a.truth.jsonData(), try b.truth.jsonData())
        XCTAssertEqual(a.truth.bytes, a.bytes.count)

        let c = try SyntheticCorpusGenerator(config: config(seed: 43, postings: 300)).generateInMemory()
        XCTAssertNotEqual(a.bytes, c.bytes)
        XCTAssertNotEqual(a.truth.planted.map(\.label), c.truth.planted.map(\.label))
    }

    func testLinesAreValidJSONWithFieldsInRange() throws {
        let cfg = config(postings: 800)
        let (bytes, truth) = try SyntheticCorpusGenerator(config: cfg).generateInMemory()
        XCTAssertEqual(bytes.last, UInt8(ascii: "\n"))
        let ls = lines(bytes)
        XCTAssertEqual(ls.count, 800)
        var ids = Set<String>()
        var perYear: [Int: Int] = [:]
        for (i, line) in ls.enumerated() {
            let p = try parse(line)
            XCTAssertEqual(p.id, String(format: "syn-%09d", i + 1))
            ids.insert(p.id)
            XCTAssertEqual(p.date.count, 10)
            XCTAssertTrue(p.date >= "2020-01-01" && p.date <= "2023-12-31", p.date)
            let parts = p.date.split(separator: "-").compactMap { Int($0) }
            XCTAssertEqual(parts.count, 3)
            XCTAssertLessThanOrEqual(parts[2], SynthCalendar.days(year: parts[0], month: parts[1]))
            XCTAssertTrue(SynthConfig.defaultRegions.contains(p.region))
            XCTAssertFalse(p.title.isEmpty)
            XCTAssertFalse(p.employer.isEmpty)
            XCTAssertFalse(p.description.isEmpty)
            perYear[p.year, default: 0] += 1
        }
        XCTAssertEqual(ids.count, 800)
        XCTAssertEqual(truth.postingsPerYear.map(\.postings), (2020...2023).map { perYear[$0] ?? 0 })
        XCTAssertEqual(truth.postings, 800)
    }

    func testMeanPostingSize() throws {
        for target in [3_500, 1_200] {
            var cfg = config(postings: 1_000)
            cfg.meanPostingBytes = target
            let (bytes, _) = try SyntheticCorpusGenerator(config: cfg).generateInMemory()
            let mean = Double(bytes.count) / 1_000
            XCTAssertEqual(mean, Double(target), accuracy: 0.2 * Double(target), "target \(target)")
        }
    }

    func testPlantedTrendsAreRealizedAndMatchTheText() throws {
        let gen = try SyntheticCorpusGenerator(config: config())
        let (bytes, truth) = gen.generateInMemory()
        let postings = try lines(bytes).map { try parse($0) }
        let lowered = postings.map { Array($0.description.lowercased().utf8) }
        XCTAssertEqual(truth.planted(.rising).count, 5)
        XCTAssertEqual(truth.planted(.falling).count, 5)
        XCTAssertEqual(truth.planted(.appearing).count, 5)
        XCTAssertEqual(truth.planted(.stable).count, 5)
        XCTAssertEqual(truth.planted(.outOfTaxonomy).count, 2)
        let plantedLabels = Set(truth.planted.flatMap(\.labels))
        XCTAssertFalse(plantedLabels.contains("Python"))
        XCTAssertFalse(plantedLabels.contains("Python scripting"))
        XCTAssertEqual(Set(truth.planted.compactMap(\.conceptID)).count, 20)

        for t in truth.planted {
            let first = Double(t.years[0].realizedShare), last = Double(t.years[3].realizedShare)
            switch t.kind {
            case .rising:
                XCTAssertGreaterThanOrEqual(last, 2 * first, "\(t.label) \(t.years)")
                XCTAssertEqual(t.endShare, 6 * t.startShare, accuracy: 1e-12)
                XCTAssertTrue((0.05...0.30).contains(t.endShare) && t.startShare >= 0.045)
            case .falling:
                XCTAssertGreaterThanOrEqual(first, 2 * last, "\(t.label) \(t.years)")
                XCTAssertTrue((0.27...0.30).contains(t.startShare))
            case .appearing:
                XCTAssertEqual(t.years[0].realizedPostings, 0)
                XCTAssertEqual(t.years[1].realizedPostings, 0)
                XCTAssertGreaterThan(t.years[2].realizedPostings, 0)
                XCTAssertEqual(t.appearsFrom, "2022-01-01")
            case .outOfTaxonomy:
                XCTAssertNil(t.conceptID)
                XCTAssertEqual(t.years[0].realizedPostings, 0)
                XCTAssertGreaterThan(last, t.years[1].realizedShare)
                XCTAssertEqual(t.appearsFrom, "2021-01-01")
                XCTAssertFalse(trickySkills.contains { wholeWordCount($0.label, in: t.label) > 0 })
            case .stable:
                XCTAssertEqual(t.startShare, t.endShare)
            }
            // Realized shares agree with the expected ones (within 5 standard deviations).
            for (y, yt) in t.years.enumerated() {
                let n = Double(truth.postingsPerYear[y].postings)
                let sd = (yt.expectedShare * (1 - yt.expectedShare) / n).squareRoot()
                XCTAssertEqual(yt.realizedShare, yt.expectedShare, accuracy: 5 * sd + 1e-9, "\(t.label) \(yt.year)")
            }

            // Counting the labels in the text reproduces the realized counts.
            var postingsPerYear = [Int](repeating: 0, count: 4)
            var mentionsPerYear = [Int](repeating: 0, count: 4)
            let needles = t.labels.map { Array($0.lowercased().utf8) }
            for (p, text) in zip(postings, lowered) {
                let m = needles.reduce(0) { $0 + wholeWordCount($1, inLowercased: text) }
                XCTAssertEqual(t.labels.reduce(0) { $0 + wholeWordCount($1, in: p.title) }, 0)
                if m > 0 { postingsPerYear[p.year - 2020] += 1 }
                mentionsPerYear[p.year - 2020] += m
            }
            XCTAssertEqual(postingsPerYear, t.years.map(\.realizedPostings), t.label)
            XCTAssertEqual(mentionsPerYear, t.years.map(\.mentions), t.label)
        }

        // Case variants occur.
        let all = postings.map(\.description).joined(separator: "\n")
        let kubernetes = truth.planted.first { $0.labels.contains("Kubernetes") }
        if kubernetes != nil { XCTAssertTrue(all.contains("K8s")) }
        XCTAssertTrue(all.contains("C++") || all.contains("C#") || all.contains(".NET"))
        XCTAssertTrue(trickySkills.contains { all.contains($0.label.uppercased()) && $0.label != $0.label.uppercased() })
    }

    func testFillerTitlesAndEmployersNeverContainALabel() throws {
        // Labels that collide with generic filler words, titles and term suffixes.
        let colliding = ["team", "daily work", "friendly office", "Data Engineer", "mesh", "free coffee", "GmbH"]
        let skills = trickySkills + colliding.enumerated().map { SkillTerm(conceptID: "x\($0.offset)", label: $0.element) }
        var cfg = SynthConfig(seed: 7, postings: 400, skills: skills, skillsPerPosting: 0,
                              rising: 0, falling: 0, appearing: 0, stable: 0, outOfTaxonomyTerms: 0)
        cfg.meanPostingBytes = 2_000
        let gen = try SyntheticCorpusGenerator(config: cfg)
        let labelTokens = Set(skills.flatMap { SynthText.tokens($0.label) })
        XCTAssertTrue(gen.fillerWords.allSatisfy { !labelTokens.contains($0) })
        XCTAssertFalse(gen.fillerWords.contains("team"))
        XCTAssertTrue(gen.fillerWords.contains("salary"))
        let (bytes, truth) = gen.generateInMemory()
        XCTAssertTrue(truth.planted.isEmpty)
        for line in lines(bytes) {
            let p = try parse(line)
            for s in skills {
                XCTAssertEqual(wholeWordCount(s.label, in: p.description), 0, "\(s.label) in filler")
                XCTAssertEqual(wholeWordCount(s.label, in: p.title), 0, "\(s.label) in \(p.title)")
                XCTAssertEqual(wholeWordCount(s.label, in: p.employer), 0, "\(s.label) in \(p.employer)")
            }
        }

        // With skills: every label occurrence in filler would show up as a mismatch for planted skills
        // (checked above); here also check that the generated terms avoid colliding suffixes.
        let withTerms = try SyntheticCorpusGenerator(config: SynthConfig(seed: 9, postings: 10, skills: skills))
        for t in withTerms.plantedTrends where t.kind == .outOfTaxonomy {
            XCTAssertFalse(t.label.hasSuffix(" mesh"))
            XCTAssertTrue(SynthText.tokens(t.label).allSatisfy { !labelTokens.contains($0) })
            XCTAssertTrue(SynthText.tokens(t.label).allSatisfy { !withTerms.fillerWords.contains($0) })
        }
    }

    func testBackgroundSamplerMatchesProbabilities() throws {
        // 400 plain concepts: the background follows the capped Zipf law and the budget.
        let skills = (0..<400).map { SkillTerm(conceptID: "k\($0)", label: "qx\($0)skill") }
        let cfg = SynthConfig(seed: 5, postings: 4_000, skills: skills, meanPostingBytes: 1_000,
                              skillsPerPosting: 7.5, rising: 2, falling: 2, appearing: 2, stable: 2,
                              outOfTaxonomyTerms: 1)
        let gen = try SyntheticCorpusGenerator(config: cfg)
        XCTAssertGreaterThan(gen.blocks.count, 3)
        let (bytes, _) = gen.generateInMemory()
        var seen = [Int](repeating: 0, count: gen.conceptIDs.count)
        var distinct = 0
        for line in lines(bytes) {
            let p = try parse(line)
            let words = Set(p.description.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
            for (c, labels) in gen.conceptLabels.enumerated() where words.contains(labels[0].lowercased()) {
                seen[c] += 1
            }
            distinct += words.filter { $0.hasPrefix("qx") && $0.hasSuffix("skill") }.count
        }
        let perPosting = Double(distinct) / 4_000
        let outOfTaxonomy = gen.planted.filter { $0.kind == .outOfTaxonomy }.reduce(0) { $0 + $1.meanProbability }
        XCTAssertEqual(perPosting + outOfTaxonomy, 7.5, accuracy: 0.25)
        for (j, c) in gen.background.prefix(40).enumerated() {
            let p = gen.backgroundProbability[j]
            let sd = (p * (1 - p) / 4_000).squareRoot()
            XCTAssertEqual(Double(seen[Int(c)]) / 4_000, p, accuracy: 5 * sd + 1e-9, "rank \(j)")
        }
        // Tail: total observed vs expected.
        let tail = gen.background.indices.dropFirst(40)
        let expected = tail.reduce(0.0) { $0 + gen.backgroundProbability[$1] } * 4_000
        let observed = tail.reduce(0) { $0 + seen[Int(gen.background[$1])] }
        XCTAssertEqual(Double(observed), expected, accuracy: 5 * expected.squareRoot() + 1)
    }

    func testGroundTruthJSONRoundTrip() throws {
        let (_, truth) = try SyntheticCorpusGenerator(config: config(postings: 50)).generateInMemory()
        let data = try truth.jsonData()
        let decoded = try JSONDecoder().decode(GroundTruth.self, from: data)
        XCTAssertEqual(decoded, truth)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"planted\""))
        XCTAssertTrue(text.contains("\n  "))
    }

    func testConfigurationErrors() {
        XCTAssertThrowsError(try SyntheticCorpusGenerator(config: SynthConfig(postings: 1, skills: Array(trickySkills.prefix(10))))) {
            guard case SynthConfigError.notEnoughEligibleSkills(needed: 20, eligible: _) = $0 else {
                return XCTFail("\($0)")
            }
        }
        XCTAssertThrowsError(try SyntheticCorpusGenerator(config: SynthConfig(years: 0, skills: trickySkills)))
        XCTAssertThrowsError(try SyntheticCorpusGenerator(config: SynthConfig(regions: [], skills: trickySkills)))
        XCTAssertThrowsError(try SyntheticCorpusGenerator(config: SynthConfig(skills: trickySkills, meanPostingBytes: 10)))
        // No skills and nothing planted: pure filler works.
        XCTAssertNoThrow(try SyntheticCorpusGenerator(config: SynthConfig(postings: 3, skills: [], rising: 0,
                                                                          falling: 0, appearing: 0, stable: 0))
            .generateInMemory())
    }

    func testExactCaseLabelsAreWrittenAsGiven() throws {
        let skills = trickySkills.map { SkillTerm(conceptID: $0.conceptID, label: $0.label, exactCase: $0.label.count <= 6) }
        let (bytes, _) = try SyntheticCorpusGenerator(config: SynthConfig(seed: 3, postings: 300, skills: skills))
            .generateInMemory()
        let text = String(decoding: bytes, as: UTF8.self)
        var checked = 0
        // Skip labels inside other labels ("Python" in "Python scripting", which may be lower-cased).
        let inside = { (s: SkillTerm) in skills.contains { $0 != s && wholeWordCount(s.label, in: $0.label) > 0 } }
        for s in skills where s.label.uppercased() != s.label && !inside(s) {
            let upper = wholeWordCount(Array(s.label.uppercased().utf8), inLowercased: Array(text.utf8))
            let lower = wholeWordCount(Array(s.label.lowercased().utf8), inLowercased: Array(text.utf8))
            if s.exactCase {
                XCTAssertEqual(upper + lower, 0, s.label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10)

        // Codable: exactCase is optional on input and only written when true.
        let decoded = try JSONDecoder().decode([SkillTerm].self, from: Data(#"[{"conceptID":"a","label":"Go","exactCase":true},{"conceptID":"b","label":"x"}]"#.utf8))
        XCTAssertEqual(decoded, [SkillTerm(conceptID: "a", label: "Go", exactCase: true), SkillTerm(conceptID: "b", label: "x")])
        let encoded = String(decoding: try JSONEncoder().encode(decoded[1]), as: UTF8.self)
        XCTAssertFalse(encoded.contains("exactCase"))
    }

    func testPortableLogAndEscaping() {
        for x in [1e-300, 1e-9, 0.001, 0.25, 0.5, 0.7071, 0.99, 1, 1.5, 2, 10, 12345.678] {
            XCTAssertEqual(portableLog(x), Foundation.log(x), accuracy: 1e-12 * max(1, abs(Foundation.log(x))))
        }
        XCTAssertEqual(String(decoding: JSONBytes.escape("a\"b\\c\nd\u{01}é"), as: UTF8.self), #"a\"b\\c\nd\u0001é"#)
    }

    func testTwentyMegabytes() throws {
        let cfg = config(postings: 6_000)
        var total = 0
        var newlines = 0
        var chunks = 0
        let truth = try SyntheticCorpusGenerator(config: cfg).generate { chunk in
            total += chunk.count
            chunks += 1
            XCTAssertEqual(chunk.last, UInt8(ascii: "\n"))
            for b in chunk where b == UInt8(ascii: "\n") { newlines += 1 }
        }
        XCTAssertGreaterThanOrEqual(total, 20_000_000)
        XCTAssertEqual(total, truth.bytes)
        XCTAssertEqual(newlines, 6_000)
        XCTAssertGreaterThan(chunks, 10)
    }
}
