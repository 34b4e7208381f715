#!/usr/bin/env bash
# Where the test suite's time goes, per test class: wall time, the test JVM's CPU time, the CPU
# time of the child processes it started (solutions' JVMs, launchers, forks) and how many it
# started. A JUnit listener (suite-cpu/SuiteCpu.java, put on the test class path with
# -Dmaven.test.additionalClasspath, not part of the build) appends one line per class; with it,
# /usr/bin/time gives the whole run's wall and CPU time. Linux only (it reads /proc).
#
# Usage: verifier/bench/suite-cpu.sh [name [extra Maven arguments...]]
#   writes target/suite-cpu/NAME.tsv (module, class, wall ms, test JVM CPU ms, children's CPU ms,
#   child processes, result), NAME.time (/usr/bin/time -v), NAME.log (Maven's output) and
#   NAME.load (the load average every 15 s), then prints the table and the totals.
# Classes that run side by side (the verifier module's, see its junit-platform.properties) share
# the CPU counters: their lines then overlap, the totals stay right.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
name=${1:-run}
shift || true
out="$root/target/suite-cpu"
mkdir -p "$out/classes"
m2=${MAVEN_REPO:-$HOME/.m2/repository}/org/junit/platform
v=$(sed -n 's:.*<junit.version>5\.\(.*\)</junit.version>.*:\1:p' "$root/pom.xml")
cp=""
for a in launcher engine commons; do cp+="$m2/junit-platform-$a/1.$v/junit-platform-$a-1.$v.jar:"; done
javac -nowarn --release 17 -cp "$cp" -d "$out/classes" "$root/verifier/bench/suite-cpu/SuiteCpu.java" 2>/dev/null
mkdir -p "$out/classes/META-INF/services"
echo dev.workshop.bench.SuiteCpu >"$out/classes/META-INF/services/org.junit.platform.launcher.TestExecutionListener"
(cd "$out/classes" && jar cf "$out/suite-cpu.jar" .)

rm -f "$out/$name.tsv"
(while :; do echo "$(date +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 15; done) >"$out/$name.load" &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT
cd "$root"
rc=0
/usr/bin/time -v -o "$out/$name.time" ./mvnw -B -ntp -o verify \
  -Dmaven.test.additionalClasspath="$out/suite-cpu.jar" -Dsuitecpu.out="$out/$name.tsv" "$@" \
  >"$out/$name.log" 2>&1 || rc=$?
sort -t$'\t' -k4,4nr -k5,5nr "$out/$name.tsv" | awk -F'\t' '
  { printf "%-13s %-50s %8.1f %7.1f %7.1f %5d %s\n", $1, $2, $3/1000, $4/1000, $5/1000, $6, $7
    w += $3; s += $4; c += $5; n += $6 }
  END { printf "%-64s %8.1f %7.1f %7.1f %5d\n", "all classes (wall s, test JVM CPU s, children CPU s, children)", w/1000, s/1000, c/1000, n }'
grep -E 'Elapsed|User time|System time' "$out/$name.time"
echo "load average: $(head -1 "$out/$name.load" | cut -d' ' -f2) at the start, $(tail -1 "$out/$name.load" | cut -d' ' -f2) at the end; Maven exit $rc"
exit $rc
