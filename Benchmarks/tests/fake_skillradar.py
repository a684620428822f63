#!/usr/bin/env python3
"""Stand-in for `skillradar count` with the same command line and output contract, built on the reference
implementation. Used only to test the driver while the real command does not exist:
  SKILLRADAR_BIN=Benchmarks/tests/fake_skillradar.py bash Benchmarks/run.sh --quick
(results produced that way measure Python, not skillradar; run.py labels such runs in its setup status).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peers"))
import reference  # noqa: E402


def main():
    args = sys.argv[1:]
    if not args or args[0] != "count":
        print("usage: fake_skillradar.py count --labels FILE --corpus FILE [--threads N] [--scan-only]", file=sys.stderr)
        return 64
    if "--help" in args:
        print("fake count: reference-based stand-in")
        return 0
    opts = {args[i]: args[i + 1] for i in range(1, len(args) - 1) if args[i] in ("--labels", "--corpus", "--threads")}
    threads = int(opts.get("--threads", 1))
    t0 = time.perf_counter()
    labels = reference.load_labels(opts["--labels"])
    t1 = time.perf_counter()
    if "--scan-only" in args:
        data = open(opts["--corpus"], "rb").read()
        t1 = time.perf_counter()
        matches = data.count(b"\n")
        nbytes = len(data)
        counts = {}
    else:
        counts, nbytes = reference.count(labels, opts["--corpus"])
        matches = sum(counts.values())
    t2 = time.perf_counter()
    for lab in sorted(counts):
        sys.stdout.buffer.write(lab + b"\t" + str(counts[lab]).encode() + b"\n")
    sys.stdout.flush()
    print(json.dumps({"labels": len(labels), "build_seconds": t1 - t0, "automaton_bytes": 0, "scan_seconds": t2 - t1,
                      "bytes": nbytes, "mb_per_s": nbytes / 1e6 / (t2 - t1), "threads": threads,
                      "matches": matches}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
