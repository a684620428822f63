import Foundation
import SkillIO

/// A record read from an input, before matching and storage.
public struct PostingRecord: Sendable, Hashable {
    public var sourceID: String?
    public var title: String
    public var text: String
    /// Normalized `YYYY-MM-DD`, or nil when the record has no date.
    public var date: String?
    public var region: String?
    /// Employer of a posting, or provider of a training programme.
    public var employer: String?
    public var sourcePath: String
    /// 1-based line where the record starts (0 for whole-file records such as HTML pages).
    public var line: Int
    /// Byte offset of the record in the decoded input (after decompression and transcoding to UTF-8).
    public var offset: Int
    /// Bytes of the record at `offset` when the format knows it (a JSON line, a whole HTML page); 0 otherwise.
    public var length = 0
    /// 0-based index of the record among the file's records and quarantined records, in reading order: with
    /// line and offset, it identifies the record when the format's offsets do not (XML items on one line).
    public var ordinal = 0
    /// Categories the source attached (RSS `<category>`, Atom `<category term>`); not matched, kept as given.
    public var tags: [String] = []

    public init(sourceID: String?, title: String, text: String, date: String?, region: String?,
                employer: String?, sourcePath: String, line: Int, offset: Int) {
        self.sourceID = sourceID
        self.title = title
        self.text = text
        self.date = date
        self.region = region
        self.employer = employer
        self.sourcePath = sourcePath
        self.line = line
        self.offset = offset
    }

    /// Title and text as matched: the title, a blank line, then the text.
    public var matchText: String { title.isEmpty ? text : title + "\n\n" + text }

    /// SHA-256 of the title, text and employer with ASCII letters lower-cased and runs of white space
    /// (ASCII white space and U+00A0) collapsed to one space: exact duplicates (reposts) share it,
    /// whatever their id, date or region. Works on UTF-8 bytes in one pass.
    public var contentHash: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(title.utf8.count + text.utf8.count + (employer?.utf8.count ?? 0) + 3)
        for part in [title, text, employer ?? ""] {
            Self.collapse(part, into: &buffer)
            buffer.append(0x1F)
        }
        return SHA256.hex(buffer)
    }

    /// Appends `s` lower-cased (ASCII letters) with runs of white space (ASCII and U+00A0) collapsed to one
    /// space and trimmed at both ends. One pass over the UTF-8 bytes; an ordinary byte costs a table look-up
    /// and a store (the output index advances unconditionally).
    static func collapse(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { collapse($0, into: &out) }
    }

    /// Per byte: 0 = ASCII white space, 1 = 0xC2 (may start U+00A0), else the byte lower-cased + 2 (as UInt16).
    private static let collapseClass: [UInt16] = (0..<256).map { v in
        if v == 0x20 || (v >= 0x09 && v <= 0x0D) { return 0 }
        if v == 0xC2 { return 1 }
        return UInt16(v >= 0x41 && v <= 0x5A ? v | 0x20 : v) + 2
    }

    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        guard let p = bytes.baseAddress, !bytes.isEmpty else { return }
        let n = bytes.count
        let start = out.count
        // At most n + 1 bytes are written (a lone 0xC2 at the end is kept).
        out.append(contentsOf: repeatElement(0, count: n + 1))
        var written = start
        out.withUnsafeMutableBufferPointer { o in
            guard let q = o.baseAddress else { return }
            Self.collapseClass.withUnsafeBufferPointer { table in
                guard let t = table.baseAddress else { return }
                var space = false   // white space seen since the last written byte
                var started = false // something written (leading white space is dropped)
                var i = 0
                while i < n {
                    let c = t[Int(p[i])]
                    if c >= 2 {
                        if space {
                            if started { q[written] = 0x20; written += 1 }
                            space = false
                        }
                        q[written] = UInt8(truncatingIfNeeded: c &- 2)
                        written += 1
                        started = true
                        i += 1
                    } else if c == 0 {
                        space = true
                        i += 1
                    } else if i + 1 < n, p[i + 1] == 0xA0 { // U+00A0
                        space = true
                        i += 2
                    } else {
                        if space {
                            if started { q[written] = 0x20; written += 1 }
                            space = false
                        }
                        q[written] = 0xC2
                        written += 1
                        started = true
                        i += 1
                    }
                }
            }
        }
        out.removeLast(out.count - written)
    }
}

/// What a reader delivers for each record of an input.
public enum IngestEvent: Sendable {
    case record(PostingRecord)
    case quarantined(QuarantinedRecord)

    /// The event with its record changed by `change` (a quarantined record as it is).
    func updatingRecord(_ change: (inout PostingRecord) throws -> Void) rethrows -> IngestEvent {
        guard case .record(var r) = self else { return self }
        try change(&r)
        return .record(r)
    }
}

