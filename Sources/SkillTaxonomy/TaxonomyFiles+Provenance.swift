import Foundation
import SkillIO

extension TaxonomyFiles {
    /// `file-name sha256:digest` of a source file, as `taxonomy.tsv` records it. Reads the whole file: O(size).
    public static func sourceFingerprint(_ path: String) throws -> String {
        URL(fileURLWithPath: path).lastPathComponent + " sha256:" + (try SHA256.hexOfFile(path))
    }

    /// The `taxonomy.tsv` metadata of a build: `source.<key>` with each source file's fingerprint (in order),
    /// then `builder` (the program and command that ran). O(total size of the sources).
    public static func sourceMetadata(_ sources: [(String, String)], builder: String) throws -> [(String, String)] {
        var meta = try sources.map { key, path in ("source.\(key)", try sourceFingerprint(path)) }
        meta.append(("builder", builder))
        return meta
    }
}
