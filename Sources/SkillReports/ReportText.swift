import SkillAnalytics

/// Wording shared by the HTML and Markdown reports, so both say the same thing. Plain text: each renderer
/// escapes it for its own format.
enum ReportText {
    static let provenanceHeading = "Provenance"
    static let summaryHeading = "Corpus summary"
    static let trendHeading = "Trend of the top skills"
    static let topSkillsHeading = "Top skills"
    static let emergingHeading = "Emerging skills"
    static let gapsHeading = "Qualification gaps"
    static let occupationsHeading = "Emerging job titles"
    static let newTermsHeading = "New terms"
    static let regionsHeading = "Regions"
    static let noRegions = "No posting has a location."

    static func regionsIntro(_ data: ReportData) -> String {
        if data.regions.contains(where: { $0.level == "country" }) {
            return "Postings by country, with each country's main cities below it. Locations were normalised to "
                + "GeoNames places (skillradar regions --level country|admin1|city lists them all); a posting naming "
                + "several places counts once for each. Remote counts remote or hybrid work; unplaced postings named "
                + "no country (or no location)."
        }
        return "Postings by location, as the postings give it (no location was normalised to a place)."
    }
    static let howToReadHeading = "How to read this"

    static let noTrendData = "No data: there are no trend series or no periods to chart."
    static let noTopSkills = "No skills were found in the postings."
    static let noEmerging = "No data: no skills were compared between the two windows."
    static let noOccupationClusters = "No job-title cluster rose or fell significantly between the two windows."
    static let newTermsNotRun = "New-term discovery was not run for this report."
    static let noNewTerms = "No term outside the taxonomy rose significantly between the two windows."

    static func newTermsIntro(_ data: ReportData) -> String {
        "Words and phrases of ICT postings that no taxonomy label covers and whose share rose from "
            + "\(window(data.referenceWindow)) to \(window(data.recentWindow)) (the same test as for emerging skills), "
            + "with the taxonomy skills most often named beside them. They are candidates for the taxonomy: "
            + "read the examples (skillradar discover) before adopting one."
    }

    static func occupationsIntro(_ data: ReportData) -> String {
        "Postings grouped by the roles they advertise (read from the title, or from a header such as "
            + "\"Company | Role / Role | City\"; a posting naming several roles counts for each), normalized "
            + "(seniority, gender and place markers removed), recent window "
            + "\(window(data.recentWindow)) against \(window(data.referenceWindow)); "
            + (data.occupationCodingAvailable
                ? "clusters mostly coded to an existing ESCO occupation are left out."
                : "the store has no occupation coding (analyze --occupations), so every title counts as uncoded.")
            + " Characteristic skills are those over-represented in the cluster (lift = share in cluster / share overall)."
    }

    static let noSupply = "No training supply was given, so qualification gaps could not be computed."

    /// Number of rows drawn in the bar charts (tables show every row).
    static let chartRowLimit = 15

    static func trendIntro(_ data: ReportData) -> String {
        "Share of postings per \(data.granularity.rawValue) that mention each skill; one line per skill."
    }

    static func emergingIntro(_ data: ReportData) -> String {
        "Recent window \(window(data.recentWindow)) compared with the reference window "
            + "\(window(data.referenceWindow))."
    }

    /// A window definition, or `(not set)` when empty.
    static func window(_ definition: String) -> String { definition.isEmpty ? "(not set)" : definition }

    static let gapsIntro = "Share of postings that ask for a skill (demand) against the share of training "
        + "programmes that teach it (supply). A positive gap index means the skill is demanded more than it is taught."

    static func chartCaption(shown: Int, of total: Int) -> String {
        shown == total ? "" : " The chart shows the first \(shown) of \(total) rows of the table."
    }

    /// Terms defined in "How to read this", in order.
    static let definitions: [(term: String, definition: String)] = [
        ("Share",
         "Postings that mention the skill at least once, divided by all postings of the same period or window "
            + "(duplicates removed). It measures how widespread a skill is, not how often it is repeated."),
        ("Rate ratio",
         "Recent share divided by reference share (with a 0.5 continuity correction on both counts). 1 means "
            + "no change, 2 means the skill appears in twice as large a share of postings. The 95% confidence "
            + "interval is shown in parentheses: if it does not contain 1, the change is unlikely to be chance alone."),
        ("q-value",
         "The p-value of a two-proportion test, adjusted for testing many skills at once with the "
            + "Benjamini–Hochberg procedure. Among all skills with q below 0.05, at most about 5% are expected "
            + "to be false alarms."),
        ("Status",
         "new: absent in the reference window, present in the recent one; emerging: significant growth with a "
            + "large rate ratio; growing: significant but smaller growth; stable: no significant change or too "
            + "little data; declining: significant decline."),
        ("Recent employers",
         "Distinct employers mentioning the skill in the recent window. A high share coming from few "
            + "employers may reflect one large recruiter rather than a broad trend."),
        ("Gap index",
         "Demand share − supply share, in percentage points: the share of postings that mention the skill "
            + "minus the share of training programmes that cover it. Positive: demanded more than taught."),
    ]

    /// Regions sorted by number of postings (most first), then by name.
    static func sortedRegions(_ regions: [String: Int]) -> [(name: String, count: Int)] {
        regions.map { (name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    /// Parameters sorted by name.
    static func sortedParameters(_ parameters: [String: String]) -> [(name: String, value: String)] {
        parameters.map { (name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
    }

    /// `first – last`, or `n/a` when the corpus has no dates.
    static func dateRange(_ summary: CorpusSummary) -> String {
        switch (summary.firstDate, summary.lastDate) {
        case let (first?, last?): return "\(first) – \(last)"
        case let (first?, nil): return "from \(first)"
        case let (nil, last?): return "until \(last)"
        case (nil, nil): return "n/a"
        }
    }

    /// `postings with skills` as text with its share of all postings.
    static func postingsWithSkills(_ summary: CorpusSummary) -> String {
        let share = summary.postings == 0 ? 0 : Double(summary.postingsWithSkills) / Double(summary.postings)
        return "\(summary.postingsWithSkills) (\(Formatting.percent(share)))"
    }

    /// Run ids as a comma-separated list, or `none`.
    static func runIDs(_ provenance: ReportProvenance) -> String {
        provenance.runIDs.isEmpty ? "none" : provenance.runIDs.map(String.init).joined(separator: ", ")
    }
}
