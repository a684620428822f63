import ArgumentParser
import Foundation
import SkillPipeline

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

    @Option(help: "Labels file, one per line.") var labels: String
    @Option(help: "Corpus: UTF-8 text, one posting per line (plain or .gz).") var corpus: String

    @Option(help: "Scanning threads; the default is the number of cores.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Directory caching compiled automata, keyed by a 128-bit hash of the labels file.") var cache: String?
    @Flag(help: "Only scan the memory (the parallel-scaling baseline); no matching.") var scanOnly = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let r = try LabelCountJob(labelsPath: labels, corpusPath: corpus, threads: threads, cacheDirectory: cache,
                                  scanOnly: scanOnly).run()
        if !scanOnly {
            var out = ""
            out.reserveCapacity(r.counts.count * 24)
            for (label, count) in r.counts { out += label + "\t" + String(count) + "\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        printError(String(
            format: "{\"tool\":\"skillradar\",\"labels\":%d,\"build_seconds\":%.6f,\"cached\":%@,\"automaton_bytes\":%d,"
                + "\"scan_seconds\":%.6f,\"bytes\":%d,\"mb_per_s\":%.2f,\"threads\":%d,\"matches\":%d,\"scan_only\":%@}",
            r.labels, r.buildSeconds, r.cached ? "true" : "false", r.automatonBytes, r.scanSeconds,
            r.bytes, r.megabytesPerSecond, threads, r.matches, scanOnly ? "true" : "false"))
    }
}
