"""skillradar on Apache Spark: the scan stage on the executors, the merge stage on the driver.

Usage (through deploy/spark/run.sh, which installs pyspark and Java when missing):
    spark-submit skillradar_spark.py --bin SKILLRADAR --db OUT.sqlite [--partitions N] [--parquet DIR]
                                     [--scan-arg ARG]... INPUT...

The driver expands the inputs exactly as `skillradar analyze` does (files as given; directories recursively,
files of known formats, sorted), cuts every uncompressed JSON Lines or CSV file into byte ranges of about
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
import time

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
    """Tasks ([paths], range or None) in input order: an uncompressed JSON Lines or CSV file larger than the target
    is cut into byte ranges; consecutive smaller files are packed into one task up to the target size."""
    total = sum(os.path.getsize(f) for f in files) or 1
    target = max(1, total // max(1, partitions))
    tasks, pack, packed = [], [], 0
    for f in files:
        size = os.path.getsize(f)
        splittable = f.lower().endswith((".jsonl", ".ndjson", ".csv", ".tsv", ".tab")) and not is_gzip(f)
        pieces = max(1, round(size / target)) if splittable else 1
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
            keys = part + ".keys"
            cmd = [binary, "scan"] + paths + ["--out", part, "--keys", keys, "--quiet", "--threads", "1"] + scan_args
            if byte_range:
                cmd += ["--range", byte_range]
            done = subprocess.run(cmd, capture_output=True, cwd=root)
            try:
                if done.returncode != 0:
                    raise RuntimeError(f"skillradar scan {' '.join(paths)} {byte_range or ''} failed ({done.returncode}): "
                                       + done.stderr.decode(errors="replace")[-2000:])
                with open(part, "rb") as fh:
                    yield "part", index, fh.read()
                with open(keys, "rb") as fh:
                    yield "keys", index, fh.read()
            finally:
                for f in (part, keys):
                    if os.path.exists(f):
                        os.unlink(f)
    return run


def key_lines(item):
    """A task's record keys lines (JSON), each with the task's index added (`task`), for Spark to parse."""
    _, index, data = item
    prefix = '{"task":%d,' % index
    for line in data.splitlines():
        if line.startswith(b'{"b":'):
            yield prefix + line[1:].decode()


def key_meta(item):
    """A task's header, inputs and record count (the keys lines that are not records)."""
    import json
    _, index, data = item
    for line in data.splitlines():
        if line.startswith(b'{"b":'):
            continue
        o = json.loads(line)
        if "header" in o:
            yield "header", index, o["header"]
        elif "file" in o:
            yield "file", index, o["file"]
        elif "records" in o:
            yield "records", index, o["records"]


def similar_task(binary_name, files, parameters, tokenizer):
    """Verifies a partition of candidate class pairs with `skillradar similar` (exact Jaccard of the classes'
    representative records, read back from their sources): yields the pairs at or above the threshold."""
    def run(rows):
        import json
        from pyspark import SparkFiles
        root = SparkFiles.get(ARCHIVE)
        binary = SparkFiles.get(binary_name)
        os.chmod(binary, 0o755)
        lines, classes, paths = [], {}, set()
        for r in rows:
            for c, path, pos, h, t in ((r.x, r.xpath, r.xpos, r.xh, r.xt), (r.y, r.ypath, r.ypos, r.yh, r.yt)):
                if c not in classes:
                    classes[c] = json.dumps({"c": c, "path": path, "pos": list(pos), "h": h, "t": t})
                    paths.add(path)
            lines.append(json.dumps({"p": [r.x, r.y]}))
        if not lines:
            return
        with tempfile.NamedTemporaryFile("w", suffix=".work", delete=False) as out:
            for p in sorted(paths):
                out.write(json.dumps({"file": files.value[p]}) + "\n")
            out.write("\n".join(classes.values()) + "\n" + "\n".join(lines) + "\n")
            work = out.name
        try:
            done = subprocess.run([binary, "similar", work, "--parameters", parameters, "--tokenizer", tokenizer],
                                  capture_output=True, cwd=root)
        finally:
            os.unlink(work)
        if done.returncode != 0:
            raise RuntimeError(f"skillradar similar failed ({done.returncode}): " + done.stderr.decode(errors="replace")[-2000:])
        for line in done.stdout.decode().splitlines():
            x, y, sim = line.split("\t")
            yield x, y, sim
        yield None, None, len(lines)  # pairs verified
    return run


