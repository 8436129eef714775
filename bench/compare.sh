#!/bin/sh
# compare.sh runs the side-by-side benchmarks of tracewire, OpenTelemetry-Go
# (core and contrib), zipkin-go, dd-trace-go v2 and the floors, then prints the machine they
# ran on, a benchstat table with the libraries as columns, and per case the
# ratios tracewire/peer and tracewire/floor with the project's targets.
#
# Environment (all optional):
#   COUNT=6          runs of each benchmark (benchstat wants >= 6)
#   BENCHTIME=100ms  -benchtime of each run
#   BENCH=.          -bench pattern, e.g. 'Extract/case=composite'
#   CPU=             -cpu list; empty keeps GOMAXPROCS
#   RAW=             file to keep the raw `go test -bench` output in
#
# Usage: ./compare.sh | tee results/$(date +%F).txt
set -eu

cd "$(dirname "$0")"

COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-100ms}
BENCH=${BENCH:-.}
CPU=${CPU:-}
BENCHSTAT_VERSION=v0.0.0-20260908200009-22c9c6c9d4da # golang.org/x/perf, builds with Go 1.26

if [ "$COUNT" -lt 6 ]; then
	echo "compare.sh: COUNT=$COUNT is too few for benchstat's confidence intervals; using 6" >&2
	COUNT=6
fi

GOBIN=${GOBIN:-$(go env GOPATH)/bin}
BENCHSTAT=$GOBIN/benchstat
if ! "$BENCHSTAT" -h 2>&1 | grep -q -- '-col'; then
	GOBIN=$GOBIN go install "golang.org/x/perf/cmd/benchstat@$BENCHSTAT_VERSION"
fi

raw=${RAW:-$(mktemp)}
trap '[ -n "${RAW:-}" ] || rm -f "$raw"' EXIT

echo "# tracewire side-by-side benchmarks"
echo "date:       $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- .. 2>/dev/null || echo ' (+ uncommitted changes)')"
echo "go:         $(go version)"
echo "nproc:      $(nproc)"
echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)"
echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (before the run)"
echo "peers:      $(go list -m -f '{{.Path}}@{{.Version}}' go.opentelemetry.io/otel go.opentelemetry.io/contrib/propagators/b3 go.opentelemetry.io/contrib/propagators/jaeger go.opentelemetry.io/contrib/propagators/aws go.opentelemetry.io/contrib/propagators/ot go.opentelemetry.io/contrib/propagators/autoprop github.com/openzipkin/zipkin-go github.com/DataDog/dd-trace-go/v2 | tr '\n' ' ')"
echo "benchstat:  golang.org/x/perf@$BENCHSTAT_VERSION"
echo "command:    go test -run=NONE -bench='$BENCH' -benchmem -count=$COUNT -benchtime=$BENCHTIME -timeout=0 ${CPU:+-cpu=$CPU }."
echo

# -timeout=0: the whole run takes longer than go test's default ten minutes
# on a busy machine.
go test -run=NONE -bench="$BENCH" -benchmem -count="$COUNT" -benchtime="$BENCHTIME" -timeout=0 ${CPU:+-cpu="$CPU"} . >"$raw"

echo "load avg:   $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (after the run)"
echo
echo "## benchstat -col /library (the first column, tracewire, is the base)"
"$BENCHSTAT" -col /library "$raw"
echo
echo "## medians and ratios (go run ./cmd/ratios)"
go run ./cmd/ratios "$raw"
