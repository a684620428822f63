import Foundation
import SkillIO

/// Near-duplicate similarities verified outside `merge` (by a cluster: deploy/spark), for `merge --similar PLAN`.
///
/// A record's *class* is its shingle set (records of one class have similarity exactly 1). The plan gives the
/// class of every record that shares a band key with another record of the parts, and the similarity of every
/// pair of classes that share a band key and reach the threshold; any other pair of classes is below it.
/// Records are numbered from 0 across the parts in merge order. With a plan, `merge` takes the same decisions
/// as with its own verification (same candidates from its LSH index, same Jaccard values, same order), without
/// reading any text back.
///
/// File: a first line `skillradar-similarity-plan 1 RECORDS`, then lines `c RECORD CLASS` and
/// `s CLASS CLASS SIMILARITY` in any order.
public struct SimilarityPlan: Sendable {
    public static let magic = "skillradar-similarity-plan"
    /// Records of the parts the plan was made for.
    public let records: Int
    private var classOf: [Int: Int32] = [:]
    private var similar: [UInt64: Double] = [:]

    public init(path: String) throws {
        var classIDs: [Substring: Int32] = [:]
        func id(_ name: Substring) -> Int32 {
            if let k = classIDs[name] { return k }
            let k = Int32(classIDs.count)
            classIDs[name] = k
            return k
        }
        var records: Int?
        var classOf: [Int: Int32] = [:], similar: [UInt64: Double] = [:]
        try LineReader().forEach(try ByteSource(path: path)) { event in
            guard case .line(let line) = event else { throw PipelineError("\(path): a line is too long for a similarity plan") }
            let text = String(decoding: line.bytes, as: UTF8.self)
            let f = text.split(separator: " ")
            func bad() -> PipelineError { PipelineError("\(path):\(line.number): not a similarity plan line: \(text.prefix(80))") }
            guard let records else {
                guard f.count == 3, f[0] == Self.magic, f[1] == "1", let n = Int(f[2]), n >= 0 else {
                    throw PipelineError("\(path) is not a similarity plan (version 1)")
                }
                records = n
                return
            }
            switch f.first {
            case "c":
                guard f.count == 3, let r = Int(f[1]), r >= 0, r < records else { throw bad() }
                classOf[r] = id(f[2])
            case "s":
                guard f.count == 4, let s = Double(f[3]), s >= 0, s <= 1 else { throw bad() }
                similar[Self.key(id(f[1]), id(f[2]))] = s
            case nil: break
            default: throw bad()
            }
        }
        guard let records else { throw PipelineError("\(path) is empty, not a similarity plan") }
        self.records = records
        self.classOf = classOf
        self.similar = similar
    }

    private static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        let (x, y) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(x)) << 32 | UInt64(UInt32(y))
    }

    /// The verified similarity of records `a` and `b` (numbered across the parts), nil when below the threshold.
    /// Throws when the plan does not know a record that shares a band key with another: it was made for other
    /// parts.
    public func similarity(_ a: Int, _ b: Int) throws -> Double? {
        guard let x = classOf[a], let y = classOf[b] else {
            throw PipelineError("the similarity plan has no class for record \(classOf[a] == nil ? a : b), which shares "
                                + "a band key with record \(classOf[a] == nil ? b : a): it was made for other scan parts")
        }
        return x == y ? 1 : similar[Self.key(x, y)]
    }
}
