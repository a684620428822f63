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
    public var offset: Int

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

    static func collapse(_ s: String, into out: inout [UInt8]) {
        var space = false
        var started = false
        var utf8 = s.utf8.makeIterator()
        var pendingC2 = false
        while let b = utf8.next() {
            if pendingC2 {
                pendingC2 = false
                if b == 0xA0 { space = true; continue } // NBSP
                if space && started { out.append(0x20) }
                space = false
                started = true
                out.append(0xC2)
                out.append(b)
                continue
            }
            if b == 0xC2 { pendingC2 = true; continue }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) { space = true; continue }
            if space && started { out.append(0x20) }
            space = false
            started = true
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        if pendingC2 {
            if space && started { out.append(0x20) }
            out.append(0xC2)
        }
    }
}

/// What a reader delivers for each record of an input.
public enum IngestEvent: Sendable {
    case record(PostingRecord)
    case quarantined(QuarantinedRecord)
}

/// Which column or key holds each field. Each field has a list of candidates tried in order; the first
/// present, non-empty one wins. `--map title=job_title` puts a user's name first.
public struct FieldMapping: Sendable, Hashable {
    public var id = ["id", "job_id", "posting_id", "uid", "guid", "url"]
    public var title = ["title", "job_title", "jobtitle", "position", "name"]
    public var text = ["description", "text", "body", "body_markdown", "content", "summary", "job_description"]
    public var date = ["date", "created", "date_posted", "datePosted", "posted", "published", "publishedAt",
                       "posting_date", "created_at", "createdAt"]
    public var region = ["region", "location", "city", "state", "country"]
    public var employer = ["employer", "company", "provider", "organization", "organisation", "company_name"]

    public init() {}

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
        }
    }

    /// A record from a key lookup function; returns the quarantine reason instead when it is unusable.
    func record(path: String, line: Int, offset: Int, excerpt: @autoclosure () -> String,
                _ value: (String) -> String?) -> IngestEvent {
        func first(_ keys: [String]) -> String? {
            for k in keys {
                if let v = value(k).map(trimmed), !v.isEmpty { return v }
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
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return s }
    if !first.properties.isWhitespace && !last.properties.isWhitespace { return s }
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
        let s = raw.trimmingCharacters(in: .whitespaces)
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count, r.allSatisfy({ u[$0] >= 48 && u[$0] <= 57 }) else { return nil }
            return Int(String(decoding: u[r], as: UTF8.self))
        }
        var y: Int?, m: Int?, d: Int?
        if u.count >= 10, u[4] == u[7], u[4] == UInt8(ascii: "-") || u[4] == UInt8(ascii: "/") {
            (y, m, d) = (num(0..<4), num(5..<7), num(8..<10))
            if u.count > 10, !(u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ")) { return nil }
        } else if u.count == 7, u[4] == UInt8(ascii: "-") {
            (y, m, d) = (num(0..<4), num(5..<7), 1)
        } else if u.count == 10, u[2] == UInt8(ascii: "."), u[5] == UInt8(ascii: ".") {
            (y, m, d) = (num(6..<10), num(3..<5), num(0..<2))
        } else if let parsed = rfc822(s) {
            (y, m, d) = parsed
        }
        guard let y, let m, let d, (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[m - 1]).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func rfc822(_ s: String) -> (Int, Int, Int)? {
        // "Mon, 02 Jan 2017 10:00:00 +0000" or "02 Jan 2017"
        let parts = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        for i in 0..<parts.count where i + 2 < parts.count {
            if let d = Int(parts[i]), let mi = months.firstIndex(of: parts[i + 1].prefix(3).lowercased()),
               let y = Int(parts[i + 2]), parts[i + 2].count == 4 {
                return (y, mi + 1, d)
            }
        }
        return nil
    }
}
