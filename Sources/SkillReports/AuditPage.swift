import Foundation
import SkillAnalytics
import SkillIO

/// A small self-contained HTML page of an audit review sheet: one row per matched context, the match
/// highlighted, with a verdict selector per row and a button that downloads the judged sheet as TSV (the same
/// columns as the TSV sheet, so `skillradar audit --score` reads it).
public enum AuditPage {
    public static func render(_ rows: [AuditContext], title: String, provenance: [(String, String)]) -> String {
        var h = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(Escaping.html(title))</title>
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;vertical-align:top}
        th{text-align:left;background:#f4f4f4}.ctx{font-family:ui-monospace,monospace;font-size:12px}
        mark{background:#ffe066;font-weight:bold}.c{color:#666;font-size:12px}.concept{white-space:nowrap}
        </style></head><body>
        <h1>\(Escaping.html(title))</h1>
        <p class="c">
        """
        h += provenance.map { "\(Escaping.html($0.0)) = \(Escaping.html($0.1))" }.joined(separator: " · ")
        h += """
        </p><p>Judge each context: is the highlighted text a mention of the concept? Then
        <button id="dl">download the judged sheet (TSV)</button> and score it with
        <code>skillradar audit --score SHEET.tsv</code>.</p>
        <table><thead><tr><th>#</th><th>concept</th><th>context</th><th>confidence / evidence</th><th>posting</th><th>verdict</th></tr></thead><tbody>

        """
        for (i, r) in rows.enumerated() {
            h += "<tr data-i=\"\(i)\"><td>\(r.rank)</td><td class=\"concept\">\(Escaping.html(r.conceptLabel))<br><span class=\"c\">"
                + "\(Escaping.html(r.conceptID)) · \(r.conceptPostings) postings</span></td>"
                + "<td class=\"ctx\">…\(Escaping.html(r.left))<mark>\(Escaping.html(r.matched))</mark>\(Escaping.html(r.right))…</td>"
                + "<td>\(formatFixed(r.confidence, 2))<br><span class=\"c\">\(Escaping.html(r.evidence))</span></td>"
                + "<td class=\"c\">\(r.postingID)<br>\(Escaping.html(r.sourceID))"
                + (r.employer.isEmpty ? "" : "<br>employer: \(Escaping.html(r.employer))") + "</td>"
                + "<td><select>" + ["", "correct", "wrong", "unsure"].map {
                    "<option\($0 == r.verdict ? " selected" : "")>\($0)</option>"
                }.joined() + "</select></td></tr>\n"
        }
        h += "</tbody></table>\n<script>\nconst sheet = "
        h += jsonString(AuditSheet.write(rows))
        h += """
        ;
        document.getElementById('dl').onclick = () => {
          const lines = sheet.split('\\n'), head = lines[0].split('\\t'), v = head.indexOf('verdict');
          document.querySelectorAll('tr[data-i]').forEach(tr => {
            const k = +tr.dataset.i + 1, f = lines[k].split('\\t');
            f[v] = tr.querySelector('select').value; lines[k] = f.join('\\t');
          });
          const a = document.createElement('a');
          a.href = URL.createObjectURL(new Blob([lines.join('\\n')], {type: 'text/tab-separated-values'}));
          a.download = 'audit-judged.tsv'; a.click();
        };
        </script></body></html>

        """
        return h
    }

    static func jsonString(_ s: String) -> String { Escaping.json(s, script: true) }
}
