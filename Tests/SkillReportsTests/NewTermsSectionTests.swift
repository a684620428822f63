import XCTest
import SkillAnalytics
@testable import SkillReports

/// The "New terms" section: rising terms no taxonomy label covers, in HTML, Markdown and `new_terms.csv`, escaped,
/// and saying whether discovery ran at all.
final class NewTermsSectionTests: XCTestCase {
    func data() -> ReportData {
        var d = Fixtures.report
        let growth = EmergingSkill(conceptID: "new-term:lang<chain>", label: "lang<chain>", recentPostings: 17,
                                   recentTotal: 181, referencePostings: 0, referenceTotal: 168, recentEmployers: 13,
                                   rateRatio: 32.5, ciLow: 1.97, ciHigh: 536.1, pValue: 4.6e-5, qValue: 0.0074,
                                   status: .new)
        d.newTerms = [DiscoveredTerm(kind: "ngram", term: "lang<chain>", postings: 17, growth: growth, examples: [],
                                     cooccurring: [.init(conceptID: "esco:py", label: "Python", postings: 12),
                                                   .init(conceptID: "tech:rag", label: "a|b", postings: 3)])]
        return d
    }

    func testMarkdownHasTheTermTable() {
        let md = MarkdownReport.render(data())
        XCTAssertTrue(md.contains("## New terms"), md)
        XCTAssertTrue(md.contains("| lang\\<chain\\> | new | 9.4% | 0.0% |"), "term escaped, shares shown: \(md)")
        XCTAssertTrue(md.contains("Python, a\\|b"), "co-occurring skills, pipe escaped: \(md)")
    }

    func testHTMLHasTheSectionEscaped() {
        let html = HTMLReport.render(data())
        XCTAssertTrue(html.contains("id=\"new-terms\""), "section anchor")
        XCTAssertTrue(html.contains("lang&lt;chain&gt;"))
        XCTAssertFalse(html.contains("lang<chain>"), "never raw")
        let order = ["id=\"emerging\"", "id=\"new-terms\"", "id=\"occupations\""].map { html.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted(), "after emerging skills, before job titles")
    }

    func testCSVHasEveryField() {
        let lines = CSVReport.newTerms(data()).split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("term,postings,recent_postings,"))
        XCTAssertTrue(lines[1].hasPrefix("lang<chain>,17,17,181,0,168,13,"), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix(",new,0.09392265193370165,0.0,Python; a|b"), String(lines[1]))
    }

    func testNotRunAndNoneFoundAreSaidApart() {
        var d = data()
        d.newTerms = nil
        XCTAssertTrue(MarkdownReport.render(d).contains(ReportText.newTermsNotRun))
        XCTAssertEqual(CSVReport.newTerms(d).split(separator: "\n").count, 1, "header only")
        d.newTerms = []
        let md = MarkdownReport.render(d)
        XCTAssertTrue(md.contains(ReportText.noNewTerms), md)
        XCTAssertFalse(md.contains(ReportText.newTermsNotRun))
    }
}
