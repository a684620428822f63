import Foundation
import SkillIO

/// What a raw location string names: its places, work-mode flags, a confidence and the evidence for each
/// decision (what `explain --place` prints).
public struct PlaceResolution: Sendable, Hashable {
    public var raw: String
    /// The most specific places named, in order of appearance ("San Francisco, CA, USA" -> San Francisco;
    /// "London or Berlin" -> London, Berlin; "Remote, UK-only" -> United Kingdom).
    public var places: [Place] = []
    /// Every ISO 3166-1 country named or implied, sorted.
    public var countries: [String] = []
    /// Every ISO 3166-2 first-level region named or implied (US cities imply their state), sorted.
    public var admin1: [String] = []
    public var remote = false
    public var hybrid = false
    public var onsite = false
    /// 1 when every word of the string was understood and every name was unambiguous or qualified; lower when
    /// words were left over or a name was resolved only by the size of the place.
    public var confidence: Double = 0
    public var evidence: [String] = []

    public var cities: [Place] { places.filter { $0.level == .city } }
    public var isPlaced: Bool { !places.isEmpty }

    /// The keys this string rolls up to, for regional aggregation: each place, its first-level region and
    /// country, and `remote` for remote or hybrid work.
    public var rollUpKeys: [String] {
        var keys: [String] = []
        for p in places { keys.append(p.key) }
        for a in admin1 { keys.append("admin1:" + a) }
        for c in countries { keys.append("country:" + c) }
        if remote || hybrid { keys.append("remote") }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// One line: `United States > California > San Francisco; remote (confidence 0.95)`.
    public var summary: String {
        var parts = places.map { p -> String in
            switch p.level {
            case .city: return [p.country, p.admin1.isEmpty ? nil : p.admin1, p.name].compactMap { $0 }.joined(separator: " > ")
            case .admin1: return p.country + " > " + p.name
            default: return p.name
            }
        }
        if remote { parts.append("remote") }
        if hybrid { parts.append("hybrid") }
        if onsite { parts.append("on-site") }
        return (parts.isEmpty ? "unplaced" : parts.joined(separator: "; "))
            + " (confidence \(formatFixed(confidence, 2)))"
    }
}

/// Normalises free-text locations ("San Francisco, CA, USA", "NYC | SF | Remote", "London or Berlin",
/// "北京市朝阳区", "Full-time ONSITE") to places of a ``Gazetteer``.
///
/// The string is cut into words (CJK characters one by one); the longest run of words that is a place name
/// becomes a *mention* with every place of that name as a candidate. Groups are the parts between list separators
/// (`|`, `/`, `+`, `;`, `&`, "or", "and", "、"); within a group, commas chain qualifiers ("Cambridge, MA, USA").
/// Each mention takes the candidate with the best score: a prior by level (a country before a region before a
/// city, cities by population), plus a large bonus when another mention of its group contains it or is contained
/// by it (the MA of "Cambridge, MA" picks the US Cambridge and the US state), a small one for other groups.
/// A city beats a region or country of the same name that contains it (New York, Berlin, Singapore). The most
/// specific places are kept; their containers are implied.
public struct PlaceNormalizer: Sendable {
    public let gazetteer: Gazetteer
    /// Changes whenever the rules change, so that a store re-normalises its location strings.
    public static let version = "places-1"

    public init(gazetteer: Gazetteer) { self.gazetteer = gazetteer }

    // MARK: words that are not places

