#!/usr/bin/env python3
"""Lists suspicious alternative labels of a taxonomy directory (default Taxonomies/ict-skills), for review.

A label is suspicious when
  - far:      it shares no word (after lower-casing and a crude plural strip) with the concept's preferred label,
              e.g. `scripting` under *ICT system programming*, `hydraulics` under *robotic components*;
  - product:  a named technology (capitals, digits, + # .) under a generic concept (a preferred label of two or
              more lower-case words), e.g. `Google` under *search engines* (the builder splits these, rule 10;
              any left are listed);
  - elsewhere: its words are the main words of another concept's label (`scripting` ~ *use scripting programming*).
Output: TSV `reason concept_id preferred_label label kind other_concepts` on stdout, sorted; reviewed decisions go to
Taxonomies/build/label-review.tsv (see Taxonomies/README.md).
"""
import csv, re, sys
from collections import defaultdict

d = sys.argv[1] if len(sys.argv) > 1 else "Taxonomies/ict-skills"
concepts = {r["id"]: r for r in csv.DictReader(open(f"{d}/concepts.tsv"), delimiter="\t")}
labels = list(csv.DictReader(open(f"{d}/labels.tsv"), delimiter="\t"))

def words(s):
    ws = re.findall(r"[a-z0-9+#.]+", s.lower())
    return {w[:-1] if len(w) > 4 and w.endswith("s") else w for w in ws} - {"of", "and", "the", "for", "in", "to", "a", "use", "ict"}

def generic(pref):
    return sum(1 for w in pref.split() if w[:1].islower()) >= 2

by_word = defaultdict(set)
for l in labels:
    for w in words(l["label"]):
        by_word[w].add(l["concept_id"])

rows = []
for l in labels:
    if l["kind"] not in ("alt", "derived"):
        continue
    c = concepts[l["concept_id"]]
    pref = re.sub(r"\s*\([^)]*\)$", "", c["preferred_label"])
    lw, pw = words(l["label"]), words(pref)
    if not lw:
        continue
    others = set.intersection(*(by_word[w] for w in lw)) - {l["concept_id"]}
    product = generic(pref) and re.search(r"[A-Z0-9+#.]", l["label"]) is not None
    if lw & pw:
        continue
    reason = "product" if product else ("elsewhere" if others else "far")
    rows.append((reason, l["concept_id"], c["preferred_label"], l["label"], l["kind"],
                 " | ".join(sorted(concepts[o]["preferred_label"] for o in others)[:3])))
w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
w.writerow(["reason", "concept_id", "preferred_label", "label", "kind", "other_concepts"])
for r in sorted(rows):
    w.writerow(r)
