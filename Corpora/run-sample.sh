#!/usr/bin/env bash
# The main job on the shipped sample: installs missing system libraries, builds skillradar (release),
# analyzes Corpora/sample/postings.jsonl and programmes.csv into out/sample/skillradar.sqlite and writes
# the report to out/sample/report/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
swift build -c release --product skillradar
rm -rf out/sample
"$(swift build -c release --show-bin-path)/skillradar" sample --out out/sample
