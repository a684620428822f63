import SkillIO

extension OccupationCoder {
    /// The columns of ``candidateRows(titles:skills:scheme:limit:)``.
    public static let candidateHeader = ["title", "rank", "confidence", "method", "occupation", "isco", "onet", "ict",
                                         "matched label", "occupation id"]

    /// Codes each title and returns one text row per candidate (rank from 1, confidence with three decimals, the
    /// matched label with its language), or one `no candidate` row for a title without any: the table of
    /// `occupations code`. O(titles × ``code(_:skills:scheme:limit:)``).
    public func candidateRows(titles: [String], skills: [String], scheme: OccupationScheme?, limit: Int) -> [[String]] {
        var rows: [[String]] = []
        for t in titles {
            let candidates = code(t, skills: skills, scheme: scheme, limit: limit)
            if candidates.isEmpty { rows.append([t, "-", "", "", "no candidate", "", "", "", "", ""]) }
            for (k, c) in candidates.enumerated() {
                rows.append([t, "\(k + 1)", formatFixed(c.confidence, 3), c.method.rawValue, c.label,
                             c.iscoCode ?? "", c.onetCode ?? "", c.isICT ? "yes" : "no",
                             c.matchedLabel.isEmpty ? "" : "\(c.matchedLabel) [\(c.matchedLanguage)]", c.occupationID])
            }
        }
        return rows
    }

    /// What normalization kept and removed from `title`, and its technology evidence (two lines).
    public func explanation(_ title: String) -> [String] {
        let a = normalizer.analyze(title)
        let e = technologyEvidence(title)
        return ["\(title): main [\(a.main.joined(separator: " "))], removed: "
                    + (a.removed.isEmpty ? "nothing" : a.removed.joined(separator: "; ")),
                "  technologies: " + (e.technologies.isEmpty ? "none" : e.technologies.joined(separator: ", "))
                    + "; ICT head noun: " + (e.head ?? "none")]
    }
}
