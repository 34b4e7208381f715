#!/bin/sh
# Measures the runtime's worker and shared-memory hooks overhead (see docs/runtime.md).
# Usage: exercises/runtime/bench/worker-overhead.sh [accesses-per-round] [rounds]
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -q -o -pl exercises/runtime test-compile
cp="exercises/runtime/target/classes:exercises/runtime/target/test-classes"
# The figures only mean something next to the machine that produced them.
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
echo "machine: ${cpu:-unknown CPU}, nproc $(nproc 2>/dev/null || echo '?')"
exec "${JAVA:-java}" -Xms512m -Xmx512m -cp "$cp" dev.workshop.bench.WorkerOverheadBench "$@"
