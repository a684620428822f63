import Foundation
import SkillIO

/// The raw bytes after a well-formedness error, cut at record start tags; keeps line accounting.
struct ResyncScanner {
    /// Bytes from ``offset`` on: the current record piece and what has been read after it.
    private(set) var buf: [UInt8]
    /// Input offset of `buf[0]`, its line, and where that line starts.
    private(set) var offset: Int
    private(set) var line: Int
    private(set) var lineStart: Int
    let source: ByteSource
    /// `<name`, compared ASCII case-insensitively.
    private let open: [UInt8]
    private let close: [UInt8]
    let nameText: String
    /// Bytes one piece may hold while looking for the next record.
    let limit: Int
    var overflowed = false
    private(set) var ioError: String?
    private var eof = false

    init(kept: [UInt8], offset: Int, line: Int, source: ByteSource, name: String, limit: Int) {
        buf = kept
        self.offset = offset
        self.line = line
        lineStart = offset
        self.source = source
        nameText = name
        open = Array(("<" + name).lowercased().utf8)
        close = Array(("</" + name).lowercased().utf8)
        self.limit = limit
    }

    private mutating func more() -> Bool {
        guard !eof else { return false }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { eof = true; return false }
            buf.append(contentsOf: chunk[0..<n])
            return true
        } catch let e as InputError {
            ioError = e.message
        } catch {
            ioError = "\(error)"
        }
        eof = true
        return false
    }

    private func matches(_ word: [UInt8], at k: Int) -> Bool {
        guard k + word.count < buf.count else { return false }
        for (i, w) in word.enumerated() {
            let b = buf[k + i]
            if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != w { return false }
        }
        return true
    }

    private static func ends(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
    }

    /// Index of the next record start tag at or after `from`, reading more input as needed; nil at the end
    /// of input or when the piece grows over ``limit`` (``overflowed``) while `keep` is set. Without `keep`,
    /// scanned bytes are dropped as they are passed.
    mutating func nextStart(from: Int, keep: Bool) -> Int? {
        var k = from
        while true {
            while k + open.count < buf.count {
                if buf[k] == 0x3C, matches(open, at: k), Self.ends(buf[k + open.count]) { return k }
                k += 1
            }
            if buf.count > limit {
                if keep {
                    overflowed = true
                    return nil
                }
                drop(k)
                k = 0
            }
            if !more() { return nil }
        }
    }

    /// The index just after the last record end tag (`</name>`) before `end`, if any.
    func lastClose(before end: Int) -> Int? {
        var k = end - close.count
        while k >= 0 {
            if buf[k] == 0x3C, matches(close, at: k) {
                var j = k + close.count
                while j < end, buf[j] == 0x20 || buf[j] == 0x09 || buf[j] == 0x0A || buf[j] == 0x0D { j += 1 }
                if j < end, buf[j] == UInt8(ascii: ">") { return j + 1 }
            }
            k -= 1
        }
        return nil
    }

    /// Drops the first `n` bytes.
    mutating func drop(_ n: Int) {
        guard n > 0 else { return }
        for i in 0..<n where buf[i] == 0x0A {
            line += 1
            lineStart = offset + i + 1
        }
        offset += n
        buf.removeFirst(n)
    }

    /// The input line and line-start offset of line `l` of the current piece (line 1 starts at `buf[0]`).
    func position(ofPieceLine l: Int) -> (line: Int, offset: Int) {
        guard l > 1 else { return (line, lineStart) }
        var seen = 1
        for (i, b) in buf.enumerated() where b == 0x0A {
            seen += 1
            if seen == l { return (line + l - 1, offset + i + 1) }
        }
        return (line, lineStart)
    }

    /// Up to 200 characters of input line `l` of the current piece.
    func excerpt(line l: Int) -> String {
        let start = position(ofPieceLine: l - line + 1).offset - offset
        let from = max(0, start)
        let to = buf[from...].firstIndex(of: 0x0A) ?? buf.count
        return CSVReader.excerpt(HTMLText.collapseSpaces(String(decoding: buf[from..<min(to, from + 800)],
                                                                as: UTF8.self)))
    }
}
