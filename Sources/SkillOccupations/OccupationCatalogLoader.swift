import Foundation

/// Builds an ``OccupationCatalog`` from the shared data directory (`../shared/data`).
///
/// ESCO v1.2.0 English is the base (3,039 occupations with ISCO-08 codes); the v1.0.8 files add labels in
/// 25 more languages (and v1.0.3 Arabic), matched by concept URI (URIs are stable across versions; rows of
/// occupations absent from v1.2.0 are skipped and counted). O*NET occupations and alternate titles are a
/// second scheme in the same catalog.
public enum OccupationCatalogLoader {
    /// The 26 languages of the ESCO v1.0.8 occupation files.
    public static let escoLanguages = ["bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu",
                                       "is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"]
    /// All languages: the 26 plus Arabic (v1.0.3, unofficial translation).
    public static let allLanguages = escoLanguages + ["ar"]

    /// What to load.
    public struct Options: Sendable {
        /// Label languages (`en` is always loaded from v1.2.0).
        public var languages: [String]
        public var includeONET: Bool
        public var includeSkills: Bool

        public init(languages: [String] = OccupationCatalogLoader.allLanguages, includeONET: Bool = true,
                    includeSkills: Bool = true) {
            self.languages = languages
            self.includeONET = includeONET
            self.includeSkills = includeSkills
        }
    }

    /// Paths of the files under a data directory (the folder holding `taxonomy/`).
    public struct Paths: Sendable {
        public var root: String
        public init(dataDirectory: String) { root = dataDirectory }
        func p(_ rel: String) -> String { URL(fileURLWithPath: root).appendingPathComponent(rel).path }
        public var escoOccupations: String { p("taxonomy/esco/v1.2.0_en/occupations_en.csv.gz") }
        public var iscoGroups: String { p("taxonomy/esco/v1.2.0_en/ISCOGroups_en.csv") }
        public var skillRelations: String { p("taxonomy/esco/v1.2.0_en/occupation_skill_relations_derived.csv.gz") }
        public var digitalSkills: String { p("taxonomy/esco/v1.2.0_en/digitalSkillsCollection_en.csv") }
        public func multilingual(_ lang: String) -> String {
            lang == "ar" ? p("taxonomy/esco/multilingual_occupations_v1.0.3_ar/occupations_ar.csv.gz")
                : p("taxonomy/esco/multilingual_occupations_v1.0.8/occupations_\(lang).csv.gz")
        }
        public var onetOccupations: String { p("taxonomy/onet_29.2/Occupation_Data.txt") }
        public var onetAlternateTitles: String { p("taxonomy/onet_29.2/Alternate_Titles.txt.gz") }
        public var onetReportedTitles: String { p("taxonomy/onet_29.2/Sample_of_Reported_Titles.txt") }
    }

    /// Loads the catalog; returns it with one ``LoadReport`` per file read. Only the English ESCO occupations
    /// and the ISCO-08 groups are required: a requested language file, the O*NET files or the skill files that
    /// the directory lacks (e.g. the shipped `Taxonomies/occupations`) get a report with `missing == true` and
    /// are skipped. Throws when a required file is missing or a file's header is not the expected one.
    public static func load(dataDirectory: String, options: Options = Options()) throws
        -> (OccupationCatalog, [LoadReport]) {
        let paths = Paths(dataDirectory: dataDirectory)
        guard FileManager.default.fileExists(atPath: paths.escoOccupations) else {
            throw OccupationDataError(path: paths.escoOccupations,
                                      message: "ESCO occupations not found; pass the shared data directory or Taxonomies/occupations (the folder holding taxonomy/)")
        }
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
        var seen: Set<String> = ["en"]
        let languages = options.languages.filter { seen.insert($0).inserted }
        let onet = options.includeONET && exists(paths.onetOccupations)
        let onetAlternates = onet && exists(paths.onetAlternateTitles)

        // The title files are parsed in parallel (most of the load time), then merged in a fixed order.
        var jobs: [@Sendable () throws -> Parsed] = [{ try .esco(paths.escoOccupations) }]
        for lang in languages where exists(paths.multilingual(lang)) {
            jobs.append { try .esco(paths.multilingual(lang)) }
        }
        if onet { jobs.append { try .onet(paths.onetOccupations, titleColumn: "Title") } }
        if onetAlternates { jobs.append { try .onet(paths.onetAlternateTitles, titleColumn: "Alternate Title") } }
        var parsed = try parseInParallel(jobs)[...]
        func next() -> Parsed { parsed.popFirst()! }

        var catalog = OccupationCatalog()
        var reports: [LoadReport] = []

        let (groups, gReport) = try OccupationLoaders.iscoGroups(paths.iscoGroups)
        for g in groups { catalog.iscoGroups[g.code] = g }
        reports.append(gReport)

        guard case .esco(let rows, let oReport) = next() else { preconditionFailure("job order") }
        reports.append(oReport)
        for r in rows {
            let i = catalog.add(Occupation(id: r.uri, scheme: .esco, label: r.preferredLabel,
                                           iscoCode: r.iscoGroup.isEmpty ? nil : r.iscoGroup,
                                           escoCode: r.code.isEmpty ? nil : r.code, isICT: isICTISCO(r.iscoGroup)))
            addLabels(r, to: i, language: "en", &catalog)
        }

        for lang in languages {
            let path = paths.multilingual(lang)
            guard exists(path) else {
                reports.append(.missing(path))
                continue
            }
            guard case .esco(let lrows, var report) = next() else { preconditionFailure("job order") }
            for r in lrows {
                guard let i = catalog.index(of: r.uri) else {
                    report.rowsKept -= 1
                    report.skip("occupation not in ESCO v1.2.0", line: 0)
                    continue
                }
                addLabels(r, to: i, language: lang, &catalog)
            }
            reports.append(report)
        }

        if options.includeSkills, !exists(paths.skillRelations) {
            reports.append(.missing(paths.skillRelations))
        } else if options.includeSkills {
            var digital = Set<String>()
            if exists(paths.digitalSkills) {
                let (ids, dReport) = try OccupationLoaders.skillCollection(paths.digitalSkills)
                digital = ids
                reports.append(dReport)
            } else {
                reports.append(.missing(paths.digitalSkills))
            }
            var (relations, rReport) = try OccupationLoaders.skillRelations(paths.skillRelations)
            for rel in relations {
                guard let i = catalog.index(of: rel.occupationURI) else {
                    rReport.rowsKept -= 1
                    rReport.skip("occupation not in ESCO v1.2.0", line: 0)
                    continue
                }
                if rel.essential { catalog.skills[i, default: OccupationSkills()].essential.append(rel.skillID) }
                else { catalog.skills[i, default: OccupationSkills()].optional.append(rel.skillID) }
            }
            relations.removeAll()
            reports.append(rReport)
            // ESCO digital occupations: at least half of 3+ essential skills are digital skills.
            for (i, s) in catalog.skills where s.essential.count >= 3 {
                let d = s.essential.filter { digital.contains($0) }.count
                if 2 * d >= s.essential.count { catalog.occupations[i].isICT = true }
            }
        }

        if options.includeONET, !onet {
            reports.append(.missing(paths.onetOccupations))
        } else if onet {
            guard case .onet(let occ, let ocReport) = next() else { preconditionFailure("job order") }
            reports.append(ocReport)
            for r in occ {
                let i = catalog.add(Occupation(id: "onet:\(r.code)", scheme: .onet, label: r.title, onetCode: r.code,
                                               isICT: isICTONET(r.code)))
                catalog.addLabel(r.title, occupation: i, language: "en", kind: .onetTitle)
            }
            guard onetAlternates, case .onet(let alt, var aReport) = next() else {
                reports.append(.missing(paths.onetAlternateTitles))
                return (catalog, reports)
            }
            for r in alt {
                guard let i = catalog.index(of: "onet:\(r.code)") else {
                    aReport.rowsKept -= 1
                    aReport.skip("O*NET-SOC code not in Occupation_Data", line: 0)
                    continue
                }
                catalog.addLabel(r.title, occupation: i, language: "en", kind: .onetAlternate)
                if !r.shortTitle.isEmpty { catalog.addLabel(r.shortTitle, occupation: i, language: "en", kind: .onetAlternate) }
            }
            reports.append(aReport)
        }
        return (catalog, reports)
    }

