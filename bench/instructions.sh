#!/usr/bin/env bash
# Instructions per operation of benchmark rows, counted by valgrind's
# callgrind: the same figure whatever else the machine is doing, where a
# row's ns/op on a shared 2-core machine moves by a fifth to a third
# between runs. Each row runs N and 2N iterations; the difference over N
# leaves out start-up. Garbage collection is counted where it falls, so a
# row that allocates moves by a few percent from run to run.
#
# Usage: ./instructions.sh [Op/case ...]   (default: every Extract row)
#   LIBS="tracewire floor floorspell"   the library= sub-benchmarks to count
#                            (floorspell: map rows only)
#   N=20000
# Prints "Op case library instructions/op". Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")"
N=${N:-20000}
LIBS=${LIBS:-tracewire floor floorspell}
bin=$(mktemp -d)/bench.test
CGO_ENABLED=0 go test -c -o "$bin" .
rows=("$@")
if [ ${#rows[@]} -eq 0 ]; then
  for c in traceparent tracestate3 tracestate32 baggage5 baggage64 b3single b3multi jaeger xray ottrace datadog composite; do
    for k in http map; do rows+=("Extract/$c-$k"); done
  done
fi
. ./callgrind.sh
for row in "${rows[@]}"; do
  op=${row%%/*} case=${row#*/}
  for lib in $LIBS; do
    # floorspell exists on map rows only (see floors_test.go).
    [[ $lib == floorspell && $case != *-map ]] && continue
    # OpenTelemetry-Go has no Datadog propagator, so no such row.
    [[ $lib == otel && $case == datadog-* ]] && continue
    echo "$op $case $lib $(per_op "$bin" "^Benchmark$op\$/^case=$case\$/^library=$lib\$" "$N")"
  done
done
