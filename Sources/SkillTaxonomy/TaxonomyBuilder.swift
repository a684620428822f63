import Foundation
import SkillIO
import SkillTokenizer

/// What a taxonomy build read, merged, derived and skipped, with reasons.
public struct TaxonomyBuildReport: Sendable, CustomStringConvertible {
    public var escoRows = 0
    public var escoConcepts = 0
    public var onetRows = 0
    public var onetExamples = 0
    public var onetMerged = 0
    public var onetConcepts = 0
    public var derivedLabels = 0
    /// Derived labels dropped because they would name two concepts, or are common words (with examples).
    public var droppedAmbiguous = 0
    public var droppedStopword = 0
    /// Alternative or derived labels dropped because they are another concept's preferred label.
    public var droppedShadowed = 0
    /// One-token labels that are ordinary words or single letters, matched in their own case only.
    public var exactCaseLabels = 0
    /// Labels whose matches need evidence (everyday words, organisations, ordinary-word derived names).
    public var evidenceLabels = 0
    /// Alternative labels of generic ESCO concepts split off as concepts of their own (rule 10).
    public var splitLabels = 0
    /// Labels dropped by the label review (rule 11).
    public var suppressedLabels = 0
    /// Vocabulary technologies linked to an existing concept / made concepts of their own; names added; names
    /// skipped because another concept has them (rule 12).
    public var vocabularyLinked = 0
    public var vocabularyConcepts = 0
    public var vocabularyLabels = 0
    public var vocabularyNamesSkipped = 0
    /// Vocabulary entries that are ordinary words, not names (`Back end`, `Framework`), and such aliases.
    public var vocabularyGeneric = 0
    /// Stack Overflow tags of ordinary words kept as tag-list names (rule 12b): new concepts and labels.
    public var listTagConcepts = 0
    public var listTagLabels = 0
    /// O*NET categories named by the practice they are matched as (rule 3b: `Data analysis software` → data analysis).
    public var practiceNamedCategories = 0
    /// ESCO labels in other languages added (rule 13), before deduplication.
    public var translatedLabels = 0
    /// Translated labels that are product names filed under another concept (rule 13).
    public var translatedNamesDropped = 0
    public var vocabularyNamesGeneric = 0
    public var skipped: [String] = []

    public var description: String {
        var s = """
        ESCO digital skills: \(escoRows) rows -> \(escoConcepts) concepts
        O*NET Technology Skills: \(onetRows) rows -> \(onetExamples) distinct examples \
        (\(onetMerged) merged into ESCO concepts, \(onetConcepts) new concepts)
        derived labels: \(derivedLabels) kept, \(droppedAmbiguous) dropped as ambiguous, \
        \(droppedStopword) dropped as common words
        alternative/derived labels dropped as another concept's preferred label: \(droppedShadowed)
        exact-case labels (ordinary words, one or two letters, capitals inside): \(exactCaseLabels)
        labels needing evidence (everyday words, organisations): \(evidenceLabels)
        alternative labels split off as named technologies (rule 10): \(splitLabels)
        labels suppressed by the label review (rule 11): \(suppressedLabels)
        vocabularies (rule 12): \(vocabularyLinked) technologies linked to existing concepts, \(vocabularyConcepts) new \
        concepts, \(vocabularyLabels) names added, \(vocabularyNamesSkipped) names skipped (another concept's); \
        not names but ordinary words: \(vocabularyGeneric) entries, \(vocabularyNamesGeneric) aliases
        tag-list names (rule 12b): \(listTagLabels) labels, \(listTagConcepts) new concepts
        O*NET categories named by their practice (rule 3b): \(practiceNamedCategories)
        ESCO labels in other languages (rule 13): \(translatedLabels) added, \(translatedNamesDropped) dropped (names of other concepts, English words)
        skipped rows: \(skipped.count)
        """
        for r in skipped.prefix(20) { s += "\n  " + r }
        return s
    }
}

/// Builds the shipped ICT taxonomy from ESCO's digital skills collection and O*NET's Technology Skills.
///
/// Rules (each documented in `Taxonomies/README.md`):
/// 1. Every ESCO digital skill is a concept `esco:<uuid>` with its preferred and alternative labels and its
///    broader concepts as groups.
/// 2. A label ending in a parenthesised qualifier also yields the label without it (`Python (computer
///    programming)` -> `Python`).
/// 3. O*NET examples are aggregated over occupations (hot / in-demand flags OR-ed, commodity codes and
///    occupations collected). From each example, derived labels: without a trailing ` software`; with an
///    acronym and its spelled-out words separated (`Amazon Web Services AWS` -> `Amazon Web Services`,
///    `AWS`); without a leading vendor name (`Oracle Java` -> `Java`).
/// 4. An O*NET example whose label or derived label equals an ESCO label (same tokens after normalization)
///    is merged into that ESCO concept; otherwise it becomes a concept `onet:<slug>`.
/// 5. A derived label is dropped when it is in the common-word list (`Word`, `Access`, `Source`...), or when
///    it would name two different concepts; source labels are never dropped.
/// 7. An alternative or derived label that is another concept's preferred label is dropped: `SQL` names
///    the ESCO skill `SQL`, not also `database management systems`.
/// 6. A one-token label that is an ordinary word (in the lexicon: words of ESCO's non-digital skill labels,
///    plus the common-word list) or one or two letters only matches in its own letter case (`IT`,
///    `React`, `R`, `Go`).
/// 13. ESCO's own labels of the digital skills in other languages (German, French, Spanish, Polish) are
///    alternative labels of the same concepts, joined by URI, under the same rules.
public struct TaxonomyBuilder {
    public var tokenizer = Tokenizer()
    /// Vendor names removed from the start of O*NET examples.
    public var vendors: Set<String> = ["microsoft", "oracle", "adobe", "ibm", "apache", "amazon", "google",
                                       "sap", "autodesk", "atlassian", "cisco", "vmware", "salesforce",
                                       "red hat", "intuit", "apple", "sas", "tableau", "mongodb", "elastic"]
    /// Normalized labels never derived on their own (common words); loaded from a data file.
    public var commonWords: Set<String> = []
    /// Ordinary words: tokens that occur in at least two labels of ESCO's *non-digital* skills
    /// (see ``loadLexicon(allSkillsCSV:excluding:)``), plus ``commonWords``.
    public var lexicon: Set<String> = []
    /// Phrases of one to three words of ESCO's non-digital skill labels -> how many skills use each (filled with
    /// ``lexicon``; see ``LabelPolicy/otherFieldSkills``).
    public var otherFieldSkills: [String: Int] = [:]
    /// ESCO all-skills CSV (conceptUri, preferredLabel, altLabels) used to build ``lexicon``.
    public var allSkillsCSV: String?
    /// ESCO skills CSVs in other languages (language, path) whose labels join the English concepts (rule 13).
    public var escoTranslations: [(String, String)] = []
    /// Case, everyday-word and organisation policy (rules 6, 8, 9); its word statistics are loaded by the caller.
    public var policy = LabelPolicy()
    /// Reviewed labels dropped from a concept (rule 11): `concept_id<TAB>label` keys from `label-review.tsv`.
    public var suppressions: Set<String> = []

