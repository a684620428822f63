#!/usr/bin/env python3
"""Reference implementation of the standard counting task (stdlib only, deliberately simple).

The standard task (see Benchmarks/README.md):
  * labels: one per line; trimmed of ASCII white space (bytes 0x09-0x0D and 0x20); empty lines skipped;
    ASCII-lower-cased; labels equal after lower-casing are one label (merged).
  * corpus: bytes, one posting per line (lines split on b"\\n"; nothing else is special).
  * word characters: ASCII letters, digits, "_" (every other byte, including every byte of a non-ASCII
    UTF-8 character, is a non-word character).
  * an occurrence of a label is valid when the byte before it is a non-word character (or it starts the
    line) and the byte after it is a non-word character (or it ends the line); comparison is ASCII
    case-insensitive.
  * scanning left to right, at the leftmost position where some label occurs validly take the longest
    valid one, count it, and continue after it.
  * output: "label<TAB>count" for each label with count > 0, sorted by the bytes of the lower-cased label.

Why this is correct: split a lower-cased line into tokens, each a maximal run of word characters or a single
non-word byte. A valid occurrence cannot start or end inside a run of word characters (its boundary byte
would be a word character), so every valid occurrence is a contiguous sequence of whole tokens, starting at
token i where i == 0 or token i-1 is a non-word byte, and ending at token j where j is the last token or
token j+1 is a non-word byte. So at each token position we try the token sequences that start there, longest
first, and take the first one that is a label and ends validly.

Usage: reference.py --labels FILE --corpus FILE   (prints the counts; one JSON stats line on stderr)
"""
import argparse
import json
import re
import sys
import time

TOKEN = re.compile(rb"[a-z0-9_]+|[^a-z0-9_]")
WS = b" \t\n\r\x0b\x0c"


def is_word_token(tok):
    c = tok[0]
    return (48 <= c <= 57) or (97 <= c <= 122) or c == 95  # lower-cased text: no A-Z left


def load_labels(path):
    labels = set()
    with open(path, "rb") as f:
        for raw in f:
            lab = raw.strip(WS).lower()  # bytes.lower() lower-cases ASCII only
            if lab:
                labels.add(lab)
    return labels


def count(labels, corpus_path):
    # first token of a label -> the largest number of tokens of any label that starts with it
    max_tokens = {}
    for lab in labels:
        toks = TOKEN.findall(lab)
        first = toks[0]
        if len(toks) > max_tokens.get(first, 0):
            max_tokens[first] = len(toks)
    counts = {}
    nbytes = 0
    with open(corpus_path, "rb") as f:
        for line in f:
            nbytes += len(line)
            if line.endswith(b"\n"):
                line = line[:-1]
            toks = TOKEN.findall(line.lower())
            n = len(toks)
            i = 0
            while i < n:
                longest = max_tokens.get(toks[i])
                if longest is None or (i > 0 and is_word_token(toks[i - 1])):
                    i += 1
                    continue
                for k in range(min(longest, n - i), 0, -1):
                    if i + k < n and is_word_token(toks[i + k]):
                        continue  # would end inside a word
                    cand = b"".join(toks[i:i + k])
                    if cand in labels:
                        counts[cand] = counts.get(cand, 0) + 1
                        i += k
                        break
                else:
                    i += 1
    return counts, nbytes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--threads", type=int, default=1, help="accepted for interface compatibility; always 1")
    a = ap.parse_args()
    t0 = time.perf_counter()
    labels = load_labels(a.labels)
    t1 = time.perf_counter()
    counts, nbytes = count(labels, a.corpus)
    t2 = time.perf_counter()
    out = sys.stdout.buffer
    for lab in sorted(counts):
        out.write(lab + b"\t" + str(counts[lab]).encode() + b"\n")
    out.flush()
    scan = t2 - t1
    print(json.dumps({"labels": len(labels), "build_seconds": round(t1 - t0, 6), "automaton_bytes": None,
                      "scan_seconds": round(scan, 6), "bytes": nbytes,
                      "mb_per_s": round(nbytes / 1e6 / scan, 3) if scan > 0 else None,
                      "threads": 1, "matches": sum(counts.values())}), file=sys.stderr)


if __name__ == "__main__":
    main()
