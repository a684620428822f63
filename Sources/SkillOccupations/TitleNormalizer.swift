import SkillTokenizer

/// A job title taken apart: normalized word tokens of its head, of all of it, and what was removed.
public struct TitleAnalysis: Sendable, Hashable {
    /// Normalized word tokens of the raw title (punctuation dropped, nothing else): an exact match on these
    /// is `exactTitle`.
    public var raw: [String]
    /// The head segment (before ` - `, `|`, `,`, ` in <place>`...), without parenthesized text, gender
    /// markers, seniority words, employment terms and numbers.
    public var main: [String]
    /// Every segment (including what a place rule cut off) and parenthesized text, cleaned like `main`.
    public var full: [String]
    /// Each parenthesized group, cleaned (`CEO (Chief Executive Officer)` -> `chief executive officer`).
    public var parentheticals: [[String]]
    /// What was removed and why, in order (`senior: seniority`, `(m/w/d): gender marker`), for `explain`.
    public var removed: [String]
    /// When a place rule cut a tail off the head segment: the head with its place word and tail, cleaned
    /// (`import export specialist in household good`); otherwise empty.
    public var withPlace: [String] = []
    /// The words of that tail (`household good`), which may name a specialism rather than a place.
    public var place: [String] = []
    /// When `lead`, `principal`, `staff` or `head` was removed from the head segment: the head with it kept
    /// (`head waiter`, a job of its own); otherwise empty.
    public var withRank: [String] = []
}

/// Normalizes job titles: gender markers, seniority, employment terms, places and numbers are removed;
/// tokens are normalized by the project ``Tokenizer`` (NFKC, case folding, diacritic folding).
///
/// The word lists are language data, kept apart from the algorithm in ``TitleWords``. O(title length).
public struct TitleNormalizer: Sendable {
    public let tokenizer: Tokenizer

    public init(tokenizer: Tokenizer = Tokenizer()) {
        self.tokenizer = tokenizer
    }

    struct Item {
        var text: String      // normalized
        var isWord: Bool
        var start: Int
        var end: Int
    }

    func items(_ title: String) -> [Item] {
        var none: [String: String]? = nil
        return items(title, cache: &none)
    }

