#!/usr/bin/env bash
# Product-path benchmark: `analyze` (JSON Lines -> read, match, hash, fingerprint on all cores -> dedup and SQLite
# aggregates, near-duplicate detection on) on POSTINGS synthetic postings of ~3.5 KB and on the real corpora of
# ../shared (when present), each with 1 thread and with every core, beside `count` (the matcher alone, same
# taxonomy labels, same bytes) in the same run. Reports postings/s and MB/s (whole process), peak RSS, the phase
# split (SKILLRADAR_PROFILE=1: producer, writer wall and CPU, index build), the 1 -> N thread speed-up, and the
# database size (postings are stored by reference; `--store-text` adds the text). The 1-thread run is pinned to
# one core (`taskset -c 0`), so the speed-up is that of the whole process going from one core to all.
# Usage: bash Benchmarks/product.sh [POSTINGS] [--record]    (default 50000)
# Writes Benchmarks/work/product-latest.md; --record also copies it to Benchmarks/results/product-latest.md.
# SKILLRADAR_BIN=/path/to/skillradar uses that binary; SKILLRADAR_SHARED_DATA overrides ../shared/data.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
POSTINGS="${1:-50000}"
bash .ci/install-deps.sh
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; }
BIN="$(bench_skillradar)"
WORK=$BENCH_WORK/product
mkdir -p "$WORK"
CORES=$(nproc)
SHARED="${SKILLRADAR_SHARED_DATA:-../shared/data}"
SYN="$WORK/synthetic-$POSTINGS.jsonl"
[ -f "$SYN" ] || "$BIN" generate --out "$SYN" --postings "$POSTINGS" --seed 7 >/dev/null
# The taxonomy's labels, one per line, for `count`.
LABELS="$WORK/labels.txt"
tail -n +2 Taxonomies/ict-skills/labels.tsv | awk -F '\t' '$4 != "tag"' | cut -f2 | sort -u > "$LABELS"  # tag-list names never match in text

secs() { awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
rss_mib() { awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$1"; }

OUT="$WORK/product-latest.md"
{
  echo "# Benchmark: product path (analyze: JSONL -> match -> dedup -> SQLite), beside count"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ), machine: $CORES cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- engine: $("$BIN" --version 2>/dev/null || echo unknown); near-duplicate detection on; postings stored by reference"
  echo
  echo "| corpus | postings | MB | threads | wall s | postings/s | MB/s | peak RSS MiB | writer CPU s | index build s | db MB | count MB/s (same bytes, $CORES threads) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$OUT"

run_corpus() { # NAME FILE [analyze args...]
  local name="$1" file="$2"; shift 2
  local bytes records count_mbs
  bytes=$(gzip -cdf "$file" | wc -c)
  records=$(gzip -cdf "$file" | grep -c . || true)
  count_mbs=$("$BIN" count --labels "$LABELS" --corpus "$file" --threads "$CORES" 2>&1 >/dev/null | tail -1 \
    | sed -E 's/.*"mb_per_s":([0-9.]+).*/\1/')
  local base=""
  for threads in 1 "$CORES"; do
    rm -f "$WORK/$name.sqlite"*
    # One thread runs on one core (taskset): without it the writer would still have a core of its own.
    local pin=()
    [ "$threads" != 1 ] || ! command -v taskset >/dev/null || pin=(taskset -c 0)
    SKILLRADAR_PROFILE=1 /usr/bin/time -v -o "$WORK/$name-$threads.time" ${pin[@]+"${pin[@]}"} "$BIN" analyze "$file" --db "$WORK/$name.sqlite" \
      --threads "$threads" --quiet "$@" > "$WORK/$name-$threads.out" 2> "$WORK/$name-$threads.err" || true
    local s phases writer index db
    s=$(secs "$WORK/$name-$threads.time")
    phases=$(grep '^phases' "$WORK/$name-$threads.err" || true)
    writer=$(echo "$phases" | sed -nE 's/.*\(([0-9.]+) s CPU\).*/\1/p')
    index=$(echo "$phases" | sed -nE 's/.*index build ([0-9.]+) s.*/\1/p')
    db=$(du -cm "$WORK/$name.sqlite"* | tail -1 | cut -f1)
    echo "| $name | $records | $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') | $threads | $s | $(awk -v n="$records" -v s="$s" 'BEGIN{printf "%.0f", n/s}') | $(awk -v b="$bytes" -v s="$s" 'BEGIN{printf "%.1f", b/1e6/s}') | $(rss_mib "$WORK/$name-$threads.time") | ${writer:-?} | ${index:-?} | $db | ${count_mbs:-?} |" >> "$OUT"
    [ -n "$base" ] || base=$s
    [ "$threads" = 1 ] || echo "$name: speed-up 1 -> $threads threads: $(awk -v a="$base" -v b="$s" 'BEGIN{printf "%.2f", a/b}')x; phases: \`$phases\`" >> "$WORK/notes.txt"
  done
}

rm -f "$WORK/notes.txt"
run_corpus synthetic "$SYN"
# The two stages apart (what a Spark executor and the driver each do): scan on one thread, then merge.
/usr/bin/time -f "%e %U %M" -o "$WORK/scan.time" "$BIN" scan "$SYN" --threads 1 --out "$WORK/synthetic.scan" --quiet
rm -f "$WORK/merge.sqlite"*
/usr/bin/time -f "%e %U %M" -o "$WORK/merge.time" "$BIN" merge --db "$WORK/merge.sqlite" "$WORK/synthetic.scan" > /dev/null
read -r scan_s scan_cpu scan_rss < "$WORK/scan.time"
read -r merge_s merge_cpu merge_rss < "$WORK/merge.time"
echo "synthetic, stages apart: \`scan --threads 1\` $scan_s s ($(awk -v n="$POSTINGS" -v s="$scan_s" 'BEGIN{printf "%.0f", n/s}') postings/s, $scan_cpu s CPU, $((scan_rss / 1024)) MiB, part $(du -m "$WORK/synthetic.scan" | cut -f1) MB); \`merge\` $merge_s s ($(awk -v n="$POSTINGS" -v s="$merge_s" 'BEGIN{printf "%.0f", n/s}') postings/s, $merge_cpu s CPU, $((merge_rss / 1024)) MiB)" >> "$WORK/notes.txt"
rm -f "$WORK/synthetic.scan"
if [ -d "$SHARED/postings" ]; then
  run_corpus pythonjobs "$SHARED/postings/pythonjobs/pythonjobs_postings_2015_2023.jsonl.gz" --map region=location
  run_corpus chinese "$SHARED/postings/ruanyf_weekly_zh/ruanyf_weekly_who_is_hiring_zh.jsonl.gz"
else
  echo "(../shared/data absent: real corpora skipped)" >> "$WORK/notes.txt"
fi
{ echo; sed 's/^/- /' "$WORK/notes.txt"; } >> "$OUT"
cat "$OUT"
bench_record "$OUT" product-latest.md
