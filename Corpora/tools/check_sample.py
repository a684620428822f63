#!/usr/bin/env python3
"""Check the shipped sample corpus (Corpora/sample) independently of the generator.

  python3 Corpora/tools/check_sample.py
  python3 Corpora/tools/check_sample.py --taxonomy /work/shared/data/taxonomy

Checks postings.jsonl (line count, exactly three malformed lines at the end,
six string fields on every other line, unique ids, valid dates in
2021-01-01..2024-12-31, 60-250 words, five exact reposts), prints per-year
counts and the per-year share of every planted term, and fails if a planted
trend does not go the intended way or misses its size (rising <= 4 % in 2021
and >= 25 % in 2024, falling >= 22 % -> <= 3 %, new from 2023 >= 12 % in
2024, out-of-taxonomy terms >= 8 % in 2024, stable skills within +-3 points
of their overall share, Python within 8 points).  It then compares the
windows 2023-24 and 2021-22 (exact reposts removed, as the engine does) with
a two-sided Fisher exact test: every planted taxonomy skill must have
p < 1e-4, every stable reference skill p > 0.05, and with Benjamini-Hochberg
over all taxonomy skills that occur in >= 5 postings, exactly the planted
skills must come out at q < 0.05.  Checks that programmes.csv parses as
RFC 4180 into rows of five fields.  With --taxonomy DIR it also verifies
every skill name the generator may write against ESCO v1.2.0
(esco/v1.2.0_en/digitalSkillsCollection_en.csv, preferredLabel + altLabels)
and O*NET 29.2 (onet_29.2/Technology_Skills.txt.gz, "Example" column), and
that the out-of-taxonomy terms occur in neither file.
Standard library only.
"""

import argparse
import csv
import collections
import datetime
import gzip
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.normpath(os.path.join(HERE, "..", "sample"))
sys.path.insert(0, HERE)
import make_sample as gen  # noqa: E402  (for the lists of planted terms)

FIELDS = ["id", "title", "description", "date", "region", "employer"]
errors = []


def fail(msg):
    errors.append(msg)
    print("FAIL:", msg)


def whole_word(term):
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


STABLE = ["SQL", "Java", "JavaScript", "Linux", "Git", "Microsoft Excel", "C#",
          "Cisco IOS", "Python", "Docker"]
STABLE_BAND = 0.03      # each year within +-3 points of the overall share
PYTHON_SPREAD = 0.08    # Python: max - min over the years


def fisher_exact(a, n1, c, n2):
    """Two-sided Fisher exact p-value for a of n1 versus c of n2 (sum of the
    probabilities of all tables with the same margins that are no more
    likely than the observed one)."""
    k, n = a + c, n1 + n2

    def lchoose(x, y):
        return math.lgamma(x + 1) - math.lgamma(y + 1) - math.lgamma(x - y + 1)

    def logp(x):
        return lchoose(n1, x) + lchoose(n2, k - x) - lchoose(n, k)

    observed = logp(a)
    p = sum(math.exp(logp(x)) for x in range(max(0, k - n2), min(k, n1) + 1)
            if logp(x) <= observed + 1e-7)
    return min(1.0, p)


def benjamini_hochberg(ps):
    """q-values in input order."""
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    q, running = [0.0] * len(ps), 1.0
    for rank in range(len(ps), 0, -1):
        i = order[rank - 1]
        running = min(running, ps[i] * len(ps) / rank)
        q[i] = running
    return q


def window_tests(objs):
    """Fisher p and BH q for 2023-24 vs 2021-22 over all taxonomy skills.
    objs: (date, text) of unique postings.  Returns {skill: (a, n1, c, n2, p, q)}
    for skills in >= 5 postings, a/n1 = recent, c/n2 = reference."""
    recent = [t for d, t in objs if d.year >= 2023]
    ref = [t for d, t in objs if d.year <= 2022]
    rows = {}
    for skill in sorted(gen.SKILLS):
        rx = whole_word(skill)
        a = sum(1 for t in recent if rx.search(t))
        c = sum(1 for t in ref if rx.search(t))
        if a + c >= 5:
            rows[skill] = (a, len(recent), c, len(ref), fisher_exact(a, len(recent), c, len(ref)))
    qs = benjamini_hochberg([r[4] for r in rows.values()])
    return {k: r + (q,) for (k, r), q in zip(rows.items(), qs)}