    /// What one title file parses to.
    enum Parsed: Sendable {
        case esco([ESCOOccupationRow], LoadReport)
        case onet([ONETTitleRow], LoadReport)

        static func esco(_ path: String) throws -> Parsed {
            let (rows, report) = try OccupationLoaders.escoOccupations(path)
            return .esco(rows, report)
        }

        static func onet(_ path: String, titleColumn: String) throws -> Parsed {
            let (rows, report) = try OccupationLoaders.onetTitles(path, titleColumn: titleColumn)
            return .onet(rows, report)
        }
    }

    /// Runs the parse jobs on all cores; results in job order. Rethrows the first failing job's error (in job
    /// order, so the error does not depend on scheduling).
    static func parseInParallel(_ jobs: [@Sendable () throws -> Parsed]) throws -> [Parsed] {
        var results = [Result<Parsed, any Error>?](repeating: nil, count: jobs.count)
        results.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let slots = buf // each index is written by exactly one worker
            DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
                slots[k] = Result { try jobs[k]() }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// The languages with an occupations file under `dataDirectory`: `en` first (when its file exists), then
    /// the others in ``allLanguages`` order.
    public static func availableLanguages(dataDirectory: String) -> [String] {
        let paths = Paths(dataDirectory: dataDirectory)
        let fm = FileManager.default
        return (fm.fileExists(atPath: paths.escoOccupations) ? ["en"] : [])
            + allLanguages.filter { $0 != "en" && fm.fileExists(atPath: paths.multilingual($0)) }
    }

    /// The label languages a load used (`en` first, then as requested) and the requested ones it found no
    /// file for.
    public static func languages(requested: [String], reports: [LoadReport], dataDirectory: String)
        -> (used: [String], missing: [String]) {
        let paths = Paths(dataDirectory: dataDirectory)
        let absent = Set(reports.filter(\.missing).map(\.file))
        var used = ["en"], missing: [String] = []
        for lang in requested where lang != "en" && !used.contains(lang) && !missing.contains(lang) {
            if absent.contains(paths.multilingual(lang)) { missing.append(lang) } else { used.append(lang) }
        }
        return (used, missing)
    }

    /// Adds an ESCO row's labels, splitting gendered `a/b` forms.
    static func addLabels(_ r: ESCOOccupationRow, to i: Int, language: String, _ catalog: inout OccupationCatalog) {
        func add(_ text: String, _ kind: TitleLabelKind) {
            // genderedForms splits only at "/": without one it returns [text], so skip its cost.
            let forms = text.utf8.contains(UInt8(ascii: "/")) ? genderedForms(text) : [text]
            if forms.count > 1 { catalog.addLabel(text, occupation: i, language: language, kind: .hidden) }
            for f in forms { catalog.addLabel(f, occupation: i, language: language, kind: kind) }
        }
        add(r.preferredLabel, .preferred)
        for a in r.altLabels { add(a, .alternative) }
        for h in r.hiddenLabels { add(h, .hidden) }
    }
}
