import Foundation
import SkillIO
import SkillPlaces

/// Finds and reads the shipped gazetteer (`Taxonomies/places`).
public enum PlaceLoading {
    /// `explicit`, else `$SKILLRADAR_PLACES`, else `Taxonomies/places` beside the shipped taxonomy.
    public static func directory(_ explicit: String? = nil) -> String? {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["SKILLRADAR_PLACES"], !env.isEmpty { return env }
        let taxonomyDir = (try? TaxonomyLocator.resolve(nil))
            ?? (FileManager.default.currentDirectoryPath + "/Taxonomies/\(TaxonomyLocator.shippedName)")
        let dir = URL(fileURLWithPath: taxonomyDir).deletingLastPathComponent().appendingPathComponent("places").path
        return FileManager.default.fileExists(atPath: dir + "/places.tsv.gz") ? dir : nil
    }

    /// The gazetteer in `dir` (places.tsv.gz and names.tsv.gz).
    public static func load(_ dir: String) throws -> Gazetteer {
        do {
            return try Gazetteer(placesTSV: try readFileBytes(dir + "/places.tsv.gz"),
                                 namesTSV: try readFileBytes(dir + "/names.tsv.gz"))
        } catch let e as GazetteerError {
            throw GazetteerError("\(dir): \(e.description)")
        }
    }

    /// What a run records about place normalisation: the rules' version and the SHA-256 of the gazetteer's tables
    /// (a store re-normalises its location strings when either changes).
    public static func identity(_ dir: String) throws -> String {
        let digest = SHA256.hex(try SHA256.hexOfFile(dir + "/places.tsv.gz") + SHA256.hexOfFile(dir + "/names.tsv.gz"))
        return "\(PlaceNormalizer.version) gazetteer sha256:" + String(digest.prefix(16))
    }

    /// The shipped (or `explicit`) gazetteer; throws when there is none.
    public static func normalizer(_ explicit: String? = nil) throws -> PlaceNormalizer {
        guard let dir = directory(explicit) else {
            throw GazetteerError("no gazetteer found (looked for Taxonomies/places beside the taxonomy); "
                                 + "pass --places DIR or run from the skillradar checkout")
        }
        return PlaceNormalizer(gazetteer: try load(dir))
    }
}
