import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Subcommands built as their own executables, git-style: `skillradar serve ...` runs `skillradar-serve ...`
/// (beside this executable, else on PATH), so that the core CLI builds without the server's dependencies.
public enum ExternalCommand {
    /// Replaces this process with `skillradar-NAME` and `arguments`; returns only when it cannot, with the reason.
    public static func exec(_ name: String, arguments: [String]) -> String {
        let program = "skillradar-" + name
        var candidates: [String] = []
        if let dir = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path {
            candidates.append(dir + "/" + program)
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(dir) + "/" + program)
        }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return "`skillradar \(name)` needs the \(program) executable beside skillradar or on PATH; build it with "
                + "`swift build -c release --product \(program)` (or `swift build -c release` for every product)"
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        return "cannot run \(path): \(String(cString: strerror(errno)))"
    }
}
