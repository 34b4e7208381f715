#!/usr/bin/env bash
# Times `workshop print` and `workshop list` through the real launcher, the way learners run them.
# Usage: workshop-cli/bench/startup.sh [RUNS]   (default 20 runs per command, after 3 warm-up runs)
# Prints the median, the fastest and the slowest, in milliseconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-20}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export WORKSHOP_HOME="$home" WORKSHOP_SKIP_BUILD=1

"$root/workshop" --version >/dev/null   # builds the class-data archive for this JDK if needed

measure() {
  local label=$1; shift
  local times=()
  for _ in 1 2 3; do "$root/workshop" "$@" >/dev/null; done
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$root/workshop" "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local median
  median=$(echo "$sorted" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print }')
  printf '%-22s median %4d ms   min %4d ms   max %4d ms   (%d runs)\n' \
    "$label" "$median" "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$runs"
}

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "JDK: $("$java_bin" -version 2>&1 | head -1)   cores: $(nproc)"
measure "workshop print" print --no-pager
measure "workshop list" list
