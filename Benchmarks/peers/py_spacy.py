#!/usr/bin/env python3
"""Peer: spaCy PhraseMatcher on spacy.blank("en"), attr="LOWER" (token-based).

Labels are tokenized with the same tokenizer (nlp.make_doc) and added one key per label; each corpus line is a
Doc (nlp.tokenizer.pipe). PhraseMatcher returns all (overlapping) token-aligned matches; we map them to
character offsets, keep those whose text equals the label after ASCII lower-casing (LOWER is Unicode
lower-casing and ignores white space between tokens) and that pass the boundary rule, then select
leftmost-longest non-overlapping ones. Deviation that remains: an occurrence is only found when the label's
tokens line up with spaCy's tokens in that context (e.g. "c#x", "node.js," or a label glued to punctuation
that the tokenizer does not split) - such occurrences are missed.
"""
import spacy
from spacy.matcher import PhraseMatcher

from common import Timer, arg_parser, emit, greedy_count, load_corpus, load_labels, WORD_CHARS_STR

ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def main():
    a = arg_parser(__doc__.split("\n")[0]).parse_args()
    labels = load_labels(a.labels)
    corpus = load_corpus(a.corpus)
    with Timer() as tb:
        nlp = spacy.blank("en")
        nlp.max_length = max(nlp.max_length, 10_000_000)
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        label_str = [lab.decode("utf-8", "replace") for lab in labels]
        key_to_index = {}
        for i, doc in enumerate(nlp.tokenizer.pipe(label_str, batch_size=1000)):
            key = "L%d" % i
            key_to_index[nlp.vocab.strings.add(key)] = i
            matcher.add(key, [doc])
    counts = [0] * len(labels)
    with Timer() as ts:
        lines = corpus.decode("utf-8", "replace").split("\n")
        for doc in nlp.tokenizer.pipe(lines, batch_size=256):
            found = matcher(doc)
            if not found:
                continue
            text = doc.text
            n = len(text)
            spans = []
            for match_id, ts_, te_ in found:
                i = key_to_index[match_id]
                s = doc[ts_].idx
                last = doc[te_ - 1]
                e = last.idx + len(last.text)
                if text[s:e].translate(ASCII_LOWER) != label_str[i]:
                    continue
                if (s == 0 or text[s - 1] not in WORD_CHARS_STR) and (e == n or text[e] not in WORD_CHARS_STR):
                    spans.append((s, e, i))
            greedy_count(spans, counts)
    emit(labels, counts, tb.seconds, ts.seconds, len(corpus), None)


if __name__ == "__main__":
    main()