/// Which column or key holds each field. Each field has a list of candidates tried in order; the first
/// present, non-empty one wins. `--map title=job_title` puts a user's name first. A key `a+b` joins the
/// non-empty values of `a` and `b` with ", " (`--map region=city+country`).
///
/// In JSON Lines a key with dots is a path when no member has that exact name: member names and array
/// indexes (`llm_parsed.company`, `llm_parsed.positions.0.title`); an array value gives its first
/// non-empty string (`llm_parsed.location`). The defaults end with the `llm_parsed` paths of LLM-annotated
/// corpora, after every flat key, so a flat key always wins.
public struct FieldMapping: Sendable, Hashable, Codable {
    public var id = ["id", "job_id", "posting_id", "uid", "guid", "url"]
    public var title = ["title", "job_title", "jobtitle", "position", "name"]
    public var text = ["description", "text", "body", "body_markdown", "content", "summary", "job_description"]
    public var date = ["date", "created", "date_posted", "datePosted", "posted", "published", "publishedAt",
                       "posting_date", "created_at", "createdAt"]
    public var region = ["region", "location", "city", "state", "country", "llm_parsed.location"]
    public var employer = ["employer", "company", "provider", "organization", "organisation", "company_name",
                           "llm_parsed.company"]
    /// The input's character encoding when it is not UTF-8 and has no byte-order mark (`--encoding`).
    /// XML inputs declare theirs in the prolog; this overrides it.
    public var encoding: TextEncoding?
    /// CSV/TSV field delimiter (`--delimiter`); nil: `,` for CSV, tab for TSV.
    public var delimiter: UInt8?
    /// XML: the record element, as a path of element names (`COURSE`, `channel/item`; a leading `/` anchors
    /// it at the root). Nil: `item` for RSS, `entry` for Atom, `COURSE` for DEFTIS. In XML inputs the other
    /// keys are element paths below the record element (`author/name`, `link/@href`).
    public var recordPath: String?
    /// The fields that `--map` overrides named (``apply(_:)``), such as `title`: where the user said
    /// explicitly which key holds a field.
    public private(set) var mappedFields: Set<String> = []

    public init() {}

    /// Whether the user mapped the title or the text explicitly. HTML pages do not look their keys up,
    /// but such a mapping keeps a page without a JobPosting and without main text as a record (from its
    /// title and visible text) instead of quarantining it.
    public var mapsContentExplicitly: Bool { mappedFields.contains("title") || mappedFields.contains("text") }

    /// Sets the encoding from a name such as `iso-8859-15` or `cp1252`; throws on an unsupported one.
    public mutating func setEncoding(_ name: String) throws {
        guard let e = TextEncoding(label: name) else {
            throw IngestError("unsupported encoding '\(name)'; supported: \(TextEncoding.supportedNames)")
        }
        encoding = e
    }

    /// Sets the CSV/TSV delimiter: one ASCII character, or `tab`; throws otherwise.
    public mutating func setDelimiter(_ d: String) throws {
        if d == "tab" || d == "\\t" || d == "\t" { delimiter = 9; return }
        guard d.utf8.count == 1, let b = d.utf8.first, b < 0x80, b != UInt8(ascii: "\""), b != 0x0A, b != 0x0D else {
            throw IngestError("delimiter must be one ASCII character other than a quote or line break, "
                              + "or 'tab' (got '\(d)')")
        }
        delimiter = b
    }

    /// Applies `field=key` overrides; throws on an unknown field name.
    public mutating func apply(_ overrides: [String]) throws {
        for o in overrides {
            let parts = o.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw IngestError("mapping '\(o)' must look like field=key, e.g. title=job_title")
            }
            switch parts[0] {
            case "id": id.insert(parts[1], at: 0)
            case "title": title.insert(parts[1], at: 0)
            case "text": text.insert(parts[1], at: 0)
            case "date": date.insert(parts[1], at: 0)
            case "region": region.insert(parts[1], at: 0)
            case "employer": employer.insert(parts[1], at: 0)
            default:
                throw IngestError("unknown field '\(parts[0])' in mapping '\(o)'; "
                                  + "fields are id, title, text, date, region, employer")
            }
            mappedFields.insert(parts[0])
        }
    }

    /// A record from a key lookup function; returns the quarantine reason instead when it is unusable.
    func record(path: String, line: Int, offset: Int, excerpt: @autoclosure () -> String,
                _ value: (String) -> String?) -> IngestEvent {
        func first(_ keys: [String]) -> String? {
            for k in keys {
                if k.contains("+") {
                    // A composite key (`city+country`): the non-empty parts joined by ", ".
                    let parts = k.split(separator: "+").compactMap { value(trimmed(String($0))).map(trimmed) }
                        .filter { !$0.isEmpty }
                    if !parts.isEmpty { return parts.joined(separator: ", ") }
                } else if let v = value(k).map(trimmed), !v.isEmpty {
                    return v
                }
            }
            return nil
        }
        let title = first(title) ?? ""
        let text = first(text) ?? ""
        guard !(title.isEmpty && text.isEmpty) else {
            return .quarantined(QuarantinedRecord(
                sourcePath: path, line: line, offset: offset,
                reason: "no title or text (looked for \((self.title + self.text).joined(separator: ", ")); "
                    + "use --map text=KEY)", excerpt: excerpt()))
        }
        var date: String?
        if let raw = first(self.date) {
            guard let d = DateNormalizer.normalize(raw) else {
                return .quarantined(QuarantinedRecord(sourcePath: path, line: line, offset: offset,
                                                      reason: "invalid date '\(raw.prefix(40))'", excerpt: excerpt()))
            }
            date = d
        }
        return .record(PostingRecord(sourceID: first(id), title: title, text: text, date: date,
                                     region: first(region), employer: first(employer), sourcePath: path,
                                     line: line, offset: offset))
    }
}

