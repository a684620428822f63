#!/usr/bin/env bash
# The query service under load: wrk with 64 connections on the main endpoints of a store of POSTINGS synthetic
# postings (default 1,000,000) plus the sample programmes, on this machine's cores.
#   cached:   the same questions repeated (gaps, skill lists and trends, a programme's gaps, regions);
#   uncached: every request a question not asked before (new offsets, windows, granularities, levels).
# Usage: bash Benchmarks/serve.sh [POSTINGS] [--record]. DURATION (seconds per run, default 30), STORE (reuse a
# store built before), SKILLRADAR_BIN / SERVE_BIN (skip the release build). Writes Benchmarks/work/serve-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
POSTINGS="${1:-1000000}"
DURATION="${DURATION:-30}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
if [ -z "${SKILLRADAR_BIN:-}" ] || [ -z "${SERVE_BIN:-}" ]; then
  swift build -c release --product skillradar >&2
  swift build -c release --product skillradar-serve >&2
fi
BIN="${SKILLRADAR_BIN:-$(swift build -c release --show-bin-path)/skillradar}"
SERVE="${SERVE_BIN:-$(dirname "$BIN")/skillradar-serve}"
STORE="${STORE:-$BENCH_WORK/serve-$POSTINGS.sqlite}"
if [ ! -f "$STORE" ]; then
  CORPUS="$BENCH_WORK/serve-$POSTINGS.jsonl"
  [ -f "$CORPUS" ] || "$BIN" generate --out "$CORPUS" --postings "$POSTINGS" --seed 16 --mean-bytes 1500 >/dev/null
  echo "building $STORE from $CORPUS ..." >&2
  "$BIN" analyze "$CORPUS" --db "$STORE" --quiet >/dev/null
  "$BIN" analyze --supply Corpora/sample/programmes.csv --db "$STORE" --quiet >/dev/null
fi
LOG="$BENCH_WORK/serve.log"
"$SERVE" --db "$STORE" --port 0 > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
URL=$(grep -o "http://[0-9.:]*" "$LOG" | head -1)
SKILLS=$(curl -s "$URL/api/v1/skills?limit=50" | python3 -c "import json,sys,urllib.parse; print(' '.join(urllib.parse.quote(i['concept_id'], safe='') for i in json.load(sys.stdin)['items']))")
export SKILL="${SKILLS%% *}" SKILLS
RANGE=$(curl -s "$URL/api/v1/skills/$SKILL?granularity=month&examples=0" | python3 -c "import json,sys; t=[p['period'] for p in json.load(sys.stdin)['trend']]; print(t[0], t[-1])")
export FIRST="${RANGE% *}" LAST="${RANGE#* }"
# Warm: each cached question once (its first answer is computed), timed.
WARM=$( { /usr/bin/time -f %e bash -c "for p in '/api/v1/gaps?limit=25' '/api/v1/gaps?limit=25&rank=unmet' '/api/v1/skills?limit=20' '/api/v1/skills/$SKILL' '/api/v1/skills/$SKILL?granularity=month' '/api/v1/gaps/programmes/pr-001' '/api/v1/regions' '/api/v1/programmes?limit=20'; do curl -s -o /dev/null \"$URL\$p\"; done" ; } 2>&1 )
run() { wrk -t2 -c64 -d"${DURATION}s" --latency -s "Benchmarks/serve/$1.lua" "$URL" > "$BENCH_WORK/wrk-$1.txt" 2>&1; }
run cached
run uncached
summary() {
  local f="$BENCH_WORK/wrk-$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/{print $2}' "$f")
  p50=$(awk '$1=="50%"{print $2}' "$f"); p99=$(awk '$1=="99%"{print $2}' "$f")
  errors=$(awk '/Non-2xx or 3xx responses/{print $5} /Socket errors/{print $0}' "$f" | tr '\n' ' ')
  echo "| $1 | $rps | $p50 | $p99 | ${errors:-0} |"
}
OUT="$BENCH_WORK/serve-latest.md"
{
  echo "# Query service under load (wrk, 64 connections, 2 threads, ${DURATION}s per run)"
  echo
  echo "Store: $POSTINGS synthetic postings + the sample programmes ($(du -h "$STORE" | cut -f1)); $(nproc) cores; $(date -u +%Y-%m-%d)."
  echo "Warm-up (each cached question answered once): ${WARM}s."
  echo
  echo "| run | requests/s | p50 | p99 | error responses |"
  echo "|---|---|---|---|---|"
  summary cached
  summary uncached
  echo
  echo "Targets (issue 16): cached >= 2,000 requests/s with p99 <= 50 ms; uncached >= 200 requests/s; no error responses."
} > "$OUT"
cat "$OUT"
bench_record "$OUT" serve-latest.md