def similarity_plan(spark, scanned, binary_name, path):
    """Near-duplicate candidates found by Spark: the records' band keys shuffled by key, candidate pairs of
    shingle-set classes verified by exact Jaccard on the executors. Writes the plan `merge --similar` takes
    (SimilarityPlan in the engine) and returns (records, classes in collisions, pairs verified, pairs similar);
    None when the parts were scanned without near-duplicate detection."""
    import json
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    sc = spark.sparkContext
    keys = scanned.filter(lambda x: x[0] == "keys")
    header, files, counts = None, {}, {}
    for kind, index, value in keys.flatMap(key_meta).collect():
        if kind == "header":
            header = header or value
        elif kind == "file":
            files[value["path"]] = value
        else:
            counts[index] = value
    if header is None or not header.get("nearDuplicates"):
        return None
    offsets, total = {}, 0
    for index in sorted(counts):
        offsets[index] = total
        total += counts[index]
    # The keys parsed by Spark (JSON in the JVM), numbered across the parts in merge order.
    schema = "task INT, r LONG, b ARRAY<LONG>, s STRING, path STRING, pos ARRAY<LONG>, h STRING, t STRING"
    offsets_df = spark.createDataFrame(sorted(offsets.items()), "task INT, offset LONG")
    recs = (spark.read.schema(schema).json(keys.flatMap(key_lines)).where(F.size("b") > 0)
            .join(F.broadcast(offsets_df), "task")
            .select((F.col("offset") + F.col("r")).alias("seq"), F.col("s").alias("cls"), F.col("b").alias("bands"),
                    "path", "pos", "h", "t")
            .persist(StorageLevel.MEMORY_AND_DISK))
    # One shuffle of (band key, record): the band keys that two or more records share, with their records.
    groups = (recs.select("seq", "cls", F.explode("bands").alias("band")).groupBy("band")
              .agg(F.collect_list(F.struct("seq", "cls")).alias("m")).where(F.size("m") > 1)
              .persist(StorageLevel.MEMORY_AND_DISK))
    colliding = groups.select(F.explode("m").alias("e")).select("e.seq", "e.cls")
    members = groups.select("band", F.explode(F.array_distinct(F.col("m.cls"))).alias("cls"))
    pairs = (members.alias("a").join(members.alias("b"), "band").where(F.col("a.cls") < F.col("b.cls"))
             .select(F.col("a.cls").alias("x"), F.col("b.cls").alias("y")).distinct())
    first = recs.groupBy("cls").agg(F.min("seq").alias("seq")).join(recs, ["cls", "seq"])

    def rep(side):
        return first.select(*[F.col(c).alias(side + ("" if c == "cls" else c)) for c in ("cls", "path", "pos", "h", "t")])
    work = pairs.join(rep("x"), "x").join(rep("y"), "y").repartition(max(1, sc.defaultParallelism), "x")
    out = work.rdd.mapPartitions(similar_task(binary_name, sc.broadcast(files),
                                              json.dumps(header["nearDuplicates"]), header["tokenizer"])).collect()
    verified = sorted(o for o in out if o[0] is not None)
    checked = sum(o[2] for o in out if o[0] is None)
    classes = 0
    with open(path, "w") as plan:
        plan.write(f"skillradar-similarity-plan 1 {total}\n")
        for row in colliding.select("seq", "cls").distinct().toLocalIterator():
            plan.write(f"c {row.seq} {row.cls}\n")
            classes += 1
        for x, y, sim in verified:
            plan.write(f"s {x} {y} {sim}\n")
    recs.unpersist()
    groups.unpersist()
    return total, classes, checked, len(verified)


def store_has_postings(db):
    import sqlite3
    if not os.path.exists(db):
        return False
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT EXISTS(SELECT 1 FROM postings)").fetchone()[0] == 1
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


