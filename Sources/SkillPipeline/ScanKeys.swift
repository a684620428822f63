import Foundation
import SkillDedup
import SkillIngest
import SkillIO
import SkillReports
import SkillStore
import SkillTokenizer

/// The duplicate keys of a scan (`skillradar scan --keys FILE`), one JSON object per line, for a cluster that
/// finds near-duplicate candidates itself (deploy/spark): where `merge` would probe its LSH index and verify
/// candidates by reading their text, the cluster shuffles these keys by band key and verifies candidate pairs
/// with `skillradar similar`; `merge --similar PLAN` then takes the verified pairs instead.
///
/// Lines, in stream order: `{"header": ScanHeader}` first; `{"file": {"path", "format", "mapping"}}` when an input
/// begins; per record `{"r": n, "b": [band keys as signed 64-bit], "s": shingle-set digest, "path", "pos":
/// [record, line, offset, length], "h": content hash, "t": title}` (`n` counts the part's records from 0; `b`
/// and `s` are empty without near-duplicate detection or text); `{"records": n}` last.
public final class ScanKeysWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var records = 0
    private var path = ""
    private let encoder = JSONEncoder.sortedKeys

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw ScanFormatError("\(path): cannot create the keys file")
        }
        handle = h
    }

    struct FileLine: Codable { var path: String, format: String, mapping: FieldMapping }

    func write(_ message: ScanMessage) throws {
        switch message {
        case .header(let h): try line(["header": h])
        case .file(let f):
            path = Escaping.json(f.path)
            try line(["file": FileLine(path: f.path, format: f.format, mapping: f.mapping)])
        case .record(let r):
            // Written by hand (JSONEncoder took 40 µs a record), keys in sorted order like the other lines.
            let p = r.posting
            var text = "{\"b\":[" + p.bandKeys.map { String(Int64(bitPattern: $0)) }.joined(separator: ",")
            text += "],\"h\":" + Escaping.json(p.contentHash) + ",\"path\":" + path
            text += ",\"pos\":[\(p.sourceRecord),\(p.sourceLine),\(p.sourceOffset),\(p.sourceLength)],\"r\":\(records)"
            text += ",\"s\":\"" + (r.shingles.isEmpty ? "" : Self.digest(MinHasher.sortedDistinct(r.shingles)))
            text += "\",\"t\":" + Escaping.json(p.title) + "}\n"
            buffer.append(contentsOf: text.utf8)
            records += 1
        case .end: try line(["records": records])
        case .quarantined, .place, .fileEnd: break
        }
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func line<T: Encodable>(_ value: T) throws {
        buffer.append(contentsOf: try encoder.encode(value))
        buffer.append(0x0A)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    /// A 128-bit digest of a sorted distinct shingle set (two 64-bit lanes, each a SplitMix64-finalised chain
    /// over the set's values): equal digests stand for equal sets (similarity exactly 1). The shingles are already
    /// 64-bit hashes; for n distinct sets the chance of any collision is about n² / 2¹²⁹.
    public static func digest(_ shingleSet: [UInt64]) -> String {
        @inline(__always) func mix(_ z0: UInt64) -> UInt64 {
            var z = z0
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(shingleSet.count), b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        for s in shingleSet {
            a = mix(a &+ s)
            b = mix(b ^ (s &* 0xD6E8_FEB8_6659_FD93))
        }
        func hex(_ v: UInt64) -> String {
            let h = String(v, radix: 16)
            return String(repeating: "0", count: 16 - h.count) + h
        }
        return hex(a) + hex(b)
    }
}

/// Verifies near-duplicate candidate pairs found by a cluster (`skillradar similar`): reads the representative
/// record of each shingle-set class back from its source (as `merge` reads a candidate's text), and computes the
/// exact Jaccard similarity of each pair of classes, the same computation `merge` makes.
///
/// Input lines: `{"file": {"path", "format", "mapping"}}` for every input referred to; `{"c": class, "path",
/// "pos": [record, line, offset, length], "h": content hash, "t": title}` per class; `{"p": [class, class]}` per
/// pair. Output: `class<TAB>class<TAB>similarity` for each pair at or above the threshold (the similarity written
/// so that it reads back to the same Double).
public enum SimilarityJob {
    struct Line: Codable {
        var file: ScanKeysWriter.FileLine?
        var c: String?
        var path: String?
        var pos: [Int]?
        var h: String?
        var t: String?
        var p: [String]?
    }

    /// Verifies the pairs of the work file at `work` under near-duplicate `parameters` (JSON, as in a scan
    /// header) with `tokenizer`, which must have fingerprint `expecting` when given.
    public static func run(work: String, parameters: String, tokenizer: Tokenizer, expecting: String?,
                           write: (String) throws -> Void) throws {
        let nd: NearDuplicateParameters
        do { nd = try JSONDecoder().decode(NearDuplicateParameters.self, from: Data(parameters.utf8)) } catch {
            throw PipelineError("similar: --parameters is not near-duplicate parameters: \(error)")
        }
        try nd.validate()
        if let expecting, expecting != tokenizer.options.fingerprint {
            throw PipelineError("similar: the records were scanned with tokenizer \(expecting), not \(tokenizer.options.fingerprint)")
        }
        try run(input: try ByteSource(path: work), hasher: MinHasher(parameters: nd, tokenizer: tokenizer), write: write)
    }

    static func run(input: ByteSource, hasher: MinHasher, write: (String) throws -> Void) throws {
        var files: [String: ScanKeysWriter.FileLine] = [:]
        var classes: [String: [SourcePosition: (hash: String, length: Int, title: String, id: String)]] = [:]
        var pairs: [(String, String)] = []
        let decoder = JSONDecoder()
        var number = 0
        try LineReader().forEach(input) { event in
            guard case .line(let line) = event else { throw PipelineError("similar: a work line is too long") }
            number = line.number
            guard !line.bytes.isEmpty else { return }
            let l: Line
            do { l = try decoder.decode(Line.self, from: Data(buffer: line.bytes)) } catch {
                throw PipelineError("similar: line \(number) is not a work line: \(error)")
            }
            if let f = l.file { files[f.path] = f }
            if let c = l.c {
                guard let path = l.path, let pos = l.pos, pos.count == 4, let h = l.h else {
                    throw PipelineError("similar: line \(number): class \(c) lacks path, pos or h")
                }
                classes[path, default: [:]][SourcePosition(record: pos[0], line: pos[1], offset: pos[2])] =
                    (h, pos[3], l.t ?? "", c)
            }
            if let p = l.p {
                guard p.count == 2 else { throw PipelineError("similar: line \(number): a pair needs two classes") }
                pairs.append((p[0], p[1]))
            }
        }
        var shingles: [String: [UInt64]] = [:]
        for (path, wanted) in classes.sorted(by: { $0.key < $1.key }) {
            guard let f = files[path], let format = InputFormat(rawValue: f.format) else {
                throw PipelineError("similar: no file line for \(path)")
            }
            let problems = try SourceReadBack(path: path, format: format, mapping: f.mapping)
                .read(wanted.mapValues { ($0.hash, $0.length) }) { position, record in
                    guard let w = wanted[position] else { return }
                    shingles[w.id] = hasher.shingles(NearDuplicateResolver.matchText(w.title, record.text))
                }
            if let (position, problem) = problems.min(by: { $0.key < $1.key }) {
                throw PipelineError("similar: record \(position.record) (line \(position.line)) of \(path) could not "
                                    + "be read back: \(problem) (\(problems.count) record(s) in all)")
            }
        }
        let threshold = hasher.parameters.threshold
        for (a, b) in pairs {
            guard let x = shingles[a], let y = shingles[b] else {
                throw PipelineError("similar: pair \(a) \(b) names a class without a record")
            }
            let j = Jaccard.exact(x, y)
            if j >= threshold { try write("\(a)\t\(b)\t\(j)") }
        }
    }
}
