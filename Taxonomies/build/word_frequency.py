#!/usr/bin/env python3
"""Writes english-word-frequency.tsv from the wordfreq package (pip install wordfreq==3.1.1): English words
with a Zipf frequency of at least 2.3 (ASCII letters, digits, apostrophes and hyphens), sorted."""
import os
from wordfreq import top_n_list, zipf_frequency

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "english-word-frequency.tsv")
kept = []
for w in top_n_list("en", 120000):
    z = zipf_frequency(w, "en")
    if z >= 2.3 and w.isascii() and w.replace("'", "").replace("-", "").isalnum():
        kept.append((w, z))
with open(out, "w") as f:
    f.write("# English word frequencies (Zipf scale: log10 of occurrences per billion words), words with Zipf >= 2.3.\n")
    f.write("# Derived from wordfreq 3.1.1 (https://pypi.org/project/wordfreq/) data, (c) Robyn Speer and contributors,\n")
    f.write("# licensed CC BY-SA 4.0; this derived list is distributed under CC BY-SA 4.0. Regenerate with\n")
    f.write("# Taxonomies/build/word_frequency.py. Used by `taxonomy build` to mark labels that are everyday words.\n")
    f.write("word\tzipf\n")
    for w, z in sorted(kept):
        f.write(f"{w}\t{z:.2f}\n")
