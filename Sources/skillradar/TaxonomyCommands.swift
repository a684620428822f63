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
        commandName: "taxonomy", abstract: "Build or inspect a taxonomy.", subcommands: [Build.self, Stats.self])

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

        @Option(name: .long, help: "Output directory.")
        var out = "Taxonomies/ict-skills"

        @Option(name: .long, help: "Taxonomy name.")
        var name = "ict-skills"

        @Option(name: .long, help: "Taxonomy version.")
        var version = "esco-1.2.0+onet-29.2"

        func run() throws {
            var b = TaxonomyBuilder()
            try b.loadCommonWords(commonWords)
            if !escoAllSkills.isEmpty { b.allSkillsCSV = escoAllSkills }
            let (t, report) = try b.build(escoDigitalSkillsCSV: esco, onetTechnologySkills: onet.isEmpty ? nil : onet,
                                          name: name, version: version)
            /// "file-name sha256:digest" of a source file, for taxonomy.tsv.
            func source(_ key: String, _ path: String) throws -> (String, String) {
                ("source.\(key)", URL(fileURLWithPath: path).lastPathComponent + " sha256:" + (try SHA256.hexOfFile(path)))
            }
            var meta = [try source("esco", esco)]
            if !onet.isEmpty { meta.append(try source("onet", onet)) }
            if !escoAllSkills.isEmpty { meta.append(try source("esco_all_skills", escoAllSkills)) }
            meta.append(try source("common_words", commonWords))
            meta.append(("builder", "skillradar \(SkillRadarVersion.current) taxonomy build"))
            try TaxonomyFiles.write(t, meta: meta, to: out)
            print(report)
            print("wrote \(out): \(t.concepts.count) concepts, \(t.labels.count) labels, digest \(t.digest)")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts of a taxonomy's concepts and labels.")

        @OptionGroup var taxonomy: TaxonomyOption

        func run() throws {
            let (t, matcher) = try taxonomy.load()
            var bySource: [String: Int] = [:], byKind: [String: Int] = [:]
            for c in t.concepts { bySource[c.source, default: 0] += 1 }
            for l in t.labels { byKind[l.kind.rawValue, default: 0] += 1 }
            print("\(t.name) \(t.version) digest \(t.digest)")
            print("concepts: \(t.concepts.count) " + bySource.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            print("labels: \(t.labels.count) " + byKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            print("hot technologies: \(t.concepts.filter(\.hotTechnology).count), in demand: \(t.concepts.filter(\.inDemand).count)")
            print("matcher: \(matcher.patternCount) patterns, \(matcher.vocabulary.count) token types, "
                  + "\(matcher.stateCount) states, longest label \(matcher.maxDepth) tokens, \(matcher.memoryBytes / 1024) KiB")
        }
    }
}
