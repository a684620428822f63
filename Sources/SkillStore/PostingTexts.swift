import Foundation
import SkillIngest
import SkillIO

/// Posting text, stored or by reference.
///
/// Since migration 006 a posting is stored by reference: its source file (`source_path`, and the run that read it,
/// whose reader settings `source_readers` keeps), its position (`source_line`, `source_offset`, `source_length`)
/// and its content hash; `text` is empty and `text_stored` 0. `analyze --store-text` keeps the text in the row
/// instead (`text_stored` 1), as every posting stored before migration 006 has it. Every query that needs text
/// goes through ``resolveTexts(_:_:)``, which reads referenced postings back from their sources
/// (``SkillIngest/SourceReadBack``) and reports, once per source, postings it could not read back.
extension SkillStore {
    /// A posting row as the text queries read it: the text when stored, else where to read it back.
    struct TextRow {
        var id: Int64
        var sourceID: String?
        var title: String
        var storedText: String?
        var month: String?
        var region: String?
        var employer: String?
        var date: String?
        var sourcePath: String
        var sourceLine: Int
        var sourceRecord: Int
        var sourceOffset: Int
        var sourceLength: Int
        var contentHash: String
        var runID: Int64
    }

    /// The columns ``textRow(_:)`` reads, for a SELECT over `postings` (aliased `alias`, or unaliased).
    func textColumns(_ alias: String = "") -> String {
        let c = alias.isEmpty ? "" : alias + "."
        let reference = hasTextReferences
            ? "CASE WHEN \(c)text_stored THEN \(c)text END AS stored_text, coalesce(\(c)source_offset, 0) AS source_offset, "
                + "coalesce(\(c)source_length, 0) AS source_length, coalesce(\(c)source_record, 0) AS source_record"
            : "\(c)text AS stored_text, 0 AS source_offset, 0 AS source_length, 0 AS source_record"
        return "\(c)id, \(c)source_id, \(c)title, \(c)period_month, \(c)region, \(c)employer, \(c)date, \(c)source_path, "
            + "\(c)source_line, \(c)content_hash, \(c)first_run_id, " + reference
    }

    func textRow(_ r: Row) throws -> TextRow {
        TextRow(id: try r.int64("id"), sourceID: try r.optionalString("source_id"), title: try r.optionalString("title") ?? "",
                storedText: try r.optionalString("stored_text"), month: try r.optionalString("period_month"),
                region: try r.optionalString("region"), employer: try r.optionalString("employer"),
                date: try r.optionalString("date"), sourcePath: try r.optionalString("source_path") ?? "",
                sourceLine: try r.optionalInt("source_line") ?? 0, sourceRecord: try r.int("source_record"),
                sourceOffset: try r.int("source_offset"),
                sourceLength: try r.int("source_length"), contentHash: try r.string("content_hash"),
                runID: try r.int64("first_run_id"))
    }

    /// Calls `body` with each row and its text: stored rows as they are, referenced rows read back from their
    /// sources (each source read once, its postings in file order), in order of each source's first row.
    /// Rows whose text cannot be read back are left out and reported on standard error, once per source and
    /// problem. O(rows) plus, per source, O(rows wanted) for plain JSON Lines and O(file) otherwise.
    func resolveTexts(_ rows: [TextRow], _ body: (TextRow, String) throws -> Void) throws {
        struct SourceKey: Hashable { var path: String, run: Int64 }
        var order: [SourceKey?] = []
        var groups: [SourceKey?: [TextRow]] = [:]
        for r in rows {
            let key: SourceKey? = r.storedText == nil ? SourceKey(path: r.sourcePath, run: r.runID) : nil
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        for key in order {
            guard let group = groups[key] else { continue }
            guard let key else {
                for r in group { try body(r, r.storedText ?? "") }
                continue
            }
            guard let reader = try sourceReader(path: key.path, runID: key.run) else {
                reportTextProblem(key.path, group.count, "the run that stored them recorded no reader settings")
                continue
            }
            var byPosition: [SourcePosition: TextRow] = [:]
            var wanted: [SourcePosition: (hash: String, length: Int)] = [:]
            for r in group {
                let p = SourcePosition(record: r.sourceRecord, line: r.sourceLine, offset: r.sourceOffset)
                byPosition[p] = r
                wanted[p] = (r.contentHash, r.sourceLength)
            }
            let problems = try reader.read(wanted) { position, record in
                if let r = byPosition[position] { try body(r, record.text) }
            }
            var counts: [String: Int] = [:]
            for p in problems.values { counts[p.description, default: 0] += 1 }
            for (why, n) in counts.sorted(by: { $0.key < $1.key }) { reportTextProblem(key.path, n, why) }
        }
    }

    /// The reader settings (format and field mapping) of the run that read `path`; nil when not recorded.
    func sourceReader(path: String, runID: Int64) throws -> SourceReadBack? {
        guard let r = try db.prepare("SELECT absolute_path, format, mapping FROM source_readers WHERE run_id = ? AND path = ?")
            .query([.int(runID), .text(path)]).first,
            let format = InputFormat(rawValue: try r.string("format")),
            let mapping = try? JSONDecoder().decode(FieldMapping.self, from: Data(try r.string("mapping").utf8))
        else { return nil }
        // The path as given when it still names a file from here, else where it was when analysed (a relative
        // path read from another working directory).
        let absolute = try r.string("absolute_path")
        let readable = FileManager.default.fileExists(atPath: path) || !FileManager.default.fileExists(atPath: absolute)
        return SourceReadBack(path: readable ? path : absolute, format: format, mapping: mapping)
    }

    func reportTextProblem(_ path: String, _ n: Int, _ why: String) {
        guard reportedTextProblems.insert(path + "\u{1F}" + why).inserted else { return }
        let line = "warning: \(n) posting\(n == 1 ? "" : "s") of \(path) could not be read back: \(why); "
            + "their text is left out (analyse with --store-text to keep text in the database)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Records how `path` is read in run `runID` (its format and field mapping), so that postings stored by
    /// reference can be read back. Written before the input's first batch.
    public func recordSourceReader(runID: Int64, path: String, format: InputFormat, mapping: FieldMapping) throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(mapping), as: UTF8.self)
        try db.transaction("recordSourceReader") {
            try db.prepare("""
                INSERT OR REPLACE INTO source_readers(run_id, path, absolute_path, format, mapping) VALUES(?,?,?,?,?)
                """).run([.int(runID), .text(path), .text(URL(fileURLWithPath: path).standardizedFileURL.path),
                          .text(format.rawValue), .text(json)])
        }
    }

    /// Title and text of each of `ids` that can be read (stored, or read back from its source).
    public func postingTexts(ids: [Int64]) throws -> [Int64: (title: String, text: String)] {
        guard !ids.isEmpty else { return [:] }
        var rows: [TextRow] = []
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try db.prepare("SELECT \(textColumns()) FROM postings WHERE id IN (\(marks)) ORDER BY id")
                .forEachRow(chunk.map { .int($0) }) { rows.append(try textRow($0)) }
        }
        var out: [Int64: (title: String, text: String)] = [:]
        try resolveTexts(rows) { r, text in out[r.id] = (r.title, text) }
        return out
    }
}

extension JSONEncoder {
    /// An encoder with sorted keys: the same value always encodes to the same bytes.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
