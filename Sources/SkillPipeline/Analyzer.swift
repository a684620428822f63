import Dispatch
import Foundation
import Synchronization
import SkillDedup
import SkillDisambiguation
import SkillIngest
import SkillIO
import SkillMatcher
import SkillOccupations
import SkillPlaces
import SkillStore
import SkillTaxonomy
import SkillTokenizer

/// The engine's version, recorded with every run.
public enum SkillRadarVersion {
    public static let current = "0.1.0"
}

/// Wall-clock nanoseconds per phase of a run (printed with SKILLRADAR_PROFILE=1).
struct PhaseTimes: CustomStringConvertible {
    var match: UInt64 = 0
    var store: UInt64 = 0
    /// CPU time of the writer thread while storing (unlike wall time, not inflated by other processes).
    var storeCPU: UInt64 = 0
    /// Building the query-only indexes after a bulk load.
    var indexes: UInt64 = 0
    var total: UInt64 = 0
    /// Loading (and backfilling) the LSH index before the first batch.
    var lshLoad: UInt64 = 0
    /// Near-duplicate candidates verified, and candidate shingle sets rebuilt from stored text.
    var candidates = 0
    var shinglesLoaded = 0

    /// Reading and matching (producer thread) overlap storing (calling thread), so the phases do not add up.
    var description: String {
        func s(_ x: UInt64) -> String { formatFixed(Double(x) / 1e9, 3) + " s" }
        return "phases (overlapping): match+hash+fingerprint \(s(match)) on the producer, store+dedup \(s(store)) "
            + "on the writer (\(s(storeCPU)) CPU), index build \(s(indexes)), LSH index load \(s(lshLoad)), total \(s(total)); near-duplicate candidates "
            + "\(candidates) verified, \(shinglesLoaded) shingle sets rebuilt from stored text\n"
    }
}

/// Options of one `analyze` run.
public struct AnalyzeOptions: Sendable {
    public var inputs: [String]
    public var database: String
    public var corpus: Corpus = .demand
    /// nil = detect from each file name.
    public var format: InputFormat?
    public var mapping = FieldMapping()
    /// Records matched and stored per transaction.
    public var batchSize = 2_000
    /// Matching threads; defaults to the number of cores.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    public var maxRecordBytes = 8 << 20
    public var command = "analyze"
    /// Near-duplicate and repost detection; nil = exact duplicates (equal content hash) only.
    public var nearDuplicates: NearDuplicateParameters? = NearDuplicateParameters()
    /// Normalise locations to places (the shipped gazetteer, or `placesDirectory`); a posting without a region
    /// field gets the location its title or opening text names.
    public var normalizePlaces = true
    public var placesDirectory: String?
    /// Keep each posting's text in the database (`--store-text`); by default a posting is stored by reference
    /// to its source (file, position, content hash) and read back from it when a text-level analysis needs it.
    public var storeText = false
    /// `scan --range`: only the records that start in this byte range of the one (JSON Lines) input.
    public var range: RecordRange?

    public init(inputs: [String], database: String) {
        self.inputs = inputs
        self.database = database
    }
}

/// The outcome of a run.
public struct AnalyzeResult: Sendable {
    public var runID: Int64
    public var accounts: [InputAccount]
    public var seconds: Double
    public var bytes: Int

    public var records: Int { accounts.reduce(0) { $0 + $1.read } }
    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
}

/// A progress report, delivered about twice a second and at the end of each input.
public struct Progress: Sendable {
    public var path: String
    /// Records read so far in this run.
    public var records: Int
    /// Input bytes processed so far in this run (of the current file: up to its last stored record).
    public var bytes: Int
    /// Bytes of all inputs of the run.
    public var totalBytes: Int
    public var seconds: Double
    /// True for the report at the end of an input.
    public var inputFinished = false

    public var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    /// Seconds left at the current byte rate; nil before any byte is done.
    public var eta: Double? {
        guard bytes > 0, seconds > 0 else { return nil }
        return Double(max(0, totalBytes - bytes)) / (Double(bytes) / seconds)
    }
}

