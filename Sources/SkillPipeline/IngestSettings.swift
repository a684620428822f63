import Foundation
import SkillDedup
import SkillIngest
import SkillStore

/// How `analyze` reads its inputs, as the user gave it (format, encoding, delimiter, record path, field mapping,
/// batches, near-duplicate rules, places); checked by ``validate()``, turned into an ``AnalyzeOptions`` by
/// ``analyzeOptions(inputs:database:corpus:command:)``.
public struct IngestSettings: Sendable {
    public var inputFormat: String?
    public var encoding: String?
    public var delimiter: String?
    public var recordPath: String?
    public var map: [String] = []
    public var threads = 1
    public var batchSize = 2_000
    public var maxRecordBytes = 8 << 20
    public var placesDirectory: String?
    public var noPlaces = false
    public var nearDupThreshold = 0.9
    public var noNearDup = false
    public var repostWindowDays = 30
    public var distinctAfterDays = 60
    public var storeText = false

    public init() {}


    /// Throws the first setting that is out of range or does not parse, saying which and why.
    public func validate() throws {
        func fail(_ s: String) -> PipelineError { PipelineError(s) }
        if let f = inputFormat, InputFormat(rawValue: f) == nil {
            throw fail("--input-format must be one of jsonl, csv, tsv, html, xml (got '\(f)')")
        }
        do { _ = try mapping() } catch { throw fail("\(error)") }
        guard threads >= 1 else { throw fail("--threads must be at least 1") }
        guard batchSize >= 1 else { throw fail("--batch-size must be at least 1") }
        guard nearDupThreshold > 0, nearDupThreshold <= 1 else {
            throw fail("--near-dup-threshold must be in (0, 1] (got \(nearDupThreshold))")
        }
        guard distinctAfterDays >= repostWindowDays else {
            throw fail("--distinct-after-days (\(distinctAfterDays)) must be at least --repost-window-days (\(repostWindowDays))")
        }
        guard repostWindowDays >= 0 else { throw fail("--repost-window-days must be at least 0 (got \(repostWindowDays))") }
        guard maxRecordBytes >= 1024 else { throw fail("--max-record-bytes must be at least 1024") }
    }

    /// The field mapping with the map, encoding, delimiter and record path applied.
    public func mapping() throws -> FieldMapping {
        var m = FieldMapping()
        try m.apply(map)
        if let encoding { try m.setEncoding(encoding) }
        if let delimiter { try m.setDelimiter(delimiter) }
        m.recordPath = recordPath
        return m
    }

    public func analyzeOptions(inputs: [String], database: String, corpus: Corpus, command: String) throws -> AnalyzeOptions {
        var o = AnalyzeOptions(inputs: inputs, database: database)
        (o.corpus, o.format, o.mapping, o.command) = (corpus, inputFormat.flatMap(InputFormat.init(rawValue:)), try mapping(), command)
        (o.threads, o.batchSize, o.maxRecordBytes) = (threads, batchSize, maxRecordBytes)
        (o.normalizePlaces, o.placesDirectory, o.storeText) = (!noPlaces, placesDirectory, storeText)
        if noNearDup {
            o.nearDuplicates = nil
        } else {
            var nd = NearDuplicateParameters(threshold: nearDupThreshold, repostWindowDays: repostWindowDays)
            nd.distinctAfterDays = distinctAfterDays
            o.nearDuplicates = nd
        }
        return o
    }
}
