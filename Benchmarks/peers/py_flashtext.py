#!/usr/bin/env python3
"""Peer: flashtext KeywordProcessor (pure Python trie, word-boundary aware, longest match).

flashtext's own word characters are exactly ours (ASCII letters, digits, "_"). To keep lower-casing ASCII-only,
labels and corpus are ASCII-lower-cased bytes decoded as latin-1 and the processor is case-sensitive. The
whole corpus is one string ("\\n" is a boundary). Returned spans are re-checked against the boundary rule and
dropped if invalid (emulation); occurrences flashtext does not find cannot be recovered, so its own rules show
up as disagreements. Known: flashtext consumes the character after a match (and after a failed match, the rest
of the word) as the boundary, so an occurrence that starts exactly there is missed: label "." in ".." counts 1
instead of 2, and labels "+" and ".+" on "+.+" give "+" twice instead of "+" and ".+". Only text where
punctuation touches punctuation is affected.
"""
from flashtext import KeywordProcessor

from common import Timer, arg_parser, emit, load_corpus, load_labels, IS_WORD


def main():
    a = arg_parser(__doc__.split("\n")[0]).parse_args()
    labels = load_labels(a.labels)
    corpus = load_corpus(a.corpus)
    with Timer() as tb:
        kp = KeywordProcessor(case_sensitive=True)
        index = {}
        for i, lab in enumerate(labels):
            s = lab.decode("latin-1")
            index[s] = i
            kp.add_keyword(s, s)
    counts = [0] * len(labels)
    dropped = 0
    with Timer() as ts:
        low = corpus.lower()
        text = low.decode("latin-1")
        n = len(low)
        for name, s, e in kp.extract_keywords(text, span_info=True):
            if (s == 0 or not IS_WORD[low[s - 1]]) and (e == n or not IS_WORD[low[e]]) and text[s:e] == name:
                counts[index[name]] += 1
            else:
                dropped += 1
    emit(labels, counts, tb.seconds, ts.seconds, len(corpus), None, {"dropped_invalid": dropped})


if __name__ == "__main__":
    main()
