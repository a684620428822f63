import Foundation
import SkillIO

/// Where the `occupations` commands read the catalog from (a directory laid out like `../shared/data`), and a
/// load that says on which languages and schemes it ran.
public struct OccupationDataSource: Sendable {
    /// The folder holding `taxonomy/`.
    public var directory: String
    /// The shipped `Taxonomies/occupations` tables (titles only) rather than the shared data.
    public var shipped: Bool

    public init(directory: String, shipped: Bool) {
        self.directory = directory
        self.shipped = shipped
    }

    /// `explicit` when given; else `shared` when it holds the ESCO occupations; else the shipped tables
    /// (`shippedDirectory()`) when there are any; else `shared`, so that the load error names it.
    public static func resolve(explicit: String?, shared: String, shippedDirectory: () -> String?) -> OccupationDataSource {
        if let explicit { return OccupationDataSource(directory: explicit, shipped: false) }
        if FileManager.default.fileExists(atPath: OccupationCatalogLoader.Paths(dataDirectory: shared).escoOccupations) {
            return OccupationDataSource(directory: shared, shipped: false)
        }
        if let shipped = shippedDirectory() { return OccupationDataSource(directory: shipped, shipped: true) }
        return OccupationDataSource(directory: shared, shipped: false)
    }

    /// The codes in `languages` that are not among ``OccupationCatalogLoader/allLanguages``.
    public static func unknownLanguages(_ languages: [String]) -> [String] {
        languages.filter { !OccupationCatalogLoader.allLanguages.contains($0) }
    }

    /// What is wrong with a requested language list (unknown codes, and the codes to choose from); nil when
    /// every code is known.
    public static func languageProblem(_ languages: [String]) -> String? {
        let unknown = unknownLanguages(languages)
        guard !unknown.isEmpty else { return nil }
        return "unknown language(s) \(unknown.joined(separator: ", ")); choose from "
            + OccupationCatalogLoader.allLanguages.joined(separator: ",")
    }

    /// A catalog and what to tell the user about it (standard error, in order).
    public struct Loaded: Sendable {
        public var catalog: OccupationCatalog
        /// With `verbose`: each file's report and the load time. Then a note naming the directory, the languages
        /// used and whether O*NET titles were found, when the shipped tables were read, `verbose` is set, O*NET was
        /// wanted but is absent, or requested languages have no file.
        public var messages: [String]
    }

    /// Loads what the directory has: language, O*NET and skill files it lacks are skipped (only the English ESCO
    /// occupations and the ISCO-08 groups are required). `languages` nil: all of them, and languages without a
    /// file are only counted in the note.
    public func load(languages: [String]?, includeONET: Bool, verbose: Bool) throws -> Loaded {
        let options = OccupationCatalogLoader.Options(languages: languages ?? OccupationCatalogLoader.allLanguages,
                                                      includeONET: includeONET)
        let started = ContinuousClock.now
        let (catalog, reports) = try OccupationCatalogLoader.load(dataDirectory: directory, options: options)
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        var messages: [String] = []
        if verbose {
            messages = reports.map(\.description)
            messages.append("loaded in \(formatFixed(seconds, 2)) s")
        }
        let (used, missing) = OccupationCatalogLoader.languages(requested: options.languages, reports: reports,
                                                                dataDirectory: directory)
        let onetPath = OccupationCatalogLoader.Paths(dataDirectory: directory).onetOccupations
        let noONET = includeONET && reports.contains { $0.missing && $0.file == onetPath }
        if shipped || verbose || noONET || (languages != nil && !missing.isEmpty) {
            var note = "occupation data \(directory)\(shipped ? " (shipped titles)" : ""): languages \(used.joined(separator: ","))"
            if !missing.isEmpty {
                note += languages != nil ? " (no file for \(missing.joined(separator: ",")))"
                    : " (\(missing.count) other languages have no file there)"
            }
            note += includeONET ? (noONET ? "; no O*NET files" : "; O*NET titles") : ""
            messages.append(note)
        }
        return Loaded(catalog: catalog, messages: messages)
    }
}

extension OccupationCatalog {
    /// Whether the catalog has O*NET occupations. O(occupations).
    public var hasONET: Bool { occupations.contains { $0.scheme == .onet } }

    /// The schemes to index for coding: ESCO, and O*NET when `includeONET` and the catalog has it.
    public func schemes(includeONET: Bool) -> Set<OccupationScheme> {
        includeONET && hasONET ? [.esco, .onet] : [.esco]
    }
}
