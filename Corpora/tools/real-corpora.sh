#!/usr/bin/env bash
# Analyzes every real corpus in ../shared/data into out/real/<name>.sqlite and writes a precision-audit review
# sheet for each (out/real/<name>-audit.tsv/.html). Usage: Corpora/tools/real-corpora.sh [--top N] [--per-concept K]
set -euo pipefail
cd "$(dirname "$0")/../.."
S=${SKILLRADAR_SHARED_DATA:-../shared/data}
[ -d "$S" ] || { echo "no shared data at $S" >&2; exit 1; }
B=${SKILLRADAR_BIN:-$(swift build -c release --show-bin-path)/skillradar}
OUT=${OUT:-out/real}
mkdir -p "$OUT"
P=$S/postings/pythonjobs
python3 Corpora/tools/skillspan_postings.py "$S/postings/skillspan" "$OUT/skillspan-postings.jsonl"
run() { # name, analyze arguments...
  local name=$1; shift
  rm -f "$OUT/$name.sqlite"*
  "$B" analyze "$@" --db "$OUT/$name.sqlite" --quiet || [ $? -eq 3 ] # 3: a run that skipped a file it cannot read
  local corpus=demand
  case " $* " in *" --supply "*) corpus=supply;; esac
  "$B" audit --db "$OUT/$name.sqlite" --corpus $corpus --out "$OUT/$name-audit" "${AUDIT_ARGS[@]}"
}
AUDIT_ARGS=("$@")
run pythonjobs-jsonl "$P/pythonjobs_postings_2015_2023.jsonl.gz" --map region=location
run pythonjobs-html "$P/html_pages"
run pythonjobs-atom "$P/atom_feed_snapshots"
run zh "$S/postings/ruanyf_weekly_zh/ruanyf_weekly_who_is_hiring_zh.jsonl.gz" --map date=createdAt
run skillspan "$OUT/skillspan-postings.jsonl"
run cip "$S/training_supply/cip2020_us/CIPCode2020.csv" --supply --map title=CIPTitle --map text=CIPDefinition --map id=CIPCode
run deftis "$S/training_supply/wdb_brandenburg_deftis_xml" --supply
