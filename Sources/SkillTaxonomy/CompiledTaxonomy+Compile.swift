import Foundation
import SkillIO
import SkillTokenizer

extension CompiledTaxonomy {
    /// What ``compile(directory:tokenizerOptions:cacheDirectory:force:)`` did: the first load (building and
    /// caching the compiled file unless a valid one exists) and, when that saved the file, a second load from it.
    public struct CompileReport: Sendable {
        public var taxonomyName: String
        public var concepts: Int
        public var patterns: Int
        /// Where the first load came from.
        public var outcome: Outcome
        public var milliseconds: Double
        /// Where the second load came from (normally a hit); nil when the first could not save the file.
        public var reload: Outcome?
        public var reloadMilliseconds: Double
        /// Size of the compiled file (0 when unknown).
        public var compiledBytes: Int

        /// False when the compiled file could not be written.
        public var saved: Bool {
            if case .notSaved = outcome { return false }
            return true
        }

        /// The outcome; when saved, also the size and the two load times (milliseconds with one decimal).
        public var lines: [String] {
            guard saved, let reload else { return [outcome.description] }
            return [outcome.description,
                    "\(taxonomyName): \(concepts) concepts, \(patterns) patterns; compiled file \(compiledBytes / 1024) KiB",
                    "first load \(formatFixed(milliseconds, 1)) ms, load from cache \(formatFixed(reloadMilliseconds, 1)) ms (\(reload))"]
        }
    }

    /// Compiles the taxonomy in `directory` into `cacheDirectory` (`force`: removes an existing compiled file
    /// first), then loads it again from the cache, timing both loads.
    public static func compile(directory: String, tokenizerOptions: TokenizerOptions, cacheDirectory: String,
                               force: Bool) throws -> CompileReport {
        let path = try cachePath(directory: directory, tokenizerOptions: tokenizerOptions, cacheDirectory: cacheDirectory)
        if force, FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        func timed(_ body: () throws -> Loaded) rethrows -> (Loaded, Double) {
            let start = ContinuousClock.now
            let loaded = try body()
            let d = ContinuousClock.now - start
            return (loaded, Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
        }
        let (first, ms) = try timed {
            try loadReporting(directory: directory, tokenizerOptions: tokenizerOptions, cacheDirectory: cacheDirectory)
        }
        var report = CompileReport(taxonomyName: first.taxonomy.name, concepts: first.taxonomy.concepts.count,
                                   patterns: first.matcher.patternCount, outcome: first.outcome, milliseconds: ms,
                                   reload: nil, reloadMilliseconds: 0, compiledBytes: 0)
        guard report.saved else { return report }
        let (again, againMs) = try timed {
            try loadReporting(directory: directory, tokenizerOptions: tokenizerOptions, cacheDirectory: cacheDirectory)
        }
        report.reload = again.outcome
        report.reloadMilliseconds = againMs
        report.compiledBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return report
    }
}
