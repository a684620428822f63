import Foundation
import SkillAnalytics
@testable import SkillReports
import XCTest

final class HTMLReportTests: XCTestCase {
    func testContainsAllSections() {
        let html = HTMLReport.render(Fixtures.report)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for heading in ["Provenance", "Corpus summary", "Trend of the top skills", "Top skills", "Emerging skills",
                        "Qualification gaps", "How to read this"] {
            XCTAssertTrue(html.contains("<h2>\(heading)</h2>"), "missing section \(heading)")
        }
        for term in ["Share", "Rate ratio", "q-value", "Gap index"] {
            XCTAssertTrue(html.contains("<dt>\(term)</dt>"), "missing definition \(term)")
        }
        XCTAssertTrue(html.contains("Benjamini–Hochberg"))
        XCTAssertTrue(html.contains("Demand share − supply share"))
    }

    func testProvenanceAndSummary() {
        let html = HTMLReport.render(Fixtures.report)
        for text in ["0.9.1", "ICT skills &lt;test&gt;", "sha256:abc123", "/tmp/corpus.sqlite", "7, 9",
                     "postings-2021.jsonl.gz", "offers &quot;Q4&quot;.xml", "min_support", "quarter",
                     "2021-01-04 – 2021-12-30", "870 (87.0%)", "4321", "57",
                     "Bavaria (400), Berlin (350), Saxony &amp; Thuringia (250)"] {
            XCTAssertTrue(html.contains(text), "missing \(text)")
        }
        XCTAssertTrue(html.contains("<title>ICT skills 2021 — &quot;Quarterly&quot; &lt;report&gt;</title>"))
    }

    func testEveryLabelIsEscaped() {
        let html = HTMLReport.render(Fixtures.report)
        XCTAssertFalse(html.lowercased().contains("<script"), "unescaped script tag")
        XCTAssertFalse(html.contains("alert(\"x\")"))
        XCTAssertGreaterThanOrEqual(occurrences(of: Fixtures.scriptLabelEscaped, in: html), 4)
        XCTAssertTrue(html.contains("Kubernetes 🚀 Ünïcödé &#39;K8s&#39;"))
        XCTAssertTrue(html.contains("Data, &quot;Analytics&quot;\nReporting"))
        // Inside the SVG charts too (text content and tooltips).
        let svgs = svgFragments(html).joined()
        XCTAssertTrue(svgs.contains(Fixtures.scriptLabelEscaped))
        XCTAssertFalse(svgs.contains(Fixtures.scriptLabel))
    }

    func testNoExternalURLsOrScripts() throws {
        let html = HTMLReport.render(Fixtures.report) + HTMLReport.render(Fixtures.empty)
        let regex = try NSRegularExpression(pattern: "https?://[^\"'\\s<>]*", options: [.caseInsensitive])
        let matches = regex.matches(in: html, range: NSRange(html.startIndex..., in: html))
        XCTAssertFalse(matches.isEmpty)
        for match in matches {
            let url = (html as NSString).substring(with: match.range)
            XCTAssertEqual(url, "http://www.w3.org/2000/svg")
        }
        XCTAssertEqual(matches.count, occurrences(of: "<svg ", in: html))
        for forbidden in ["<link", "@import", "url(", "src=", "<iframe", "javascript:", "onload", "onclick"] {
            XCTAssertFalse(html.lowercased().contains(forbidden), "found \(forbidden)")
        }
    }

    func testChartsAreWellFormedXML() {
        let html = HTMLReport.render(Fixtures.report)
        let svgs = svgFragments(html)
        XCTAssertEqual(svgs.count, 4, "trend, top skills, emerging and gaps charts")
        svgs.forEach { assertWellFormedXML($0) }
    }

