import Foundation
import SkillIO
import SkillTokenizer

/// One technology from an open vocabulary: how it is written, its aliases, and where each name comes from.
public struct VocabularyEntry: Sendable, Hashable {
    /// The display name (`nginx`, `Redux`, `Kubernetes`).
    public var name: String
    public var nameProvenance: String
    /// Other names: (text, provenance), e.g. (`k8s`, `github-topic:alias`), (`golang`, `linguist:alias`).
    public var aliases: [Alias]
    /// Stack Overflow questions of its tag, when known (ranks entries; used by the coverage test).
    public var questions: Int
    /// Simple Icons has a brand of this name: a proper name even when it is an ordinary word (`Celery`).
    public var isBrand = false
    /// A GitHub topic page describes it as a thing made by someone (creator, release, site or repository).
    public var isDescribed = false

    public struct Alias: Sendable, Hashable {
        public var text: String
        public var provenance: String
    }

    public init(name: String, nameProvenance: String, aliases: [Alias] = [], questions: Int = 0) {
        self.name = name
        self.nameProvenance = nameProvenance
        self.aliases = aliases
        self.questions = questions
    }

    /// The source of a concept made from this entry: `stackoverflow` when only Stack Overflow names it.
    public var conceptSource: String {
        nameProvenance.hasPrefix("stackoverflow") ? "stackoverflow" : String(nameProvenance.split(separator: ":")[0])
    }
}

/// Reads the open technology vocabularies of `../shared/data/vocabulary` (each with its SOURCE.md) into
/// ``VocabularyEntry`` values, keeping only names of technologies:
///
/// - GitHub Explore topics (CC BY 4.0): a topic that describes something made (it has `github_url`,
///   `created_by` or `released`), is a Linguist language, is a Stack Overflow tag with ≥ 100 questions, or is
///   written like a technology's name (`CI/CD`) with a description about computing;
///   display name, topic slug and aliases (`k8s`, `gcp`, `rust-lang`).
/// - GitHub Linguist (MIT): languages of type `programming` or `markup` that have a Stack Overflow tag with ≥ 100
///   questions, with aliases (`golang`, `csharp`).
/// - Stack Overflow (CC BY-SA 4.0): tags with ≥ ``minimumQuestions`` questions that name a technology: the tag is a
///   topic or language above, or has a digit or `+ # .`, or a word of it is no ordinary English word
///   (`django`, `kubernetes`, `apache-kafka`); not `arrays`, `string`, `for-loop`. A version tag (`python-3.x`)
///   is an alias of its base tag; approved synonyms (`k8s` → `kubernetes`) are aliases. So is a one-word tag
///   that is a Simple Icons brand and no common word (`hibernate`, `openssl`; ``isBrandTag(_:brands:)``). Names
///   from Stack Overflow
///   keep the provenance `stackoverflow:…` and so are written to the share-alike files. The other tags with
///   ≥ ``minimumQuestions`` questions (ordinary words: `cloud`, `testing`, `design-patterns`, `entity-framework`)
///   come last, as tag-list names (``listTagProvenance``): skills as items of a tag list, never in running text.
/// - Simple Icons (CC0): only the letter case of brand names (`NGINX`, `GraphQL`) for names known otherwise.
public struct VocabularyImporter {
    public static let minimumQuestions = 1_000
    /// The provenance of a Stack Overflow tag of ordinary words (`cloud`, `design patterns`, `entity framework`):
    /// a skill's name only as an item of a tag list (``ConceptLabel/tagOnly``).
    public static let listTagProvenance = "stackoverflow:list-tag"
    /// The suffix of every tag-list name's provenance (`github-topic:list-tag` for a topic of ordinary words).
    public static let listTagSuffix = ":list-tag"

    /// True for an entry whose names count only in tag lists.
    public static func isListTag(_ e: VocabularyEntry) -> Bool { isListTag(provenance: e.nameProvenance) }

    /// True for the provenance of a tag-list name.
    public static func isListTag(provenance p: String) -> Bool { p.hasSuffix(listTagSuffix) }

