#!/usr/bin/env python3
"""Real benchmark data from ../shared/data (stdlib only). Each part is skipped with a printed note when its
source file is absent; exit status is 0 either way, and the files that were written are listed on stdout as
"wrote PATH".

  labels-esco.txt   ESCO v1.1.1 all skills: preferredLabel plus every altLabel (the altLabels cell holds one
                    label per line), taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz
  labels-onet.txt   O*NET 29.2 Technology Skills, distinct values of column "Example"
                    (tools and technologies such as "Microsoft Excel", "C++", "Node.js"),
                    taxonomy/onet_29.2/Technology_Skills.txt.gz
  corpus-real.txt   real postings flattened to one line each (line breaks and tabs become spaces):
                    pythonjobs body_markdown (title + body), SkillSpan sentences joined per posting, and the
                    Chinese ruanyf "who is hiring" posts (UTF-8 with Latin tech terms inside CJK text).
                    The distinct postings are repeated in order until the file reaches --mb megabytes.

Usage: make_real.py --shared DIR --out-dir DIR [--mb 4]
"""
import argparse
import csv
import gzip
import io
import json
import os
import sys


def write_lines(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(line + "\n")
    os.replace(tmp, path)


def flat(text):
    return " ".join(text.replace("\r", " ").replace("\t", " ").split("\n")).strip()


def esco_labels(shared):
    path = os.path.join(shared, "taxonomy/esco/skills_en_all_labels/skills_en_all_labels.csv.gz")
    if not os.path.exists(path):
        return None, path
    csv.field_size_limit(10**8)
    out = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.append(row["preferredLabel"])
            out.extend((row.get("altLabels") or "").split("\n"))
    return [l.strip() for l in out if l.strip()], path


def onet_labels(shared):
    path = os.path.join(shared, "taxonomy/onet_29.2/Technology_Skills.txt.gz")
    if not os.path.exists(path):
        return None, path
    seen, out = set(), []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            ex = (row.get("Example") or "").strip()
            if ex and ex not in seen:
                seen.add(ex)
                out.append(ex)
    return out, path


def real_postings(shared):
    postings, used, missing = [], [], []
    p = os.path.join(shared, "postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz")
    if os.path.exists(p):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                body = flat((d.get("title") or "") + ". " + (d.get("body_markdown") or ""))
                if body:
                    postings.append(body)
        used.append(p)
    else:
        missing.append(p)
    groups = {}
    for split in ("train", "dev", "test"):
        p = os.path.join(shared, f"postings/skillspan/skillspan_{split}.jsonl.gz")
        if not os.path.exists(p):
            missing.append(p)
            continue
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                groups.setdefault((split, d.get("source"), d.get("idx")), []).append(" ".join(d["tokens"]))
        used.append(p)
    postings.extend(flat(" ".join(s)) for s in groups.values())
    p = os.path.join(shared, "postings/ruanyf_weekly_zh/ruanyf_weekly_who_is_hiring_zh.jsonl.gz")
    if os.path.exists(p):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                t = flat(json.loads(line).get("text") or "")
                if t:
                    postings.append(t)
        used.append(p)
    else:
        missing.append(p)
    return [x for x in postings if x], used, missing


def main():
    ap = argparse.ArgumentParser(description="Real label sets and corpus from shared/data.")
    ap.add_argument("--shared", required=True, help="the shared/data folder")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--mb", type=float, default=4.0)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    for name, fn in (("labels-esco.txt", esco_labels), ("labels-onet.txt", onet_labels)):
        labels, src = fn(a.shared)
        if labels is None:
            print(f"note: {src} not found, skipping {name}")
            continue
        out = os.path.join(a.out_dir, name)
        write_lines(out, labels)
        print(f"wrote {out}: {len(labels)} labels from {src}")
    postings, used, missing = real_postings(a.shared)
    for m in missing:
        print(f"note: {m} not found, skipped")
    if not postings:
        print("note: no real postings found, skipping corpus-real.txt")
        return 0
    target = int(a.mb * 1_000_000)
    out = os.path.join(a.out_dir, "corpus-real.txt")
    tmp = out + ".tmp"
    written = reps = 0
    with open(tmp, "w", encoding="utf-8") as f:
        while written < target:
            for p in postings:
                data = (p + "\n").encode("utf-8")
                f.write(p + "\n")
                written += len(data)
                if written >= target:
                    break
            reps += 1
    os.replace(tmp, out)
    print(f"wrote {out}: {len(postings)} distinct postings, {written} bytes ({reps} passes) from {len(used)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
