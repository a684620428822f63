import CLibXML2
import Foundation
import SkillIO

/// Imports `skos:Concept`s from SKOS RDF/XML with libxml2's streaming reader (`xmlTextReader`): memory is
/// O(one concept description + the concept table), not O(document).
///
/// Read per concept (a typed node `skos:Concept`, or an `rdf:Description` with `rdf:type` skos:Concept):
/// `prefLabel`, `altLabel`, `hiddenLabel` with their `xml:lang` (inherited from ancestors), `broader` and
/// `narrower` (both directions end up as `broader` attributes of the narrower concept), `inScheme`,
/// `topConceptOf` (as `in_scheme`), `notation`, and ESCO's `skillType` / `skillReuseLevel`. Label values
/// are split at line breaks and ` | ` like ESCO CSV cells (the shared SKOS file re-serializes the CSV).
///
/// Safety: the reader runs with `XML_PARSE_NONET` only — never `NOENT` (entity substitution), `DTDLOAD`
/// or `HUGE`. A document whose DOCTYPE declares entities or names an external DTD is refused before
/// libxml2 parses it (a prolog scan), and again if libxml2 reports such a DOCTYPE: no XXE, no entity
/// expansion bombs.
public struct SKOSImporter: Sendable {
    /// Languages to keep (`en`, `de`, `pt-BR`; a tag matches its subtags: `pt` keeps `pt-BR`), in order of
    /// preference for the preferred label; nil: all. Labels without a language are always kept.
    public var languages: [String]?

    public init(languages: [String]? = nil) { self.languages = languages }

    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let esco = "http://data.europa.eu/esco/model#"
    static let xmlNS = "http://www.w3.org/XML/1998/namespace"

    /// Whether a label's language is selected.
    func keeps(_ lang: String) -> Bool {
        guard let languages, !lang.isEmpty else { return true }
        let l = lang.lowercased()
        return languages.contains { sel in
            let s = sel.lowercased()
            return l == s || l.hasPrefix(s + "-")
        }
    }

    /// A node description being read.
    struct Node {
        var about: String
        var types: Set<String> = []
        var labels: [ImportedLabel] = []
        var broader: [String] = []
        var narrower: [String] = []
        var schemes: [String] = []
        var notations: [String] = []
        var skillType = ""
        var reuseLevel = ""
        var line: Int
    }

