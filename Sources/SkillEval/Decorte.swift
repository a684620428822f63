import SkillIO
import SkillTaxonomy

/// One gold row of the Decorte benchmark: a sentence and an ESCO preferred label (or a marker).
public struct DecorteRow: Sendable, Hashable {
    public var sentence: String
    public var label: String
    public var line: Int

    public init(sentence: String, label: String, line: Int) {
        self.sentence = sentence
        self.label = label
        self.line = line
    }

    /// Rows whose label is not an ESCO skill: the annotators' markers.
    public static let markers: Set<String> = ["LABEL NOT PRESENT", "UNDERSPECIFIED"]
    public var isMarker: Bool { Self.markers.contains(label) }
}

/// Reads the Decorte CSV files: `sentence,span,sub_span,label` (TECH, HOUSE) or `sentence,label` (TECHWOLF).
public enum DecorteReader {
    /// The rows of one annotation file; a malformed record or a row with the wrong field count throws with its line.
    public static func read(path: String) throws -> [DecorteRow] {
        var header: [String]?
        var rows: [DecorteRow] = []
        var labelColumn = 0
        try CSVReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .malformed(let line, _, let reason, _):
                throw GoldFileError(path: path, line: line, message: "malformed CSV record: \(reason)")
            case .record(let fields, let line, _):
                guard let h = header else {
                    guard fields.first == "sentence", let l = fields.firstIndex(of: "label") else {
                        throw GoldFileError(path: path, line: line,
                                            message: "expected a header with columns sentence and label, found \(fields)")
                    }
                    header = fields
                    labelColumn = l
                    return
                }
                guard fields.count == h.count else {
                    throw GoldFileError(path: path, line: line, message: "expected \(h.count) fields, found \(fields.count)")
                }
                rows.append(DecorteRow(sentence: fields[0], label: fields[labelColumn], line: line))
            }
        }
        return rows
    }

    /// ESCO preferred label (lower-cased) → concept URI, from `skills_en_all_labels.csv(.gz)`
    /// (`conceptUri,preferredLabel,...`).
    public static func readESCOLabels(path: String) throws -> [String: String] {
        var out: [String: String] = [:]
        var first = true
        try CSVReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .malformed(let line, _, let reason, _):
                throw GoldFileError(path: path, line: line, message: "malformed CSV record: \(reason)")
            case .record(let fields, let line, _):
                if first {
                    first = false
                    guard fields.count >= 2, fields[0] == "conceptUri", fields[1] == "preferredLabel" else {
                        throw GoldFileError(path: path, line: line, message: "expected header conceptUri,preferredLabel,...")
                    }
                    return
                }
                guard fields.count >= 2 else {
                    throw GoldFileError(path: path, line: line, message: "expected at least 2 fields")
                }
                out[fields[1].lowercased()] = fields[0]
            }
        }
        return out
    }
}

/// Maps ESCO preferred labels to concepts of a taxonomy: by the concept's preferred label, else through the
/// ESCO URI (when an ESCO label → URI table is given, which bridges label changes between ESCO versions).
public struct ESCOLinker: Sendable {
    var byLabel: [String: [Int]] = [:]
    var byURI: [String: [Int]] = [:]
    let uriByLabel: [String: String]

    public init(taxonomy: Taxonomy, uriByLabel: [String: String] = [:]) {
        self.uriByLabel = uriByLabel
        for (i, c) in taxonomy.concepts.enumerated() where c.id.hasPrefix("esco:") {
            byLabel[c.preferredLabel.lowercased(), default: []].append(i)
            if let u = c.escoURI { byURI[u, default: []].append(i) }
        }
    }

    /// The concept indices for an ESCO preferred label; empty when the taxonomy does not have the skill.
    public func concepts(forLabel label: String) -> [Int] {
        let l = label.lowercased()
        if let c = byLabel[l] { return c }
        if let u = uriByLabel[l], let c = byURI[u] { return c }
        return []
    }
}

/// Sentence-level skill linking scores on one Decorte file.
public struct DecorteResult: Sendable, Hashable, Codable {
    public var dataset: String
    public var split: String
    public var rows = 0
    public var sentences = 0
    /// Distinct (sentence, gold label) pairs, markers excluded.
    public var goldPairs = 0
    /// Gold pairs whose label is a concept of the taxonomy.
    public var goldInTaxonomy = 0
    /// All: every predicted (sentence, concept) pair against every gold pair (labels the taxonomy lacks are misses).
    public var all = PRCounts()
    /// In-taxonomy: predictions of ESCO concepts (the only ones that can be gold) against gold pairs whose
    /// label is in the taxonomy.
    public var inTaxonomy = PRCounts()

    public init(dataset: String, split: String) {
        self.dataset = dataset
        self.split = split
    }

    /// Scores `rows`: per distinct sentence, the concepts `extract` returns against the gold labels.
    public static func evaluate(rows: [DecorteRow], dataset: String, split: String, taxonomy: Taxonomy,
                                linker: ESCOLinker, extract: (String) -> Set<UInt32>) -> DecorteResult {
        var r = DecorteResult(dataset: dataset, split: split)
        r.rows = rows.count
        var order: [String] = []
        var gold: [String: Set<String>] = [:]
        for row in rows {
            if gold[row.sentence] == nil { gold[row.sentence] = []; order.append(row.sentence) }
            if !row.isMarker { gold[row.sentence]?.insert(row.label) }
        }
        r.sentences = order.count
        for s in order {
            let predicted = extract(s)
            let labels = gold[s] ?? []
            var goldConcepts = Set<UInt32>()
            for l in labels {
                let cs = linker.concepts(forLabel: l).map { UInt32($0) }
                goldConcepts.formUnion(cs)
                let found = cs.contains { predicted.contains($0) }
                r.all.gold += 1
                if found { r.all.foundGold += 1 }
                if !cs.isEmpty {
                    r.goldInTaxonomy += 1
                    r.inTaxonomy.gold += 1
                    if found { r.inTaxonomy.foundGold += 1 }
                }
            }
            r.goldPairs += labels.count
            for c in predicted {
                let correct = goldConcepts.contains(c)
                r.all.predicted += 1
                if correct { r.all.correctPredicted += 1 }
                if taxonomy.concepts[Int(c)].id.hasPrefix("esco:") {
                    r.inTaxonomy.predicted += 1
                    if correct { r.inTaxonomy.correctPredicted += 1 }
                }
            }
        }
        return r
    }
}
