import Foundation
import SkillIngest
import SkillStore

/// The binary scan stream (DESIGN.md, *Scan records*): the 8 bytes `SRSCAN01`, then frames of one kind byte,
/// a LEB128 payload length and the payload. Integers are LEB128 (zig-zag when they may be negative), strings
/// a length and UTF-8 bytes, doubles their IEEE-754 bits little-endian, optionals a 0/1 byte before the value.
/// The header frame holds sorted-key JSON (small, once per stream, readable with `strings`).
public enum ScanBinary {
    public static let magic = Array("SRSCAN01".utf8)

    enum Kind: UInt8 {
        case header = 0x48 // H
        case file = 0x46 // F
        case record = 0x52 // R
        case quarantined = 0x51 // Q
        case place = 0x50 // P
        case fileEnd = 0x45 // E
        case end = 0x5A // Z
    }

    /// Appends `message` as one frame to `out`. O(size of the message).
    public static func encode(_ message: ScanMessage, into out: inout [UInt8]) throws {
        var p = ByteWriter()
        let kind: Kind
        switch message {
        case .header(let h):
            kind = .header
            p.bytes = Array(try JSONEncoder.sortedKeys.encode(h))
        case .file(let f):
            kind = .file
            p.string(f.path)
            p.string(f.format)
            p.int(f.bytes)
            p.string(String(decoding: try JSONEncoder.sortedKeys.encode(f.mapping), as: UTF8.self))
            p.int(f.rangeStart)
            p.optional(f.rangeEnd) { $0.int($1) }
        case .record(let r):
            kind = .record
            encodeRecord(r, into: &p)
        case .quarantined(let q):
            kind = .quarantined
            p.int(q.line)
            p.int(q.offset)
            p.string(q.reason)
            p.string(q.excerpt)
        case .place(let r):
            kind = .place
            p.string(r.region)
            p.string(r.summary)
            p.double(r.confidence)
            p.bytes.append(UInt8(r.remote ? 1 : 0) | UInt8(r.hybrid ? 2 : 0) | UInt8(r.onsite ? 4 : 0))
            p.count(r.evidence.count)
            r.evidence.forEach { p.string($0) }
            p.count(r.places.count)
            for x in r.places { [x.key, x.level, x.code, x.name, x.country].forEach { p.string($0) } }
        case .fileEnd(let e):
            kind = .fileEnd
            p.string(e.path)
            p.string(e.sha256)
            p.int(e.read)
        case .end(let records):
            kind = .end
            p.int(records)
        }
        out.append(kind.rawValue)
        var length = ByteWriter()
        length.uint64(UInt64(p.bytes.count))
        out.append(contentsOf: length.bytes)
        out.append(contentsOf: p.bytes)
    }

    private static func encodeRecord(_ r: ScanRecord, into p: inout ByteWriter) {
        let x = r.posting
        p.optional(x.sourceID) { $0.string($1) }
        p.string(x.contentHash)
        p.string(x.title)
        p.string(x.storeText ? x.text : "")
        p.optional(x.date) { $0.string($1) }
        p.optional(x.region) { $0.string($1) }
        p.optional(x.employer) { $0.string($1) }
        p.int(x.sourceLine)
        p.int(x.sourceOffset)
        p.int(x.sourceLength)
        p.int(x.sourceRecord)
        p.bytes.append(x.storeText ? 1 : 0)
        p.count(x.bandKeys.count)
        x.bandKeys.forEach { p.uint64($0) }
        p.optional(x.occupation) { $0.occupation($1) }
        p.count(x.roles.count)
        for role in x.roles {
            p.string(role.key)
            p.string(role.phrase)
            p.string(role.evidence)
            p.optional(role.occupation) { $0.occupation($1) }
        }
        p.count(r.mentions.count)
        for m in r.mentions {
            p.string(m.conceptID)
            p.int(m.count)
            p.int(m.firstStart)
            p.int(m.firstEnd)
            p.string(m.matchedText)
            p.double(m.confidence)
        }
    }

    /// Decodes one frame's payload. `corpus` and `path` come from the stream's header and current file.
    static func decode(kind: UInt8, payload: ArraySlice<UInt8>, corpus: Corpus, path: String) throws -> ScanMessage {
        var r = ByteReader(payload)
        guard let k = Kind(rawValue: kind) else { throw ScanFormatError("unknown frame kind \(kind)") }
        let message: ScanMessage
        switch k {
        case .header:
            message = .header(try JSONDecoder().decode(ScanHeader.self, from: Data(payload)))
            return message
        case .file:
            let path = try r.string(), format = try r.string(), bytes = try r.int()
            let mapping = try JSONDecoder().decode(FieldMapping.self, from: Data(try r.string().utf8))
            var f = ScanFile(path: path, format: format, bytes: bytes, mapping: mapping)
            f.rangeStart = try r.int()
            f.rangeEnd = try r.optional { try $0.int() }
            message = .file(f)
        case .record:
            message = .record(try decodeRecord(&r, corpus: corpus, path: path))
        case .quarantined:
            let line = try r.int(), offset = try r.int()
            message = .quarantined(QuarantineRow(sourcePath: path, line: line, offset: offset, reason: try r.string(),
                                                 excerpt: try r.string()))
        case .place:
            let region = try r.string(), summary = try r.string(), confidence = try r.double(), flags = try r.byte()
            var evidence: [String] = []
            for _ in 0..<(try r.count()) { evidence.append(try r.string()) }
            var places: [(key: String, level: String, code: String, name: String, country: String)] = []
            for _ in 0..<(try r.count()) {
                places.append((try r.string(), try r.string(), try r.string(), try r.string(), try r.string()))
            }
            message = .place(ScanPlace(region: region, summary: summary, confidence: confidence,
                                             remote: flags & 1 != 0, hybrid: flags & 2 != 0, onsite: flags & 4 != 0,
                                             evidence: evidence, places: places))
        case .fileEnd:
            message = .fileEnd(ScanFileEnd(path: try r.string(), sha256: try r.string(), read: try r.int()))
        case .end:
            message = .end(records: try r.int())
        }
        guard r.atEnd else { throw ScanFormatError("frame '\(Character(Unicode.Scalar(kind)))' has trailing bytes") }
        return message
    }

