@testable import SkillReports
import XCTest

final class FormattingTests: XCTestCase {
    func testPercentAndRatios() {
        XCTAssertEqual(Formatting.percent(0.1234), "12.3%")
        XCTAssertEqual(Formatting.percent(1), "100.0%")
        XCTAssertEqual(Formatting.percent(-0.000001), "0.0%")
        XCTAssertEqual(Formatting.percent(.nan), "n/a")
        XCTAssertEqual(Formatting.percentagePoints(0.05), "+5.0 pp")
        XCTAssertEqual(Formatting.percentagePoints(-0.123), "-12.3 pp")
        XCTAssertEqual(Formatting.percentagePoints(0), "0.0 pp")
        XCTAssertEqual(Formatting.ratio(2.5), "2.50")
        XCTAssertEqual(Formatting.ratio(.infinity), "∞")
        XCTAssertEqual(Formatting.ratioWithInterval(2.5, low: 1.4, high: 4.471), "2.50 (1.40–4.47)")
    }

    func testProbabilities() {
        XCTAssertEqual(Formatting.probability(0.5), "0.500")
        XCTAssertEqual(Formatting.probability(1), "1.00")
        XCTAssertEqual(Formatting.probability(0.0123), "0.0123")
        XCTAssertEqual(Formatting.probability(0.001), "0.00100")
        XCTAssertEqual(Formatting.probability(0.000_012_34), "1.23e-05")
        XCTAssertEqual(Formatting.probability(0), "0")
        XCTAssertEqual(Formatting.probability(.nan), "n/a")
    }

    func testEscaping() {
        XCTAssertEqual(Escaping.html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(Escaping.html("C# 🚀 Ü"), "C# 🚀 Ü")
        XCTAssertEqual(Escaping.markdown("a|b\nc"), "a\\|b c")
        XCTAssertEqual(Escaping.csvField("plain"), "plain")
        XCTAssertEqual(Escaping.csvField("a\"b"), "\"a\"\"b\"")
    }
}