    /// `cache` (raw non-ASCII token -> normalized form) saves the Unicode folding of repeated tokens when
    /// many labels are normalized.
    func items(_ title: String, cache: inout [String: String]?) -> [Item] {
        var copy = title
        return copy.withUTF8 { buf -> [Item] in
            var tokens: [Token] = []
            tokenizer.tokenize(buf, into: &tokens)
            var out: [UInt8] = []
            return tokens.map { t in
                let ascii = buf[t.start..<t.end].allSatisfy { $0 < 0x80 }
                if ascii || cache == nil {
                    tokenizer.normalize(t, in: buf, into: &out)
                } else {
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: buf[t.start..<t.end]), as: UTF8.self)
                    if let hit = cache?[raw] {
                        out = Array(hit.utf8)
                    } else {
                        tokenizer.normalize(t, in: buf, into: &out)
                        cache?[raw] = String(decoding: out, as: UTF8.self)
                    }
                }
                let isWord = t.rule != .punct
                if isWord { Self.singular(&out) }
                return Item(text: String(decoding: out, as: UTF8.self), isWord: isWord, start: t.start, end: t.end)
            }
        }
    }

    /// Folds an English-style plural on an ASCII letter word of 4+ letters, in place: `-ies` -> `-y`,
    /// `-sses/-ches/-shes/-xes` -> drop `es`, `-s` -> drop (not `-ss`, `-us`, `-is`). Titles and labels get
    /// the same folding, so `Cashier` equals O*NET's `Cashiers` and `developpeurs` equals `developpeur`.
    static func singular(_ w: inout [UInt8]) {
        let n = w.count
        guard n >= 4, w[n - 1] == UInt8(ascii: "s"), w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return }
        func ends(_ s: String) -> Bool { let b = Array(s.utf8); return n > b.count && Array(w[(n - b.count)...]) == b }
        if n > 4, ends("ies") { w.removeLast(3); w.append(UInt8(ascii: "y")); return }
        if ends("sses") || ends("ches") || ends("shes") || ends("xes") { w.removeLast(2); return }
        if ends("ss") || ends("us") || ends("is") { return }
        w.removeLast()
    }

    /// Normalized word tokens of a label or text (punctuation dropped), used for labels and exact keys.
    public func words(_ text: String) -> [String] {
        items(text).filter(\.isWord).map(\.text)
    }

    /// ``words(_:)`` with a cache of normalized non-ASCII tokens (for normalizing many labels).
    public func words(_ text: String, cache: inout [String: String]?) -> [String] {
        items(text, cache: &cache).filter(\.isWord).map(\.text)
    }

    /// Analyzes one title. O(title length).
    public func analyze(_ title: String) -> TitleAnalysis {
        var items = self.items(title)
        let raw = items.filter(\.isWord).map(\.text)
        var removed: [String] = []
        removeGenderMarkers(&items, &removed)

        // Cut into segments at separators; parenthesized text goes to its own groups.
        var segments: [[Item]] = [[]]
        var placeTail: [Bool] = [false]
        var placeWord: String? = nil // cut the head segment
        var parens: [[Item]] = []
        var depth = 0
        for (i, it) in items.enumerated() {
            if !it.isWord {
                if TitleWords.open.contains(it.text) {
                    depth += 1
                    if depth == 1 { parens.append([]) }
                    continue
                }
                if TitleWords.close.contains(it.text) {
                    depth = max(0, depth - 1)
                    continue
                }
                if depth == 0 && isSeparator(it, at: i, in: items) {
                    segments.append([])
                    placeTail.append(false)
                }
                continue
            }
            if depth > 0 {
                parens[parens.count - 1].append(it)
                continue
            }
            // ` in <Place>` / ` at <Place>` / ` bei <Firma>` at the end of a segment: a place or employer.
            if TitleWords.placeWords.contains(it.text), !(segments.last ?? []).isEmpty,
               (1...3).contains(wordsUntilSeparator(after: i, in: items)) {
                removed.append("\(it.text) …: place")
                if segments.count == 1 { placeWord = it.text }
                segments.append([])
                placeTail.append(true)
                continue
            }
            segments[segments.count - 1].append(it)
        }
        var cleanSegments: [[String]] = []
        var tails: [String] = []
        for (k, s) in segments.enumerated() {
            if placeTail[k] {
                if !s.isEmpty { removed.append(s.map(\.text).joined(separator: " ") + ": place") }
                tails += clean(s.map(\.text), &removed)
                continue
            }
            let c = clean(s.map(\.text), &removed)
            if !c.isEmpty { cleanSegments.append(c) }
        }
        let cleanParens = parens.map { clean($0.map(\.text), &removed) }.filter { !$0.isEmpty }
        var main = cleanSegments.first ?? []
        if main.isEmpty {
            // Only dropped words (`Intern`, `Senior (m/w/d)`): keep the words rather than nothing.
            main = cleanParens.first ?? segments.first(where: { !$0.isEmpty })?.map(\.text) ?? raw
        }
        // `full` keeps place tails: `Lecturer in Higher Education` is not a place.
        let full = cleanSegments.flatMap { $0 } + tails + cleanParens.flatMap { $0 }
        var a = TitleAnalysis(raw: raw, main: main, full: full.isEmpty ? main : full, parentheticals: cleanParens,
                              removed: removed)
        if let placeWord, segments.count > 1, placeTail[1], !main.isEmpty, main == cleanSegments.first {
            var ignored: [String] = []
            let tail = clean(segments[1].map(\.text), &ignored)
            if !tail.isEmpty {
                a.place = tail
                a.withPlace = main + [placeWord] + tail
            }
        }
        if !main.isEmpty, main == cleanSegments.first, let first = segments.first {
            var ignored: [String] = []
            let ranked = clean(first.map(\.text), &ignored, keepRank: true)
            if ranked != main { a.withRank = ranked }
        }
        return a
    }

    /// A punctuation token that separates title segments: ` - `, `–`, `|`, `,`, `;`, `@`, `•`, a spaced `/` or `:`.
    func isSeparator(_ it: Item, at i: Int, in items: [Item]) -> Bool {
        if TitleWords.separators.contains(it.text) { return true }
        if it.text == "/" || it.text == ":" {
            let spacedBefore = i == 0 || items[i - 1].end < it.start
            let spacedAfter = i + 1 >= items.count || items[i + 1].start > it.end
            return spacedBefore && spacedAfter
        }
        return false
    }

    func wordsUntilSeparator(after i: Int, in items: [Item]) -> Int {
        var n = 0
        var k = i + 1
        while k < items.count {
            if !items[k].isWord, TitleWords.separators.contains(items[k].text) || TitleWords.open.contains(items[k].text) {
                break
            }
            if items[k].isWord { n += 1 }
            k += 1
        }
        return n
    }

    /// Drops seniority words, employment terms, numbers and ids from one segment's words.
    func clean(_ words: [String], _ removed: inout [String], keepRank: Bool = false) -> [String] {
        var out: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if i + 1 < words.count, TitleWords.employmentPhrases.contains(w + " " + words[i + 1]) {
                removed.append(w + " " + words[i + 1] + ": employment term")
                i += 2
                continue
            }
            let last = i == words.count - 1
            if TitleWords.seniority.contains(w) || (!keepRank && !last && TitleWords.seniorityUnlessLast.contains(w))
                || (last && out.count > 0 && TitleWords.levelNumerals.contains(w)) {
                removed.append(w + ": seniority")
            } else if TitleWords.employment.contains(w) {
                removed.append(w + ": employment term")
            } else if isNumberOrID(w) {
                removed.append(w + ": number")
            } else {
                out.append(w)
            }
            i += 1
        }
        return out
    }

    /// All digits (with `.`/`,`), or an id-like token with 4 or more digits (`req12345`).
    func isNumberOrID(_ w: String) -> Bool {
        var digits = 0, other = 0
        for u in w.unicodeScalars {
            if u.properties.numericType != nil { digits += 1 } else if u != "." && u != "," { other += 1 }
        }
        return digits > 0 && (other == 0 || digits >= 4)
    }

    /// Removes `(m/w/d)`, `m/f/d`, `(H/F)`, `(all genders)`, and suffix markers `/in`, `*in`, `:in`, `(in)`,
    /// `/-in`, `/e`, `(e)`, `/a` attached to a word.
    func removeGenderMarkers(_ items: inout [Item], _ removed: inout [String]) {
        // Suffix markers attached to the preceding word.
        var i = 0
        var out: [Item] = []
        while i < items.count {
            let it = items[i]
            if it.isWord, let n = suffixMarkerLength(items, after: i) {
                out.append(it)
                removed.append(items[(i + 1)...(i + n)].map(\.text).joined() + ": gender marker")
                i += n + 1
                continue
            }
            if let n = groupMarkerLength(items, at: i) {
                removed.append(items[i..<(i + n)].map(\.text).joined() + ": gender marker")
                i += n
                continue
            }
            out.append(it)
            i += 1
        }
        items = out
    }

    /// Length of a suffix marker right after word `i` (no space between), or nil.
    func suffixMarkerLength(_ items: [Item], after i: Int) -> Int? {
        var k = i + 1
        guard k < items.count, !items[k].isWord, items[k].start == items[i].end else { return nil }
        let mark = items[k].text
        if mark == "(" {
            guard k + 2 < items.count, items[k + 1].isWord, TitleWords.genderSuffixes.contains(items[k + 1].text),
                  items[k + 2].text == ")", items[k + 1].start == items[k].end else { return nil }
            return 3
        }
        guard TitleWords.suffixMarks.contains(mark) else { return nil }
        k += 1
        if k < items.count, items[k].text == "-", items[k].start == items[k - 1].end { k += 1 }
        guard k < items.count, items[k].isWord, items[k].start == items[k - 1].end,
              TitleWords.genderSuffixes.contains(items[k].text) else { return nil }
        // `x/in` followed directly by more word characters is not a marker.
        return k - i
    }

    /// Length of a gender-marker group (`(m/w/d)`, `m/f/d`, `(all genders)`) starting at `i`, or nil.
    func groupMarkerLength(_ items: [Item], at i: Int) -> Int? {
        var k = i
        let paren = items[k].text == "(" || items[k].text == "["
        if paren { k += 1 }
        let start = k
        var letters = 0, seps = 0
        while k < items.count {
            let t = items[k]
            if t.isWord, TitleWords.genderLetters.contains(t.text) {
                letters += 1
            } else if !t.isWord, TitleWords.genderSeparators.contains(t.text) {
                seps += 1
            } else {
                break
            }
            k += 1
        }
        var phrase = false
        if paren, k == start, k + 1 < items.count, TitleWords.genderPhrases.contains(items[k].text + " " + items[k + 1].text) {
            k += 2
            phrase = true
        } else if paren, k == start, k < items.count, TitleWords.genderWords.contains(items[k].text) {
            k += 1
            phrase = true
        }
        guard phrase || (letters >= 2 && seps >= 1) else { return nil }
        if paren {
            guard k < items.count, items[k].text == ")" || items[k].text == "]" else { return nil }
            k += 1
        }
        return k - i
    }
}