/// Reads inputs, matches each record against the taxonomy on all cores, and stores postings, mentions,
/// quarantined records and accounting in batches, each one transaction.
///
/// Crash safety: a killed run leaves whole batches only (each with its aggregate additions); rerunning the
/// same inputs stores what is missing and skips what is there ("already present"), so the result equals an
/// uninterrupted run.
public struct Analyzer: Sendable {
    public let taxonomy: Taxonomy
    public let matcher: Matcher
    /// Context rules for ambiguous labels; matches below its threshold are not counted. nil = every match counts.
    public let disambiguator: Disambiguator?
    /// What the run records about the rules (file and SHA-256), when there are rules.
    public let rulesDescription: String?
    /// Codes each demand posting's title (with its matched skills as evidence) to an occupation; nil = no coding.
    public let occupationCoder: OccupationCoder?
    /// What the run records about the occupation catalog (sources, languages), when coding.
    public let occupationDescription: String?

    public init(taxonomy: Taxonomy, matcher: Matcher, disambiguator: Disambiguator? = nil,
                rulesDescription: String? = nil, occupationCoder: OccupationCoder? = nil,
                occupationDescription: String? = nil) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.disambiguator = disambiguator
        self.rulesDescription = rulesDescription
        self.occupationCoder = occupationCoder
        self.occupationDescription = occupationDescription
    }

    /// The best ESCO occupation for `title` given the posting's skill concept IDs, or nil (no title, no candidate).
    public static func codeOccupation(_ coder: OccupationCoder, title: String, skills: [String]) -> OccupationAssignment? {
        guard !title.isEmpty, let c = coder.code(title, skills: skills, scheme: .esco, limit: 1).first else { return nil }
        return OccupationAssignment(occupationID: c.occupationID, label: c.label, iscoCode: c.iscoCode,
                                    onetCode: c.onetCode, confidence: c.confidence, method: c.method.rawValue)
    }

    /// Expands files, directories (recursively, files of known formats, sorted) and glob patterns
    /// (``InputExpansion``), and checks that each file's format is known or given.
    public static func expandInputs(_ inputs: [String], format: InputFormat?) throws -> [String] {
        let files = try InputExpansion.expand(inputs)
        if format == nil, let unknown = files.first(where: { InputFormat.detect($0) == nil }) {
            throw IngestError("cannot tell the format of \(unknown) from its name; "
                              + "use --input-format jsonl|csv|tsv|html|xml")
        }
        return files
    }

    /// The scan header of a run with `options`: engine, taxonomy, rules, places and near-duplicate parameters.
    func scanHeader(_ options: AnalyzeOptions, gazetteer: String?) -> ScanHeader {
        var params: [String: String] = [
            "batch_size": String(options.batchSize), "threads": String(options.threads),
            "max_record_bytes": String(options.maxRecordBytes), "match_kind": MatchKind.leftmostLongest.rawValue,
            "taxonomy": "\(taxonomy.name) \(taxonomy.version) \(taxonomy.shortDigest)",
        ]
        if let f = options.format { params["format"] = f.rawValue }
        if let d = disambiguator {
            params["context_rules"] = rulesDescription ?? "given"
            params["min_confidence"] = String(d.threshold)
        } else {
            params["context_rules"] = "off"
        }
        params["store_text"] = options.storeText ? "yes" : "no (postings by reference to their sources)"
        params["occupations"] = occupationCoder == nil ? "off" : (occupationDescription ?? "on")
        params["places"] = !options.normalizePlaces ? "off" : (gazetteer ?? "off (no gazetteer found)")
        if let nd = options.nearDuplicates {
            params["near_dup"] = MinHasher(parameters: nd, tokenizer: matcher.tokenizer).parameters.scheme
                + ";threshold=\(nd.threshold);repost_window_days=\(nd.repostWindowDays)"
                + ";distinct_after_days=\(nd.distinctAfterDays);distinct_employers=yes"
        } else {
            params["near_dup"] = "off"
        }
        return ScanHeader(engine: SkillRadarVersion.current, taxonomyName: taxonomy.name, taxonomyVersion: taxonomy.version,
                          taxonomyDigest: taxonomy.digest, tokenizer: matcher.tokenizer.options.fingerprint,
                          corpus: options.corpus, parameters: params, nearDuplicates: options.nearDuplicates,
                          gazetteer: gazetteer ?? "", storeText: options.storeText)
    }

    /// The gazetteer (loading on another thread while the first batch is read and matched) and its identity,
    /// when places are normalised and a gazetteer is found.
    func placesFuture(_ options: AnalyzeOptions) throws -> (PlacesFuture, String)? {
        guard options.normalizePlaces, let dir = PlaceLoading.directory(options.placesDirectory) else { return nil }
        return (PlacesFuture(directory: dir), try PlaceLoading.identity(dir))
    }

    /// Runs the whole job: the scan stage on all cores (a producer thread per input, one batch ahead) feeding
    /// the merge stage on the calling thread. `progress` is called from the calling thread.
    public func run(_ options: AnalyzeOptions, progress: (Progress) -> Void = { _ in }) throws -> AnalyzeResult {
        let files = try Self.expandInputs(options.inputs, format: options.format)
        try options.nearDuplicates?.validate()
        let store = try SkillStore(path: options.database)
        let places = try placesFuture(options)
        let header = scanHeader(options, gazetteer: places?.1)
        let merger = try Merger(store: store, header: header, taxonomy: taxonomy, tokenizer: matcher.tokenizer,
                                threads: options.threads, command: options.command)
        let seenRegions = RegionsSeen(merger.knownRegions)
        let start = Date()
        var records = 0
        var totalBytes = 0
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        let allBytes = sizes.reduce(0, +)
        do {
            for (fileIndex, path) in files.enumerated() {
                let format = options.format ?? InputFormat.detect(path) ?? .jsonl
                let size = sizes[fileIndex]
                try merger.beginFile(ScanFile(path: path, format: format.rawValue, bytes: size, mapping: options.mapping))
                // The file's SHA-256 is computed on another thread while the file is read and matched; the
                // reader waits for it only at its first record without an id.
                let digest = FileDigest(path: path)
                var lastReport = Date()
                // Reading, parsing and matching run on a producer thread, one batch ahead of storing on
                // this thread; the channel holds at most two batches.
                let channel = BatchChannel(capacity: 2)
                let analyzer = self
                DispatchQueue.global().async {
                    defer { channel.producerFinished() }
                    analyzer.scan(path: path, format: format, digest: digest, options: options, places: places?.0,
                                  regions: seenRegions) { channel.put($0) }
                }
                defer {
                    channel.cancel()
                    channel.waitForProducer()
                }
                consume: while true {
                    switch channel.take() {
                    case .batch(let batch):
                        let read = try merger.add(batch)
                        if Date().timeIntervalSince(lastReport) >= 0.5 {
                            lastReport = Date()
                            progress(Progress(path: path, records: records + read,
                                              bytes: totalBytes + min(batch.endOffset, size), totalBytes: allBytes,
                                              seconds: Date().timeIntervalSince(start)))
                        }
                    case .end:
                        break consume
                    case .failure(let error):
                        throw error
                    }
                }
                totalBytes += size
                records += try merger.endFile(sha256: try digest.value()).read
                progress(Progress(path: path, records: records, bytes: totalBytes, totalBytes: allBytes,
                                  seconds: Date().timeIntervalSince(start), inputFinished: true))
            }
            try merger.finish()
            var phase = merger.phase
            phase.total = UInt64(Date().timeIntervalSince(start) * 1e9)
            if ProcessInfo.processInfo.environment["SKILLRADAR_PROFILE"] != nil {
                FileHandle.standardError.write(Data(phase.description.utf8))
            }
        } catch {
            merger.fail()
            throw error
        }
        return AnalyzeResult(runID: merger.runID, accounts: merger.accounts, seconds: Date().timeIntervalSince(start),
                             bytes: totalBytes)
    }

    /// The scan stage for one input: reads `path`, cuts batches, matches them on all cores, resolves the places
    /// first seen, and hands each batch to `sink` in input order; ends with `.end` or `.failure`, and stops
    /// early when `sink` returns false.
    func scan(path: String, format: InputFormat, digest: FileDigest, options: AnalyzeOptions, places: PlacesFuture?,
              regions: RegionsSeen, sink: (BatchMessage) -> Bool) {
        let reader = InputReader(mapping: options.mapping, maxRecordBytes: options.maxRecordBytes)
        let hasher = options.nearDuplicates.map { MinHasher(parameters: $0, tokenizer: matcher.tokenizer) }
        var batch: [PostingRecord] = []
        var quarantined: [QuarantineRow] = []
        func send() throws -> Bool {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var out = ScanBatch()
            out.records = matchBatch(batch, corpus: options.corpus, threads: options.threads, hasher: hasher,
                                     places: places, storeText: options.storeText)
            out.quarantined = quarantined
            if let normalizer = try places?.get() {
                // Each distinct location string is normalised once per store (or stream) and gazetteer.
                for r in out.records {
                    guard let region = r.posting.region, !region.isEmpty, regions.insert(region) else { continue }
                    out.places.append(Self.resolutionRow(normalizer.normalize(region), normalizer.gazetteer))
                }
            }
            out.endOffset = max(batch.last?.offset ?? 0, quarantined.last?.offset ?? 0)
            out.scanNanos = DispatchTime.now().uptimeNanoseconds - t0
            batch.removeAll(keepingCapacity: true)
            quarantined.removeAll(keepingCapacity: true)
            return sink(.batch(out))
        }
        do {
            try reader.read(path, format: format, fileDigest: { try digest.value() }, range: options.range) { event in
                switch event {
                case .record(let r): batch.append(r)
                case .quarantined(let q): quarantined.append(q)
                }
                if batch.count + quarantined.count >= options.batchSize, try !send() { throw CancellationError() }
            }
            if try send() { _ = sink(.end) }
        } catch {
            _ = sink(.failure(error))
        }
    }
    /// Matches a batch on `threads` workers, each with its own scratch buffers and a share of the records;
    /// with a `hasher`, also fingerprints each record from the matcher's tokens (no second tokenization).
    /// What the store keeps of a normalised location string.
    public static func resolutionRow(_ r: PlaceResolution, _ g: Gazetteer) -> SkillStore.RegionResolutionRow {
        var rows: [(key: String, level: String, code: String, name: String, country: String)] = []
        for key in r.rollUpKeys {
            if key == "remote" {
                rows.append((key, "remote", "remote", "remote", ""))
            } else if let p = g.place(key: key) {
                rows.append((key, p.level.rawValue, p.code, p.name, p.country))
            }
        }
        return SkillStore.RegionResolutionRow(region: r.raw, summary: r.summary, confidence: r.confidence,
                                              remote: r.remote, hybrid: r.hybrid, onsite: r.onsite,
                                              evidence: r.evidence, places: rows)
    }

    func matchBatch(_ records: [PostingRecord], corpus: Corpus, threads: Int,
                    hasher: MinHasher? = nil, places: PlacesFuture? = nil,
                    storeText: Bool) -> [ScanRecord] {
        let n = records.count
        guard n > 0 else { return [] }
        let results = UnsafeMutableBufferPointer<[MentionRow]>.allocate(capacity: n)
        results.initialize(repeating: [])
        let hashes = UnsafeMutableBufferPointer<String>.allocate(capacity: n)
        hashes.initialize(repeating: "")
        let coder = corpus == .demand ? occupationCoder : nil
        let occupations = UnsafeMutableBufferPointer<OccupationAssignment?>.allocate(capacity: n)
        occupations.initialize(repeating: nil)
        let located = UnsafeMutableBufferPointer<String?>.allocate(capacity: n)
        located.initialize(repeating: nil)
        let prints = UnsafeMutableBufferPointer<Fingerprint>.allocate(capacity: hasher == nil ? 0 : n)
        prints.initialize(repeating: Fingerprint(shingles: [], signature: [], bandKeys: []))
        defer {
            results.deinitialize()
            results.deallocate()
            hashes.deinitialize()
            hashes.deallocate()
            prints.deinitialize()
            prints.deallocate()
            occupations.deinitialize()
            occupations.deallocate()
            located.deinitialize()
            located.deallocate()
        }
        let workers = max(1, min(threads, n))
        nonisolated(unsafe) let shared = (results, hashes, prints, occupations, located) // each index is written by exactly one worker
        let matcher = self.matcher, concepts = taxonomy.concepts, disambiguator = self.disambiguator
        // Records are handed out in small chunks as workers ask (not a fixed share each): the writer thread
        // competes for the same cores, and a worker it slows down must not hold the whole batch back.
        let matchQueue = IndexDispenser(n)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var scratch = MatchScratch()
            var matches: [Match] = []
            var scored: [ScoredMatch] = []
            while let chunk = matchQueue.take() { for i in chunk {
                var text = records[i].matchText
                text.withUTF8 { buf in
                    shared.0[i] = Self.mentions(in: buf, matcher: matcher, concepts: concepts, scratch: &scratch,
                                                matches: &matches, disambiguator: disambiguator, scored: &scored,
                                                employer: records[i].employer)
                    if let hasher { shared.2[i] = hasher.fingerprint(tokens: scratch.tokens, in: buf) }
                }
                shared.1[i] = records[i].contentHash

                if let coder {
                    shared.3[i] = Self.codeOccupation(coder, title: records[i].title,
                                                      skills: shared.0[i].map(\.conceptID))
                }
            } }
        }
        // A second pass, so that the first batch's matching overlaps the gazetteer's load: a posting without a
        // location field gets the location its title or opening text names; a demand posting gets the roles its
        // title or header advertises (coded to occupations when coding).
        let normalizer = places?.value
        let roleExtractor = corpus == .demand ? RoleExtractor(places: normalizer) : nil
        let roles = UnsafeMutableBufferPointer<[RoleRow]>.allocate(capacity: n)
        roles.initialize(repeating: [])
        defer {
            roles.deinitialize()
            roles.deallocate()
        }
        nonisolated(unsafe) let roleOut = roles
        if normalizer != nil || roleExtractor != nil {
            let roleQueue = IndexDispenser(n)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let chunk = roleQueue.take() { for i in chunk {
                    if let normalizer, records[i].region?.isEmpty ?? true {
                        shared.4[i] = normalizer.locate(title: records[i].title, text: records[i].text)?.raw
                    }
                    if let roleExtractor {
                        roleOut[i] = roleExtractor.roles(title: records[i].title, text: records[i].text,
                                                         employer: records[i].employer).map { r in
                            RoleRow(key: r.key, phrase: r.phrase, evidence: r.evidence,
                                    occupation: coder.flatMap {
                                        Self.codeOccupation($0, title: r.phrase, skills: shared.0[i].map(\.conceptID)) })
                        }
                    }
                } }
            }
        }
        return (0..<n).map { i in
            let r = records[i]
            var row = PostingRow(corpus: corpus, sourceID: r.sourceID, contentHash: hashes[i], title: r.title,
                                 text: r.text, date: r.date, region: located[i] ?? r.region, employer: r.employer,
                                 sourcePath: r.sourcePath, sourceLine: r.line)
            row.sourceOffset = r.offset
            row.sourceLength = r.length
            row.sourceRecord = r.ordinal
            row.storeText = storeText
            if hasher != nil { row.bandKeys = prints[i].bandKeys }
            row.occupation = occupations[i]
            row.roles = roles[i]
            return ScanRecord(posting: row, mentions: results[i], shingles: hasher == nil ? [] : prints[i].shingles)
        }
    }

    /// Mentions per concept in `text`: count, and the first match's byte range and text.
    public static func mentions(of text: String, matcher: Matcher, concepts: [Concept],
                                scratch: inout MatchScratch, matches: inout [Match],
                                disambiguator: Disambiguator? = nil, employer: String? = nil) -> [MentionRow] {
        var copy = text
        var scored: [ScoredMatch] = []
        return copy.withUTF8 {
            mentions(in: $0, matcher: matcher, concepts: concepts, scratch: &scratch, matches: &matches,
                     disambiguator: disambiguator, scored: &scored, employer: employer)
        }
    }

    /// The accepted matches of `buf` (its tokens left in `scratch`): leftmost-longest matches scored by the
    /// context rules (all count without a disambiguator), less those naming the posting's employer. This is
    /// the one definition of "a skill is mentioned" that analysis, audits and evaluation share.
    public static func acceptedMatches(in buf: UnsafeBufferPointer<UInt8>, matcher: Matcher, scratch: inout MatchScratch,
                                       matches: inout [Match], disambiguator: Disambiguator?, scored: inout [ScoredMatch],
                                       employer: String?) -> [ScoredMatch] {
        matches.removeAll(keepingCapacity: true)
        matcher.matches(in: buf, kind: .leftmostLongest, scratch: &scratch, into: &matches)
        scored.removeAll(keepingCapacity: true)
        if let disambiguator {
            disambiguator.score(text: buf, matcher: matcher, scratch: scratch, matches: &matches, into: &scored)
        } else {
            scored.append(contentsOf: matches.lazy.map { ScoredMatch(match: $0, confidence: 1) })
        }
        let employerTokens = employer.map { employerKey($0, matcher.tokenizer) } ?? []
        return scored.filter { s in
            (disambiguator?.isAccepted(s) ?? true)
                && !namesEmployer(s.match, buf, scratch.tokens, employerTokens, matcher.tokenizer)
        }
    }

    /// The employer's name as normalized word tokens (punctuation dropped), e.g. `Google Inc.` -> [google, inc].
    static func employerKey(_ employer: String, _ tokenizer: Tokenizer) -> [[UInt8]] {
        var copy = employer
        return copy.withUTF8 { buf in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            return tokens.filter { $0.rule != .punct }.map { t in
                tokenizer.normalize(t, in: buf, into: &out)
                return out
            }
        }
    }

    /// True when the match's words are the first words of the employer's name: `Google` in a posting by
    /// Google Inc. is the company hiring, not the skill (a longer label, `Google Cloud`, is matched as itself).
    static func namesEmployer(_ m: Match, _ buf: UnsafeBufferPointer<UInt8>, _ tokens: [Token], _ employer: [[UInt8]],
                              _ tokenizer: Tokenizer) -> Bool {
        let words = tokens[m.tokenStart..<m.tokenEnd].filter { $0.rule != .punct }
        guard !employer.isEmpty, !words.isEmpty, words.count <= employer.count else { return false }
        var scratch: [UInt8] = []
        for (k, t) in words.enumerated() {
            tokenizer.normalize(t, in: buf, into: &scratch)
            if scratch != employer[k] { return false }
        }
        return true
    }

    /// Mentions per concept in the UTF-8 `buf`; leaves its tokens in `scratch`. With a `disambiguator`, each
    /// match is scored by the context rules and only matches at or above its threshold count; a concept's
    /// confidence is the highest of its counted matches.
    static func mentions(in buf: UnsafeBufferPointer<UInt8>, matcher: Matcher, concepts: [Concept],
                         scratch: inout MatchScratch, matches: inout [Match], disambiguator: Disambiguator?,
                         scored: inout [ScoredMatch], employer: String? = nil) -> [MentionRow] {
        let accepted = acceptedMatches(in: buf, matcher: matcher, scratch: &scratch, matches: &matches,
                                       disambiguator: disambiguator, scored: &scored, employer: employer)
        var byConcept: [UInt32: Int] = [:]
        var rows: [MentionRow] = []
        func add(_ m: Match, _ confidence: Double) {
            if let k = byConcept[m.value] {
                rows[k].count += 1
                rows[k].confidence = max(rows[k].confidence, confidence)
            } else {
                byConcept[m.value] = rows.count
                rows.append(MentionRow(conceptID: concepts[Int(m.value)].id, count: 1, firstStart: m.start,
                                       firstEnd: m.end,
                                       matchedText: String(decoding: UnsafeBufferPointer(rebasing: buf[m.start..<m.end]),
                                                           as: UTF8.self),
                                       confidence: confidence))
            }
        }
        for s in accepted { add(s.match, s.confidence) }
        return rows
    }
}

