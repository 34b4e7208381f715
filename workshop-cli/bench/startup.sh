#!/usr/bin/env bash
# Times `workshop print` and `workshop list` through the real launcher, the way learners run them,
# and prints the median of each. A benchmark, not a test: the numbers depend on the machine.
#
# Usage: workshop-cli/bench/startup.sh [RUNS]    (default 20 runs per command, at least 10)
#   JAVA_HOME picks the JDK, as for the launcher. Uses hyperfine when it is installed (it reports
#   the same median), else a plain loop.
#
# Before timing, it builds the project if needed, records the class-data archive (or AOT cache)
# for this JDK, and warms up each command 3 times, so that only the everyday start-up is measured.
# The output goes to /dev/null: not a terminal, so no colour and no pager, as in a pipe.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-20}
if [ "$runs" -lt 10 ]; then
  echo "startup.sh: use at least 10 runs (got $runs)" >&2
  exit 2
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export WORKSHOP_HOME="$home"

"$root/workshop" --version >/dev/null # builds if needed, records the archive for this JDK
export WORKSHOP_SKIP_BUILD=1          # from here on, time start-up only
"$root/workshop" select 1 >/dev/null  # print shows the first exercise

java_bin=$(JAVA_HOME=${JAVA_HOME:-} bash -c 'if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi')
echo "JDK:     $("$java_bin" -version 2>&1 | sed -n 2p)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:    $runs per command, after 3 warm-up runs"

median_ms() {
  sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", m }'
}

measure() {
  local label=$1; shift
  if command -v hyperfine >/dev/null 2>&1; then
    local json="$home/hyperfine.json"
    hyperfine --style none --warmup 3 --runs "$runs" --export-json "$json" -N "$root/workshop $*" >/dev/null 2>&1 ||
      hyperfine --style none --warmup 3 --runs "$runs" --export-json "$json" "$root/workshop $*" >/dev/null
    local times
    times=$(grep -A "$((runs + 1))" '"times"' "$json" | grep -Eo '[0-9]+\.[0-9]+(e-?[0-9]+)?' | awk '{ printf "%f\n", $1 * 1000 }')
    printf '%-16s median %4s ms   min %4s ms   max %4s ms   (hyperfine, %d runs)\n' "$label" \
      "$(echo "$times" | median_ms)" "$(echo "$times" | sort -n | head -1 | cut -d. -f1)" "$(echo "$times" | sort -n | tail -1 | cut -d. -f1)" "$runs"
    return
  fi
  local times=() start end
  for _ in 1 2 3; do "$root/workshop" "$@" >/dev/null; done
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$root/workshop" "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | awk '{ printf "%f\n", $1 / 1000 }')
  printf '%-16s median %4s ms   min %4s ms   max %4s ms   (loop, %d runs)\n' "$label" \
    "$(echo "$sorted" | median_ms)" "$(echo "$sorted" | sort -n | head -1 | cut -d. -f1)" "$(echo "$sorted" | sort -n | tail -1 | cut -d. -f1)" "$runs"
}

measure "workshop print" print
measure "workshop list" list