/// `s` without leading and trailing white space; returns `s` itself (no copy) when there is none.
func trimmed(_ s: String) -> String {
    // Fast path on the bytes: ASCII non-space first and last bytes need no Unicode properties.
    guard let b0 = s.utf8.first, let b1 = s.utf8.last else { return s }
    if b0 > 0x20 && b0 < 0x80 && b1 > 0x20 && b1 < 0x80 { return s }
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
    if !first.properties.isWhitespace && !last.properties.isWhitespace { return s }
    // Fast path: ASCII white space at the ends (pretty-printed XML, padded CSV) trimmed on the bytes.
    let u = s.utf8
    func ascii(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    var lo = u.startIndex, hi = u.endIndex
    while lo < hi, ascii(u[lo]) { lo = u.index(after: lo) }
    while hi > lo, ascii(u[u.index(before: hi)]) { hi = u.index(before: hi) }
    if lo < hi, u[lo] < 0x80, u[u.index(before: hi)] < 0x80 {
        return String(Substring(u[lo..<hi]))
    }
    return s.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// An ingestion error a user can act on.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Parses the date forms found in postings into `YYYY-MM-DD`.
public enum DateNormalizer {
    /// Accepts `YYYY-MM-DD` (optionally followed by a time, as in ISO 8601), `YYYY/MM/DD`, `YYYY-MM`
    /// (day 01), `DD.MM.YYYY`, and RFC 822 dates as in RSS (`Mon, 02 Jan 2017 ...`). Rejects impossible
    /// dates (month 13, 31 February).
    public static func normalize(_ raw: String) -> String? {
        // Byte-level: this runs once per record, so no Foundation string calls.
        var u = Array(raw.utf8)
        while let f = u.first, f == 0x20 || f == 0x09 { u.removeFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 { u.removeLast() }
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for i in r {
                guard u[i] >= 48 && u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        var y: Int?, m: Int?, d: Int?
        if u.count >= 10, u[4] == u[7], u[4] == UInt8(ascii: "-") || u[4] == UInt8(ascii: "/") {
            (y, m, d) = (num(0..<4), num(5..<7), num(8..<10))
            if u.count > 10, !(u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ")) { return nil }
        } else if u.count == 7, u[4] == UInt8(ascii: "-") {
            (y, m, d) = (num(0..<4), num(5..<7), 1)
        } else if u.count == 10, u[2] == UInt8(ascii: "."), u[5] == UInt8(ascii: ".") {
            (y, m, d) = (num(6..<10), num(3..<5), num(0..<2))
        } else if let parsed = rfc822(u) {
            (y, m, d) = parsed
        }
        guard let y, let m, let d, (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[m - 1]).contains(d) else { return nil }
        let digits: [UInt8] = [
            UInt8(48 + y / 1000), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 0x2D,
            UInt8(48 + m / 10), UInt8(48 + m % 10), 0x2D, UInt8(48 + d / 10), UInt8(48 + d % 10),
        ]
        return String(decoding: digits, as: UTF8.self)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthBytes: [[UInt8]] = months.map { Array($0.utf8) }

    static func rfc822(_ s: String) -> (Int, Int, Int)? { rfc822(Array(s.utf8)) }

    /// "Mon, 02 Jan 2017 10:00:00 +0000" or "02 Jan 2017": the first (day, month name, 4-digit year) run
    /// of words separated by spaces or commas.
    static func rfc822(_ u: [UInt8]) -> (Int, Int, Int)? {
        var parts: [ArraySlice<UInt8>] = []
        var start = -1
        for i in 0...u.count {
            let sep = i == u.count || u[i] == 0x20 || u[i] == UInt8(ascii: ",")
            if sep {
                if start >= 0 { parts.append(u[start..<i]); start = -1 }
            } else if start < 0 {
                start = i
            }
        }
        func int(_ p: ArraySlice<UInt8>) -> Int? {
            var sign = 1
            var q = p
            if let f = q.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
                sign = f == UInt8(ascii: "-") ? -1 : 1
                q = q.dropFirst()
            }
            guard !q.isEmpty, q.count < 18 else { return nil }
            var v = 0
            for b in q {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return sign * v
        }
        for i in 0..<parts.count where i + 2 < parts.count {
            let monthWord = parts[i + 1].prefix(3).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if let d = int(parts[i]), let mi = monthBytes.firstIndex(of: monthWord),
               let y = int(parts[i + 2]), parts[i + 2].count == 4 {
                return (y, mi + 1, d)
            }
        }
        return nil
    }
}
