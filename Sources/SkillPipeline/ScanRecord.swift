import SkillDedup
import SkillIngest
import SkillIO
import SkillStore

/// What the scan stage knows about a run before it reads a record: the engine, taxonomy, rules and parameters
/// its records were computed with. `merge` records the run from it and refuses to mix parts whose headers
/// differ in anything but their inputs (see DESIGN.md, *Scan records*).
public struct ScanHeader: Sendable, Hashable, Codable {
    /// Format name and version of the stream; a reader refuses any other.
    public var format = ScanHeader.formatName
    public var version = ScanHeader.formatVersion
    public var engine: String
    public var taxonomyName: String
    public var taxonomyVersion: String
    /// The taxonomy's SHA-256: merge loads the taxonomy itself and refuses another one.
    public var taxonomyDigest: String
    /// ``SkillTokenizer/TokenizerOptions/fingerprint`` of the matcher's tokenizer.
    public var tokenizer: String
    public var corpus: Corpus
    /// The run parameters as `analyze` records them (rules, places, near-duplicate scheme, ...).
    public var parameters: [String: String]
    /// Near-duplicate detection's parameters; nil = exact duplicates only.
    public var nearDuplicates: NearDuplicateParameters?
    /// Gazetteer identity the place resolutions were made with ("" = places off).
    public var gazetteer: String
    public var storeText: Bool

    public static let formatName = "skillradar-scan"
    public static let formatVersion = 1

    /// What differs from `other` ("engine 0.1.0 / 0.2.0", "parameter context_rules ..."); empty when records
    /// scanned under either can be merged into one run.
    public func differences(from other: ScanHeader) -> [String] {
        var out: [String] = []
        func check(_ name: String, _ a: String, _ b: String) { if a != b { out.append("\(name) '\(a)' / '\(b)'") } }
        check("format", "\(format) \(version)", "\(other.format) \(other.version)")
        check("engine", engine, other.engine)
        check("taxonomy", taxonomyDigest, other.taxonomyDigest)
        check("tokenizer", tokenizer, other.tokenizer)
        check("corpus", corpus.rawValue, other.corpus.rawValue)
        check("gazetteer", gazetteer, other.gazetteer)
        check("store text", String(storeText), String(other.storeText))
        if nearDuplicates != other.nearDuplicates { out.append("near-duplicate parameters") }
        for key in Set(parameters.keys).union(other.parameters.keys).sorted() {
            check("parameter " + key, parameters[key] ?? "-", other.parameters[key] ?? "-")
        }
        return out
    }
}

/// One input (or byte range of one) as the scan stage read it.
public struct ScanFile: Sendable, Hashable, Codable {
    public var path: String
    public var format: String
    /// Bytes of the whole file.
    public var bytes: Int
    /// The field mapping the records were read with, kept so drill-down can read them back.
    public var mapping: FieldMapping
    /// The byte range of the file this part covers (`rangeEnd` nil = to the end).
    public var rangeStart = 0
    public var rangeEnd: Int?
}

/// The end of one input: its SHA-256 and how many records (and quarantined records) were read from it.
public struct ScanFileEnd: Sendable, Hashable, Codable {
    public var path: String
    public var sha256: String
    public var read: Int
}

/// One record after the scan stage: the posting as it will be stored (by reference unless `storeText`), its
/// accepted skill mentions, LSH band keys, coded occupation and roles. Shingles are not part of the stream:
/// the rare record with near-duplicate candidates has them rebuilt from its text by the merge stage.
public struct ScanRecord: Sendable, Hashable {
    public var posting: PostingRow
    public var mentions: [MentionRow]
    /// Word-shingle hashes, in-process only (empty when the record came from a stream).
    public var shingles: [UInt64] = []

    public init(posting: PostingRow, mentions: [MentionRow], shingles: [UInt64] = []) {
        self.posting = posting
        self.mentions = mentions
        self.shingles = shingles
    }
}

/// A location string normalised to places by the scan stage (the first time its stream saw it).
public typealias ScanPlace = SkillStore.RegionResolutionRow

/// One unit of the scan stream, in the order `merge` applies them.
public enum ScanMessage: Sendable {
    case header(ScanHeader)
    case file(ScanFile)
    case record(ScanRecord)
    case quarantined(QuarantineRow)
    case place(ScanPlace)
    case fileEnd(ScanFileEnd)
    /// The end of the stream: a stream without it was cut short and is refused.
    case end(records: Int)
}

/// An error reading or writing a scan stream, with where and why.
public struct ScanFormatError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
