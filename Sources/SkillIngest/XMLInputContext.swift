import CLibXML2
import Foundation
import SkillIO

/// First libxml2 errors of one parse.
final class XMLErrorSink {
    struct Entry {
        var message: String
        var line: Int
        var column: Int
    }
    private var firstFatal: Entry?
    private var firstError: Entry?
    /// The first fatal error (the one that stopped parsing), else the first error.
    var first: Entry? { firstFatal ?? firstError }

    func add(_ e: xmlError) {
        guard e.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let fatal = e.level.rawValue >= XML_ERR_FATAL.rawValue
        if fatal ? firstFatal != nil : firstError != nil { return }
        let message = e.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines)
        let entry = Entry(message: message ?? "error \(e.code)", line: Int(e.line), column: Int(e.int2))
        if fatal { firstFatal = entry } else { firstError = entry }
    }
}

/// Feeds libxml2 from a ``ByteSource``; guards the prolog; remembers where recent lines start.
final class XMLInputContext {
    let source: ByteSource
    var ioError: String?
    var refused: String?
    /// Bytes handed to libxml2.
    var delivered = 0
    /// Lines seen so far (1-based number of the current line).
    var lines = 1
    /// Start offsets of the most recent lines: ring of (line, offset).
    private var ring: [(line: Int, offset: Int)] = Array(repeating: (0, 0), count: 1 << 14)
    private var recent: [UInt8] = [] // last bytes handed over, for excerpts and resynchronisation
    /// Input offset of the first byte still kept.
    private(set) var recentStart = 0
    private var guardState = PrologGuard()

    init(_ source: ByteSource) {
        self.source = source
        ring[1 & (ring.count - 1)] = (1, 0)
    }

    func fill(_ buffer: UnsafeMutablePointer<CChar>, _ len: Int) -> Int32 {
        if refused != nil || ioError != nil { return -1 }
        let raw = UnsafeMutableRawBufferPointer(start: buffer, count: len)
        let n: Int
        do {
            n = try source.read(into: raw)
        } catch let e as InputError {
            ioError = e.message
            return -1
        } catch {
            ioError = "\(error)"
            return -1
        }
        if n == 0 { return 0 }
        let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<n])
        if !guardState.done {
            if let why = guardState.feed(bytes) {
                refused = why
                lines += guardState.newlines
                ring[lines & (ring.count - 1)] = (lines, delivered + guardState.lineStart)
                return -1
            }
        }
        let mask = ring.count - 1
        if let base = bytes.baseAddress {
            var i = 0
            while i < n, let hit = memchr(base + i, 0x0A, n - i) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                lines += 1
                ring[lines & mask] = (lines, delivered + at + 1)
                i = at + 1
            }
        }
        delivered += n
        // Keep the last 64 KiB..128 KiB handed over, for excerpts of the line an error is on.
        if recent.count + n > 128 << 10 {
            let drop = recent.count + n - (64 << 10)
            if drop >= recent.count {
                recent.removeAll(keepingCapacity: true)
            } else {
                recent.removeFirst(drop)
            }
        }
        recent.append(contentsOf: bytes.suffix(128 << 10))
        recentStart = delivered - recent.count
        return Int32(n)
    }

    /// The kept bytes from input offset `from` (at least ``recentStart``) to what was handed over.
    func recentBytes(from: Int) -> [UInt8] {
        Array(recent[max(0, from - recentStart)...])
    }

    /// Where a line starts, when it is recent enough to be remembered.
    func offset(ofLine line: Int) -> Int? {
        let e = ring[line & (ring.count - 1)]
        return e.line == line ? e.offset : nil
    }

    /// The record's line (from the node, else the parser) and the byte offset of that line.
    func line(forNodeLine parserLine: Int, node: xmlNodePtr?) -> (line: Int, offset: Int) {
        var l = parserLine
        if let node {
            let nodeLine = Int(xmlGetLineNo(node))
            if nodeLine > 0 { l = nodeLine }
        }
        return (l, offset(ofLine: l) ?? delivered)
    }

    /// The start of the given line (up to 200 characters) if it is still in the recent bytes, else "".
    func excerpt(line: Int) -> String {
        guard let start = offset(ofLine: line), start >= recentStart, start < recentStart + recent.count else {
            return ""
        }
        let from = start - recentStart
        let to = recent[from...].firstIndex(of: 0x0A) ?? recent.count
        return CSVReader.excerpt(HTMLText.collapseSpaces(String(decoding: recent[from..<min(to, from + 800)],
                                                                as: UTF8.self)))
    }
}
