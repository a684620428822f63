import SkillDisambiguation
import SkillEval
import SkillMatcher
import SkillTaxonomy
import XCTest

final class SpanScoringTests: XCTestCase {
    func testBIOSpans() {
        XCTAssertEqual(SkillSpanReader.spans(["O", "B", "I", "O", "B", "B", "I", "I"]),
                       [TokenSpan(1, 3), TokenSpan(4, 5), TokenSpan(5, 8)])
        XCTAssertEqual(SkillSpanReader.spans(["I-Skill", "I-Skill", "O", "I-Skill"]), [TokenSpan(0, 2), TokenSpan(3, 4)],
                       "an I without a span before it opens one")
        XCTAssertEqual(SkillSpanReader.spans(["O", "O"]), [])
    }

    func testCoNLLParsing() throws {
        let lines = ["Python\tO\tB-Knowledge", "and\tO\tO", "team\tB-Skill\tO", "work\tI-Skill\tO", "", "", "Go\tO\tB-Knowledge\r"]
        let s = try SkillSpanReader.parse(lines: lines.enumerated().map { ($0 + 1, $1) }, domain: "tech", path: "x.conll")
        XCTAssertEqual(s.count, 2, "repeated blank lines make no empty sentence")
        XCTAssertEqual(s[0].tokens, ["Python", "and", "team", "work"])
        XCTAssertEqual(s[0].knowledge, [TokenSpan(0, 1)])
        XCTAssertEqual(s[0].skill, [TokenSpan(2, 4)])
        XCTAssertEqual(s[1].line, 7)
        XCTAssertEqual(s[1].knowledge, [TokenSpan(0, 1)])
    }

    func testCoNLLErrorsNameTheLine() {
        for (bad, message) in [("Python\tO", "found 2 fields"), ("Python\tX\tO", "tag \"X\"")] {
            XCTAssertThrowsError(try SkillSpanReader.parse(lines: [(1, "a\tO\tO"), (2, bad)], domain: "tech", path: "x.conll")) {
                let e = $0 as? GoldFileError
                XCTAssertEqual(e?.line, 2)
                XCTAssertTrue(e?.message.contains(message) ?? false, "\($0)")
            }
        }
    }

    /// Hand-counted: gold knowledge [0,2) in-taxonomy, [5,6) not; a skill span [3,5).
    func testSpanScoresByHand() {
        var s = SpanScores()
        let gold = [TokenSpan(0, 2), TokenSpan(5, 6)]
        let any = [TokenSpan(0, 2), TokenSpan(3, 5), TokenSpan(5, 6)]
        // Predictions: the exact span; [1,2) inside it; one inside the skill span;
        // one on the out-of-taxonomy span; one on nothing.
        let predicted = [TokenSpan(0, 2), TokenSpan(1, 2), TokenSpan(3, 4), TokenSpan(5, 6), TokenSpan(7, 8)]
        s.add(predicted: predicted, gold: gold, inTaxonomy: [true, false], anyGold: any)
        XCTAssertEqual([s.exact.predicted, s.exact.correctPredicted, s.exact.gold, s.exact.foundGold], [5, 2, 2, 2])
        XCTAssertEqual([s.partial.predicted, s.partial.correctPredicted, s.partial.gold, s.partial.foundGold], [5, 3, 2, 2])
        // In-taxonomy: considered = [0,2), [1,2) (touch the in-taxonomy span) and [7,8) (touches no gold).
        XCTAssertEqual([s.inTaxonomyExact.predicted, s.inTaxonomyExact.correctPredicted,
                        s.inTaxonomyExact.gold, s.inTaxonomyExact.foundGold], [3, 1, 1, 1])
        XCTAssertEqual([s.inTaxonomyPartial.predicted, s.inTaxonomyPartial.correctPredicted,
                        s.inTaxonomyPartial.gold, s.inTaxonomyPartial.foundGold], [3, 2, 1, 1])
        XCTAssertEqual(s.partial.precision, 0.6, accuracy: 1e-12)
        XCTAssertEqual(s.inTaxonomyPartial.f1, 2 * (2.0 / 3) * 1 / (2.0 / 3 + 1), accuracy: 1e-12)
        // A sentence without any gold span: its predictions count in all-spans precision only.
        s.add(predicted: [TokenSpan(0, 1)], gold: [], inTaxonomy: [], anyGold: [])
        XCTAssertEqual(s.partial.predicted, 6)
        XCTAssertEqual(s.inTaxonomyPartial.predicted, 3)
    }

