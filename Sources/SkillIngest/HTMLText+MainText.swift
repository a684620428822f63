import CLibXML2
import Foundation

/// Whether an HTML page without a schema.org JobPosting is a posting at all.
///
/// The rule is structural, not a length threshold: a page has **main text** when its content (the first
/// `<main>` or `<article>`, else the whole page) has at least one visible character (not white space, not a
/// control or format character such as U+200B) outside
/// - what is never visible text or belongs to the site rather than the page (``HTMLText/skipped``:
///   `<head>`, scripts, styles, `<nav>`, `<footer>`, `<aside>`, forms, buttons, …),
/// - page headers (`<header>`: site name, logo, banner) and `<h1>` headings (the page's title).
///
/// So a page that is only a title, a banner, menus and a footer, or whose body is empty or white space, has
/// none, and one word (even one symbol) of body text is enough. A word count cannot tell boilerplate from content (the
/// shortest real advert among the shared pythonjobs pages has 43 words, a one-line test page has one, a
/// footer can have twenty); where the text sits can.
extension HTMLText {
    /// The quarantine reason of a page without a JobPosting and without main text.
    static let noPostingReason = "no JobPosting and no main text"

    /// Elements whose text is not main text: ``skipped`` plus page headers and `<h1>` headings.
    static let notMainText: Set<String> = skipped.union(["header", "h1"])

    /// Whether the page has main text (see above). Stops at the first text node with a visible character, so
    /// on a real page it looks at a few nodes; O(nodes) on a page without main text.
    static func hasMainText(_ page: Page) -> Bool {
        let names = page.names
        var stack: [(xmlNodePtr, Bool)] = [(page.content, false)]
        while let (node, _) = stack.popLast() {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                var bytes: [UInt8] = []
                appendContent(node, to: &bytes)
                if containsVisibleCharacter(bytes) { return true }
            case XML_ELEMENT_NODE:
                if !notMainText.contains(names[node]) { pushChildren(of: node, onto: &stack) }
            default:
                break
            }
        }
        return false
    }

    /// ``hasMainText(_:)`` of a parsed document (false without a root element).
    static func hasMainText(_ doc: htmlDocPtr) -> Bool { Page(doc).map(hasMainText) ?? false }

    /// Whether UTF-8 text has a character other than white space (U+00A0 included), control and format
    /// characters. ASCII bytes are checked directly; text with other bytes is decoded.
    static func containsVisibleCharacter(_ bytes: [UInt8]) -> Bool {
        var ascii = true
        for b in bytes {
            if b >= 0x80 {
                ascii = false
            } else if b > 0x20 && b != 0x7F {
                return true
            }
        }
        guard !ascii else { return false }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.contains {
            let p = $0.properties
            return !p.isWhitespace && p.generalCategory != .control && p.generalCategory != .format
        }
    }
}
