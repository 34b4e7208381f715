#!/usr/bin/env bash
# False positives under load: verifies every exercise's reference solution RUNS times (default 50)
# through the real `workshop verify`, while one busy process per core keeps the machine saturated.
# Prints the passes per exercise and the diagnosis of every failure; exits 1 if any run failed.
#
# Usage: verifier/bench/stress.sh [runs] [exercise numbers...]
#   verifier/bench/stress.sh            # 50 runs of every exercise
#   verifier/bench/stress.sh 10 4 8     # 10 runs of exercises 4 and 8
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-50}
shift || true
workshop="$root/workshop"
work=$(mktemp -d "${TMPDIR:-/tmp}/workshop-stress.XXXXXX")
export WORKSHOP_HOME="$work/home"
burners=()

cleanup() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$workshop" list >/dev/null || { echo "stress: the workshop does not build" >&2; exit 2; }
exercises_dir="$root/exercises/catalogue/src/main/exercises"
mapfile -t folders < <(ls -d "$exercises_dir"/[0-9][0-9]-*/ | sort)
if [ $# -gt 0 ]; then
  chosen=()
  for n in "$@"; do chosen+=("${folders[$((n - 1))]}"); done
  folders=("${chosen[@]}")
fi

cores=$(nproc)
for _ in $(seq "$cores"); do
  ( while :; do :; done ) &
  burners+=($!)
done
echo "stress: $runs runs per exercise, $cores busy loops on $cores cores, $(java -version 2>&1 | head -1)"

status=0
printf '%-32s %8s %10s  %s\n' "exercise" "passed" "median s" "failures"
for folder in "${folders[@]}"; do
  name=$(basename "$folder")
  number=$((10#${name%%-*}))
  solution="$work/$name"
  mkdir -p "$solution"
  cp "$folder"/solution/*.java "$solution"/
  "$workshop" select "$number" >/dev/null
  passed=0
  failures=""
  times=()
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    if "$workshop" verify "$solution" >"$work/out.txt" 2>&1; then
      passed=$((passed + 1))
    else
      why=$(grep -o '\[[a-z-]*\]$' "$work/out.txt" | head -1)
      failures="$failures ${why:-?}"
      cp "$work/out.txt" "$work/../workshop-stress-failure-$name-$i.txt" 2>/dev/null
      status=1
    fi
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=a[int((NR+1)/2)]; printf "%.2f", m/1000}')
  printf '%-32s %5d/%-3d %10s  %s\n' "$name" "$passed" "$runs" "$median" "${failures:-none}"
done
[ $status -ne 0 ] && echo "stress: the verdicts of failed runs were kept as ${TMPDIR:-/tmp}/workshop-stress-failure-*.txt"
exit $status
