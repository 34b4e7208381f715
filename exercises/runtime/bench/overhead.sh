#!/bin/sh
# Measures the runtime's instrumentation overhead (see docs/runtime.md).
# Usage: exercises/runtime/bench/overhead.sh [callbacks-per-round] [rounds]
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
./mvnw -q -o -pl exercises/runtime test-compile
cp="exercises/runtime/target/classes:exercises/runtime/target/test-classes"
exec "${JAVA:-java}" -Xms512m -Xmx512m -cp "$cp" dev.workshop.bench.OverheadBench "$@"
