import Dispatch
import Foundation
import SkillDedup
import SkillIngest
import SkillStore
import SkillTaxonomy
import SkillTokenizer

/// What the scan stage hands to the merge stage for one batch of an input: its records (posting, mentions,
/// band keys, occupation, roles), quarantined records and the place resolutions first seen in it.
struct ScanBatch: Sendable {
    var records: [ScanRecord] = []
    var quarantined: [QuarantineRow] = []
    var places: [ScanPlace] = []
    /// Records and quarantined records read (= records.count + quarantined.count).
    var read: Int { records.count + quarantined.count }
    /// Input bytes up to the batch's last record (progress).
    var endOffset = 0
    /// Wall time the scan stage spent on the batch (profile).
    var scanNanos: UInt64 = 0
}

/// The merge stage: stores scanned batches into one run of a store, in input order — exact and near-duplicate
/// and repost decisions against everything stored, postings by reference, mentions, occupations, roles, place
/// resolutions, the aggregates, and each input's accounting. Used by `analyze` (fed by its scan threads) and by
/// `merge` (fed by scan streams); the same records in the same order give the same store either way.
final class Merger {
    let store: SkillStore
    let runID: Int64
    let taxonomyID: Int64
    let header: ScanHeader
    private let resolver: NearDuplicateResolver?
    private let lshScheme: String?
    private let bulkLoad: Bool
    private var resolvedRegions: Set<String>
    private var account: InputAccount?
    private(set) var phase = PhaseTimes()
    private(set) var accounts: [InputAccount] = []
    private let plan: SimilarityPlan?
    /// Records added so far (their numbers across the parts, as a similarity plan counts them).
    private var recordsAdded = 0

    /// Records the taxonomy and a new run from `header`, and loads the near-duplicate index. `tokenizer` must be
    /// the taxonomy matcher's (band keys and shingles depend on it).
    /// With `plan`, near-duplicate candidates are verified by the plan's similarities (``SimilarityPlan``).
    init(store: SkillStore, header: ScanHeader, taxonomy: Taxonomy, tokenizer: Tokenizer, threads: Int,
         command: String, plan: SimilarityPlan? = nil) throws {
        guard header.taxonomyDigest == taxonomy.digest else {
            throw PipelineError("the records were scanned with taxonomy \(header.taxonomyName) \(header.taxonomyVersion) "
                                + "(digest \(header.taxonomyDigest.prefix(16))) but \(taxonomy.name) \(taxonomy.version) "
                                + "(digest \(taxonomy.shortDigest)) is loaded; give merge the scan's --taxonomy")
        }
        guard header.tokenizer == tokenizer.options.fingerprint else {
            throw PipelineError("the records were scanned with tokenizer \(header.tokenizer), not \(tokenizer.options.fingerprint)")
        }
        self.store = store
        self.header = header
        taxonomyID = try store.recordTaxonomy(
            name: taxonomy.name, version: taxonomy.version, digest: taxonomy.digest, labelCount: taxonomy.labels.count,
            concepts: taxonomy.concepts.map { ($0.id, $0.preferredLabel, $0.type, $0.source, $0.hotTechnology, $0.inDemand) })
        resolvedRegions = try header.gazetteer.isEmpty ? [] : store.resolvedRegions(gazetteer: header.gazetteer)
        if let nd = header.nearDuplicates {
            try nd.validate()
            let t0 = DispatchTime.now().uptimeNanoseconds
            resolver = try NearDuplicateResolver(store: store, hasher: MinHasher(parameters: nd, tokenizer: tokenizer),
                                                 corpus: header.corpus, threads: threads, plan: plan)
            phase.lshLoad = DispatchTime.now().uptimeNanoseconds - t0
        } else {
            guard plan == nil else {
                throw PipelineError("the parts were scanned without near-duplicate detection: no similarity plan applies")
            }
            resolver = nil
        }
        self.plan = plan
        lshScheme = resolver?.hasher.parameters.scheme
        runID = try store.recordRun(engineVersion: header.engine, taxonomyID: taxonomyID, tokenizer: header.tokenizer,
                                    corpus: header.corpus, parameters: header.parameters, command: command)
        // A first load into an empty store builds the query-only indexes once at its end (a failed or killed
        // one gets them when the store is next opened for writing).
        bulkLoad = try store.beginBulkLoad()
    }

    /// Regions of the store already resolved under the run's gazetteer (the scan stage need not resolve them).
    var knownRegions: Set<String> { resolvedRegions }

    func beginFile(_ file: ScanFile) throws {
        guard account == nil else { throw PipelineError("merge: \(file.path) begins before the previous input ends") }
        guard let format = InputFormat(rawValue: file.format) else {
            throw PipelineError("merge: \(file.path) has unknown format \(file.format)")
        }
        try store.recordSourceReader(runID: runID, path: file.path, format: format, mapping: file.mapping)
        account = InputAccount(path: file.path, sha256: "", bytes: file.bytes, format: file.format)
    }

    /// Stores one batch in one transaction; returns the records read so far from the current input.
    @discardableResult
    func add(_ batch: ScanBatch) throws -> Int {
        guard var a = account else { throw PipelineError("merge: records outside an input") }
        let t1 = DispatchTime.now().uptimeNanoseconds, c1 = threadCPUNanos()
        let items = batch.records.map { ($0.posting, $0.mentions) }
        resolver?.begin(records: batch.records, firstRecord: recordsAdded)
        recordsAdded += batch.records.count
        let outcomes = try store.insertBatch(runID: runID, taxonomyID: taxonomyID, items: items,
                                             quarantined: batch.quarantined, resolver: resolver, lshScheme: lshScheme)
        let fresh = batch.places.filter { resolvedRegions.insert($0.region).inserted }
        try store.recordRegionResolutions(fresh, gazetteer: header.gazetteer)
        phase.match += batch.scanNanos
        phase.store += DispatchTime.now().uptimeNanoseconds - t1
        phase.storeCPU += threadCPUNanos() - c1
        a.read += batch.read
        for o in outcomes { a.count(o) }
        a.quarantined += batch.quarantined.count
        account = a
        return a.read
    }

    /// Ends the current input: records its accounting with the file's SHA-256.
    @discardableResult
    func endFile(sha256: String) throws -> InputAccount {
        guard var a = account else { throw PipelineError("merge: an input ends that did not begin") }
        a.sha256 = sha256
        try store.recordInput(runID: runID, a)
        accounts.append(a)
        account = nil
        return a
    }

    /// Builds the query indexes after a bulk load and marks the run completed.
    func finish() throws {
        if let plan, plan.records != recordsAdded {
            throw PipelineError("the similarity plan was made for \(plan.records) records but the parts hold \(recordsAdded)")
        }
        let t2 = DispatchTime.now().uptimeNanoseconds
        if bulkLoad { try store.ensureIndexes() }
        phase.indexes = DispatchTime.now().uptimeNanoseconds - t2
        try store.finishRun(runID, status: .completed)
        phase.candidates = resolver?.candidatesVerified ?? 0
        phase.shinglesLoaded = resolver?.shinglesLoaded ?? 0
    }

    func fail() { try? store.finishRun(runID, status: .failed) }
}
