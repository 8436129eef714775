#!/usr/bin/env bash
# Instructions per operation of every BenchmarkExtract and BenchmarkInject
# row, counted by valgrind's callgrind: the same figure whatever else the
# machine is doing, where ns/op on a shared machine is not. Each row runs
# N and 2N iterations; the difference over N leaves out start-up. The
# collector runs as usual (its work is part of an allocation's cost), so
# rows differ by a few percent from run to run with where collections
# fall. Needs valgrind; takes about half an hour.
set -euo pipefail
cd "$(dirname "$0")"
N=${N:-40000}
bin=$(mktemp -d)/otel.test
CGO_ENABLED=0 go test -c -o "$bin" .
. ../bench/callgrind.sh
for op in Extract ExtractRead Inject; do
  fs="tracecontext baggage b3 jaeger composite"
  [ "$op" = ExtractRead ] && fs="baggage composite"
  for f in $fs; do
    for c in HeaderCarrier MapCarrier; do
      for i in otel tracewire; do
        echo "$op $f $c $i $(per_op "$bin" "^Benchmark$op\$/^$f\$/^$c\$/^$i\$" "$N")"
      done
    done
  done
done
