import Foundation

/// A multi-source import (`taxonomy import`): a base taxonomy, ESCO CSVs, O*NET releases and SKOS RDF/XML files,
/// merged by concept ID in that order, then user overrides applied. Yields the taxonomy, its `taxonomy.tsv`
/// metadata and what each source read, imported and skipped. Writes nothing. O(rows and labels of the sources).
public struct TaxonomyImport: Sendable {
    /// A taxonomy directory to start from (labels keep their flags); nil for none.
    public var base: String?
    /// ESCO CSV directories (or single skills CSVs).
    public var esco: [String] = []
    /// O*NET text release directories.
    public var onet: [String] = []
    /// SKOS RDF/XML files.
    public var skos: [String] = []
    /// Languages to keep, in order of preference; nil for all.
    public var languages: [String]?
    /// ESCO: keep only skills of these collections; nil for all.
    public var collections: Set<String>?
    /// ESCO: import skill groups as concepts too.
    public var escoGroups = false
    /// O*NET: import occupations (Occupation_Data, Alternate_Titles) as concepts too.
    public var onetOccupations = false
    /// User override file (action, concept_id, text, extra); nil for none.
    public var overrides: String?

    /// The merged taxonomy, its metadata and the per-source reports.
    public struct Result: Sendable {
        public var taxonomy: Taxonomy
        /// `taxonomy.tsv` rows: `source.*` for each source, `languages`, `builder`.
        public var meta: [(String, String)]
        /// One entry per source in import order (the base taxonomy's size, each importer's report, the overrides'
        /// report); an entry may span several lines.
        public var report: [String]
    }

    public init(base: String? = nil, esco: [String] = [], onet: [String] = [], skos: [String] = [],
                languages: [String]? = nil, collections: Set<String>? = nil, escoGroups: Bool = false,
                onetOccupations: Bool = false, overrides: String? = nil) {
        self.base = base
        self.esco = esco
        self.onet = onet
        self.skos = skos
        self.languages = languages
        self.collections = collections
        self.escoGroups = escoGroups
        self.onetOccupations = onetOccupations
        self.overrides = overrides
    }

    /// Parses a `--lang` value: comma-separated codes, blanks dropped; nil (all languages) when empty or `all`.
    public static func languages(_ list: String) -> [String]? {
        let l = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return l.isEmpty || l.contains("all") ? nil : l
    }

    /// Parses a `--collection` value: comma-separated ESCO collection names.
    public static func collections(_ list: String) -> Set<String> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Reads every source and merges them. `builder` is the `builder` metadata value (program and command).
    /// Throws the first source's error (unreadable or malformed file).
    public func run(name: String, version: String, builder: String) throws -> Result {
        var combined = TaxonomyDraft()
        var meta: [(String, String)] = []
        var report: [String] = []
        func merge(_ d: TaxonomyDraft, _ r: ImportReport) {
            for c in d.concepts { combined.merge(c) }
            report.append(r.description)
        }
        if let base {
            // `discover --export` rows applied to the shipped taxonomy: `--base Taxonomies/ict-skills --overrides`.
            let t = try TaxonomyFiles.load(directory: base)
            for c in TaxonomyDraft(t).concepts { combined.merge(c) }
            report.append("\(base): \(t.concepts.count) concepts, \(t.labels.count) labels (digest \(t.shortDigest))")
            meta.append(("source.base", "\(t.name) \(t.version) digest:\(t.digest)"))
        }
        for dir in esco {
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
            meta.append(("source.skos", try TaxonomyFiles.sourceFingerprint(file)))
        }
        if let overrides {
            let o = try TaxonomyOverrides.load(overrides)
            report.append(try o.apply(to: &combined).description)
            meta.append(("source.overrides", try TaxonomyFiles.sourceFingerprint(overrides)))
        }
        if let languages { meta.append(("languages", languages.joined(separator: ","))) }
        meta.append(("builder", builder))
        let t = combined.taxonomy(name: name, version: version, preferredLanguages: languages ?? [])
        return Result(taxonomy: t, meta: meta, report: report)
    }
}
