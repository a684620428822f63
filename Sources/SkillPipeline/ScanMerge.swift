import Foundation
import SkillIngest
import SkillStore
import SkillTaxonomy
import SkillTokenizer

/// What `skillradar scan` wrote: per input, records and quarantined records.
public struct ScanSummary: Sendable {
    public var inputs: [(path: String, records: Int, quarantined: Int)] = []
    public var records: Int { inputs.reduce(0) { $0 + $1.records } }
    public var quarantined: Int { inputs.reduce(0) { $0 + $1.quarantined } }
}

extension Analyzer {
    /// The scan stage alone (`skillradar scan`): reads and matches every input on all cores and writes the scan
    /// stream — header, then per input its records, quarantined records and place resolutions, then the end.
    /// Touches no store: a place is resolved the first time the stream sees its location string.
    public func scan(_ options: AnalyzeOptions, into writer: ScanStreamWriter) throws -> ScanSummary {
        let files = try Self.expandInputs(options.inputs, format: options.format)
        if options.range != nil, files.count != 1 {
            throw PipelineError("--range reads a part of one file; give exactly one input (got \(files.count))")
        }
        try options.nearDuplicates?.validate()
        let places = try placesFuture(options)
        try writer.write(.header(scanHeader(options, gazetteer: places?.1)))
        let regions = RegionsSeen([])
        var summary = ScanSummary()
        for path in files {
            let format = options.format ?? InputFormat.detect(path) ?? .jsonl
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var file = ScanFile(path: path, format: format.rawValue, bytes: size, mapping: options.mapping)
            (file.rangeStart, file.rangeEnd) = (min(options.range?.start ?? 0, size), options.range?.end.map { min($0, size) })
            try writer.write(.file(file))
            let digest = FileDigest(path: path)
            var failure: (any Error)?
            var counts = (records: 0, quarantined: 0)
            scan(path: path, format: format, digest: digest, options: options, places: places?.0, regions: regions) { m in
                do {
                    switch m {
                    case .batch(let b):
                        for r in b.records { try writer.write(.record(r)) }
                        for q in b.quarantined { try writer.write(.quarantined(q)) }
                        for p in b.places { try writer.write(.place(p)) }
                        counts.records += b.records.count
                        counts.quarantined += b.quarantined.count
                    case .end: break
                    case .failure(let e): failure = e
                    }
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            try writer.write(.fileEnd(ScanFileEnd(path: path, sha256: try digest.value(),
                                                  read: counts.records + counts.quarantined)))
            summary.inputs.append((path, counts.records, counts.quarantined))
        }
        try writer.write(.end(records: summary.records + summary.quarantined))
        try writer.close()
        return summary
    }
}

/// The merge stage alone (`skillradar merge`): stores scan streams into a store as one run, exactly as `analyze`
/// stores what it scans. Parts are merged in the order given; their headers must agree (same engine, taxonomy,
/// rules and parameters), and an input split into byte ranges must come as consecutive parts that cover it.
public enum MergeJob {
    /// Merges `parts` into the store at `database`. `taxonomy` and `tokenizer` must be those the parts were
    /// scanned with (checked by digest). Records are stored `batchSize` to a transaction.
    /// `plan` (from a cluster, ``SimilarityPlan``) replaces reading candidates' text to verify near-duplicates.
    public static func run(parts: [String], database: String, taxonomy: Taxonomy, tokenizer: Tokenizer, threads: Int,
                           batchSize: Int, command: String, plan: SimilarityPlan? = nil) throws -> (AnalyzeResult, ScanHeader) {
        guard !parts.isEmpty else { throw PipelineError("merge: give at least one scan file") }
        let start = Date()
        let readers = try parts.map { try ScanStreamReader(path: $0) }
        let headers = try readers.map { try $0.readHeader() }
        for (k, h) in headers.enumerated() {
            let differences = headers[0].differences(from: h)
            guard differences.isEmpty else {
                throw PipelineError("merge: \(parts[k]) was scanned with other settings than \(parts[0]) ("
                                    + differences.joined(separator: "; ") + "); scan every part alike")
            }
        }
        let merger = try Merger(store: try SkillStore(path: database), header: headers[0], taxonomy: taxonomy,
                                tokenizer: tokenizer, threads: threads, command: command, plan: plan)
        var bytes = 0
        do {
            // The input being merged: where its next part must start, and its SHA-256. It is ended (accounted)
            // when another input begins or the parts run out, once its parts cover it to its last byte.
            var open: (file: ScanFile, next: Int, sha256: String)?
            func close() throws {
                guard let o = open else { return }
                guard o.next >= o.file.bytes else {
                    throw PipelineError("merge: \(o.file.path) is covered only up to byte \(o.next) of \(o.file.bytes); "
                                        + "a part is missing (give the parts of a split file consecutively, in order)")
                }
                bytes += o.file.bytes
                try merger.endFile(sha256: o.sha256)
                open = nil
            }
            for reader in readers {
                var batch = ScanBatch()
                var file: ScanFile?
                var fileRead = 0, streamRead = 0
                func flush() throws {
                    guard !batch.records.isEmpty || !batch.quarantined.isEmpty || !batch.places.isEmpty else { return }
                    try merger.add(batch)
                    batch = ScanBatch()
                }
                while let message = try reader.next() {
                    switch message {
                    case .header: break
                    case .file(let f):
                        if let o = open, o.file.path == f.path, f.rangeStart == o.next, f.rangeStart > 0 {
                            file = f // the next part of the open input
                            break
                        }
                        try close()
                        guard f.rangeStart == 0 else {
                            throw PipelineError("merge: \(reader.path) starts \(f.path) at byte \(f.rangeStart); "
                                                + "the parts before it are missing or out of order")
                        }
                        try merger.beginFile(f)
                        file = f
                    case .record(let r):
                        (fileRead, streamRead) = (fileRead + 1, streamRead + 1)
                        batch.records.append(r)
                        if batch.read >= batchSize { try flush() }
                    case .quarantined(let q):
                        (fileRead, streamRead) = (fileRead + 1, streamRead + 1)
                        batch.quarantined.append(q)
                        if batch.read >= batchSize { try flush() }
                    case .place(let p):
                        batch.places.append(p)
                    case .fileEnd(let e):
                        try flush()
                        guard let f = file else { break }
                        guard e.read == fileRead else {
                            throw PipelineError("merge: \(reader.path) says \(e.read) records of \(f.path) were read "
                                                + "but holds \(fileRead); the scan file is damaged")
                        }
                        fileRead = 0
                        if let o = open, o.file.path == f.path, o.sha256 != e.sha256 {
                            throw PipelineError("merge: the parts of \(f.path) were scanned from different files "
                                                + "(SHA-256 \(o.sha256.prefix(16)) and \(e.sha256.prefix(16)))")
                        }
                        open = (f, f.rangeEnd ?? f.bytes, e.sha256)
                        file = nil
                    case .end(let n):
                        guard n == streamRead else {
                            throw PipelineError("merge: \(reader.path) says it holds \(n) records but has \(streamRead); "
                                                + "the scan file is damaged")
                        }
                        try flush()
                    }
                }
            }
            try close()
            try merger.finish()
        } catch {
            merger.fail()
            throw error
        }
        return (AnalyzeResult(runID: merger.runID, accounts: merger.accounts, seconds: Date().timeIntervalSince(start),
                              bytes: bytes), headers[0])
    }
}
