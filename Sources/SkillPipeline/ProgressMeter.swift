import Foundation
import SkillIO

/// Progress on standard error: on a terminal one line rewritten in place (records/s, MB/s, ETA from the
/// total input bytes); otherwise a plain line every 10 seconds; nothing with `--quiet`.
public final class ProgressMeter {
    let quiet: Bool
    let terminal = isatty(STDERR_FILENO) == 1
    private var lastPrint = -1.0
    private var drawn = false

    public init(quiet: Bool) { self.quiet = quiet }

    public func report(_ p: Progress) {
        guard !quiet else { return }
        // Rates of an empty or instant input are not finite: never format them as numbers (they crashed).
        func number(_ x: Double, _ decimals: Int) -> String { x.isFinite ? formatFixed(x, decimals) : "-" }
        let eta = p.eta.flatMap { $0.isFinite ? Self.duration($0) : nil } ?? "?"
        let share = p.totalBytes > 0 ? 100 * Double(p.bytes) / Double(p.totalBytes) : 100
        let line = "\((p.path as NSString).lastPathComponent): \(p.records) records, \(number(p.recordsPerSecond, 0)) records/s, "
            + "\(number(p.megabytesPerSecond, 1)) MB/s, \(number(share, 0))% of \(number(Double(p.totalBytes) / 1e6, 1)) MB, ETA \(eta)"
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            drawn = true
        } else if lastPrint < 0 || p.seconds - lastPrint >= 10 {
            lastPrint = p.seconds
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Ends the in-place line so that what follows starts on a new line.
    public func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        let t = Int(s.rounded())
        func two(_ n: Int) -> String { formatInteger(n, width: 2, zeroPadded: true) }
        return t >= 3600 ? "\(t / 3600)h\(two(t / 60 % 60))m" : "\(t / 60)m\(two(t % 60))s"
    }
}
