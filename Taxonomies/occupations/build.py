#!/usr/bin/env python3
"""Derive the shipped occupation-title tables from the ESCO and O*NET files in ../shared/data.

Keeps only labels and codes (facts):
* ESCO: concept URI, ISCO-08 group, preferred/alternative/hidden labels and the ESCO code, for the English v1.2.0
  file and the v1.0.8 files of the other languages; drops descriptions, definitions and scope notes.
* ISCO-08 groups: URI, code, preferred label.
* O*NET 29.2: `Occupation_Data.txt` (code, title; no Description) and `Alternate_Titles.txt.gz` (code, alternate
  title, short title; no Title, no Source(s)). `Sample_of_Reported_Titles.txt` is not shipped: it is the test set
  of `occupations evaluate`.
The layout mirrors ../shared/data so that `skillradar` reads either directory the same way. Deterministic:
rerunning gives byte-identical files (gzip with mtime=0 and no file name).

    python3 Taxonomies/occupations/build.py [../shared/data] [--languages=en,de,fr,es,it,pl,pt,nl] [--no-onet]
"""
import csv, gzip, io, os, sys

DEFAULT_LANGUAGES = ["en", "de", "fr", "es", "it", "pl", "pt", "nl"]


def write_bytes(dst, data, gz):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "wb") as out:
        if gz:
            # mtime=0 and no file name: the same input gives the same bytes.
            with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as g:
                g.write(data)
        else:
            out.write(data)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    shared = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
    langs = list(DEFAULT_LANGUAGES)
    onet = True
    for a in sys.argv[1:]:
        if a.startswith("--languages="):
            langs = a.split("=", 1)[1].split(",")
        elif a == "--no-onet":
            onet = False
    here = os.path.dirname(os.path.abspath(__file__))
    esco = os.path.join(shared, "taxonomy", "esco")
    occ_cols = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "code"]

    def write_csv_gz(src, dst, cols):
        with gzip.open(src, "rt", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])
        write_bytes(dst, buf.getvalue().encode("utf-8"), gz=True)
        print(f"{os.path.relpath(dst, here)}: {len(rows)} rows, {os.path.getsize(dst)} bytes")

    for lang in langs:
        if lang == "en":
            src = os.path.join(esco, "v1.2.0_en", "occupations_en.csv.gz")
            dst = os.path.join(here, "taxonomy", "esco", "v1.2.0_en", "occupations_en.csv.gz")
        else:
            src = os.path.join(esco, "multilingual_occupations_v1.0.8", f"occupations_{lang}.csv.gz")
            dst = os.path.join(here, "taxonomy", "esco", "multilingual_occupations_v1.0.8", f"occupations_{lang}.csv.gz")
        write_csv_gz(src, dst, occ_cols)

    src = os.path.join(esco, "v1.2.0_en", "ISCOGroups_en.csv")
    dst = os.path.join(here, "taxonomy", "esco", "v1.2.0_en", "ISCOGroups_en.csv")
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["conceptUri", "code", "preferredLabel"])
    for r in rows:
        w.writerow([r["conceptUri"], r["code"], r["preferredLabel"]])
    write_bytes(dst, buf.getvalue().encode("utf-8"), gz=False)
    print(f"{os.path.relpath(dst, here)}: {len(rows)} rows, {os.path.getsize(dst)} bytes")

    if not onet:
        return
    src_dir = os.path.join(shared, "taxonomy", "onet_29.2")
    dst_dir = os.path.join(here, "taxonomy", "onet_29.2")

    def write_tsv(name, out_name, cols, gz):
        src = os.path.join(src_dir, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(src, "rt", encoding="utf-8", newline="") as f:
            lines = [l.rstrip("\r\n") for l in f]
        lines = [l for l in lines if l]
        header = lines[0].split("\t")
        idx = [header.index(c) for c in cols]
        out = ["\t".join(cols)]
        for n, l in enumerate(lines[1:], start=2):
            fields = l.split("\t")
            if len(fields) != len(header):
                sys.exit(f"{src}:{n}: {len(fields)} fields, header has {len(header)}")
            out.append("\t".join(fields[i] for i in idx))
        dst = os.path.join(dst_dir, out_name)
        write_bytes(dst, ("\n".join(out) + "\n").encode("utf-8"), gz=gz)
        print(f"{os.path.relpath(dst, here)}: {len(out) - 1} rows, {os.path.getsize(dst)} bytes")

    write_tsv("Occupation_Data.txt", "Occupation_Data.txt", ["O*NET-SOC Code", "Title"], gz=False)
    write_tsv("Alternate_Titles.txt.gz", "Alternate_Titles.txt.gz",
              ["O*NET-SOC Code", "Alternate Title", "Short Title"], gz=True)


if __name__ == "__main__":
    main()
