import Foundation
@testable import SkillReports
import XCTest

final class SVGChartTests: XCTestCase {
    private let categories = ["2020", "2021", "2022"]

    func testLineChartOnePathPerSeries() {
        let series = (0..<12).map { SVGChart.Series(label: "skill \($0) <&>", values: [0.1, 0.2, Double($0) / 100]) }
        let svg = SVGChart.lineChart(title: "T", categories: categories, series: series)
        assertWellFormedXML(svg)
        XCTAssertEqual(occurrences(of: "<path ", in: svg), 12)
        XCTAssertEqual(occurrences(of: "<circle ", in: svg), 36)
        XCTAssertTrue(svg.contains("stroke-dasharray=\"6 3\""), "colours reused after the palette get a dash")
        XCTAssertTrue(svg.contains(">skill 0 &lt;&amp;&gt;</text>"))
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    func testLineChartYAxisIsPercent() {
        let svg = SVGChart.lineChart(title: "T", categories: categories,
                                     series: [SVGChart.Series(label: "a", values: [0.05, 0.12, 0.31])])
        for tick in ["0%", "10%", "20%", "30%", "40%"] { XCTAssertTrue(svg.contains(">\(tick)</text>"), tick) }
        XCTAssertTrue(svg.contains("Share of postings"))
    }

    func testLineChartGapsAndSinglePoint() {
        let svg = SVGChart.lineChart(title: "T", categories: categories,
                                     series: [SVGChart.Series(label: "a", values: [0.1, nil, 0.3]),
                                              SVGChart.Series(label: "b", values: [nil, nil, nil])])
        assertWellFormedXML(svg)
        XCTAssertEqual(occurrences(of: "<path ", in: svg), 2)
        XCTAssertEqual(occurrences(of: "<circle ", in: svg), 2)
        XCTAssertEqual(occurrences(of: " M", in: svg), 1, "the line restarts after the missing value")
        let single = SVGChart.lineChart(title: "T", categories: ["2021"],
                                        series: [SVGChart.Series(label: "a", values: [0.2])])
        assertWellFormedXML(single)
        XCTAssertEqual(occurrences(of: "<circle ", in: single), 1)
    }

    func testManyPeriodsThinOutTickLabels() {
        let months = (1...40).map { "20\(20 + ($0 - 1) / 12)-" + String(format: "%02d", ($0 - 1) % 12 + 1) }
        let svg = SVGChart.lineChart(title: "T", categories: months,
                                     series: [SVGChart.Series(label: "a", values: months.map { _ in 0.1 })])
        assertWellFormedXML(svg)
        let labelled = months.filter { svg.contains(">\($0)</text>") }
        XCTAssertEqual(labelled.first, "2020-01")
        XCTAssertLessThanOrEqual(labelled.count, 12)
        XCTAssertGreaterThanOrEqual(labelled.count, 8)
        XCTAssertEqual(occurrences(of: "<circle ", in: svg), 40)
    }

    func testEmptyChartsSayNoData() {
        let charts = [
            SVGChart.lineChart(title: "T", categories: categories, series: []),
            SVGChart.lineChart(title: "T", categories: [], series: [SVGChart.Series(label: "a", values: [])]),
            SVGChart.barChart(title: "T", bars: []),
            SVGChart.pairedBarChart(title: "T", firstName: "A", secondName: "B", pairs: []),
        ]
        for svg in charts {
            assertWellFormedXML(svg)
            XCTAssertTrue(svg.contains("No data"))
            XCTAssertFalse(svg.contains("<path"))
        }
    }

    func testBarCharts() {
        let bars = [SVGChart.Bar(label: "C#", value: 0.5), SVGChart.Bar(label: "\"quoted\" 'x'", value: 0.25),
                    SVGChart.Bar(label: "nan", value: .nan)]
        let bar = SVGChart.barChart(title: "Bars", bars: bars)
        assertWellFormedXML(bar)
        XCTAssertEqual(occurrences(of: "<rect ", in: bar), 3)
        XCTAssertTrue(bar.contains("&quot;quoted&quot; &#39;x&#39;"))
        XCTAssertTrue(bar.contains(">50.0%</text>"))
        XCTAssertTrue(bar.contains(">n/a</text>"))

        let pairs = [SVGChart.BarPair(label: "A & B", first: 0.4, second: 0.1),
                     SVGChart.BarPair(label: String(repeating: "long ", count: 20), first: 0, second: 1)]
        let paired = SVGChart.pairedBarChart(title: "Pairs", firstName: "Demand share", secondName: "Supply share",
                                             pairs: pairs)
        assertWellFormedXML(paired)
        XCTAssertEqual(occurrences(of: "<rect ", in: paired), 2 * pairs.count + 2, "bars plus legend swatches")
        XCTAssertTrue(paired.contains(">Demand share</text>"))
        XCTAssertTrue(paired.contains(">Supply share</text>"))
        XCTAssertTrue(paired.contains("…</text>"), "long labels are shortened")
        XCTAssertTrue(paired.contains(">100.0%</text>"))
    }

    func testScaleTicks() {
        XCTAssertEqual(ShareScale(maxValue: 0.31).ticks.map { ShareScale(maxValue: 0.31).label($0) },
                       ["0%", "10%", "20%", "30%", "40%"])
        let small = ShareScale(maxValue: 0.011)
        XCTAssertEqual(small.ticks.map(small.label), ["0.0%", "0.5%", "1.0%", "1.5%"])
        let zero = ShareScale(maxValue: 0)
        XCTAssertEqual(zero.maximum, 0.01, accuracy: 1e-12)
        let full = ShareScale(maxValue: 1)
        XCTAssertEqual(full.ticks.map(full.label), ["0%", "20%", "40%", "60%", "80%", "100%"])
    }
}
