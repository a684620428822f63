import Dispatch
import Foundation
import SkillIO
import SkillMatcher

/// The standard benchmark task behind `skillradar count`: count labels at word boundaries, leftmost-longest,
/// in a corpus, on several threads sharing one immutable ``BoundaryMatcher`` (Benchmarks/README.md).
///
/// The corpus is split into `threads` ranges of about equal size that end after line breaks; each worker counts
/// its range into its own counters, which are added at the end. Only the scan is timed as the scan: building
/// (or loading) the matcher is timed apart, and reading the corpus is not timed (its pages are read in while
/// it is opened).
public struct LabelCountJob: Sendable {
    /// Labels file: one label per line (trimmed and ASCII lower-cased by the matcher; duplicates merged).
    public var labelsPath: String
    /// Corpus: text, plain or gzip.
    public var corpusPath: String
    /// Scanning threads (ranges of the corpus).
    public var threads: Int
    /// Directory of compiled automata keyed by a hash of the labels file; nil builds every time.
    public var cacheDirectory: String?
    /// Only read every byte (the parallel-scaling baseline); no matching.
    public var scanOnly: Bool

    public init(labelsPath: String, corpusPath: String, threads: Int, cacheDirectory: String? = nil,
                scanOnly: Bool = false) {
        self.labelsPath = labelsPath
        self.corpusPath = corpusPath
        self.threads = threads
        self.cacheDirectory = cacheDirectory
        self.scanOnly = scanOnly
    }

    /// What a run found and how long its parts took.
    public struct Result: Sendable {
        /// Every label with a count > 0 and its count, sorted by the label's bytes; empty when scan-only.
        public var counts: [(label: String, count: Int)]
        /// Distinct labels in the matcher.
        public var labels: Int
        /// The matcher was loaded from the cache.
        public var cached: Bool
        /// ``BoundaryMatcher/memoryBytes``.
        public var automatonBytes: Int
        public var buildSeconds: Double
        public var scanSeconds: Double
        /// Corpus bytes (after decompression).
        public var bytes: Int
        /// Occurrences counted; when scan-only, a checksum of the bytes read (so the work is observable).
        public var matches: Int

        /// Corpus megabytes (10^6 bytes) per scan second; 0 when the scan took no measurable time.
        public var megabytesPerSecond: Double { scanSeconds > 0 ? Double(bytes) / 1e6 / scanSeconds : 0 }
    }

    /// Builds or loads the matcher, maps the corpus and counts.
    ///
    /// - Precondition: `threads >= 1`.
    public func run() throws -> Result {
        precondition(threads >= 1, "LabelCountJob: threads must be at least 1, not \(threads)")
        let buildStart = DispatchTime.now()
        let (matcher, cached) = try Self.loadMatcher(labelsPath: labelsPath, cacheDirectory: cacheDirectory)
        let buildSeconds = Self.seconds(since: buildStart)
        let corpus = try MappedBytes(path: corpusPath, prefault: true)
        let (totals, matches, scanSeconds) = corpus.withBytes { text -> ([Int], Int, Double) in
            let ranges = Self.lineAlignedRanges(text, parts: threads)
            let scanStart = DispatchTime.now()
            let (totals, matches) = scanOnly ? ([], Self.scanOnly(text, ranges)) : Self.count(matcher, text, ranges)
            return (totals, matches, Self.seconds(since: scanStart))
        }
        let order = totals.indices.filter { totals[$0] > 0 }.sorted {
            matcher.labels[$0].utf8.lexicographicallyPrecedes(matcher.labels[$1].utf8)
        }
        return Result(counts: order.map { (matcher.labels[$0], totals[$0]) }, labels: matcher.labels.count,
                      cached: cached, automatonBytes: matcher.memoryBytes, buildSeconds: buildSeconds,
                      scanSeconds: scanSeconds, bytes: corpus.count, matches: matches)
    }

