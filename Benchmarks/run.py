#!/usr/bin/env python3
"""Benchmark driver: skillradar count vs. peer tools on the standard counting task (stdlib only).

Normally started by `bash Benchmarks/run.sh [--quick]`, which sets the tools up first and leaves their status in
Benchmarks/work/setup/<tool>.status ("ok", "ok <path>" for skillradar, or "unavailable: why" / "not built: why").

For each dataset (corpus x label set) and each tool: one untimed warm-up run, then --runs process runs (default 5,
quick 3), each printing the counts
on stdout and one JSON stats line as the last line of stderr; peak memory from /usr/bin/time -v. Reported:
median scan MB/s (single thread; scan excludes automaton build and file reading), median build seconds,
automaton bytes, median peak RSS, matches, and agreement of the per-label counts with the reference
(peers/reference.py, cached per input). skillradar also runs with --threads 1..nproc next to its --scan-only
baseline. Results: Benchmarks/work/results/YYYY-MM-DD-<machine>[-quick].md/.json and latest.md (ignored by git);
with --record, the committed Benchmarks/results/ instead.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
DATA = os.path.join(WORK, "data")
REFS = os.path.join(WORK, "ref")
SETUP = os.path.join(WORK, "setup")
OUTS = os.path.join(WORK, "out")
RECORDED = os.path.join(HERE, "results")  # committed result files, written only with --record
VENV_PY = os.path.join(HERE, ".venv", "bin", "python")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))

# Tools: name -> description, command (before --labels/--corpus), corpus cap in MB (full, quick) or None,
# and the known reason for disagreements (None = meant to be exact: any disagreement is a bug).
PEERS = {
    "rust-aho-corasick": {
        "what": "Rust aho-corasick 0.7 (Debian crate), LeftmostLongest DFA, ASCII case-insensitive + exact repair",
        "cmd": [os.path.join(WORK, "rust-ac-target", "release", "rust-ac-count")],
        "cap": None, "reason": None},
    "hyperscan-c": {
        "what": "Hyperscan 5.4 (Debian libhs) in C, literal API, CASELESS|SOM_LEFTMOST + boundary/leftmost-longest post-pass",
        "cmd": [os.path.join(WORK, "hs", "hs-count")],
        "cap": None, "reason": None},
    "pyahocorasick": {
        "what": "pyahocorasick Automaton.iter (all matches) + boundary/leftmost-longest post-pass in Python",
        "cmd": [VENV_PY, os.path.join(HERE, "peers", "py_pyahocorasick.py")],
        "cap": None, "reason": None},
    "ahocorasick_rs": {
        "what": "ahocorasick_rs BytesAhoCorasick, overlapping matches + boundary/leftmost-longest post-pass in Python",
        "cmd": [VENV_PY, os.path.join(HERE, "peers", "py_ahocorasick_rs.py")],
        "cap": None, "reason": None},
    "hyperscan-py": {
        "what": "hyperscan (PyPI) literal API, CASELESS|SOM_LEFTMOST, Python callback + post-pass",
        "cmd": [VENV_PY, os.path.join(HERE, "peers", "py_hyperscan.py")],
        "cap": None, "reason": None},
    "flashtext": {
        "what": "flashtext KeywordProcessor (pure Python trie), spans re-checked",
        "cmd": [VENV_PY, os.path.join(HERE, "peers", "py_flashtext.py")],
        "cap": (20, 10),
        "reason": "flashtext consumes the character after a match as its boundary, so an occurrence starting "
                  "right there is missed or replaced (label '.' in '..' counts 1 instead of 2; labels '+' and '.+' "
                  "on '+.+' give '+' twice instead of '+' and '.+'); only text where punctuation touches "
                  "punctuation is affected"},
    "spacy": {
        "what": "spaCy 3 PhraseMatcher on spacy.blank('en'), attr=LOWER, spans re-checked",
        "cmd": [VENV_PY, os.path.join(HERE, "peers", "py_spacy.py")],
        "cap": (4, 1),
        "reason": "token-based: an occurrence is found only where the label's tokens line up with spaCy's "
                  "tokens, e.g. 'ado.net/docker' and 'x++/docker' are one token (URL-like), Latin terms glued to "
                  "CJK text ('熟悉Python和Node.js开发' is one token), so such occurrences are missed"},
}
PEER_ORDER = ["rust-aho-corasick", "hyperscan-c", "pyahocorasick", "ahocorasick_rs", "hyperscan-py", "flashtext",
              "spacy"]


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------------- data

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def generated(path, argv, sources):
    """Run a generator unless `path` exists with a stamp for the same command and generator sources."""
    key = hashlib.sha256(json.dumps(argv).encode() + b"".join(open(s, "rb").read() for s in sources)).hexdigest()
    stamp = path + ".stamp"
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read().strip() == key:
        return True
    log("generating " + os.path.relpath(path, HERE))
    r = subprocess.run([sys.executable] + argv, capture_output=True, text=True)
    print(r.stdout.strip(), flush=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        raise SystemExit(f"generator failed: {argv}")
    with open(stamp, "w") as f:
        f.write(key + "\n")
    return os.path.exists(path)


def head_slice(path, mb):
    """The first lines of `path` up to mb megabytes (cut at a line end), cached next to it."""
    limit = int(mb * 1_000_000)
    if os.path.getsize(path) <= limit * 1.05:
        return path
    out = f"{os.path.splitext(path)[0]}.head{mb:g}mb.txt"
    if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(path):
        return out
    with open(path, "rb") as f:
        data = f.read(limit)
    cut = data.rfind(b"\n") + 1
    with open(out + ".tmp", "wb") as f:
        f.write(data[:cut] if cut > 0 else data)
    os.replace(out + ".tmp", out)
    return out


def datasets(quick):
    os.makedirs(DATA, exist_ok=True)
    gen = os.path.join(HERE, "gen", "make_corpus.py")
    real = os.path.join(HERE, "gen", "make_real.py")
    corpus_mb = 10 if quick else 100
    synth = os.path.join(DATA, f"corpus-synth-{corpus_mb}mb.txt")
    generated(synth, [gen, "corpus", "--out", synth, "--mb", str(corpus_mb), "--seed", "42"], [gen])
    out = []
    for n, tag in ((1000, "1k"), (10000, "10k"), (100000, "100k")):
        if quick and n > 10000:
            continue
        lab = os.path.join(DATA, f"labels-synth-{tag}.txt")
        generated(lab, [gen, "labels", "--out", lab, "--count", str(n), "--seed", "42"], [gen])
        out.append({"name": f"synth-{corpus_mb}MB / synth-{tag}", "corpus": synth, "labels": lab,
                    "about": f"synthetic postings ({corpus_mb} MB), {tag} synthetic skill labels"})
    note = []
    real_mb = 2 if quick else 4
    if os.path.isdir(SHARED):
        realdir = os.path.join(DATA, f"real-{real_mb}mb")
        stamp_ok = generated(os.path.join(realdir, "corpus-real.txt"),
                             [real, "--shared", SHARED, "--out-dir", realdir, "--mb", str(real_mb)], [real])
        corpus = os.path.join(realdir, "corpus-real.txt")
        for tag, fname, about in (("esco", "labels-esco.txt", "ESCO v1.1.1 skills, preferred + alt labels"),
                                  ("onet", "labels-onet.txt", "O*NET 29.2 Technology Skills examples")):
            lab = os.path.join(realdir, fname)
            if quick and tag == "esco":
                note.append("quick mode: the ESCO label set (~98k labels) is left to the full run")
                continue
            if stamp_ok and os.path.exists(corpus) and os.path.exists(lab):
                out.append({"name": f"real-{real_mb}MB / {tag}", "corpus": corpus, "labels": lab,
                            "about": f"real postings (pythonjobs, SkillSpan, ruanyf zh; {real_mb} MB), {about}"})
            else:
                note.append(f"real data set {tag} skipped: its source files are not in {SHARED}")
    else:
        note.append(f"real data sets skipped: {SHARED} not found")
    tl = os.path.join(DATA, "labels-tricky.txt")
    tc = os.path.join(DATA, "corpus-tricky.txt")
    generated(tc, [gen, "tricky", "--labels-out", tl, "--corpus-out", tc, "--mb", "1", "--count", "400"], [gen])
    out.append({"name": "tricky-1MB / tricky-400", "corpus": tc, "labels": tl,
                "about": "adversarial: random labels and text over a tiny alphabet with punctuation, case, 'é'"})
    for n in note:
        log("note: " + n)
    return out, note


# ------------------------------------------------------------------------------------------------ running

def read_status(tool):
    p = os.path.join(SETUP, tool + ".status")
    if not os.path.exists(p):
        return "unavailable: not set up (run Benchmarks/run.sh, which sets the tools up)"
    return open(p).read().strip()


def run_once(cmd, out_path, timeout):
    """Run one tool process; return dict with rc, stats (last stderr JSON line), rss_kb, wall, stderr tail."""
    time_bin = shutil.which("time", path="/usr/bin")
    tfile = tempfile.NamedTemporaryFile(prefix="time-", suffix=".txt", dir=WORK, delete=False)
    tfile.close()
    full = ([time_bin, "-v", "-o", tfile.name] if time_bin else []) + cmd
    t0 = time.perf_counter()
    with open(out_path, "wb") as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen(full, stdout=out, stderr=err, start_new_session=True)
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = "timeout"
        wall = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    rss = None
    if time_bin:
        txt = open(tfile.name).read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt)
        rss = int(m.group(1)) if m else None
        m = re.search(r"Exit status: (\d+)", txt)
        if m and rc == 0:
            rc = int(m.group(1))
    os.unlink(tfile.name)
    stats = None
    lines = [l for l in stderr.splitlines() if l.strip()]
    if lines:
        try:
            stats = json.loads(lines[-1])
        except ValueError:
            stats = None
    return {"rc": rc, "stats": stats, "rss_kb": rss, "wall": wall, "stderr_tail": "\n".join(lines[-5:])}


def parse_counts(path):
    counts, problems, prev = {}, [], None
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip(b"\n")
            if not line:
                continue
            lab, sep, c = line.rpartition(b"\t")
            if not sep or not c.isdigit():
                problems.append(f"line {n} is not label<TAB>count")
                continue
            key = lab.lower()
            if key != lab and "not lower-cased" not in problems:
                problems.append("not lower-cased")
            if prev is not None and key <= prev and "not sorted / duplicate labels" not in problems:
                problems.append("not sorted / duplicate labels")
            prev = key
            counts[key] = counts.get(key, 0) + int(c)
    return counts, problems


def reference_counts(labels, corpus, timeout):
    os.makedirs(REFS, exist_ok=True)
    ref_py = os.path.join(HERE, "peers", "reference.py")
    key = hashlib.sha256((sha256_file(labels) + sha256_file(corpus) + sha256_file(ref_py)).encode()).hexdigest()[:24]
    tsv, js = os.path.join(REFS, key + ".tsv"), os.path.join(REFS, key + ".json")
    if not (os.path.exists(tsv) and os.path.exists(js)):
        log(f"reference: {os.path.basename(labels)} on {os.path.basename(corpus)} (cached afterwards)")
        r = run_once([sys.executable, ref_py, "--labels", labels, "--corpus", corpus], tsv + ".tmp", timeout)
        if r["rc"] != 0 or not r["stats"]:
            raise SystemExit(f"reference failed: {r['rc']} {r['stderr_tail']}")
        os.replace(tsv + ".tmp", tsv)
        with open(js, "w") as f:
            json.dump({"stats": r["stats"], "rss_kb": r["rss_kb"]}, f)
    counts, problems = parse_counts(tsv)
    assert not problems, problems
    return counts, json.load(open(js))


def compare(got, ref):
    keys = set(got) | set(ref)
    diff = [(k, got.get(k, 0), ref.get(k, 0)) for k in keys if got.get(k, 0) != ref.get(k, 0)]
    diff.sort(key=lambda d: (-abs(d[1] - d[2]), d[0]))
    return diff


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def bench_tool(tool, cmd, ds_corpus, ds_labels, runs, timeout, ref, extra_args=(), check_output=True, warmup=True):
    """Run a tool `runs` times on one input; returns the row dict."""
    os.makedirs(OUTS, exist_ok=True)
    size = os.path.getsize(ds_corpus)
    row = {"tool": tool, "corpus": os.path.relpath(ds_corpus, HERE), "corpus_bytes": size, "runs": []}
    digests = set()
    first_out = None
    # One untimed warm-up run (page cache, CPU frequency, the host's other tenants settling), the same for
    # every tool; a tool that fails here fails the same way in the timed runs below.
    if warmup:
        run_once(list(cmd) + ["--labels", ds_labels, "--corpus", ds_corpus] + list(extra_args),
                 os.path.join(OUTS, f"{tool}-warmup.tsv"), timeout)
    for i in range(runs):
        out = os.path.join(OUTS, f"{tool}-{i}.tsv")
        r = run_once(list(cmd) + ["--labels", ds_labels, "--corpus", ds_corpus] + list(extra_args), out, timeout)
        row["runs"].append({k: r[k] for k in ("rc", "stats", "rss_kb", "wall")})
        if r["rc"] != 0 or not isinstance(r["stats"], dict):
            row["status"] = f"timeout (> {timeout:.0f} s)" if r["rc"] == "timeout" else f"failed (exit {r['rc']})"
            row["error"] = r["stderr_tail"][-600:]
            return row
        digests.add(sha256_file(out))
        if first_out is None:
            first_out = out
    stats = [r["stats"] for r in row["runs"]]
    scan = median([s.get("scan_seconds") for s in stats])
    nbytes = stats[0].get("bytes")
    row.update({
        "status": "ok",
        "labels": stats[0].get("labels"),
        "threads": stats[0].get("threads"),
        "scan_seconds": scan,
        "mb_per_s": (nbytes / 1e6 / scan) if (scan and nbytes) else None,
        "mb_per_s_runs": [(s.get("bytes") or 0) / 1e6 / s["scan_seconds"] if s.get("scan_seconds") else None
                          for s in stats],
        "build_seconds": median([s.get("build_seconds") for s in stats]),
        "automaton_bytes": stats[0].get("automaton_bytes"),
        "peak_rss_kb": median([r["rss_kb"] for r in row["runs"]]),
        "matches": stats[0].get("matches"),
        "bytes": nbytes,
        "deterministic": len(digests) == 1,
    })
    notes = []
    if nbytes != size:
        notes.append(f"reported bytes {nbytes} != corpus size {size}")
    got, problems = parse_counts(first_out)
    if not check_output:
        got, problems = {}, []
    notes += [f"output format: {p}" for p in problems]
    if check_output and row["matches"] is not None and row["matches"] != sum(got.values()):
        notes.append(f"JSON matches {row['matches']} != sum of printed counts {sum(got.values())}")
    if check_output and not row["deterministic"]:
        notes.append("output differs between runs")
    if ref is not None:
        d = compare(got, ref)
        row["agree"] = not d
        row["differing_labels"] = len(d)
        row["examples"] = [{"label": k.decode("utf-8", "replace"), "tool": a, "reference": b} for k, a, b in d[:3]]
        row["tool_total"], row["reference_total"] = sum(got.values()), sum(ref.values())
    row["notes"] = notes
    return row


def cached_load(cmd, ds, runs, timeout, ref):
    """`count --cache DIR`: the first run compiles and stores the automaton, the next `runs` load it."""
    cache = tempfile.mkdtemp(prefix="cache-", dir=WORK)
    try:
        fill = bench_tool("skillradar --cache (fill)", cmd, ds["corpus"], ds["labels"], 1, timeout, None,
                          ["--threads", "1", "--cache", cache], check_output=False, warmup=False)
        if fill.get("status") != "ok":
            return fill
        load = bench_tool("skillradar --cache", cmd, ds["corpus"], ds["labels"], runs, timeout, ref,
                          ["--threads", "1", "--cache", cache])
        if load.get("status") != "ok":
            return load
        cached = all((r["stats"] or {}).get("cached") for r in load["runs"])
        return {"status": "ok" if cached else "not cached", "load_seconds": load["build_seconds"],
                "build_seconds": fill["build_seconds"], "agree": load.get("agree"), "runs": runs,
                "image_bytes": sum(os.path.getsize(os.path.join(cache, f)) for f in os.listdir(cache))}
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def targets(result):
    """The issue's targets, checked against this run (rows of: target, measured, met)."""
    by = {ds["name"]: ds for ds in result["datasets"]}
    out = []

    def row(ds_name, tool):
        ds = by.get(ds_name)
        for r in (ds or {}).get("rows", []):
            if r["tool"] == tool and r.get("status") == "ok":
                return r
        return None

    def peers(ds_name):
        ds = by.get(ds_name) or {}
        return [r for r in ds.get("rows", []) if r.get("status") == "ok" and not r["tool"].startswith("skillradar")
                and not r.get("is_reference") and not r.get("sliced")]

    for ds_name, label, goal in [("synth-100MB / synth-10k", "10k labels", 500),
                                 ("synth-100MB / synth-100k", "100k labels", 300)]:
        r = row(ds_name, "skillradar (1 thread)")
        if r:
            out.append((f"single thread, {label}: ≥ {goal} MB/s", f"{r['mb_per_s']:,.1f} MB/s",
                        r["mb_per_s"] >= goal))
    r, ps = row("synth-100MB / synth-10k", "skillradar (1 thread)"), peers("synth-100MB / synth-10k")
    if r and ps:
        best = max(ps, key=lambda x: x["mb_per_s"])
        ratio = r["mb_per_s"] / best["mb_per_s"]
        out.append(("10k labels: ≥ 5× the fastest peer", f"{ratio:.2f}× {best['tool']} ({best['mb_per_s']:,.1f} MB/s)",
                    ratio >= 5))
    r = row("synth-100MB / synth-100k", "skillradar (1 thread)")
    if r:
        out.append(("100k labels: build ≤ 1 s", f"{r['build_seconds']:.3f} s", r["build_seconds"] <= 1))
        mib = r["automaton_bytes"] / 1048576 if r.get("automaton_bytes") else None
        if mib is not None:
            out.append(("100k labels: automaton ≤ 100 MB", f"{mib:,.1f} MiB", mib <= 100))
        cl = (by["synth-100MB / synth-100k"].get("cached_load") or {})
        if cl.get("status") == "ok":
            out.append(("100k labels: cached compiled automaton loads in ≤ 50 ms",
                        f"{cl['load_seconds'] * 1000:.1f} ms", cl["load_seconds"] <= 0.05))
    for ds_name in ["synth-100MB / synth-10k", "synth-100MB / synth-100k"]:
        sc = (by.get(ds_name) or {}).get("scaling") or []
        if len(sc) >= 2 and all(x["count"].get("mb_per_s") and x["scan_only"].get("mb_per_s") for x in sc):
            c = sc[-1]["count"]["mb_per_s"] / sc[0]["count"]["mb_per_s"]
            b = sc[-1]["scan_only"]["mb_per_s"] / sc[0]["scan_only"]["mb_per_s"]
            out.append((f"parallel ({ds_name.split('/')[-1].strip()}): ≥ 90 % of the scan-only speed-up",
                        f"{c:.2f}× vs scan-only {b:.2f}× ({100 * c / b:.0f} %)", c >= 0.9 * b))
    return out


