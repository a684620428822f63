#!/usr/bin/env bash
# Parse throughput of the XML feed and HTML page readers alone (no matching, no SQLite).
# Builds Benchmarks/ingest-formats/main.swift against Sources/SkillIO and Sources/SkillIngest as a tiny
# release package in a temporary directory, generates a ~200 MB RSS feed and 2,000 HTML pages (seeded),
# and prints MB/s (best of 3) with the record counts, so a fast wrong answer shows; the output is also
# written to Benchmarks/work/ingest-formats-latest.md (ignored by git), and with --record to the committed
# Benchmarks/results/ingest-formats-latest.md.
# Usage: bash Benchmarks/ingest-formats.sh [FEED_MB] [PAGES] [--record]
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
ROOT="$PWD"
FEED_MB="${1:-200}"
PAGES="${2:-2000}"
PKG="${TMPDIR:-/tmp}/skillradar-ingest-bench-pkg"
WORK="${TMPDIR:-/tmp}/skillradar-ingest-bench-$FEED_MB-$PAGES"
mkdir -p "$PKG/Sources/bench"
for d in SkillIO SkillIngest CLibXML2 CZlib; do ln -sfn "$ROOT/Sources/$d" "$PKG/Sources/$d"; done
cp "$ROOT/Benchmarks/ingest-formats/main.swift" "$PKG/Sources/bench/main.swift"
cat > "$PKG/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(name: "ingestbench", targets: [
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
    .target(name: "SkillIO", dependencies: ["CZlib"], swiftSettings: [.swiftLanguageMode(.v6)]),
    .target(name: "SkillIngest", dependencies: ["SkillIO", "CLibXML2"], swiftSettings: [.swiftLanguageMode(.v6)]),
    .executableTarget(name: "bench", dependencies: ["SkillIngest", "CLibXML2"], swiftSettings: [.swiftLanguageMode(.v5)]),
])
SWIFT
(cd "$PKG" && swift build -c release --product bench | grep -E "error|Compiling bench" || true)
OUT="$ROOT/$BENCH_WORK/ingest-formats-latest.md"
{
    echo "# Ingest formats: XML feed and HTML page parse throughput"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(uname -m); load average: $(cut -d' ' -f1-3 /proc/loadavg); libxml2 $(pkg-config --modversion libxml-2.0)"
    echo "- command: bash Benchmarks/ingest-formats.sh $FEED_MB $PAGES"
    echo
    echo '```'
    "$PKG/.build/release/bench" "$WORK" "$FEED_MB" "$PAGES"
    echo '```'
} | tee "$OUT"
bench_record "$OUT" ingest-formats-latest.md
