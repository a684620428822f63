/// The report's inline style sheet: system fonts only, no external resources, print-friendly.
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
      color: #222; background: #fff; margin: 0; line-height: 1.45; }
    header, main, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
    header { border-bottom: 3px solid #0072B2; padding-bottom: 0.75rem; }
    h1 { font-size: 1.8rem; margin: 1.25rem 0 0.5rem; }
    h2 { font-size: 1.35rem; margin-top: 2.25rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
    h3 { font-size: 1.05rem; margin-bottom: 0.3rem; }
    dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
    dl.provenance dt { font-weight: 600; }
    dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
    dl.provenance ul { margin: 0; padding-left: 1.1rem; }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
    table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.92rem; }
    th, td { border-bottom: 1px solid #e3e3e3; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
    th { background: #f3f5f7; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tbody tr:nth-child(even) { background: #fafafa; }
    figure { margin: 1rem 0; overflow-x: auto; }
    figcaption { font-size: 0.88rem; color: #555; margin-top: 0.3rem; }
    svg { max-width: 100%; height: auto; }
    p.note { background: #fff8e1; border-left: 4px solid #E69F00; padding: 0.5rem 0.75rem; }
    .status-new, .status-emerging { color: #006644; font-weight: 600; }
    .status-growing { color: #0072B2; }
    .status-declining { color: #B03A00; }
    .gap-positive { color: #B03A00; font-weight: 600; }
    .gap-negative { color: #006644; }
    details summary { cursor: pointer; color: #0072B2; }
    dl.definitions dt { font-weight: 600; margin-top: 0.5rem; }
    dl.definitions dd { margin-left: 1.25rem; }
    footer { color: #666; font-size: 0.85rem; margin-top: 2.5rem; padding-bottom: 2rem; }
    @media print { h2 { break-after: avoid; } figure, table { break-inside: avoid; } details { display: block; } }
    """
}
