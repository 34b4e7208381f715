#!/usr/bin/env bash
# How long `workshop verify` takes, beyond the time the exercise itself is meant to run.
# For each chosen exercise it times RUNS verifies (default 10, after one warm-up) of the reference
# solution: with the sources changed before each one (a fresh compile), then unchanged (the
# compile cache). It prints the medians and the overhead: the median minus the time the
# exercise's runs are designed to take (its timers and delays).
#
# Usage: verifier/bench/verify-time.sh [runs]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
workshop="$root/workshop"
work=$(mktemp -d "${TMPDIR:-/tmp}/workshop-verify-time.XXXXXX")
export WORKSHOP_HOME="$work/home"
trap 'rm -rf "$work"' EXIT

"$workshop" list >/dev/null || { echo "verify-time: the workshop does not build" >&2; exit 2; }
echo "verify-time: $runs runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# exercise number, learner file, designed run time in ms (what the exercise itself waits for)
cases=(
  "2 Schedule.java 500"
  "3 Delay.java 1444"
  "4 Delay.java 1222"
)
printf '%-28s %12s %12s %10s %12s %12s\n' "exercise" "changed ms" "unchanged ms" "designed" "overhead" "overhead"
printf '%-28s %12s %12s %10s %12s %12s\n' "" "(median)" "(median)" "ms" "changed ms" "unchanged ms"
for c in "${cases[@]}"; do
  set -- $c
  number=$1 file=$2 designed=$3
  folder=$(ls -d "$root"/exercises/catalogue/src/main/exercises/$(printf '%02d' "$number")-*/)
  dir="$work/ex$number"
  mkdir -p "$dir"
  cp "$folder"/solution/*.java "$dir"/
  "$workshop" select "$number" >/dev/null
  "$workshop" verify "$dir" >/dev/null 2>&1 # warm-up: the CDS archive, the page cache
  changed=()
  same=()
  for i in $(seq "$runs"); do
    echo "// run $i $RANDOM" >>"$dir/$file"
    s=$(date +%s%N); "$workshop" verify "$dir" >/dev/null 2>&1; e=$(date +%s%N)
    changed+=($(( (e - s) / 1000000 )))
    s=$(date +%s%N); "$workshop" verify "$dir" >/dev/null 2>&1; e=$(date +%s%N)
    same+=($(( (e - s) / 1000000 )))
  done
  mc=$(printf '%s\n' "${changed[@]}" | median)
  ms=$(printf '%s\n' "${same[@]}" | median)
  printf '%-28s %12s %12s %10s %12s %12s\n' "$(basename "$folder")" "$mc" "$ms" "$designed" "$((mc - designed))" "$((ms - designed))"
done