    private static func decodeRecord(_ r: inout ByteReader, corpus: Corpus, path: String) throws -> ScanRecord {
        let sourceID = try r.optional { try $0.string() }
        let hash = try r.string(), title = try r.string(), text = try r.string()
        let date = try r.optional { try $0.string() }, region = try r.optional { try $0.string() }
        let employer = try r.optional { try $0.string() }
        var p = PostingRow(corpus: corpus, sourceID: sourceID, contentHash: hash, title: title, text: text, date: date,
                           region: region, employer: employer, sourcePath: path, sourceLine: try r.int())
        p.sourceOffset = try r.int()
        p.sourceLength = try r.int()
        p.sourceRecord = try r.int()
        p.storeText = try r.byte() != 0
        for _ in 0..<(try r.count()) { p.bandKeys.append(try r.uint64()) }
        p.occupation = try r.optional { try $0.occupation() }
        for _ in 0..<(try r.count()) {
            p.roles.append(RoleRow(key: try r.string(), phrase: try r.string(), evidence: try r.string(),
                                   occupation: try r.optional { try $0.occupation() }))
        }
        var mentions: [MentionRow] = []
        for _ in 0..<(try r.count()) {
            mentions.append(MentionRow(conceptID: try r.string(), count: try r.int(), firstStart: try r.int(),
                                       firstEnd: try r.int(), matchedText: try r.string(), confidence: try r.double()))
        }
        return ScanRecord(posting: p, mentions: mentions)
    }
}

/// Little pieces of the binary format, appended to `bytes`.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func uint64(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A count of items that follow (read by ``ByteReader/count()``).
    mutating func count(_ n: Int) { uint64(UInt64(n)) }

    /// Zig-zag, so that small negative values stay short.
    mutating func int(_ v: Int) { uint64(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))) }

    mutating func double(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            uint64(UInt64(buf.count))
            bytes.append(contentsOf: buf)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let v {
            bytes.append(1)
            write(&self, v)
        } else {
            bytes.append(0)
        }
    }

    mutating func occupation(_ o: OccupationAssignment) {
        string(o.occupationID)
        string(o.label)
        optional(o.iscoCode) { $0.string($1) }
        optional(o.onetCode) { $0.string($1) }
        double(o.confidence)
        string(o.method)
    }
}

/// Reads what ``ByteWriter`` wrote; every read checks the bounds and throws on a short or malformed payload.
struct ByteReader {
    private let data: ArraySlice<UInt8>
    private var at: Int

    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        at = data.startIndex
    }

    var atEnd: Bool { at == data.endIndex }
    /// Bytes read so far.
    var consumed: Int { at - data.startIndex }

    mutating func byte() throws -> UInt8 {
        guard at < data.endIndex else { throw ScanFormatError("frame ends in the middle of a value") }
        defer { at += 1 }
        return data[at]
    }

    mutating func uint64() throws -> UInt64 {
        var v: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw ScanFormatError("integer longer than 64 bits") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    mutating func int() throws -> Int {
        let z = try uint64()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    /// A count of items that follow; bounded by the bytes left, so a corrupt count cannot allocate wildly.
    mutating func count() throws -> Int {
        let n = try uint64()
        guard n <= UInt64(data.endIndex - at) else { throw ScanFormatError("count \(n) exceeds the frame") }
        return Int(n)
    }

    mutating func double() throws -> Double {
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(try byte()) << (8 * UInt64(k)) }
        return Double(bitPattern: bits)
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        guard let s = String(validating: data[at..<at + n], as: UTF8.self) else {
            throw ScanFormatError("string is not valid UTF-8")
        }
        return s
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        case let b: throw ScanFormatError("optional flag \(b) is neither 0 nor 1")
        }
    }

    mutating func occupation() throws -> OccupationAssignment {
        let id = try string(), label = try string()
        let isco = try optional { try $0.string() }, onet = try optional { try $0.string() }
        return OccupationAssignment(occupationID: id, label: label, iscoCode: isco, onetCode: onet,
                                    confidence: try double(), method: try string())
    }
}

extension JSONEncoder {
    /// Sorted keys: the same value always encodes to the same bytes.
    static var sortedKeys: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
