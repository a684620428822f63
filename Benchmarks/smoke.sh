#!/usr/bin/env bash
# Benchmark smoke run (CI): the product path JSONL -> tokenize+match on all cores -> SQLite aggregates,
# on a seeded synthetic corpus. Prints and writes postings/s, MB/s and peak memory.
# Usage: bash Benchmarks/smoke.sh [POSTINGS] [--record]   (default 20000 postings of ~3.5 KB, about 70 MB)
# Writes Benchmarks/work/smoke-latest.md (ignored by git); --record (or SMOKE_RECORD=1, the older spelling)
# also copies it to the committed Benchmarks/results/smoke-latest.md, for a result meant to be committed.
# SKILLRADAR_BIN=/path/to/skillradar uses that binary instead of building it.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
if [ "${SMOKE_RECORD:-0}" = 1 ]; then BENCH_RECORD=1; fi
POSTINGS="${1:-20000}"
bash .ci/install-deps.sh
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
BIN="$(bench_skillradar)"
WORK=$BENCH_WORK
CORPUS="$WORK/synthetic-$POSTINGS.jsonl"
[ -f "$CORPUS" ] || "$BIN" generate --out "$CORPUS" --postings "$POSTINGS" --seed 7 >/dev/null
rm -f "$WORK/bench.sqlite"*
BYTES=$(stat -c %s "$CORPUS")
# Near-duplicate detection is on (the default); SKILLRADAR_PROFILE=1 adds the engine's phase times.
SKILLRADAR_PROFILE=1 /usr/bin/time -v -o "$WORK/time.txt" "$BIN" analyze "$CORPUS" --db "$WORK/bench.sqlite" --quiet \
  > "$WORK/analyze.txt" 2> "$WORK/profile.txt"
SECONDS_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$WORK/time.txt" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
RSS_KB=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
RUNLINE=$(grep '^run ' "$WORK/analyze.txt")
OUT="$WORK/smoke-latest.md"
{
  echo "# Benchmark smoke: product path (JSONL -> match -> SQLite)"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
  echo "- corpus: $POSTINGS synthetic postings, $BYTES bytes (seed 7)"
  echo "- wall time (whole process, incl. taxonomy load and aggregates): ${SECONDS_WALL} s"
  echo "- postings/s (whole process): $(awk -v n="$POSTINGS" -v s="$SECONDS_WALL" 'BEGIN{printf "%.0f", n/s}')"
  echo "- MB/s (whole process): $(awk -v b="$BYTES" -v s="$SECONDS_WALL" 'BEGIN{printf "%.1f", b/1e6/s}')"
  echo "- peak RSS: $((RSS_KB / 1024)) MiB"
  echo "- engine's own line: \`$RUNLINE\`"
  echo "- phases: \`$(grep '^phases' "$WORK/profile.txt" || true)\`"
} > "$OUT"
cat "$OUT"
bench_record "$OUT" smoke-latest.md
