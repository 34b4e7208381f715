#!/usr/bin/env bash
# How exact the probe's portable clock is, against schedstat, on Linux: one JVM reads both clocks
# on the same thread while it runs N bursts of MS ms of CPU each, beside busy loops
# (dev.workshop.probe.ClockPrecision in the probe's test classes). Prints, in ms, the median,
# 10th and 90th percentile and maximum of each clock's wait for a CPU, of their difference, and of
# the time each would charge a burst.
#
# Usage: verifier/bench/clock-precision.sh [--busy N] [--syscalls] [bursts] [ms]
#   --busy N     N busy loops beside it (default 8)
#   --syscalls   the bursts make a system call every few microseconds (where a busy kernel
#                preempts: the portable clock charges that wait)
#   defaults: 40 bursts of 30 ms
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
busy=8 syscalls= bursts=40 ms=30 positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --busy) busy=$2; shift 2 ;;
    --syscalls) syscalls=syscalls; shift ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -ge 1 ] && bursts=${positional[0]}
[ ${#positional[@]} -ge 2 ] && ms=${positional[1]}
(cd "$root" && ./mvnw -q -B -ntp -o test-compile -pl verifier/probe) || { echo "clock-precision: build failed" >&2; exit 2; }
burners=()
trap 'kill "${burners[@]}" 2>/dev/null' EXIT
for _ in $(seq "$busy"); do sh -c 'while :; do :; done' & burners+=($!); done
echo "clock-precision: $busy busy loops on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
probe="$root/verifier/probe/target"
java -XX:ActiveProcessorCount=4 -XX:+UseSerialGC --add-exports java.management/sun.management=ALL-UNNAMED \
  -cp "$probe/classes:$probe/test-classes" dev.workshop.probe.ClockPrecision "$bursts" "$ms" $syscalls
echo "clock-precision: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
