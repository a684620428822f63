import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns command-line inputs (files, directories, glob patterns) into a sorted list of files.
public enum InputExpansion {
    /// Expands every input, in order:
    /// - a file is kept as given;
    /// - a directory gives its files of known formats (``InputFormat/detect(_:)``), recursively, sorted by
    ///   path; hidden files and folders (`.name`) are skipped;
    /// - a pattern with `*`, `?` or `[` that names no existing file is expanded with glob(3) (so a quoted
    ///   `"data/*.jsonl.gz"` works even when the shell did not expand it), results sorted; directories it
    ///   matches are expanded as above.
    /// A path listed twice is kept once (first position). Throws when an input does not exist, a pattern
    /// matches nothing, or a directory holds no readable inputs. Deterministic: the result depends only on
    /// the inputs and the file tree.
    public static func expand(_ inputs: [String]) throws -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        func add(_ p: String) {
            if seen.insert(p).inserted { out.append(p) }
        }
        let fm = FileManager.default
        for input in inputs {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: input, isDirectory: &isDir) {
                if isDir.boolValue { try directory(input).forEach(add) } else { add(input) }
                continue
            }
            guard input.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else {
                throw IngestError("input \(input) does not exist")
            }
            let matches = globMatches(input)
            guard !matches.isEmpty else { throw IngestError("pattern \(input) matches no file") }
            for m in matches {
                var d: ObjCBool = false
                if fm.fileExists(atPath: m, isDirectory: &d), d.boolValue { try directory(m).forEach(add) } else { add(m) }
            }
        }
        return out
    }

    /// The files under the input directories that ``expand(_:)`` leaves out because their format is unknown
    /// (`notes.txt`, `dump.bin`), sorted: to be reported, never skipped silently. Hidden files are not listed.
    public static func skippedFiles(_ inputs: [String]) -> [String] {
        var out: [String] = []
        for input in inputs {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir), isDir.boolValue else { continue }
            let enumerator = FileManager.default.enumerator(
                at: URL(fileURLWithPath: input), includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let rel = String(url.path.dropFirst(URL(fileURLWithPath: input).path.count)).drop { $0 == "/" }
                if InputFormat.detect(String(rel)) == nil { out.append((input as NSString).appendingPathComponent(String(rel))) }
            }
        }
        return out.sorted()
    }

    /// Files of known formats under `dir`, recursively, sorted.
    static func directory(_ dir: String) throws -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: dir), includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let rel = String(url.path.dropFirst(URL(fileURLWithPath: dir).path.count)).drop { $0 == "/" }
            if InputFormat.detect(String(rel)) != nil {
                files.append((dir as NSString).appendingPathComponent(String(rel)))
            }
        }
        guard !files.isEmpty else {
            throw IngestError("directory \(dir) has no .jsonl, .csv, .tsv, .html or .xml files (plain or .gz)")
        }
        return files.sorted()
    }

    /// glob(3) matches of `pattern`, sorted.
    static func globMatches(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }
}
