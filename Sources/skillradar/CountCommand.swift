import ArgumentParser
import Dispatch
import Foundation
import SkillIO
import SkillMatcher

#if canImport(Glibc)
import Glibc
#endif

struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The standard benchmark task: count labels at word boundaries, leftmost-longest.",
        discussion: """
        Labels: one per line, trimmed, ASCII case-insensitive (duplicates after lower-casing are merged). \
        An occurrence starts after a non-word character (or at line start) and ends before one (or at line \
        end); word characters are ASCII letters, digits and '_'. Prints label<TAB>count for each label with a \
        count > 0, sorted by the lower-cased label; the last line on stderr is a JSON object with \
        labels, build_seconds, automaton_bytes, scan_seconds, bytes, mb_per_s, threads, matches.
        """)

    @Option(name: .long, help: "Labels file, one per line.")
    var labels: String

    @Option(name: .long, help: "Corpus: UTF-8 text, one posting per line (plain or .gz).")
    var corpus: String

    @Option(name: .long, help: "Scanning threads; the default is the number of cores.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, help: "Directory caching compiled automata, keyed by a 128-bit hash of the labels file.")
    var cache: String?

    @Flag(name: .long, help: "Only scan the memory (the parallel-scaling baseline); no matching.")
    var scanOnly = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let buildStart = DispatchTime.now()
        let (matcher, cached) = try loadMatcher()
        let buildSeconds = seconds(since: buildStart)
        let text = try MappedText(path: corpus)
        let ranges = Self.split(text.bytes, parts: threads)
        let scanStart = DispatchTime.now()
        var totals = [Int](repeating: 0, count: matcher.labels.count)
        var matches = 0
        if scanOnly {
            matches = Self.scanOnly(text.bytes, ranges)
        } else {
            (totals, matches) = Self.count(matcher, text.bytes, ranges)
        }
        let scanSeconds = seconds(since: scanStart)
        if !scanOnly {
            let order = totals.indices.filter { totals[$0] > 0 }.sorted {
                matcher.labels[$0].utf8.lexicographicallyPrecedes(matcher.labels[$1].utf8)
            }
            var out = ""
            out.reserveCapacity(order.count * 24)
            for k in order { out += matcher.labels[k] + "\t" + String(totals[k]) + "\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        let mbps = scanSeconds > 0 ? Double(text.bytes.count) / 1e6 / scanSeconds : 0
        printError(String(
            format: "{\"tool\":\"skillradar\",\"labels\":%d,\"build_seconds\":%.6f,\"cached\":%@,\"automaton_bytes\":%d,"
                + "\"scan_seconds\":%.6f,\"bytes\":%d,\"mb_per_s\":%.2f,\"threads\":%d,\"matches\":%d,\"scan_only\":%@}",
            matcher.labels.count, buildSeconds, cached ? "true" : "false", matcher.memoryBytes, scanSeconds,
            text.bytes.count, mbps, threads, matches, scanOnly ? "true" : "false"))
    }

    func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    /// Builds the matcher, or loads it from the cache (and fills the cache on a miss).
    func loadMatcher() throws -> (BoundaryMatcher, Bool) {
        let labelBytes = try readFileBytes(labels)
        guard let cache else { return (Self.build(labelBytes), false) }
        // The key only has to tell label files apart (not resist forgery): a fast 128-bit content hash.
        var hash = ContentHash128()
        hash.update(labelBytes)
        let path = (cache as NSString).appendingPathComponent("\(hash.hex()).srbm")
        if FileManager.default.fileExists(atPath: path), let image = try? MappedText(path: path),
           let m = BoundaryMatcher(serialized: UnsafeRawBufferPointer(image.bytes)) {
            return (m, true)
        }
        let m = Self.build(labelBytes)
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        try Data(m.serialized()).write(to: URL(fileURLWithPath: path), options: .atomic)
        return (m, false)
    }

    static func build(_ bytes: [UInt8]) -> BoundaryMatcher {
        BoundaryMatcher(labels: bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) })
    }

    /// `parts` ranges of about equal size, each ending after a line break (or at the end).
    static func split(_ b: UnsafeBufferPointer<UInt8>, parts: Int) -> [Range<Int>] {
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

    /// Each worker counts its range into private counters; the counters are added at the end.
    static func count(_ m: BoundaryMatcher, _ b: UnsafeBufferPointer<UInt8>,
                      _ ranges: [Range<Int>]) -> ([Int], Int) {
        let n = m.labels.count
        let all = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, n * ranges.count))
        all.initialize(repeating: 0)
        let found = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, ranges.count))
        found.initialize(repeating: 0)
        defer { all.deallocate(); found.deallocate() }
        nonisolated(unsafe) let shared = (all, found, b) // each worker writes only its own slice
        DispatchQueue.concurrentPerform(iterations: ranges.count) { w in
            let slice = UnsafeMutableBufferPointer(rebasing: shared.0[(w * n)..<((w + 1) * n)])
            let text = UnsafeBufferPointer(rebasing: shared.2[ranges[w]])
            shared.1[w] = m.count(text, into: slice)
        }
        var totals = [Int](repeating: 0, count: n)
        for w in 0..<ranges.count { for k in 0..<n { totals[k] += all[w * n + k] } }
        return (totals, found.reduce(0, +))
    }

    /// The baseline: every worker reads every byte of its range once (a sum), nothing else.
    static func scanOnly(_ b: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Int {
        let sums = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, ranges.count))
        sums.initialize(repeating: 0)
        defer { sums.deallocate() }
        nonisolated(unsafe) let shared = (sums, b)
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
        return sums.reduce(0, +) // a checksum, reported as "matches" so the work is observable
    }
}

/// A file's bytes: memory-mapped when plain, decompressed into memory when gzip.
final class MappedText {
    private var mapped: UnsafeMutableRawPointer?
    private var length = 0
    private var owned: [UInt8] = []
    let bytes: UnsafeBufferPointer<UInt8>

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw RuntimeError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw RuntimeError("cannot stat \(path)") }
        length = Int(st.st_size)
        var magic: (UInt8, UInt8) = (0, 0)
        let isGzip = length >= 2 && pread(fd, &magic, 2, 0) == 2 && magic == (0x1F, 0x8B)
        if isGzip || length == 0 {
            owned = isGzip ? try readFileBytes(path) : []
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, owned.count))
            owned.withUnsafeBufferPointer { src in
                if let s = src.baseAddress { p.initialize(from: s, count: src.count) }
            }
            mapped = UnsafeMutableRawPointer(p)
            length = owned.count
            owned = []
            bytes = UnsafeBufferPointer(start: p, count: length)
            isHeap = true
            return
        }
        // MAP_POPULATE: the pages are read in here (file reading is not part of the timed scan).
        guard let m = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), m != MAP_FAILED else {
            throw RuntimeError("cannot map \(path): \(String(cString: strerror(errno)))")
        }
        madvise(m, length, MADV_SEQUENTIAL)
        mapped = m
        bytes = UnsafeBufferPointer(start: m.assumingMemoryBound(to: UInt8.self), count: length)
    }

    private var isHeap = false

    deinit {
        guard let mapped else { return }
        if isHeap { mapped.deallocate() } else { munmap(mapped, length) }
    }
}
