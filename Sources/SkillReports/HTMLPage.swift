import Foundation

/// The page frame and tables shared by the static report (``HTMLReport``) and the service's pages: one style
/// sheet, one escaper, one way to draw a query-layer table, so that a page and the report look and read alike.
public enum HTMLPage {
    /// Extra rules for the service's pages: navigation, search box, marked matches; navigation and forms are
    /// left out when printing.
    static let pageCSS = """
    nav.site { background: #0b3d62; }
    nav.site ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; max-width: 62rem;
      margin: 0 auto; padding: 0.6rem 1.25rem; }
    nav.site a { color: #fff; text-decoration: none; font-weight: 600; }
    nav.site a:hover, nav.site a:focus { text-decoration: underline; }
    a.skip { position: absolute; left: -999px; }
    a.skip:focus { left: 0.5rem; top: 0.5rem; background: #fff; color: #0b3d62; padding: 0.3rem; z-index: 2; }
    form.search { margin: 1rem 0; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
    form.search input { font-size: 1rem; padding: 0.35rem 0.5rem; min-width: 18rem; border: 1px solid #666; }
    form.search button { font-size: 1rem; padding: 0.35rem 0.9rem; background: #0b3d62; color: #fff; border: 0; }
    a { color: #0b5394; }
    mark { background: #ffe08a; color: #222; padding: 0 0.1em; }
    pre.posting { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: 0.75rem;
      font-family: inherit; }
    ul.suggestions { list-style: none; padding: 0; margin: 0; }
    @media print { nav.site, form.search, a.skip { display: none; } a { color: #222; text-decoration: none; } }
    """

    /// A whole page: `<head>` with the shared style sheet, a skip link, the navigation, `body` in `<main>`.
    public static func document(title: String, nav: [(href: String, label: String)], body: String,
                                script: String? = nil) -> String {
        let links = nav.map { "<li><a href=\"\(escape($0.href))\">\(escape($0.label))</a></li>" }.joined()
        return "<!DOCTYPE html>\n<html lang=\"en\">\n" + head(title: title, extraCSS: pageCSS)
            + "\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
            + "<nav class=\"site\" aria-label=\"Site\"><ul>\(links)</ul></nav>\n"
            + "<main id=\"main\">\n\(body)\n</main>\n"
            + "<footer>skillradar: skill demand from job postings, gaps against training programmes.</footer>\n"
            + (script.map { "<script>\n\($0)\n</script>\n" } ?? "") + "</body>\n</html>\n"
    }

    /// `<head>` with the report's style sheet (plus `extraCSS`).
    public static func head(title: String, extraCSS: String = "") -> String {
        "<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(escape(title))</title>\n<style>\n\(HTMLStyle.css)\n\(extraCSS)\n</style>\n</head>"
    }

    public static func escape(_ s: String) -> String { Escaping.html(s) }

    public static func section(heading: String, id: String? = nil, _ body: String) -> String {
        "<section\(id.map { " id=\"\(escape($0))\"" } ?? "")>\n<h2>\(escape(heading))</h2>\n\(body)\n</section>"
    }

    public static func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(escape(caption))</figcaption>\n</figure>"
    }

    public static func note(_ text: String) -> String { "<p class=\"note\">\(escape(text))</p>" }

    /// A query-layer table: the given `columns` (all when nil) with numbers right-aligned; `link(row, column)`
    /// may make a cell a link. An empty table shows `empty` (else the table's own hint).
    public static func table(_ t: ResultTable, columns: [String]? = nil, caption: String? = nil, empty: String? = nil,
                             link: (Int, String) -> String? = { _, _ in nil }) -> String {
        guard !t.rows.isEmpty else { return "<p>\(escape(empty ?? t.emptyHint ?? "No rows."))</p>" }
        let shown = (columns ?? t.header).compactMap { c in t.header.firstIndex(of: c).map { (c, $0) } }
        func numeric(_ c: Cell) -> Bool {
            switch c {
            case .int, .fixed, .probability: return true
            default: return false
            }
        }
        let head = shown.map { c, i in
            let num = t.rows.first.map { i < $0.count && numeric($0[i]) } ?? false
            return "<th scope=\"col\"\(num ? " class=\"num\"" : "")>\(escape(c.replacingOccurrences(of: "_", with: " ")))</th>"
        }.joined()
        let body = t.rows.enumerated().map { r, row in
            "<tr>" + shown.map { c, i in
                let cell = i < row.count ? row[i] : .null
                let text = escape(cell.display)
                let inner = link(r, c).map { "<a href=\"\(escape($0))\">\(text)</a>" } ?? text
                return "<td\(numeric(cell) ? " class=\"num\"" : "")>\(inner)</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<table>\n" + (caption.map { "<caption>\(escape($0))</caption>\n" } ?? "")
            + "<thead><tr>\(head)</tr></thead>\n<tbody>\n\(body)\n</tbody>\n</table>"
    }
}
