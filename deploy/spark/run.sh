#!/usr/bin/env bash
# skillradar on Apache Spark: `skillradar scan` on the executors, `skillradar merge` on the driver (README.md here).
# Usage: deploy/spark/run.sh --master URL --db OUT [--partitions N] [--parquet DIR] [--bin PATH]
#                            [--scan-arg ARG]... [--merge-arg ARG]... INPUT...
# Installs what is missing: Java 17 (Debian's openjdk-17-jre-headless) and pyspark 4 (PyPI). Without --bin it
# builds skillradar (release, Swift standard library linked statically, so executors need no Swift runtime).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MASTER="" BIN="${SKILLRADAR_BIN:-}" ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
[ -n "$MASTER" ] || { echo "usage: $0 --master URL --db OUT [--partitions N] [--parquet DIR] INPUT..." >&2; exit 1; }
bash "$HERE/install.sh"
if [ -z "$BIN" ]; then
  (cd "$ROOT" && swift build -c release --static-swift-stdlib --product skillradar --scratch-path .build-static >&2)
  BIN="$ROOT/.build-static/release/skillradar"
fi
export PYSPARK_PYTHON="${PYSPARK_PYTHON:-$(command -v python3)}"
exec spark-submit --master "$MASTER" --conf spark.ui.enabled=false --conf spark.task.maxFailures=4 \
  "$HERE/skillradar_spark.py" --bin "$BIN" --taxonomies "${SKILLRADAR_TAXONOMIES:-$ROOT/Taxonomies}" "${ARGS[@]}"
