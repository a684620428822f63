// Shared by every fuzz target: compiled into each target's module (see run.sh), not a SwiftPM target.
import Foundation

/// Stops the process with a message when a fuzz invariant does not hold.
///
/// libFuzzer treats the abort as a crash and saves the input; the message says which invariant failed.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if condition() { return }
    let text = "FUZZ INVARIANT FAILED at \(file):\(line): \(message())\n"
    FileHandle.standardError.write(Data(text.utf8))
    abort()
}

/// With `FUZZ_SKIP_KNOWN=1`, targets step over inputs that trigger a bug already saved under
/// Tests/Fuzz/crashes (so a long run can look for other bugs); run.sh never sets it.
let skipKnownIssues = ProcessInfo.processInfo.environment["FUZZ_SKIP_KNOWN"] == "1"

/// Reads a fuzz input as a sequence of small decisions and byte slices, so one input can drive both a
/// configuration (label sets, limits) and a text.
struct FuzzBytes {
    let bytes: [UInt8]
    var position = 0

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, or 0 at the end.
    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The bytes up to (not including) the next `separator`, which is consumed; the rest if there is none.
    mutating func upTo(_ separator: UInt8) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, bytes[position] != separator { position += 1 }
        let slice = bytes[start..<position]
        if position < bytes.count { position += 1 }
        return slice
    }

    /// Everything not read yet.
    mutating func rest() -> ArraySlice<UInt8> {
        defer { position = bytes.count }
        return bytes[min(position, bytes.count)...]
    }
}

/// One scratch file per process for readers that only take a path; rewritten for every input.
///
/// Under `TMPDIR` (run.sh points it at /dev/shm when it exists, so no disk I/O per input).
enum ScratchFile {
    nonisolated(unsafe) private static var paths: [String: String] = [:]

    /// Writes `bytes` to this process's scratch file called `name` (the extension selects a reader) and
    /// returns its path.
    static func write(_ bytes: some Collection<UInt8>, name: String) -> String {
        let path: String
        if let known = paths[name] {
            path = known
        } else {
            let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
            path = "\(dir)/skillradar-fuzz-\(getpid())-\(name)"
            paths[name] = path
            if paths.count == 1 { atexit { ScratchFile.removeAll() } }
        }
        guard let f = fopen(path, "wb") else {
            require(false, "cannot create scratch file \(path): \(String(cString: strerror(errno)))")
            return path
        }
        let array = Array(bytes)
        let written = array.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
        require(written == array.count, "short write to scratch file \(path)")
        return path
    }

    static func removeAll() {
        for p in paths.values { unlink(p) }
    }
}

/// The lines of `bytes` as a naive reference splits them: on `\n`, with the final piece only when it is
/// not empty. Each line keeps a trailing `\r` (callers strip it when they mean the content).
func referenceLines(_ bytes: [UInt8]) -> [(number: Int, offset: Int, bytes: ArraySlice<UInt8>)] {
    var out: [(Int, Int, ArraySlice<UInt8>)] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        out.append((out.count + 1, start, bytes[start..<i]))
        start = i + 1
    }
    if start < bytes.count { out.append((out.count + 1, start, bytes[start...])) }
    return out
}

/// Valid UTF-8 by the standard library's strict decoder.
func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
}

/// True when the input starts with the gzip magic number (zlib then decompresses it; expectations about
/// the plain bytes do not apply).
func looksGzipped(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
}

// MARK: Seeds

/// Every target defines `fuzzSeeds()`: named hostile inputs written into the corpus by run.sh.
/// With `FUZZ_WRITE_SEEDS=DIR` in the environment, the binary writes them into DIR and exits.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    guard let dir = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] else { return 0 }
    do {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, bytes) in fuzzSeeds() {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/seed-" + name))
        }
    } catch {
        FileHandle.standardError.write(Data("cannot write seeds into \(dir): \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

/// Hostile byte patterns every text parser should survive, shared by the targets' seed lists.
enum HostileSeeds {
    static let invalidUTF8: [UInt8] = [0x61, 0xFF, 0x62, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80,
                                       0xE2, 0x82, 0x80, 0xBF, 0xF0, 0x9F, 0x9A]
    static let nul: [UInt8] = [0x61, 0x00, 0x62, 0x00, 0x0A, 0x00]
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let utf16LE: [UInt8] = [0xFF, 0xFE] + Array("{\"a\":1}".utf8).flatMap { [$0, 0] }
    static let mixedScripts = Array("熟悉React和Node.js开发 Ｃ＋＋ ＪＡＶＡ Soft\u{AD}ware front-end zürich مُهَنْدِس ß ẞ ﬁ ½ 𝔘 Ω\u{301} \u{200D}x".utf8)
    static let controls: [UInt8] = Array(0...0x20) + [0x7F, 0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9]

    static var all: [(String, [UInt8])] {
        [("invalid-utf8", invalidUTF8), ("nul", nul), ("bom", bom), ("utf16le", utf16LE),
         ("scripts", mixedScripts), ("controls", controls), ("empty", [])]
    }
}