/// Splits a label that joins gendered forms with `/` (`Softwareentwickler/Softwareentwicklerin`,
/// `actor/actress`, `مطور برمجيات / مطورة برمجيات`) into its forms. A label is split only when every part has
/// two or more words or all parts share their first three characters, so `CAD/CAM programmer` stays whole.
public func genderedForms(_ label: String) -> [String] {
    let parts = label.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return [label] }
    let multiWord = parts.allSatisfy { $0.split(separator: " ").count >= 2 }
    let first = parts[0].lowercased().prefix(3)
    let sharedStem = parts.allSatisfy { $0.count >= 3 && $0.lowercased().prefix(3) == first }
    return multiWord || sharedStem ? parts : [label]
}

/// Language data for title normalization (normalized forms: lower case, no diacritics).
enum TitleWords {
    static let open: Set<String> = ["(", "[", "{", "（", "【"]
    static let close: Set<String> = [")", "]", "}", "）", "】"]
    static let separators: Set<String> = ["-", "–", "—", "|", ",", ";", "@", "•", "·", "｜", "，"]
    static let placeWords: Set<String> = ["in", "at", "bei"]
    static let suffixMarks: Set<String> = ["/", "*", ":", "_", "·", "•"]
    static let genderSuffixes: Set<String> = [
        "in", "innen", "e", "es", "se", "euse", "rice", "trice", "ne", "a", "as", "ka", "ki", "x",
    ]
    static let genderLetters: Set<String> = ["m", "w", "d", "f", "h", "x", "i", "a", "n", "div", "divers", "k", "v"]
    static let genderSeparators: Set<String> = ["/", "|", ",", "*", "-", "_"]
    static let genderWords: Set<String> = ["gn", "mwd", "mfd", "wmd", "hf", "fh", "fmd", "mfx", "divers"]
    static let genderPhrases: Set<String> = ["all genders", "alle geschlechter", "all gender", "gn *"]
    /// Always removed.
    static let seniority: Set<String> = [
        "senior", "junior", "sr", "jr", "intern", "internship", "trainee", "werkstudent", "werkstudentin",
        "praktikant", "praktikantin", "praktikum", "azubi", "auszubildender", "auszubildende", "stagiaire",
        "stage", "alternant", "alternance", "becario", "becaria", "practicante", "practicas", "stazysta",
        "stazystka", "praktykant", "praktykantka", "starszy", "mlodszy", "starsza", "mlodsza", "entry", "mid",
        "level", "experienced", "erfahrener", "erfahrene", "confirme", "confirmee", "expert",
    ]
    /// Removed unless the last word of the segment (`Lead Developer` -> `developer`, `Team Lead` stays).
    static let seniorityUnlessLast: Set<String> = ["lead", "principal", "staff", "head"]
    static let levelNumerals: Set<String> = ["i", "ii", "iii", "iv"]
    static let employment: Set<String> = [
        "remote", "hybrid", "fulltime", "parttime", "contract", "temporary", "temp", "permanent", "freelance",
        "teilzeit", "vollzeit", "befristet", "unbefristet", "festanstellung", "homeoffice", "minijob",
        "cdi", "cdd", "interim", "teletravail", "remoto", "remota", "zdalnie", "zdalna", "hybrydowo", "onsite",
        "wfh", "urgent", "dringend", "asap",
    ]
    static let employmentPhrases: Set<String> = [
        "full time", "part time", "home office", "on site", "temps plein", "temps partiel", "tiempo completo",
        "medio tiempo", "media jornada", "ab sofort", "mobile arbeit", "pelny etat",
    ]
}
