#!/usr/bin/env bash
# Peer benchmark suite for `skillradar count` (the standard label-counting task; see Benchmarks/README.md).
#
#   bash Benchmarks/run.sh [--quick] [--record] [run.py options]
#
# Results go to Benchmarks/work/results/ (ignored by git); --record writes them to the committed
# Benchmarks/results/ instead (run.py's option; see Benchmarks/README.md).
#
# Setup (each step may fail; a failed tool is reported as unavailable and the suite goes on):
#   1. apt packages: time, pkg-config, gcc, librust-aho-corasick-dev, libhyperscan-dev
#   2. Benchmarks/.venv with the Python peers (Benchmarks/peers/requirements.txt, one pip install each)
#   3. native peers: Benchmarks/native/rust-ac (cargo, offline, Debian's crates) and Benchmarks/native/hs (gcc)
#   4. skillradar: `swift build -c release --product skillradar` (skip with SKILLRADAR_BIN=/path/to/skillradar)
# then runs Benchmarks/run.py. Setup logs and per-tool status: Benchmarks/work/setup/.
# Set BENCH_NO_SETUP=1 to skip setup and reuse what the last setup left.
set -uo pipefail
cd "$(dirname "$0")/.."
B=Benchmarks
W=$B/work
S=$W/setup
mkdir -p "$S"

say() { printf '[setup] %s\n' "$*"; }
set_status() { printf '%s\n' "$2" > "$S/$1.status"; say "$1: $2"; }
# the most telling line of a log: its last error-like line, else its last line
last_error() {
  [ -f "$1" ] || return 0
  local l
  l=$(grep -iE 'error|fail|not found|unable|no matching|cannot' "$1" | tail -n 1)
  [ -n "$l" ] || l=$(tail -n 1 "$1")
  printf '%s' "$l" | cut -c1-300
}

if [ "${BENCH_NO_SETUP:-0}" != "1" ]; then
  # 1. apt packages
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  missing=()
  for pkg in time pkg-config gcc librust-aho-corasick-dev libhyperscan-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq > "$S/apt-update.log" 2>&1 || say "apt-get update failed (see $S/apt-update.log)"
    for pkg in "${missing[@]}"; do
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" > "$S/apt-$pkg.log" 2>&1 \
        || say "apt-get install $pkg failed: $(last_error "$S/apt-$pkg.log")"
    done
  fi

  # 2. Python peers in their own virtualenv
  VENV=$B/.venv
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" > "$S/venv.log" 2>&1 || say "python3 -m venv failed: $(last_error "$S/venv.log")"
  fi
  while read -r req module tool; do
    case "$req" in ''|'#'*) continue ;; esac
    if [ ! -x "$VENV/bin/python" ]; then
      set_status "$tool" "unavailable: could not create the virtualenv $VENV (see $S/venv.log)"
      continue
    fi
    want_version=${req#*==}
    have_version=$("$VENV/bin/python" -c "import importlib.metadata as m, sys; print(m.version(sys.argv[1]))" "${req%%==*}" 2>/dev/null || true)
    rm -f "$S/pip-$tool.log"
    if [ "$have_version" != "$want_version" ]; then
      say "pip install $req"
      "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$req" > "$S/pip-$tool.log" 2>&1
    fi
    if "$VENV/bin/python" -c "import $module" > "$S/import-$tool.log" 2>&1; then
      set_status "$tool" "ok"
    else
      err=$(last_error "$S/pip-$tool.log")
      [ -n "$err" ] || err=$(last_error "$S/import-$tool.log")
      set_status "$tool" "unavailable: pip install $req failed: $err"
    fi
  done <<'EOF'
flashtext==2.7 flashtext flashtext
pyahocorasick==2.3.1 ahocorasick pyahocorasick
ahocorasick_rs==1.0.3 ahocorasick_rs ahocorasick_rs
hyperscan==0.9.1 hyperscan hyperscan-py
spacy==3.8.18 spacy spacy
EOF

  # 3. native peers
  if ! command -v cargo >/dev/null; then
    set_status rust-aho-corasick "unavailable: cargo not found"
  elif [ ! -d /usr/share/cargo/registry ] || ! ls -d /usr/share/cargo/registry/aho-corasick-* >/dev/null 2>&1; then
    set_status rust-aho-corasick "unavailable: Debian package librust-aho-corasick-dev not installed"
  elif (cd $B/native/rust-ac && cargo build --release --offline --target-dir ../../work/rust-ac-target) > "$S/rust-ac.log" 2>&1; then
    set_status rust-aho-corasick "ok"
  else
    set_status rust-aho-corasick "unavailable: cargo build failed: $(last_error "$S/rust-ac.log")"
  fi
  mkdir -p "$W/hs"
  if ! pkg-config --exists libhs 2>/dev/null; then
    set_status hyperscan-c "unavailable: libhs not found by pkg-config (Debian package libhyperscan-dev)"
  elif gcc -O2 -Wall -o "$W/hs/hs-count" $B/native/hs/hs_count.c $(pkg-config --cflags --libs libhs) > "$S/hs.log" 2>&1; then
    set_status hyperscan-c "ok"
  else
    set_status hyperscan-c "unavailable: gcc failed: $(last_error "$S/hs.log")"
  fi

  # 4. skillradar (release)
  rm -f "$S/swift-deps.log" "$S/swift-build.log"
  if [ -n "${SKILLRADAR_BIN:-}" ]; then
    BIN=$SKILLRADAR_BIN
  elif bash .ci/install-deps.sh > "$S/swift-deps.log" 2>&1 \
       && say "swift build -c release --product skillradar" \
       && swift build -c release --product skillradar > "$S/swift-build.log" 2>&1; then
    BIN="$(swift build -c release --show-bin-path)/skillradar"
  else
    BIN=""
    why=$(last_error "$S/swift-build.log")
    [ -n "$why" ] || why=$(last_error "$S/swift-deps.log")
    set_status skillradar "not built: swift build failed: $why"
  fi
  if [ -n "$BIN" ]; then
    if [ ! -x "$BIN" ]; then
      set_status skillradar "not built: no executable at $BIN"
    elif "$BIN" count --help > "$S/skillradar-count-help.log" 2>&1; then
      set_status skillradar "ok $BIN"
    else
      set_status skillradar "not built: the binary has no \`count\` command yet ($BIN)"
    fi
  fi
fi

exec python3 $B/run.py "$@"
