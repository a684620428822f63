import Foundation
import SkillIO
import SkillMatcher

/// Accuracy of a coder on one test set: the share of titles whose gold code is the top candidate, or among
/// the top three, at the full code and at coarser levels.
public struct AccuracyRow: Sendable, Hashable, Codable {
    public var name: String
    public var titles: Int
    /// Titles with at least one candidate.
    public var coded: Int
    public var top1: Double
    public var top3: Double
    /// O*NET: 6-digit SOC (`15-1252`); ESCO: ISCO-08 unit group (4 digits).
    public var top1Fine: Double
    public var top3Fine: Double
    /// O*NET: SOC major group (`15`); ESCO: ISCO-08 major group (1 digit).
    public var top1Major: Double
    public var top3Major: Double
}

/// Evaluations of ``OccupationCoder``: O*NET's reported titles and held-out ESCO alternative labels.
public enum OccupationEvaluation {
    /// Accumulates hits at three levels of a code.
    struct Tally {
        var n = 0, coded = 0
        var hits = [Int](repeating: 0, count: 6)

        mutating func add(gold: String, predicted: [String], levels: [@Sendable (String) -> String]) {
            n += 1
            if !predicted.isEmpty { coded += 1 }
            for (k, level) in levels.enumerated() {
                let g = level(gold)
                if let first = predicted.first, level(first) == g { hits[2 * k] += 1 }
                if predicted.prefix(3).contains(where: { level($0) == g }) { hits[2 * k + 1] += 1 }
            }
        }

        func row(_ name: String) -> AccuracyRow {
            let d = Double(max(1, n))
            return AccuracyRow(name: name, titles: n, coded: coded, top1: Double(hits[0]) / d, top3: Double(hits[1]) / d,
                               top1Fine: Double(hits[2]) / d, top3Fine: Double(hits[3]) / d,
                               top1Major: Double(hits[4]) / d, top3Major: Double(hits[5]) / d)
        }
    }

    /// O*NET-SOC levels: full code, 6-digit SOC, major group.
    static let socLevels: [@Sendable (String) -> String] = [{ $0 }, { String($0.prefix(7)) }, { String($0.prefix(2)) }]
    /// ESCO levels: occupation, ISCO-08 unit group, ISCO-08 major group (the code is `uri|isco`).
    static let escoLevels: [@Sendable (String) -> String] = [
        { $0 },
        { String($0.split(separator: "|").last ?? "") },
        { String(($0.split(separator: "|").last ?? "").prefix(1)) },
    ]

    /// Codes O*NET's reported titles against O*NET titles and alternate titles, twice: with the index as
    /// shipped (every reported title is also an alternate title of its occupation in O*NET 29.2, so this
    /// measures lookup, not generalization), and held out: every alternate title whose normalized words
    /// equal a reported title's is removed from the index first. Occupation titles (the class names) stay.
    public static func onet(catalog: OccupationCatalog, reported: [ONETTitleRow]) -> [AccuracyRow] {
        let normalizer = TitleNormalizer()
        let reportedKeys = Set(reported.map { normalizer.words($0.title).joined(separator: " ") })
        var heldOut = catalog
        heldOut.labels = catalog.labels.filter { l in
            l.kind != .onetAlternate || !reportedKeys.contains(normalizer.words(l.text).joined(separator: " "))
        }
        var rows: [AccuracyRow] = []
        for (name, c) in [("O*NET reported titles, index as shipped (titles are also alternate titles)", catalog),
                          ("O*NET reported titles, held out (removed from the index)", heldOut)] {
            let coder = OccupationCoder(catalog: c, options: .init(schemes: [.onet], onetLinkThreshold: nil))
            rows.append(onet(coder: coder, reported: reported, name: name))
        }
        return rows
    }

    /// Codes O*NET's reported titles with `coder` (which must index `.onet`).
    public static func onet(coder: OccupationCoder, reported: [ONETTitleRow], name: String) -> AccuracyRow {
        var all = Tally()
        var dump = MissDump(name: "onet-" + (name.contains("held out") ? "held" : "shipped"))
        for r in reported {
            let cands = coder.code(r.title, scheme: .onet, limit: 3)
            let predicted = cands.compactMap(\.onetCode)
            all.add(gold: r.code, predicted: predicted, levels: socLevels)
            if predicted.first != r.code {
                dump.add("\(r.title)\t\(r.code)\t" + cands.map { "\($0.onetCode ?? "") \($0.label) [\($0.matchedLabel)] \(formatFixed($0.confidence, 3))" }.joined(separator: " | "))
            }
        }
        dump.write()
        return all.row(name)
    }

