# Sourced by bench/instructions.sh and otel/instructions.sh.
#
# per_op BIN BENCH N prints the instructions per operation of the one
# benchmark BENCH (a -test.bench pattern) of the test binary BIN, counted
# by valgrind's callgrind: the run of 2N iterations less the run of N,
# over N, which leaves out start-up. One CPU, no asynchronous preemption,
# so that the count does not depend on the machine's load.
per_op() {
  local bin=$1 bench=$2 n=$3 tot=() k out
  for k in "$n" $((2 * n)); do
    out=$(mktemp)
    GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file="$out" \
      "$bin" -test.run='^$' -test.bench="$bench" -test.benchtime="${k}x" >/dev/null 2>&1
    tot+=("$(awk '/^totals:/ {print $2}' "$out")")
    rm -f "$out"
  done
  echo $(((tot[1] - tot[0]) / n))
}
