// fuzz-modules: SkillIngest
// fuzz-seeds: lines:Corpora/sample/programmes.csv file:Corpora/sample/programmes.csv
// The RFC 4180 `CSVReader` and `InputReader.read(_:format: .csv/.tsv)` on the input written to a scratch
// file (the readers take paths).
//
// Invariants: never a crash or a throw for content; events in strictly increasing line and offset order,
// offsets inside the file; with no `"` in the input (and valid UTF-8), each non-blank line is one record
// whose fields are the line split at the delimiter (one trailing `\r` dropped); whenever no record is
// malformed, writing the records back as RFC 4180 (every field quoted) and reading that gives the same
// fields (quoting round trip). A tiny `maxRecordBytes` must not break the ordering invariants.
import Foundation
import SkillIO
import SkillIngest

private func read(_ path: String, delimiter: UInt8, max: Int) -> [CSVEvent] {
    var events: [CSVEvent] = []
    do {
        let source = try ByteSource(path: path)
        try CSVReader(delimiter: delimiter, maxRecordBytes: max).forEach(source) { events.append($0) }
    } catch {
        require(false, "CSVReader threw on a plain file: \(error)")
    }
    return events
}

private func position(_ e: CSVEvent) -> (line: Int, offset: Int) {
    switch e {
    case .record(_, let line, let offset): (line, offset)
    case .malformed(let line, let offset, _, _): (line, offset)
    }
}

private func checkOrder(_ events: [CSVEvent], size: Int, _ what: String) {
    var last = (line: 0, offset: -1)
    for e in events {
        let p = position(e)
        require(p.line > last.line && p.offset > last.offset, "\(what): event at line \(p.line) offset \(p.offset) after line \(last.line) offset \(last.offset)")
        require(p.offset < max(size, 1), "\(what): offset \(p.offset) beyond the file (\(size) bytes)")
        if case .malformed(_, _, let reason, _) = e { require(!reason.isEmpty, "\(what): malformed without a reason") }
        last = p
    }
}

private func records(_ events: [CSVEvent]) -> [[String]]? {
    var out: [[String]] = []
    for e in events {
        guard case .record(let fields, _, _) = e else { return nil }
        out.append(fields)
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let delimiter: UInt8 = size % 2 == 0 ? 0x2C : 0x09
    let path = ScratchFile.write(bytes, name: "in.csv")
    let events = read(path, delimiter: delimiter, max: 16 << 20)
    checkOrder(events, size: size, "CSV")
    checkOrder(read(path, delimiter: delimiter, max: 1 + size % 50), size: size, "CSV with a tiny record limit")

    let plain = !looksGzipped(bytes)
    let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    let content = hasBOM ? Array(bytes[3...]) : bytes
    if plain, !content.contains(UInt8(ascii: "\"")), isValidUTF8(content) {
        var expected: [[String]] = []
        for l in referenceLines(content) {
            var b = Array(l.bytes)
            if b.last == 0x0D { b.removeLast() }
            if b.isEmpty { continue }
            expected.append(b.split(separator: delimiter, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) })
        }
        require(records(events) == expected, "quote-free CSV read as \(events), expected \(expected)")
    }
    if plain, let recs = records(events), !recs.isEmpty {
        var out: [UInt8] = []
        for r in recs {
            out += r.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                .joined(separator: String(UnicodeScalar(delimiter))).utf8
            out.append(0x0A)
        }
        let again = read(ScratchFile.write(out, name: "roundtrip.csv"), delimiter: delimiter, max: 16 << 20)
        require(records(again) == recs, "quoting round trip: \(recs) written and read back as \(again)")
    }

    for format in [InputFormat.csv, .tsv] {
        var last = 0
        do {
            try InputReader().read(path, format: format, fileDigest: String(repeating: "0", count: 64)) { e in
                switch e {
                case .record(let r):
                    require(r.line > last && r.sourceID != nil, "\(format) record line \(r.line) after \(last)")
                    last = r.line
                case .quarantined(let q):
                    require(q.line > last, "\(format) quarantined line \(q.line) after \(last)")
                    last = q.line
                }
            }
        } catch {
            require(false, "InputReader threw for \(format) content: \(error)")
        }
    }
    return 0
}

func fuzzSeeds() -> [(String, [UInt8])] {
    var mixed: [UInt8] = [0xEF, 0xBB, 0xBF]
    mixed += "id,Title,description,date,region\r\n".utf8
    mixed += "c1,Backend dev,\"Go, Kubernetes and \"\"cloud\"\" work\",2021-03-04,Berlin\r\n".utf8
    mixed += "c2,Multi line,\"line one\r\nline two\nline three\",2021/03/04,Paris\r\n".utf8
    mixed += "c3,Too few fields\r\n\r\nc6,Invalid utf8,caf".utf8 + [0xC3, 0x28] + " x,2021-03-01,Oslo\r\n".utf8
    mixed += "c9,Last no newline,text,\"Mon, 04 Mar 2021 10:00:00 +0000\",Madrid".utf8
    return HostileSeeds.all + [
        ("mixed", mixed),
        ("open-quote", Array("id,title,text\nu1,First,ok\nu2,\"Never closed,text\nu3,after,x\n".utf8)),
        ("text-after-quote", Array("a,b\n\"x\"y,\"\"\"\"\n\"\",\n,\n".utf8)),
        ("tsv", Array("id\ttitle\tdescription\tdate\nt1\tTab job\tuses, commas and \"quotes\" inside\t2021-03-04\nt2\tSecond\t\"quoted\ttab\"\t2021-03\n".utf8)),
    ]
}
