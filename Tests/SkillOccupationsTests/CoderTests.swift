import XCTest
@testable import SkillOccupations

/// The coder on a small hand-made catalog (no data files needed).
final class CoderTests: XCTestCase {
    static func catalog() -> OccupationCatalog {
        var c = OccupationCatalog()
        func esco(_ id: String, _ label: String, _ isco: String, alt: [String] = [], de: [String] = []) -> Int {
            let i = c.add(Occupation(id: "esco:\(id)", scheme: .esco, label: label, iscoCode: isco, isICT: isICTISCO(isco)))
            c.addLabel(label, occupation: i, language: "en", kind: .preferred)
            for a in alt { c.addLabel(a, occupation: i, language: "en", kind: .alternative) }
            for d in de { for f in genderedForms(d) { c.addLabel(f, occupation: i, language: "de", kind: .preferred) } }
            return i
        }
        let dev = esco("dev", "software developer", "2512", alt: ["software engineer", "programmer"],
                       de: ["Softwareentwickler/Softwareentwicklerin"])
        let web = esco("web", "web developer", "2513", alt: ["web programmer"], de: ["Webentwickler/Webentwicklerin"])
        let data = esco("data", "data scientist", "2511", alt: ["data analyst"])
        let cashier = esco("cash", "cashier", "5230", alt: ["checkout operator"])
        let nurse = esco("nurse", "nurse responsible for general care", "2221", alt: ["general nurse"])
        let shop = esco("shop", "shop assistant", "5223", alt: ["cashier"]) // `cashier` is ambiguous
        _ = esco("elearn", "e-learning developer", "2359", de: ["E-Learning-Entwickler/E-Learning-Entwicklerin"])
        let o = c.add(Occupation(id: "onet:15-1252.00", scheme: .onet, label: "Software Developers",
                                 onetCode: "15-1252.00", isICT: true))
        c.addLabel("Software Developers", occupation: o, language: "en", kind: .onetTitle)
        c.addLabel("Application Developer", occupation: o, language: "en", kind: .onetAlternate)
        c.skills[dev] = OccupationSkills(essential: ["esco:java", "esco:git", "esco:sql"], optional: ["esco:agile"])
        c.skills[web] = OccupationSkills(essential: ["esco:html", "esco:css", "esco:javascript"], optional: ["esco:git"])
        c.skills[data] = OccupationSkills(essential: ["esco:python", "esco:statistics", "esco:sql"])
        c.skills[cashier] = OccupationSkills(essential: ["esco:cash handling"])
        c.skills[nurse] = OccupationSkills(essential: ["esco:patient care"])
        c.skills[shop] = OccupationSkills(essential: ["esco:cash handling", "esco:customer service"])
        return c
    }

    let coder = OccupationCoder.build(catalog: CoderTests.catalog(),
                                      options: .init(schemes: [.esco, .onet], onetLinkThreshold: 0.75))

    /// Table: title -> (top occupation id, method).
    func testTopCandidateAndMethod() {
        let table: [(String, String, CodingMethod)] = [
            ("Software Developer", "esco:dev", .exactTitle),
            ("software-developer", "esco:dev", .exactTitle),
            ("Senior Software Engineer (m/w/d)", "esco:dev", .normalizedTitle),
            ("Softwareentwickler/in", "esco:dev", .normalizedTitle),
            ("Softwareentwicklerin", "esco:dev", .exactTitle),
            ("Web Developer - Berlin, 100% remote", "esco:web", .normalizedTitle),
            ("Java Software Developer", "esco:dev", .containedLabel),
            ("Data Scientist / Machine Learning", "esco:data", .normalizedTitle),
            ("Developer of web sites", "esco:web", .tokenSimilarity),
            ("Registered General Nurse", "esco:nurse", .containedLabel),
        ]
        for (title, id, method) in table {
            let top = coder.code(title).first
            XCTAssertEqual(top?.occupationID, id, title)
            XCTAssertEqual(top?.method, method, title)
        }
    }

    func testConfidenceOrdersEvidence() throws {
        let exact = try XCTUnwrap(coder.code("software developer").first)
        let normalized = try XCTUnwrap(coder.code("Senior Software Developer (m/f/d)").first)
        let contained = try XCTUnwrap(coder.code("Java Software Developer").first)
        XCTAssertEqual(exact.confidence, 1.0, accuracy: 1e-9)
        XCTAssertLessThan(normalized.confidence, exact.confidence)
        XCTAssertLessThan(contained.confidence, normalized.confidence)
        XCTAssertGreaterThan(contained.confidence, 0)
        // An ambiguous exact label is shared: both occupations, lower confidence than an unambiguous one.
        let cash = coder.code("Cashier")
        XCTAssertEqual(Set(cash.prefix(2).map(\.occupationID)), ["esco:cash", "esco:shop"])
        XCTAssertEqual(cash.first?.occupationID, "esco:cash") // preferred label before alternative
        XCTAssertLessThan(cash[0].confidence, 1.0)
    }

