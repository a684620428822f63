#!/usr/bin/env bash
# The whole test suite: installs missing system libraries, builds, runs every test.
# Tests that need ../shared/data skip with a printed reason when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
# XCTest's summary line, for humans and for CI log readers.
grep -E "Executed [0-9]+ tests|[0-9]+ passed|Test Suite 'All tests'" .build/test-output.txt | tail -3 || true