    /// Imports the concepts of one SKOS RDF/XML file (plain or gzip-compressed).
    public func importFile(_ path: String) throws -> (TaxonomyDraft, ImportReport) {
        try Self.checkProlog(path)
        var report = ImportReport(source: "SKOS \(path)")
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw TaxonomyError(path: path, line: 0, message: "cannot open as XML")
        }
        defer { xmlFreeTextReader(reader) }
        let errors = XMLErrorBox()
        xmlTextReaderSetStructuredErrorHandler(reader, { arg, error in
            guard let arg, let error else { return }
            let box = Unmanaged<XMLErrorBox>.fromOpaque(arg).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) }?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "XML error"
            if error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, box.first == nil {
                box.first = (Int(error.pointee.line), message)
            }
        }, Unmanaged.passUnretained(errors).toOpaque())

        var nodes: [Node] = []
        var current: Node?
        var nodeDepth = -1
        var property: (ns: String, name: String, lang: String, depth: Int)?
        var text = ""
        var schemeTitles: [String: String] = [:]

        func str(_ p: UnsafePointer<xmlChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        /// Mutates the node being read in place (taken out first, so its arrays are not copied).
        func withCurrent(_ body: (inout Node) -> Void) {
            guard var node = current else { return }
            current = nil
            body(&node)
            current = node
        }
        func attribute(_ name: String, _ ns: String) -> String? {
            // Move to the attribute and read its value in place (no copy to free), then back to the element.
            guard xmlTextReaderMoveToAttributeNs(reader, name, ns) == 1 else { return nil }
            defer { xmlTextReaderMoveToElement(reader) }
            return str(xmlTextReaderConstValue(reader))
        }

        while true {
            let rc = xmlTextReaderRead(reader)
            if rc == 0 { break }
            if rc < 0 {
                let (line, message) = errors.first ?? (Int(xmlTextReaderGetParserLineNumber(reader)), "malformed XML")
                throw TaxonomyError(path: path, line: line, message: "not well-formed XML: \(message)")
            }
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            switch type {
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
                if let node = xmlTextReaderCurrentNode(reader) {
                    let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self).pointee
                    if dtd.entities != nil || dtd.pentities != nil || dtd.ExternalID != nil || dtd.SystemID != nil {
                        throw TaxonomyError(path: path, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                            message: "refused: the DOCTYPE declares entities or an external DTD")
                    }
                }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                throw TaxonomyError(path: path, line: Int(xmlTextReaderGetParserLineNumber(reader)),
                                    message: "refused: entity reference")
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let ns = str(xmlTextReaderConstNamespaceUri(reader))
                let name = str(xmlTextReaderConstLocalName(reader))
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                if current == nil {
                    // A node element: a child of rdf:RDF (depth 1), or the document element itself.
                    guard depth == 1 || (depth == 0 && !(ns == Self.rdf && name == "RDF")) else { continue }
                    let about = attribute("about", Self.rdf) ?? attribute("ID", Self.rdf).map { "#" + $0 }
                        ?? attribute("nodeID", Self.rdf).map { "_:" + $0 } ?? ""
                    var node = Node(about: about, line: Int(xmlTextReaderGetParserLineNumber(reader)))
                    if !(ns == Self.rdf && name == "Description") { node.types.insert(ns + name) }
                    if empty { nodes.append(node) } else { current = node; nodeDepth = depth }
                } else if property == nil, depth == nodeDepth + 1 {
                    let resource = attribute("resource", Self.rdf)
                    let lang = str(xmlTextReaderConstXmlLang(reader))
                    if let resource { withCurrent { addResource(&$0, ns: ns, name: name, resource) } }
                    if !empty { property = (ns, name, lang, depth); text = "" }
                } else if let p = property, depth == p.depth + 1 {
                    // A nested node description as a property value: take its subject.
                    if let about = attribute("about", Self.rdf) {
                        withCurrent { addResource(&$0, ns: p.ns, name: p.name, about) }
                    }
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                if property != nil { text += str(xmlTextReaderConstValue(reader)) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                if let p = property, depth == p.depth {
                    withCurrent { addLiteral(&$0, ns: p.ns, name: p.name, lang: p.lang, text) }
                    property = nil
                } else if let node = current, depth == nodeDepth {
                    nodes.append(node)
                    current = nil
                }
            default:
                break
            }
        }
        if let (line, message) = errors.first {
            throw TaxonomyError(path: path, line: line, message: "not well-formed XML: \(message)")
        }

        // Concepts, schemes; narrower gives broader of the other side.
        var extraBroader: [String: [String]] = [:]
        for n in nodes where n.types.contains(Self.skos + "Concept") {
            for x in n.narrower { extraBroader[x, default: []].append(n.about) }
        }
        var prefByURI: [String: String] = [:]
        var rank: [String: Int] = [:]
        for (i, l) in ((languages ?? []) + ["en", ""]).enumerated() where rank[l] == nil { rank[l] = i }
        for n in nodes {
            let pref = n.labels.filter { $0.kind == .pref }
            if let best = pref.min(by: { (rank[$0.lang] ?? 1000) < (rank[$1.lang] ?? 1000) }) { prefByURI[n.about] = best.text }
            if n.types.contains(Self.skos + "ConceptScheme") { schemeTitles[n.about] = prefByURI[n.about] }
        }
        var draft = TaxonomyDraft()
        for n in nodes {
            report.rowsRead += 1
            guard n.types.contains(Self.skos + "Concept") else {
                let kind = n.types.sorted().first.map { $0.split(separator: "#").last.map(String.init) ?? $0 } ?? "untyped"
                report.skip("not a skos:Concept (\(kind))", "\(path):\(n.line): \(n.about)")
                continue
            }
            guard !n.about.isEmpty else { report.skip("concept without rdf:about", "\(path):\(n.line)"); continue }
            var labels: [ImportedLabel] = []
            for l in n.labels {
                if keeps(l.lang) { labels.append(l) } else { report.dropLabel("language not selected", "\(l.lang): \(excerpt(l.text))") }
            }
            guard labels.contains(where: { $0.kind == .pref }) || labels.contains(where: { $0.kind == .alt }) else {
                report.skip("no label in the selected languages", "\(path):\(n.line): \(n.about)")
                continue
            }
            report.imported += 1
            let broader = n.broader + (extraBroader[n.about] ?? [])
            let typeName = n.skillType
            var c = ImportedConcept(concept: Concept(
                id: conceptID(forURI: n.about), preferredLabel: "", type: typeName.isEmpty ? "concept" : typeName,
                source: n.about.hasPrefix("http://data.europa.eu/esco/") ? "esco" : "skos",
                groups: broader.compactMap { prefByURI[$0] },
                escoURI: n.about.hasPrefix("http://data.europa.eu/esco/") ? n.about : nil))
            c.labels = labels
            for b in broader { c.attributes.append(ConceptAttributeValue("broader", conceptID(forURI: b))) }
            for s in n.schemes { c.attributes.append(ConceptAttributeValue("in_scheme", s)) }
            for x in n.notations { c.attributes.append(ConceptAttributeValue("notation", x)) }
            if !n.reuseLevel.isEmpty { c.attributes.append(ConceptAttributeValue("reuse_level", n.reuseLevel)) }
            if !draft.merge(c) { report.notes.append("concept described twice (merged): \(n.about)") }
        }
        for (uri, title) in schemeTitles.sorted(by: { $0.key < $1.key }) { report.notes.append("concept scheme \(uri): \(title)") }
        let t = draft.taxonomy(name: "", version: "", preferredLanguages: languages ?? [])
        report.concepts = t.concepts.count
        report.labels = t.labels.count
        return (draft, report)
    }

    func addResource(_ n: inout Node, ns: String, name: String, _ value: String) {
        switch (ns, name) {
        case (Self.rdf, "type"): n.types.insert(value)
        case (Self.skos, "broader"), (Self.skos, "broaderTransitive"): n.broader.append(value)
        case (Self.skos, "narrower"), (Self.skos, "narrowerTransitive"): n.narrower.append(value)
        case (Self.skos, "inScheme"), (Self.skos, "topConceptOf"): n.schemes.append(value)
        // As resources these are URIs (`.../skill-type/knowledge`): keep the last path segment.
        case (Self.esco, "skillType"): n.skillType = value.split(separator: "/").last.map(String.init) ?? value
        case (Self.esco, "skillReuseLevel"): n.reuseLevel = value.split(separator: "/").last.map(String.init) ?? value
        default: break
        }
    }

    func addLiteral(_ n: inout Node, ns: String, name: String, lang: String, _ value: String) {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { return }
        let kind: LabelKind?
        switch (ns, name) {
        case (Self.skos, "prefLabel"): kind = .pref
        case (Self.skos, "altLabel"): kind = .alt
        case (Self.skos, "hiddenLabel"): kind = .hidden
        case (Self.skos, "notation"): n.notations.append(v); kind = nil
        case (Self.esco, "skillType"): n.skillType = v; kind = nil
        case (Self.esco, "skillReuseLevel"): n.reuseLevel = v; kind = nil
        default: kind = nil
        }
        guard let kind else { return }
        for (i, part) in splitMultiValue(v).enumerated() {
            // Several values in one prefLabel: the first is preferred, the rest alternatives.
            n.labels.append(ImportedLabel(text: part, kind: kind == .pref && i > 0 ? .alt : kind, lang: lang))
        }
    }

    /// Refuses a document whose prolog has a DOCTYPE with entity declarations or an external identifier,
    /// before libxml2 sees it. Reads (decompressed) bytes only up to the first element.
    static func checkProlog(_ path: String) throws {
        let source: ByteSource
        do { source = try ByteSource(path: path) } catch {
            throw TaxonomyError(path: path, line: 0, message: "\(error)")
        }
        var head: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        scan: while head.count < 64 << 20 {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            head.append(contentsOf: chunk[0..<n])
            // Stop at the first element start: '<' followed by a name character.
            var i = 0
            while i + 1 < head.count {
                if head[i] == UInt8(ascii: "<") {
                    let c = head[i + 1]
                    if c != UInt8(ascii: "?") && c != UInt8(ascii: "!") { head.removeSubrange(i...); break scan }
                }
                i += 1
            }
        }
        if head.count >= 2, (head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0xFF && head[1] == 0xFE) || head[0] == 0 {
            throw TaxonomyError(path: path, line: 1, message: "UTF-16/UTF-32 XML is not supported; convert the file to UTF-8")
        }
        let prolog = String(decoding: head, as: UTF8.self)
        guard let range = prolog.range(of: "<!DOCTYPE") else { return }
        let doctype = prolog[range.lowerBound...]
        let line = prolog[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        if doctype.contains("<!ENTITY") {
            throw TaxonomyError(path: path, line: line,
                                message: "refused: the DOCTYPE declares entities (entity expansion and external "
                                    + "entities are not allowed in taxonomy files)")
        }
        let declaration = doctype.prefix { $0 != "[" && $0 != ">" }
        if declaration.contains("SYSTEM") || declaration.contains("PUBLIC") {
            throw TaxonomyError(path: path, line: line, message: "refused: the DOCTYPE names an external DTD")
        }
    }
}

/// The first error libxml2 reported (set from its C callback).
final class XMLErrorBox: @unchecked Sendable {
    var first: (Int, String)?
}
