#!/usr/bin/env python3
"""Peer: pyahocorasick (C extension, str keys).

Emulation: the wheel is built for str keys, so labels and the ASCII-lower-cased corpus are decoded as latin-1
(one char per byte, offsets = byte offsets). Automaton.iter() reports every occurrence (standard
Aho-Corasick, overlapping); we keep those passing the boundary rule and select leftmost-longest
non-overlapping ones. Exact by construction.
"""
import ahocorasick

from common import Timer, arg_parser, emit, greedy_count, load_corpus, load_labels, IS_WORD


def main():
    a = arg_parser(__doc__.split("\n")[0]).parse_args()
    labels = load_labels(a.labels)
    corpus = load_corpus(a.corpus)
    with Timer() as tb:
        A = ahocorasick.Automaton()
        for i, lab in enumerate(labels):
            A.add_word(lab.decode("latin-1"), (i, len(lab)))
        A.make_automaton()
    counts = [0] * len(labels)
    with Timer() as ts:
        low = corpus.lower()
        text = low.decode("latin-1")
        n = len(low)
        spans = []
        add = spans.append
        for end, (i, length) in A.iter(text):
            s = end - length + 1
            e = end + 1
            if (s == 0 or not IS_WORD[low[s - 1]]) and (e == n or not IS_WORD[low[e]]):
                add((s, e, i))
        greedy_count(spans, counts)
    emit(labels, counts, tb.seconds, ts.seconds, len(corpus), A.get_stats().get("total_size"))


if __name__ == "__main__":
    main()
