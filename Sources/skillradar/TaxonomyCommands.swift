import ArgumentParser
import Foundation
import SkillPipeline
import SkillTaxonomy
import SkillTokenizer

struct TaxonomyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxonomy", abstract: "Build, import, check, compare, compile or inspect a taxonomy.",
        subcommands: [Build.self, Import.self, Validate.self, Stats.self, Diff.self, Compile.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the ICT taxonomy from ESCO's digital skills and O*NET's Technology Skills.",
            discussion: "Regenerates Taxonomies/ict-skills from ../shared/data/taxonomy (see Taxonomies/README.md).")

        @Option(help: "ESCO digitalSkillsCollection_en.csv.")
        var esco = "../shared/data/taxonomy/esco/v1.2.0_en/digitalSkillsCollection_en.csv"

        @Option(help: "O*NET Technology_Skills.txt(.gz); empty for none.")
        var onet = "../shared/data/taxonomy/onet_29.2/Technology_Skills.txt.gz"

        @Option(help: "Common-word list: derived labels never kept on their own.")
        var commonWords = "Taxonomies/build/common-words.txt"

        @Option(help: "ESCO all-skills CSV (lexicon of ordinary words); empty for none.")
        var escoAllSkills = "../shared/data/taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz"

        @Option(help: "English word frequencies (word, Zipf): everyday words need evidence.")
        var wordFrequency = "Taxonomies/build/english-word-frequency.tsv"

        @Option(help: "Names matched in any letter case although written with capitals inside.")
        var caseFreeNames = "Taxonomies/build/case-free-names.txt"

        @Option(help: "Directory of the vocabularies (Stack Overflow tags, GitHub topics, Linguist); empty for none.")
        var vocabulary = "../shared/data/vocabulary"

        @Option(help: "Reviewed suspicious labels (concept_id, label, keep|suppress, reason); empty for none.")
        var labelReview = "Taxonomies/build/label-review.tsv"

        @Option(help: "Directory of ESCO's digital skills in other languages (digitalSkillsCollection_<lang>.csv); empty for none.")
        var escoLanguages = "../shared/data/taxonomy/esco/digital_multilingual_v1.2.x"

        @Option(help: "Output directory.") var out = "Taxonomies/ict-skills"
        @Option(help: "Taxonomy name.") var name = "ict-skills"
        @Option(help: "Taxonomy version.") var version = "esco-1.2.0+onet-29.2"

        func run() throws {
            let inputs = ShippedTaxonomyBuild(
                esco: esco, onet: onet, commonWords: commonWords, escoAllSkills: escoAllSkills,
                wordFrequency: wordFrequency, caseFreeNames: caseFreeNames, labelReview: labelReview,
                vocabulary: vocabulary, escoLanguages: escoLanguages)
            let (t, report, vocabularyReport, sources) = try inputs.run(name: name, version: version)
            for line in vocabularyReport { print(line) }
            let builder = "skillradar \(SkillRadarVersion.current) taxonomy build"
            try TaxonomyFiles.write(t, meta: try TaxonomyFiles.sourceMetadata(sources, builder: builder), to: out)
            print(report)
            print("wrote \(out): \(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.digest)")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts of a taxonomy's concepts and labels.")

        @Argument(help: "Taxonomy directory (default: --taxonomy, else the shipped one).") var directory: String?
        @OptionGroup var taxonomy: TaxonomyOption

        func run() throws {
            let options = TokenizerOptions(foldDiacritics: taxonomy.foldDiacritics)
            let (t, matcher) = try directory.map {
                try CompiledTaxonomy.load(directory: $0, tokenizerOptions: options,
                                          cacheDirectory: CompiledTaxonomy.defaultCacheDirectory())
            } ?? taxonomy.load()
            for line in TaxonomyStats(taxonomy: t, matcher: matcher).lines { print(line) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import ESCO CSVs, O*NET text files or SKOS RDF/XML into the taxonomy TSV format.",
            discussion: """
            Sources can be combined; concepts with the same ID are merged. Each source prints what it read, \
            imported and skipped (with reasons and examples). Examples:
              skillradar taxonomy import --esco ../shared/data/taxonomy/esco/v1.2.0_en --collection digital --out out/esco-digital
              skillradar taxonomy import --skos skills.rdf --lang en,de --overrides my-overrides.tsv --out out/tax
              skillradar taxonomy import --onet ../shared/data/taxonomy/onet_29.2 --onet-occupations --out out/onet
            """)

        @Option(help: "ESCO CSV directory (or one skills CSV); repeatable.") var esco: [String] = []
        @Option(help: "O*NET text release directory; repeatable.") var onet: [String] = []
        @Option(help: "SKOS RDF/XML file (.rdf, .xml, optionally .gz); repeatable.") var skos: [String] = []

        @Option(help: "A taxonomy directory to start from (e.g. Taxonomies/ict-skills), with its label flags.")
        var base: String?

        @Option(help: "Languages to keep, comma-separated in order of preference (en,de), or all.") var lang = "all"

        @Option(help: "ESCO: keep only skills of these collections (comma-separated: digital,green...).")
        var collection: String?

        @Flag(help: "ESCO: import skill groups as concepts too.") var escoGroups = false

        @Flag(help: "O*NET: import occupations (Occupation_Data, Alternate_Titles) as concepts too.")
        var onetOccupations = false

        @Option(help: "User override file (action, concept_id, text, extra).") var overrides: String?
        @Option(help: "Output taxonomy directory.") var out: String
        @Option(help: "Taxonomy name (default: the output directory's name).") var name: String?
        @Option(help: "Taxonomy version.") var version = "imported"

        func validate() throws {
            if esco.isEmpty && onet.isEmpty && skos.isEmpty && base == nil {
                throw ValidationError("give at least one source: --base DIR, --esco DIR, --onet DIR or --skos FILE")
            }
            if collection != nil && esco.isEmpty { throw ValidationError("--collection applies to --esco only") }
        }

        func run() throws {
            let sources = TaxonomyImport(
                base: base, esco: esco, onet: onet, skos: skos, languages: TaxonomyImport.languages(lang),
                collections: collection.map(TaxonomyImport.collections), escoGroups: escoGroups,
                onetOccupations: onetOccupations, overrides: overrides)
            let r = try sources.run(name: name ?? URL(fileURLWithPath: out).lastPathComponent, version: version,
                                    builder: "skillradar \(SkillRadarVersion.current) taxonomy import")
            for entry in r.report { print(entry) }
            try TaxonomyFiles.write(r.taxonomy, meta: r.meta, to: out)
            print("wrote \(out): \(r.taxonomy.concepts.count) concepts, \(r.taxonomy.labels.count) labels, "
                  + "\(r.taxonomy.attributes.count) attributes, digest \(r.taxonomy.digest)")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a taxonomy directory: errors exit with status 1, warnings do not (unless --strict).")

        @Argument(help: "Taxonomy directory.") var directory: String

        @Option(help: "Common-word list: one-token labels in it should be exact-case.")
        var commonWords = "Taxonomies/build/common-words.txt"

        @Option(help: "Print at most this many issues of each kind.") var limit = 10
        @Flag(help: "Exit with status 1 on warnings too.") var strict = false

        func run() throws {
            var v = TaxonomyValidator()
            if !commonWords.isEmpty, !(try v.loadCommonWordsIfPresent(commonWords)) {
                printError("note: no common-word list at \(commonWords); common-word labels are not checked")
            }
            let issues = v.validate(directory: directory)
            let summary = TaxonomyValidationSummary(issues: issues, directory: directory, limit: limit)
            for line in summary.lines { print(line) }
            if summary.fails(strict: strict) { throw ExitCode(1) }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Concepts and labels added, removed and changed from taxonomy A to B (exit 1 when they differ).")

        @Argument(help: "Old taxonomy directory.") var a: String
        @Argument(help: "New taxonomy directory.") var b: String
        @Option(help: "Print at most this many lines per section.") var limit = 50

        func run() throws {
            let ta = try TaxonomyFiles.load(directory: a), tb = try TaxonomyFiles.load(directory: b)
            let d = TaxonomyDiff(ta, tb)
            for line in d.reportLines(old: ta, new: tb, oldName: a, newName: b, limit: limit) { print(line) }
            if !d.isEmpty { throw ExitCode(1) }
        }
    }

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile a taxonomy's matcher into the cache (loaded memory-mapped by later runs).",
            discussion: """
            The cache directory is --cache-dir, else $SKILLRADAR_CACHE_DIR, else $XDG_CACHE_HOME/skillradar, else \
            ~/.cache/skillradar. Commands that match text use it automatically; SKILLRADAR_NO_CACHE=1 turns it off.
            """)

        @Argument(help: "Taxonomy directory (default: the shipped one).") var directory: String?
        @Option(help: "Cache directory.") var cacheDir: String?
        @Flag(inversion: .prefixedNo, help: "Fold diacritics (é = e) in labels and text.") var foldDiacritics = true
        @Flag(help: "Rebuild even if a valid compiled file exists.") var force = false

        func run() throws {
            let dir = try TaxonomyLocator.resolve(directory)
            guard let cache = cacheDir ?? CompiledTaxonomy.defaultCacheDirectory() else {
                throw ValidationError("no cache directory: pass --cache-dir (SKILLRADAR_NO_CACHE is set or HOME is unknown)")
            }
            let report = try CompiledTaxonomy.compile(
                directory: dir, tokenizerOptions: TokenizerOptions(foldDiacritics: foldDiacritics), cacheDirectory: cache,
                force: force)
            for line in report.lines { print(line) }
            if !report.saved { throw ExitCode(1) }
        }
    }
}
