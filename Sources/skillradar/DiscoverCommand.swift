import ArgumentParser
import Foundation
import SkillAnalytics
import SkillPipeline

struct Discover: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "New terms: rising n-grams and job titles of ICT postings that are not in the taxonomy.",
        discussion: """
        Candidates are 1-4 token n-grams (and normalized job titles) of ICT postings (postings mentioning at \
        least --min-skills distinct taxonomy concepts) that no taxonomy label match covers; stop-word-edged \
        n-grams, numbers, lone CJK characters and n-grams contained in a longer candidate with the same count \
        are dropped. Each gets the growth statistics of `emerging` (FDR over all candidates with minimum \
        support), 3 example contexts and the skills it co-occurs with most. --export FILE writes the accepted \
        (new/emerging/growing) candidates as user-override concept rows with local: ids; --explain TERM lists \
        the postings containing a term. See DESIGN.md, "New-term discovery".
        """)

    @OptionGroup var database: DatabaseOption
    @OptionGroup var taxonomy: TaxonomyOption
    @OptionGroup var output: FormatOption
    @OptionGroup var growth: GrowthOptions
    @Option(help: "An ICT posting mentions at least this many distinct taxonomy concepts.") var minSkills: Int = 2
    @Option(help: "Longest n-gram in tokens (1-4).") var maxN: Int = 4
    @Flag(inversion: .prefixedNo, help: "Offer normalized job titles as candidates too.") var titles = true
    @Option(help: "Rows to show.") var limit: Int = 25
    @Flag(help: "Show stable and declining candidates too.") var all = false
    @Option(help: "Write accepted candidates (new, emerging, growing) as a user override TSV.") var export: String?
    @Option(help: "List the ICT postings containing this term (as printed) instead.") var explain: String?

    func validate() throws {
        guard (1...4).contains(maxN) else { throw ValidationError("--max-n must be 1...4") }
        guard minSkills >= 0 else { throw ValidationError("--min-skills must be >= 0") }
    }

    func run() throws {
        let a = try database.analytics()
        let (t, matcher) = try taxonomy.load()
        let stored = try a.taxonomyInfo()
        if t.digest != stored.digest {
            printError("warning: taxonomy \(t.shortDigest) differs from the one the database was analysed with "
                       + "(\(stored.digest.prefix(12))); label coverage uses the loaded one")
        }
        var p = DiscoveryParameters()
        (p.growth, p.maxN, p.minSkills, p.titles) = (try growth.parameters(), maxN, minSkills, titles)
        if let explain {
            return try output.print(QueryService.discoveryPostings(a, term: explain, p, matcher: matcher, limit: limit))
        }
        let words = try taxonomy.ordinaryWords()
        let r = try QueryService.discover(a, p, matcher: matcher, ordinaryWords: words, limit: limit, all: all)
        try output.print(r.table)
        if let export {
            let accepted = r.terms.filter { [.new, .emerging, .growing].contains($0.growth.status) }
            try OverrideExport.write(accepted, to: export, taxonomyDigest: stored.digest,
                                     window: "\(r.window.reference) -> \(r.window.recent)")
            printError("wrote \(accepted.count) accepted candidate(s) to \(export)")
        }
    }
}

