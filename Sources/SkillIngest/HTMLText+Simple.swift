import CLibXML2

/// A fast path for the visible text of simple HTML fragments (feed descriptions such as
/// `<p>…</p><ul><li>…</li></ul>`), equal to what libxml2's HTML parser and ``HTMLText/fragmentText(of:)``
/// give, without building a document.
///
/// Only a small, unambiguous subset is accepted; anything else returns nil and the caller uses libxml2:
/// tags `p ul ol li br` (blocks) and `b i em strong code` (inline), lower-case, without attributes,
/// explicitly closed and properly nested (`li` only in lists, lists and `p` only at the top or in `li`,
/// inline elements holding only text, inline elements and `br`); references `&amp; &lt; &gt; &quot;
/// &nbsp; &#39;`; no control characters other than tab and line feed (libxml2 drops some and turns CR
/// into LF), no U+FFFE/U+FFFF; non-white text directly inside a list and white-space-only text between two
/// inline pieces (where libxml2 may drop blank nodes) are refused too. O(n), one pass.
extension HTMLText {
    /// The text of a fragment through libxml2 (the reference the fast path must equal); nil when unparsable.
    static func libxml2FragmentText(_ s: String) -> String? {
        guard case .success(let doc) = parse(Array(("<body>" + s + "</body>").utf8), encoding: "UTF-8") else {
            return nil
        }
        defer { xmlFreeDoc(doc) }
        return fragmentText(of: doc)
    }

    static func simpleFragmentText(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { simpleFragmentText($0) }
    }

    private enum Tag: UInt8 {
        case p, ul, ol, li, br, b, i, em, strong, code
        var isBlock: Bool { rawValue <= Tag.br.rawValue }
        static func named(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Tag? {
            let n = to - from
            func eq(_ w: StaticString) -> Bool {
                guard w.utf8CodeUnitCount == n else { return false }
                for k in 0..<n where b[from + k] != w.utf8Start[k] { return false }
                return true
            }
            switch n {
            case 1: return b[from] == UInt8(ascii: "p") ? .p : b[from] == UInt8(ascii: "b") ? .b
                : b[from] == UInt8(ascii: "i") ? .i : nil
            case 2: return eq("ul") ? .ul : eq("ol") ? .ol : eq("li") ? .li : eq("br") ? .br : eq("em") ? .em : nil
            case 4: return eq("code") ? .code : nil
            case 6: return eq("strong") ? .strong : nil
            default: return nil
            }
        }
    }

    static func simpleFragmentText(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 16)
        var stack: [Tag] = []
        let n = b.count
        var i = 0
        // What the last piece was: 0 start/block boundary, 1 inline (text or inline tag).
        var lastInline = false
        // A white-space-only text run waiting to see what follows it.
        var pendingBlankAfterInline = false
        /// Whether `t` may open inside the current element.
        func allowed(_ t: Tag) -> Bool {
            let parent = stack.last
            switch t {
            case .li: return parent == .ul || parent == .ol
            case .p, .ul, .ol: return parent == nil || parent == .li
            case .br: return parent != .ul && parent != .ol
            case .b, .i, .em, .strong, .code: return parent != .ul && parent != .ol
            }
        }
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                var j = i + 1
                let closing = j < n && b[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let nameStart = j
                while j < n, b[j] >= UInt8(ascii: "a"), b[j] <= UInt8(ascii: "z") { j += 1 }
                guard let tag = Tag.named(b, nameStart, j) else { return nil }
                var selfClosing = false
                if !closing, tag == .br, j < n, b[j] == UInt8(ascii: "/") { selfClosing = true; j += 1 }
                guard j < n, b[j] == UInt8(ascii: ">") else { return nil }
                _ = selfClosing
                i = j + 1
                if pendingBlankAfterInline {
                    // Blank text between an inline piece and this tag: refuse unless a block follows.
                    if !tag.isBlock { return nil }
                    pendingBlankAfterInline = false
                }
                if closing {
                    guard tag != .br, stack.last == tag else { return nil }
                    stack.removeLast()
                    if tag.isBlock { out.append(0x0A); lastInline = false } else { lastInline = true }
                } else if tag == .br {
                    guard allowed(.br) else { return nil }
                    out.append(0x0A)
                    out.append(0x0A)
                    lastInline = false
                } else {
                    guard allowed(tag) else { return nil }
                    stack.append(tag)
                    if tag.isBlock { out.append(0x0A); lastInline = false } else { lastInline = true }
                }
                continue
            }
            // A text run up to the next tag.
            var blank = true
            let runStart = out.count
            while i < n, b[i] != UInt8(ascii: "<") {
                let d = b[i]
                if d == UInt8(ascii: "&") {
                    var j = i + 1
                    while j < n, j - i < 8, b[j] != UInt8(ascii: ";") { j += 1 }
                    guard j < n, b[j] == UInt8(ascii: ";") else { return nil }
                    let name = UnsafeBufferPointer(rebasing: b[(i + 1)..<j])
                    switch String(decoding: name, as: UTF8.self) {
                    case "amp": out.append(UInt8(ascii: "&"))
                    case "lt": out.append(UInt8(ascii: "<"))
                    case "gt": out.append(UInt8(ascii: ">"))
                    case "quot": out.append(UInt8(ascii: "\""))
                    case "#39": out.append(UInt8(ascii: "'"))
                    case "nbsp": out.append(0xC2); out.append(0xA0)
                    default: return nil
                    }
                    blank = false
                    i = j + 1
                    continue
                }
                if d < 0x20 && d != 0x09 && d != 0x0A { return nil }
                if d == 0xEF, i + 2 < n, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return nil }
                if !(d == 0x20 || d == 0x09 || d == 0x0A) { blank = false }
                out.append(d)
                i += 1
            }
            if out.count == runStart { continue }
            if let parent = stack.last, parent == .ul || parent == .ol, !blank { return nil }
            if blank {
                // Blank between two inline pieces: libxml2 may drop it; decide when the next piece is seen.
                if lastInline { pendingBlankAfterInline = true }
            } else {
                if pendingBlankAfterInline { pendingBlankAfterInline = false }
                lastInline = true
            }
        }
        guard stack.isEmpty else { return nil }
        return collapse(out, keepLines: true)
    }
}