def check_postings(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")          # raises if not valid UTF-8
    if not text.endswith("\n"):
        fail("postings.jsonl does not end with a newline")
    lines = text.split("\n")[:-1]
    print("postings.jsonl: %d lines, %d bytes" % (len(lines), len(raw)))
    good, bad = [], []
    lo, hi = datetime.date(2021, 1, 1), datetime.date(2024, 12, 31)
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
        except ValueError:
            bad.append((n, "not parseable JSON"))
            continue
        if not isinstance(obj, dict) or sorted(obj) != sorted(FIELDS) or \
                not all(isinstance(obj[f], str) and obj[f] for f in FIELDS):
            bad.append((n, "wrong fields"))
            continue
        try:
            d = datetime.date.fromisoformat(obj["date"])
        except ValueError:
            bad.append((n, "invalid date %r" % obj["date"]))
            continue
        if not lo <= d <= hi:
            bad.append((n, "date out of range %s" % d))
            continue
        good.append((n, obj, d))
    print("malformed lines:", ", ".join("%d (%s)" % b for b in bad))
    if len(bad) != 3 or [b[0] for b in bad] != [len(lines) - 2, len(lines) - 1, len(lines)]:
        fail("expected exactly 3 malformed lines at the end of the file")
    ids = [o["id"] for _, o, _ in good]
    if len(set(ids)) != len(ids):
        fail("duplicate ids")
    wc = [len(o["description"].split()) for _, o, _ in good]
    print("description words: min %d, max %d, mean %.0f" % (min(wc), max(wc), sum(wc) / len(wc)))
    if min(wc) < 60 or max(wc) > 250:
        fail("description length outside 60..250 words")
    nonascii = sum(1 for _, o, _ in good if any(ord(c) > 127 for c in json.dumps(o, ensure_ascii=False)))
    print("postings with non-ASCII characters: %d" % nonascii)

    # exact reposts
    groups = collections.defaultdict(list)
    for n, o, d in good:
        groups[(o["title"], o["description"], o["employer"])].append((n, o["id"], d))
    reposts = [g for g in groups.values() if len(g) > 1]
    for g in reposts:
        g.sort()
        print("repost: line %d (%s, %s) = line %d (%s, %s)"
              % (g[1][0], g[1][1], g[1][2], g[0][0], g[0][1], g[0][2]))
    if len(reposts) != 5 or any(len(g) != 2 for g in reposts):
        fail("expected exactly 5 exact reposts")

    by_year = collections.defaultdict(list)
    for n, o, d in good:
        by_year[d.year].append(o)
    years = sorted(by_year)
    print("per year:", ", ".join("%d: %d" % (y, len(by_year[y])) for y in years))
    if years != [2021, 2022, 2023, 2024] or not all(60 <= len(by_year[y]) <= 110 for y in years):
        fail("per-year counts outside 60..110")
    print("regions:", dict(collections.Counter(o["region"] for _, o, _ in good)))
    emp = collections.Counter(o["employer"] for _, o, _ in good)
    print("employers: %d, most frequent %s" % (len(emp), emp.most_common(3)))

    def share(term):
        rx = whole_word(term)
        return [sum(1 for o in by_year[y] if rx.search(o["title"] + "\n" + o["description"]))
                / len(by_year[y]) for y in years]

    print("\nshare of postings per year (%)      " + "  ".join("%6d" % y for y in years))
    groups = [("rising", gen.RISING), ("falling", gen.FALLING),
              ("new from 2023", gen.NEW_FROM_2023), ("out of taxonomy", gen.NEW_TERMS),
              ("stable (for reference)", STABLE)]
    n_all = sum(len(by_year[y]) for y in years)
    for label, terms in groups:
        print("  " + label)
        for t in terms:
            s = share(t)
            print("    %-32s" % t + "  ".join("%6.1f" % (100 * x) for x in s))
            if label == "rising" and not (all(a < b for a, b in zip(s, s[1:])) and 0 < s[0] <= 0.04
                                          and s[3] >= 0.25):
                fail("%s does not rise clearly (<= 4 %% in 2021, >= 25 %% in 2024, monotone)" % t)
            if label == "falling" and not (all(a > b for a, b in zip(s, s[1:])) and s[0] >= 0.22
                                           and s[3] <= 0.03):
                fail("%s does not fall clearly (>= 22 %% in 2021, <= 3 %% in 2024, monotone)" % t)
            if label in ("new from 2023", "out of taxonomy") and not (s[0] == s[1] == 0 and s[3] > 0):
                fail("%s occurs before 2023 or not at all" % t)
            if label == "new from 2023" and not (0 < s[2] < s[3] and s[3] >= 0.12):
                fail("%s does not grow 2023 -> 2024 to >= 12 %%" % t)
            if label == "out of taxonomy" and not s[3] >= 0.08:
                fail("%s below 8 %% in 2024" % t)
            if label.startswith("stable"):
                overall = sum(s[i] * len(by_year[y]) for i, y in enumerate(years)) / n_all
                if t == "Python":
                    if max(s) - min(s) > PYTHON_SPREAD:
                        fail("Python swings by more than %d points" % (100 * PYTHON_SPREAD))
                elif max(abs(x - overall) for x in s) > STABLE_BAND + 1e-9:
                    fail("%s is not stable (+-%d points around %.1f %%)" % (t, 100 * STABLE_BAND, 100 * overall))

    # Window comparison as the engine does it: 2023-24 against 2021-22, exact
    # reposts removed, Fisher exact test, Benjamini-Hochberg over all tested
    # taxonomy skills (>= 5 postings).
    seen, unique = set(), []
    for n, o, d in good:
        key = (o["title"], o["description"], o["employer"])
        if key not in seen:
            seen.add(key)
            unique.append((d, o["title"] + "\n" + o["description"]))
    tests = window_tests(unique)
    a0 = next(iter(tests.values()))
    print("\nwindow test 2023-24 (n=%d) vs 2021-22 (n=%d), unique postings, %d skills tested (>= 5 postings)"
          % (a0[1], a0[3], len(tests)))
    print("    %-22s %9s %9s %10s %10s" % ("skill", "recent", "reference", "Fisher p", "BH q"))
    planted = gen.RISING + gen.FALLING + gen.NEW_FROM_2023
    for t in planted + STABLE:
        a, n1, c, n2, p, q = tests.get(t, (0, 0, 0, 0, 1.0, 1.0))
        print("    %-22s %4d %4.1f%% %4d %4.1f%% %10.2g %10.2g"
              % (t, a, 100 * a / max(n1, 1), c, 100 * c / max(n2, 1), p, q))
        if t in planted and not p < 1e-4:
            fail("%s: Fisher p = %.2g, not < 1e-4" % (t, p))
        if t in STABLE and not p > 0.05:
            fail("%s: Fisher p = %.2g, not > 0.05" % (t, p))
    truth_path = os.path.join(os.path.dirname(path), "ground_truth.json")
    if os.path.exists(truth_path):
        with open(truth_path, encoding="utf-8") as f:
            wt = json.load(f).get("window_test", {})
        for t, rec in wt.get("counts", {}).items():
            a, n1, c, n2, p, q = tests.get(t, (0, 0, 0, 0, 1.0, 1.0))
            if (rec["recent"], rec["reference"]) != (a, c) or abs(rec["fisher_p"] - p) > 0.01 * p:
                fail("ground_truth.json window_test for %s differs: %r vs %d/%d p=%.3g" % (t, rec, a, c, p))
    significant = sorted(t for t, r in tests.items() if r[5] < 0.05)
    print("significant at BH q < 0.05:", ", ".join(significant))
    if set(significant) != set(planted):
        fail("BH: significant skills differ from the planted ones (extra %s, missing %s)"
             % (sorted(set(significant) - set(planted)), sorted(set(planted) - set(significant))))


def check_programmes(path):
    raw = open(path, "rb").read()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    print("\nprogrammes.csv: %d records + header, %d bytes, CRLF line ends: %s"
          % (len(body), len(raw), raw.count(b"\r\n") >= len(body)))
    if header != ["id", "title", "provider", "region", "description"]:
        fail("programmes.csv header %r" % header)
    if not all(len(r) == 5 for r in body):
        fail("programmes.csv: a row without 5 fields")
    if not 40 <= len(body) <= 50:
        fail("programmes.csv: %d rows" % len(body))
    wc = [len(r[4].split()) for r in body]
    print("description words: min %d, max %d" % (min(wc), max(wc)))
    if min(wc) < 30 or max(wc) > 120:
        fail("programme description outside 30..120 words")
    print("providers: %d; rows with an embedded line break: %s; with a comma: %d; with a quote: %d"
          % (len(set(r[2] for r in body)), [r[0] for r in body if "\n" in r[4]],
             sum(1 for r in body if "," in r[4]), sum(1 for r in body if '"' in r[4])))
    print("programmes per region:", dict(collections.Counter(r[3] for r in body)))
    print("programmes mentioning a term (whole word):")
    for t in gen.RISING + gen.FALLING + gen.NEW_FROM_2023 + ["Java", "SQL", "Cisco IOS", "Microsoft Excel"]:
        rx = whole_word(t)
        print("    %-18s %d" % (t, sum(1 for r in body if rx.search(r[1] + "\n" + r[4]))))


def check_taxonomy(root):
    esco, onet = set(), set()
    with open(os.path.join(root, "esco/v1.2.0_en/digitalSkillsCollection_en.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            esco.add(r["preferredLabel"].strip().lower())
            for a in re.split(r" \| |\n", r["altLabels"] or ""):
                if a.strip():
                    esco.add(a.strip().lower())
    with gzip.open(os.path.join(root, "onet_29.2/Technology_Skills.txt.gz"), "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            onet.add(line.rstrip("\n").split("\t")[2].strip().lower())
    missing = []
    for name, src in sorted(gen.SKILLS.items()):
        e, o = name.lower() in esco, name.lower() in onet
        if not (e or o):
            missing.append(name)
        elif ("E" in src) != e or ("O" in src) != o:
            fail("source annotation of %r is wrong (ESCO %s, O*NET %s)" % (name, e, o))
    print("\ntaxonomy: %d skill names checked, %d not found%s"
          % (len(gen.SKILLS), len(missing), (": " + ", ".join(missing)) if missing else ""))
    if missing:
        fail("unverified skill names")
    esco_text = open(os.path.join(root, "esco/v1.2.0_en/digitalSkillsCollection_en.csv"), encoding="utf-8").read().lower()
    with gzip.open(os.path.join(root, "onet_29.2/Technology_Skills.txt.gz"), "rt", encoding="utf-8") as f:
        onet_text = f.read().lower()
    for t in gen.NEW_TERMS:
        if t.lower() in esco_text or t.lower() in onet_text:
            fail("out-of-taxonomy term %r occurs in a taxonomy file" % t)
    print("out-of-taxonomy terms absent from both files:", ", ".join(gen.NEW_TERMS))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", default=SAMPLE)
    ap.add_argument("--taxonomy", help="directory holding esco/ and onet_29.2/")
    args = ap.parse_args()
    check_postings(os.path.join(args.sample, "postings.jsonl"))
    check_programmes(os.path.join(args.sample, "programmes.csv"))
    if args.taxonomy:
        check_taxonomy(args.taxonomy)
    print("\n%s" % ("OK" if not errors else "%d problem(s)" % len(errors)))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
