import Foundation
import SkillAnalytics
import SkillMatcher
import SkillOccupations

/// `emerging`: taxonomy skills and, when a matcher is given, rising terms that no taxonomy has (``NewTerms``),
/// in one ranking on one analysis window.
public enum EmergingQuery {
    public struct Result: Sendable {
        public var window: AnalysisWindow
        public var recentTotal: Int
        public var referenceTotal: Int
        /// Every skill (stable ones included) and the rising new terms, ranked by ``RankedGrowth/rank(_:)``.
        public var rows: [RankedGrowth]
    }

    public static func run(_ a: Analytics, _ p: EmergingParameters, matcher: Matcher?,
                           ordinaryWords: Set<String> = []) throws -> Result {
        let r = try a.emerging(p)
        var rows = r.skills.map { RankedGrowth(skill: $0, inTaxonomy: true) }
        if let matcher {
            let window = AnalysisWindow(recent: r.recent, reference: r.reference)
            rows += try NewTerms.rising(a, matcher: matcher, growth: p, window: window, ordinaryWords: ordinaryWords,
                                        details: false)
                .map { RankedGrowth(skill: $0.growth, inTaxonomy: false) }
            rows = RankedGrowth.rank(rows)
        }
        return Result(window: AnalysisWindow(recent: r.recent, reference: r.reference),
                      recentTotal: r.recentTotal, referenceTotal: r.referenceTotal,
                      rows: rows)
    }
}

/// An occupation's essential skills for `gaps --occupation`: from a TSV file (`occupation_id<TAB>concept_id<TAB>
/// relation`), else from ESCO's occupation-skill relations in the data directory; only those the taxonomy in use
/// can detect.
public enum OccupationEssentials {
    public struct Skills: Sendable {
        /// Essential skills the taxonomy has, in the source's order.
        public var essential: [String]
        /// Essential skills the source lists.
        public var listed: Int
        /// The file they came from.
        public var source: String
    }


    public static func load(occupation: String, file: String?, dataDirectory: String, known: Set<String>) throws -> Skills {
        let listed: [String]
        let source: String
        if let file {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw PipelineError("cannot read --occupation-skills \(file): \(error.localizedDescription)")
            }
            let relations: [OccupationSkill]
            do { relations = try Analytics.parseOccupationSkills(text) } catch {
                throw PipelineError("\(file): \(error)")
            }
            listed = relations.filter { $0.occupationID == occupation && $0.relation == "essential" }.map(\.conceptID)
            source = file
        } else {
            let path = OccupationCatalogLoader.Paths(dataDirectory: dataDirectory).skillRelations
            guard FileManager.default.fileExists(atPath: path) else {
                throw PipelineError("no occupation-skill relations: \(path) not found; pass --occupation-data DIR "
                              + "or --occupation-skills FILE (occupation_id<TAB>concept_id<TAB>relation)")
            }
            listed = try RelationIndex.shared.essential(occupation, path: path)
            source = path
        }
        guard !listed.isEmpty else {
            throw PipelineError("\(source) lists no essential skills for occupation '\(occupation)' "
                          + "(give its ESCO URI, or the label `analyze --occupations` stored)")
        }
        let essential = listed.filter { known.contains($0) }
        guard !essential.isEmpty else {
            throw PipelineError("none of the \(listed.count) essential skills of '\(occupation)' is in the taxonomy in use")
        }
        return Skills(essential: essential, listed: listed.count, source: source)
    }
}

/// ESCO's occupation-skill relations, read once per file (and again when it changes) and indexed by occupation:
/// a long-running caller (the query service) asks for one occupation at a time.
final class RelationIndex: @unchecked Sendable {
    static let shared = RelationIndex()
    private let lock = NSLock()
    private var loaded: (path: String, modified: Date?, essential: [String: [String]])?

    func essential(_ occupation: String, path: String) throws -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        if let l = loaded, l.path == path, l.modified == modified { return l.essential[occupation] ?? [] }
        let (relations, _) = try OccupationLoaders.skillRelations(path)
        var index: [String: [String]] = [:]
        for r in relations where r.essential { index[r.occupationURI, default: []].append(r.skillID) }
        loaded = (path, modified, index)
        return index[occupation] ?? []
    }
}