    func testEmptyCountsAreZeroNotNaN() {
        let c = PRCounts()
        XCTAssertEqual([c.precision, c.recall, c.f1], [0, 0, 0])
    }

    static func tinyTaxonomy() -> Taxonomy {
        let concepts = [
            Concept(id: "esco:py", preferredLabel: "Python (computer programming)", type: "knowledge", source: "esco",
                    escoURI: "http://data.europa.eu/esco/skill/py"),
            Concept(id: "esco:ml", preferredLabel: "machine learning", type: "knowledge", source: "esco",
                    escoURI: "http://data.europa.eu/esco/skill/ml"),
            Concept(id: "onet:go", preferredLabel: "Go", type: "technology", source: "onet"),
            Concept(id: "onet:k8s", preferredLabel: "Kubernetes", type: "technology", source: "onet"),
        ]
        let labels = [
            ConceptLabel(conceptIndex: 0, text: "Python", kind: .derived),
            ConceptLabel(conceptIndex: 0, text: "Python (computer programming)", kind: .pref),
            ConceptLabel(conceptIndex: 1, text: "machine learning", kind: .pref),
            ConceptLabel(conceptIndex: 2, text: "Go", kind: .pref, exactCase: true),
            ConceptLabel(conceptIndex: 3, text: "Kubernetes", kind: .pref),
        ]
        return Taxonomy(name: "tiny", version: "1", concepts: concepts, labels: labels)
    }

    static func tinyExtractor(rules: Bool = true) throws -> SpanExtractor {
        let m = tinyTaxonomy().buildMatcher()
        let text = "label\tdirective\targument\tweight\twindow\nGo\tprior\t-\t0.3\t-\nGo\tneighbour\t-\t0.3\t5\n"
        let d = rules ? Disambiguator(rules: try ContextRules.parse(text), matcher: m) : nil
        return SpanExtractor(matcher: m, disambiguator: d, minConfidence: 0.5)
    }

    func testPredictedSpansMapBytesToGoldTokens() throws {
        let e = try Self.tinyExtractor()
        // Gold token "Python/Go" holds two matcher tokens; "Go" alone has no neighbour within 5 tokens.
        XCTAssertEqual(e.predictedSpans(tokens: ["Python/Go", "and", "machine", "learning"]),
                       [TokenSpan(0, 1), TokenSpan(2, 4)])
        XCTAssertEqual(e.predictedSpans(tokens: ["Go", "to", "work"]), [], "Go without evidence is dropped")
        XCTAssertEqual(e.predictedSpans(tokens: ["Go", "and", "Kubernetes"]), [TokenSpan(0, 1), TokenSpan(2, 3)])
        XCTAssertEqual(try Self.tinyExtractor(rules: false).predictedSpans(tokens: ["Go", "to", "work"]), [TokenSpan(0, 1)])
        XCTAssertTrue(e.isLabel("machine learning"))
        XCTAssertFalse(e.isLabel("machine learning models"))
        XCTAssertFalse(e.isLabel("go"), "exact-case labels stay exact-case")
    }

