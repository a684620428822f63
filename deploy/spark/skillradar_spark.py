"""skillradar on Apache Spark: the scan stage on the executors, the merge stage on the driver.

Usage (through deploy/spark/run.sh, which installs pyspark and Java when missing):
    spark-submit skillradar_spark.py --bin SKILLRADAR --db OUT.sqlite [--partitions N] [--parquet DIR]
                                     [--scan-arg ARG]... INPUT...

The driver expands the inputs exactly as `skillradar analyze` does (files as given; directories recursively,
files of known formats, sorted), cuts every uncompressed JSON Lines file into byte ranges of about
size / partitions bytes (`skillradar scan --range`: a range owns the records that start in it, so a cut may
fall anywhere) and keeps other files whole. Each task runs `skillradar scan` on its file or range on an
executor (the binary is shipped with SparkFiles) and returns its scan stream; a task that fails or whose
executor dies is retried by Spark, and its output is whole or absent, never half. The driver writes the parts
in input order and runs `skillradar merge`, which stores them exactly as one `analyze` of the same inputs
would (same postings, duplicate links, mentions, aggregates and accounting, whatever the partitioning). With
--parquet the store's aggregates and posting-level matches are also written as Parquet for Spark SQL.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

ARCHIVE = "skillradar-taxonomies.tar.gz"
KNOWN = {"jsonl", "ndjson", "json", "csv", "tsv", "tab", "html", "htm", "xhtml", "xml", "rss", "atom", "rdf"}


def known_format(name):
    name = os.path.basename(name).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return "." in name and name.rsplit(".", 1)[1] in KNOWN


def expand(inputs):
    """The files `skillradar analyze` would read, in its order."""
    out = []
    for item in inputs:
        if os.path.isdir(item):
            found = []
            for root, dirs, files in os.walk(item):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    if not f.startswith(".") and known_format(f):
                        found.append(os.path.join(root, f))
            if not found:
                sys.exit(f"error: directory {item} has no .jsonl, .csv, .tsv, .html or .xml files")
            out.extend(sorted(found))
        elif os.path.isfile(item):
            out.append(item)
        else:
            sys.exit(f"error: {item}: no such file or directory")
    return out


def plan(files, partitions):
    """Tasks ([paths], range or None) in input order: an uncompressed JSON Lines file larger than the target is
    cut into byte ranges; consecutive smaller files are packed into one task up to the target size."""
    total = sum(os.path.getsize(f) for f in files) or 1
    target = max(1, total // max(1, partitions))
    tasks, pack, packed = [], [], 0
    for f in files:
        size = os.path.getsize(f)
        plain_jsonl = f.lower().endswith((".jsonl", ".ndjson")) and not is_gzip(f)
        pieces = max(1, round(size / target)) if plain_jsonl else 1
        if pieces == 1:
            if pack and packed + size > target:
                tasks.append((pack, None))
                pack, packed = [], 0
            pack.append(f)
            packed += size
            continue
        if pack:
            tasks.append((pack, None))
            pack, packed = [], 0
        cuts = [size * k // pieces for k in range(pieces)] + [None]
        for a, b in zip(cuts, cuts[1:]):
            tasks.append(([f], f"{a}-{'' if b is None else b}"))
    if pack:
        tasks.append((pack, None))
    return tasks


def is_gzip(path):
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def scan_task(binary_name, scan_args):
    """The function each partition runs: one `skillradar scan`, its stream returned whole. It runs in the
    directory of the shipped files, where the binary finds the shipped Taxonomies/ (skills, places, titles)."""
    def run(items):
        from pyspark import SparkFiles
        root = SparkFiles.get(ARCHIVE)  # the shipped Taxonomies/, unpacked
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        for index, (paths, byte_range) in items:
            with tempfile.NamedTemporaryFile(suffix=".scan", delete=False) as out:
                part = out.name
            cmd = [binary, "scan"] + paths + ["--out", part, "--quiet", "--threads", "1"] + scan_args
            if byte_range:
                cmd += ["--range", byte_range]
            done = subprocess.run(cmd, capture_output=True, cwd=root)
            if done.returncode != 0:
                os.unlink(part)
                raise RuntimeError(f"skillradar scan {' '.join(paths)} {byte_range or ''} failed ({done.returncode}): "
                                   + done.stderr.decode(errors="replace")[-2000:])
            with open(part, "rb") as fh:
                data = fh.read()
            os.unlink(part)
            yield index, data
    return run


def export_parquet(spark, db, out):
    """The store's aggregates and posting-level matches as Parquet (one directory per table)."""
    import sqlite3
    tables = {
        "agg_skill_month": "SELECT corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month",
        "agg_period_totals": "SELECT corpus, period_month, region, postings, employers FROM agg_period_totals",
        "postings": "SELECT id, corpus, source_id, date, period_month, region, employer, source_path, source_line, "
                    "duplicate_of, duplicate_kind FROM postings",
        "mentions": "SELECT m.posting_id, m.concept_id, c.label AS label, m.count, m.confidence "
                    "FROM mentions m JOIN concepts c ON c.taxonomy_id = m.taxonomy_id AND c.concept_id = m.concept_id",
    }
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for name, sql in tables.items():
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if rows:
                spark.createDataFrame(rows, columns).write.mode("overwrite").parquet(os.path.join(out, name))
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser(description="skillradar scan on Spark executors, merge on the driver")
    ap.add_argument("--bin", required=True, help="skillradar binary (static Swift stdlib for a real cluster)")
    ap.add_argument("--db", required=True, help="SQLite store to write (as `skillradar analyze --db`)")
    ap.add_argument("--partitions", type=int, default=0, help="scan tasks (default: 2 x the cluster's cores)")
    ap.add_argument("--parquet", help="also write aggregates and matches as Parquet under this directory")
    ap.add_argument("--work", help="directory for the scan parts (default: a temporary one, removed)")
    ap.add_argument("--taxonomies", required=True, help="the Taxonomies directory shipped to the executors")
    ap.add_argument("--scan-arg", action="append", default=[], help="an option passed to scan (repeatable)")
    ap.add_argument("--merge-arg", action="append", default=[], help="an option passed to merge (repeatable)")
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("skillradar").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    files = [os.path.abspath(f) for f in expand(args.inputs)]
    db = os.path.abspath(args.db)
    taxonomies = os.path.abspath(args.taxonomies)
    work = args.work or tempfile.mkdtemp(prefix="skillradar-spark-")
    os.makedirs(work, exist_ok=True)
    archive = os.path.join(work, ARCHIVE)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(taxonomies, arcname="Taxonomies")
    sc.addArchive(archive)
    partitions = args.partitions or 2 * sc.defaultParallelism
    tasks = plan(files, partitions)
    binary = os.path.abspath(args.bin)
    sc.addFile(binary)
    print(f"skillradar-spark: {len(files)} input(s), {len(tasks)} scan task(s), master {sc.master}", file=sys.stderr)
    try:
        rdd = sc.parallelize(list(enumerate(tasks)), len(tasks))
        parts = [None] * len(tasks)
        for index, data in rdd.mapPartitions(scan_task(os.path.basename(binary), args.scan_arg)).toLocalIterator(True):
            parts[index] = os.path.join(work, f"part-{index:05d}.scan")
            with open(parts[index], "wb") as fh:
                fh.write(data)
        missing = [i for i, p in enumerate(parts) if p is None]
        if missing:
            sys.exit(f"error: scan tasks {missing} returned nothing")
        merge = subprocess.run([binary, "merge", "--db", db] + args.merge_arg + parts,
                               cwd=os.path.dirname(taxonomies))
        if merge.returncode not in (0, 3):
            sys.exit(merge.returncode)
        if args.parquet:
            export_parquet(spark, db, args.parquet)
        spark.stop()
        sys.exit(merge.returncode)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