    func testCandidateFieldsMapOntoStoreRow() throws {
        let c = try XCTUnwrap(coder.code("Software Developer").first)
        XCTAssertEqual(c.label, "software developer")
        XCTAssertEqual(c.iscoCode, "2512")
        XCTAssertEqual(c.onetCode, "15-1252.00") // derived link: the English label codes to O*NET
        XCTAssertTrue(c.isICT)
        XCTAssertEqual(c.matchedLabel, "software developer")
        XCTAssertEqual(c.method.rawValue, "exact-title")
        let cashier = try XCTUnwrap(coder.code("cashier").first)
        XCTAssertNil(cashier.onetCode)
        XCTAssertFalse(cashier.isICT)
    }

    func testSchemeFilter() throws {
        let onet = coder.code("Application Developer", scheme: .onet)
        XCTAssertEqual(onet.first?.occupationID, "onet:15-1252.00")
        XCTAssertEqual(onet.first?.onetCode, "15-1252.00")
        XCTAssertNil(onet.first?.iscoCode)
        XCTAssertTrue(coder.code("Application Developer", scheme: .esco).allSatisfy { $0.scheme == .esco })
        XCTAssertEqual(Set(coder.code("developer", scheme: nil, limit: 10).map(\.scheme)), [.esco, .onet])
    }

    func testCompoundPartsMatch() throws {
        // `Java-Entwickler` shares the word `entwickler` with `E-Learning-Entwickler`, and shares it as a part
        // with the compounds `Softwareentwickler` and `Webentwickler` (at reduced similarity).
        let r = coder.code("Java-Entwickler (m/w/d)", limit: 5)
        XCTAssertEqual(Set(r.prefix(3).map(\.occupationID)), ["esco:dev", "esco:web", "esco:elearn"])
        XCTAssertTrue(r.allSatisfy { $0.method == .tokenSimilarity })
        XCTAssertTrue(r.allSatisfy { $0.confidence < 0.9 })
        // The other direction: an unknown compound title matches a known word that is its part.
        XCTAssertEqual(coder.code("Cashierteamleiter").first?.occupationID, "esco:cash")
    }

    func testSkillsFallbackOnlyForWeakTitles() throws {
        // No title evidence at all: skills decide.
        let s = coder.code("软件工程师", skills: ["esco:java", "esco:git", "esco:sql"])
        XCTAssertEqual(s.first?.occupationID, "esco:dev")
        XCTAssertEqual(s.first?.method, .skills)
        XCTAssertEqual(coder.code("软件工程师").count, 0)
        let d = coder.code("Spezialist", skills: ["esco:python", "esco:statistics"])
        XCTAssertEqual(d.first?.occupationID, "esco:data")
        // A strong title is not overridden by skills.
        let t = coder.code("Web Developer", skills: ["esco:python", "esco:statistics", "esco:sql"])
        XCTAssertEqual(t.first?.occupationID, "esco:web")
        XCTAssertEqual(t.first?.method, .exactTitle)
        // Unknown skill ids are ignored, not an error.
        XCTAssertEqual(coder.code("软件工程师", skills: ["esco:unknown"]).count, 0)
    }

    func testHostileTitles() {
        for t in ["", "   ", "(m/w/d)", "100%", "- - -", "\u{0}\u{1}", String(repeating: "a", count: 10_000),
                  String(repeating: "developer ", count: 500), "🙂🙂", "((((", "/in"] {
            let r = coder.code(t)
            XCTAssertTrue(r.allSatisfy { $0.confidence >= 0 && $0.confidence <= 1 }, t)
            XCTAssertLessThanOrEqual(r.count, 5)
        }
        XCTAssertEqual(coder.code("developer", limit: 0).count, 0)
    }

    /// The coder is immutable and Sendable: concurrent coding gives the same answers as serial coding.
    func testConcurrentCodingMatchesSerial() {
        let titles = ["Software Developer", "Web Developer (m/w/d)", "Cashier", "Java-Entwickler", "Data Analyst",
                      "General Nurse", "Registered General Nurse", "Softwareentwicklerin"]
        let serial = titles.map { coder.code($0) }
        let results = UnsafeMutableBufferPointer<[OccupationCandidate]>.allocate(capacity: titles.count * 8)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        let shared = self.coder
        nonisolated(unsafe) let out = results
        DispatchQueue.concurrentPerform(iterations: titles.count * 8) { i in
            out[i] = shared.code(titles[i % titles.count])
        }
        for i in 0..<(titles.count * 8) { XCTAssertEqual(results[i], serial[i % titles.count]) }
    }
}
