#!/usr/bin/env bash
# What each fixture verify costs: for every chosen exercise, its reference solution and each of
# its known-wrong variants (wrong/<variant>/) verified once through the real `workshop verify`,
# one at a time, with every child JVM timed by /usr/bin/time (a WORKSHOP_JAVA wrapper). Prints
# one line per verify (exercise, folder, wall s of the whole command, child JVMs, their CPU s),
# then the sums per exercise and in all. Linux only (/usr/bin/time). The verdicts are not
# judged here (ExerciseFixturesTest and stress.sh do that); note that exercise 1's reference
# FAILs under the wrapper, since the pid the verifier launched is then /usr/bin/time's.
#
# Usage: verifier/bench/fixture-cpu.sh [exercise numbers...]   (default: every exercise)
# Build first (./mvnw -q -o install -DskipTests): it runs ./workshop with WORKSHOP_SKIP_BUILD=1.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exercises_dir="$root/exercises/catalogue/src/main/exercises"
[ -x /usr/bin/time ] || { echo "fixture-cpu: needs /usr/bin/time" >&2; exit 2; }
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=$(command -v java); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times="$work/times.txt"
cat >"$work/java" <<EOF
#!/bin/sh
exec /usr/bin/time -a -o "$times" -f "%e %U %S" "$java" "\$@"
EOF
chmod +x "$work/java"
export WORKSHOP_SKIP_BUILD=1 WORKSHOP_CACHE="$work/cache"

numbers=("$@")
[ ${#numbers[@]} -gt 0 ] || mapfile -t numbers < <(ls "$exercises_dir" | sed -n 's/^\([0-9][0-9]\)-.*/\1/p' | sed 's/^0//')
printf '%-4s %-40s %8s %8s %8s\n' "ex" "folder" "wall s" "children" "CPU s"
for n in "${numbers[@]}"; do
  folder=$(ls -d "$exercises_dir/$(printf %02d "$n")"-*/ 2>/dev/null | head -1)
  [ -n "$folder" ] || { echo "fixture-cpu: no exercise $n" >&2; exit 2; }
  export WORKSHOP_HOME="$work/home$n"
  "$root/workshop" select "$n" >/dev/null
  # The first verify records the child JVMs' class-data archive (per java, so the wrapper's):
  # not counted.
  WORKSHOP_JAVA="$work/java" "$root/workshop" verify "$folder/solution" >/dev/null 2>&1 || true
  for v in "$folder/solution" "$folder"/wrong/*/; do
    : >"$times"
    start=$(date +%s.%N)
    WORKSHOP_JAVA="$work/java" "$root/workshop" verify "$v" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v n="$n" -v f="$(basename "$v")" -v s="$start" -v e="$end" \
      '{ c++; cpu += $2 + $3 } END { printf "%-4s %-40s %8.2f %8d %8.2f\n", n, f, e - s, c, cpu }' "$times"
  done
done | tee "$work/lines.txt"
awk '{ w[$1] += $3; c[$1] += $4; cpu[$1] += $5; k[$1]++; W += $3; C += $4; CPU += $5 }
  END { for (e in w) printf "exercise %-3s %3d verifies %8.1f s wall %5d children %7.1f s CPU\n", e, k[e], w[e], c[e], cpu[e] | "sort -n -k2"
        close("sort -n -k2")
        printf "all          %3d verifies %8.1f s wall %5d children %7.1f s CPU\n", NR, W, C, CPU }' "$work/lines.txt"
