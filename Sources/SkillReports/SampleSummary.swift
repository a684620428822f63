import Foundation
import SkillAnalytics

extension ReportData {
    /// A few lines of what the report found, as `skillradar sample` prints them: counts, top skills, risers and
    /// decliners (listed apart, so that many risers do not hide the declines), new terms, largest gaps.
    public var summaryLines: [String] {
        let risers = emerging.filter { $0.status != .declining }.prefix(8)
        let decliners = emerging.filter { $0.status == .declining }.prefix(4)
        return [
            "postings \(summary.postings), duplicates \(summary.duplicates), quarantined \(summary.quarantined), "
                + "with skills \(summary.postingsWithSkills), distinct skills \(summary.distinctSkills)",
            "top skills: " + topSkills.prefix(8).map { "\($0.label) (\($0.postings))" }.joined(separator: ", "),
            "emerging (\(recentWindow) vs \(referenceWindow)): "
                + (Array(risers) + Array(decliners)).map { "\($0.label) [\($0.status.rawValue)]" }.joined(separator: ", "),
            "new terms: " + (newTerms ?? []).prefix(8).map { "\($0.term) [\($0.growth.status.rawValue)]" }.joined(separator: ", "),
            "largest gaps: " + gaps.prefix(6).map { "\($0.label) (\($0.gapIndex >= 0 ? "+" : "")\(Formatting.fixed($0.gapIndex, decimals: 2)))" }
                .joined(separator: ", "),
        ]
    }
}
