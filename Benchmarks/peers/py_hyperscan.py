#!/usr/bin/env python3
"""Peer: hyperscan (PyPI `hyperscan`, bundled Hyperscan/Vectorscan), pure-literal compiler, block mode.

Flags HS_FLAG_CASELESS | HS_FLAG_SOM_LEFTMOST. Hyperscan reports every occurrence of every literal
(overlapping, ordered by end offset) to a Python callback; the callback keeps those passing the boundary rule
and we then select leftmost-longest non-overlapping ones. Exact by construction.
"""
import hyperscan

from common import Timer, arg_parser, emit, greedy_count, load_corpus, load_labels, IS_WORD


def main():
    a = arg_parser(__doc__.split("\n")[0]).parse_args()
    labels = load_labels(a.labels)
    corpus = load_corpus(a.corpus)
    with Timer() as tb:
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        db.compile(expressions=labels, ids=list(range(len(labels))), elements=len(labels),
                   flags=hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SOM_LEFTMOST, literal=True)
    counts = [0] * len(labels)
    n = len(corpus)
    spans = []
    add = spans.append

    def on_match(pid, s, e, flags, ctx):
        if (s == 0 or not IS_WORD[corpus[s - 1]]) and (e == n or not IS_WORD[corpus[e]]):
            add((s, e, pid))

    with Timer() as ts:
        db.scan(corpus, match_event_handler=on_match)
        greedy_count(spans, counts)
    try:
        size = db.size()
    except Exception:
        size = None
    emit(labels, counts, tb.seconds, ts.seconds, n, size)


if __name__ == "__main__":
    main()