def export_parquet(spark, db, out):
    """The store's aggregates and posting-level matches as Parquet (one directory per table), and the skill
    aggregates by (corpus, month, region, employer, concept) computed by Spark from the posting-level matches
    (originals only), checked against the store's own aggregates by (corpus, month, region, concept)."""
    import sqlite3
    from pyspark.sql import functions as F
    tables = {
        "agg_skill_month": "SELECT corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month",
        "agg_period_totals": "SELECT corpus, period_month, region, postings, employers FROM agg_period_totals",
        "postings": "SELECT id, corpus, source_id, date, period_month, region, employer, source_path, source_line, "
                    "duplicate_of, duplicate_kind FROM postings",
        "mentions": "SELECT m.posting_id, m.concept_id, c.label AS label, m.count, m.confidence "
                    "FROM mentions m JOIN concepts c ON c.taxonomy_id = m.taxonomy_id AND c.concept_id = m.concept_id",
    }
    frames = {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for name, sql in tables.items():
            cur = con.execute(sql)
            columns = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if rows:
                frames[name] = spark.createDataFrame(rows, columns)
                frames[name].write.mode("overwrite").parquet(os.path.join(out, name))
    finally:
        con.close()
    if "postings" not in frames or "mentions" not in frames:
        return
    originals = (frames["postings"].where(F.col("duplicate_of").isNull())
                 .select(F.col("id").alias("posting_id"), "corpus",
                         F.coalesce("period_month", F.lit("undated")).alias("period_month"),
                         F.coalesce("region", F.lit("")).alias("region"), "employer"))
    by_employer = (frames["mentions"].join(originals, "posting_id")
                   .groupBy("corpus", "period_month", "region", "employer", "concept_id")
                   .agg(F.count("*").alias("postings"), F.sum("count").alias("mentions")))
    by_employer.write.mode("overwrite").parquet(os.path.join(out, "agg_skill_employer_month"))
    summed = (by_employer.groupBy("corpus", "period_month", "region", "concept_id")
              .agg(F.sum("postings").alias("postings"), F.sum("mentions").alias("mentions")))
    stored = frames["agg_skill_month"].select("corpus", "period_month", "region", "concept_id", "postings", "mentions")
    differ = summed.exceptAll(stored).count() + stored.exceptAll(summed).count()
    if differ:
        sys.exit(f"error: {differ} aggregate row(s) computed by Spark differ from the store's agg_skill_month")
    print(f"skillradar-spark: aggregates by employer written; they sum to the store's {stored.count()} "
          "(month, region, skill) rows", file=sys.stderr)


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
    from pyspark import StorageLevel
    spark = SparkSession.builder.appName("skillradar").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    if not sc.getConf().contains("spark.sql.shuffle.partitions"):
        # The duplicate shuffles are small next to the scan: a few partitions per core, not Spark's 200.
        spark.conf.set("spark.sql.shuffle.partitions", str(max(2, 2 * sc.defaultParallelism)))
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
        clock = [time.monotonic()]

        def lap():
            clock.append(time.monotonic())
            return clock[-1] - clock[-2]
        rdd = sc.parallelize(list(enumerate(tasks)), len(tasks))
        # Every scan task runs at once (count), its part and keys kept (memory, else disk) for the stages below.
        scanned = rdd.mapPartitions(scan_task(os.path.basename(binary), args.scan_arg)).persist(StorageLevel.MEMORY_AND_DISK)
        scanned.count()
        parts = [None] * len(tasks)
        for _, index, data in scanned.filter(lambda x: x[0] == "part").toLocalIterator(True):
            parts[index] = os.path.join(work, f"part-{index:05d}.scan")
            with open(parts[index], "wb") as fh:
                fh.write(data)
        missing = [i for i, p in enumerate(parts) if p is None]
        if missing:
            sys.exit(f"error: scan tasks {missing} returned nothing")
        stages = [f"scan {lap():.1f} s"]
        merge_args = list(args.merge_arg)
        if store_has_postings(db):
            print("skillradar-spark: the store already holds postings; merge verifies near-duplicates itself",
                  file=sys.stderr)
        else:
            plan_path = os.path.join(work, "similarity.plan")
            made = similarity_plan(spark, scanned, os.path.basename(binary), plan_path)
            if made:
                print(f"skillradar-spark: {made[0]} records, {made[1]} sharing a band key, {made[2]} candidate pair(s) "
                      f"of texts verified, {made[3]} near-duplicate", file=sys.stderr)
                merge_args += ["--similar", plan_path]
            stages.append(f"duplicates {lap():.1f} s")
        merge = subprocess.run([binary, "merge", "--db", db] + merge_args + parts, cwd=os.path.dirname(taxonomies))
        stages.append(f"merge {lap():.1f} s")
        if merge.returncode not in (0, 3):
            sys.exit(merge.returncode)
        if args.parquet and merge.returncode in (0, 3):
            export_parquet(spark, db, args.parquet)
            stages.append(f"parquet {lap():.1f} s")
        print("skillradar-spark: stages: " + ", ".join(stages), file=sys.stderr)
        spark.stop()
        sys.exit(merge.returncode)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