    /// Work-mode words.
    static let remoteWords: Set<String> = ["remote", "remotely", "telecommute", "telecommuting", "telework",
                                           "teleworking", "wfh", "anywhere", "everywhere", "online", "distributed",
                                           "homeoffice", "远程", "遠程", "远端", "在家办公", "居家办公"]
    static let hybridWords: Set<String> = ["hybrid", "hybride", "híbrido", "ibrido", "hybrydowa", "混合", "混合办公"]
    static let hybridQualifiers: Set<String> = ["possible", "ok", "optional", "partial", "partially", "friendly",
                                                "flexible", "allowed", "considered", "negotiable", "available"]
    static let onsiteWords: Set<String> = ["onsite", "on site", "in office", "office based", "in person", "vor ort",
                                           "坐班", "现场"]
    /// Words that go with locations without naming one: they neither lower the confidence nor block a name
    /// standing alone.
    static let filler: Set<String> = [
        "the", "in", "at", "of", "near", "and", "or", "only", "first", "based", "office", "offices", "hq",
        "headquarters", "area", "metro", "region", "greater", "downtown", "city", "centre", "center", "central",
        "full", "time", "part", "fulltime", "parttime", "permanent", "contract", "temporary", "freelance",
        "internship", "job", "jobs", "working", "work", "from", "home", "with", "some", "travel", "travelling",
        "required", "relocation", "visa", "sponsorship", "timezone", "time zone", "hours",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "bei", "nahe", "und",
        "oder", "ou", "et", "y", "o", "within", "across", "multiple", "locations", "location",
        "nationwide", "worldwide", "global", "international", "possible", "ok", "optional", "partial",
        "partially", "friendly", "flexible", "allowed", "距离", "附近", "市中心", "中心", "地区", "全国", "全球",
        "不限", "均可", "或", "和", "及", "区", "新区",
    ]
    static let negations: Set<String> = ["no", "not", "non", "kein", "keine", "nicht", "pas", "sin", "不", "非"]
    static let conjunctions: Set<String> = ["or", "and", "oder", "und", "ou", "et", "y", "o", "或", "和", "及"]
    static let nearWords: Set<String> = ["near", "bei", "nahe", "outside", "附近"]
    /// Two-letter abbreviations that are also English or German function words: taken only as a qualifier,
    /// right after a comma that follows another place ("Indianapolis, IN", "Toronto, ON").
    static let functionWordCodes: Set<String> = ["IN", "ON", "OR", "TO", "AT", "IT", "IS", "BE", "ME", "NO", "SO",
                                                 "AS", "BY", "DO", "AM", "MY", "OH", "OK", "HI", "AN", "DE", "LA",
                                                 "EU", "ES", "UM", "DA", "DIE", "DER", "AND", "ARE", "THE", "FOR"]

    struct Mention {
        var first: Int, last: Int      // token range
        var group: Int
        var candidates: [(place: Int32, kind: NameKind)]
        var abbreviation: Bool
        var afterNear: Bool
        var afterComma: Bool
        var text: String
        var chosen: Int32 = -1
        var reason = ""
    }

    enum Gap { case none, space, comma, list }

    static func classify(_ gap: Substring) -> Gap {
        if gap.isEmpty { return .none }
        var g = Gap.space
        for c in gap {
            switch c {
            case "|", "/", "+", ";", "&", "、", "／", "｜", "；", "\n": return .list
            case ",", "，", "(", ")", "（", "）", "·", "•", ":", "：", "[", "]", "【", "】", "<", ">", "!", "?", "。":
                g = .comma
            case "-", "–", "—":
                // " - " separates; a hyphen inside a name does not.
                if gap.count > 1 { g = .comma }
            default: break
            }
        }
        return g
    }

    /// Gaps a multi-word name may span: spaces, hyphens, apostrophes, periods ("St. Louis", "Louvain-la-Neuve").
    static func nameCanSpan(_ gap: Substring) -> Bool {
        gap.allSatisfy { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." || $0 == "\u{00A0}"
            || $0 == "(" || $0 == ")" }
    }

    /// "U.S.A." -> "USA", "D.C." -> "DC": dotted capitals become the abbreviation they spell.
    static func collapseDottedCapitals(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            var j = i
            var letters = ""
            while j + 1 < chars.count, chars[j].isUppercase, chars[j].isLetter, chars[j + 1] == ".",
                  (j == i ? (i == 0 || !chars[i - 1].isLetter) : true) {
                letters.append(chars[j])
                j += 2
                if j < chars.count, chars[j] == " " { break }
            }
            if letters.count >= 2 {
                out += letters
                i = j
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// Coordinates ("52.52, 13.40"): the nearest city within this many km.
    static let coordinateKm = 30.0

    /// A latitude/longitude pair as the whole string, or nil.
    static func coordinates(_ s: String) -> (Double, Double)? {
        let parts = s.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).filter { !$0.isEmpty }
        guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]),
              abs(lat) <= 90, abs(lon) <= 180, parts.allSatisfy({ $0.contains(".") }) else { return nil }
        return (lat, lon)
    }

