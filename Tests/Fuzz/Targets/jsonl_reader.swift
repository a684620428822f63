// fuzz-modules: SkillIngest
// fuzz-seeds: lines:Corpora/sample/postings.jsonl lines:../shared/data/postings/*/*.jsonl*
// The JSON Lines path end to end: `LineReader` (with small chunks) and `InputReader.read(_:format: .jsonl)`
// on the input written to a scratch file (the readers take paths; an in-memory `ByteSource` would avoid it).
//
// Invariants (plain UTF-8 input; a UTF-8 byte-order mark is skipped): `LineReader` delivers exactly the
// lines a naive split on `\n` gives (number, offset, bytes without one trailing `\r`), lines over the limit
// as `tooLong` with their length; `InputReader` never throws for content and accounts for every line:
// one event (record or quarantined) per line that is over the limit or not blank, in line order, at that
// line's offset; records carry an id and a title or text. Gzip and UTF-16 input: no crash, events in order.
import Foundation
import SkillIO
import SkillIngest

private func checkLineReader(_ path: String, _ content: ArraySlice<UInt8>, base: Int, chunk: Int, max: Int) {
    var expected: [LineEvent.Description] = []
    for l in referenceLines(Array(content)) {
        if l.bytes.count > max {
            expected.append(.init(number: l.number, offset: base + l.offset, bytes: nil, length: l.bytes.count))
        } else {
            var b = Array(l.bytes)
            if b.last == 0x0D { b.removeLast() }
            expected.append(.init(number: l.number, offset: base + l.offset, bytes: b, length: nil))
        }
    }
    var got: [LineEvent.Description] = []
    do {
        let source = try ByteSource(path: path)
        try LineReader(maxLineBytes: max, chunkBytes: chunk).forEach(source) { event in
            switch event {
            case .line(let l): got.append(.init(number: l.number, offset: l.offset, bytes: Array(l.bytes), length: nil))
            case .tooLong(let n, let o, let len): got.append(.init(number: n, offset: o, bytes: nil, length: len))
            }
        }
    } catch {
        require(false, "LineReader threw on a plain file: \(error)")
    }
    require(got == expected, "LineReader(max \(max), chunk \(chunk)) gave \(got), expected \(expected)")
}

extension LineEvent {
    struct Description: Equatable, CustomStringConvertible {
        var number: Int, offset: Int, bytes: [UInt8]?, length: Int?
        var description: String {
            "#\(number)@\(offset):" + (bytes.map { String(decoding: $0, as: UTF8.self).debugDescription } ?? "tooLong(\(length ?? -1))")
        }
    }
}

private func checkInputReader(_ path: String, _ bytes: [UInt8], maxRecordBytes: Int, plain: Bool) {
    var events: [IngestEvent] = []
    do {
        try InputReader(maxRecordBytes: maxRecordBytes).read(path, format: .jsonl) { events.append($0) }
    } catch {
        require(false, "InputReader threw for content: \(error)")
    }
    var lastLine = 0
    for e in events {
        switch e {
        case .record(let r):
            require(r.line > lastLine, "record line \(r.line) after line \(lastLine)")
            require(r.sourceID != nil && !(r.title.isEmpty && r.text.isEmpty), "record without id or text: \(r)")
            if let d = r.date { require(d.utf8.count == 10, "date \(d) is not YYYY-MM-DD") }
            lastLine = r.line
        case .quarantined(let q):
            require(q.line > lastLine, "quarantined line \(q.line) after line \(lastLine)")
            require(!q.reason.isEmpty, "quarantined without a reason")
            lastLine = q.line
        }
    }
    guard plain else { return }
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let content = hasBOM ? bytes[3...] : bytes[...]
    var expected: [(line: Int, offset: Int)] = []
    for l in referenceLines(Array(content)) {
        var b = Array(l.bytes)
        let long = b.count > maxRecordBytes
        if b.last == 0x0D { b.removeLast() }
        if long || !b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { expected.append((l.number, l.offset + (hasBOM ? 3 : 0))) }
    }
    let got = events.map { e -> (line: Int, offset: Int) in
        switch e {
        case .record(let r): (r.line, r.offset)
        case .quarantined(let q): (q.line, q.offset)
        }
    }
    require(got.map(\.line) == expected.map(\.line) && got.map(\.offset) == expected.map(\.offset),
            "lines accounted \(got) but expected one event for each of \(expected) (max \(maxRecordBytes))")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let path = ScratchFile.write(bytes, name: "in.jsonl")
    let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    let plain = !looksGzipped(bytes) && !utf16
    if !looksGzipped(bytes) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let content = hasBOM ? bytes[3...] : bytes[...]
        let chunk = 3 + size % 13
        checkLineReader(path, content, base: hasBOM ? 3 : 0, chunk: chunk, max: 1 << 20)
        checkLineReader(path, content, base: hasBOM ? 3 : 0, chunk: chunk, max: 1 + size % 40)
    }
    checkInputReader(path, bytes, maxRecordBytes: 8 << 20, plain: plain)
    checkInputReader(path, bytes, maxRecordBytes: 48, plain: plain)
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    let lines = [
        #"{"id":"a1","title":"Swift developer","description":"Build iOS apps","date":"2021-03-04T10:00:00Z","region":"Berlin","company":"Acme"}"#,
        #"{"id":12345,"title":"Numbered","text":"numeric id","date":"04.03.2021"}"#,
        #"{"id":"a9","title":"Bad month","description":"x","date":"2023-13-45"}"#,
        #"{"title":"RSS","description":"rfc date","date":"Mon, 04 Mar 2021 10:00:00 +0000"}"#,
        "null", "42", "[1,2]", "   \t  ", "", "not json", #"{"id":"a19","title":"","description":"   "}"#,
    ]
    let file = Array(lines.joined(separator: "\n").utf8)
    var crlf = Array(lines.joined(separator: "\r\n").utf8)
    crlf += [0x0D]
    return HostileSeeds.all + [("mixed", file), ("crlf", crlf), ("bom", HostileSeeds.bom + file),
                               ("utf16", [0xFF, 0xFE] + Array(lines[0].utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                               ("gzip-header-only", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03])]
}