/// CPU time used by the calling thread so far, in nanoseconds.
func threadCPUNanos() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// What the producer hands to the storing thread.
enum BatchMessage: Sendable {
    case batch(ScanBatch)
    case end
    case failure(any Error)
}

/// The gazetteer, loaded on a background thread; `get` waits for it.
final class PlacesFuture: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<PlaceNormalizer, Error>?
    private let lock = NSLock()

    init(directory: String) {
        DispatchQueue.global().async {
            let r = Result { try PlaceLoading.normalizer(directory) }
            self.lock.lock()
            self.result = r
            self.lock.unlock()
            self.done.signal()
        }
    }

    /// The normaliser (waiting for the load); throws the load's error.
    func get() throws -> PlaceNormalizer {
        lock.lock()
        if let r = result { lock.unlock(); return try r.get() }
        lock.unlock()
        done.wait()
        done.signal() // let every other waiter through
        lock.lock()
        defer { lock.unlock() }
        return try result!.get()
    }

    /// The normaliser, or nil when it failed to load (the consumer reports the error).
    var value: PlaceNormalizer? { try? get() }
}

/// The indices 0..<count handed out 16 at a time to whichever worker asks next (each to exactly one), so that a
/// worker slowed by another thread on its core does not hold a batch back.
final class IndexDispenser: Sendable {
    private let next = Atomic<Int>(0)
    let count: Int

