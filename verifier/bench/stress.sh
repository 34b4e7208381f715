#!/usr/bin/env bash
# No false verdicts under load. Verifies, through the real `workshop verify`, either every chosen
# exercise's reference solution (each must PASS) or, with --variants, every known-wrong variant
# under wrong/<variant>/ (each must FAIL with the diagnosis, and the frame, its expected.properties
# names), RUNS times each, while busy loops keep the cores saturated.
#
# Usage: verifier/bench/stress.sh [options] [runs] [exercise numbers, or N/variant with --variants...]
#   --busy N     N busy loops beside the verifies (default: one per core; 0 for none)
#   --variants   the wrong variants instead of the reference solutions (runs default to 10)
#   --java PATH  the JDK to measure (its folder or its bin/java); default $JAVA_HOME, else PATH's java
#   --clock C    the probe's clock: schedstat (default on Linux) or portable (forces the fallback
#                macOS and Windows use, through WORKSHOP_PROBE_CLOCK)
#   --out DIR    where the results go (default: a new folder under ${TMPDIR:-/tmp}). An existing
#                folder is added to, so a long measurement can be recorded in parts (one exercise
#                or a few per call) into one folder: DIR/table.txt (the table of every part, each
#                under a header naming the options, the JDK and the load), DIR/runs.tsv (one line
#                per verify) and DIR/failures/ (the verdict of every run that went wrong).
# Examples:
#   verifier/bench/stress.sh                          # 50 runs of every reference solution
#   verifier/bench/stress.sh --busy 8 50 4 8          # 50 runs of exercises 4 and 8, 8 busy loops
#   verifier/bench/stress.sh --variants 10 4/raw-thread
#   verifier/bench/stress.sh --java /usr/lib/jvm/temurin-25-jdk-amd64 20
#
# Prints one row per exercise or variant: runs as expected of runs made, median wall time of a
# verify, the load average when the row ended, and what the other runs got (2x[computing]: two runs
# FAILed with that diagnosis; PASS, exit-N: the exit status when no FAIL line was printed). Ctrl-C
# prints the row of the runs made so far. Exits 0 when every run went as expected, 1 when one did
# not, 2 on a usage or build error, 130 when interrupted.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
workshop="$root/workshop"
exercises_dir="$root/exercises/catalogue/src/main/exercises"

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; }
die() { echo "stress: $*" >&2; exit 2; }

runs= busy= variants=false jdk= out= clock=schedstat selected=()
while [ $# -gt 0 ]; do
  case $1 in
    --busy) [ $# -ge 2 ] || die "--busy needs a number"; busy=$2; shift 2 ;;
    --busy=*) busy=${1#*=}; shift ;;
    --variants) variants=true; shift ;;
    --java) [ $# -ge 2 ] || die "--java needs a JDK"; jdk=$2; shift 2 ;;
    --java=*) jdk=${1#*=}; shift ;;
    --clock) [ $# -ge 2 ] || die "--clock needs schedstat or portable"; clock=$2; shift 2 ;;
    --clock=*) clock=${1#*=}; shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) if [ -z "$runs" ]; then runs=$1; else selected+=("$1"); fi; shift ;;
  esac
done
cores=$(nproc)
[ -n "$runs" ] || { $variants && runs=10 || runs=50; }
[ -n "$busy" ] || busy=$cores
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "runs must be a positive number, not '$runs'"
[[ $busy =~ ^[0-9]+$ ]] || die "--busy must be a number, not '$busy'"
case $clock in
  schedstat) unset WORKSHOP_PROBE_CLOCK ;;
  portable) export WORKSHOP_PROBE_CLOCK=portable ;;
  *) die "--clock must be schedstat or portable, not '$clock'" ;;
esac

# The JDK: --java, else what the launcher itself would take ($JAVA_HOME, else PATH's java). The
# solutions then run on the same JDK (WORKSHOP_JAVA, which would pick another, is dropped).
if [ -n "$jdk" ]; then
  case $jdk in */bin/java) jdk=${jdk%/bin/java} ;; esac
  [ -x "$jdk/bin/java" ] || die "--java $jdk: no bin/java there"
  export JAVA_HOME=$(cd "$jdk" && pwd)
  unset WORKSHOP_JAVA
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
java_version=$("$java" -version 2>&1 | head -1)

