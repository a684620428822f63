#!/usr/bin/env bash
# The whole test suite: installs missing system libraries, builds, runs every test (XCTest), then fuzzes the
# query service's API with schemathesis and runs the Spark deployment on one machine (local and standalone).
# Tests that need ../shared/data skip with a printed reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
swift build --build-tests
mkdir -p .build
swift test --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt
# One plain closing line: "tests: N passed, N failed, N skipped" (from XCTest's overall summary).
summary=$(grep -E "Executed [0-9]+ tests?, with" .build/test-output.txt | tail -1)
total=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
skipped=$(echo "$summary" | grep -oE "[0-9]+ tests? skipped" | grep -oE "^[0-9]+" || true)
failed=$(echo "$summary" | grep -oE "[0-9]+ failures?" | tail -1 | grep -oE "^[0-9]+")
skipped=${skipped:-0}
echo "tests: $((total - failed - skipped)) passed, $failed failed, $skipped skipped" | tee .build/test-summary.txt
# The query service's API fuzzed from its OpenAPI document (schemathesis from PyPI; skips when not installable).
bash Tests/serve/schemathesis.sh | tee .build/schemathesis.txt
tail -1 .build/schemathesis.txt >> .build/test-summary.txt
# The Spark deployment (deploy/spark) on local[2] and a standalone cluster on this machine, with an executor killed,
# run with the release binary as on a cluster (its 200k-posting corpus would take minutes in debug; the benchmark
# smoke run reuses this build).
if swift build -c release --product skillradar >&2; then
  SKILLRADAR_BIN="$(swift build -c release --show-bin-path)/skillradar" bash Tests/spark/spark.sh | tee .build/spark.txt
else
  echo "spark: 0 passed, 1 failed (the release build failed)" | tee .build/spark.txt
fi
tail -1 .build/spark.txt >> .build/test-summary.txt
