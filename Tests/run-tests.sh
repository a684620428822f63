#!/usr/bin/env bash
# The whole test suite: installs missing system libraries, builds, runs every test (XCTest).
# Tests that need ../shared/data skip with a printed reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
swift build --build-tests
mkdir -p .build
swift test --skip-build --disable-swift-testing 2>&1 | tee .build/test-output.txt
# One plain closing line: "tests: N passed, N failed".
summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" .build/test-output.txt | tail -1)
total=$(echo "$summary" | sed -E 's/.*Executed ([0-9]+) tests?.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*with ([0-9]+) failures?.*/\1/')
echo "tests: $((total - failed)) passed, $failed failed" | tee .build/test-summary.txt