    static func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    /// Builds the matcher, or loads it from the cache (and fills the cache on a miss). A cached image that
    /// cannot be read or is not a valid image is rebuilt and overwritten.
    static func loadMatcher(labelsPath: String, cacheDirectory: String?) throws -> (BoundaryMatcher, Bool) {
        let labelBytes = try readFileBytes(labelsPath)
        guard let cache = cacheDirectory else { return (build(labelFile: labelBytes), false) }
        // The key only has to tell label files apart (not resist forgery): a fast 128-bit content hash.
        var hash = ContentHash128()
        hash.update(labelBytes)
        let path = (cache as NSString).appendingPathComponent("\(hash.hex()).srbm")
        if FileManager.default.fileExists(atPath: path), let image = try? MappedBytes(path: path, prefault: true),
           let m = image.withBytes({ BoundaryMatcher(serialized: UnsafeRawBufferPointer($0)) }) {
            return (m, true)
        }
        let m = build(labelFile: labelBytes)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try Data(m.serialized()).write(to: URL(fileURLWithPath: path), options: .atomic)
        return (m, false)
    }

    /// The matcher of a labels file's bytes: one label per line, empty lines skipped.
    static func build(labelFile bytes: [UInt8]) -> BoundaryMatcher {
        BoundaryMatcher(labels: bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) })
    }

    /// `parts` ranges of about equal size, each ending after a line break (or at the end); empty ones dropped.
    /// O(parts + longest line).
    static func lineAlignedRanges(_ b: UnsafeBufferPointer<UInt8>, parts: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for k in 1...parts {
            var end = k == parts ? b.count : max(start, b.count * k / parts)
            while end < b.count, end > 0, b[end - 1] != 0x0A { end += 1 }
            if end > start { out.append(start..<end) }
            start = end
        }
        return out
    }

    /// Each worker counts its range into its own counters; the counters are added at the end.
    /// Returns the totals per label and the number of matches.
    static func count(_ m: BoundaryMatcher, _ b: UnsafeBufferPointer<UInt8>,
                      _ ranges: [Range<Int>]) -> ([Int], Int) {
        let n = m.labels.count
        var perWorker = [[Int]](repeating: [], count: ranges.count)
        var found = [Int](repeating: 0, count: ranges.count)
        perWorker.withUnsafeMutableBufferPointer { counters in
            found.withUnsafeMutableBufferPointer { matches in
                nonisolated(unsafe) let shared = (counters, matches, b) // each worker writes only its own index
                DispatchQueue.concurrentPerform(iterations: ranges.count) { w in
                    var local = [Int](repeating: 0, count: n)
                    shared.1[w] = m.count(UnsafeBufferPointer(rebasing: shared.2[ranges[w]]), into: &local)
                    shared.0[w] = local
                }
            }
        }
        var totals = [Int](repeating: 0, count: n)
        for local in perWorker { for k in 0..<n { totals[k] += local[k] } }
        return (totals, found.reduce(0, +))
    }

    /// The baseline: every worker reads every byte of its range once (a sum), nothing else.
    static func scanOnly(_ b: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Int {
        var sums = [Int](repeating: 0, count: ranges.count)
        sums.withUnsafeMutableBufferPointer { sums in
            nonisolated(unsafe) let shared = (sums, b) // each worker writes only its own index
            DispatchQueue.concurrentPerform(iterations: ranges.count) { w in
                // Sum the range as 64-bit words (the result is printed, so the loads cannot be optimized away).
                let r = ranges[w]
                guard let base = shared.1.baseAddress else { return }
                let raw = UnsafeRawPointer(base + r.lowerBound)
                let words = r.count / 8
                var sum: UInt64 = 0
                for k in 0..<words { sum &+= raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self) }
                for k in (words * 8)..<r.count { sum &+= UInt64(raw.load(fromByteOffset: k, as: UInt8.self)) }
                shared.0[w] = Int(truncatingIfNeeded: sum & 0xFFFF)
            }
        }
        return sums.reduce(0, +) // a checksum, reported as "matches" so the work is observable
    }
}
