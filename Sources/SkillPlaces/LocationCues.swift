import Foundation

/// Where a posting without a location field says where it is: a location cue in its opening lines
/// ("Location: Amsterdam, the Netherlands", "工作地点：上海长宁", "Standort: Berlin"), a leading bracketed place
/// ("【北京】…", "[Remote] …"), or a segment of a `|`-separated header ("Acme | Backend Engineer | Berlin | REMOTE").
public struct LocatedPlace: Sendable, Hashable {
    /// The location text found; stored as the posting's region.
    public var raw: String
    public var resolution: PlaceResolution
    /// Where it was found: `cue 'Location:' in line 3`, `header segment 3`, `bracket`.
    public var evidence: String
}

extension PlaceNormalizer {
    /// Location cues: a label followed by `:` or `：`, case-insensitive, at the start of a line (after bullets,
    /// markdown marks or emoji) or after a separator.
    static let cueWords: [String] = [
        "location", "locations", "job location", "work location", "office location", "standort", "arbeitsort",
        "einsatzort", "dienstort", "lieu", "localisation", "lieu de travail", "ubicación", "ubicacion",
        "localización", "sede", "luogo di lavoro", "lokalizacja", "miejsce pracy", "locatie", "standplaats",
        "地点", "工作地点", "办公地点", "工作城市", "城市", "base", "base地", "所在地", "工作地址", "工作地", "期望工作地",
        "期望城市", "工作base",
    ]

    /// How many opening lines are searched for a cue.
    static let cueLines = 40
    /// The longest line (bytes) read as a header.
    static let headerBytes = 240

    /// The place a posting's title or opening text names, or nil. A cue's text runs to the end of its line or
    /// sentence; it counts when it names a place or a work mode.
    public func locate(title: String, text: String) -> LocatedPlace? {
        var lines: [Substring] = []
        if !title.isEmpty { lines.append(Substring(title)) }
        // Lines found on the bytes (no grapheme breaking over long texts).
        let u = text.utf8
        var start = u.startIndex
        var n = 0
        while start < u.endIndex && n < Self.cueLines {
            var end = start
            while end < u.endIndex, u[end] != 0x0A, u[end] != 0x0D { end = u.index(after: end) }
            if end > start, let lo = String.Index(start, within: text), let hi = String.Index(end, within: text) {
                let t = text[lo..<hi].drop { $0 == " " || $0 == "\t" }
                if !t.isEmpty {
                    lines.append(t)
                    n += 1
                }
            }
            start = end < u.endIndex ? u.index(after: end) : end
        }
        // 1. Cues.
        for (i, line) in lines.enumerated() {
            if let found = cue(in: line) {
                let r = normalize(found.value)
                if (r.isPlaced || r.remote || r.hybrid) && r.confidence >= 0.5 {
                    return LocatedPlace(raw: found.value, resolution: r,
                                        evidence: "cue '\(found.cue)' in line \(i + (title.isEmpty ? 1 : 0))")
                }
            }
        }
        // Headers are short: the bracket and segment rules look only at a title or first line of a few words.
        let headers = lines.prefix(2).filter { $0.utf8.count <= Self.headerBytes }
        // 2. A bracketed place at the start of the title or first line: 【北京】, [Remote].
        for line in headers {
            let t = line.drop { $0 == " " || $0 == "#" || $0 == "*" }
            guard let open = t.first, "【[(（<《".contains(open) else { continue }
            let close: Character = ["【": "】", "[": "]", "(": ")", "（": "）", "<": ">", "《": "》"][open] ?? "]"
            guard let end = t.firstIndex(of: close) else { continue }
            let inner = String(t[t.index(after: t.startIndex)..<end])
            let r = normalize(inner)
            if (r.isPlaced || r.remote) && r.confidence >= 0.5 {
                return LocatedPlace(raw: inner, resolution: r, evidence: "bracketed at the start")
            }
        }
        // 3. Segments of a `|`-separated header that are wholly places or work modes.
        for line in headers {
            // `|` always separates; `-` only in a header written in CJK (蚂蚁金服-消费信贷-重庆), where it cannot
            // be part of an English title ("Senior Developer - Java").
            let cjk = line.unicodeScalars.filter(PlaceText.isCJK).count * 2 > line.count
            guard line.contains("|") || line.contains("｜") || (cjk && line.contains("-")) else { continue }
            let segments = line.split(whereSeparator: { $0 == "|" || $0 == "｜" || (cjk && $0 == "-") })
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " #*>")) }
            var placed: [String] = []
            for (i, s) in segments.enumerated().dropFirst() where !s.isEmpty {
                let r = normalize(s)
                // A region named alone by one word is more often a word (Java, Georgia) than a place; a compound
                // name from the third field on ("Acme | Engineer | Baden-Württemberg") is the place.
                let compound = s.contains("-") || s.split(separator: " ").count > 1
                let regionsOnly = r.isPlaced && r.places.allSatisfy { $0.level == .admin1 } && (i < 2 || !compound)
                if (r.isPlaced || r.remote || r.hybrid || r.onsite) && r.confidence >= 0.99 && !regionsOnly {
                    placed.append(s)
                }
            }
            if !placed.isEmpty {
                let raw = placed.joined(separator: " | ")
                return LocatedPlace(raw: raw, resolution: normalize(raw), evidence: "header segments")
            }
        }
        return nil
    }

    /// The text after a location cue in `line`, up to the end of its sentence. Cheap on lines without one: only
    /// the few characters before each colon are looked at.
    func cue(in line: Substring) -> (cue: String, value: String)? {
        // ":" or the full-width "：" (EF BC 9A), on the bytes.
        var colon = false
        var prev2: UInt8 = 0, prev1: UInt8 = 0
        for b in line.utf8 {
            if b == 58 || (prev2 == 0xEF && prev1 == 0xBC && b == 0x9A) { colon = true; break }
            prev2 = prev1
            prev1 = b
        }
        guard colon else { return nil }
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            defer { i = line.index(after: i) }
            guard c == ":" || c == "：" else { continue }
            // The label before the colon: back over spaces and markdown marks, then over letters, spaces and
            // CJK characters, at most 24 characters, stopping at punctuation or a bullet.
            var j = i
            while j > line.startIndex, " *_".contains(line[line.index(before: j)]) { j = line.index(before: j) }
            let labelEnd = j
            var n = 0
            while j > line.startIndex, n < 24 {
                let p = line[line.index(before: j)]
                guard p.isLetter || p == " " else { break }
                j = line.index(before: j)
                n += 1
            }
            let label = line[j..<labelEnd].drop { $0 == " " }.lowercased()
            guard let word = Self.cueWords.first(where: { w in
                label == w || (label.hasSuffix(w) && {
                    let before = label.dropLast(w.count).last
                    return before == " " || (w.unicodeScalars.first.map(PlaceText.isCJK) ?? false)
                }())
            }) else { continue }
            var value = line[line.index(after: i)...].drop { $0 == " " || $0 == "*" || $0 == "_" }
            if let stop = value.firstIndex(where: { "。；;!！?？\n".contains($0) }) { value = value[..<stop] }
            // A sentence: cut at ". " (not inside "St. Louis" or "D.C.").
            if let dot = value.range(of: ". ") {
                let before = value[..<dot.lowerBound]
                if let lastWord = before.split(separator: " ").last, lastWord.count > 3 { value = before }
            }
            let v = String(value.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: " *_，,。"))
            if !v.isEmpty { return (word, v) }
        }
        return nil
    }
}