# Items: a name, the folder to verify, the exercise number, the expected diagnosis and frame.
names=() sources=() numbers=() diagnoses=() frames=()
mapfile -t exercises < <(ls -d "$exercises_dir"/[0-9][0-9]-*/ | sed 's:/$::' | sort)
exercise_folder() { # a number -> the exercise folder, or nothing
  local n=$1
  [[ $n =~ ^[0-9]+$ ]] && [ $((10#$n)) -ge 1 ] && [ $((10#$n)) -le ${#exercises[@]} ] \
    && echo "${exercises[$((10#$n - 1))]}"
}
add_exercise() { # folder [variant]
  local folder=$1 only=${2:-} number name variant props
  name=$(basename "$folder")
  # The menu number: the folder's place in order (folder numbers may have gaps).
  for number in $(seq ${#exercises[@]}); do [ "${exercises[$((number - 1))]}" = "$folder" ] && break; done
  if ! $variants; then
    names+=("$name"); sources+=("$folder/solution"); numbers+=("$number"); diagnoses+=(""); frames+=("")
    return
  fi
  for variant in "$folder"/wrong/*/; do
    variant=${variant%/}
    [ -z "$only" ] || [ "$(basename "$variant")" = "$only" ] || continue
    props="$variant/expected.properties"
    [ -f "$props" ] || die "$props is missing"
    names+=("$(printf '%02d' "$number")/$(basename "$variant")"); sources+=("$variant"); numbers+=("$number")
    diagnoses+=("$(sed -n 's/^diagnosis[[:space:]]*[=:][[:space:]]*//p' "$props" | tr -d '\r' | tail -1)")
    frames+=("$(sed -n 's/^frame[[:space:]]*[=:][[:space:]]*//p' "$props" | tr -d '\r' | tail -1)")
  done
}
if [ ${#selected[@]} -eq 0 ]; then
  for folder in "${exercises[@]}"; do add_exercise "$folder"; done
else
  for item in "${selected[@]}"; do
    folder=$(exercise_folder "${item%%/*}") || true
    [ -n "$folder" ] || die "no exercise '${item%%/*}' (1 to ${#exercises[@]})"
    if [[ $item == */* ]]; then
      $variants || die "$item: a variant needs --variants"
      count=${#names[@]}
      add_exercise "$folder" "${item#*/}"
      [ ${#names[@]} -gt "$count" ] || die "$item: $folder has no wrong/${item#*/}/"
    else
      add_exercise "$folder"
    fi
  done
fi
[ ${#names[@]} -gt 0 ] || die "nothing to verify"

# A fresh home for this run of the script, and the results folder.
work=$(mktemp -d "${TMPDIR:-/tmp}/workshop-stress-work.XXXXXX")
export WORKSHOP_HOME="$work/home"
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/workshop-stress-$(date +%Y%m%d-%H%M%S).XXXX")
mkdir -p "$out/failures" || die "cannot write to $out"
out=$(cd "$out" && pwd)
[ -s "$out/runs.tsv" ] || printf 'item\trun\tresult\toutcome\tms\tload1\tjdk\tbusy\n' >"$out/runs.tsv"

burners=() watcher=
current= passed=0 done_runs=0 times=() outcomes=() status=0 finished=false
load1() { read -r l _ </proc/loadavg; echo "$l"; }
print_row() { # [note]
  local median=- summary=none
  if [ ${#times[@]} -gt 0 ]; then
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}')
  fi
  if [ ${#outcomes[@]} -gt 0 ]; then
    summary=$(printf '%s\n' "${outcomes[@]}" | sort | uniq -c | sort -rn | awk '{printf "%s%dx%s", (NR>1?" ":""), $1, $2}')
  fi
  printf '%-36s %5d/%-4d %8s %6s  %s%s\n' "$current" "$passed" "$done_runs" "$median" "$(load1)" "$summary" "${1:-}" \
    | tee -a "$out/table.txt"
}
cleanup() {
  local rc=$?
  trap - INT TERM
  if [ ${#burners[@]} -gt 0 ]; then kill "${burners[@]}" 2>/dev/null; fi
  if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null; fi
  wait 2>/dev/null
  if [ -n "$current" ] && ! $finished; then
    print_row "  (interrupted after $done_runs of $runs runs)"
  fi
  rm -rf "$work"
  [ -d "$out" ] && echo "stress: results in $out"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# Build first (the launcher builds when the sources changed), then never again: every run of this
# script measures one build, even when the sources are edited meanwhile.
unset WORKSHOP_SKIP_BUILD
"$workshop" list >/dev/null || die "the workshop does not build"
export WORKSHOP_SKIP_BUILD=1
# One verify before the clock starts, unloaded: it records the class-data archives of this JDK.
warm="$work/warm-up"
mkdir -p "$warm" && cp "${exercises[0]}"/solution/*.java "$warm"/
"$workshop" select 1 >/dev/null && "$workshop" verify "$warm" >/dev/null 2>&1

for _ in $(seq "$busy"); do
  sh -c 'while :; do :; done' &
  burners+=($!)
done
if [ ${#burners[@]} -gt 0 ]; then
  # Should this script die without its traps (kill -9), the busy loops go within a second.
  ( while kill -0 $$ 2>/dev/null; do sleep 1; done; kill "${burners[@]}" 2>/dev/null ) &
  watcher=$!
fi

what=$($variants && echo "wrong variant" || echo "reference solution")
{
  echo
  echo "stress $(date '+%Y-%m-%d %H:%M:%S'): $runs runs per $what, $busy busy loops on $cores cores, $clock clock, $java_version, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  printf '%-36s %10s %8s %6s  %s\n' "$($variants && echo variant || echo exercise)" "expected" "median s" "load" "otherwise"
} | tee -a "$out/table.txt"

total=0 total_ok=0
for idx in "${!names[@]}"; do
  current=${names[$idx]} passed=0 done_runs=0 times=() outcomes=() finished=false
  diagnosis=${diagnoses[$idx]} frame=${frames[$idx]}
  dir="$work/item"
  rm -rf "$dir" && mkdir -p "$dir" && cp -R "${sources[$idx]}"/. "$dir"/
  "$workshop" select "${numbers[$idx]}" >/dev/null || die "cannot select exercise ${numbers[$idx]}"
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    "$workshop" verify "$dir" >"$work/out.txt" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    fail_line=$(grep -m1 '^FAIL' "$work/out.txt")
    got=$(printf '%s' "$fail_line" | grep -o '\[[a-z-]*\]$')
    if ! $variants; then
      if [ $rc -eq 0 ] && grep -q '^PASS' "$work/out.txt"; then outcome=ok
      elif [ -n "$got" ]; then outcome=$got
      else outcome=exit-$rc; fi
    else
      if [ $rc -eq 0 ]; then outcome=PASS
      elif [ "$got" != "[$diagnosis]" ]; then outcome=${got:-exit-$rc}
      elif [ $rc -ne 1 ]; then outcome=$got/exit-$rc
      elif [ -n "$frame" ] && [[ $fail_line != *"$frame("* ]]; then outcome=$got-not-in-$frame
      else outcome=ok; fi
    fi
    done_runs=$i
    times+=("$ms")
    if [ "$outcome" = ok ]; then
      passed=$((passed + 1))
    else
      outcomes+=("$outcome")
      cp "$work/out.txt" "$out/failures/${current//\//_}-$(date +%H%M%S)-run$i.txt"
      status=1
    fi
    printf '%s\t%d\t%s\t%s\t%d\t%s\t%s\t%d\n' "$current" "$i" "$([ "$outcome" = ok ] && echo ok || echo WRONG)" \
      "$outcome" "$ms" "$(load1)" "${java_version//	/ }" "$busy" >>"$out/runs.tsv"
  done
  finished=true
  print_row
  total=$((total + done_runs)) total_ok=$((total_ok + passed))
done
current=
echo "stress: $total_ok of $total runs as expected; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" | tee -a "$out/table.txt"
[ $status -ne 0 ] && echo "stress: the verdicts of the other runs are in $out/failures/"
exit $status
