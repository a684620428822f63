import ArgumentParser
import Foundation
import SkillOccupations
import SkillPipeline
import SkillReports

/// `skillradar occupations`: code job titles to ESCO occupations / ISCO-08 / O*NET-SOC, and evaluate the coder.
struct Occupations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "occupations",
        abstract: "Code job titles to ESCO occupations, ISCO-08 unit groups and O*NET-SOC codes.",
        discussion: """
        Reads ESCO v1.2.0 occupations (+ labels in 26 languages and Arabic) and O*NET 29.2 titles from the \
        shared data directory (--data, default $SKILLRADAR_SHARED_DATA or ../shared/data); without it, from the \
        shipped Taxonomies/occupations (ESCO titles in 8 languages, O*NET titles).
          skillradar occupations code "Senior Java-Entwickler (m/w/d)"
          skillradar occupations evaluate
        """,
        subcommands: [Code.self, Evaluate.self, Roles.self])

    /// `--data`, `--languages`, `--no-onet`: what the catalog is loaded from.
    struct DataOptions: ParsableArguments {
        @Option(name: .customLong("data"), help: "Data directory, the folder holding taxonomy/ (default: $SKILLRADAR_SHARED_DATA or ../shared/data when present, else the shipped Taxonomies/occupations).")
        var dataOption: String?

        var data: String { resolvedData.path }

        /// `--data`; else `$SKILLRADAR_SHARED_DATA` or `../shared/data` when it holds the ESCO occupations; else
        /// the shipped `Taxonomies/occupations` (found like the shipped taxonomy); else the shared path (so the
        /// error names it).
        var resolvedData: (path: String, shipped: Bool) {
            if let dataOption { return (dataOption, false) }
            let shared = sharedDataDirectory(nil)
            if FileManager.default.fileExists(atPath: OccupationCatalogLoader.Paths(dataDirectory: shared).escoOccupations) {
                return (shared, false)
            }
            if let shipped = TaxonomyLocator.shippedOccupations() { return (shipped, true) }
            return (shared, false)
        }

        @Option(name: .long, help: "Comma-separated label languages (default: all 26 ESCO languages and ar that the data directory has).")
        var languages: String?

        @Flag(name: .long, inversion: .prefixedNo, help: "Load O*NET occupations and alternate titles (when the data directory has them).")
        var onet = true

        @Flag(name: .long, help: "Print what was read from each file and the load time.")
        var verbose = false

        func validate() throws {
            if let languages {
                let unknown = languages.split(separator: ",").map(String.init)
                    .filter { !OccupationCatalogLoader.allLanguages.contains($0) }
                guard unknown.isEmpty else {
                    throw ValidationError("unknown language(s) \(unknown.joined(separator: ", ")); choose from "
                        + OccupationCatalogLoader.allLanguages.joined(separator: ","))
                }
            }
        }

        var loaderOptions: OccupationCatalogLoader.Options {
            OccupationCatalogLoader.Options(
                languages: languages.map { $0.split(separator: ",").map(String.init) } ?? OccupationCatalogLoader.allLanguages,
                includeONET: onet)
        }

        /// Loads what the data directory has: language, O*NET and skill files it lacks are skipped (only the
        /// English ESCO occupations and the ISCO-08 groups are required). Says on stderr which languages were
        /// used when the shipped tables are read or something requested is missing.
        func load() throws -> OccupationCatalog {
            let (dir, shipped) = resolvedData
            let options = loaderOptions
            let started = ContinuousClock.now
            let (catalog, reports) = try OccupationCatalogLoader.load(dataDirectory: dir, options: options)
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            if verbose {
                for r in reports { printError(r.description) }
                printError("loaded in \(fmt(seconds, 2)) s")
            }
            let (used, missing) = OccupationCatalogLoader.languages(requested: options.languages, reports: reports,
                                                                    dataDirectory: dir)
            let onetPath = OccupationCatalogLoader.Paths(dataDirectory: dir).onetOccupations
            let noONET = onet && reports.contains { $0.missing && $0.file == onetPath }
            if shipped || verbose || noONET || (languages != nil && !missing.isEmpty) {
                var note = "occupation data \(dir)\(shipped ? " (shipped titles)" : ""): languages \(used.joined(separator: ","))"
                if !missing.isEmpty {
                    note += languages != nil ? " (no file for \(missing.joined(separator: ",")))"
                        : " (\(missing.count) other languages have no file there)"
                }
                note += onet ? (noONET ? "; no O*NET files" : "; O*NET titles") : ""
                printError(note)
            }
            return catalog
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print ranked occupation candidates for job titles (arguments, or one per line on stdin).")

        @OptionGroup var source: DataOptions
        @OptionGroup var output: FormatOption

        @Argument(help: "Job titles; none: read titles from stdin, one per line.")
        var titles: [String] = []

        @Option(name: .long, help: "Comma-separated skill concept ids of the posting (esco:<uuid>), used when the title is weak.")
        var skills: String?

        @Option(name: .long, help: "Candidates from: esco, onet or all.")
        var scheme = "esco"

        @Option(name: .long, help: "Candidates per title.")
        var limit = 3

        @Flag(name: .long, help: "Also print what normalization removed from each title.")
        var explain = false

        @OptionGroup var taxonomy: TaxonomyOption

        func validate() throws {
            guard ["esco", "onet", "all"].contains(scheme) else { throw ValidationError("--scheme must be esco, onet or all") }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
            if scheme == "onet", !source.onet { throw ValidationError("--scheme onet needs O*NET (drop --no-onet)") }
        }

        func run() throws {
            signal(SIGPIPE, SIG_IGN)
            let catalog = try source.load()
            let hasONET = catalog.occupations.contains { $0.scheme == .onet }
            if scheme == "onet", !hasONET {
                throw RuntimeError("--scheme onet needs the O*NET files (taxonomy/onet_29.2) in \(source.data)")
            }
            var schemes: Set<OccupationScheme> = [.esco]
            if source.onet, hasONET { schemes.insert(.onet) }
            let started = ContinuousClock.now
            let coder = OccupationCoder.build(catalog: catalog, options: .init(schemes: schemes),
                                              technologies: try taxonomy.load().0.titleTechnologyMatcher())
            if source.verbose {
                printError("index (\(coder.labelCount) labels) built in \(fmt((ContinuousClock.now - started) / .seconds(1), 2)) s")
            }
            var input = titles
            if input.isEmpty {
                while let line = readLine() { if !line.trimmingCharacters(in: .whitespaces).isEmpty { input.append(line) } }
            }
            let skillIDs = skills.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
            let chosen: OccupationScheme? = scheme == "all" ? nil : OccupationScheme(rawValue: scheme)
            var rows: [[String]] = []
            for t in input {
                if explain {
                    let a = coder.normalizer.analyze(t)
                    printError("\(t): main [\(a.main.joined(separator: " "))], removed: "
                        + (a.removed.isEmpty ? "nothing" : a.removed.joined(separator: "; ")))
                    let e = coder.technologyEvidence(t)
                    printError("  technologies: " + (e.technologies.isEmpty ? "none" : e.technologies.joined(separator: ", "))
                        + "; ICT head noun: " + (e.head ?? "none"))
                }
                let candidates = coder.code(t, skills: skillIDs, scheme: chosen, limit: limit)
                if candidates.isEmpty { rows.append([t, "-", "", "", "no candidate", "", "", "", "", ""]) }
                for (k, c) in candidates.enumerated() {
                    rows.append([t, "\(k + 1)", fmt(c.confidence, 3), c.method.rawValue, c.label,
                                 c.iscoCode ?? "", c.onetCode ?? "", c.isICT ? "yes" : "no",
                                 c.matchedLabel.isEmpty ? "" : "\(c.matchedLabel) [\(c.matchedLanguage)]", c.occupationID])
                }
            }
            print(ResultTable(header: ["title", "rank", "confidence", "method", "occupation", "isco", "onet", "ict",
                                        "matched label", "occupation id"], text: rows).render(output.format),
                  terminator: "")
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accuracy on O*NET's Sample_of_Reported_Titles and on held-out ESCO alternative labels.",
            discussion: """
            O*NET: each reported title (the test set, never indexed) is coded against O*NET titles and alternate \
            titles; top-1/top-3 at the O*NET-SOC code, the 6-digit SOC and the SOC major group, for all titles and \
            split by whether the title is also (as normalized words) an O*NET title or alternate title. \
            ESCO: every --every-th occupation with 2+ English alternative labels loses one (chosen by a hash of \
            its URI); an English-only coder built without them codes each. Also prints coding speed.
            """)

        @Option(name: .customLong("data"), help: "Shared data directory, the folder holding taxonomy/ (default: $SKILLRADAR_SHARED_DATA or ../shared/data).")
        var dataOption: String?

        var data: String { sharedDataDirectory(dataOption) }

        @Option(name: .long, help: "Hold out one English alt label of every N-th eligible ESCO occupation.")
        var every = 5

        @Option(name: .long, help: "Hand-written job-ad titles with accepted ISCO-08 groups (TSV); empty to skip.")
        var titles = "Tests/fixtures/titles/ad-titles.tsv"

        @Flag(name: .long, help: "List the ad titles whose top-1 group is not accepted.")
        var misses = false

        @Option(name: .long, help: "Languages whose ESCO alternative labels are held out and coded, one row each (the index has the ESCO languages shipped in Taxonomies/occupations).")
        var heldOutLanguages = "en,de,fr,es,it,pl,pt,nl"

        @OptionGroup var taxonomy: TaxonomyOption

        func validate() throws {
            guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        }

        func run() throws {
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
            for r in reports + [rReport] { print(r.description) }
            let loadSeconds = lap()
            var rows = OccupationEvaluation.onet(catalog: onetCatalog, reported: reported)
            let onetSeconds = lap()
            rows.append(OccupationEvaluation.escoHeldOut(onetCatalog, every: every))
            print("")
            print(OccupationEvaluation.table(rows), terminator: "")
            print("""
            O*NET 29.2 lists every reported title as an alternate title of its occupation: the first row measures
            lookup; the held-out row (those alternate titles removed from the index) measures generalization.

            """)
            // Speed: the O*NET-only index (English), then the full index.
            let onetCoder = OccupationCoder(catalog: onetCatalog, options: .init(schemes: [.onet], onetLinkThreshold: nil))
            _ = lap()
            for r in reported { _ = onetCoder.code(r.title, scheme: .onet, limit: 3) }
            let onetCode = lap()
            print("load \(fmt(loadSeconds, 2)) s; O*NET evaluation (2 indexes, 2 x \(reported.count) titles) \(fmt(onetSeconds, 2)) s; "
                  + "O*NET index (\(onetCoder.labelCount) labels): \(reported.count) titles coded in \(fmt(onetCode, 2)) s = "
                  + "\(fmt(Double(reported.count) / max(onetCode, 1e-9), 0)) titles/s")
            // Speed on the full index: all languages, both schemes, ESCO candidates.
            _ = lap()
            let (full, _) = try OccupationCatalogLoader.load(dataDirectory: data)
            let fullLoad = lap()
            let tech = try taxonomy.load().0.titleTechnologyMatcher()
            let coder = OccupationCoder.build(catalog: full, technologies: tech)
            let fullBuild = lap()
            var coded = 0
            for r in reported where !coder.code(r.title, scheme: .esco, limit: 3).isEmpty { coded += 1 }
            let fullCode = lap()
            print("full index (27 languages + O*NET, \(coder.labelCount) labels): load \(fmt(fullLoad, 2)) s, build with O*NET "
                  + "links \(fmt(fullBuild, 2)) s, \(reported.count) titles coded (ESCO) in \(fmt(fullCode, 2)) s = "
                  + "\(fmt(Double(reported.count) / max(fullCode, 1e-9), 0)) titles/s, \(coded) with a candidate")
            if !heldOutLanguages.isEmpty {
                let langs = heldOutLanguages.split(separator: ",").map(String.init)
                // Loaded without occupation-skill relations, as the shipped tables are (the relations widen the ICT
                // flag), so these rows measure what a run on the shipped tables codes.
                let (multi, _) = try OccupationCatalogLoader.load(
                    dataDirectory: data, options: .init(languages: langs, includeONET: false, includeSkills: false))
                let perLanguage = langs.map { OccupationEvaluation.escoHeldOut(multi, language: $0, every: every, technologies: tech) }
                print("")
                print("ESCO alternative labels held out per language (every \(every)th occupation with 2+ labels in the language)")
                print(OccupationEvaluation.table(perLanguage), terminator: "")
            }
            if !titles.isEmpty {
                let list = try OccupationEvaluation.readAdTitles(path: titles)
                let (rows, missed) = OccupationEvaluation.adTitles(list, coder: coder)
                print("")
                print("hand-written job-ad titles (\(titles)): top-1 / top-3 ISCO-08 unit group among the accepted ones")
                print(OccupationEvaluation.table(rows), terminator: "")
                if misses {
                    for (t, p) in missed { print("miss\t\(t.language)\t\(t.title)\texpected \(t.isco) (\(t.accept.sorted().joined(separator: ",")))\tgot \(p)") }
                }
            }
        }
    }

    /// `occupations roles`: the roles a header advertises; `--evaluate` scores the extractor on the role gold.
    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract the roles a posting's title or header advertises (several per posting), or evaluate it.",
            discussion: """
              skillradar occupations roles "Aha! (http://www.aha.io) | Rails / Devops / Front End | REMOTE"
              skillradar occupations roles --evaluate [--gold Tests/fixtures/roles/role-gold.tsv] [--misses 20]
            """)

        @Argument(help: "Titles or header lines (a line of a posting without a title field).")
        var headers: [String] = []

        @Flag(name: .long, help: "Score the extractor on the role gold.")
        var evaluate = false

        @Option(name: .long, help: "Role gold TSV.")
        var gold = "Tests/fixtures/roles/role-gold.tsv"

        @Option(name: .long, help: "With --evaluate: print this many misses.")
        var misses = 0

        func run() throws {
            let extractor = RoleExtractor(places: try? PlaceLoading.normalizer())
            if evaluate {
                let e = RoleEvaluation(gold: try RoleEvaluation.parse(try readUserTextFile(gold)), extractor: extractor)
                print("role gold: \(e.headers) headers, \(e.goldRoles) gold roles; precision \(fmt(e.precision, 3)) "
                      + "(\(e.correct) of \(e.predicted)), recall \(fmt(e.recall, 3)) (\(e.found))")
                for (s, v) in e.bySource.sorted(by: { $0.key < $1.key }) {
                    let p = v.predicted == 0 ? 0 : Double(v.correct) / Double(v.predicted)
                    let r = v.gold == 0 ? 0 : Double(v.found) / Double(v.gold)
                    print("  " + s.padding(toLength: max(18, s.count), withPad: " ", startingAt: 0)
                          + " P \(fmt(p, 3)) (\(v.correct)/\(v.predicted))  R \(fmt(r, 3)) (\(v.found)/\(v.gold))")
                }
                for m in e.misses.prefix(misses) {
                    print("line \(m.row.line) [\(m.row.source)] title: \(m.row.title.prefix(80)) | header: \(m.row.text.replacingOccurrences(of: "\n", with: " ⏎ ").prefix(120))")
                    print("    gold \(m.row.roles) got \(m.predicted.map { "\($0.phrase) [\($0.evidence)]" }); missing \(m.missing) wrong \(m.wrong)")
                }
                return
            }
            guard !headers.isEmpty else { throw ValidationError("give header lines, or --evaluate") }
            for h in headers {
                let r = extractor.roles(title: "", text: h)
                print(h)
                if r.isEmpty { print("  no role") }
                for x in r { print("  \(x.phrase)  (key: \(x.key); \(x.evidence))") }
            }
        }
    }
}
