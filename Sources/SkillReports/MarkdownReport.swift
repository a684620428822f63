import SkillAnalytics

/// Renders a report as GitHub-flavoured Markdown with the same sections as the HTML page, as tables.
/// User strings are backslash-escaped so that `|` cannot break a table and markup is shown literally.
public enum MarkdownReport {
    /// The Markdown document for `data`.
    public static func render(_ data: ReportData) -> String {
        let sections = [
            "# \(esc(data.title))",
            provenance(data),
            "## \(ReportText.summaryHeading)\n\n" + table(ReportTables.summary(data)),
            regions(data),
            trends(data),
            topSkills(data),
            emerging(data),
            newTerms(data),
            occupations(data),
            gaps(data),
            howToRead(),
        ]
        return sections.joined(separator: "\n\n") + "\n"
    }

    private static func provenance(_ data: ReportData) -> String {
        let p = data.provenance
        var lines = [
            "## \(ReportText.provenanceHeading)",
            "",
            "- Engine version: \(esc(p.engineVersion))",
            "- Taxonomy: \(esc(p.taxonomyName)) (digest \(esc(p.taxonomyDigest)))",
            "- Database: \(esc(p.database))",
            "- Run IDs: \(esc(ReportText.runIDs(p)))",
            "- Inputs:" + (p.inputs.isEmpty ? " none" : ""),
        ]
        lines += p.inputs.map { "  - \(esc($0))" }
        lines.append("- Parameters:" + (p.parameters.isEmpty ? " none" : ""))
        lines += ReportText.sortedParameters(p.parameters).map { "  - \(esc($0.name)) = \(esc($0.value))" }
        return lines.joined(separator: "\n")
    }

    private static func regions(_ data: ReportData) -> String {
        let heading = "## \(ReportText.regionsHeading)\n\n"
        guard !data.regions.isEmpty else { return heading + esc(ReportText.noRegions) }
        return heading + esc(ReportText.regionsIntro(data)) + "\n\n" + table(ReportTables.regions(data))
    }

    private static func trends(_ data: ReportData) -> String {
        let heading = "## \(ReportText.trendHeading)\n\n"
        guard !data.trends.isEmpty, !ChartData.periods(data).isEmpty else {
            return heading + "_\(esc(ReportText.noTrendData))_"
        }
        return heading + esc(ReportText.trendIntro(data)) + "\n\n" + table(ReportTables.trends(data))
    }

    private static func topSkills(_ data: ReportData) -> String {
        let heading = "## \(ReportText.topSkillsHeading)\n\n"
        guard !data.topSkills.isEmpty else { return heading + "_\(esc(ReportText.noTopSkills))_" }
        return heading + table(ReportTables.topSkills(data))
    }

    private static func emerging(_ data: ReportData) -> String {
        let heading = "## \(ReportText.emergingHeading)\n\n" + esc(ReportText.emergingIntro(data)) + "\n\n"
        guard !data.emerging.isEmpty else { return heading + "_\(esc(ReportText.noEmerging))_" }
        return heading + table(ReportTables.emerging(data))
    }

    private static func newTerms(_ data: ReportData) -> String {
        let heading = "## \(ReportText.newTermsHeading)\n\n"
        guard let terms = data.newTerms else { return heading + "_\(esc(ReportText.newTermsNotRun))_" }
        let intro = heading + esc(ReportText.newTermsIntro(data)) + "\n\n"
        guard !terms.isEmpty else { return intro + "_\(esc(ReportText.noNewTerms))_" }
        return intro + table(ReportTables.newTerms(data))
    }

    private static func occupations(_ data: ReportData) -> String {
        let heading = "## \(ReportText.occupationsHeading)\n\n" + esc(ReportText.occupationsIntro(data)) + "\n\n"
        guard !data.occupationClusters.isEmpty else { return heading + "_\(esc(ReportText.noOccupationClusters))_" }
        return heading + table(ReportTables.occupationClusters(data))
    }

    private static func gaps(_ data: ReportData) -> String {
        let heading = "## \(ReportText.gapsHeading)\n\n"
        guard !data.gaps.isEmpty else { return heading + "_\(esc(ReportText.noSupply))_" }
        return heading + esc(ReportText.gapsIntro) + "\n\n" + table(ReportTables.gaps(data))
    }

    private static func howToRead() -> String {
        "## \(ReportText.howToReadHeading)\n\n"
            + ReportText.definitions.map { "- **\(esc($0.term))**: \(esc($0.definition))" }.joined(separator: "\n")
    }

    private static func esc(_ text: String) -> String { Escaping.markdown(text) }

    /// A pipe table; numeric columns are right-aligned.
    private static func table(_ table: ReportTable) -> String {
        let header = "| " + table.columns.map { esc($0.title) }.joined(separator: " | ") + " |"
        let rule = "|" + table.columns.map { $0.numeric ? " ---: " : " --- " }.joined(separator: "|") + "|"
        let rows = table.rows.map { row in
            "| " + row.map { esc($0.text) }.joined(separator: " | ") + " |"
        }
        return ([header, rule] + rows).joined(separator: "\n")
    }
}
