#!/usr/bin/env bash
# Spark benchmark: postings/s of deploy/spark against the number of scan partitions and workers on this machine
# (local mode and a standalone cluster of one-core workers on 127.0.0.1), beside the single-machine `analyze` and
# the stages run apart (`scan` on one thread, `merge` verifying near-duplicates itself and with Spark's plan), all
# on the same synthetic corpus with 10 % planted copies (uncompressed JSON Lines, so Spark cuts it into byte
# ranges), in the same run. The job's own stage times (scan, duplicates, merge) are listed per Spark row.
# Usage: bash Benchmarks/spark.sh [POSTINGS] [--record]   (default 50000)
# Writes Benchmarks/work/spark-latest.md; --record also copies it to Benchmarks/results/spark-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
POSTINGS="${1:-50000}"
bash deploy/spark/install.sh
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
BIN="$(bench_skillradar)"
WORK=$BENCH_WORK/spark
mkdir -p "$WORK"
SYN="$WORK/synthetic-$POSTINGS.jsonl"
[ -f "$SYN" ] || "$BIN" generate --out "$SYN" --postings "$POSTINGS" --duplicates 0.1 --seed 7 >/dev/null
RECORDS=$(wc -l < "$SYN")
MB=$(awk -v b="$(stat -c %s "$SYN")" 'BEGIN{printf "%.1f", b/1e6}')
OUT="$WORK/spark-latest.md"
row() { # LABEL SECONDS RSS_KB [STAGES]
  echo "| $1 | $RECORDS | $MB | $2 | $(awk -v n="$RECORDS" -v s="$2" 'BEGIN{printf "%.0f", n/s}') | $(awk -v b="$MB" -v s="$2" 'BEGIN{printf "%.1f", b/s}') | ${3:-} | ${4:-} |" >> "$OUT"
}
timed() { # LABEL CMD... : wall seconds and peak RSS (of the largest process /usr/bin/time sees)
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > "$WORK/$label.log" 2>&1 || { echo "$label failed:"; tail -20 "$WORK/$label.log"; exit 1; }
  read -r secs rss < "$WORK/time"
  row "$label" "$secs" "$((rss / 1024)) MiB" "$(grep -o 'stages: .*' "$WORK/$label.log" | sed 's/stages: //' || true)"
}
{
  echo "# Benchmark: skillradar on Spark, against partitions and workers, beside analyze"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- engine: $("$BIN" --version); pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)'); Spark rows include JVM start-up (~5-10 s)"
  echo
  echo "| run | records | MB | wall s | records/s | MB/s | peak RSS (driver side) | job stages |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
} > "$OUT"
rm -rf "$WORK"/*.sqlite* "$WORK"/job-*
timed "analyze, $(nproc) threads" "$BIN" analyze "$SYN" --db "$WORK/analyze.sqlite" --quiet
timed "scan alone, 1 thread" "$BIN" scan "$SYN" --threads 1 --out "$WORK/part.scan" --keys "$WORK/part.keys" --quiet
timed "merge alone, verifying by reading texts" "$BIN" merge --db "$WORK/merge.sqlite" "$WORK/part.scan"
for spec in "local[1] 1" "local[2] 2" "local[2] 4" "local[2] 8"; do
  set -- $spec
  timed "spark $1, $2 partitions" env SKILLRADAR_BIN="$BIN" bash deploy/spark/run.sh --master "$1" --partitions "$2" \
    --db "$WORK/spark-$2.sqlite" --work "$WORK/job-$2" "$SYN"
done
timed "merge alone, with Spark's similarity plan" "$BIN" merge --db "$WORK/merge-plan.sqlite" \
  --similar "$WORK/job-2/similarity.plan" "$WORK"/job-2/part-*.scan
# A standalone cluster on this machine: a master and one, then two, workers of one core each.
CLASS="$(dirname "$(command -v spark-submit)")/spark-class"
PORT=$((7600 + RANDOM % 300))
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done' EXIT
SPARK_LOG_DIR="$WORK" "$CLASS" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$WORK/master.log" 2>&1 & PIDS+=($!)
for workers in 1 2; do
  "$CLASS" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 --cores 1 --memory 2g \
    --webui-port 0 --work-dir "$WORK/worker$workers" > "$WORK/worker$workers.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 60); do grep -q "Successfully registered" "$WORK/worker$workers.log" && break; sleep 1; done
  timed "spark standalone, $workers one-core worker(s), $((2 * workers)) partitions" env SKILLRADAR_BIN="$BIN" \
    bash deploy/spark/run.sh --master "spark://127.0.0.1:$PORT" --partitions $((2 * workers)) \
    --db "$WORK/spark-standalone-$workers.sqlite" "$SYN"
done
same=$(for db in "$WORK"/spark-*.sqlite "$WORK/merge-plan.sqlite"; do sqlite3 "$db" "SELECT count(*), sum(duplicate_of IS NOT NULL) FROM postings; SELECT sum(postings) FROM agg_skill_month"; done | sort -u | wc -l)
ref=$(sqlite3 "$WORK/analyze.sqlite" "SELECT count(*), sum(duplicate_of IS NOT NULL) FROM postings; SELECT sum(postings) FROM agg_skill_month" | tr '\n' ' ')
{
  echo
  echo "- every Spark store has the counts of analyze's ($ref: postings, duplicates, skill-postings): $([ "$same" = 2 ] && echo yes || echo NO)"
  echo "- the merge on the driver is one writer: more partitions or workers speed up the scan and the duplicate verification, not the merge (see deploy/spark/README.md)"
} >> "$OUT"
cat "$OUT"
bench_record "$OUT" spark-latest.md
