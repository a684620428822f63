import XCTest
import SkillAnalytics
@testable import SkillReports

/// The "Emerging job titles" section: present in HTML and Markdown, escaped, with an empty-state note.
final class OccupationSectionTests: XCTestCase {
    func data() -> ReportData {
        var d = Fixtures.report
        let growth = EmergingSkill(conceptID: "title:mlops engineer", label: "mlops engineer", recentPostings: 62,
                                   recentTotal: 500, referencePostings: 26, referenceTotal: 500, recentEmployers: 44,
                                   rateRatio: 2.39, ciLow: 1.79, ciHigh: 3.19, pValue: 1e-6, qValue: 1e-5,
                                   status: .emerging)
        d.occupationClusters = [OccupationCluster(
            key: "mlops <engineer>", postings: 88, growth: growth, codedShare: 0, codedOccupation: nil,
            exampleTitles: ["MLOps <Engineer>", "Senior MLOps Engineer (m/w/d)"],
            profile: [.init(conceptID: "s9", label: "Kubeflow", postings: 60, share: 0.68, lift: 15.2)])]
        return d
    }

    func testMarkdownHasTheClusterTable() {
        let md = MarkdownReport.render(data())
        XCTAssertTrue(md.contains("## Emerging job titles"), md)
        // A role cluster is shown by its commonest phrase, escaped.
        XCTAssertTrue(md.contains("| MLOps \\<Engineer\\> | emerging |"), "role escaped for Markdown: \(md)")
        XCTAssertTrue(md.contains("Senior MLOps Engineer (m/w/d)"), "the other spellings: \(md)")
        XCTAssertTrue(md.contains("Kubeflow (15.2)"), md)
        XCTAssertTrue(md.contains("every title counts as uncoded"), "says the store had no coding")
    }

    func testHTMLHasTheSectionEscaped() {
        let html = HTMLReport.render(data())
        XCTAssertTrue(html.contains("id=\"occupations\""), "section anchor")
        XCTAssertTrue(html.contains("MLOps &lt;Engineer&gt;"), "role escaped")
        XCTAssertTrue(html.contains("mlops &lt;engineer&gt;"), "cluster key (in the cell's hint) escaped")
        XCTAssertFalse(html.contains("mlops <engineer>") || html.contains("MLOps <Engineer>"), "never raw")
    }

    func testEmptyStateIsANote() {
        var d = data()
        d.occupationClusters = []
        d.occupationCodingAvailable = true
        let md = MarkdownReport.render(d)
        XCTAssertTrue(md.contains(ReportText.noOccupationClusters), md)
        XCTAssertTrue(md.contains("clusters mostly coded to an existing ESCO occupation are left out"), md)
    }
}