# ------------------------------------------------------------------------------------------------ machine

def sh(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine_info(skillradar_bin):
    cpu = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1048576:.1f} GiB"
    osname = platform.platform()
    if os.path.exists("/etc/os-release"):
        m = re.search(r'PRETTY_NAME="([^"]+)"', open("/etc/os-release").read())
        if m:
            osname = m.group(1)
    versions = {"python (driver)": platform.python_version()}
    if os.path.exists(VENV_PY):
        versions["python (venv)"] = sh([VENV_PY, "-c", "import platform; print(platform.python_version())"])
        pk = sh([VENV_PY, "-c", "import importlib.metadata as m, json\nout = {}\n"
                 "for p in ['flashtext', 'pyahocorasick', 'ahocorasick_rs', 'hyperscan', 'spacy']:\n"
                 "    try: out[p] = m.version(p)\n    except Exception: pass\nprint(json.dumps(out))"])
        try:
            versions.update(json.loads(pk))
        except ValueError:
            pass
        hsinfo = sh([VENV_PY, "-c", "import hyperscan; d = hyperscan.Database(); d.compile(expressions=[b'a'], "
                     "literal=True); print(d.info().decode())"])
        if hsinfo:
            versions["hyperscan (PyPI) engine"] = hsinfo
    lock = os.path.join(HERE, "native", "rust-ac", "Cargo.lock")
    if os.path.exists(lock):
        m = re.search(r'name = "aho-corasick"\nversion = "([^"]+)"', open(lock).read())
        if m:
            versions["aho-corasick (crate)"] = m.group(1)
    versions["rustc"] = sh(["rustc", "--version"])
    hsbin = PEERS["hyperscan-c"]["cmd"][0]
    if os.path.exists(hsbin):
        versions["hyperscan (libhs)"] = sh([hsbin, "--version"])
    versions["gcc"] = sh(["gcc", "--version"]).split("\n")[0]
    versions["swift"] = sh(["swift", "--version"]).split("\n")[0]
    commit = sh(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources", "Package.swift"])
    versions["skillradar"] = (commit + (" + uncommitted changes in Sources/" if dirty else "")) or "?"
    return {"nproc": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)), "cpu": cpu, "memory": mem,
            "os": osname, "kernel": platform.release(), "hostname": platform.node(), "versions": versions}


