#!/usr/bin/env bash
# The Spark deployment (deploy/spark) against one machine: the store written by scan tasks on Spark executors
# and merge on the driver must hold exactly what `skillradar analyze` stores for the same inputs (every posting,
# duplicate link, mention, aggregate, place and accounting row), on local[2] and on a standalone cluster
# (a master and two workers on 127.0.0.1, started and stopped here), and still after an executor is killed
# (kill -9) in the middle of a job. Prints "spark: N passed, N failed" last; exits non-zero on a failure.
# Needs ../shared/data (skips with a reason otherwise); installs Java and pyspark when missing.
set -uo pipefail
cd "$(dirname "$0")/../.."
SHARED="${SKILLRADAR_SHARED_DATA:-../shared/data}"
BIN="${SKILLRADAR_BIN:-$PWD/.build/debug/skillradar}"
if [ ! -d "$SHARED/postings" ]; then echo "spark: skipped (../shared/data is absent)"; exit 0; fi
# The Spark job gives the executors absolute paths, and the store keeps paths as given: so does the reference.
SHARED="$(cd "$SHARED" && pwd)"
[ -x "$BIN" ] || { echo "spark: no skillradar binary at $BIN (build first)"; exit 1; }
bash deploy/spark/install.sh || { echo "spark: 0 passed, 1 failed (could not install Java or pyspark)"; exit 1; }
WORK=$(mktemp -d /tmp/skillradar-spark-test.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

# Inputs: pythonjobs as uncompressed JSON Lines (cut into byte ranges), its HTML pages (packed several to a task).
gzip -cd "$SHARED/postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz" > "$WORK/pythonjobs.jsonl"
INPUTS=("$WORK/pythonjobs.jsonl" "$SHARED/postings/pythonjobs/html_pages")
OPTS=(--map region=location)

# Everything a run stores except what names the run itself, in a fixed order (as ScanMergeTests compares).
contents() {
  sqlite3 -separator '|' "$1" "
    SELECT id, corpus, source_id, content_hash, title, date, period_month, region, employer, source_path, source_line,
           duplicate_of, duplicate_kind, round(similarity, 6), source_record, source_offset, source_length FROM postings ORDER BY id;
    SELECT posting_id, concept_id, count, first_start, first_end, matched_text, round(confidence, 6) FROM mentions ORDER BY 1, 2;
    SELECT corpus, period_month, region, concept_id, postings, mentions FROM agg_skill_month ORDER BY 1, 2, 3, 4;
    SELECT * FROM agg_period_totals ORDER BY 1, 2, 3;
    SELECT * FROM agg_employers ORDER BY 1, 2, 3, 4;
    SELECT posting_id, role_key, ordinal, phrase, evidence FROM posting_roles ORDER BY 1, 2, 3;
    SELECT region, summary, round(confidence, 6), evidence, gazetteer FROM region_resolutions ORDER BY 1;
    SELECT * FROM region_places ORDER BY 1, 2;
    SELECT source_path, line, byte_offset, reason FROM quarantine ORDER BY id;
    SELECT posting_id, corpus, scheme, hex(band_keys) FROM posting_lsh ORDER BY 1;
    SELECT path, sha256, bytes, format, records_read, postings_new, duplicates, already_present, quarantined,
           duplicates_exact, duplicates_near, duplicates_repost FROM run_inputs ORDER BY path;"
}

"$BIN" analyze "${INPUTS[@]}" "${OPTS[@]}" --db "$WORK/reference.sqlite" --quiet > "$WORK/reference.out" 2>&1 \
  || { echo "spark: reference analyze failed"; cat "$WORK/reference.out"; exit 1; }
contents "$WORK/reference.sqlite" > "$WORK/reference.txt"
[ "$(grep -c . "$WORK/reference.txt")" -gt 1000 ] || { echo "spark: the reference store is nearly empty"; exit 1; }

spark_run() { # NAME MASTER PARTITIONS
  local name=$1 master=$2 partitions=$3
  SKILLRADAR_BIN="$BIN" bash deploy/spark/run.sh --master "$master" --db "$WORK/$name.sqlite" --partitions "$partitions" \
    --parquet "$WORK/$name.parquet" --scan-arg=--map --scan-arg=region=location "${INPUTS[@]}" > "$WORK/$name.log" 2>&1
}
check() { # NAME: the Spark store equals the reference
  local name=$1
  if [ ! -f "$WORK/$name.sqlite" ]; then fail "$name: no store written"; tail -20 "$WORK/$name.log"; return; fi
  contents "$WORK/$name.sqlite" > "$WORK/$name.txt"
  if cmp -s "$WORK/reference.txt" "$WORK/$name.txt"; then ok "$name: store identical to analyze ($(wc -l < "$WORK/$name.txt") rows)"
  else fail "$name: store differs from analyze"; diff "$WORK/reference.txt" "$WORK/$name.txt" | head -5 | cut -c1-200; fi
}

start=$(date +%s)
spark_run local "local[2]" 5 || { fail "local[2]: job failed"; tail -20 "$WORK/local.log"; }
check local
if [ -d "$WORK/local.parquet/agg_skill_month" ] && [ -d "$WORK/local.parquet/agg_skill_employer_month" ] \
   && grep -q "aggregates by employer written" "$WORK/local.log"; then
  ok "local[2]: aggregates (by employer too, summing to the store's) written as Parquet"
else fail "local[2]: no Parquet aggregates"; fi
# Near-duplicates found by Spark (band keys shuffled, pairs verified on the executors), not by merge.
if grep -qE "candidate pair\(s\) of texts verified, [1-9][0-9]* near-duplicate" "$WORK/local.log"; then
  ok "local[2]: near-duplicate candidates found and verified by Spark ($(grep -o '[0-9]* records, .*near-duplicate' "$WORK/local.log"))"
else fail "local[2]: no near-duplicates verified by Spark"; grep skillradar-spark "$WORK/local.log"; fi
# Another partitioning gives the same store.
spark_run local7 "local[2]" 9 || fail "local[2], 9 partitions: job failed"
check local7

# A synthetic corpus of 200,000 postings with planted copies (exact, and with a letter changed): the store, the
# trends and the emerging list equal analyze's.
"$BIN" generate --out "$WORK/synthetic.jsonl" --postings 200000 --mean-bytes 800 --duplicates 0.1 --seed 5 > /dev/null
"$BIN" analyze "$WORK/synthetic.jsonl" --db "$WORK/synthetic-reference.sqlite" --quiet > /dev/null 2>&1 \
  || { fail "synthetic: reference analyze failed"; }
SKILLRADAR_BIN="$BIN" bash deploy/spark/run.sh --master "local[2]" --db "$WORK/synthetic.sqlite" --partitions 6 \
  "$WORK/synthetic.jsonl" > "$WORK/synthetic.log" 2>&1 || { fail "synthetic: job failed"; tail -20 "$WORK/synthetic.log"; }
same=1
contents "$WORK/synthetic-reference.sqlite" > "$WORK/synthetic-reference.txt"
contents "$WORK/synthetic.sqlite" > "$WORK/synthetic.txt" 2>/dev/null
cmp -s "$WORK/synthetic-reference.txt" "$WORK/synthetic.txt" || same=0
for q in "trends --top 30" "emerging --limit 30 --all --taxonomy-only" "trends --by-region --top 5"; do
  a=$("$BIN" $q --db "$WORK/synthetic-reference.sqlite" 2>&1); b=$("$BIN" $q --db "$WORK/synthetic.sqlite" 2>&1)
  [ "$a" = "$b" ] && [ -n "$a" ] || { same=0; echo "differs: $q"; }
done
dups=$(sqlite3 "$WORK/synthetic.sqlite" "SELECT count(*) FROM postings WHERE duplicate_of IS NOT NULL" 2>/dev/null || echo 0)
if [ "$same" = 1 ] && [ "$dups" -gt 10000 ]; then
  ok "synthetic 200k: store, trends and emerging identical to analyze ($(wc -l < "$WORK/synthetic.txt") rows, $dups duplicate links; $(grep -o 'stages: .*' "$WORK/synthetic.log"))"
else fail "synthetic 200k: differs from analyze ($dups duplicate links)"; diff "$WORK/synthetic-reference.txt" "$WORK/synthetic.txt" | head -5 | cut -c1-200; fi
rm -f "$WORK"/synthetic*

# A standalone cluster on this machine: a master and two workers of one core each.
CLASS="$(dirname "$(command -v spark-submit)")/spark-class"
command -v spark-class >/dev/null && CLASS=spark-class
PORT=$((7100 + RANDOM % 500))
SPARK_LOG_DIR="$WORK" "$CLASS" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$WORK/master.log" 2>&1 & PIDS+=($!)
for i in 1 2; do
  "$CLASS" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$PORT" --host 127.0.0.1 --cores 1 --memory 1g \
    --webui-port 0 --work-dir "$WORK/worker$i" > "$WORK/worker$i.log" 2>&1 & PIDS+=($!)
done
for _ in $(seq 60); do [ "$(grep -l "Successfully registered with master" "$WORK"/worker*.log 2>/dev/null | wc -l)" = 2 ] && break; sleep 1; done
if [ "$(grep -l "Successfully registered with master" "$WORK"/worker*.log 2>/dev/null | wc -l)" = 2 ]; then
  spark_run standalone "spark://127.0.0.1:$PORT" 6 || { fail "standalone: job failed"; tail -20 "$WORK/standalone.log"; }
  check standalone
  # kill -9 an executor in the middle of a job: Spark reruns its tasks, the store is the same.
  spark_run killed "spark://127.0.0.1:$PORT" 8 & job=$!
  killed=""
  for _ in $(seq 600); do
    if pgrep -f "skillradar scan" >/dev/null; then
      victim=$(pgrep -f CoarseGrainedExecutorBackend | head -1)
      [ -n "$victim" ] && kill -9 "$victim" && killed=$victim && break
    fi
    kill -0 "$job" 2>/dev/null || break
    sleep 0.1
  done
  wait "$job" || { fail "kill test: the job failed after the executor was killed"; tail -20 "$WORK/killed.log"; }
  if [ -n "$killed" ]; then ok "kill test: executor $killed killed with -9 during a scan"; else fail "kill test: no executor to kill while scanning"; fi
  if grep -qiE "lost executor|ExecutorLostFailure|executor.*(exited|lost)" "$WORK/killed.log"; then ok "kill test: Spark saw the executor lost and reran its tasks"
  else fail "kill test: no lost executor in the job's log"; fi
  check killed
else
  fail "standalone: the workers did not register with the master"; tail -5 "$WORK"/worker1.log
fi
echo "spark: $passed passed, $failed failed ($(( $(date +%s) - start )) s)"
[ "$failed" = 0 ]