    /// Reads a label review (`concept_id label decision reason`, `#` comments, a header line): `suppress` lines.
    public mutating func loadLabelReview(_ path: String) throws {
        let text = String(decoding: try readFileBytes(path), as: UTF8.self)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("concept_id\t") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, f[2] == "keep" || f[2] == "suppress" else {
                throw TaxonomyError(path: path, line: i + 1, message: "expected concept_id, label, keep|suppress, reason")
            }
            if f[2] == "suppress" { suppressions.insert(f[0] + "\t" + f[1]) }
        }
    }

    public init() {}

    /// Reads the common-word list: one label per line, `#` comments.
    public mutating func loadCommonWords(_ path: String) throws {
        let text = String(decoding: try readFileBytes(path), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            commonWords.insert(key(t))
        }
    }

    /// The lexicon of ordinary words (ESCO non-digital skill labels, without excluding the digital ones, plus
    /// the common-word list), for filtering vocabularies before a build.
    public func lexiconForVocabulary() throws -> Set<String> {
        guard let all = allSkillsCSV else { return commonWords }
        var copy = self
        try copy.loadLexicon(allSkillsCSV: all, excluding: [])
        return copy.lexicon
    }

    /// Fills ``lexicon``: tokens of ESCO skill labels outside `excluding` (the digital skills) that occur
    /// in at least two labels.
    mutating func loadLexicon(allSkillsCSV path: String, excluding digital: Set<String>) throws {
        var counts: [String: Int] = [:]
        var header: [String: Int] = [:]
        try CSVReader().forEach(try ByteSource(path: path)) { event in
            guard case .record(let f, _, _) = event else { return }
            if header.isEmpty {
                for (i, h) in f.enumerated() { header[h] = i }
                return
            }
            guard let u = header["conceptUri"], let p = header["preferredLabel"], let a = header["altLabels"],
                  f.count > max(u, p, a), !digital.contains(f[u]) else { return }
            var phrases = Set<String>()
            for label in [f[p]] + Self.splitMulti(f[a]) {
                let tokens = tokenizer.normalizedTokens(label)
                for w in Set(tokens) { counts[w, default: 0] += 1 }
                for n in 1...3 where tokens.count >= n {
                    for i in 0...(tokens.count - n) { phrases.insert(tokens[i..<(i + n)].joined(separator: " ")) }
                }
            }
            for ph in phrases { otherFieldSkills[ph, default: 0] += 1 }
        }
        lexicon = Set(counts.filter { $0.value >= 2 }.keys).union(commonWords)
    }

    /// Rules 6 and 8: whether a label must match in its own letter case; rule 9: whether its matches need
    /// evidence. A derived label made of ordinary words only (`Power Systems`) gets both.
    func caseAndEvidence(_ label: String, kind: LabelKind, vocabulary: Bool = false) -> (exact: Bool, evidence: Bool) {
        let tokens = tokenizer.normalizedTokens(label)
        if tokens.count == 1 {
            // Only names can be mistaken for everyday words: a lower-case label (`database`, `electronics`) means
            // its everyday sense, and a name with capitals inside (`FastEST`, `APPS`) is already held to its case.
            // Vocabulary labels are names whatever their case (Stack Overflow writes `spring`, `express`).
            if vocabulary, tokens[0].count <= 3, policy.zipf(tokens[0]) >= 3.5 {
                // A short everyday word as an abbreviation (`ai`, `ml`): capitals only, and evidence.
                return (true, true)
            }
            let isName = (vocabulary || label.first?.isUppercase == true) && !LabelPolicy.hasInnerCapitals(label)
            return (policy.needsExactCase(label), isName && policy.isEverydayOrOrganisation(tokens[0]))
        }
        if kind == .derived, policy.isOrdinaryPhrase(label) { return (true, true) }
        return (false, false)
    }

    /// The normalized token key of a label.
    func key(_ label: String) -> String { tokenizer.normalizedTokens(label).joined(separator: " ") }

    private struct Draft {
        var concept: Concept
        var labels: [(String, LabelKind)]
        /// Label text -> where it comes from (``ConceptLabel/provenance``); the first source of a text wins.
        var provenance: [String: String] = [:]

        mutating func add(_ label: String, _ kind: LabelKind, _ from: String) {
            labels.append((label, kind))
            if provenance[label] == nil { provenance[label] = from }
        }
        var occupations: Set<String> = []
    }

    /// Streams the records of an ESCO skills CSV, each with its columns by name (trimmed; empty when absent). A
    /// malformed row goes to `malformed` as `path:line: reason`; a missing `required` column is an error.
    func forEachESCORecord(path: String, required: [String], malformed: (String) -> Void,
                           _ body: (_ line: Int, _ col: (String) -> String) throws -> Void) throws {
        var header: [String: Int] = [:]
        try CSVReader().forEach(try ByteSource(path: path)) { event in
            switch event {
            case .malformed(let line, _, let reason, _):
                malformed("\(path):\(line): \(reason)")
            case .record(let f, let line, _):
                if header.isEmpty {
                    for (i, h) in f.enumerated() { header[h] = i }
                    for r in required where header[r] == nil {
                        throw TaxonomyError(path: path, line: line, message: "missing column \(r); is this an ESCO skills CSV?")
                    }
                    return
                }
                try body(line) { n in
                    guard let i = header[n], i < f.count else { return "" }
                    return f[i].trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
        }
    }

    /// Builds from ESCO's `digitalSkillsCollection_en.csv` and O*NET's `Technology_Skills.txt[.gz]`.
    public func build(escoDigitalSkillsCSV: String, onetTechnologySkills: String?,
                      name: String, version: String,
                      vocabulary: [VocabularyEntry] = []) throws -> (Taxonomy, TaxonomyBuildReport) {
        var report = TaxonomyBuildReport()
        var drafts: [Draft] = []
        var keyOwner: [String: Int] = [:] // source-label key -> draft index (first owner wins)

        // 1-2. ESCO.
        try forEachESCORecord(path: escoDigitalSkillsCSV, required: ["conceptUri", "preferredLabel", "altLabels", "skillType"],
                              malformed: { report.skipped.append($0) }) { line, col in
            report.escoRows += 1
            let uri = col("conceptUri"), pref = col("preferredLabel")
            guard !uri.isEmpty, !pref.isEmpty, let uuid = uri.split(separator: "/").last else {
                report.skipped.append("\(escoDigitalSkillsCSV):\(line): no URI or preferred label")
                return
            }
            var labels: [(String, LabelKind)] = [(pref, .pref)]
            var provenance: [String: String] = [pref: "esco"]
            for written in Self.splitMulti(col("altLabels")) {
                // A label written with its article (`a computer`) would swallow the article of the text's noun
                // phrase (`A Computer Science degree`): the noun phrase is the label.
                let alt = Self.withoutArticle(written)
                labels.append((alt, .alt))
                if provenance[alt] == nil { provenance[alt] = "esco" }
            }
            for (l, _) in labels {
                if let stripped = Self.stripQualifier(l) {
                    labels.append((stripped, .derived))
                    if provenance[stripped] == nil { provenance[stripped] = "esco:qualifier-stripped" }
                }
            }
            let groups = Self.splitMulti(col("broaderConceptPT"))
            let concept = Concept(id: "esco:\(uuid)", preferredLabel: pref, type: col("skillType"),
                                  source: "esco", groups: groups, escoURI: uri)
            let index = drafts.count
            drafts.append(Draft(concept: concept, labels: labels, provenance: provenance))
            for (l, kind) in labels where kind != .derived {
                let k = key(l)
                if keyOwner[k] == nil { keyOwner[k] = index }
            }
        }
        report.escoConcepts = drafts.count
        let escoCount = drafts.count
        // 11. Reviewed suppressions (again before the vocabularies, for O*NET concepts).
        func suppress() {
            for i in drafts.indices {
                let id = drafts[i].concept.id
                let before = drafts[i].labels.count
                drafts[i].labels.removeAll { $0.1 != .pref && suppressions.contains(id + "\t" + TaxonomyFiles.clean($0.0)) }
                report.suppressedLabels += before - drafts[i].labels.count
            }
        }
        suppress()
        for i in drafts.indices {
            // A suppressed label no longer owns its key.
            for (k, o) in keyOwner where o == i && !drafts[i].labels.contains(where: { key($0.0) == k }) { keyOwner[k] = nil }
        }
        var builder = self
        if let all = allSkillsCSV {
            try builder.loadLexicon(allSkillsCSV: all, excluding: Set(drafts.compactMap(\.concept.escoURI)))
        } else {
            builder.lexicon = commonWords
        }
        builder.policy.lexicon = builder.lexicon
        builder.policy.otherFieldSkills = builder.otherFieldSkills
        // ESCO names with a generic head (`Nginx web server`) also give the name alone (`Nginx`), when it is one.
        for i in 0..<drafts.count {
            for (l, kind) in drafts[i].labels where kind != .derived {
                if let s = builder.stripGenericSuffix(l) { drafts[i].add(s, .derived, "esco:suffix-stripped") }
            }
        }

        // 10. Named technologies filed as alternative labels of generic ESCO concepts become concepts of their
        // own with the ESCO concept as broader (`Git` under tools for software configuration management,
        // `Google` under search engines); an alternative label that repeats the concept's name in another letter
        // case names another product (`Cisco IOS` under `iOS`) and becomes a concept without broader.
        var broader: [(Int, String)] = [] // (draft index, broader concept ID)
        var splitKeys = Set<String>()
        // A label that another concept has as its preferred name (`SQL` under database management systems) is
        // that concept's (rule 7), not a new one.
        var preferredKeys = Set<String>()
        for d in drafts {
            preferredKeys.insert(key(d.concept.preferredLabel))
            if let s = Self.stripQualifier(d.concept.preferredLabel) { preferredKeys.insert(key(s)) }
        }
        for i in 0..<drafts.count {
            let pref = Self.stripQualifier(drafts[i].concept.preferredLabel) ?? drafts[i].concept.preferredLabel
            let generic = Self.isGenericName(pref)
            let prefTokens = Set(tokenizer.normalizedTokens(pref))
            let prefRaw = Set(pref.split(separator: " ").map(String.init))
            var keep: [(String, LabelKind)] = []
            // Spelled-out forms that go with a split acronym (`Software as a service` with `SaaS`).
            var moved = Set<String>()
            for (label, kind) in drafts[i].labels {
                if moved.contains(label) { continue }
                let tokens = tokenizer.normalizedTokens(label)
                let words = label.split(separator: " ").map(String.init)
                let otherCase = words.contains { w in
                    !prefRaw.contains(w) && prefRaw.contains { $0.lowercased() == w.lowercased() }
                } && tokens.count > 1
                // An acronym of the concept's own name (`NLP` of natural language processing, `GIS`) is its
                // abbreviation, not another product (rule 10).
                let product = generic && Self.isNamedTechnology(label) && prefTokens.isDisjoint(with: tokens)
                    && !Self.isAbbreviation(label, of: pref)
                guard kind == .alt, product || otherCase, !preferredKeys.contains(key(label)),
                      splitKeys.insert(key(label)).inserted else {
                    keep.append((label, kind))
                    continue
                }
                let concept = Concept(id: "tech:" + Self.slug(label), preferredLabel: label, type: "technology",
                                      source: "esco", groups: product ? [pref] : [])
                var labels: [(String, LabelKind)] = [(label, .pref)]
                var provenance = [label: "esco"]
                // The alternative labels it abbreviates name the same technology and go with it: the acronym's
                // spelled-out form (`Software as a service` of `SaaS`, filed under service-oriented modelling).
                // One whose words are all the concept's own (`neural networks` of artificial neural networks) names
                // the concept and stays.
                if product {
                    for (alt, k) in drafts[i].labels where k == .alt && alt != label && Self.isAbbreviation(label, of: alt)
                        && !Set(tokenizer.normalizedTokens(alt)).isSubset(of: prefTokens)
                        && !preferredKeys.contains(key(alt)) && splitKeys.insert(key(alt)).inserted {
                        labels.append((alt, .alt))
                        provenance[alt] = "esco"
                        moved.insert(alt)
                        keep.removeAll { $0.0 == alt }
                    }
                }
                drafts.append(Draft(concept: concept, labels: labels, provenance: provenance))
                report.splitLabels += 1
                if product { broader.append((drafts.count - 1, drafts[i].concept.id)) }
            }
            drafts[i].labels = keep
        }
        let escoSideCount = drafts.count
        for (i, d) in drafts.enumerated().dropFirst(escoCount) {
            let k = key(d.concept.preferredLabel)
            if let owner = keyOwner[k], owner < escoCount, drafts[owner].labels.contains(where: { key($0.0) == k }) {
                continue
            }
            keyOwner[k] = i
        }

        // 3-4. O*NET.
        if let onetPath = onetTechnologySkills {
            var examples: [String: (codes: Set<String>, titles: Set<String>, hot: Bool, demand: Bool,
                                    occupations: Set<String>)] = [:]
            var order: [String] = []
            var columns: [String: Int] = [:]
            try LineReader().forEach(try ByteSource(path: onetPath)) { event in
                guard case .line(let l) = event else {
                    report.skipped.append("\(onetPath): a line over the length limit")
                    return
                }
                let fields = String(decoding: l.bytes, as: UTF8.self)
                    .split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                if l.number == 1 {
                    for (i, h) in fields.enumerated() { columns[h] = i }
                    for required in ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title",
                                     "Hot Technology", "In Demand"] where columns[required] == nil {
                        throw TaxonomyError(path: onetPath, line: 1,
                                            message: "missing column \(required); is this Technology_Skills?")
                    }
                    return
                }
                if l.bytes.isEmpty { return }
                func col(_ n: String) -> String {
                    guard let i = columns[n], i < fields.count else { return "" }
                    return fields[i].trimmingCharacters(in: .whitespaces)
                }
                report.onetRows += 1
                let example = col("Example")
                guard !example.isEmpty else {
                    report.skipped.append("\(onetPath):\(l.number): empty Example")
                    return
                }
                if examples[example] == nil { order.append(example); examples[example] = ([], [], false, false, []) }
                examples[example]?.codes.insert(col("Commodity Code"))
                examples[example]?.titles.insert(col("Commodity Title"))
                if col("Hot Technology") == "Y" { examples[example]?.hot = true }
                if col("In Demand") == "Y" { examples[example]?.demand = true }
                examples[example]?.occupations.insert(col("O*NET-SOC Code"))
            }
            report.onetExamples = order.count
            for example in order {
                let words = tokenizer.normalizedTokens(example)
                if words.count >= 2 { builder.policy.vendorCounts[words[0], default: 0] += 1 }
            }
            for example in order.sorted() {
                guard let e = examples[example] else { continue }
                var labels: [(String, LabelKind)] = [(example, .pref)]
                var provenance: [String: String] = [example: "onet"]
                for (d, rule) in builder.deriveONetLabelsWithRules(example) where key(d) != key(example) {
                    labels.append((d, .derived))
                    if provenance[d] == nil { provenance[d] = "onet:" + rule }
                }
                // Merge into an ESCO concept: the example itself first, then its derived labels.
                var target: Int?
                for (l, _) in labels {
                    guard let owner = keyOwner[key(l)], owner < escoSideCount else { continue }
                    // `IOS` (Cisco's, from `Cisco IOS`) is not `iOS`: names with capitals inside must agree in case.
                    let k = key(l)
                    // The owner's label that survives deduplication is its first with this key (source labels
                    // come before derived ones).
                    let sources = drafts[owner].labels.filter { $0.1 != .derived } + drafts[owner].labels.filter { $0.1 == .derived }
                    guard let other = sources.first(where: { key($0.0) == k })?.0 else { continue }
                    let letters = { (x: String) in String(x.filter(\.isLetter)) }
                    if letters(other) == letters(l) || !(LabelPolicy.hasInnerCapitals(other) || LabelPolicy.hasInnerCapitals(l)) {
                        target = owner
                        break
                    }
                }
                if let t = target {
                    report.onetMerged += 1
                    drafts[t].concept.source = "esco+onet"
                    drafts[t].concept.hotTechnology = drafts[t].concept.hotTechnology || e.hot
                    drafts[t].concept.inDemand = drafts[t].concept.inDemand || e.demand
                    drafts[t].concept.onetCommodityCodes = Array(Set(drafts[t].concept.onetCommodityCodes)
                        .union(e.codes)).sorted()
                    drafts[t].occupations.formUnion(e.occupations)
                    drafts[t].add(example, .alt, "onet")
                    for (l, kind) in labels.dropFirst() { drafts[t].add(l, kind, provenance[l] ?? "onet") }
                } else {
                    report.onetConcepts += 1
                    let concept = Concept(id: "onet:" + Self.slug(example), preferredLabel: example,
                                          type: "technology", source: "onet", groups: e.titles.sorted(),
                                          onetCommodityCodes: e.codes.sorted(), hotTechnology: e.hot,
                                          inDemand: e.demand)
                    let index = drafts.count
                    drafts.append(Draft(concept: concept, labels: labels, provenance: provenance, occupations: e.occupations))
                    let k = key(example)
                    if keyOwner[k] == nil { keyOwner[k] = index }
                }
            }
        }

        suppress()

        // Entries of ordinary words that rule 12 makes no concept of, for rule 12b.
        var listTags: [VocabularyEntry] = []
        // 12. Open vocabularies: each technology joins the concept that already has one of its names, or becomes a
        // `tech:` concept; a name that another concept already has is not added (it would name two concepts).
        if !vocabulary.isEmpty {
            // Names link to source and derived labels (`Terraform` from `IBM Terraform`); a derived label that is an
            // ordinary word was not derived (`Web` from `Askia Web`).
            // A niche product (named for fewer than ``nicheOccupations`` O*NET occupations) does not own a very
            // frequent word left when its vendor is stripped: the `web` topic (World Wide Web) is not Askia Web,
            // `video` not Google Video; Microsoft's `Windows` is Windows.
            var ownerOfKey: [String: Int] = [:]
            for (i, d) in drafts.enumerated() {
                for (l, kind) in d.labels {
                    let k = key(l)
                    if kind == .derived, builder.isNicheProductWord(l, key: k, of: d) { continue }
                    if ownerOfKey[k] == nil { ownerOfKey[k] = i }
                }
            }
            /// Ordinary words only, and not a name by the vocabularies' own standards (a brand, a language, a
            /// tag with many questions): `Back end`, `Framework`, `projects`, `tools`.
            func generic(_ n: String, _ e: VocabularyEntry) -> Bool { builder.isOrdinaryVocabularyName(n, of: e) }
            for e in vocabulary where !VocabularyImporter.isListTag(e) {
                // Aliases that are ordinary words are dropped (they would match everyday text).
                var names: [(String, String)] = [(e.name, e.nameProvenance)]
                for a in e.aliases {
                    guard generic(a.text, e) else { names.append((a.text, a.provenance)); continue }
                    if a.text.count <= 4, a.text.allSatisfy({ $0.isLetter || $0.isNumber }) {
                        // A short one is an abbreviation, written in capitals (`ml` -> `ML`, `rest` -> `REST`).
                        names.append((a.text.uppercased(), a.provenance))
                    } else {
                        report.vocabularyNamesGeneric += 1
                    }
                }
                var target = names.lazy.compactMap { ownerOfKey[self.key($0.0)] }.first
                if target == nil {
                    guard !key(e.name).isEmpty else { continue }
                    if generic(e.name, e) {
                        report.vocabularyGeneric += 1
                        // Asked about as a tag, it still names a skill in a tag list (`automation`; rule 12b).
                        if e.questions >= VocabularyImporter.minimumQuestions { listTags.append(VocabularyImporter.asListTag(e)) }
                        continue
                    }
                    let id = "tech:" + Self.slug(e.name)
                    // The review may suppress a vocabulary concept by its own name (rule 11).
                    if suppressions.contains(id + "\t" + TaxonomyFiles.clean(e.name)) {
                        report.suppressedLabels += names.count
                        continue
                    }
                    drafts.append(Draft(concept: Concept(id: id, preferredLabel: e.name,
                                                         type: "technology", source: e.conceptSource), labels: []))
                    target = drafts.count - 1
                    report.vocabularyConcepts += 1
                } else {
                    report.vocabularyLinked += 1
                }
                guard let t = target else { continue }
                for (raw, from) in names {
                    let k = key(raw)
                    guard !k.isEmpty else { continue }
                    // Stack Overflow writes names in lower case; where case matters, write them as people do:
                    // abbreviations in capitals (`rest` -> `REST`, `js` -> `JS`), other names capitalised.
                    var n = raw
                    if raw == raw.lowercased(), raw.contains(where: \.isLetter), raw.allSatisfy({ $0.isLetter || $0.isNumber }),
                       builder.caseAndEvidence(raw, kind: .alt, vocabulary: true).exact {
                        n = raw.count <= 4 ? raw.uppercased() : raw.prefix(1).uppercased() + raw.dropFirst()
                    }
                    if let o = ownerOfKey[k] { if o != t { report.vocabularyNamesSkipped += 1 }; continue }
                    if suppressions.contains(drafts[t].concept.id + "\t" + TaxonomyFiles.clean(raw)) {
                        report.suppressedLabels += 1
                        continue
                    }
                    drafts[t].add(n, drafts[t].labels.isEmpty ? .pref : .alt, from)
                    if drafts[t].labels.count == 1 { drafts[t].concept.preferredLabel = n }
                    ownerOfKey[k] = t
                    keyOwner[k] = t // a derived label of another concept with this name is now ambiguous (rule 5)
                    report.vocabularyLabels += 1
                }
            }
        }

        // 12b. Stack Overflow tags of ordinary words (`cloud`, `design patterns`, `entity framework`) name skills as
        // items of a tag list (`java rest cloud spring design-patterns`), not in running text: tag-only labels
        // (``ConceptLabel/tagOnly``) of the concept that has one of their names, or of a `tech:` concept. A name
        // another concept already has is not added (that label covers the tag); function words are no tags.
        if !vocabulary.isEmpty {
            // Derived labels may yet be dropped (rule 5); a tag-list name they share is dropped below if they stay.
            var ownerOfKey: [String: Int] = [:]
            for (i, d) in drafts.enumerated() {
                for (l, kind) in d.labels where kind != .derived && ownerOfKey[key(l)] == nil { ownerOfKey[key(l)] = i }
            }
            var ids = Set(drafts.map(\.concept.id))
            for e in listTags + vocabulary.filter(VocabularyImporter.isListTag) {
                let names = [(e.name, e.nameProvenance)] + e.aliases.map { ($0.text, $0.provenance) }
                func functionWords(_ n: String) -> Bool {
                    tokenizer.normalizedTokens(n).allSatisfy { builder.policy.zipf($0) >= 6.0 }
                }
                guard !key(e.name).isEmpty, !functionWords(e.name) else { continue }
                var target = names.lazy.compactMap { ownerOfKey[self.key($0.0)] }.first
                if target == nil {
                    let id = "tech:" + Self.slug(e.name)
                    if suppressions.contains(id + "\t" + TaxonomyFiles.clean(e.name)) { continue }
                    guard ids.insert(id).inserted else { continue }
                    drafts.append(Draft(concept: Concept(id: id, preferredLabel: e.name, type: "technology",
                                                         source: e.conceptSource), labels: []))
                    target = drafts.count - 1
                }
                guard let t = target else { continue }
                for (n, from) in names where !functionWords(n) {
                    let k = key(n)
                    guard !k.isEmpty, ownerOfKey[k] == nil,
                          !suppressions.contains(drafts[t].concept.id + "\t" + TaxonomyFiles.clean(n)) else { continue }
                    // Always `alt`: a tag-list name is nobody's preferred label, which would take the name from others.
                    drafts[t].add(n, .alt, from)
                    ownerOfKey[k] = t
                }
            }
        }

        // 13. ESCO's labels of the same concepts in other languages (`Datenbank`, `programmation informatique`),
        // joined by concept URI, last: rules 10 and 12 test English names (German nouns are capitalised), and no
        // O*NET example or vocabulary name joins a concept by its translation.
        if !escoTranslations.isEmpty {
            var byURI: [String: Int] = [:]
            var englishKeys = Set<String>()
            for (i, d) in drafts.enumerated() {
                if i < escoCount, let u = d.concept.escoURI { byURI[u] = i }
                for (l, _) in d.labels { englishKeys.insert(key(l)) }
            }
            // The translations file product names under generic concepts as the English file does (`Oracle` under
            // database management systems, `OpenGL` under design application interfaces): a translation that is
            // a name in English too (another concept's English label, or a technology name of the vocabularies)
            // is kept only where the concept has that name in English.
            // A one-word translation that is also an English word (`mastering`, `DID`, `SAD`), or an acronym of
            // three letters or fewer (`AD`, `TI`: a foreign abbreviation no English frequency can clear), would
            // match English text in another sense.
            func collidesWithEnglish(_ l: String) -> Bool {
                let t = tokenizer.normalizedTokens(l)
                guard t.count == 1 else { return false }
                let letters = l.filter(\.isLetter)
                if letters.count <= 3, letters.allSatisfy(\.isUppercase) { return true }
                return builder.policy.zipf(t[0]) >= 2.5
            }
            // (A translation the concept itself has in English is never offered: see `own` below.)
            func isForeignName(_ l: String) -> Bool {
                if collidesWithEnglish(l) { return true }
                let k = key(l)
                if englishKeys.contains(k) { return true }
                return builder.policy.isTechName(k) || builder.policy.isTechName(key(l.replacingOccurrences(of: "-", with: " ")))
            }
            for (lang, path) in escoTranslations {
                try forEachESCORecord(path: path, required: ["conceptUri", "preferredLabel", "altLabels"],
                                      malformed: { report.skipped.append($0) }) { line, col in
                    let uri = col("conceptUri"), pref = col("preferredLabel")
                    guard !uri.isEmpty, !pref.isEmpty else { return }
                    guard let i = byURI[uri] else {
                        report.skipped.append("\(path):\(line): \(uri) is not in the English collection")
                        return
                    }
                    var added = [pref] + Self.splitMulti(col("altLabels"))
                    added += added.compactMap(Self.stripQualifier)
                    let own = Set(drafts[i].labels.map { key($0.0) })
                    for l in added where !l.isEmpty && !own.contains(key(l)) {
                        if isForeignName(l) { report.translatedNamesDropped += 1; continue }
                        drafts[i].add(l, .alt, "esco-\(lang)")
                        report.translatedLabels += 1
                    }
                }
            }
        }
        // 5. Resolve labels: dedupe per concept, drop ambiguous or common-word derived labels.
        var derivedOwners: [String: Set<Int>] = [:]
        for (i, d) in drafts.enumerated() {
            for (l, kind) in d.labels where kind == .derived { derivedOwners[key(l), default: []].insert(i) }
        }
        // Rule 7: a label that is one concept's preferred label belongs to that concept only.
        var prefOwner: [String: Int] = [:]
        for (i, d) in drafts.enumerated() {
            for (l, kind) in d.labels where kind == .pref {
                let k = key(l)
                if prefOwner[k] == nil { prefOwner[k] = i }
            }
        }
        // Rule 13: a translation that two concepts have names neither (one that another concept has in English
        // was not added).
        func isTranslation(_ d: Draft, _ l: String) -> Bool { d.provenance[l]?.hasPrefix("esco-") == true }
        var translationOwners: [String: Set<Int>] = [:]
        for (i, d) in drafts.enumerated() {
            for (l, _) in d.labels where isTranslation(d, l) { translationOwners[key(l), default: []].insert(i) }
        }
        var finalDrafts: [(Concept, [(String, LabelKind)])] = []
        var usedIDs = Set<String>()
        // Tag-list names (rule 12b) are kept only where no other label has their name, decided once all others are.
        var listTagLabels: [[(String, LabelKind)]] = Array(repeating: [], count: drafts.count)
        for (i, d) in drafts.enumerated() {
            var seen = Set<String>()
            var kept: [(String, LabelKind)] = []
            // Source labels first, so a derived duplicate of a source label is dropped silently.
            let ordered = d.labels.filter { $0.1 != .derived } + d.labels.filter { $0.1 == .derived }
            for (rawLabel, kind) in ordered {
                let label = TaxonomyFiles.clean(rawLabel)
                let k = key(label)
                if VocabularyImporter.isListTag(provenance: d.provenance[rawLabel] ?? "") {
                    listTagLabels[i].append((label, kind))
                    continue
                }
                guard !k.isEmpty, seen.insert(k).inserted else { continue }
                if isTranslation(d, rawLabel), (translationOwners[k]?.count ?? 0) > 1 {
                    report.translatedNamesDropped += 1
                    continue
                }
                if kind != .pref, let owner = prefOwner[k], owner != i {
                    report.droppedShadowed += 1
                    continue
                }
                if kind == .derived {
                    if commonWords.contains(k) { report.droppedStopword += 1; continue }
                    // A niche product does not own a very frequent word (`Web` of Askia Web; rule 12).
                    if builder.isNicheProductWord(rawLabel, key: k, of: d) {
                        report.droppedStopword += 1
                        continue
                    }
                    if let owner = keyOwner[k], owner != i { report.droppedAmbiguous += 1; continue }
                    if (derivedOwners[k]?.count ?? 0) > 1 { report.droppedAmbiguous += 1; continue }
                    report.derivedLabels += 1
                }
                kept.append((label, kind))
            }
            var concept = d.concept
            concept.onetOccupations = d.occupations.count
            concept.preferredLabel = TaxonomyFiles.clean(concept.preferredLabel)
            if let practice = Self.categoryPractice(concept, kept: kept.map(\.0), provenance: d.provenance, key: key) {
                concept.preferredLabel = practice
                report.practiceNamedCategories += 1
            }
            concept.groups = concept.groups.map(TaxonomyFiles.clean).filter { !$0.isEmpty }
            // Slugs of distinct O*NET examples can collide ("C++" / "C"): make IDs unique deterministically.
            var id = concept.id
            var n = 2
            while usedIDs.contains(id) { id = concept.id + "-\(n)"; n += 1 }
            usedIDs.insert(id)
            concept.id = id
            finalDrafts.append((concept, kept))
        }
        var heldKeys = Set(finalDrafts.flatMap { $0.1.map { key($0.0) } })
        for i in finalDrafts.indices {
            for (l, kind) in listTagLabels[i] where !key(l).isEmpty && heldKeys.insert(key(l)).inserted {
                finalDrafts[i].1.append((l, kind))
            }
        }
        let finalDraftsInDraftOrder = finalDrafts
        var provenanceOf: [String: [String: String]] = [:] // final concept ID -> label -> provenance
        for (d, (c, _)) in zip(drafts, finalDraftsInDraftOrder) {
            var p = d.provenance
            for (l, kind) in d.labels where p[TaxonomyFiles.clean(l)] == nil { p[TaxonomyFiles.clean(l)] = p[l] ?? kind.rawValue }
            for (l, v) in d.provenance { p[TaxonomyFiles.clean(l)] = v }
            provenanceOf[c.id] = p
        }
        // A concept made for tag-list names that kept none (another concept has each) is left out.
        let emptyListTagConcepts = Set(zip(drafts, finalDraftsInDraftOrder).compactMap { d, f in
            f.1.isEmpty && !d.labels.isEmpty && d.labels.allSatisfy({ VocabularyImporter.isListTag(provenance: d.provenance[$0.0] ?? "") })
                ? f.0.id : nil
        })
        finalDrafts.removeAll { emptyListTagConcepts.contains($0.0.id) }
        finalDrafts.sort { $0.0.id < $1.0.id }
        var concepts: [Concept] = []
        var labels: [ConceptLabel] = []
        let kindOrder: [LabelKind: Int] = [.pref: 0, .alt: 1, .derived: 2]
        for (ci, (concept, kept)) in finalDrafts.enumerated() {
            concepts.append(concept)
            if !kept.isEmpty, kept.allSatisfy({ VocabularyImporter.isListTag(provenance: provenanceOf[concept.id]?[$0.0] ?? "") }) {
                report.listTagConcepts += 1
            }
            let sorted = kept.sorted {
                (kindOrder[$0.1] ?? 3, $0.0) < (kindOrder[$1.1] ?? 3, $1.0)
            }
            for (l, kind) in sorted {
                let from = provenanceOf[concept.id]?[l] ?? ""
                if VocabularyImporter.isListTag(provenance: from) {
                    var label = ConceptLabel(conceptIndex: ci, text: l, kind: kind, provenance: from)
                    label.tagOnly = true
                    labels.append(label)
                    report.listTagLabels += 1
                    continue
                }
                var (exact, evidence) = builder.caseAndEvidence(l, kind: kind, vocabulary: !from.hasPrefix("esco") && !from.hasPrefix("onet"))
                // A vendor's product name without the vendor that is an ordinary word (`Fluent` of Ansys Fluent,
                // `Outlook`) needs evidence even when the word is not frequent.
                if from == "onet:vendor-stripped", !evidence, !LabelPolicy.hasInnerCapitals(l) {
                    let t = tokenizer.normalizedTokens(l)
                    if t.count == 1, builder.policy.zipf(t[0]) >= 3.0, !builder.policy.isTechDominant(t[0]) { evidence = true }
                }
                // A product's two-word name with an acronym (`Power BI` of Microsoft Power BI) is a name as written.
                if from == "onet:vendor-stripped", exact, evidence, LabelPolicy.hasAcronym(l),
                   tokenizer.normalizedTokens(l).count == 2 { evidence = false }
                // A phrase of common words that other fields use too (`quality assurance`, `project management`,
                // `data analysis` of O*NET's "Data analysis software"), as a name we derived or linked to an ICT
                // concept, names it only with ICT evidence nearby; so does a one-word remainder of an O*NET
                // "X software" name (`Mathematical`). Names the source gives (a preferred name, ESCO's own
                // alternatives such as `data processing`) need none.
                // An O*NET product whose name is a title-case phrase of ordinary words (`Private Practice`) is
                // matched as written, with evidence, like a derived one (rule 9).
                if kind == .pref, from == "onet", !exact, tokenizer.normalizedTokens(l).count > 1,
                   l.split(separator: " ").allSatisfy({ $0.first?.isUppercase == true }), builder.policy.isOrdinaryPhrase(l),
                   !builder.policy.looksLikeName(l) {
                    exact = true
                    evidence = true
                }
                if !evidence, kind != .pref, kind == .derived || from != "esco",
                   builder.policy.namesPracticeOfOtherFields(l),
                   tokenizer.normalizedTokens(l).count > 1 || from == "onet:software-stripped" {
                    evidence = true
                }
                if exact { report.exactCaseLabels += 1 }
                if evidence { report.evidenceLabels += 1 }
                labels.append(ConceptLabel(conceptIndex: ci, text: l, kind: kind, exactCase: exact, needsEvidence: evidence,
                                           provenance: from))
            }
        }
        var idOfDraft: [String: String] = [:] // original draft ID -> final ID
        for (d, (c, _)) in zip(drafts, finalDraftsInDraftOrder) { idOfDraft[d.concept.id] = c.id }
        let indexOfID = Dictionary(uniqueKeysWithValues: concepts.enumerated().map { ($1.id, $0) })
        var attributes: [ConceptAttribute] = []
        for (child, parent) in broader {
            guard let c = idOfDraft[drafts[child].concept.id].flatMap({ indexOfID[$0] }),
                  let p = idOfDraft[parent] else { continue }
            attributes.append(ConceptAttribute(conceptIndex: c, key: "broader", value: p))
        }
        attributes.sort { ($0.conceptIndex, $0.value) < ($1.conceptIndex, $1.value) }
        return (Taxonomy(name: name, version: version, concepts: concepts, labels: labels, attributes: attributes), report)
    }

    /// The name of the practice an O*NET category concept is matched as (rule 3b), or nil: a category "X software"
    /// (`Data analysis software`) that kept its remainder `X` as a label is found in text as the practice `X`
    /// (`instruction in data analysis`, `experience with continuous integration`), which is broader than its
    /// software; the concept is shown by that name in lower case (`data analysis`), and "X software" stays a label.
    /// Only remainders written as O*NET writes categories (a capital, then lower-case words, two or more): product
    /// names keep their name (`Amazon Web Services AWS software`).
    static func categoryPractice(_ concept: Concept, kept: [String], provenance: [String: String],
                                 key: (String) -> String) -> String? {
        let suffix = " software"
        guard concept.id.hasPrefix("onet:"), concept.source == "onet", concept.preferredLabel.hasSuffix(suffix) else { return nil }
        let remainder = key(String(concept.preferredLabel.dropLast(suffix.count)))
        guard let practice = kept.first(where: { provenance[$0] == "onet:software-stripped" && key($0) == remainder }),
              practice.contains(" "), let first = practice.first, first.isUppercase,
              practice.dropFirst().allSatisfy({ ($0.isLetter && $0.isLowercase) || $0 == " " }) else { return nil }
        return first.lowercased() + practice.dropFirst()
    }

    /// Whether a vocabulary name is made of ordinary words rather than a technology's name (rule 12): the entry's
    /// own name when it makes no concept (`Framework`, `Back end`, `To-Do`, `Image`), an alias when it would match
    /// everyday text (`span`, `projects`). The coverage test counts only names for which this is false.
    public func isOrdinaryVocabularyName(_ n: String, of e: VocabularyEntry) -> Bool {
        let tokens = tokenizer.normalizedTokens(n)
        let capitalInside = n.split(whereSeparator: { !$0.isLetter }).contains { w in w.dropFirst().contains(where: \.isUppercase) }
        guard tokens.allSatisfy(policy.isOrdinaryWord), !n.contains(where: { $0.isNumber || "+#.".contains($0) }),
              !capitalInside else { return false }
        // A one-word alias that is a frequent word (`span`, `projects`) would match everyday text, whatever the
        // popularity of the technology it stands for; rarer ones (`tdd`, `restful`) are abbreviations and
        // spellings, and phrases (`unit tests`) rarely collide.
        guard n == e.name else { return tokens.count == 1 && policy.zipf(tokens[0]) >= 3.0 }
        // Function words only (`To-Do`): no name.
        if tokens.allSatisfy({ policy.zipf($0) >= 6.0 }) { return true }
        // A very frequent single word (`Image`, `Web`) makes no new concept, however popular its tag.
        if tokens.count == 1, policy.zipf(tokens[0]) >= LabelPolicy.veryCommonZipf,
           !(e.isBrand || e.nameProvenance == "linguist") { return true }
        // A named practice (`Test-driven development`, `Agile`) is a concept when the vocabulary describes it (a
        // topic with its creator, release or site), unless it is a very frequent word (`Development`). (Phrases of
        // ordinary words that are only Stack Overflow tags, `entity framework`, were tried as concepts too: 565 more
        // concepts, span-gold precision 0.936 -> 0.901 for recall 0.806 -> 0.813; left out.)
        if e.isDescribed, tokens.count > 1 || policy.zipf(tokens[0]) < LabelPolicy.veryCommonZipf { return false }
        // A short, not very frequent word is an abbreviation (`qa`, `elk`, `tdd`), as the importer takes it.
        if tokens.count == 1, tokens[0].count <= 4, policy.zipf(tokens[0]) < 3.5 { return false }
        // A single word is a name when it is a brand or a language, or people ask about it as one.
        if tokens.count == 1, e.isBrand || e.nameProvenance == "linguist" || policy.isTechDominant(tokens[0]) { return false }
        return true
    }

    /// Derived labels of an O*NET example (rule 3).
    public func deriveONetLabels(_ example: String) -> [String] { deriveONetLabelsWithRules(example).map(\.0) }

    /// Generic heads stripped from a name when what remains is still a name (`Rust programming language` ->
    /// `Rust`, `Nginx web server` -> `Nginx`).
    /// Not ` server` or ` database`: there the head is part of the name (`SQL Server`, `HTTP Server`).
    static let genericSuffixes = [" programming language", " language", " web server", " framework",
                                  " library", " platform", " operating system", " software"]

    /// The name without a generic head, when the rest still looks like a name; nil otherwise.
    func stripGenericSuffix(_ label: String) -> String? {
        let lower = label.lowercased()
        for s in Self.genericSuffixes where lower.hasSuffix(s) && label.count > s.count + 1 {
            let rest = String(label.dropLast(s.count))
            if policy.looksLikeName(rest) || policy.isTechName(key(rest)) { return rest }
            return nil
        }
        return nil
    }

    /// A vendor: listed in ``vendors``, or a name (not an ordinary word, or a technology name) that starts three
    /// or more O*NET examples (`Embarcadero Delphi`, `Embarcadero RAD Studio`...).
    func isVendor(_ word: String) -> Bool {
        let k = key(word)
        if vendors.contains(k) { return true }
        guard (policy.vendorCounts[k] ?? 0) >= 3, word.first?.isUppercase == true else { return false }
        return !policy.isOrdinaryWord(k)
    }

    /// Fewer O*NET occupations than this list a product as a niche one (rule 12).
    static let nicheOccupations = 5

    /// Whether `label` (normalized `key`) of `draft` is a very frequent word left when a niche product's vendor was
    /// stripped (`Web` of Askia Web): such a product owns neither the label nor the word (rule 12).
    private func isNicheProductWord(_ label: String, key: String, of draft: Draft) -> Bool {
        draft.provenance[label] == "onet:vendor-stripped" && !key.contains(" ")
            && policy.zipf(key) >= LabelPolicy.veryCommonZipf && draft.occupations.count < Self.nicheOccupations
    }

    /// Derived labels of an O*NET example with the rule that made each (`software-stripped`, `acronym`,
    /// `vendor-stripped`, `suffix-stripped`).
    public func deriveONetLabelsWithRules(_ example: String) -> [(String, String)] {
        var bases: [(String, String)] = [(example, "")]
        let lower = example.lowercased()
        if lower.hasSuffix(" software"), example.count > 9 {
            let stripped = String(example.dropLast(9))
            // `Quality control software` names software for a practice: `Quality control` is not its name.
            if policy.looksLikeName(stripped) || policy.isTechName(key(stripped)) { bases.append((stripped, "software-stripped")) }
        }
        if let s = stripGenericSuffix(example), !lower.hasSuffix(" software") { bases.append((s, "suffix-stripped")) }
        var out: [(String, String)] = []
        var acronyms: [(String, String)] = []
        for b in bases {
            out.append(b)
            acronyms.append(contentsOf: Self.acronymVariants(b.0).map { ($0, "acronym") })
        }
        // A vendor word that starts a spelled-out acronym is part of the name ("Amazon Web Services AWS"):
        // strip vendors only from names without an acronym.
        var withoutVendor: [(String, String)] = []
        for (l, _) in out where acronyms.isEmpty {
            let words = l.split(separator: " ")
            guard words.count >= 2 else { continue }
            let lw = l.lowercased()
            for v in vendors where lw.hasPrefix(v + " ") && l.count > v.count + 1 {
                withoutVendor.append((String(l.dropFirst(v.count + 1)), "vendor-stripped"))
            }
            if !vendors.contains(key(String(words[0]))), isVendor(String(words[0])) {
                withoutVendor.append((words.dropFirst().joined(separator: " "), "vendor-stripped"))
            }
        }
        // Without its vendor, an ordinary word is no longer a name (`Askia Web` -> `Web`, `Adobe Contribute` ->
        // `Contribute`) unless people use it as one (`Excel`, `Spark`).
        withoutVendor.removeAll { w in
            let t = tokenizer.normalizedTokens(w.0)
            // A phrase of ordinary words (`Big Data` of Informatica Big Data, `Power Systems` of IBM) names the field,
            // not the product, unless people ask about it as a technology (`Visual Studio`).
            // Two words, one an acronym (`Power BI`, `SQL Plus`), are a name; a longer remainder of ordinary words
            // is more likely the rest of a company's name (`Cisco Systems VPN Client` -> `Systems VPN Client`).
            if t.count > 1, t.allSatisfy(policy.isOrdinaryWord), !policy.isTechName(t.joined(separator: " ")),
               t.count > 2 || !LabelPolicy.hasAcronym(w.0) { return true }
            guard t.count == 1, policy.isOrdinaryWord(t[0]), !LabelPolicy.hasInnerCapitals(w.0) else { return false }
            // A very frequent word stays only when people use it mostly as the name (`Windows`; it needs evidence).
            if policy.isTechDominant(t[0]) { return false }
            if policy.zipf(t[0]) >= LabelPolicy.veryCommonZipf { return true }
            return !policy.isTechName(t[0])
        }
        out.append(contentsOf: acronyms)
        out.append(contentsOf: withoutVendor)
        var seen = Set<String>()
        return out.dropFirst().filter { seen.insert($0.0).inserted && $0.0 != example }
    }

    /// `Amazon Web Services AWS` -> [`Amazon Web Services`, `AWS`]: an all-capitals word whose letters are
    /// the initials of the words just before it.
    static func acronymVariants(_ label: String) -> [String] {
        let words = label.split(separator: " ").map(String.init)
        var out: [String] = []
        for (i, w) in words.enumerated() where w.count >= 2 && w.count <= 6 && i >= w.count {
            guard w.allSatisfy({ $0.isUppercase && $0.isLetter }) else { continue }
            let expansion = words[(i - w.count)..<i]
            let initials = String(expansion.compactMap { $0.first }).uppercased()
            guard initials == w else { continue }
            let before = words[0..<(i - w.count)], after = words[(i + 1)...]
            out.append((Array(before) + Array(expansion) + Array(after)).joined(separator: " "))
            out.append((Array(before) + [w] + Array(after)).joined(separator: " "))
        }
        return out
    }

    /// A generic concept name: two or more words starting in lower case (`computer programming`, `search
    /// engines`, `ICT project management methodologies`), unlike a product's name (`Microsoft Visual C++`).
    static func isGenericName(_ label: String) -> Bool {
        label.split(separator: " ").filter { $0.first?.isLowercase ?? false }.count >= 2
    }

    /// A label that names a technology or product: a capital letter, a digit or `+ # .` in it (`Git`, `SaaS`,
    /// `MSVC++`, `TensorFlow`), as opposed to a lower-case synonym (`informatics`).
    static func isNamedTechnology(_ label: String) -> Bool {
        label.contains { $0.isUppercase || $0.isNumber || "+#.".contains($0) }
    }

    /// Whether `label`, letters only, spells the initials of the words of `name` (split at spaces and hyphens):
    /// `NLP` of natural language processing, `HCI` of human-computer interaction, `MaaS` of mobility as a service.
    static func isAbbreviation(_ label: String, of name: String) -> Bool {
        guard label.count >= 2, label.allSatisfy(\.isLetter) else { return false }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard words.count == label.count else { return false }
        return String(words.compactMap(\.first)).lowercased() == label.lowercased()
    }

    /// `label` without a leading lower-case article (`a computer` → `computer`); a name that starts with a
    /// capitalised one (`The Lounge`) keeps it.
    static func withoutArticle(_ label: String) -> String {
        for article in ["a ", "an ", "the "] where label.hasPrefix(article) && label.count > article.count {
            return String(label.dropFirst(article.count))
        }
        return label
    }

    /// `Python (computer programming)` -> `Python`; nil when there is no trailing qualifier.
    static func stripQualifier(_ label: String) -> String? {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return nil }
        let base = label[..<open].trimmingCharacters(in: .whitespaces)
        return base.isEmpty ? nil : base
    }

    /// ESCO multi-value cells use newlines or ` | `.
    static func splitMulti(_ cell: String) -> [String] {
        cell.components(separatedBy: "\n").flatMap { $0.components(separatedBy: " | ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Lower-case ASCII slug; `+` and `#` spelled out so `C++`, `C#` and `C` stay distinct.
    static func slug(_ s: String) -> String {
        var out = ""
        var dash = false
        for ch in s.lowercased().unicodeScalars {
            let piece: String?
            switch ch {
            case "a"..."z", "0"..."9": piece = String(ch)
            case "+": piece = "plus"
            case "#": piece = "sharp"
            default: piece = nil
            }
            if let piece {
                if dash && !out.isEmpty { out += "-" }
                out += piece
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "x" : out
    }
}
