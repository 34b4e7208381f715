#!/bin/sh
# Measures what the process hooks cost on a message round trip (see docs/runtime.md).
# Usage: exercises/runtime/bench/fork-overhead.sh [round-trips-per-round] [rounds]
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -q -o -pl exercises/runtime test-compile
cp="exercises/runtime/target/classes:exercises/runtime/target/test-classes"
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
echo "machine: ${cpu:-unknown CPU}, nproc $(nproc 2>/dev/null || echo '?')"
exec "${JAVA:-java}" -Xms256m -Xmx256m -cp "$cp" dev.workshop.bench.ForkBench "$@"
