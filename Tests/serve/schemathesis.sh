#!/usr/bin/env bash
# Fuzzes the query service from its own OpenAPI document with schemathesis (PyPI): every check (no server
# error, documented status codes, content types and schemas, rejection of invalid and acceptance of valid
# input, 405 for other methods), on a store of the shipped sample, with an upload key.
# Usage: bash Tests/serve/schemathesis.sh (after `swift build`; SKILLRADAR_BIN picks the skillradar binary).
# SCHEMATHESIS_EXAMPLES (default 5) examples per operation and phase.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SKILLRADAR_BIN:-$(swift build --show-bin-path)/skillradar}"
if ! command -v schemathesis >/dev/null; then
  pip install -q schemathesis >/dev/null 2>&1 || { echo "SKIP: schemathesis is not installed and pip cannot install it"; exit 0; }
fi
work=$(mktemp -d)
"$BIN" analyze Corpora/sample/postings.jsonl --db "$work/s.sqlite" --quiet >/dev/null
"$BIN" analyze --supply Corpora/sample/programmes.csv --db "$work/s.sqlite" --quiet >/dev/null
KEY=$("$BIN" serve keys add fuzz --keys "$work/keys")
"$BIN" serve --db "$work/s.sqlite" --port 0 --keys "$work/keys" > "$work/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
URL=$(grep -o "http://[0-9.:]*" "$work/serve.log" | head -1)
[ -n "$URL" ] || { echo "the server did not start:"; cat "$work/serve.log"; exit 1; }
set +e
schemathesis --config-file Tests/serve/schemathesis.toml run "$URL/api/v1/openapi.json" --checks all \
  -H "Authorization: Bearer $KEY" --max-examples "${SCHEMATHESIS_EXAMPLES:-5}" --workers 1 \
  --phases examples,coverage,fuzzing --request-timeout 60 --no-color > "$work/schemathesis.txt" 2>&1
rc=$?
set -e
grep -E "^- ST|^    curl|^=+ .* in [0-9.]+s =+$|generated" "$work/schemathesis.txt" | head -60
if [ $rc -ne 0 ]; then tail -40 "$work/schemathesis.txt"; echo "schemathesis: FAILED"; exit $rc; fi
kill -TERM $PID; wait $PID || true
echo "schemathesis: passed"
