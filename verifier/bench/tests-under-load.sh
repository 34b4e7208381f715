#!/usr/bin/env bash
# The verifier's own tests under load: runs `./mvnw -o verify -pl verifier` (its test classes four
# at a time, as CI does) RUNS times, one run after another, beside BUSY busy loops, and prints one
# line per run (exit code, seconds, load average, the test counts) and every failed test. The
# verifier's tests judge real solutions in child JVMs; a test that fails here only under load is a
# verdict that changes with load (see docs/verifier.md, "Verdicts that changed under load").
#
# Usage: verifier/bench/tests-under-load.sh [runs, default 6] [busy loops, default 2]
# Build first (./mvnw -q -o install -DskipTests): the module's tests use the installed probe.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-6}
busy=${2:-2}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 "$busy"); do
  sh -c 'while :; do :; done' &
  pids+=($!)
done
echo "tests-under-load: $runs runs beside $busy busy loops, $(nproc) cores, $(java -version 2>&1 | head -1)"
passed=0
cd "$root"
for r in $(seq 1 "$runs"); do
  start=$SECONDS
  ./mvnw -B -ntp -o verify -pl verifier >"$work/run.log" 2>&1
  rc=$?
  counts=$(grep -E 'Tests run: [0-9]+, Failures' "$work/run.log" | tail -1 | sed 's/^\[[A-Z]*\] //')
  echo "run $r: exit $rc in $((SECONDS - start)) s, load $(cut -d' ' -f1-3 /proc/loadavg); $counts"
  grep -E '^\[ERROR\]   [A-Za-z]' "$work/run.log" | cut -c1-400 || true
  [ "$rc" -eq 0 ] && passed=$((passed + 1))
done
echo "tests-under-load: $passed of $runs runs passed"
[ "$passed" -eq "$runs" ]
