"""Checks the reference implementation against the task's definition, written out literally (brute force over
every byte position and every label, longest first), on the brief's examples and on seeded random inputs.
Run: python3 -m unittest discover -s Benchmarks/tests   (stdlib only; a few seconds)
"""
import os
import random
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "peers"))
import reference  # noqa: E402

WORD = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def brute(label_lines, corpus):
    labels = sorted({l.strip(b" \t\n\r\x0b\x0c").lower() for l in label_lines} - {b""}, key=len, reverse=True)
    counts = {}
    for line in corpus.split(b"\n"):
        low = line.lower()
        i = 0
        while i < len(low):
            hit = None
            if i == 0 or low[i - 1] not in WORD:
                for lab in labels:
                    e = i + len(lab)
                    if low.startswith(lab, i) and (e == len(low) or low[e] not in WORD):
                        hit = lab
                        break
            if hit:
                counts[hit] = counts.get(hit, 0) + 1
                i += len(hit)
            else:
                i += 1
    return counts


def run_reference(label_lines, corpus):
    with tempfile.TemporaryDirectory() as d:
        lp, cp = os.path.join(d, "l"), os.path.join(d, "c")
        with open(lp, "wb") as f:
            f.write(b"\n".join(label_lines) + b"\n")
        with open(cp, "wb") as f:
            f.write(corpus)
        counts, nbytes = reference.count(reference.load_labels(lp), cp)
        assert nbytes == len(corpus)
        return counts


class ReferenceTests(unittest.TestCase):
    def check(self, labels, corpus, expected=None):
        got = run_reference(labels, corpus)
        self.assertEqual(got, brute(labels, corpus))
        if expected is not None:
            self.assertEqual(got, expected)

    def test_brief_examples(self):
        self.check([b"c++"], b"c++ dev", {b"c++": 1})
        self.check([b".net"], b"use .net\nasp.net", {b".net": 1})
        self.check([b"machine learning", b"machine learning engineer"], b"machine learning engineers",
                   {b"machine learning": 1})
        self.check([b"Python", b"PYTHON", b" python "], b"PYTHON, Python and python3", {b"python": 2})

    def test_fallback_to_shorter_and_later(self):
        # longest at a start ends inside a word -> shorter label at the same start
        self.check([b"c", b"c++"], b"c++x c++", {b"c": 1, b"c++": 1})
        # nothing valid at the leftmost start -> a label starting later inside the first one
        self.check([b".net", b"net"], b"asp.net", {b"net": 1})
        self.check([b"a b", b"b c"], b"a b c", {b"a b": 1})
        self.check([b"node.js"], "熟悉Node.js开发".encode(), {b"node.js": 1})

    def test_random_against_definition(self):
        rng = random.Random(1234)
        alphabet = [b"a", b"b", b"A", b"c", b"1", b"_", b".", b"+", b"#", b"/", b" ", b"-", "é".encode()]
        for _ in range(300):
            labels = [b"".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
            lines = [b"".join(rng.choices(alphabet, k=rng.randint(0, 60))) for _ in range(rng.randint(1, 4))]
            self.check(labels, b"\n".join(lines))


if __name__ == "__main__":
    unittest.main()