    /// `e` as tag-list names, its provenances marked as such (`github-topic` → `github-topic:list-tag`).
    public static func asListTag(_ e: VocabularyEntry) -> VocabularyEntry {
        func mark(_ p: String) -> String { isListTag(provenance: p) ? p : String(p.split(separator: ":")[0]) + listTagSuffix }
        var out = e
        out.nameProvenance = mark(e.nameProvenance)
        out.aliases = e.aliases.map { .init(text: $0.text, provenance: mark($0.provenance)) }
        return out
    }
    public var policy: LabelPolicy
    public var report: [String] = []

    public init(policy: LabelPolicy) { self.policy = policy }

    func key(_ s: String) -> String { policy.key(s.replacingOccurrences(of: "-", with: " ")) }

    /// All entries, in a fixed order: Linguist, then topics, then Stack Overflow tags by questions.
    public mutating func entries(directory dir: String) throws -> [VocabularyEntry] {
        let brands = try simpleIconsTitles(dir + "/simple-icons/simple-icons.json")
        let soEarly = try stackOverflowTags(dir + "/stackoverflow-tags")
        // Languages people ask about (a Stack Overflow tag with >= 100 questions): not every file format GitHub knows.
        let languages = try linguist(dir + "/linguist/languages.yml").filter { l in
            ([l.name] + l.aliases.map(\.text)).contains { (soEarly.counts[$0.lowercased().replacingOccurrences(of: " ", with: "-")] ?? 0) >= 100 }
        }
        let languageKeys = Set(languages.flatMap { [key($0.name)] + $0.aliases.map { key($0.text) } })
        let so = soEarly
        let topics = try githubTopics(dir + "/github-explore-topics/topics", languages: languageKeys, so: so.counts)
        let curated = languageKeys.union(topics.flatMap { [key($0.name)] + $0.aliases.map { key($0.text) } })
        var out = languages + topics
        for i in out.indices where brands[key(out[i].name)] != nil || out[i].aliases.contains(where: { brands[key($0.text)] != nil }) {
            out[i].isBrand = true
        }
        var tagEntries: [VocabularyEntry] = []
        var listTags: [VocabularyEntry] = []
        var dropped = 0
        for (tag, count) in so.counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) where count >= Self.minimumQuestions {
            guard tag.count > 1, isTechnologyTag(tag, curated: curated) || isBrandTag(tag, brands: brands) else {
                dropped += 1
                // As an item of a tag list the tag is still a deliberate skill label (`cloud`, `design-patterns`).
                if tag.count > 1, tag.contains(where: \.isLetter) {
                    var entry = VocabularyEntry(name: tag.replacingOccurrences(of: "-", with: " "),
                                                nameProvenance: Self.listTagProvenance, questions: count)
                    for s in so.synonyms[tag] ?? [] where s.count > 1 {
                        entry.aliases.append(.init(text: s.replacingOccurrences(of: "-", with: " "),
                                                   provenance: Self.listTagProvenance))
                    }
                    listTags.append(entry)
                }
                continue
            }
            let k = key(tag)
            let display = brands[k] ?? tag.replacingOccurrences(of: "-", with: " ")
            var entry = VocabularyEntry(name: display, nameProvenance: "stackoverflow:tag", questions: count)
            entry.isBrand = brands[k] != nil
            // A synonym that is the tag plus more words (`jquery-after` -> `jquery`) names a narrower question
            // topic, not the technology: left out.
            let tagWords = Set(tag.split(separator: "-"))
            for s in so.synonyms[tag] ?? [] where s.count > 1 && !(tagWords.isSubset(of: Set(s.split(separator: "-"))) && s.split(separator: "-").count > tagWords.count) {
                entry.aliases.append(.init(text: brands[key(s)] ?? s.replacingOccurrences(of: "-", with: " "),
                                           provenance: "stackoverflow:synonym"))
            }
            tagEntries.append(entry)
        }
        // Version tags (`python-3.x`, `angular-8`) become aliases of their base tag.
        var byKey: [String: Int] = [:]
        for (i, e) in tagEntries.enumerated() { byKey[key(e.name)] = i }
        var kept: [VocabularyEntry] = []
        var versions: [(Int, String)] = []
        for e in tagEntries {
            if let base = Self.versionBase(e.name), let i = byKey[key(base)] {
                versions.append((i, e.name))
            } else {
                kept.append(e)
            }
        }
        var keptIndex: [String: Int] = [:]
        for (i, e) in kept.enumerated() { keptIndex[key(e.name)] = i }
        for (i, name) in versions {
            if let k = keptIndex[key(tagEntries[i].name)] {
                kept[k].aliases.append(.init(text: name, provenance: "stackoverflow:version-tag"))
            }
        }
        out += kept
        // Last, so that every technology claims its names first.
        out += listTags
        report.append("vocabulary: \(languages.count) Linguist languages, \(topics.count) GitHub topics, "
                      + "\(kept.count) Stack Overflow technology tags (\(versions.count) version tags as aliases, "
                      + "\(dropped) tags with >= \(Self.minimumQuestions) questions not technologies, kept as tag-list names)")
        return out
    }

    /// `python-3.x` -> `python 3.x` base `python`; `angular-8` -> `angular`: a trailing version number.
    static func versionBase(_ name: String) -> String? {
        let words = name.split(separator: " ").map(String.init)
        guard words.count >= 2, let last = words.last,
              last.first?.isNumber == true, last.allSatisfy({ $0.isNumber || $0 == "." || $0 == "x" }) else { return nil }
        return words.dropLast().joined(separator: " ")
    }

    /// A one-word tag that is a brand's name (Simple Icons) and no common word (Zipf < 3.0, not a word of ESCO's
    /// other skills; ``LabelPolicy/isCommonWord(_:)``'s bar): `hibernate`, `openssl`, `freebsd`, `shopify`,
    /// `mercurial`; not `cursor`, `polygon`, `loops`, `celery` (brands named by common words). The filter above
    /// takes any word of the frequency list for an ordinary word, and these names are in it (Zipf 2.3–3.0) as the
    /// web writes them. Brands of several ordinary words (`spring-security`) stay tag-list names.
    public func isBrandTag(_ tag: String, brands: [String: String]) -> Bool {
        let k = key(tag)
        guard brands[k] != nil, !k.contains(" ") else { return false }
        return policy.zipf(k) < 3.0 && !policy.lexicon.contains(k)
    }

    /// The technology filter for Stack Overflow tags (see the type's documentation).
    public func isTechnologyTag(_ tag: String, curated: Set<String>) -> Bool {
        let k = key(tag)
        if curated.contains(k) { return true }
        if tag.contains(where: { $0.isNumber || "+#.".contains($0) }) { return true }
        // Short tags are abbreviations (`tdd`, `cdn`, `jpa`) unless they are frequent words (`rest` is a name by
        // its questions, below).
        if tag.count <= 4, tag.allSatisfy(\.isLetter), policy.zipf(k) < 3.5 { return true }
        let words = tag.split(separator: "-").map(String.init)
        return words.contains { w in
            let wk = key(w)
            return curated.contains(wk) || (policy.zipf(wk) == 0 && !policy.lexicon.contains(wk) && w.count > 2)
        }
    }

    func simpleIconsTitles(_ path: String) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let list = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw TaxonomyError(path: path, line: 0, message: "expected a JSON array of icons")
        }
        var out: [String: String] = [:]
        for icon in list {
            if let t = icon["title"] as? String, out[key(t)] == nil { out[key(t)] = t }
        }
        return out
    }

    func linguist(_ path: String) throws -> [VocabularyEntry] {
        let text = String(decoding: try readFileBytes(path), as: UTF8.self)
        var out: [VocabularyEntry] = []
        var current: VocabularyEntry?
        var type = ""
        var inAliases = false
        func flush() {
            if let c = current, type == "programming" || type == "markup" { out.append(c) }
            current = nil
            type = ""
        }
        for raw in text.split(separator: "\n") {
            let line = String(raw)
            if line.hasPrefix("#") || line == "---" { continue }
            if !line.hasPrefix(" "), line.hasSuffix(":") {
                flush()
                var name = String(line.dropLast())
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
                current = VocabularyEntry(name: name, nameProvenance: "linguist")
                inAliases = false
            } else if line.hasPrefix("  type: ") {
                type = String(line.dropFirst(8))
                inAliases = false
            } else if line.hasPrefix("  aliases:") {
                inAliases = true
            } else if inAliases, line.hasPrefix("  - ") {
                current?.aliases.append(.init(text: String(line.dropFirst(4)), provenance: "linguist:alias"))
            } else if line.hasPrefix("  "), !line.hasPrefix("  - ") {
                inAliases = false
            }
        }
        flush()
        return out
    }

    func githubTopics(_ dir: String, languages: Set<String>, so: [String: Int]) throws -> [VocabularyEntry] {
        guard FileManager.default.fileExists(atPath: dir) else { return [] }
        var out: [VocabularyEntry] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where file.hasSuffix(".md") {
            let text = String(decoding: try readFileBytes(dir + "/" + file), as: UTF8.self)
            var fields: [String: String] = [:]
            var inFront = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "---" { if inFront { break }; inFront = true; continue }
                guard inFront, let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let slug = fields["topic"] ?? String(file.dropLast(3))
            let name = fields["display_name"] ?? slug
            // A disambiguation page names no technology (`CD (Disambiguation)`).
            if name.lowercased().contains("disambiguation") { continue }
            let aliases = (fields["aliases"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let names = [slug, name] + aliases
            let software = fields["github_url"] != nil || fields["created_by"] != nil || fields["released"] != nil
            let known = names.contains { languages.contains(key($0)) || (so[$0.lowercased()] ?? 0) >= 100 }
            // A name written like a technology's (`CI/CD`) whose description speaks of computing.
            let description = (fields["short_description"] ?? "").lowercased()
            let technical = name.contains(where: { "/+#.".contains($0) || $0.isNumber })
                || name.split(whereSeparator: { !$0.isLetter }).contains { $0.dropFirst().contains(where: \.isUppercase) }
            let computing = Self.computingWords.contains { description.contains($0) }
            guard software || known || (technical && computing) else { continue }
            var e = VocabularyEntry(name: name, nameProvenance: "github-topic",
                                    questions: names.map { so[$0.lowercased()] ?? 0 }.max() ?? 0)
            // A site alone describes fields as well as technologies (`Mathematics`); with questions asked about it
            // on Stack Overflow it is a technical topic.
            // So is a curated topic named by a phrase, with its encyclopaedia article, that people ask about as one
            // (`Deep learning`, `Code review`, `Data structures`: a named field or practice of computing). A single
            // word there is too often the everyday word (`Portfolio`, `Demo`, `Configuration`).
            e.isDescribed = software || (fields["url"] != nil && known)
                || (fields["wikipedia_url"] != nil && known && computing && name.contains(where: { $0 == " " || $0 == "-" }))
            for a in [slug] + aliases where key(a) != key(name) {
                e.aliases.append(.init(text: a.replacingOccurrences(of: "-", with: " "), provenance: "github-topic:alias"))
            }
            out.append(e)
        }
        return out
    }

    /// Word stems that mark a topic description as about computing.
    static let computingWords = ["software", "develop", "program", "code", "comput", "platform", "framework", "library",
                                 "language", "database", "server", "network", "cloud", "deploy", "api", "web", "devops",
                                 "automation", "data", "security", "testing", "system"]

    func stackOverflowTags(_ dir: String) throws -> (counts: [String: Int], synonyms: [String: [String]]) {
        var counts: [String: Int] = [:]
        for file in ["Tags_2021-08_ids1-89999.csv", "stackoverflow_tags_2021-03_karma.csv"] {
            let path = dir + "/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            var header: [String: Int] = [:]
            try CSVReader().forEach(try ByteSource(path: path)) { event in
                guard case .record(let f, _, _) = event else { return }
                if header.isEmpty { for (i, h) in f.enumerated() { header[h] = i }; return }
                guard let n = header["TagName"], let c = header["Count"], f.count > max(n, c), let q = Int(f[c]) else { return }
                counts[f[n]] = max(counts[f[n]] ?? 0, q)
            }
        }
        var synonyms: [String: [String]] = [:]
        let path = dir + "/TagSynonyms_2021-08.csv"
        if FileManager.default.fileExists(atPath: path) {
            var header: [String: Int] = [:]
            try CSVReader().forEach(try ByteSource(path: path)) { event in
                guard case .record(let f, _, _) = event else { return }
                if header.isEmpty { for (i, h) in f.enumerated() { header[h] = i }; return }
                guard let s = header["SourceTagName"], let t = header["TargetTagName"], let a = header["ApprovalDate"],
                      f.count > max(s, t, a), !f[a].isEmpty else { return }
                synonyms[f[t], default: []].append(f[s])
            }
        }
        for k in synonyms.keys { synonyms[k]?.sort() }
        return (counts, synonyms)
    }
}
