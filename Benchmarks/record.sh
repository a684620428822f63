# Sourced (not run) by the benchmark scripts, from the repository root: a run writes its results under
# Benchmarks/work/ (ignored by git) and updates the committed copy under Benchmarks/results/ only when it is
# meant to be recorded, so benchmarking never leaves `git status` dirty by accident.
#
#   source Benchmarks/record.sh "$@"; set -- ${BENCH_ARGS[@]+"${BENCH_ARGS[@]}"}
#   ... write "$BENCH_WORK/NAME.md" ...
#   bench_record "$BENCH_WORK/NAME.md" NAME.md
#
# `--record`, anywhere among the arguments, turns recording on; it is taken out of the arguments (BENCH_ARGS
# holds the rest). SKILLRADAR_BIN=/path/to/skillradar (used by the scripts that run the CLI) skips their
# release build.
BENCH_RECORD=0
BENCH_ARGS=()
for bench_arg in "$@"; do
  if [ "$bench_arg" = --record ]; then BENCH_RECORD=1; else BENCH_ARGS+=("$bench_arg"); fi
done
unset bench_arg
BENCH_WORK=Benchmarks/work
BENCH_RESULTS=Benchmarks/results
mkdir -p "$BENCH_WORK"

# bench_record FILE NAME: with --record, copies FILE to Benchmarks/results/NAME; says what it did either way.
bench_record() {
  if [ "$BENCH_RECORD" = 1 ]; then
    mkdir -p "$BENCH_RESULTS"
    cp "$1" "$BENCH_RESULTS/$2"
    echo "recorded in $BENCH_RESULTS/$2"
  else
    echo "written to $1 (not recorded: add --record to update $BENCH_RESULTS/$2)"
  fi
}

# bench_skillradar [quiet]: prints the release skillradar binary to use: $SKILLRADAR_BIN, else the one
# `swift build -c release` builds (its progress goes to stderr, or nowhere with `quiet`; errors are shown,
# and a failed build fails the caller's `BIN="$(bench_skillradar)"` under `set -e`).
bench_skillradar() {
  if [ -n "${SKILLRADAR_BIN:-}" ]; then
    printf '%s\n' "$SKILLRADAR_BIN"
    return
  fi
  if [ "${1:-}" = quiet ]; then
    swift build -c release --product skillradar >/dev/null || return 1
  else
    swift build -c release --product skillradar >&2 || return 1
  fi
  printf '%s/skillradar\n' "$(swift build -c release --show-bin-path)"
}
