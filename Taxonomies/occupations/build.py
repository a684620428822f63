#!/usr/bin/env python3
"""Derive the shipped occupation-title tables from the ESCO files in ../shared/data.

Keeps only labels and codes (facts): concept URI, ISCO-08 group, preferred/alternative/hidden labels and the
ESCO code; drops descriptions, definitions and scope notes. The layout mirrors ../shared/data so that
`skillradar` reads either directory the same way. Deterministic: rerunning gives byte-identical files.

    python3 Taxonomies/occupations/build.py [../shared/data] [--languages en,de]
"""
import csv, gzip, io, os, sys

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
    langs = ["en", "de"]
    for a in sys.argv[1:]:
        if a.startswith("--languages="):
            langs = a.split("=", 1)[1].split(",")
    here = os.path.dirname(os.path.abspath(__file__))
    esco = os.path.join(shared, "taxonomy", "esco")
    occ_cols = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "code"]

    def write_gz(src, dst, cols):
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with gzip.open(src, "rt", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
        # mtime=0 and no file name: the same input gives the same bytes.
        with open(dst, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as g:
            g.write(buf.getvalue().encode("utf-8"))
        print(f"{dst}: {len(rows)} rows")

    for lang in langs:
        if lang == "en":
            src = os.path.join(esco, "v1.2.0_en", "occupations_en.csv.gz")
            dst = os.path.join(here, "taxonomy", "esco", "v1.2.0_en", "occupations_en.csv.gz")
        else:
            src = os.path.join(esco, "multilingual_occupations_v1.0.8", f"occupations_{lang}.csv.gz")
            dst = os.path.join(here, "taxonomy", "esco", "multilingual_occupations_v1.0.8", f"occupations_{lang}.csv.gz")
        write_gz(src, dst, occ_cols)

    src = os.path.join(esco, "v1.2.0_en", "ISCOGroups_en.csv")
    dst = os.path.join(here, "taxonomy", "esco", "v1.2.0_en", "ISCOGroups_en.csv")
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(dst, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["conceptUri", "code", "preferredLabel"])
        for r in rows:
            w.writerow([r["conceptUri"], r["code"], r["preferredLabel"]])
    print(f"{dst}: {len(rows)} rows")

if __name__ == "__main__":
    main()
