import Foundation
import SkillAnalytics
import SkillStore

/// The query layer's results as tables: one definition of each command's columns, used by the CLI (and by the
/// service), so that a column means the same everywhere.
public enum QueryTables {
    /// Provenance of every row: taxonomy name and digest, the analysis window (when the store has dated postings)
    /// and the query's own parameters.
    public static func provenance(_ a: Analytics, window: AnalysisWindow?,
                                  _ parameters: [(String, String)] = []) throws -> [ResultTable.Pair] {
        let t = try a.taxonomyInfo()
        let base = [("taxonomy", "\(t.name) \(t.version)".trimmingCharacters(in: .whitespaces)), ("taxonomy_digest", t.digest)]
        return (base + (window?.asPairs ?? []) + parameters).map { ResultTable.Pair($0.0, $0.1) }
    }

    /// The growth parameters as provenance pairs, sorted by name.
    public static func growthPairs(_ p: EmergingParameters) -> [(String, String)] {
        p.asDictionary.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The growth columns shared by skills, terms and title clusters.
    public static let growthHeader = [
        "status", "recent", "reference", "recent_share", "reference_share", "rate_ratio", "ci_low", "ci_high", "p", "q",
        "employers", "trend_per_year", "trend_low", "trend_high", "trend_p", "dispersion", "trend_converged",
        "top_employer", "top_employer_postings"]

    /// The growth columns a terminal table shows without --wide.
    public static let compactGrowthHeader = ["status", "recent", "reference", "rate_ratio", "ci_low", "ci_high", "q", "employers"]

    public static func growthCells(_ s: EmergingSkill) -> [Cell] {
        let t = s.trend
        return [.text(s.status.rawValue), .int(s.recentPostings), .int(s.referencePostings), .fixed(s.recentShare, 4),
                .fixed(s.referenceShare, 4), .fixed(s.rateRatio, 2), .fixed(s.ciLow, 2), .fixed(s.ciHigh, 2),
                .probability(s.pValue), .probability(s.qValue), .int(s.recentEmployers),
                .optional(t?.perYear, 3), .optional(t?.low, 3), .optional(t?.high, 3),
                t.map { .probability($0.pValue) } ?? .null, .optional(t?.dispersion, 2),
                t.map { .yesNo($0.converged) } ?? .null, .optional(s.topEmployer), .int(s.topEmployerPostings)]
    }

    /// A judged review sheet's precision per concept; the notes (shown under a terminal table) give the
    /// postings-weighted precision with its interval and the concepts below 0.80.
    public static func auditScore(_ s: AuditScore) -> (table: ResultTable, summary: [String]) {
        let below = s.concepts.filter { ($0.precision ?? 1) < 0.8 }
        return (ResultTable(header: ["concept", "postings", "correct", "wrong", "unsure", "precision", "concept_id"],
                            rows: s.concepts.map { c in
                                [.text(c.label), .int(c.postings), .int(c.correct), .int(c.wrong), .int(c.unsure),
                                 .optional(c.precision, 2), .text(c.conceptID)]
                            }),
                ["postings-weighted precision \(Formatting.fixed(s.weightedPrecision, decimals: 3)) (95 % interval "
                 + "\(Formatting.fixed(s.low, decimals: 3))–\(Formatting.fixed(s.high, decimals: 3))) over "
                 + "\(s.concepts.filter { $0.precision != nil }.count) concepts; \(s.judged) contexts judged, \(s.unjudged) without verdict"]
                    + (below.isEmpty ? [] : ["below 0.80: " + below.map(\.label).joined(separator: ", ")]))
    }

    /// The most demanded skills: postings and share (as a percentage).
    public static func topSkills(_ top: [SkillDemand]) -> ResultTable {
        ResultTable(header: ["skill", "postings", "share"],
                    rows: top.map { [.text($0.label), .int($0.postings), .text(Formatting.fixed($0.share * 100, decimals: 1) + "%")] })
    }

    /// Trend lines, one block per region name (`(all)` first).
    public static func trends(_ blocks: [(region: String, series: [TrendSeries])], byRegion: Bool,
                              provenance: [ResultTable.Pair]) -> ResultTable {
        var rows: [[Cell]] = []
        for (name, series) in blocks {
            for s in series {
                for p in s.points {
                    rows.append([.text(s.conceptID), .text(s.label), .text(p.period), .int(p.postings), .int(p.totalPostings),
                                 .fixed(p.share, 4)] + (byRegion ? [.text(name)] : []))
                }
            }
        }
        return ResultTable(header: ["concept_id", "skill", "period", "postings", "total_postings", "share"]
                               + (byRegion ? ["region_of_row"] : []), rows: rows, provenance: provenance)
    }

    /// Emerging skills and, flagged `not in taxonomy`, rising terms no taxonomy has.
    public static func emerging(_ rows: [RankedGrowth], provenance: [ResultTable.Pair], notes: [String]) -> ResultTable {
        ResultTable(
            header: ["concept_id", "skill", "in_taxonomy"] + growthHeader,
            rows: rows.map { r in
                [.text(r.inTaxonomy ? r.skill.conceptID : "new-term:" + r.skill.label), .text(r.skill.label),
                 .text(r.inTaxonomy ? "yes" : "not in taxonomy")] + growthCells(r.skill)
            },
            provenance: provenance, compact: ["concept_id", "skill", "in_taxonomy"] + compactGrowthHeader, notes: notes)
    }

    /// Role (or title) clusters that grow.
    public static func occupationClusters(_ clusters: [OccupationCluster], roles: Bool, provenance: [ResultTable.Pair],
                                          notes: [String]) -> ResultTable {
        let first = roles ? "role" : "title"
        return ResultTable(
            header: [first, "postings"] + growthHeader
                + ["coded_share", "coded_occupation", "example_titles", "profile", "example_postings", "cluster"],
            rows: clusters.map { c in
                [.text(c.exampleTitles.first ?? c.key), .int(c.postings)] + growthCells(c.growth)
                    + [.fixed(c.codedShare, 2), .optional(c.codedOccupation), .text(c.exampleTitles.joined(separator: " | ")),
                       .text(c.profile.map { "\($0.label) (\($0.conceptID)) lift \(Formatting.fixed($0.lift, decimals: 1))" }
                        .joined(separator: "; ")),
                       .text(c.examplePostings.map(String.init).joined(separator: " ")), .text(c.key)]
            },
            provenance: provenance, compact: [first, "postings"] + compactGrowthHeader + ["example_titles"], notes: notes)
    }

    /// Postings behind one text key (a title cluster, a discovered term).
    public static func postingList(_ posts: [(post: PostingText, context: String?)]) -> ResultTable {
        let withContext = posts.contains { $0.context != nil }
        return ResultTable(
            header: ["posting", "source_id", "month", "title", "employer"] + (withContext ? ["context"] : []) + ["source"],
            rows: posts.map { p in
                [.int(Int(p.post.id)), .optional(p.post.sourceID), .optional(p.post.month), .text(p.post.title),
                 .optional(p.post.employer)] + (withContext ? [.optional(p.context)] : [])
                    + [.text("\(p.post.sourcePath):\(p.post.sourceLine)")]
            })
    }

    /// Gap rows, with region names for place keys.
    public static func gaps(_ gaps: [SkillGap], regionNames: [String: String], byRegion: Bool,
                            provenance: [ResultTable.Pair]) -> ResultTable {
        ResultTable(
            header: ["concept_id", "skill", "postings", "demand_share", "programmes", "supply_share", "providers",
                     "gap_index", "region_of_row", "coverage", "unmet_demand", "demand_status", "demand_rate_ratio",
                     "providers_total"],
            rows: gaps.map { g in
                [.text(g.conceptID), .text(g.label), .int(g.demandPostings), .fixed(g.demandShare, 4), .int(g.supplyProgrammes),
                 .fixed(g.supplyShare, 4), .int(g.supplyProviders), .fixed(g.gapIndex, 4),
                 .text(g.region.map { regionNames[$0] ?? $0 } ?? "(all)"), .fixed(g.coverage, 4), .fixed(g.unmetDemand, 4),
                 .optional(g.demandStatus?.rawValue), .optional(g.demandRateRatio, 2), .int(g.providersTotal)]
            },
            provenance: provenance,
            compact: ["concept_id", "skill", "postings", "demand_share", "programmes", "supply_share", "gap_index",
                      "unmet_demand", "demand_status"] + (byRegion ? ["region_of_row"] : []))
    }

    /// Skills one programme misses.
    public static func programmeGaps(_ r: (title: String, gaps: [ProgrammeGap]), programme: String,
                                     provenance: [ResultTable.Pair]) -> ResultTable {
        ResultTable(header: ["concept_id", "skill", "demand_share", "postings", "reason"],
                    rows: r.gaps.map { [.text($0.conceptID), .text($0.label), .fixed($0.demandShare, 4), .int($0.demandPostings),
                                        .text($0.reason)] },
                    provenance: provenance, notes: ["programme \(programme): \(r.title)"])
    }

    /// Regions whose programmes miss an occupation's essential skills.
    public static func occupationRegions(_ regions: [RegionCoverage], provenance: [ResultTable.Pair]) -> ResultTable {
        ResultTable(header: ["region", "demand_postings", "programmes", "essential_skills", "covered", "coverage", "missing"],
                    rows: regions.map { c in
                        [.text(c.region.isEmpty ? "(none)" : c.region), .int(c.demandPostings), .int(c.programmes),
                         .int(c.essentialSkills), .int(c.coveredSkills), .fixed(c.coverage, 2),
                         .text(c.missing.joined(separator: "; "))]
                    }, provenance: provenance)
    }

    /// Postings mentioning a skill, with what matched.
    public static func drillDown(_ rows: [(id: Int64, sourceID: String?, title: String, date: String?, matched: String,
                                           count: Int, source: String)]) -> ResultTable {
        ResultTable(header: ["posting", "source_id", "date", "title", "matched", "count", "source"],
                    rows: rows.map { [.int(Int($0.id)), .optional($0.sourceID), .optional($0.date), .text($0.title),
                                      .text($0.matched), .int($0.count), .text($0.source)] })
    }

    /// Quarantined records.
    public static func quarantine(_ rows: [(runID: Int64, row: QuarantineRow)]) -> ResultTable {
        ResultTable(header: ["run", "file", "line", "offset", "reason", "excerpt"],
                    rows: rows.map { [.int(Int($0.runID)), .text($0.row.sourcePath), .int($0.row.line), .int($0.row.offset),
                                      .text($0.row.reason), .text(String($0.row.excerpt.prefix(60)))] })
    }

    /// Runs with their inputs.
    public static func runs(_ runs: [RunInfo], inputs: [(runID: Int64, account: InputAccount)]) -> ResultTable {
        ResultTable(header: ["run", "status", "corpus", "started", "engine", "taxonomy", "inputs (records)"],
                    rows: runs.map { r in
                        [.int(Int(r.id)), .text(r.status.rawValue), .text(r.corpus), .text(r.startedAt), .text(r.engineVersion),
                         .text("\(r.taxonomyName) \(r.taxonomyDigest.prefix(12))"),
                         .text(inputs.filter { $0.runID == r.id }.map { "\($0.account.path) (\($0.account.read))" }
                            .joined(separator: "; "))]
                    })
    }

    /// Postings per place: level, code, name, country, postings (and the share, `withShare`).
    public static func places(_ counts: [PlaceCount], withShare: Bool, provenance: [ResultTable.Pair]) -> ResultTable {
        ResultTable(header: ["level", "code", "name", "country", "postings"] + (withShare ? ["share"] : []),
                    rows: counts.map { [.text($0.level), .text($0.code), .text($0.name), .text($0.country), .int($0.postings)]
                                        + (withShare ? [.fixed($0.share, 4)] : []) },
                    provenance: provenance)
    }

    /// Discovered terms with their growth, co-occurring skills and example contexts.
    public static func discovered(_ terms: [DiscoveredTerm], provenance: [ResultTable.Pair], notes: [String]) -> ResultTable {
        ResultTable(header: ["term", "kind", "postings"] + growthHeader + ["cooccurring_skills", "examples"],
                    rows: terms.map { d in
                        [.text(d.term), .text(d.kind), .int(d.postings)] + growthCells(d.growth)
                            + [.text(d.cooccurring.map { "\($0.label) (\($0.postings))" }.joined(separator: "; ")),
                               .text(d.examples.map { "#\($0.postingID): \($0.snippet)" }.joined(separator: " || "))]
                    }, provenance: provenance, notes: notes)
    }

    /// The accounting of an analysis run: one row per input (and a run total).
    public static func accounting(_ accounts: [InputAccount], total: InputAccount) -> ResultTable {
        func row(_ name: String, _ format: String, _ a: InputAccount) -> [Cell] {
            [.text(name), .text(format), .int(a.read), .int(a.new), .int(a.duplicates), .int(a.exactDuplicates),
             .int(a.nearDuplicates), .int(a.reposts), .int(a.alreadyPresent), .int(a.quarantined),
             .text(Formatting.fixed(a.duplicateRate * 100, decimals: 1) + "%"), .text(a.balanced ? "yes" : "NO")]
        }
        return ResultTable(header: ["input", "format", "read", "new", "duplicates", "exact", "near", "reposts",
                                    "already stored", "quarantined", "dup rate", "balanced"],
                           rows: accounts.map { row($0.path, $0.format, $0) }
                               + (accounts.count > 1 ? [row("(run total)", "", total)] : []))
    }
}