    init(_ count: Int) { self.count = count }

    /// The next chunk of indices, or nil when all are taken.
    func take() -> Range<Int>? {
        let start = next.wrappingAdd(16, ordering: .relaxed).oldValue
        return start < count ? start..<min(start + 16, count) : nil
    }
}

/// Location strings already resolved to places (in the store, or earlier in the stream), shared by the scan
/// threads of a run's inputs one after another.
final class RegionsSeen: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String>

    init(_ seen: Set<String>) { self.seen = seen }

    /// True when `region` was not seen before (it is now).
    func insert(_ region: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(region).inserted
    }
}

/// A file's SHA-256, computed on a background thread from the moment it is created; ``value()`` waits for it.
final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    init(path: String) {
        DispatchQueue.global().async { [self] in
            let r = Result { try SHA256.hexOfFile(path) }
            condition.lock()
            result = r
            condition.broadcast()
            condition.unlock()
        }
    }

    func value() throws -> String {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}

/// A bounded hand-off between one producer and one consumer (a condition variable and a small queue).
final class BatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [BatchMessage] = []
    private var cancelled = false
    private var producerDone = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room; false when the consumer has cancelled (the producer should stop).
    func put(_ message: BatchMessage) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(message)
        condition.broadcast()
        return true
    }

    /// Waits for the next message.
    func take() -> BatchMessage {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let message = queue.removeFirst()
        condition.broadcast()
        return message
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func producerFinished() {
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForProducer() {
        condition.lock()
        while !producerDone { condition.wait() }
        condition.unlock()
    }
}

/// Near-duplicate parameters (``SkillDedup/NearDuplicateParameters``), for callers that configure a run.
public typealias NearDuplicateParameters = SkillDedup.NearDuplicateParameters

extension AnalyzeResult {
    /// The accounting of all inputs added together.
    public var total: InputAccount {
        var t = InputAccount(path: "(run total)", sha256: "", bytes: bytes, format: "")
        for a in accounts {
            t.read += a.read
            t.new += a.new
            t.duplicates += a.duplicates
            t.exactDuplicates += a.exactDuplicates
            t.nearDuplicates += a.nearDuplicates
            t.reposts += a.reposts
            t.alreadyPresent += a.alreadyPresent
            t.quarantined += a.quarantined
        }
        return t
    }
}
