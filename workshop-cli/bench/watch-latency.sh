#!/usr/bin/env bash
# Measures how soon `workshop watch` starts a check after a save: the time from a file being
# written to the screen being cleared and the new check's header ("check #N") drawn, right before
# the verify is called. The goal (issue 10): within 0.5 s. A benchmark, not a test.
#
# Usage: workshop-cli/bench/watch-latency.sh [ROUNDS]    (default 10 saves of each kind)
#   JAVA_HOME picks the JDK, as for the launcher. Needs tmux; builds the project first if needed.
#
# Three kinds of save, in exercise 1's folder holding its reference solution (a comment appended):
#   idle:      no check is running; the check of the previous save has shown its verdict.
#   busy:      a check is running its solution's JVM: it is cancelled, and the JVM ended, before
#              the new check starts.
#   starting:  saved as soon as the previous save's check has started: it is compiling (in the
#              workshop's own JVM, where a compile cannot be stopped midway: it ends first) or
#              starting its solution's JVM; it is cancelled before the new one starts.
# The watch runs in a tmux pane of 100 x 40 (a private tmux server); the screen is read every
# 10 ms or so (tmux capture-pane), which is the resolution of the figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-10}
command -v tmux >/dev/null || { echo "watch-latency.sh: needs tmux" >&2; exit 2; }
home=$(mktemp -d)
socket="workshop-watch-bench-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
export WORKSHOP_HOME="$home"

"$root/workshop" --version >/dev/null # builds if needed
export WORKSHOP_SKIP_BUILD=1
cd "$home"
"$root/workshop" select 1 >/dev/null
"$root/workshop" scaffold myaddon >/dev/null
facts="$home/myaddon/Facts.java"
cp "$root/exercises/catalogue/src/main/exercises/01-processes-and-threads/solution/Facts.java" "$facts"

java_bin=$(JAVA_HOME=${JAVA_HOME:-} bash -c 'if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; else command -v java; fi')
echo "JDK:     $("$java_bin" -version 2>&1 | sed -n 2p)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rounds:  $rounds saves of each kind"

cat > "$home/watch.sh" <<EOF
export WORKSHOP_HOME='$home' WORKSHOP_SKIP_BUILD=1
cd '$home'
'$root/workshop' watch myaddon
EOF
tmux -L "$socket" -f /dev/null new-session -d -x 100 -y 40 "bash '$home/watch.sh'"

now_us() { # microseconds since the epoch, without starting a process where bash can say
  if [ -n "${EPOCHREALTIME:-}" ]; then local t=${EPOCHREALTIME/[.,]/}; echo "$t"; else echo $(( $(date +%s%N) / 1000 )); fi
}
screen() { tmux -L "$socket" capture-pane -p -J -S -200 -t 0; } # with some history
# Waits until the screen, from the header of check #N on, matches an extended regular expression;
# fails after 5 minutes.
await() { # N, pattern
  local n=$1 pattern=$2 deadline=$((SECONDS + 300))
  until screen | sed -n "/check #$n at/,\$p" | grep -Eq -- "$pattern"; do
    if [ $SECONDS -gt $deadline ]; then
      echo "watch-latency.sh: waited 300 s for /$pattern/ in check #$n; the screen:" >&2
      screen | tail -40 >&2
      exit 1
    fi
    sleep 0.01
  done
}
# The check's verdict is in once the keys are listed below it.
verdict() { await "$1" "(check again|n next exercise)"; }

verdict 1
check=1
idle=() busy=()
for i in $(seq "$rounds"); do
  t0=$(now_us)
  echo "// idle save $i" >> "$facts"
  check=$((check + 1))
  await "$check" "check #$check at"
  idle+=($(( $(now_us) - t0 )))
  verdict "$check"
done
# r starts a check that the first busy save cancels; each busy save's check is the next one's.
tmux -L "$socket" send-keys -t 0 r
check=$((check + 1))
for i in $(seq "$rounds"); do
  await "$check" "running java"  # the check's solution is running: a save must cancel it
  t0=$(now_us)
  echo "// busy save $i" >> "$facts"
  check=$((check + 1))
  await "$check" "check #$check at"
  busy+=($(( $(now_us) - t0 )))
done
starting=()
for i in $(seq "$rounds"); do
  # Right after the previous check's header: that check is compiling, or its JVM starting.
  t0=$(now_us)
  echo "// save as a check starts $i" >> "$facts"
  check=$((check + 1))
  await "$check" "check #$check at"
  starting+=($(( $(now_us) - t0 )))
done
verdict "$check"
tmux -L "$socket" send-keys -t 0 q

report() { # label, microseconds...
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" '
    { v[NR] = $1 / 1000 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%-9s save to check: median %4.0f ms   min %4.0f ms   max %4.0f ms   (%d saves)\n", label, m, v[1], v[NR], NR
    }'
}
report idle "${idle[@]}"
report busy "${busy[@]}"
report starting "${starting[@]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
