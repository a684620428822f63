import Foundation
import SkillAnalytics
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Hand-built report data and small parsing helpers shared by the tests.
enum Fixtures {
    static let scriptLabel = "<script>alert(\"x\")</script> & C++"
    static let scriptLabelEscaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; C++"
    static let csvLabel = "Data, \"Analytics\"\nReporting"
    static let pipeLabel = "CI/CD | DevOps"
    static let unicodeLabel = "Kubernetes 🚀 Ünïcödé 'K8s'"
    static let periods = ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    static let totals = [200, 250, 300, 250]

    static func series(_ id: String, _ label: String, _ counts: [Int]) -> TrendSeries {
        TrendSeries(conceptID: id, label: label, points: zip(zip(periods, counts), totals).map {
            TrendPoint(period: $0.0, postings: $0.1, totalPostings: $1)
        })
    }

    static let provenance = ReportProvenance(
        engineVersion: "0.9.1", taxonomyName: "ICT skills <test>", taxonomyDigest: "sha256:abc123",
        database: "/tmp/corpus.sqlite", runIDs: [7, 9], inputs: ["postings-2021.jsonl.gz", "offers \"Q4\".xml"],
        parameters: ["granularity": "quarter", "fdr": "0.05", "min_support": "5"])

    static let summary = CorpusSummary(
        postings: 1000, duplicates: 40, quarantined: 3, postingsWithSkills: 870, mentions: 4321,
        distinctSkills: 57, firstDate: "2021-01-04", lastDate: "2021-12-30",
        regions: ["Bavaria": 400, "Berlin": 350, "Saxony & Thuringia": 250])

    static var report: ReportData {
        ReportData(
            title: "ICT skills 2021 — \"Quarterly\" <report>", provenance: provenance, summary: summary,
            granularity: .quarter, periods: periods,
            topSkills: [
                SkillDemand(conceptID: "s1", label: "Python", postings: 420, totalPostings: 1000, employers: 120),
                SkillDemand(conceptID: "s2", label: scriptLabel, postings: 210, totalPostings: 1000, employers: 40),
                SkillDemand(conceptID: "s3", label: csvLabel, postings: 123, totalPostings: 1000, employers: 33),
                SkillDemand(conceptID: "s4", label: unicodeLabel, postings: 99, totalPostings: 1000, employers: 12),
            ],
            trends: [
                series("s1", "Python", [80, 100, 130, 110]),
                series("s2", scriptLabel, [40, 50, 60, 60]),
                series("s3", csvLabel, [20, 30, 35, 38]),
                series("s4", unicodeLabel, [0, 10, 39, 50]),
            ],
            recentWindow: "2021-Q3..2021-Q4", referenceWindow: "2021-Q1..2021-Q2",
            emerging: [
                EmergingSkill(conceptID: "s4", label: unicodeLabel, recentPostings: 89, recentTotal: 550,
                              referencePostings: 10, referenceTotal: 450, recentEmployers: 11, rateRatio: 7.2,
                              ciLow: 3.8, ciHigh: 13.6, pValue: 1.0e-9, qValue: 1.234e-7, status: .emerging),
                EmergingSkill(conceptID: "s2", label: scriptLabel, recentPostings: 120, recentTotal: 550,
                              referencePostings: 90, referenceTotal: 450, recentEmployers: 30, rateRatio: 1.09,
                              ciLow: 0.86, ciHigh: 1.38, pValue: 0.48, qValue: 0.5, status: .stable),
                EmergingSkill(conceptID: "s5", label: pipeLabel, recentPostings: 12, recentTotal: 550,
                              referencePostings: 0, referenceTotal: 450, recentEmployers: 6, rateRatio: 20.5,
                              ciLow: 1.2, ciHigh: 350.0, pValue: 0.001, qValue: 0.0123, status: .new),
            ],
            gaps: [
                SkillGap(conceptID: "s1", label: "Python", demandPostings: 420, demandTotal: 1000,
                         supplyProgrammes: 12, supplyTotal: 40, supplyProviders: 9),
                SkillGap(conceptID: "s2", label: scriptLabel, demandPostings: 210, demandTotal: 1000,
                         supplyProgrammes: 20, supplyTotal: 40, supplyProviders: 14),
                SkillGap(conceptID: "s3", label: csvLabel, demandPostings: 123, demandTotal: 1000,
                         supplyProgrammes: 1, supplyTotal: 40, supplyProviders: 1),
            ])
    }

    /// No trends, no top skills, no emerging rows, no gaps, no periods.
    static var empty: ReportData {
        ReportData(
            title: "Empty", provenance: ReportProvenance(
                engineVersion: "0.9.1", taxonomyName: "none", taxonomyDigest: "", database: ":memory:",
                runIDs: [], inputs: [], parameters: [:]),
            summary: CorpusSummary(postings: 0, duplicates: 0, quarantined: 0, postingsWithSkills: 0, mentions: 0,
                                   distinctSkills: 0, firstDate: nil, lastDate: nil, regions: [:]),
            granularity: .month, periods: [], topSkills: [], trends: [], recentWindow: "", referenceWindow: "",
            emerging: [], gaps: [])
    }

    /// One period only.
    static var singlePeriod: ReportData {
        var data = report
        data.periods = ["2021-Q1"]
        data.trends = data.trends.map { TrendSeries(conceptID: $0.conceptID, label: $0.label,
                                                    points: Array($0.points.prefix(1))) }
        return data
    }
}

// MARK: - Helpers

/// Every `<svg …>…</svg>` fragment of a document, in order.
func svgFragments(_ html: String) -> [String] {
    var fragments: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        fragments.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return fragments
}

/// Parses `xml` and fails the test with the parser's error when it is not well-formed.
func assertWellFormedXML(_ xml: String, file: StaticString = #filePath, line: UInt = #line) {
    let parser = XMLParser(data: Data(xml.utf8))
    let ok = parser.parse()
    XCTAssertTrue(ok, "not well-formed: \(String(describing: parser.parserError))\n\(xml.prefix(300))",
                  file: file, line: line)
    XCTAssertNil(parser.parserError, file: file, line: line)
}

/// Number of non-overlapping occurrences of `needle`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// A minimal RFC 4180 parser: records separated by LF or CRLF, fields by commas, `"` quoting with `""`.
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if inQuotes {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { inQuotes = false }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"": inQuotes = true
        case ",": record.append(field); field = ""
        case "\r": break
        case "\n": record.append(field); records.append(record); record = []; field = ""
        default: field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}
