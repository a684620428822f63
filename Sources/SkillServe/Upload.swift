import Foundation
import SkillIngest
import SkillIO
import SkillPipeline
import SkillStore

/// Programme catalogues uploaded by training bodies (`POST /api/v1/supply`): each upload is kept as a new
/// version (`UPLOADS/NAME/vN.EXT`, never overwritten: postings are stored by reference to it), then analysed as
/// supply exactly as `analyze --supply` would, one upload at a time.
final class Uploader: @unchecked Sendable {
    let database: String
    let directory: String
    let engine: MatchingEngine
    private let lock = NSLock()

    init(database: String, directory: String, engine: MatchingEngine) {
        self.database = database
        self.directory = directory
        self.engine = engine
    }

    enum Format: String, CaseIterable { case csv, tsv, jsonl, json }

    /// The format of an upload: the `format` parameter, else the media type.
    static func format(parameter: String?, contentType: String?) throws -> Format {
        if let p = parameter {
            guard let f = Format(rawValue: p) else {
                throw Problem.badRequest("parameter 'format' must be one of csv, tsv, jsonl, json, got '\(p)'")
            }
            return f
        }
        let media = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch media {
        case "text/csv": return .csv
        case "text/tab-separated-values": return .tsv
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines": return .jsonl
        case "application/json": return .json
        default:
            throw Problem(status: 415, title: "Unsupported Media Type",
                          detail: "send text/csv, text/tab-separated-values, application/x-ndjson or application/json "
                              + "(or give ?format=csv|tsv|jsonl|json), got '\(media)'")
        }
    }

    /// Stores and analyses one upload; the answer lists the new programmes, the quarantined records and links to
    /// the gap reports.
    func upload(_ body: [UInt8], name: String, format: Format, map: [String], key: String) throws -> Rendered {
        guard !name.isEmpty, name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
              name.first != "." else {
            throw Problem.badRequest("parameter 'name' is 1-64 letters, digits, '-', '_' or '.', got '\(name)'")
        }
        guard !body.isEmpty else { throw Problem.unprocessable("the upload is empty") }
        var settings = IngestSettings()
        settings.map = map
        settings.inputFormat = format == .json ? "jsonl" : format.rawValue
        settings.noNearDup = true
        do { try settings.validate() } catch { throw Problem.unprocessable("\(error)") }
        // A JSON array of records becomes JSON Lines, one record per line, so that line numbers in the
        // quarantine point at records.
        let bytes = format == .json ? try Self.jsonLines(body) : body
        let loaded = try engine.load()
        lock.lock()
        defer { lock.unlock() }
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let versions: [Int] = existing.compactMap { f -> Int? in
            guard f.hasPrefix("v"), let dot = f.firstIndex(of: ".") else { return nil }
            return Int(f[f.index(after: f.startIndex)..<dot])
        }
        let version = 1 + (versions.max() ?? 0)
        let ext = format == .json ? "jsonl" : format.rawValue
        let path = folder + "/v\(version).\(ext)"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o640]) else {
            throw Problem(status: 500, title: "Internal Server Error", detail: "cannot write the upload to \(path)")
        }
        let options = try settings.analyzeOptions(inputs: [path], database: database, corpus: .supply,
                                                  command: "serve upload \(name) v\(version) (key \(key))")
        var log: [String] = []
        let result: AnalyzeResult, partial: String?
        do {
            (result, partial) = try AnalysisRun.run(options, taxonomy: loaded.taxonomy, matcher: loaded.matcher,
                                                    disambiguator: loaded.disambiguator, rulesDescription: loaded.rulesDescription,
                                                    coding: nil, quiet: true, log: { log.append($0) }, say: { _ in })
        } catch {
            // Nothing usable (every record quarantined, or the file does not parse): 422 with what the run kept.
            let store = try SkillStore(path: database, readOnly: true)
            let run = try store.runs().first { $0.command == options.command }
            let rows = try run.map { try store.quarantine(runID: $0.id, limit: 1_000) } ?? []
            var p = Problem.unprocessable("no usable programme record in the upload: \(error)")
            p.extra = [("version", .int(version)), ("quarantined", .array(rows.map(Self.quarantineJSON)))]
            throw p
        }
        let store = try SkillStore(path: database, readOnly: true)
        let quarantined = try store.quarantine(runID: result.runID, limit: 1_000)
        let programmes = try store.programmes(runID: result.runID, limit: 1_000)
        let account = result.accounts.first
        let qJSON: JSON = .array(quarantined.map(Self.quarantineJSON))
        let read: Int = account?.read ?? 0, new: Int = account?.new ?? 0
        let present: Int = account?.alreadyPresent ?? 0, duplicates: Int = account?.duplicates ?? 0
        let usable = new + present + duplicates
        if usable == 0 {
            var p = Problem.unprocessable("no usable programme record in the upload (\(read) read, "
                + "\(quarantined.count) quarantined)" + (partial.map { ": " + $0 } ?? ""))
            p.extra = [("version", .int(version)), ("run_id", .int(Int(result.runID))), ("quarantined", qJSON)]
            throw p
        }
        return .json(.object([
            ("name", .string(name)), ("version", .int(version)), ("run_id", .int(Int(result.runID))),
            ("sha256", .string(SHA256.hex(bytes))), ("bytes", .int(bytes.count)),
            ("records", .int(read)), ("programmes_new", .int(new)), ("already_present", .int(present)),
            ("duplicates", .int(duplicates)),
            ("quarantined", qJSON), ("notes", .array(log.map { .string($0) })),
            ("programmes", .array(programmes.map(Self.programmeJSON))),
            ("gaps", .string("/api/v1/gaps")),
        ]), status: 201)
    }

    static func quarantineJSON(_ r: QuarantineRow) -> JSON {
        let file = URL(fileURLWithPath: r.sourcePath).lastPathComponent
        return JSON.object([("file", JSON.string(file)), ("line", JSON.int(r.line)), ("offset", JSON.int(r.offset)),
                            ("reason", JSON.string(r.reason))])
    }

    static func programmeJSON(_ p: (id: Int64, sourceID: String?, title: String)) -> JSON {
        let key: String = p.sourceID ?? String(p.id)
        let pairs: [(String, JSON)] = [("id", .int(Int(p.id))), ("source_id", .optional(p.sourceID)), ("title", .string(p.title)),
                                       ("gaps", .string("/api/v1/gaps/programmes/" + API.escape(key))),
                                       ("page", .string("/programmes/" + API.escape(key)))]
        return .object(pairs)
    }

    /// A JSON array of objects as JSON Lines (an object alone is one line).
    static func jsonLines(_ body: [UInt8]) throws -> [UInt8] {
        let value: Any
        do { value = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) } catch {
            throw Problem.unprocessable("the upload is not JSON: \(error.localizedDescription)")
        }
        let records: [Any]
        if let a = value as? [Any] { records = a } else if value is [String: Any] { records = [value] } else {
            throw Problem.unprocessable("a JSON upload is an array of programme objects")
        }
        var out: [UInt8] = []
        for r in records {
            // A non-object element is written as it is, so that the reader quarantines it with its line.
            let line = (try? JSONSerialization.data(withJSONObject: r, options: [.fragmentsAllowed])) ?? Data("null".utf8)
            out += line
            out.append(10)
        }
        return out
    }
}
