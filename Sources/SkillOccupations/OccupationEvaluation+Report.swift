import Foundation
import SkillIO
import SkillMatcher

extension OccupationEvaluation {
    /// What `occupations evaluate` runs.
    public struct ReportSettings: Sendable {
        /// The shared data directory (the folder holding `taxonomy/`), with O*NET's reported titles.
        public var dataDirectory: String
        /// Hold out one alternative label of every `every`-th eligible ESCO occupation.
        public var every: Int
        /// Languages whose held-out ESCO alternative labels get a row each; empty for none.
        public var heldOutLanguages: [String]
        /// Hand-written job-ad titles (``readAdTitles(path:)``); nil to skip.
        public var adTitles: String?
        /// List the ad titles whose top-1 group is not accepted.
        public var listMisses: Bool

        public init(dataDirectory: String, every: Int = 5, heldOutLanguages: [String] = [], adTitles: String? = nil,
                    listMisses: Bool = false) {
            self.dataDirectory = dataDirectory
            self.every = every
            self.heldOutLanguages = heldOutLanguages
            self.adTitles = adTitles
            self.listMisses = listMisses
        }
    }

    /// Runs the evaluations of `occupations evaluate` in order and hands their text to `output` as each part is
    /// ready (the whole run takes a while): the load reports; O*NET reported titles (as shipped and held out) and
    /// held-out English ESCO labels, with a note; coding speed on the O*NET-only and on the full index (these two
    /// lines carry wall-clock times); held-out labels per language; the ad titles and, with
    /// ``ReportSettings/listMisses``, their misses. `technologies` is the title technology matcher of the full
    /// index. Every piece ends with a newline. Throws when a data file is missing or malformed.
    public static func report(_ settings: ReportSettings, technologies: Matcher?, output: (String) -> Void) throws {
        func line(_ s: String) { output(s + "\n") }
        let data = settings.dataDirectory, every = settings.every
        let paths = OccupationCatalogLoader.Paths(dataDirectory: data)
        var clock = ContinuousClock.now
        func lap() -> Double {
            let d = ContinuousClock.now - clock
            clock = .now
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let (onetCatalog, reports) = try OccupationCatalogLoader.load(
            dataDirectory: data, options: .init(languages: ["en"], includeONET: true, includeSkills: false))
        let (reported, rReport) = try OccupationLoaders.onetTitles(paths.onetReportedTitles, titleColumn: "Reported Job Title")
        for r in reports + [rReport] { line(r.description) }
        let loadSeconds = lap()
        var rows = onet(catalog: onetCatalog, reported: reported)
        let onetSeconds = lap()
        rows.append(escoHeldOut(onetCatalog, every: every))
        line("")
        output(table(rows))
        line("""
        O*NET 29.2 lists every reported title as an alternate title of its occupation: the first row measures
        lookup; the held-out row (those alternate titles removed from the index) measures generalization.

        """)
        // Speed: the O*NET-only index (English), then the full index.
        let onetCoder = OccupationCoder(catalog: onetCatalog, options: .init(schemes: [.onet], onetLinkThreshold: nil))
        _ = lap()
        for r in reported { _ = onetCoder.code(r.title, scheme: .onet, limit: 3) }
        let onetCode = lap()
        line("load \(formatFixed(loadSeconds, 2)) s; O*NET evaluation (2 indexes, 2 x \(reported.count) titles) "
             + "\(formatFixed(onetSeconds, 2)) s; "
             + "O*NET index (\(onetCoder.labelCount) labels): \(reported.count) titles coded in \(formatFixed(onetCode, 2)) s = "
             + "\(formatFixed(Double(reported.count) / max(onetCode, 1e-9), 0)) titles/s")
        // Speed on the full index: all languages, both schemes, ESCO candidates.
        _ = lap()
        let (full, _) = try OccupationCatalogLoader.load(dataDirectory: data)
        let fullLoad = lap()
        let coder = OccupationCoder.build(catalog: full, technologies: technologies)
        let fullBuild = lap()
        var coded = 0
        for r in reported where !coder.code(r.title, scheme: .esco, limit: 3).isEmpty { coded += 1 }
        let fullCode = lap()
        line("full index (27 languages + O*NET, \(coder.labelCount) labels): load \(formatFixed(fullLoad, 2)) s, build with O*NET "
             + "links \(formatFixed(fullBuild, 2)) s, \(reported.count) titles coded (ESCO) in \(formatFixed(fullCode, 2)) s = "
             + "\(formatFixed(Double(reported.count) / max(fullCode, 1e-9), 0)) titles/s, \(coded) with a candidate")
        if !settings.heldOutLanguages.isEmpty {
            let langs = settings.heldOutLanguages
            // Loaded without occupation-skill relations, as the shipped tables are (the relations widen the ICT
            // flag), so these rows measure what a run on the shipped tables codes.
            let (multi, _) = try OccupationCatalogLoader.load(
                dataDirectory: data, options: .init(languages: langs, includeONET: false, includeSkills: false))
            let perLanguage = langs.map { escoHeldOut(multi, language: $0, every: every, technologies: technologies) }
            line("")
            line("ESCO alternative labels held out per language (every \(every)th occupation with 2+ labels in the language)")
            output(table(perLanguage))
        }
        if let titles = settings.adTitles {
            let (rows, missed) = adTitles(try readAdTitles(path: titles), coder: coder)
            line("")
            line("hand-written job-ad titles (\(titles)): top-1 / top-3 ISCO-08 unit group among the accepted ones")
            output(table(rows))
            if settings.listMisses {
                for (t, p) in missed {
                    line("miss\t\(t.language)\t\(t.title)\texpected \(t.isco) (\(t.accept.sorted().joined(separator: ",")))\tgot \(p)")
                }
            }
        }
    }
}
