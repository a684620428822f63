"""Shared harness code for the Python peers (not used by reference.py, which stays self-contained).

Every peer: `peer.py --labels FILE --corpus FILE [--threads N]` -> "label<TAB>count" lines on stdout sorted by
the lower-cased label's bytes, and as the LAST line of stderr one JSON object:
{"labels", "build_seconds", "automaton_bytes", "scan_seconds", "bytes", "mb_per_s", "threads", "matches"}.
scan_seconds covers the tool's search plus our boundary filter / leftmost-longest selection / counting, and
excludes reading the files, building the automaton and printing.
"""
import argparse
import json
import sys
import time

WS = b" \t\n\r\x0b\x0c"
# word characters: ASCII letters, digits, underscore (as byte values)
_is_word = [False] * 256
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
    _is_word[_c] = True
IS_WORD = tuple(_is_word)
WORD_CHARS_STR = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def load_labels(path):
    """Trimmed, ASCII-lower-cased, de-duplicated labels (bytes), sorted by bytes."""
    seen = set()
    with open(path, "rb") as f:
        for raw in f:
            lab = raw.strip(WS).lower()
            if lab:
                seen.add(lab)
    return sorted(seen)


def load_corpus(path):
    with open(path, "rb") as f:
        return f.read()


def valid_bytes(buf, s, e):
    """Boundary rule on a bytes buffer (lines are separated by b'\\n', itself a non-word byte)."""
    return (s == 0 or not IS_WORD[buf[s - 1]]) and (e == len(buf) or not IS_WORD[buf[e]])


def greedy_count(spans, counts):
    """spans: iterable of (start, end, label_index), all valid. Leftmost-longest, non-overlapping selection."""
    pos = -1
    n = 0
    for s, neg_e, idx in sorted((s, -e, i) for s, e, i in spans):
        if s >= pos:
            counts[idx] += 1
            pos = -neg_e
            n += 1
    return n


def arg_parser(desc):
    ap = argparse.ArgumentParser(description=desc)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--threads", type=int, default=1, help="accepted for interface compatibility; peers are single-threaded")
    return ap


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0


def emit(labels, counts, build_seconds, scan_seconds, nbytes, automaton_bytes=None, extra=None):
    out = sys.stdout.buffer
    total = 0
    for lab, c in zip(labels, counts):  # labels are sorted already
        if c:
            out.write(lab + b"\t" + str(c).encode() + b"\n")
            total += c
    out.flush()
    stats = {"labels": len(labels), "build_seconds": round(build_seconds, 6), "automaton_bytes": automaton_bytes,
             "scan_seconds": round(scan_seconds, 6), "bytes": nbytes,
             "mb_per_s": round(nbytes / 1e6 / scan_seconds, 3) if scan_seconds > 0 else None,
             "threads": 1, "matches": total}
    if extra:
        stats.update(extra)
    sys.stderr.write(json.dumps(stats) + "\n")
    sys.stderr.flush()
