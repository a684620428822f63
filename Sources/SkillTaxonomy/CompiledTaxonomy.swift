import Foundation
import SkillMatcher
import SkillTokenizer

/// A taxonomy and its built matcher, compiled once into a binary cache file and memory-mapped on later runs.
///
/// The cache file is named by a key of the taxonomy directory's *content* (a 128-bit hash of the bytes of
/// `taxonomy.tsv`, `concepts.tsv`, `labels.tsv` and `attributes.tsv`), a fingerprint of the code's behaviour
/// (probe text tokenized, probe matcher built), the tokenizer options fingerprint, and the format versions
/// (``formatVersion``, ``Matcher/imageVersion``): an edited taxonomy, other tokenizer options or a build that
/// tokenizes differently never read an old file. A file is used only when its magic, versions, key and
/// lengths match and the checksum of its payload is right; otherwise it is rebuilt (written to a temporary
/// file and renamed, so readers never see half a file). Loading a valid file costs reading it once
/// (memory-mapped) and decoding flat arrays: no tokenization, no trie construction.
public enum CompiledTaxonomy {
    /// Layout version of the compiled file (the matcher image has its own, ``Matcher/imageVersion``).
    public static let formatVersion: UInt32 = 4
    static let magic: [UInt8] = Array("SKRTAXC\n".utf8)

    /// Where a load came from.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// No cache directory: built in memory.
        case disabled
        /// Read from a valid cache file.
        case hit(path: String)
        /// Built, then written to the cache; `reason` says why the file could not be used (missing, corrupt...).
        case rebuilt(path: String, reason: String)
        /// Built, but the cache file could not be written (the load still succeeded).
        case notSaved(path: String, reason: String)

