#!/usr/bin/env bash
# Installs what the Spark job needs when it is missing: Java 17 (Debian) and pyspark 4.x (PyPI, with spark-submit).
set -euo pipefail
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v java >/dev/null; then
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! python3 -c "import pyspark, sys; sys.exit(0 if pyspark.__version__.startswith('4.') else 1)" 2>/dev/null; then
  python3 -m pip install -q "pyspark>=4.0,<5" 2>&1 | grep -v "WARNING: Running pip as" >&2 || true
fi
command -v spark-submit >/dev/null || { echo "spark-submit not on PATH after installing pyspark" >&2; exit 1; }