    /// The held-out ESCO labels: for every `every`-th ESCO occupation (in catalog order) with 2 or more
    /// English alternative labels, one of them chosen by a hash of the URI and `seed`.
    public static func heldOutESCOLabels(_ catalog: OccupationCatalog, every: Int = 5, seed: UInt64 = 1,
                                         language: String = "en") -> [(label: Int, occupation: Int)] {
        var byOcc: [Int: [Int]] = [:]
        for (i, l) in catalog.labels.enumerated() where l.language == language && l.kind == .alternative {
            byOcc[l.occupation, default: []].append(i)
        }
        var out: [(label: Int, occupation: Int)] = []
        var k = 0
        for (o, occ) in catalog.occupations.enumerated() where occ.scheme == .esco {
            guard let ls = byOcc[o], ls.count >= 2 else { continue }
            k += 1
            guard k % every == 0 else { continue }
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for b in occ.id.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            out.append((ls[Int(h % UInt64(ls.count))], o))
        }
        return out
    }

    /// Sanity check on ESCO: removes the held-out English alternative labels from an English-only catalog,
    /// builds a coder without them, and codes each held-out label.
    public static func escoHeldOut(_ catalog: OccupationCatalog, every: Int = 5, seed: UInt64 = 1) -> AccuracyRow {
        let held = heldOutESCOLabels(catalog, every: every, seed: seed)
        var train = catalog
        let heldSet = Set(held.map(\.label))
        let heldText = Dictionary(held.map { (catalog.labels[$0.label].occupation, catalog.labels[$0.label].text) },
                                  uniquingKeysWith: { a, _ in a })
        train.labels = catalog.labels.enumerated().filter { i, l in
            l.language == "en" && !heldSet.contains(i) && heldText[l.occupation] != l.text
        }.map(\.element)
        let coder = OccupationCoder(catalog: train, options: .init(schemes: [.esco], onetLinkThreshold: nil))
        let tally = codeHeldOut(held, catalog, coder)
        return tally.row("ESCO held-out English alt labels")
    }

    /// Codes each held-out label and tallies its occupation at the three ESCO levels.
    static func codeHeldOut(_ held: [(label: Int, occupation: Int)], _ catalog: OccupationCatalog,
                            _ coder: OccupationCoder, dumpName: String = "en-only") -> Tally {
        var tally = Tally()
        func key(_ o: Occupation) -> String { o.id + "|" + (o.iscoCode ?? "") }
        var dump = MissDump(name: "esco-\(dumpName)")
        for h in held {
            let cands = coder.code(catalog.labels[h.label].text, scheme: .esco, limit: 3)
            let predicted = cands.map { $0.occupationID + "|" + ($0.iscoCode ?? "") }
            let gold = key(catalog.occupations[h.occupation])
            tally.add(gold: gold, predicted: predicted, levels: escoLevels)
            if predicted.first != gold {
                let o = catalog.occupations[h.occupation]
                dump.add("\(catalog.labels[h.label].text)\t\(o.label) \(o.iscoCode ?? "")\t" + cands.map { "\($0.label) \($0.iscoCode ?? "") [\($0.matchedLabel)/\($0.matchedLanguage)] \(formatFixed($0.confidence, 3))" }.joined(separator: " | "))
            }
        }
        dump.write()
        return tally
    }

    /// One hand-written job-ad title with the ISCO-08 unit groups that count as right (`Tests/fixtures/titles`).
    public struct AdTitle: Sendable, Hashable {
        public var title: String
        public var language: String
        public var isco: String
        public var accept: Set<String>
        public var line: Int
    }