    public func normalize(_ raw: String) -> PlaceResolution {
        var r = PlaceResolution(raw: raw)
        if let (lat, lon) = Self.coordinates(raw) {
            let here = Place(key: "", level: .city, code: "", name: "", country: "", admin1: "", population: 0,
                             latitude: lat, longitude: lon)
            // The likeliest city: large and near (a district's own entry, such as Berlin-Mitte, loses to its city).
            var best: (score: Double, d: Double, p: Place)?
            for p in gazetteer.places where p.level == .city {
                let d = here.distance(to: p)
                guard d < Self.coordinateKm else { continue }
                let score = log10(Double(max(p.population, 10))) - d / 10
                if score > (best?.score ?? -.infinity) { best = (score, d, p) }
            }
            guard let (_, d, p) = best else {
                r.evidence.append("coordinates \(lat), \(lon): no city within \(Int(Self.coordinateKm)) km")
                return r
            }
            r.places = [p]
            r.countries = [p.country]
            r.admin1 = p.admin1.isEmpty ? [] : [p.admin1]
            r.confidence = d < 10 ? 1 : 0.8
            r.evidence.append("coordinates \(lat), \(lon) -> \(p.name) (city \(p.code), \(p.country)), \(Int(d.rounded())) km away")
            return r
        }
        let text = Self.collapseDottedCapitals(raw)
        let toks = PlaceText.tokens(Substring(text))
        if toks.isEmpty { return r }
        let noLowercase = !text.contains { $0.isLowercase }

        // Groups and gaps.
        var gaps: [Gap] = []
        var group: [Int] = []
        var g = 0
        for (i, t) in toks.enumerated() {
            var gap = Self.classify(t.gap)
            if i > 0, Self.conjunctions.contains(toks[i - 1].folded) { gap = .list }
            if i > 0 && gap == .list { g += 1 }
            gaps.append(gap)
            group.append(g)
        }

        let places = gazetteer.places

        // Mentions: longest names first, left to right.
        var mentions: [Mention] = []
        var covered = [Bool](repeating: false, count: toks.count)
        var i = 0
        while i < toks.count {
            var found: Mention?
            var n = min(gazetteer.longestName, toks.count - i)
            while n >= 1 && found == nil {
                let last = i + n - 1
                var ok = true
                if n > 1 {
                    for k in (i + 1)...last where !Self.nameCanSpan(toks[k].gap) || (toks[k].cjk != toks[i].cjk) {
                        ok = false
                        break
                    }
                }
                if ok {
                    let form = PlaceText.join(toks[i...last])
                    // A common-word name, and any name of three letters or fewer, only written with a capital.
                    let capital = toks[i].text.first?.isUppercase == true
                    let short = n == 1 && !toks[i].cjk && toks[i].text.count <= 3
                    var cands = (gazetteer.names[form] ?? []).filter { c in
                        (c.kind != .common && !short) || capital
                    }
                    var abbreviation = false
                    if n == 1, !toks[i].cjk, toks[i].text.count >= 2, toks[i].text.allSatisfy({ $0.isUppercase }),
                       let a = gazetteer.abbreviations[String(toks[i].text)] {
                        let code = String(toks[i].text)
                        // Qualifier position: right after a comma that follows a place, or closing the string
                        // after a comma ("Wildau, DE"); or the whole string.
                        let qualifierPosition = (i > 0 && gaps[i] == .comma
                                                 && (mentions.last?.last == i - 1
                                                     || (i == toks.count - 1 && toks[i].gap.contains(","))))
                            || toks.count == 1
                        let blocked = Self.functionWordCodes.contains(code) && !qualifierPosition
                        if !blocked {
                            // In an all-capital string a capital word is not yet an abbreviation: prefer names.
                            if cands.isEmpty || !noLowercase {
                                cands += a.map { ($0, NameKind.abbrev) }
                                abbreviation = cands.allSatisfy { $0.kind == .abbrev }
                            }
                        }
                    }
                    // A word that goes with locations (Time, Centre, Metro) is not a place on its own.
                    if n == 1 && Self.filler.contains(form) { cands.removeAll { $0.kind != .abbrev } }
                    if !cands.isEmpty {
                        let near = i > 0 && Self.nearWords.contains(toks[i - 1].folded)
                        found = Mention(first: i, last: last, group: group[i], candidates: cands,
                                        abbreviation: abbreviation, afterNear: near,
                                        afterComma: i > 0 && gaps[i] == .comma,
                                        text: String(text[toks[i].text.startIndex..<toks[last].text.endIndex]))
                    }
                }
                n -= 1
            }
            if let m = found {
                for k in m.first...m.last { covered[k] = true }
                mentions.append(m)
                i = m.last + 1
            } else {
                i += 1
            }
        }

        // In CJK text a name written directly after a city's name is a district of it (北京市朝阳区, 深圳南山):
        // not a second city.
        var districts: [String] = []
        mentions = mentions.enumerated().filter { (mi, m) in
            guard mi > 0, toks[m.first].cjk, toks[m.first].gap.isEmpty else { return true }
            let prev = mentions[mi - 1]
            guard prev.last == m.first - 1, toks[prev.last].cjk,
                  prev.candidates.contains(where: { places[Int($0.place)].level == .city }),
                  m.candidates.allSatisfy({ places[Int($0.place)].level == .city }) else { return true }
            districts.append("'\(m.text)' follows the city '\(prev.text)' directly: a district, not a city")
            return false
        }.map(\.element)

        // Work modes and leftover words.
        var unknown: [String] = []
        var k = 0
        while k < toks.count {
            let t = toks[k]
            let pair = k + 1 < toks.count ? PlaceText.join(toks[k...(k + 1)]) : ""
            // Words of a work-mode set here: 2 for a two-word form ("on site"), 1 for one word, 0 for none.
            func mode(_ words: Set<String>) -> Int { words.contains(pair) ? 2 : words.contains(t.folded) ? 1 : 0 }
            let remote = mode(Self.remoteWords), hybrid = mode(Self.hybridWords), onsite = mode(Self.onsiteWords)
            if let n = [remote, hybrid, onsite].first(where: { $0 > 0 }) {
                if remote > 0 {
                    let groupWords = toks.indices.filter { group[$0] == group[k] }.map { toks[$0].folded }
                    if k > 0 && Self.negations.contains(toks[k - 1].folded) {
                        r.onsite = true // "No remote", "not remote"
                    } else if groupWords.contains(where: Self.hybridQualifiers.contains) {
                        r.hybrid = true
                    } else {
                        r.remote = true
                    }
                } else if hybrid > 0 {
                    r.hybrid = true
                } else {
                    r.onsite = true
                }
                for j in k..<(k + n) { covered[j] = true }
                k += n - 1
            } else if !covered[k] && !Self.filler.contains(t.folded) && !Self.filler.contains(pair)
                        && t.folded.unicodeScalars.contains(where: { !CharacterSet.decimalDigits.contains($0) }) {
                if t.cjk, let last = unknown.last, k > 0, toks[k - 1].cjk, !covered[k - 1] {
                    unknown[unknown.count - 1] = last + String(t.text)
                } else {
                    unknown.append(String(t.text))
                }
            } else if !covered[k] && Self.filler.contains(pair) {
                k += 1
            }
            k += 1
        }
        if r.remote || r.hybrid || r.onsite {
            r.evidence.append("work mode: " + [r.remote ? "remote" : nil, r.hybrid ? "hybrid" : nil,
                                               r.onsite ? "on-site" : nil].compactMap { $0 }.joined(separator: ", "))
        }

        // A name that is also a common word counts only qualified or standing alone in its group.
        func groupHasOnly(_ m: Mention) -> Bool {
            for (j, t) in toks.enumerated() where group[j] == m.group && (j < m.first || j > m.last) {
                if !covered[j] && !Self.filler.contains(t.folded) { return false }
            }
            return !mentions.contains { $0.group == m.group && $0.first != m.first }
        }

        // Choose a candidate for each mention.
        var ambiguous = 0
        var bonusOf: [Double] = Array(repeating: 0, count: mentions.count)
        for mi in mentions.indices {
            let m = mentions[mi]
            // A mention right after a comma that follows a place qualifies it: a region or country, not a city.
            let qualifier = m.afterComma && mentions.contains { $0.group == m.group && $0.last < m.first }
            var scored: [(score: Double, place: Int32, why: String, bonus: Double, kind: NameKind)] = []
            for c in m.candidates {
                let p = places[Int(c.place)]
                var score = Self.prior(p)
                if qualifier && p.level != .city { score += 5 }
                var why = ""
                // Containment with other mentions' candidates: the best relation counts, once.
                var bonus = 0.0
                for (oj, o) in mentions.enumerated() where oj != mi {
                    let same = o.group == m.group
                    for oc in o.candidates {
                        let q = places[Int(oc.place)]
                        var b = 0.0
                        if p.contains(q) || q.contains(p) {
                            b = same ? 20 : 5
                        } else if same && (Self.mayContain(q, p) || Self.mayContain(p, q)) {
                            b = 10
                        } else if !same && !p.country.isEmpty && p.country == q.country && q.level != .admin1 {
                            b = 1 // lists name places of one country more often than not
                        }
                        if b > bonus {
                            bonus = b
                            why = "with '\(o.text)'"
                        }
                    }
                }
                scored.append((score + bonus, c.place, why, bonus, c.kind))
            }
            // A city inside a region or country of the same name is the city (New York, Berlin, Singapore, 上海):
            // it takes its twin's score and a little more.
            for (ci, c) in scored.enumerated() {
                let p = places[Int(c.place)]
                guard p.level == .city, !qualifier else { continue }
                for t in scored where t.place != c.place {
                    let q = places[Int(t.place)]
                    let twin = (q.level == .admin1 && (q.contains(p) || Self.mayContain(q, p)))
                        || (q.level == .country && q.code == p.country && p.population * 2 >= q.population)
                    if twin && t.score + 0.5 > scored[ci].score {
                        scored[ci].score = t.score + 0.5
                        scored[ci].bonus = max(scored[ci].bonus, t.bonus)
                        if scored[ci].why.isEmpty { scored[ci].why = "the city of that name" }
                    }
                }
            }
            scored.removeAll { $0.kind == .common && $0.bonus < 10 && !groupHasOnly(m) }
            scored.sort { $0.score > $1.score }
            if let b = scored.first {
                mentions[mi].chosen = b.place
                bonusOf[mi] = b.bonus
                let p = places[Int(b.place)]
                var reason = "'\(m.text)' -> \(p.name) (\(p.level.rawValue) \(p.code)"
                    + (p.level == .city ? ", \(p.admin1.isEmpty ? p.country : p.admin1)" : "") + ")"
                if m.candidates.count > 1 {
                    reason += b.why.isEmpty ? ", the likeliest of \(m.candidates.count) places of that name"
                        : ", \(b.why), of \(m.candidates.count) places of that name"
                    // A close runner-up makes the choice uncertain, unless it holds the chosen place (the region
                    // or country of the same name).
                    let rival = scored.dropFirst().first { t in
                        let q = places[Int(t.place)]
                        return !(q.contains(p) || Self.mayContain(q, p) || (q.level == .country && q.code == p.country))
                    }
                    if b.why.isEmpty, let rival, b.score - rival.score < 1.5 { ambiguous += 1 }
                }
                mentions[mi].reason = reason
            }
        }

        // Places after "near" are references when another city is named.
        var chosen: [(m: Mention, p: Place, bonus: Double)] = []
        for (mi, m) in mentions.enumerated() where m.chosen >= 0 {
            let p = places[Int(m.chosen)]
            if m.afterNear, mentions.contains(where: { $0.first != m.first && $0.chosen >= 0
                && places[Int($0.chosen)].level == .city }) {
                r.evidence.append("'\(m.text)' is a reference point (after '\(toks[m.first - 1].text)'), not a place")
                continue
            }
            chosen.append((m, p, bonusOf[mi]))
            r.evidence.append(m.reason)
        }
        r.evidence += districts
        // Within a group, places of one country outvote an unsupported place of another (Vauxhall, London: not
        // the Vauxhall in New Jersey; 广州市-白云区-江南: not Kōnan in Japan); across groups, a one-word Latin name
        // of four letters or fewer from a country no other place is in is a fragment ("Sheung Wan", "ob der").
        func weight(_ c: (m: Mention, p: Place, bonus: Double)) -> Double { Self.prior(c.p) + c.bonus }
        let all = chosen
        chosen = chosen.filter { c in
            guard c.p.level == .city || c.p.level == .admin1, c.bonus < 10 else { return true }
            let others = all.filter { $0.p.key != c.p.key && $0.p.level != .continent }
            if !toks[c.m.first].cjk && c.m.first == c.m.last && c.m.text.count <= 4 && !c.m.abbreviation
                && !others.isEmpty && !others.contains(where: { $0.p.country == c.p.country }) {
                r.evidence.append("'\(c.m.text)' dropped: a fragment (\(c.p.name) is in \(c.p.country), no other place is)")
                return false
            }
            return true
        }
        let kept = chosen
        chosen = chosen.filter { c in
            guard c.p.level == .city || c.p.level == .admin1, c.bonus < 10 else { return true }
            let sameGroup = kept.filter { $0.p.key != c.p.key && $0.p.level != .continent && $0.m.group == c.m.group }
            if !sameGroup.isEmpty && !sameGroup.contains(where: { $0.p.country == c.p.country }) {
                var byCountry: [String: Double] = [:]
                for o in sameGroup { byCountry[o.p.country, default: 0] += weight(o) }
                if let top = byCountry.max(by: { $0.value < $1.value }), top.value > weight(c) {
                    r.evidence.append("'\(c.m.text)' dropped: \(c.p.name) is in \(c.p.country), its group's places in \(top.key)")
                    return false
                }
            }
            return true
        }
        // A city a few km from a larger city the string also names is a district of it (Soho, London).
        chosen = chosen.filter { c in
            guard c.p.level == .city else { return true }
            if let big = chosen.first(where: { $0.p.level == .city && $0.p.key != c.p.key
                && $0.p.population > c.p.population && $0.p.distance(to: c.p) < Self.districtKm }) {
                r.evidence.append("'\(c.m.text)' is \(Int(big.p.distance(to: c.p).rounded())) km from \(big.p.name): a district of it")
                return false
            }
            return true
        }
        var seen = Set<String>()
        let unique = chosen.map(\.p).filter { seen.insert($0.key).inserted }
        r.places = unique.filter { p in !unique.contains { q in p.contains(q) || Self.mayContain(p, q) } }
        var countries = Set<String>(), admin1 = Set<String>()
        for p in unique {
            if !p.country.isEmpty { countries.insert(p.country) }
            if p.level == .admin1 { admin1.insert(p.code) } else if !p.admin1.isEmpty { admin1.insert(p.admin1) }
        }
        r.countries = countries.sorted()
        r.admin1 = admin1.sorted()
        if !unknown.isEmpty { r.evidence.append("not understood: " + unknown.joined(separator: ", ")) }

        // Confidence.
        let words = toks.indices.filter { !Self.filler.contains(toks[$0].folded) }.count
        var c = r.places.isEmpty && !(r.remote || r.hybrid || r.onsite) ? 0.0 : 1.0
        if words > 0 { c *= Double(words - min(unknown.count, words)) / Double(words) }
        c *= pow(0.8, Double(ambiguous))
        r.confidence = (c * 100).rounded() / 100
        return r
    }

    /// How likely a place is meant by its name alone: a country before a region before a continent; a city by the
    /// size of its population (log10).
    static func prior(_ p: Place) -> Double {
        switch p.level {
        case .country: 8
        case .admin1: 5.5
        case .continent: 4
        case .city: log10(Double(max(p.population, 10)))
        }
    }

    /// How far (km) a named city may lie from a larger named city and still be a district of it.
    static let districtKm = 12.0

    /// A region whose cities are not linked to it in the gazetteer (ISO 3166-2 outside the US) may contain any
    /// city of its country.
    static func mayContain(_ outer: Place, _ inner: Place) -> Bool {
        outer.level == .admin1 && inner.level == .city && inner.admin1.isEmpty && inner.country == outer.country
    }
}
