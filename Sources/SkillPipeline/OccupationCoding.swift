import Foundation
import SkillIO
import SkillMatcher
import SkillOccupations

/// The occupation coder of `analyze --occupations`: the full ESCO + O*NET data (with occupation-skill relations)
/// from the data directory; without it, the shipped title tables in `Taxonomies/occupations` (ESCO titles in 8
/// languages, ISCO-08 codes and O*NET titles; no skills fallback), by default in all their languages.
public enum OccupationCoding {

    /// `languages` nil: English from the data directory, or every shipped language. `explicitDirectory`: the user
    /// named the directory, so it is not replaced by the shipped tables. Returns the coder and what the run records.
    public static func load(dataDirectory: String, explicitDirectory: Bool, languages requested: [String]?,
                            technologies: Matcher?, log: (String) -> Void) throws -> (coder: OccupationCoder, description: String) {
        var dir = dataDirectory
        var languages = requested ?? ["en"]
        var options = OccupationCatalogLoader.Options(languages: languages, includeONET: true)
        var source = "esco-1.2.0+onet-29.2"
        if !FileManager.default.fileExists(atPath: OccupationCatalogLoader.Paths(dataDirectory: dir).escoOccupations) {
            guard !explicitDirectory, let shipped = TaxonomyLocator.shippedOccupations() else {
                throw PipelineError("--occupations needs the ESCO occupation files under \(dir)/taxonomy/esco; "
                              + "pass --occupation-data DIR")
            }
            let available = OccupationCatalogLoader.availableLanguages(dataDirectory: shipped)
            if requested == nil { languages = available }
            let missing = languages.filter { !available.contains($0) }
            guard missing.isEmpty else {
                throw PipelineError("\(dir) not found and the shipped occupation titles have only "
                              + "\(available.joined(separator: ",")); pass --occupation-data DIR for \(missing.joined(separator: ","))")
            }
            dir = shipped
            let onet = FileManager.default.fileExists(atPath: OccupationCatalogLoader.Paths(dataDirectory: shipped).onetOccupations)
            options = OccupationCatalogLoader.Options(languages: languages, includeONET: onet, includeSkills: false)
            source = onet ? "esco-1.2.0+onet-29.2-titles (shipped)" : "esco-1.2.0-titles (shipped)"
            log("note: \(dataDirectory) not found; coding with the shipped ESCO\(onet ? " and O*NET" : "") titles in "
                + "\(shipped) (no skills fallback)")
        }
        let started = Date()
        let (catalog, _) = try OccupationCatalogLoader.load(dataDirectory: dir, options: options)
        let coder = OccupationCoder.build(catalog: catalog, technologies: technologies)
        log("occupation coding: \(source) (\(languages.joined(separator: ","))), loaded in "
            + "\(formatFixed(Date().timeIntervalSince(started), 1)) s")
        return (coder, "\(source) languages=\(languages.joined(separator: ","))")
    }
}

extension OccupationCoding {
    /// The title languages a `--occupation-languages` value names: `all`, or a comma-separated list (default: en).
    /// Throws for a language no ESCO file has.
    public static func languages(_ given: String?) throws -> [String] {
        let all = OccupationCatalogLoader.allLanguages
        let list = (given ?? "en") == "all" ? all
            : (given ?? "en").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        let unknown = list.filter { !all.contains($0) }
        guard unknown.isEmpty else {
            throw PipelineError("unknown --occupation-languages \(unknown.joined(separator: ",")); choose from "
                          + all.joined(separator: ",") + " or all")
        }
        return list
    }
}