# ------------------------------------------------------------------------------------------------ report

def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def agree_cell(row):
    if row.get("status") != "ok":
        return "-"
    if row.get("is_reference"):
        return "(reference)"
    if "agree" not in row:
        return "?"
    if row["agree"]:
        return "yes"
    return f"**no**: {row['differing_labels']} labels differ"


def render_md(result):
    m = result["machine"]
    L = []
    L.append(f"# Peer benchmark: the standard counting task ({result['mode']} run)")
    L.append("")
    L.append(f"- date: {result['date']}; machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']}, {m['os']}, "
             f"kernel {m['kernel']}")
    L.append(f"- load average (1/5/15 min) before: {' '.join(map(str, result['load_before']))}, after: "
             f"{' '.join(map(str, result['load_after']))}"
             + ("  (**the machine was busy: treat throughput as indicative**)"
                if max(result['load_before'][0], result['load_after'][0]) > 0.5 * m["nproc"] else ""))
    if result.get("subset"):
        L.append(f"- subset run: {result['subset']}")
    L.append(f"- {result['runs']} timed runs per tool and data set after one untimed warm-up run (median shown); "
             f"wall time of the whole run: "
             f"{result['elapsed_seconds']:.0f} s")
    L.append("- versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v))
    L.append("")
    L.append("Columns: **MB/s** = corpus bytes / 10^6 / median scan seconds, one thread (scan = search + boundary "
             "and leftmost-longest handling + counting; excludes reading files, building the automaton and "
             "printing). **build s** = median automaton build. **automaton MiB** = size the tool reports (`-` = "
             "not reported). **peak RSS** = median maximum resident set of the whole process (/usr/bin/time -v; "
             "includes the corpus held in memory and the interpreter). **matches** = occurrences counted. "
             "**agrees** = per-label counts equal to the reference implementation's on the same input.")
    L.append("")
    checks = targets(result)
    if checks:
        L.append("## Targets (issue 3), checked on this run")
        L.append("")
        L.append("| target | measured | met |")
        L.append("|---|---|---|")
        for t, v, ok in checks:
            L.append(f"| {t} | {v} | {'yes' if ok else '**no**'} |")
        L.append("")
        L.append("The product-path target (JSONL → match → SQLite, ≥ 50,000 postings/s) is measured by "
                 "`Benchmarks/smoke.sh` (results/smoke-latest.md), not here.")
        L.append("")
    for ds in result["datasets"]:
        L.append(f"## {ds['name']}")
        L.append("")
        L.append(f"{ds['about']}. Corpus {ds['corpus_bytes'] / 1e6:.1f} MB, {ds['labels']} distinct labels, "
                 f"reference: {ds['reference_matches']} matches.")
        L.append("")
        L.append("| tool | corpus MB | MB/s | MB/s min–max | build s | automaton MiB | peak RSS MiB | matches | agrees |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in ds["rows"]:
            name = row["tool"]
            if row.get("status") != "ok":
                L.append(f"| {name} | - | - | - | - | - | - | - | {row.get('status')} |")
                continue
            mb = row["corpus_bytes"] / 1e6
            sliced = " (slice)" if row.get("sliced") else ""
            rr = [x for x in row.get("mb_per_s_runs") or [] if x]
            spread = f"{min(rr):,.1f}–{max(rr):,.1f}" if rr else "-"
            L.append(f"| {name} | {mb:.1f}{sliced} | {fmt(row['mb_per_s'], ',.1f')} | {spread} | "
                     f"{fmt(row['build_seconds'], '.3f')} | "
                     f"{fmt(row['automaton_bytes'] / 1048576 if row['automaton_bytes'] else None, ',.1f')} | "
                     f"{fmt(row['peak_rss_kb'] / 1024 if row['peak_rss_kb'] else None, ',.0f')} | "
                     f"{fmt(row['matches'], ',')} | {agree_cell(row)} |")
        if ds.get("scaling"):
            L.append("")
            L.append("skillradar scaling (`count --threads N` next to the `--scan-only` baseline, same chunking):")
            L.append("")
            L.append("| threads | count MB/s | speedup | agrees | scan-only MB/s | scan-only speedup |")
            L.append("|---:|---:|---:|---|---:|---:|")
            base_c = base_s = None
            for s in ds["scaling"]:
                c, b = s.get("count") or {}, s.get("scan_only") or {}
                cm, bm = c.get("mb_per_s"), b.get("mb_per_s")
                base_c = base_c or cm
                base_s = base_s or bm
                L.append(f"| {s['threads']} | {fmt(cm, ',.1f') if c.get('status') == 'ok' else c.get('status', '-')} "
                         f"| {fmt(cm / base_c if cm and base_c else None, '.2f')} | {agree_cell(c)} | "
                         f"{fmt(bm, ',.1f') if b.get('status') == 'ok' else b.get('status', '-')} | "
                         f"{fmt(bm / base_s if bm and base_s else None, '.2f')} |")
        cl = ds.get("cached_load")
        if cl:
            L.append("")
            if cl.get("status") == "ok":
                L.append(f"Compiled automaton cached on disk (`count --cache DIR`, image {cl['image_bytes'] / 1048576:,.1f} "
                         f"MiB): load {cl['load_seconds'] * 1000:,.1f} ms (median of {cl['runs']}; the uncached build "
                         f"took {cl['build_seconds']:.3f} s); counts after a cached load agree: "
                         f"{'yes' if cl.get('agree') else '**no**'}.")
            else:
                L.append(f"Cached load: {cl.get('status')}")
        L.append("")
    dis = []
    for ds in result["datasets"]:
        shown = {r.get("threads") for r in ds["rows"] if r["tool"].startswith("skillradar")}
        extra = [dict(s["count"], tool=f"skillradar ({s['threads']} threads)") for s in ds.get("scaling", [])
                 if s.get("count") and s["threads"] not in shown]
        dis += [(ds["name"], row) for row in ds["rows"] + extra if row.get("agree") is False]
    L.append("## Disagreements with the reference")
    L.append("")
    if not dis:
        L.append("None: every tool that ran agreed exactly with the reference on every data set.")
    for name, row in dis:
        ex = "; ".join(f"`{e['label']}` tool {e['tool']} vs reference {e['reference']}" for e in row["examples"])
        L.append(f"- **{row['tool']}** on {name}: {row['differing_labels']} labels differ (total {row['tool_total']} "
                 f"vs {row['reference_total']}), e.g. {ex}. Reason: {row.get('reason') or 'unknown'}.")
    other = [(ds["name"], row) for ds in result["datasets"] for row in ds["rows"] if row.get("notes")]
    for name, row in other:
        L.append(f"- note on **{row['tool']}** / {name}: " + "; ".join(row["notes"]))
    fails = [(ds["name"], row) for ds in result["datasets"] for row in ds["rows"]
             if row.get("error") is not None or str(row.get("status", "")).startswith(("failed", "timeout"))]
    if fails:
        L.append("")
        L.append("## Failures")
        L.append("")
        for name, row in fails:
            last = (row.get("error") or "").strip().splitlines()[-1:] or [""]
            L.append(f"- **{row['tool']}** on {name}: {row['status']}: `{last[0][:300]}`")
    L.append("")
    L.append("## Tools")
    L.append("")
    for t in result["tools"]:
        L.append(f"- **{t['name']}**: {t['what']} — {t['status']}"
                 + (f"; corpus capped at {t['cap_mb']} MB (slow peer: runs on the first lines of the corpus, "
                    f"compared with the reference on the same slice)" if t.get("cap_mb") else ""))
    for n in result["notes"]:
        L.append(f"- note: {n}")
    L.append("")
    L.append("Generated by `bash Benchmarks/run.sh" + (" --quick" if result["mode"] == "quick" else "")
             + "`; raw numbers in the .json file next to this one.")
    return "\n".join(L) + "\n"


# ------------------------------------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="10 MB corpus, 1k/10k labels (CI smoke)")
    ap.add_argument("--runs", type=int, help="timed runs per tool and data set after one untimed warm-up run "
                    "(median reported; default 5, quick 3)")
    ap.add_argument("--tools", help="comma-separated subset of tools (skillradar," + ",".join(PEER_ORDER) + ")")
    ap.add_argument("--datasets", help="comma-separated substrings of data set names to keep")
    ap.add_argument("--timeout", type=float, help="seconds per tool process (default 300, quick 120); a tool "
                    "that times out or fails on a data set is not run again on it")
    ap.add_argument("--record", action="store_true", help="write the result files to the committed "
                    "Benchmarks/results/ (default: Benchmarks/work/results/, ignored by git)")
    ap.add_argument("--results", help="folder for the result files (overrides the default and --record)")
    a = ap.parse_args()
    if a.results is None:
        a.results = RECORDED if a.record else os.path.join(WORK, "results")
    if a.timeout is None:
        a.timeout = 120 if a.quick else 300
    if a.runs is None:
        a.runs = 3 if a.quick else 5
    t_start = time.time()
    load_before = [round(x, 2) for x in os.getloadavg()]
    mode = "quick" if a.quick else "full"
    wanted = set(a.tools.split(",")) if a.tools else None
    if wanted and wanted - set(["skillradar"] + PEER_ORDER):
        ap.error(f"unknown tools: {', '.join(sorted(wanted - set(['skillradar'] + PEER_ORDER)))}")

    sk_status = read_status("skillradar")
    sk_bin = sk_status.split(" ", 1)[1] if sk_status.startswith("ok ") else None
    tools = [{"name": "skillradar", "what": "skillradar count (Swift, this repository)",
              "status": "ok" if sk_bin else sk_status}]
    for name in PEER_ORDER:
        p = PEERS[name]
        cap = p["cap"][1 if a.quick else 0] if p["cap"] else None
        tools.append({"name": name, "what": p["what"], "status": read_status(name), "cap_mb": cap})
    tools = [t for t in tools if wanted is None or t["name"] in wanted]
    for t in tools:
        log(f"{t['name']}: {t['status']}")

    dsets, notes = datasets(a.quick)
    if a.datasets:
        keep = a.datasets.split(",")
        dsets = [d for d in dsets if any(k in d["name"] for k in keep)]
    nthreads = len(os.sched_getaffinity(0))
    result = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "mode": mode,
              "runs": a.runs, "machine": machine_info(sk_bin), "tools": tools, "notes": notes, "datasets": [],
              "load_before": load_before,
              "subset": ", ".join(f"--{k} {v}" for k, v in (("tools", a.tools), ("datasets", a.datasets)) if v)}
    for ds in dsets:
        ref, refinfo = reference_counts(ds["labels"], ds["corpus"], max(a.timeout, 3600))
        entry = {"name": ds["name"], "about": ds["about"], "corpus": os.path.relpath(ds["corpus"], HERE),
                 "labels_file": os.path.relpath(ds["labels"], HERE), "corpus_bytes": os.path.getsize(ds["corpus"]),
                 "labels": refinfo["stats"]["labels"], "reference_matches": refinfo["stats"]["matches"],
                 "rows": [], "scaling": []}
        ref_row = {"tool": "reference (Python)", "status": "ok", "corpus_bytes": entry["corpus_bytes"],
                   "mb_per_s": refinfo["stats"]["mb_per_s"], "build_seconds": refinfo["stats"]["build_seconds"],
                   "automaton_bytes": None, "peak_rss_kb": refinfo.get("rss_kb"),
                   "matches": refinfo["stats"]["matches"], "agree": True, "notes": [],
                   "runs": "1 (cached)", "is_reference": True}
        for t in tools:
            name = t["name"]
            if not t["status"].startswith("ok"):
                entry["rows"].append({"tool": name, "status": t["status"].split(":")[0], "detail": t["status"]})
                continue
            if name == "skillradar":
                cmd = [sk_bin, "count"]
                log(f"{ds['name']}: skillradar --threads 1..{nthreads}")
                for th in range(1, nthreads + 1):
                    c = bench_tool("skillradar", cmd, ds["corpus"], ds["labels"], a.runs, a.timeout, ref,
                                   ["--threads", str(th)])
                    c["reason"] = "unknown: skillradar is meant to be exact; investigate"
                    s = bench_tool("skillradar --scan-only", cmd + ["--scan-only"], ds["corpus"], ds["labels"],
                                   a.runs, a.timeout, None, ["--threads", str(th)], check_output=False)
                    entry["scaling"].append({"threads": th, "count": c, "scan_only": s})
                    if c.get("status") != "ok":
                        log(f"  skillradar --threads {th}: {c['status']}: {c.get('error', '')[-200:]}")
                        entry["rows"].append(dict(c, tool=f"skillradar ({th} thread{'s' if th > 1 else ''})"))
                        break
                    log(f"  skillradar --threads {th}: {c['mb_per_s']:.1f} MB/s (scan-only "
                        f"{fmt(s.get('mb_per_s'), '.1f')}), agrees: {c.get('agree')}")
                    if th == 1:
                        entry["rows"].append(dict(c, tool="skillradar (1 thread)"))
                    elif th == nthreads:
                        entry["rows"].append(dict(c, tool=f"skillradar ({th} threads)"))
                entry["cached_load"] = cached_load(cmd, ds, a.runs, a.timeout, ref)
                cl = entry["cached_load"]
                if cl.get("status") == "ok":
                    log(f"  skillradar --cache: load {cl['load_seconds'] * 1000:.1f} ms (build "
                        f"{cl['build_seconds']:.3f} s), agrees: {cl.get('agree')}")
                continue
            corpus, sliced = ds["corpus"], False
            if t.get("cap_mb"):
                corpus = head_slice(ds["corpus"], t["cap_mb"])
                sliced = corpus != ds["corpus"]
            use_ref = ref if not sliced else reference_counts(ds["labels"], corpus, max(a.timeout, 3600))[0]
            log(f"{ds['name']}: {name}" + (f" (first {t['cap_mb']} MB)" if sliced else ""))
            row = bench_tool(name, PEERS[name]["cmd"], corpus, ds["labels"], a.runs, a.timeout, use_ref)
            row["sliced"] = sliced
            row["reason"] = PEERS[name]["reason"] or "unknown: this peer's emulation is meant to be exact"
            entry["rows"].append(row)
            if row.get("status") != "ok":
                log(f"  {name}: {row['status']}: {row.get('error', '')[-200:]}")
            else:
                log(f"  {name}: {row['mb_per_s']:.1f} MB/s, agrees: {row.get('agree')}")
        entry["rows"].append(ref_row)
        result["datasets"].append(entry)
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    result["elapsed_seconds"] = time.time() - t_start

    os.makedirs(a.results, exist_ok=True)
    m = result["machine"]
    slug = re.sub(r"[^a-z0-9]+", "-", m["cpu"].lower()).strip("-") or "cpu"
    base = f"{datetime.date.today().isoformat()}-{m['nproc']}cpu-{slug}" + ("-quick" if a.quick else "")
    md = render_md(result)
    with open(os.path.join(a.results, base + ".md"), "w") as f:
        f.write(md)
    with open(os.path.join(a.results, base + ".json"), "w") as f:
        json.dump(result, f, indent=1, default=str)
    shutil.copyfile(os.path.join(a.results, base + ".md"), os.path.join(a.results, "latest.md"))
    print(md)
    log(f"wrote {os.path.relpath(os.path.join(a.results, base), ROOT)}.md/.json and "
        f"{os.path.relpath(os.path.join(a.results, 'latest.md'), ROOT)} in {result['elapsed_seconds']:.0f} s"
        + ("" if os.path.abspath(a.results) == RECORDED
           else " (not recorded: add --record to update Benchmarks/results)"))


if __name__ == "__main__":
    main()
