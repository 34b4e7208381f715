#!/bin/sh
# Measures the instrumentation overhead per pool job: queueWork, fs().read, lookup (see docs/runtime.md).
# Usage: exercises/runtime/bench/pool-jobs.sh [jobs-per-round] [rounds]
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -q -o -pl exercises/runtime test-compile
cp="exercises/runtime/target/classes:exercises/runtime/target/test-classes"
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
echo "machine: ${cpu:-unknown CPU}, nproc $(nproc 2>/dev/null || echo '?'), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
exec "${JAVA:-java}" -Xms512m -Xmx512m -cp "$cp" dev.workshop.bench.PoolJobBench "$@"
