import CLibXML2
import Foundation

/// The fields of a schema.org `JobPosting` found in an HTML page, from JSON-LD or microdata.
///
/// JSON-LD: every `<script type="application/ld+json">` is parsed with ``JSONValue`` (strict, depth ≤ 64,
/// at most 1 MiB each; an unparsable block is ignored and the next one tried); the first object whose
/// `@type` is or contains `JobPosting` is used, searched through arrays and `@graph`. Microdata: the
/// first element with `itemscope` and an `itemtype` ending in `JobPosting`, its `itemprop` descendants
/// (values from `content`, `datetime`, then text), nested `itemscope`s addressed as `prop.sub`.
/// Region is `addressLocality`, else `addressRegion`, else `addressCountry`.
struct JobPostingFields: Equatable {
    var title: String?
    var description: String?
    var date: String?
    var region: String?
    var employer: String?
    var identifier: String?
    /// `json-ld` or `microdata`.
    var source: String

    /// The posting of a parsed page, JSON-LD first.
    static func find(in doc: htmlDocPtr) -> JobPostingFields? {
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var scripts: [String] = []
        var microdata: xmlNodePtr?
        let names = HTMLText.NameCache()
        var stack: [(xmlNodePtr, Bool)] = [(root, false)]
        while let (n, _) = stack.popLast() {
            guard n.pointee.type == XML_ELEMENT_NODE else { continue }
            if n.pointee.properties != nil {
                let name = names[n]
                if name == "script" {
                    if let type = attribute(n, "type"), type.lowercased().contains("ld+json") {
                        scripts.append(HTMLText.content(n))
                    }
                    continue
                }
                if microdata == nil, xmlHasProp(n, "itemscope") != nil,
                   let t = attribute(n, "itemtype"), t.hasSuffix("JobPosting") {
                    microdata = n
                }
            }
            HTMLText.pushChildren(of: n, onto: &stack)
        }
        for s in scripts where s.utf8.count <= 1 << 20 {
            guard let value = try? JSONValue.parse(Array(s.utf8)) else { continue }
            if let posting = findPosting(value, budget: 10_000) { return fields(jsonLD: posting) }
        }
        return microdata.map(fields(microdata:))
    }

    static func attribute(_ n: xmlNodePtr, _ name: String) -> String? {
        guard let attr = xmlHasProp(n, name) else { return nil }
        var out = ""
        var child = attr.pointee.children
        while let c = child {
            if let content = c.pointee.content { out += String(cString: content) }
            child = c.pointee.next
        }
        return out
    }

    static func isPosting(_ v: JSONValue) -> Bool {
        guard let type = v["@type"] else { return false }
        return type.asArray.contains { $0.stringValue.map { $0 == "JobPosting" || $0.hasSuffix("/JobPosting") } ?? false }
    }

    /// Breadth-first search for a JobPosting object (visits at most `budget` values).
    static func findPosting(_ root: JSONValue, budget: Int) -> JSONValue? {
        var queue = [root]
        var head = 0
        while head < queue.count, head < budget {
            let v = queue[head]
            head += 1
            switch v {
            case .object(let members):
                if isPosting(v) { return v }
                queue += members.map(\.1)
            case .array(let items):
                queue += items
            default:
                break
            }
        }
        return nil
    }

    /// A string, a number, or the `name` (or `value`) of an object.
    static func text(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue { return nonEmpty(s) }
        if case .array(let items) = v { return items.lazy.compactMap { text($0) }.first }
        return text(v["name"]) ?? text(v["value"]) ?? text(v["@value"])
    }

    static func nonEmpty(_ s: String) -> String? {
        let t = trimmed(s)
        return t.isEmpty ? nil : t
    }

    static func fields(jsonLD p: JSONValue) -> JobPostingFields {
        // Every job location: its locality, region and country joined ("Lyon, ARA, FR"), or its coordinates
        // ("45.76, 4.84") when it has no address; several locations joined by " / ".
        var places: [String] = []
        for location in (p["jobLocation"]?.asArray ?? []) {
            let address = location["address"] ?? location
            if case .string(let s) = address, let s = nonEmpty(s) { places.append(s); continue }
            let parts = [text(address["addressLocality"]), text(address["addressRegion"]),
                         text(address["addressCountry"])].compactMap { $0 }
            if !parts.isEmpty {
                places.append(parts.joined(separator: ", "))
            } else if let lat = text(location["geo"]?["latitude"]), let lon = text(location["geo"]?["longitude"]) {
                places.append("\(lat), \(lon)")
            }
        }
        let region = places.isEmpty ? nil : places.joined(separator: " / ")
        return JobPostingFields(title: text(p["title"]) ?? text(p["name"]), description: text(p["description"]),
                                date: text(p["datePosted"]), region: region,
                                employer: text(p["hiringOrganization"]),
                                identifier: text(p["identifier"]?["value"]) ?? text(p["identifier"]),
                                source: "json-ld")
    }

    static func fields(microdata scope: xmlNodePtr) -> JobPostingFields {
        var props: [String: String] = [:]
        var stack: [(xmlNodePtr, String)] = HTMLText.children(of: scope).reversed().map { ($0, "") }
        while let (n, prefix) = stack.popLast() {
            guard n.pointee.type == XML_ELEMENT_NODE else { continue }
            var childPrefix = prefix
            if let prop = attribute(n, "itemprop") {
                let key = prefix + prop
                if attribute(n, "itemscope") != nil {
                    childPrefix = key + "."
                } else if props[key] == nil {
                    props[key] = attribute(n, "content") ?? attribute(n, "datetime") ?? HTMLText.content(n)
                }
            } else if attribute(n, "itemscope") != nil {
                continue // an unrelated item
            }
            stack.append(contentsOf: HTMLText.children(of: n).reversed().map { ($0, childPrefix) })
        }
        func get(_ keys: String...) -> String? { keys.lazy.compactMap { props[$0].flatMap(nonEmpty) }.first }
        return JobPostingFields(
            title: get("title", "name"), description: get("description"), date: get("datePosted"),
            region: get("jobLocation.address.addressLocality", "jobLocation.addressLocality",
                        "jobLocation.address.addressRegion", "jobLocation.address.addressCountry", "jobLocation.name"),
            employer: get("hiringOrganization.name", "hiringOrganization"), identifier: get("identifier"),
            source: "microdata")
    }
}
