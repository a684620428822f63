import Foundation
import SkillTaxonomy

/// Finds the taxonomy to use when `--taxonomy` is not given.
public enum TaxonomyLocator {
    /// The shipped taxonomy's directory name under `Taxonomies/`.
    public static let shippedName = "ict-skills"

    /// `explicit`, else `$SKILLRADAR_TAXONOMY`, else `Taxonomies/ict-skills` in the working directory or
    /// beside the executable's package checkout. Throws with the places it looked.
    public static func resolve(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["SKILLRADAR_TAXONOMY"], !env.isEmpty { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/Taxonomies/\(shippedName)")
        // .build/<triple>/<config>/skillradar -> package root
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.path + "/Taxonomies/\(shippedName)")
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates where FileManager.default.fileExists(atPath: c + "/concepts.tsv") { return c }
        throw TaxonomyError(path: candidates.first ?? "Taxonomies/\(shippedName)", line: 0,
                            message: "no taxonomy found (looked in \(candidates.prefix(3).joined(separator: ", ")), ...); "
                                + "pass --taxonomy DIR or run from the skillradar checkout")
    }

    /// The shipped occupation-title tables (`Taxonomies/occupations`, laid out like `../shared/data`), found like
    /// the shipped taxonomy; nil when absent.
    public static func shippedOccupations() -> String? {
        let taxonomyDir = (try? resolve(nil)) ?? (FileManager.default.currentDirectoryPath + "/Taxonomies/\(shippedName)")
        let dir = URL(fileURLWithPath: taxonomyDir).deletingLastPathComponent().appendingPathComponent("occupations").path
        return FileManager.default.fileExists(atPath: dir + "/taxonomy/esco/v1.2.0_en/occupations_en.csv.gz") ? dir : nil
    }
}