    /// Reads `title lang isco accept note` TSV (header line, UTF-8); malformed lines throw with their number.
    public static func readAdTitles(path: String) throws -> [AdTitle] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw OccupationDataError(path: path, message: "cannot read the ad-title list")
        }
        var out: [AdTitle] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i > 0 {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, f[2].count == 4 else {
                throw OccupationDataError(path: path, message: "line \(i + 1): expected title, lang, isco (4 digits), accept")
            }
            let accept = Set(f[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            out.append(AdTitle(title: f[0], language: f[1], isco: f[2], accept: accept.union([f[2]]), line: i + 1))
        }
        return out
    }

    /// Codes each ad title (ESCO candidates) and counts top-1 / top-3 ISCO-08 unit groups in the title's accepted
    /// set; one row for all titles, one per language, one for the ICT titles and one for the controls. Also returns
    /// the misses (title, expected, predicted) for reading.
    public static func adTitles(_ titles: [AdTitle], coder: OccupationCoder)
        -> (rows: [AccuracyRow], misses: [(AdTitle, String)]) {
        struct T { var n = 0, coded = 0, top1 = 0, top3 = 0 }
        var by: [String: T] = [:]
        var misses: [(AdTitle, String)] = []
        for t in titles {
            let predicted = coder.code(t.title, scheme: .esco, limit: 3).compactMap(\.iscoCode)
            let ict = isICTISCO(t.isco) || ["2356", "2434", "7422"].contains(t.isco)
            for key in ["all", "lang " + t.language, ict ? "ICT titles" : "controls (not ICT)"] {
                var x = by[key] ?? T()
                x.n += 1
                if !predicted.isEmpty { x.coded += 1 }
                if let p = predicted.first, t.accept.contains(p) { x.top1 += 1 }
                if predicted.contains(where: t.accept.contains) { x.top3 += 1 }
                by[key] = x
            }
            if !(predicted.first.map(t.accept.contains) ?? false) { misses.append((t, predicted.first ?? "-")) }
        }
        let order = ["all", "ICT titles", "controls (not ICT)"] + by.keys.filter { $0.hasPrefix("lang ") }.sorted()
        let rows = order.compactMap { k -> AccuracyRow? in
            guard let x = by[k] else { return nil }
            let d = Double(max(1, x.n))
            return AccuracyRow(name: "ad titles, " + k, titles: x.n, coded: x.coded, top1: Double(x.top1) / d,
                               top3: Double(x.top3) / d, top1Fine: Double(x.top1) / d, top3Fine: Double(x.top3) / d,
                               top1Major: .nan, top3Major: .nan)
        }
        return (rows, misses)
    }

    /// Held-out ESCO alternative labels of one language, coded with every language of `catalog` indexed (as a
    /// multilingual run codes them) less the held-out labels: the share whose ESCO occupation is the top candidate
    /// (and ISCO-08 unit and major group). Occupations need 2+ alternative labels in that language; every
    /// `every`-th of them loses one (hash of URI).
    public static func escoHeldOut(_ catalog: OccupationCatalog, language: String, every: Int = 5, seed: UInt64 = 1,
                                   technologies: Matcher? = nil) -> AccuracyRow {
        let held = heldOutESCOLabels(catalog, every: every, seed: seed, language: language)
        let heldSet = Set(held.map(\.label))
        var train = catalog
        train.labels = catalog.labels.enumerated().filter { !heldSet.contains($0.offset) }.map(\.element)
        let coder = OccupationCoder(catalog: train, options: .init(schemes: [.esco], onetLinkThreshold: nil),
                                    technologies: technologies)
        let tally = codeHeldOut(held, catalog, coder, dumpName: language)
        return tally.row("ESCO held-out \(language) alt labels (every loaded language indexed)")
    }

    /// Renders rows as an aligned text table (percentages with one decimal).
    public static func table(_ rows: [AccuracyRow]) -> String {
        let header = ["test set", "titles", "coded", "top-1", "top-3", "top-1 fine", "top-3 fine", "top-1 major", "top-3 major"]
        func pct(_ x: Double) -> String { x.isNaN ? "-" : formatFixed(100 * x, 1) + "%" }
        let body = rows.map { r in
            [r.name, "\(r.titles)", "\(r.coded)", pct(r.top1), pct(r.top3), pct(r.top1Fine), pct(r.top3Fine),
             pct(r.top1Major), pct(r.top3Major)]
        }
        var widths = header.map(\.count)
        for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in
                i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ")
        }
        return ([line(header)] + body.map(line)).joined(separator: "\n")
            + "\nfine: O*NET 6-digit SOC / ISCO-08 unit group; major: SOC major group / ISCO-08 major group\n"
    }
}

/// Experiment aid: with `SKILLRADAR_MISSES_DIR` set, evaluations write their misses there (one file per set).
struct MissDump {
    let name: String
    var lines: [String] = []
    init(name: String) { self.name = name }
    mutating func add(_ s: String) { if Self.dir != nil { lines.append(s) } }
    func write() {
        guard let dir = Self.dir else { return }
        try? (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/" + name + ".tsv", atomically: true, encoding: .utf8)
    }
    static let dir = ProcessInfo.processInfo.environment["SKILLRADAR_MISSES_DIR"]
}