        public var description: String {
            switch self {
            case .disabled: return "cache disabled: built in memory"
            case .hit(let p): return "loaded from cache \(p)"
            case .rebuilt(let p, let r): return "built and cached in \(p) (\(r))"
            case .notSaved(let p, let r): return "built; cache \(p) not written: \(r)"
            }
        }
    }

    /// The result of a load.
    public struct Loaded: Sendable {
        public var taxonomy: Taxonomy
        public var matcher: Matcher
        public var outcome: Outcome
    }

    /// The default cache directory: `$SKILLRADAR_CACHE_DIR`, else `$XDG_CACHE_HOME/skillradar`, else
    /// `~/.cache/skillradar`; nil when `SKILLRADAR_NO_CACHE` is set (to anything but `0`) or no home is known.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let off = environment["SKILLRADAR_NO_CACHE"], !off.isEmpty, off != "0" { return nil }
        if let d = environment["SKILLRADAR_CACHE_DIR"], !d.isEmpty { return d }
        if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/skillradar" }
        if let h = environment["HOME"], !h.isEmpty { return h + "/.cache/skillradar" }
        return nil
    }

    /// Loads the taxonomy in `directory` with its matcher, from the cache when a valid compiled file exists,
    /// else by building (and caching) it. `cacheDirectory` nil disables the cache.
    public static func load(directory: String, tokenizerOptions: TokenizerOptions = TokenizerOptions(),
                            cacheDirectory: String?) throws -> (Taxonomy, Matcher) {
        let l = try loadReporting(directory: directory, tokenizerOptions: tokenizerOptions, cacheDirectory: cacheDirectory)
        return (l.taxonomy, l.matcher)
    }

    /// ``load(directory:tokenizerOptions:cacheDirectory:)`` that also says where the result came from.
    public static func loadReporting(directory: String, tokenizerOptions: TokenizerOptions = TokenizerOptions(),
                                     cacheDirectory: String?) throws -> Loaded {
        let tokenizer = Tokenizer(options: tokenizerOptions)
        guard let cacheDirectory else {
            let t = try TaxonomyFiles.load(directory: directory)
            return Loaded(taxonomy: t, matcher: t.buildMatcher(tokenizer: tokenizer), outcome: .disabled)
        }
        let key = try cacheKey(directory: directory, tokenizer: tokenizer)
        let path = cacheDirectory + "/" + fileName(key: key, tokenizerOptions: tokenizerOptions)
        var reason = "no compiled file yet"
        if FileManager.default.fileExists(atPath: path) {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
                let (t, m) = try data.withUnsafeBytes { try decode($0, key: key, tokenizer: tokenizer) }
                return Loaded(taxonomy: t, matcher: m, outcome: .hit(path: path))
            } catch {
                reason = "cache file rejected: \(error)"
            }
        }
        let t = try TaxonomyFiles.load(directory: directory)
        let m = t.buildMatcher(tokenizer: tokenizer)
        // The files may have changed while being read: key the file by what was hashed only if still equal.
        let after = try cacheKey(directory: directory, tokenizer: tokenizer)
        guard after == key else {
            return Loaded(taxonomy: t, matcher: m, outcome: .notSaved(path: path, reason: "taxonomy changed while loading"))
        }
        do {
            try writeAtomically(encode(taxonomy: t, matcher: m, key: key), to: path)
            return Loaded(taxonomy: t, matcher: m, outcome: .rebuilt(path: path, reason: reason))
        } catch {
            return Loaded(taxonomy: t, matcher: m, outcome: .notSaved(path: path, reason: "\(error)"))
        }
    }

    /// The path of the compiled file for `directory` (whether or not it exists).
    public static func cachePath(directory: String, tokenizerOptions: TokenizerOptions, cacheDirectory: String) throws -> String {
        let key = try cacheKey(directory: directory, tokenizer: Tokenizer(options: tokenizerOptions))
        return cacheDirectory + "/" + fileName(key: key, tokenizerOptions: tokenizerOptions)
    }

    /// The lookup key: ``contentKey(directory:)`` and a fingerprint of the code's behaviour.
    static func cacheKey(directory: String, tokenizer: Tokenizer) throws -> String {
        try contentKey(directory: directory) + "-" + behaviourFingerprint(tokenizer)
    }

    /// 16 hex digits that change when tokenization or trie construction changes, even if nobody bumped a
    /// version: the normalized tokens of a probe text exercising every tokenizer rule, and the image of a
    /// small matcher built from probe labels. Costs well under a millisecond.
    static func behaviourFingerprint(_ tokenizer: Tokenizer) -> String {
        let probe = "C++ c# F# .NET node.js ASP.NET Front-end Objective-C Soft\u{AD}ware ＪＡＶＡ Ｃ＋＋ Zürich STRASSE straße "
            + "ΣΊΣΥΦΟΣ مُهَنْدِس 熟悉React和Node.js开发 プログラム CI/CD TCP/IP e.g. 3.5 web3 x\u{200B}y Python.We naïve café"
        var h = ContentHash128()
        h.update(tokenizer.normalizedTokens(probe).joined(separator: "\u{1}"))
        var b = MatcherBuilder(tokenizer: tokenizer)
        for (i, l) in ["machine learning", "machine learning engineer", "IT", "c++", "熟悉", "node.js", "CI/CD", "Zürich"].enumerated() {
            b.add(l, value: UInt32(i), exactCase: l == "IT")
        }
        h.update(b.build().serialized())
        return String(h.hex().prefix(16))
    }

    /// 32 hex digits: a 128-bit hash of the taxonomy directory's files (name, length and bytes of each).
    public static func contentKey(directory: String) throws -> String {
        var h = ContentHash128()
        var files = [directory + "/taxonomy.tsv"]
        files.append(contentsOf: TaxonomyFiles.contentFiles(directory: directory))
        for f in files {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: f), options: .alwaysMapped) } catch {
                throw TaxonomyError(path: f, line: 0, message: "cannot read taxonomy file (\(error.localizedDescription)); "
                                    + "a taxonomy directory holds taxonomy.tsv, concepts.tsv and labels.tsv")
            }
            h.update(URL(fileURLWithPath: f).lastPathComponent)
            var n = UInt64(data.count).littleEndian
            withUnsafeBytes(of: &n) { h.update($0) }
            data.withUnsafeBytes { h.update($0) }
        }
        return h.hex()
    }

    static func fileName(key: String, tokenizerOptions: TokenizerOptions) -> String {
        let tok = String(tokenizerOptions.fingerprint.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return "\(key).\(tok).f\(formatVersion)m\(Matcher.imageVersion).skc"
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        try Data(bytes).write(to: URL(fileURLWithPath: tmp))
        if rename(tmp, path) != 0 {
            let e = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw TaxonomyError(path: path, line: 0, message: "cannot rename the compiled file into place: \(e)")
        }
    }

    // MARK: - Encoding

    /// The compiled file's bytes: magic, versions, header (content key, tokenizer fingerprint, payload length
    /// and checksum), then the payload (taxonomy with its SHA-256 digest, then the matcher image). Every byte
    /// is either compared with what the reader expects (header) or covered by the checksum (payload).
    public static func encode(taxonomy t: Taxonomy, matcher: Matcher, key: String) -> [UInt8] {
        // Repetitive short values (types, sources, groups, codes, languages) are stored once in an atom table
        // and referenced by index, so decoding shares one String per distinct value.
        var atoms: [String] = []
        var atomIndex: [String: UInt32] = [:]
        func atom(_ s: String) -> UInt32 {
            if let i = atomIndex[s] { return i }
            let i = UInt32(atoms.count)
            atoms.append(s)
            atomIndex[s] = i
            return i
        }
        var body = BinaryImageWriter(reservingCapacity: 1 << 20)
        body.count(t.concepts.count)
        for c in t.concepts {
            body.string(c.id); body.string(c.preferredLabel); body.u32(atom(c.type)); body.u32(atom(c.source))
            body.count(c.groups.count)
            for g in c.groups { body.u32(atom(g)) }
            body.u8(c.escoURI == nil ? 0 : 1)
            body.string(c.escoURI ?? "")
            body.count(c.onetCommodityCodes.count)
            for x in c.onetCommodityCodes { body.u32(atom(x)) }
            body.u8((c.hotTechnology ? 1 : 0) | (c.inDemand ? 2 : 0))
            body.count(c.onetOccupations)
        }
        let kinds = LabelKind.allCases
        body.count(t.labels.count)
        for l in t.labels {
            body.count(l.conceptIndex)
            body.string(l.text)
            body.u8(UInt8(kinds.firstIndex(of: l.kind) ?? 0))
            body.u8((l.exactCase ? 1 : 0) | (l.needsEvidence ? 2 : 0) | (l.tagOnly ? 4 : 0))
            body.u32(atom(l.lang))
            body.u32(atom(l.provenance))
        }
        body.count(t.attributes.count)
        for a in t.attributes {
            body.count(a.conceptIndex)
            body.u32(atom(a.key))
            body.string(a.value)
        }
        var p = BinaryImageWriter(reservingCapacity: body.bytes.count + 1 << 16)
        p.string(t.digest)
        p.string(t.name)
        p.string(t.version)
        p.count(atoms.count)
        for a in atoms { p.string(a) }
        p.raw(body.bytes)
        matcher.write(to: &p)
        let payload = p.bytes
        var h = ContentHash128()
        h.update(payload)
        let (c1, c2) = h.finalize()

        var w = BinaryImageWriter(reservingCapacity: payload.count + 256)
        w.raw(magic)
        w.u32(formatVersion)
        w.u32(Matcher.imageVersion)
        w.string(key)
        w.string(matcher.tokenizer.options.fingerprint)
        w.u64(UInt64(payload.count))
        w.u64(c1)
        w.u64(c2)
        w.raw(payload)
        return w.bytes
    }

    /// Decodes a compiled file, checking magic, versions, key, tokenizer, lengths and checksum first.
    public static func decode(_ bytes: UnsafeRawBufferPointer, key: String, tokenizer: Tokenizer) throws -> (Taxonomy, Matcher) {
        var r = BinaryImageReader(bytes)
        guard bytes.count >= magic.count, Array(try r.raw(magic.count, "magic")) == magic else {
            throw BinaryImageError("not a compiled skillradar taxonomy")
        }
        let format = try r.u32("format version")
        guard format == formatVersion else { throw BinaryImageError("format version \(format), expected \(formatVersion)") }
        let mv = try r.u32("matcher image version")
        guard mv == Matcher.imageVersion else { throw BinaryImageError("matcher image version \(mv), expected \(Matcher.imageVersion)") }
        let storedKey = try r.string("key")
        guard storedKey == key else { throw BinaryImageError("content key \(storedKey) does not match \(key)") }
        let tok = try r.string("tokenizer")
        guard tok == tokenizer.options.fingerprint else {
            throw BinaryImageError("built for tokenizer \(tok), requested \(tokenizer.options.fingerprint)")
        }
        let length = try r.u64("payload length")
        let c1 = try r.u64("checksum"), c2 = try r.u64("checksum")
        guard length == UInt64(r.remaining) else {
            throw BinaryImageError("payload is \(r.remaining) bytes, header says \(length) (truncated or extended file)")
        }
        let payload = try r.raw(Int(length), "payload")
        var h = ContentHash128()
        h.update(payload)
        guard h.finalize() == (c1, c2) else { throw BinaryImageError("checksum mismatch (corrupt file)") }

        var p = BinaryImageReader(payload)
        let digest = try p.string("digest")
        let name = try p.string("name"), version = try p.string("version")
        let atomCount = try p.count("atoms", max: p.remaining / 4)
        var atoms: [String] = []
        atoms.reserveCapacity(atomCount)
        for _ in 0..<atomCount { atoms.append(try p.string("atom")) }
        func atom() throws -> String {
            let i = Int(try p.u32("atom index"))
            guard i < atoms.count else { throw BinaryImageError("corrupt image: atom index out of range") }
            return atoms[i]
        }
        let conceptCount = try p.count("concepts", max: p.remaining)
        var concepts: [Concept] = []
        concepts.reserveCapacity(conceptCount)
        for _ in 0..<conceptCount {
            let id = try p.string(), pref = try p.string(), type = try atom(), source = try atom()
            let ng = try p.count("groups", max: p.remaining / 4)
            var groups: [String] = []
            if ng > 0 {
                groups.reserveCapacity(ng)
                for _ in 0..<ng { groups.append(try atom()) }
            }
            let hasURI = try p.u8()
            let uri = try p.string()
            let nc = try p.count("codes", max: p.remaining / 4)
            var codes: [String] = []
            if nc > 0 {
                codes.reserveCapacity(nc)
                for _ in 0..<nc { codes.append(try atom()) }
            }
            let flags = try p.u8()
            let occupations = try p.count("occupations")
            concepts.append(Concept(id: id, preferredLabel: pref, type: type, source: source, groups: groups,
                                    escoURI: hasURI == 1 ? uri : nil, onetCommodityCodes: codes,
                                    hotTechnology: flags & 1 != 0, inDemand: flags & 2 != 0, onetOccupations: occupations))
        }
        let kinds = LabelKind.allCases
        let labelCount = try p.count("labels", max: p.remaining)
        var labels: [ConceptLabel] = []
        labels.reserveCapacity(labelCount)
        for _ in 0..<labelCount {
            let ci = try p.count("label concept", max: conceptCount - 1)
            let text = try p.string()
            let k = Int(try p.u8())
            guard k < kinds.count else { throw BinaryImageError("corrupt label kind") }
            let flags = try p.u8()
            let lang = try atom()
            let provenance = try atom()
            var label = ConceptLabel(conceptIndex: ci, text: text, kind: kinds[k], exactCase: flags & 1 != 0, lang: lang,
                                     needsEvidence: flags & 2 != 0, provenance: provenance)
            label.tagOnly = flags & 4 != 0
            labels.append(label)
        }
        let attributeCount = try p.count("attributes", max: p.remaining)
        var attributes: [ConceptAttribute] = []
        attributes.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount {
            let ci = try p.count("attribute concept", max: conceptCount - 1)
            attributes.append(ConceptAttribute(conceptIndex: ci, key: try atom(), value: try p.string()))
        }
        let matcher = try Matcher.read(from: &p, tokenizer: tokenizer)
        guard p.remaining == 0 else { throw BinaryImageError("\(p.remaining) unexpected bytes after the matcher") }
        for v in matcher.values where Int(v) >= conceptCount { throw BinaryImageError("matcher value out of range") }
        let t = Taxonomy(name: name, version: version, concepts: concepts, labels: labels, attributes: attributes,
                         digest: digest)
        return (t, matcher)
    }
}