    func testTrendChartHasOnePathPerSeriesAndALegend() throws {
        let data = Fixtures.report
        let trend = try XCTUnwrap(svgFragments(HTMLReport.render(data)).first)
        XCTAssertTrue(trend.contains("<title>Trend of the top skills</title>"))
        XCTAssertEqual(occurrences(of: "<path ", in: trend), data.trends.count)
        for period in data.periods { XCTAssertTrue(trend.contains(">\(period)</text>"), "missing tick \(period)") }
        for (index, series) in data.trends.enumerated() {
            XCTAssertTrue(trend.contains("stroke=\"\(SVGChart.palette[index])\""))
            let legendText = Escaping.html(SVGChart.truncate(series.label, to: 26))
            XCTAssertTrue(trend.contains(">\(legendText)</text>"), "missing legend for \(series.label)")
        }
    }

    func testTablesShowFormattedNumbers() {
        let html = HTMLReport.render(Fixtures.report)
        // Top skills: share 42.0 %; emerging: ratio with CI, q in scientific or 3 significant digits.
        XCTAssertTrue(html.contains(">42.0%</td>"))
        XCTAssertTrue(html.contains(">7.20 (3.80–13.60)</td>"))
        XCTAssertTrue(html.contains(">1.23e-07</td>"))
        XCTAssertTrue(html.contains(">0.0123</td>"))
        XCTAssertTrue(html.contains(">0.500</td>"))
        XCTAssertTrue(html.contains("class=\"status-emerging\""))
        // Gaps: 42.0 % demand − 30.0 % supply = +12.0 pp.
        XCTAssertTrue(html.contains(">+12.0 pp</td>"))
        XCTAssertTrue(html.contains(">-29.0 pp</td>"))
        for header in ["Skill", "Status", "Recent share", "Reference share", "Rate ratio (95% CI)", "q-value",
                       "Recent employers", "Demand share", "Supply share", "Gap index"] {
            XCTAssertTrue(html.contains(">\(header)</th>"), "missing column \(header)")
        }
    }

    func testEmptyDataShowsNotes() {
        let html = HTMLReport.render(Fixtures.empty)
        XCTAssertTrue(html.contains("No data: there are no trend series"))
        XCTAssertTrue(html.contains("No training supply was given"))
        XCTAssertTrue(html.contains("No data: no skills were compared"))
        XCTAssertTrue(html.contains("<h2>How to read this</h2>"))
        XCTAssertTrue(svgFragments(html).isEmpty)
        XCTAssertTrue(html.contains("<td>n/a</td>"), "empty date range")
    }

    func testSinglePeriodChart() throws {
        let data = Fixtures.singlePeriod
        let trend = try XCTUnwrap(svgFragments(HTMLReport.render(data)).first)
        assertWellFormedXML(trend)
        XCTAssertEqual(occurrences(of: "<path ", in: trend), data.trends.count)
        XCTAssertEqual(occurrences(of: "<circle ", in: trend), data.trends.count)
        XCTAssertFalse(trend.contains("nan"))
    }

    func testRenderingIsDeterministic() {
        XCTAssertEqual(HTMLReport.render(Fixtures.report), HTMLReport.render(Fixtures.report))
        // Dictionaries with the same content but another insertion history render identically.
        var shuffled = Fixtures.report
        var regions: [String: Int] = [:]
        for (key, value) in Fixtures.summary.regions.sorted(by: { $0.key > $1.key }) { regions[key] = value }
        for i in 0..<50 { regions["tmp\(i)"] = i }
        for i in 0..<50 { regions["tmp\(i)"] = nil }
        shuffled.summary.regions = regions
        var parameters: [String: String] = ["z": "1"]
        for (key, value) in Fixtures.provenance.parameters.sorted(by: { $0.key > $1.key }) { parameters[key] = value }
        parameters["z"] = nil
        shuffled.provenance.parameters = parameters
        XCTAssertEqual(HTMLReport.render(shuffled), HTMLReport.render(Fixtures.report))
        XCTAssertEqual(MarkdownReport.render(shuffled), MarkdownReport.render(Fixtures.report))
    }

    func testControlCharactersDoNotBreakXML() {
        var data = Fixtures.report
        data.trends[0].label = "bell\u{07}\u{0}null"
        let html = HTMLReport.render(data)
        svgFragments(html).forEach { assertWellFormedXML($0) }
        XCTAssertTrue(html.contains("bell\u{FFFD}\u{FFFD}null"))
    }
}
