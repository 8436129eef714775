#!/usr/bin/env bash
# Checks the reference services against every vector file with
# "tracewire conform" and writes their reports:
#
#   conformance/reports/<peer>.json   what conform reported (--json)
#   conformance/reports/<peer>.md     pass rates per format, and every
#                                     failure grouped by its cause, from
#                                     conformance/causes/<peer>.json
#
# Peers (default: all): otel-go (conformance/otelgo, the OpenTelemetry-Go
# SDK) and otel-js (conformance/oteljs, OpenTelemetry-JS from npm, on the
# machine's Node.js). Each service is built, started on 127.0.0.1 on a free
# port, checked and stopped; nothing listens beyond loopback.
#
#   bash conformance/run.sh [otel-go] [otel-js]
set -euo pipefail
cd "$(dirname "$0")/.."

peers=("$@")
[ ${#peers[@]} -gt 0 ] || peers=(otel-go otel-js)
reports=conformance/reports
mkdir -p "$reports"
tmp=$(mktemp -d)
pid=""
status=0
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# start LOG CMD...: runs CMD in the background and waits for the line in
# which it announces its URL.
start() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; return 1; }
    sleep 0.1
  done
  echo "service did not start:"; cat "$log"; return 1
}

stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

for peer in "${peers[@]}"; do
  echo "== $peer"
  case "$peer" in
    otel-go)
      (cd conformance/otelgo && go build -o "$tmp/otelgo" .)
      start "$tmp/$peer.log" "$tmp/otelgo" -listen 127.0.0.1:0
      ;;
    otel-js)
      (cd conformance/oteljs && npm ci --no-audit --no-fund --loglevel=error)
      start "$tmp/$peer.log" node conformance/oteljs/server.js --listen 127.0.0.1:0
      ;;
    *)
      echo "unknown peer $peer (otel-go, otel-js)"; exit 2 ;;
  esac
  # conform exits 1 when a case fails, which a peer is expected to do.
  code=0
  go run ./cmd/tracewire conform --json "$url" >"$reports/$peer.json" 2>"$tmp/conform.err" || code=$?
  cat "$tmp/conform.err"
  stop
  if [ "$code" -gt 1 ]; then echo "conform failed to run ($code)"; exit 1; fi
  python3 conformance/report.py "$peer" || status=1
done
exit "$status"
