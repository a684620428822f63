#!/usr/bin/env bash
# What location normalisation costs the product path: the same synthetic corpus analysed with and without places
# (--no-places), (a) with realistic free-text locations (the location gold's strings, assigned in turn) and (b)
# with no location field, so that every posting's title and opening text are searched for a location cue.
# Usage: bash Benchmarks/places-cost.sh [POSTINGS] [RUNS] [--record]   (defaults 20000, 3).
# Writes Benchmarks/work/places-cost.md (ignored by git); --record also copies it to the committed
# Benchmarks/results/places-cost.md. SKILLRADAR_BIN=/path/to/skillradar uses that binary instead of building it.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
POSTINGS="${1:-20000}"
RUNS="${2:-3}"
BIN="$(bench_skillradar quiet)"
WORK=$BENCH_WORK
BASE="$WORK/synthetic-$POSTINGS.jsonl"
[ -f "$BASE" ] || "$BIN" generate --out "$BASE" --postings "$POSTINGS" --seed 7 >/dev/null
python3 - "$BASE" Tests/fixtures/places/location-gold.tsv "$WORK/places-located.jsonl" "$WORK/places-none.jsonl" <<'PY'
import json, sys
base, gold, located, none = sys.argv[1:]
locs = [l.split("\t")[2] for l in open(gold, encoding="utf-8").read().split("\n")[1:] if l.count("\t") >= 3 and l.split("\t")[1] == "field"]
with open(base, encoding="utf-8") as f, open(located, "w", encoding="utf-8") as a, open(none, "w", encoding="utf-8") as b:
    for i, line in enumerate(f):
        d = json.loads(line)
        d["region"] = locs[i % len(locs)]
        a.write(json.dumps(d, ensure_ascii=False) + "\n")
        d.pop("region")
        b.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
run() { # corpus, extra args -> seconds (best of RUNS)
  local best=""
  for _ in $(seq "$RUNS"); do
    rm -f "$WORK/places.sqlite"*
    local t0 t1
    t0=$(date +%s.%N)
    "$BIN" analyze "$1" --db "$WORK/places.sqlite" --quiet "${@:2}" > /dev/null
    t1=$(date +%s.%N)
    local s; s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
    if [ -z "$best" ] || awk -v x="$s" -v y="$best" 'BEGIN{exit !(x<y)}'; then best=$s; fi
  done
  echo "$best"
}
A0=$(run "$WORK/places-located.jsonl" --no-places); A1=$(run "$WORK/places-located.jsonl")
B0=$(run "$WORK/places-none.jsonl" --no-places); B1=$(run "$WORK/places-none.jsonl")
pct() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%+.1f%%", (b-a)/a*100}'; }
OUT="$WORK/places-cost.md"
{
  echo "# Location normalisation: cost on the product path"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), machine: $(nproc) cores; corpus: $POSTINGS synthetic postings (seed 7); best of $RUNS whole-process runs"
  echo
  echo "| corpus | --no-places (s) | places (s) | cost |"
  echo "|---|---:|---:|---:|"
  echo "| free-text locations (location gold strings) | $A0 | $A1 | $(pct "$A0" "$A1") |"
  echo "| no location field (cue search in every posting) | $B0 | $B1 | $(pct "$B0" "$B1") |"
} > "$OUT"
cat "$OUT"
bench_record "$OUT" places-cost.md
