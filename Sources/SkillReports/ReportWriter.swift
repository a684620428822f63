import Foundation
import SkillAnalytics

/// A report file or directory that could not be written, with the system's reason.
public struct ReportWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write the report to \(path): \(reason)" }
}

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
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: directory.path, reason: Self.reason(error))
        }
        let documents = try render(data)
        return try documents.map { name, contents in
            let url = directory.appendingPathComponent(name, isDirectory: false)
            do { try Data(contents.utf8).write(to: url, options: .atomic) } catch {
                throw ReportWriteError(path: url.path, reason: Self.reason(error))
            }
            return url
        }
    }

    /// The system's words for a file error (`No such file or directory`), not Foundation's error dump.
    static func reason(_ error: Error) -> String {
        let e = error as NSError
        if let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        if e.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(e.code))) }
        return e.localizedDescription
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
