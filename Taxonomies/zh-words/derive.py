#!/usr/bin/env python3
"""Derive Taxonomies/zh-words/words.tsv.gz from jieba's dictionary (jieba 0.42.1, MIT licence).

    pip download jieba==0.42.1 --no-deps -d /tmp/jieba && tar -xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    python3 Taxonomies/zh-words/derive.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt Taxonomies/zh-words/words.tsv.gz

Keeps the entries segmentation needs: words of 1-6 CJK characters (no Latin letters, digits or symbols),
with frequency >= MIN_FREQ for words of 2+ characters (single characters are all kept), and without the
uncounted (frequency-3) names, places, idioms and set phrases. Output: a header
comment, then `word<TAB>freq<TAB>pos` sorted by word; gzip with a fixed mtime so the file is deterministic.
"""
import gzip, io, sys

MIN_FREQ = 3
# jieba gives most names, places, idioms and set phrases it never counted the floor frequency 3: those are
# dropped (job posts rarely need them to be segmented), other uncounted words (nouns, verbs...) are kept.
RARE = 3
RARE_DROPPED = {"nr", "nrt", "nrfg", "ns", "i", "l", "z", "nt", "t", "m", "zg", "j"}


def is_cjk(ch):
    c = ord(ch)
    return 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0x20000 <= c <= 0x2FA1F


def main(src, dst):
    rows = {}
    for line in open(src, encoding="utf-8"):
        parts = line.split()
        if len(parts) != 3:
            continue
        w, f, pos = parts[0], int(parts[1]), parts[2]
        if not (1 <= len(w) <= 6) or not all(is_cjk(c) for c in w):
            continue
        if len(w) > 1 and (f < MIN_FREQ or f <= RARE and pos in RARE_DROPPED):
            continue
        if w not in rows or rows[w][0] < f:
            rows[w] = (f, pos)
    buf = io.StringIO()
    buf.write("# Chinese word list derived from jieba 0.42.1 dict.txt (MIT, (c) 2013 Sun Junyi); see README.md\n")
    for w in sorted(rows):
        f, pos = rows[w]
        buf.write(f"{w}\t{f}\t{pos}\n")
    with open(dst, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    print(f"{len(rows)} words -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
