import ArgumentParser
import Foundation
import SkillAnalytics
import SkillIO
import SkillMatcher
import SkillPipeline
import SkillStore
import SkillSynth
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

        @Option(name: .long, help: "ESCO digitalSkillsCollection_en.csv.")
        var esco = "../shared/data/taxonomy/esco/v1.2.0_en/digitalSkillsCollection_en.csv"

        @Option(name: .long, help: "O*NET Technology_Skills.txt(.gz); empty for none.")
        var onet = "../shared/data/taxonomy/onet_29.2/Technology_Skills.txt.gz"

        @Option(name: .long, help: "Common-word list: derived labels never kept on their own.")
        var commonWords = "Taxonomies/build/common-words.txt"

        @Option(name: .long, help: "ESCO all-skills CSV (lexicon of ordinary words); empty for none.")
        var escoAllSkills = "../shared/data/taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz"

        @Option(name: .long, help: "English word frequencies (word, Zipf): everyday words need evidence.")
        var wordFrequency = "Taxonomies/build/english-word-frequency.tsv"

        @Option(name: .long, help: "Names matched in any letter case although written with capitals inside.")
        var caseFreeNames = "Taxonomies/build/case-free-names.txt"

        @Option(name: .long, help: "Directory of the vocabularies (Stack Overflow tags, GitHub topics, Linguist); empty for none.")
        var vocabulary = "../shared/data/vocabulary"

        @Option(name: .long, help: "Reviewed suspicious labels (concept_id, label, keep|suppress, reason); empty for none.")
        var labelReview = "Taxonomies/build/label-review.tsv"

        @Option(name: .long, help: "Directory of ESCO's digital skills in other languages (digitalSkillsCollection_<lang>.csv); empty for none.")
        var escoLanguages = "../shared/data/taxonomy/esco/digital_multilingual_v1.2.x"

        @Option(name: .long, help: "Output directory.")
        var out = "Taxonomies/ict-skills"

        @Option(name: .long, help: "Taxonomy name.")
        var name = "ict-skills"

        @Option(name: .long, help: "Taxonomy version.")
        var version = "esco-1.2.0+onet-29.2"

        func run() throws {
            var inputs = ShippedTaxonomyBuild()
            inputs.esco = esco
            inputs.onet = onet.isEmpty ? nil : onet
            inputs.commonWords = commonWords
            inputs.escoAllSkills = escoAllSkills.isEmpty ? nil : escoAllSkills
            inputs.wordFrequency = wordFrequency
            inputs.caseFreeNames = caseFreeNames
            inputs.labelReview = labelReview.isEmpty ? nil : labelReview
            inputs.vocabulary = vocabulary.isEmpty ? nil : vocabulary
            inputs.escoTranslations = escoLanguages.isEmpty ? [] : ["de", "es", "fr", "pl"].map {
                ($0, escoLanguages + "/digitalSkillsCollection_\($0).csv")
            }
            let (t, report, vocabularyReport, sources) = try inputs.run(name: name, version: version)
            for line in vocabularyReport { print(line) }
            /// "file-name sha256:digest" of a source file, for taxonomy.tsv.
            var meta = try sources.map { key, path in
                ("source.\(key)", URL(fileURLWithPath: path).lastPathComponent + " sha256:" + (try SHA256.hexOfFile(path)))
            }
            meta.append(("builder", "skillradar \(SkillRadarVersion.current) taxonomy build"))
            try TaxonomyFiles.write(t, meta: meta, to: out)
            print(report)
            print("wrote \(out): \(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.digest)")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts of a taxonomy's concepts and labels.")

        @Argument(help: "Taxonomy directory (default: --taxonomy, else the shipped one).")
        var directory: String?

        @OptionGroup var taxonomy: TaxonomyOption

        func run() throws {
            let t: Taxonomy, matcher: Matcher
            if let directory {
                (t, matcher) = try CompiledTaxonomy.load(
                    directory: directory, tokenizerOptions: TokenizerOptions(foldDiacritics: taxonomy.foldDiacritics),
                    cacheDirectory: CompiledTaxonomy.defaultCacheDirectory())
            } else {
                (t, matcher) = try taxonomy.load()
            }
            var bySource: [String: Int] = [:], byKind: [String: Int] = [:], byType: [String: Int] = [:]
            var byLang: [String: Int] = [:], byAttribute: [String: Int] = [:]
            for c in t.concepts { bySource[c.source, default: 0] += 1; byType[c.type, default: 0] += 1 }
            for l in t.labels { byKind[l.kind.rawValue, default: 0] += 1; byLang[l.lang.isEmpty ? "-" : l.lang, default: 0] += 1 }
            for a in t.attributes { byAttribute[a.key, default: 0] += 1 }
            func list(_ d: [String: Int]) -> String {
                d.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            }
            print("\(t.name) \(t.version) digest \(t.digest)")
            print("concepts: \(t.concepts.count) " + list(bySource))
            print("types: " + list(byType))
            print("labels: \(t.labels.count) " + list(byKind) + ", exact-case \(t.labels.filter(\.exactCase).count)")
            if byLang.keys.contains(where: { $0 != "-" }) { print("languages: " + list(byLang)) }
            if !byAttribute.isEmpty { print("attributes: \(t.attributes.count) " + list(byAttribute)) }
            print("hot technologies: \(t.concepts.filter(\.hotTechnology).count), in demand: \(t.concepts.filter(\.inDemand).count)")
            print("matcher: \(matcher.patternCount) patterns, \(matcher.vocabulary.count) token types, "
                  + "\(matcher.stateCount) states, longest label \(matcher.maxDepth) tokens, \(matcher.memoryBytes / 1024) KiB")
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

        @Option(name: .long, help: "ESCO CSV directory (or one skills CSV); repeatable.")
        var esco: [String] = []

        @Option(name: .long, help: "O*NET text release directory; repeatable.")
        var onet: [String] = []

        @Option(name: .long, help: "SKOS RDF/XML file (.rdf, .xml, optionally .gz); repeatable.")
        var skos: [String] = []

        @Option(name: .long, help: "A taxonomy directory to start from (e.g. Taxonomies/ict-skills), with its label flags.")
        var base: String?

        @Option(name: .long, help: "Languages to keep, comma-separated in order of preference (en,de), or all.")
        var lang = "all"

        @Option(name: .long, help: "ESCO: keep only skills of these collections (comma-separated: digital,green...).")
        var collection: String?

        @Flag(name: .long, help: "ESCO: import skill groups as concepts too.")
        var escoGroups = false

        @Flag(name: .long, help: "O*NET: import occupations (Occupation_Data, Alternate_Titles) as concepts too.")
        var onetOccupations = false

        @Option(name: .long, help: "User override file (action, concept_id, text, extra).")
        var overrides: String?

        @Option(name: .long, help: "Output taxonomy directory.")
        var out: String

        @Option(name: .long, help: "Taxonomy name (default: the output directory's name).")
        var name: String?

        @Option(name: .long, help: "Taxonomy version.")
        var version = "imported"

        func validate() throws {
            if esco.isEmpty && onet.isEmpty && skos.isEmpty && base == nil {
                throw ValidationError("give at least one source: --base DIR, --esco DIR, --onet DIR or --skos FILE")
            }
            if collection != nil && esco.isEmpty { throw ValidationError("--collection applies to --esco only") }
        }

        var languages: [String]? {
            let l = lang.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return l.isEmpty || l.contains("all") ? nil : l
        }

        func run() throws {
            var combined = TaxonomyDraft()
            var meta: [(String, String)] = []
            func merge(_ d: TaxonomyDraft, _ r: ImportReport) {
                for c in d.concepts { combined.merge(c) }
                print(r)
            }
            if let base {
                // `discover --export` rows applied to the shipped taxonomy: `--base Taxonomies/ict-skills --overrides`.
                let t = try TaxonomyFiles.load(directory: base)
                for c in TaxonomyDraft(t).concepts { combined.merge(c) }
                print("\(base): \(t.concepts.count) concepts, \(t.labels.count) labels (digest \(t.shortDigest))")
                meta.append(("source.base", "\(t.name) \(t.version) digest:\(t.digest)"))
            }
            for dir in esco {
                let collections = collection.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
                let (d, r) = try ESCOImporter(languages: languages, collections: collections, includeGroups: escoGroups)
                    .importPath(dir)
                merge(d, r)
                meta.append(("source.esco", dir))
            }
            for dir in onet {
                let (d, r) = try ONetImporter(includeOccupations: onetOccupations).importDirectory(dir)
                merge(d, r)
                meta.append(("source.onet", dir))
            }
            for file in skos {
                let (d, r) = try SKOSImporter(languages: languages).importFile(file)
                merge(d, r)
                meta.append(("source.skos", URL(fileURLWithPath: file).lastPathComponent + " sha256:" + (try SHA256.hexOfFile(file))))
            }
            if let overrides {
                let o = try TaxonomyOverrides.load(overrides)
                print(try o.apply(to: &combined))
                meta.append(("source.overrides", URL(fileURLWithPath: overrides).lastPathComponent + " sha256:"
                             + (try SHA256.hexOfFile(overrides))))
            }
            if let languages { meta.append(("languages", languages.joined(separator: ","))) }
            meta.append(("builder", "skillradar \(SkillRadarVersion.current) taxonomy import"))
            let t = combined.taxonomy(name: name ?? URL(fileURLWithPath: out).lastPathComponent, version: version,
                                      preferredLanguages: languages ?? [])
            try TaxonomyFiles.write(t, meta: meta, to: out)
            print("wrote \(out): \(t.concepts.count) concepts, \(t.labels.count) labels, \(t.attributes.count) attributes, "
                  + "digest \(t.digest)")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a taxonomy directory: errors exit with status 1, warnings do not (unless --strict).")

        @Argument(help: "Taxonomy directory.")
        var directory: String

        @Option(name: .long, help: "Common-word list: one-token labels in it should be exact-case.")
        var commonWords = "Taxonomies/build/common-words.txt"

        @Option(name: .long, help: "Print at most this many issues of each kind.")
        var limit = 10

        @Flag(name: .long, help: "Exit with status 1 on warnings too.")
        var strict = false

        func run() throws {
            var v = TaxonomyValidator()
            if !commonWords.isEmpty {
                if FileManager.default.fileExists(atPath: commonWords) {
                    try v.loadCommonWords(commonWords)
                } else {
                    printError("note: no common-word list at \(commonWords); common-word labels are not checked")
                }
            }
            let issues = v.validate(directory: directory)
            var shown: [String: Int] = [:]
            for i in issues {
                shown[i.code, default: 0] += 1
                if shown[i.code, default: 0] <= limit { print(i) }
            }
            let errors = issues.filter { $0.severity == .error }.count
            let warnings = issues.count - errors
            let byCode = Dictionary(grouping: issues, by: { "\($0.severity.rawValue) \($0.code)" }).mapValues(\.count)
            for (k, n) in byCode.sorted(by: { $0.key < $1.key }) { print("\(k): \(n)") }
            print("\(directory): \(errors) errors, \(warnings) warnings")
            if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Concepts and labels added, removed and changed from taxonomy A to B (exit 1 when they differ).")

        @Argument(help: "Old taxonomy directory.")
        var a: String

        @Argument(help: "New taxonomy directory.")
        var b: String

        @Option(name: .long, help: "Print at most this many lines per section.")
        var limit = 50

        func run() throws {
            let ta = try TaxonomyFiles.load(directory: a), tb = try TaxonomyFiles.load(directory: b)
            let d = TaxonomyDiff(ta, tb)
            func section<T>(_ title: String, _ items: [T], _ line: (T) -> String) {
                print("\(title): \(items.count)")
                for i in items.prefix(limit) { print("  " + line(i)) }
                if items.count > limit { print("  ... \(items.count - limit) more") }
            }
            func ref(_ r: TaxonomyDiff.LabelRef) -> String { "\(r.conceptID)\t\(r.text)" + (r.lang.isEmpty ? "" : "\t@\(r.lang)") }
            print("A: \(a) (\(ta.concepts.count) concepts, \(ta.labels.count) labels, digest \(ta.shortDigest))")
            print("B: \(b) (\(tb.concepts.count) concepts, \(tb.labels.count) labels, digest \(tb.shortDigest))")
            let names: [String: String] = Dictionary(tb.concepts.map { ($0.id, $0.preferredLabel) }, uniquingKeysWith: { x, _ in x })
            let oldNames: [String: String] = Dictionary(ta.concepts.map { ($0.id, $0.preferredLabel) }, uniquingKeysWith: { x, _ in x })
            section("concepts added", d.conceptsAdded) { "+ \($0)\t\(names[$0] ?? "")" }
            section("concepts removed", d.conceptsRemoved) { "- \($0)\t\(oldNames[$0] ?? "")" }
            section("concepts changed", d.conceptsChanged) { "~ \($0.id)\t" + $0.changes.joined(separator: "; ") }
            section("labels added", d.labelsAdded) { "+ " + ref($0) }
            section("labels removed", d.labelsRemoved) { "- " + ref($0) }
            section("labels changed", d.labelsChanged) { "~ " + ref($0.0) + "\t\($0.1) -> \($0.2)" }
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

        @Argument(help: "Taxonomy directory (default: the shipped one).")
        var directory: String?

        @Option(name: .long, help: "Cache directory.")
        var cacheDir: String?

        @Flag(name: .long, inversion: .prefixedNo, help: "Fold diacritics (é = e) in labels and text.")
        var foldDiacritics = true

        @Flag(name: .long, help: "Rebuild even if a valid compiled file exists.")
        var force = false

        func run() throws {
            let dir = try TaxonomyLocator.resolve(directory)
            guard let cache = cacheDir ?? CompiledTaxonomy.defaultCacheDirectory() else {
                throw ValidationError("no cache directory: pass --cache-dir (SKILLRADAR_NO_CACHE is set or HOME is unknown)")
            }
            let options = TokenizerOptions(foldDiacritics: foldDiacritics)
            if force {
                let path = try CompiledTaxonomy.cachePath(directory: dir, tokenizerOptions: options, cacheDirectory: cache)
                if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            }
            var start = DispatchTime.now().uptimeNanoseconds
            let first = try CompiledTaxonomy.loadReporting(directory: dir, tokenizerOptions: options, cacheDirectory: cache)
            let firstMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            print(first.outcome)
            if case .notSaved = first.outcome { throw ExitCode(1) }
            start = DispatchTime.now().uptimeNanoseconds
            let again = try CompiledTaxonomy.loadReporting(directory: dir, tokenizerOptions: options, cacheDirectory: cache)
            let againMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let path = try CompiledTaxonomy.cachePath(directory: dir, tokenizerOptions: options, cacheDirectory: cache)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print("\(first.taxonomy.name): \(first.taxonomy.concepts.count) concepts, \(first.matcher.patternCount) patterns; "
                  + "compiled file \(size / 1024) KiB")
            print("first load \(fmt(firstMs, 1)) ms, load from cache \(fmt(againMs, 1)) ms (\(again.outcome))")
        }
    }
}
