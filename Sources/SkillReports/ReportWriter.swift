import Foundation
import SkillAnalytics

/// Writes every report format into one directory: `report.html`, `report.md`, `report.json`,
/// `top_skills.csv`, `trends.csv`, `emerging.csv`, `gaps.csv` and `new_terms.csv`.
public struct ReportWriter: Sendable {
    /// File names written by `write(_:to:)`, in the order of the returned URLs.
    public static let fileNames = [
        "report.html", "report.md", "report.json", "top_skills.csv", "trends.csv", "emerging.csv", "gaps.csv",
        "new_terms.csv",
    ]

    public init() {}

    /// Creates `directory` if needed, renders `data` in every format and writes the files (replacing
    /// existing ones). Returns the URLs of the written files in the order of `fileNames`.
    @discardableResult
    public func write(_ data: ReportData, to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let documents = try render(data)
        return try documents.map { name, contents in
            let url = directory.appendingPathComponent(name, isDirectory: false)
            try Data(contents.utf8).write(to: url, options: .atomic)
            return url
        }
    }

    /// The file names and contents, in the order of `fileNames`.
    public func render(_ data: ReportData) throws -> [(name: String, contents: String)] {
        let contents = [
            HTMLReport.render(data),
            MarkdownReport.render(data),
            try JSONReport.render(data),
            CSVReport.topSkills(data),
            CSVReport.trends(data),
            CSVReport.emerging(data),
            CSVReport.gaps(data),
            CSVReport.newTerms(data),
        ]
        return zip(Self.fileNames, contents).map { (name: $0, contents: $1) }
    }
}
