#!/usr/bin/env bash
# Builds every libFuzzer target in Tests/Fuzz/Targets, replays the saved reproducers in Tests/Fuzz/crashes,
# seeds a corpus (Corpora/sample, ../shared/data when present, each target's generated hostile inputs)
# and fuzzes each target for the given time.
#
#   bash Tests/Fuzz/run.sh [seconds-per-target] [target ...]     (default 60 s, all targets)
#
# Exit status: 0 all clean; 1 a target crashed or a saved reproducer still fails (inputs are under
# .build-fuzz/artifacts/TARGET/); 2 a target or module did not build.
# Environment: FUZZ_BUILD (build dir, default .build-fuzz), FUZZ_MAX_LEN (default 4096 bytes),
# FUZZ_ONLY_BUILD=1 (build and replay, no fuzzing), FUZZ_ARGS (extra libFuzzer flags), FUZZ_SKIP_KNOWN=1
# (targets step over inputs of bugs already saved under Tests/Fuzz/crashes, for long exploratory runs).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FUZZ=$ROOT/Tests/Fuzz
SECONDS_PER_TARGET=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
B=${FUZZ_BUILD:-$ROOT/.build-fuzz}
case "$B" in /*) ;; *) B=$ROOT/$B ;; esac
MAX_LEN=${FUZZ_MAX_LEN:-4096}
export SWIFT_BACKTRACE=enable=no
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi
mkdir -p "$B/modules" "$B/bin" "$B/logs"

SWIFTC=(swiftc -swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library
        -I "$B/modules" -I Sources/CLibXML2 -I Sources/CZlib -I Sources/CSQLite -Xcc -I/usr/include/libxml2)
LIBS=(-lxml2 -lz)

log() { printf '%s\n' "$*" >&2; }

# --- Modules: each Sources/Skill* folder a target needs, compiled once (instrumented) into one object. ---
# Dependencies come from the modules' own `import Skill...` lines, so they follow the code.
declare -A BUILT=()
module_deps() {
    grep -hoE '^(@[A-Za-z_]+ )*((public|package|internal|fileprivate|private) )?import Skill[A-Za-z]+' \
        "Sources/$1"/*.swift 2>/dev/null | sed -E 's/.*import //' | sort -u | grep -vx "$1" || true
}
build_module() { # name; sets BUILT[name]=ok|fail
    local m=$1
    [ -n "${BUILT[$m]:-}" ] && return
    BUILT[$m]=building
    if [ ! -d "Sources/$m" ]; then log "module $m: no Sources/$m"; BUILT[$m]=fail; return; fi
    local d
    for d in $(module_deps "$m"); do
        build_module "$d"
        if [ "${BUILT[$d]}" != ok ]; then BUILT[$m]=fail; return; fi
    done
    local obj=$B/modules/$m.o
    local stale=1
    if [ -f "$obj" ] && [ -f "$B/modules/$m.swiftmodule" ]; then
        stale=0
        if [ -n "$(find "Sources/$m" -name '*.swift' -newer "$obj" -print -quit)" ]; then stale=1; fi
        for d in $(module_deps "$m"); do [ "$B/modules/$d.o" -nt "$obj" ] && stale=1; done
    fi
    if [ $stale = 1 ]; then
        log "building module $m"
        if ! "${SWIFTC[@]}" -wmo -module-name "$m" -emit-module -emit-module-path "$B/modules/$m.swiftmodule" \
                -c Sources/"$m"/*.swift -o "$obj" > "$B/logs/module-$m.log" 2>&1; then
            log "module $m FAILED to build; see $B/logs/module-$m.log"; tail -20 "$B/logs/module-$m.log" >&2
            rm -f "$obj"; BUILT[$m]=fail; return
        fi
    fi
    BUILT[$m]=ok
}
closure() { # modules -> the modules and their dependencies, dependencies first
    local seen=" " out=() stack=("$@")
    visit() {
        local m=$1 d
        case "$seen" in *" $m "*) return ;; esac
        seen="$seen$m "
        for d in $(module_deps "$m"); do visit "$d"; done
        out+=("$m")
    }
    local m; for m in "${stack[@]}"; do visit "$m"; done
    echo "${out[@]}"
}

header() { sed -nE "s|^// $2: *(.*)$|\1|p" "$1" | head -1; }

# --- Targets ---
if [ $# -gt 0 ]; then TARGETS=("$@"); else
    TARGETS=(); for f in "$FUZZ"/Targets/*.swift; do TARGETS+=("$(basename "$f" .swift)"); done
fi

build_target() { # name -> 0 when $B/bin/fuzz-name is ready
    local t=$1 src=$FUZZ/Targets/$1.swift
    [ -f "$src" ] || { log "no target $t ($src)"; return 1; }
    local mods; mods=$(closure $(header "$src" fuzz-modules))
    local m objs=()
    for m in $mods; do
        build_module "$m"
        [ "${BUILT[$m]}" = ok ] || { log "target $t: module $m did not build"; return 1; }
        objs+=("$B/modules/$m.o")
    done
    local bin=$B/bin/fuzz-$t
    local stale=0
    [ -f "$bin" ] || stale=1
    for f in "$src" "$FUZZ"/Support/*.swift "${objs[@]}"; do [ "$f" -nt "$bin" ] && stale=1; done
    if [ $stale = 1 ]; then
        log "building target $t"
        if ! "${SWIFTC[@]}" -module-name "fuzz_$t" "$src" "$FUZZ"/Support/*.swift "${objs[@]}" \
                "${LIBS[@]}" -o "$bin" > "$B/logs/target-$t.log" 2>&1; then
            log "target $t FAILED to build; see $B/logs/target-$t.log"; tail -20 "$B/logs/target-$t.log" >&2
            rm -f "$bin"; return 1
        fi
    fi
}

# Seeds: `// fuzz-seeds: lines:PATH file:GLOB ...` in the target's header (paths relative to the package root;
# `lines:` takes up to 40 lines of a file as separate inputs, `file:` up to 40 matching files); absent paths
# are skipped, so a clone without ../shared still runs. Plus the target's own hostile seeds.
seed_target() {
    local t=$1 dir=$B/seeds/$1
    rm -rf "$dir"; mkdir -p "$dir"
    FUZZ_WRITE_SEEDS=$dir "$B/bin/fuzz-$t" > /dev/null 2>&1 || log "target $t: writing its seeds failed"
    local spec kind path n f
    for spec in $(header "$FUZZ/Targets/$t.swift" fuzz-seeds); do
        kind=${spec%%:*}; path=${spec#*:}
        case $kind in
        lines)
            for f in $path; do
                [ -f "$f" ] || continue
                n=0
                (case "$f" in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac) | head -40 | while IFS= read -r line; do
                    n=$((n + 1)); printf '%s\n' "$line" > "$dir/line-$(basename "$f")-$n"
                done
                (case "$f" in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac) | head -c "$MAX_LEN" > "$dir/head-$(basename "$f")"
            done ;;
        file)
            n=0
            for f in $path; do
                [ -f "$f" ] || continue
                n=$((n + 1)); [ $n -gt 40 ] && break
                (case "$f" in *.gz) gzip -dc "$f" ;; *) cat "$f" ;; esac) | head -c $((MAX_LEN * 4)) > "$dir/file-$n-$(basename "$f")"
            done ;;
        esac
    done
}

status=0
declare -a SUMMARY=()
for t in "${TARGETS[@]}"; do
    if ! build_target "$t"; then SUMMARY+=("$t: BUILD FAILED"); status=2; continue; fi
    bin=$B/bin/fuzz-$t
    art=$B/artifacts/$t; mkdir -p "$art"
    # Saved reproducers must pass once fixed; until then they fail here too.
    replay_failed=0
    for r in "$FUZZ"/crashes/"$t"--*; do
        [ -f "$r" ] || continue
        if ! "$bin" -runs=1 -rss_limit_mb=2560 -malloc_limit_mb=2048 "$r" > "$B/logs/replay-$t-$(basename "$r").log" 2>&1; then
            log "target $t: saved reproducer $(basename "$r") still fails (log: $B/logs/replay-$t-$(basename "$r").log)"
            replay_failed=1
        fi
    done
    if [ "${FUZZ_ONLY_BUILD:-0}" = 1 ]; then
        SUMMARY+=("$t: built$([ $replay_failed = 1 ] && echo ', a saved reproducer still fails')")
        [ $replay_failed = 1 ] && [ $status = 0 ] && status=1
        continue
    fi
    seed_target "$t"
    corpus=$B/corpus/$t; mkdir -p "$corpus"
    dict=()
    [ -f "$FUZZ/dicts/$t.dict" ] && dict=(-dict="$FUZZ/dicts/$t.dict")
    log "fuzzing $t for ${SECONDS_PER_TARGET}s"
    "$bin" "$corpus" "$B/seeds/$t" "${dict[@]}" -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" \
        -timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=2048 -artifact_prefix="$art/" -print_final_stats=1 \
        ${FUZZ_ARGS:-} > "$B/logs/fuzz-$t.log" 2>&1
    rc=$?
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$B/logs/fuzz-$t.log" | tail -1)
    secs=$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$B/logs/fuzz-$t.log" | tail -1)
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${secs:-?}" "${execs:-?}" "$rc" >> "$B/logs/history.tsv"
    cov=$(grep -oE 'cov: [0-9]+' "$B/logs/fuzz-$t.log" | tail -1)
    if [ $rc != 0 ]; then
        crash=$(ls -t "$art" 2>/dev/null | head -1)
        log "target $t CRASHED (exit $rc): input $art/$crash; log $B/logs/fuzz-$t.log"
        { grep -E 'ERROR: |FUZZ INVARIANT|Fatal error|SUMMARY: ' "$B/logs/fuzz-$t.log" | head -4
          grep -E '#[0-9]+ 0x.* in .*(/Sources/|/Tests/Fuzz/)' "$B/logs/fuzz-$t.log" | head -8; } >&2
        log "  reproduce: SWIFT_BACKTRACE=enable=no $bin $art/$crash"
        SUMMARY+=("$t: CRASH ($art/$crash)")
        status=1
    elif [ $replay_failed = 1 ]; then
        SUMMARY+=("$t: clean run, but a saved reproducer still fails (${execs:-?} execs, $cov)")
        [ $status = 0 ] && status=1
    else
        SUMMARY+=("$t: ok (${execs:-?} execs, $cov)")
    fi
done
log ""
log "fuzz summary (${SECONDS_PER_TARGET}s per target):"
for s in "${SUMMARY[@]}"; do log "  $s"; done
exit $status
