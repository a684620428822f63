#!/usr/bin/env python3
"""Peer: ahocorasick_rs (Rust aho-corasick via PyO3), BytesAhoCorasick, MatchKind Standard, overlapping.

Emulation: the library has no case-insensitive mode, so the corpus is ASCII-lower-cased first (inside the
timed scan). find_matches_as_indexes(overlapping=True) returns every occurrence of every label; we keep those
passing the boundary rule and select leftmost-longest non-overlapping ones. Exact by construction.
(MatchKind LeftmostLongest plus a repair of boundary-invalid matches is also exact, but labels such as "c" or
"r" occur inside most words, and re-searching after each invalid match made it ~100x slower from Python.)
"""

import ahocorasick_rs

from common import Timer, arg_parser, emit, greedy_count, load_corpus, load_labels, IS_WORD


def main():
    a = arg_parser(__doc__.split("\n")[0]).parse_args()
    labels = load_labels(a.labels)
    corpus = load_corpus(a.corpus)
    with Timer() as tb:
        ac = ahocorasick_rs.BytesAhoCorasick(labels, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)
    counts = [0] * len(labels)
    with Timer() as ts:
        low = corpus.lower()
        n = len(low)
        spans = [(s, e, i) for i, s, e in ac.find_matches_as_indexes(low, overlapping=True)
                 if (s == 0 or not IS_WORD[low[s - 1]]) and (e == n or not IS_WORD[low[e]])]
        greedy_count(spans, counts)
    emit(labels, counts, tb.seconds, ts.seconds, len(corpus), None)


if __name__ == "__main__":
    main()
