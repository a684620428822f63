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

        @Option(help: "Comma-separated label languages (default: all 26 ESCO languages and ar that the data directory has).")
        var languages: String?

        @Flag(inversion: .prefixedNo, help: "Load O*NET occupations and alternate titles (when the data directory has them).")
        var onet = true

        @Flag(help: "Print what was read from each file and the load time.") var verbose = false

        /// `--data`, else `$SKILLRADAR_SHARED_DATA` or `../shared/data` when it has the ESCO occupations, else the
        /// shipped tables.
        var dataSource: OccupationDataSource {
            .resolve(explicit: dataOption, shared: sharedDataDirectory(nil),
                     shippedDirectory: TaxonomyLocator.shippedOccupations)
        }
        var languageList: [String]? { languages.map { $0.split(separator: ",").map(String.init) } }

        func validate() throws {
            if let problem = OccupationDataSource.languageProblem(languageList ?? []) { throw ValidationError(problem) }
        }

        /// Loads the catalog (``OccupationDataSource/load(languages:includeONET:verbose:)``), its notes on stderr.
        func load() throws -> OccupationCatalog {
            let loaded = try dataSource.load(languages: languageList, includeONET: onet, verbose: verbose)
            for m in loaded.messages { printError(m) }
            return loaded.catalog
        }
    }

    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print ranked occupation candidates for job titles (arguments, or one per line on stdin).")

        @OptionGroup var source: DataOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Job titles; none: read titles from stdin, one per line.") var titles: [String] = []

        @Option(help: "Comma-separated skill concept ids of the posting (esco:<uuid>), used when the title is weak.")
        var skills: String?

        @Option(help: "Candidates from: esco, onet or all.") var scheme = "esco"
        @Option(help: "Candidates per title.") var limit = 3
        @Flag(help: "Also print what normalization removed from each title.") var explain = false
        @OptionGroup var taxonomy: TaxonomyOption

        func validate() throws {
            guard ["esco", "onet", "all"].contains(scheme) else { throw ValidationError("--scheme must be esco, onet or all") }
            guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
            if scheme == "onet", !source.onet { throw ValidationError("--scheme onet needs O*NET (drop --no-onet)") }
        }

        func run() throws {
            signal(SIGPIPE, SIG_IGN)
            let catalog = try source.load()
            if scheme == "onet", !catalog.hasONET {
                throw RuntimeError("--scheme onet needs the O*NET files (taxonomy/onet_29.2) in \(source.dataSource.directory)")
            }
            let started = ContinuousClock.now
            let schemes = catalog.schemes(includeONET: source.onet)
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
            for t in input where explain { for line in coder.explanation(t) { printError(line) } }
            let rows = coder.candidateRows(titles: input, skills: skillIDs, scheme: chosen, limit: limit)
            let table = ResultTable(header: OccupationCoder.candidateHeader, text: rows)
            print(table.render(output.format), terminator: "")
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

        @Option(help: "Hold out one English alt label of every N-th eligible ESCO occupation.") var every = 5

        @Option(help: "Hand-written job-ad titles with accepted ISCO-08 groups (TSV); empty to skip.")
        var titles = "Tests/fixtures/titles/ad-titles.tsv"

        @Flag(help: "List the ad titles whose top-1 group is not accepted.") var misses = false

        @Option(help: "Languages whose ESCO alternative labels are held out and coded, one row each (the index has the ESCO languages shipped in Taxonomies/occupations).")
        var heldOutLanguages = "en,de,fr,es,it,pl,pt,nl"

        @OptionGroup var taxonomy: TaxonomyOption

        func validate() throws {
            guard every >= 1 else { throw ValidationError("--every must be at least 1") }
        }

        func run() throws {
            let settings = OccupationEvaluation.ReportSettings(
                dataDirectory: sharedDataDirectory(dataOption), every: every,
                heldOutLanguages: heldOutLanguages.split(separator: ",").map(String.init),
                adTitles: titles.isEmpty ? nil : titles, listMisses: misses)
            let technologies = try taxonomy.load().0.titleTechnologyMatcher()
            try OccupationEvaluation.report(settings, technologies: technologies) { print($0, terminator: "") }
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

        @Flag(help: "Score the extractor on the role gold.") var evaluate = false
        @Option(help: "Role gold TSV.") var gold = "Tests/fixtures/roles/role-gold.tsv"
        @Option(help: "With --evaluate: print this many misses.") var misses = 0

        func run() throws {
            let extractor = RoleExtractor(places: try? PlaceLoading.normalizer())
            if evaluate {
                let e = RoleEvaluation(gold: try RoleEvaluation.parse(try readUserTextFile(gold)), extractor: extractor)
                for line in e.reportLines(misses: misses) { print(line) }
                return
            }
            guard !headers.isEmpty else { throw ValidationError("give header lines, or --evaluate") }
            for h in headers { for line in extractor.describe(header: h) { print(line) } }
        }
    }
}
