import Foundation
import SkillIngest
import SkillStore

/// The JSON Lines scan stream: one object per message, `{"type": "header"|"file"|"record"|"quarantined"|
/// "place"|"file_end"|"end", ...}` with sorted keys, for tools that read text (Spark's `RDD.pipe`, `jq`). It
/// carries the same messages as ``ScanBinary`` and decodes to the same values.
public enum ScanJSONLines {
    struct Line: Codable {
        var type: String
        var header: ScanHeader?
        var file: ScanFile?
        var posting: PostingRow?
        var mentions: [MentionRow]?
        var quarantined: QuarantineRow?
        var place: PlaceJSON?
        var fileEnd: ScanFileEnd?
        var records: Int?

        enum CodingKeys: String, CodingKey {
            case type, header, file, posting, mentions, quarantined, place, records
            case fileEnd = "file_end"
        }
    }

    struct PlaceJSON: Codable {
        struct Place: Codable { var key, level, code, name, country: String }
        var region, summary: String
        var confidence: Double
        var remote, hybrid, onsite: Bool
        var evidence: [String]
        var places: [Place]
    }

    /// Appends `message` as one line (with its newline) to `out`.
    public static func encode(_ message: ScanMessage, into out: inout [UInt8]) throws {
        var line = Line(type: "")
        switch message {
        case .header(let h): (line.type, line.header) = ("header", h)
        case .file(let f): (line.type, line.file) = ("file", f)
        case .record(let r):
            var p = r.posting
            if !p.storeText { p.text = "" }
            (line.type, line.posting, line.mentions) = ("record", p, r.mentions)
        case .quarantined(let q): (line.type, line.quarantined) = ("quarantined", q)
        case .place(let r):
            line.type = "place"
            line.place = PlaceJSON(region: r.region, summary: r.summary, confidence: r.confidence, remote: r.remote,
                                   hybrid: r.hybrid, onsite: r.onsite, evidence: r.evidence,
                                   places: r.places.map { .init(key: $0.key, level: $0.level, code: $0.code,
                                                                name: $0.name, country: $0.country) })
        case .fileEnd(let e): (line.type, line.fileEnd) = ("file_end", e)
        case .end(let n): (line.type, line.records) = ("end", n)
        }
        out.append(contentsOf: try JSONEncoder.sortedKeys.encode(line))
        out.append(0x0A)
    }

    /// Decodes one line.
    static func decode(_ bytes: ArraySlice<UInt8>, decoder: JSONDecoder) throws -> ScanMessage {
        let line: Line
        do { line = try decoder.decode(Line.self, from: Data(bytes)) } catch {
            throw ScanFormatError("not a scan message: \(error)")
        }
        func need<T>(_ v: T?, _ key: String) throws -> T {
            guard let v else { throw ScanFormatError("a '\(line.type)' line has no '\(key)'") }
            return v
        }
        switch line.type {
        case "header": return .header(try need(line.header, "header"))
        case "file": return .file(try need(line.file, "file"))
        case "record": return .record(ScanRecord(posting: try need(line.posting, "posting"), mentions: line.mentions ?? []))
        case "quarantined": return .quarantined(try need(line.quarantined, "quarantined"))
        case "place":
            let p = try need(line.place, "place")
            return .place(ScanPlace(region: p.region, summary: p.summary, confidence: p.confidence, remote: p.remote,
                                          hybrid: p.hybrid, onsite: p.onsite, evidence: p.evidence,
                                          places: p.places.map { ($0.key, $0.level, $0.code, $0.name, $0.country) }))
        case "file_end": return .fileEnd(try need(line.fileEnd, "file_end"))
        case "end": return .end(records: try need(line.records, "records"))
        default: throw ScanFormatError("unknown message type '\(line.type)'")
        }
    }
}