    func testSkillSpanResultOnTinyGold() throws {
        let sentences = [
            GoldSentence(tokens: ["Experience", "in", "Python", "and", "machine", "learning", "models"],
                         skill: [], knowledge: [TokenSpan(2, 3), TokenSpan(4, 7)], domain: "tech", line: 1),
            GoldSentence(tokens: ["Go", "and", "Kubernetes"], skill: [], knowledge: [TokenSpan(2, 3)], domain: "tech", line: 9),
        ]
        let r = SkillSpanResult.evaluate(sentences, domain: "tech", split: "dev", extractor: try Self.tinyExtractor())
        // Predictions: Python [2,3), machine learning [4,6); Go [0,1), Kubernetes [2,3).
        XCTAssertEqual(r.predictedSpans, 4)
        XCTAssertEqual([r.knowledge.exact.correctPredicted, r.knowledge.exact.foundGold], [2, 2])
        XCTAssertEqual([r.knowledge.partial.correctPredicted, r.knowledge.partial.foundGold], [3, 3])
        // In-taxonomy gold: Python and Kubernetes ("machine learning models" is not a label). Go touches no
        // gold span in an annotated sentence: considered, wrong. machine learning touches only an
        // out-of-taxonomy span: not considered.
        XCTAssertEqual([r.knowledge.inTaxonomyPartial.predicted, r.knowledge.inTaxonomyPartial.correctPredicted,
                        r.knowledge.inTaxonomyPartial.gold, r.knowledge.inTaxonomyPartial.foundGold], [3, 2, 2, 2])
        XCTAssertEqual(r.topUnsupported, ["go": 1])
    }

    func testDecorteLinking() throws {
        let t = Self.tinyTaxonomy()
        let rows = [
            DecorteRow(sentence: "python and machine learning", label: "Python (computer programming)", line: 2),
            DecorteRow(sentence: "python and machine learning", label: "machine learning", line: 3),
            DecorteRow(sentence: "python and machine learning", label: "machine learning", line: 4),
            DecorteRow(sentence: "work in teams", label: "work in teams", line: 5),
            DecorteRow(sentence: "deep learning", label: "LABEL NOT PRESENT", line: 6),
            DecorteRow(sentence: "kubernetes clusters", label: "UNDERSPECIFIED", line: 7),
            DecorteRow(sentence: "ML models", label: "ML (old label)", line: 8),
        ]
        let linker = ESCOLinker(taxonomy: t, uriByLabel: ["ml (old label)": "http://data.europa.eu/esco/skill/ml"])
        XCTAssertEqual(linker.concepts(forLabel: "MACHINE LEARNING"), [1])
        XCTAssertEqual(linker.concepts(forLabel: "ML (old label)"), [1], "through the URI")
        XCTAssertEqual(linker.concepts(forLabel: "work in teams"), [])
        let e = try Self.tinyExtractor()
        let r = DecorteResult.evaluate(rows: rows, dataset: "tech", split: "test", taxonomy: t, linker: linker,
                                       extract: e.concepts(in:))
        XCTAssertEqual([r.rows, r.sentences, r.goldPairs, r.goldInTaxonomy], [7, 5, 4, 3])
        // Found: python, machine learning (sentence 1); not ML (no label "ML" in the tiny taxonomy).
        XCTAssertEqual([r.all.gold, r.all.foundGold, r.inTaxonomy.gold, r.inTaxonomy.foundGold], [4, 2, 3, 2])
        // Predicted: python, machine learning (correct), kubernetes (onet, wrong; not ESCO).
        XCTAssertEqual([r.all.predicted, r.all.correctPredicted], [3, 2])
        XCTAssertEqual([r.inTaxonomy.predicted, r.inTaxonomy.correctPredicted], [2, 2])
    }

    func testDecorteReaderAndReportJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h4-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("a.csv")
        try "sentence,span,sub_span,label\n\"python, go\",python,,Python (computer programming)\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let rows = try DecorteReader.read(path: csv.path)
        XCTAssertEqual(rows, [DecorteRow(sentence: "python, go", label: "Python (computer programming)", line: 2)])
        try "sentence,label\nx,y,z\n".write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DecorteReader.read(path: csv.path)) {
            XCTAssertEqual(($0 as? GoldFileError)?.line, 2)
        }
        try "span,label\n".write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DecorteReader.read(path: csv.path))

        var report = EvaluationReport(taxonomy: "tiny", taxonomyDigest: "d", rules: nil, split: "dev", domain: "tech",
                                      minConfidence: 0.5)
        report.decorte.append(DecorteResult(dataset: "tech", split: "dev"))
        let json = try JSONSerialization.jsonObject(with: try report.jsonData()) as? [String: Any]
        XCTAssertEqual(json?["split"] as? String, "dev")
        XCTAssertEqual((json?["decorte"] as? [[String: Any]])?.first?["dataset"] as? String, "tech")
        XCTAssertEqual(report.tableRows.count, 2)
    }

    func testRunRejectsUnknownSplitAndDomain() throws {
        let e = try Self.tinyExtractor()
        let data = EvaluationData(directory: "/nonexistent")
        XCTAssertThrowsError(try Evaluation.run(taxonomy: Self.tinyTaxonomy(), extractor: e, data: data, split: "validation",
                                                domain: "tech", rulesPath: nil))
        XCTAssertThrowsError(try Evaluation.run(taxonomy: Self.tinyTaxonomy(), extractor: e, data: data, split: "dev",
                                                domain: "finance", rulesPath: nil))
        XCTAssertEqual(data.decorteFiles(split: "train", domains: ["tech"]).count, 0)
        XCTAssertEqual(data.decorteFiles(split: "test", domains: ["tech", "house"]).map(\.dataset), ["tech", "house", "techwolf"])
        XCTAssertTrue(data.decorteFiles(split: "dev", domains: ["house"])[0].path.hasSuffix("house_validation_annotations.csv"))
    }

    /// Judged precision: in a sentence with gold spans predictions are scored by the gold; in one without, by
    /// the reading (correct counts, wrong and not judged count as wrong); recall as for all spans.
    func testJudgedScoresByHand() throws {
        var s = SpanScores()
        // Annotated sentence: gold [0,2); predictions [0,1) (right) and [3,4) (wrong).
        s.add(predicted: [TokenSpan(0, 1), TokenSpan(3, 4)], gold: [TokenSpan(0, 2)], inTaxonomy: [true],
              anyGold: [TokenSpan(0, 2)], judged: [nil, true])
        // Sentence without spans: three predictions judged correct, wrong and not at all.
        s.add(predicted: [TokenSpan(0, 1), TokenSpan(2, 3), TokenSpan(4, 5)], gold: [], inTaxonomy: [], anyGold: [],
              judged: [true, false, nil])
        XCTAssertEqual(s.judgedPartial.predicted, 5)
        XCTAssertEqual(s.judgedPartial.correctPredicted, 2, "one by the gold, one by the reading")
        XCTAssertEqual(s.judgedPartial.gold, 1)
        XCTAssertEqual(s.judgedPartial.foundGold, 1)
        XCTAssertEqual(s.unjudged, 1)
        XCTAssertEqual(s.partial.correctPredicted, 1, "all: the sentence without spans gives nothing")
        XCTAssertEqual(s.annotatedPartial.predicted, 2)
    }

    func testJudgmentsParse() throws {
        let text = "file\tline\ttext\tconcept\tverdict\tnote\tsentence\n"
            + "tech/test\t12\tJava\tJava\tcorrect\t\tSenior Java Developer\n"
            + "tech/test\t40\tChai\tchai\twrong\tdrink\tCoffee Chai or Matcha\n"
            + "tech/test\t41\tPOS\tPOS\tunsure\t\tPOS user interface\n"
        let j = try SkillSpanJudgments.parse(text, path: "j.tsv")
        XCTAssertEqual(j.count, 3)
        XCTAssertEqual(j.verdict(file: "tech/test", line: 12, text: "Java"), true)
        XCTAssertEqual(j.verdict(file: "tech/test", line: 40, text: "Chai"), false)
        XCTAssertEqual(j.verdict(file: "tech/test", line: 41, text: "POS"), false, "unsure counts as wrong")
        XCTAssertNil(j.verdict(file: "house/test", line: 12, text: "Java"))
        XCTAssertThrowsError(try SkillSpanJudgments.parse("h\ntech/test\tx\tJava\tJava\tcorrect\n", path: "j.tsv")) {
            XCTAssertEqual(($0 as? GoldFileError)?.line, 2)
        }
        XCTAssertThrowsError(try SkillSpanJudgments.parse("h\ntech/test\t3\tJava\tJava\tmaybe\n", path: "j.tsv"))
    }
}
