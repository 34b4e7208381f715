#!/usr/bin/env bash
# What the probe's per-site counting of plain SharedBuffer.get/set costs (SHARED MEMORY's
# shmsite records): four threads each run buf.set(0, buf.get(0) + 1) a million times, called
# directly and through the woven hooks (SharedHooks -> SharedSiteRecorder), with no runtime
# listener installed, then again with a listener that counts every access per thread as the probe's
# WorkerRecorder does (a thread-local lookup and a map), so only the site counting differs.
# Atomics.add is timed beside them. Prints the median of REPEATS rounds per mode, in ms of wall
# time for the 4 million read-add-writes.
#
# Usage: verifier/bench/shared-sites.sh [repeats] [java]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
repeats=${1:-11}
java=${2:-java}
javac="$(dirname "$(command -v "$java")")/javac"
cp="$root/exercises/runtime/target/classes:$root/verifier/probe/target/classes"
[ -d "$root/verifier/probe/target/classes" ] || { echo "build first: ./mvnw -q -o install -DskipTests" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/shared-sites.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/SharedSitesBench.java" <<'JAVA'
import dev.workshop.probe.weave.SharedHooks;
import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.SharedBuffer;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SharedAccess;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

public class SharedSitesBench {
  interface Body { void run(SharedBuffer b, int times); }

  static long once(Body body) throws InterruptedException {
    SharedBuffer b = SharedBuffer.ofInts(1);
    Thread[] t = new Thread[4];
    for (int i = 0; i < 4; i++) t[i] = new Thread(() -> body.run(b, 1_000_000));
    long start = System.nanoTime();
    for (Thread x : t) x.start();
    for (Thread x : t) x.join();
    return System.nanoTime() - start;
  }

  static double median(Body body, int repeats) throws InterruptedException {
    once(body); once(body); // warm-up: JIT
    long[] ns = new long[repeats];
    for (int i = 0; i < repeats; i++) ns[i] = once(body);
    Arrays.sort(ns);
    return ns[repeats / 2] / 1e6;
  }

  public static void main(String[] args) throws Exception {
    int repeats = Integer.parseInt(args[0]);
    Body direct = (b, n) -> { for (int i = 0; i < n; i++) b.set(0, b.get(0) + 1); };
    Body woven = (b, n) -> {
      for (int i = 0; i < n; i++) SharedHooks.set(b, 0, SharedHooks.get(b, 0, 7) + 1, 8);
    };
    Body atomic = (b, n) -> { for (int i = 0; i < n; i++) Atomics.add(b, 0, 1); };
    for (int round = 0; round < 2; round++) { // interleaved, so a load change hits both
      if (round == 1) {
        // Like the probe's WorkerRecorder.sharedAccess: a thread-local count per buffer and kind.
        ThreadLocal<Map<Integer, long[]>> counts = ThreadLocal.withInitial(HashMap::new);
        Instrumentation.install(
            new RuntimeListener() {
              @Override
              public void sharedMemoryAccess(int bufferId, SharedAccess access, int index) {
                counts.get().computeIfAbsent(bufferId, k -> new long[8])[access.ordinal()]++;
              }
            });
        System.out.println("with a listener that counts every access per thread, as the probe's:");
      } else {
        System.out.println("with no listener:");
      }
      System.out.printf("plain get/set, direct        %8.1f ms%n", median(direct, repeats));
      System.out.printf("plain get/set, woven+counted %8.1f ms%n", median(woven, repeats));
      System.out.printf("Atomics.add                  %8.1f ms%n", median(atomic, repeats));
    }
  }
}
JAVA
"$javac" -d "$work" -cp "$cp" "$work/SharedSitesBench.java"
echo "shared-sites: $repeats rounds per mode, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
"$java" -Xms32m -Xmx256m -XX:+UseSerialGC -cp "$work:$cp" SharedSitesBench "$repeats"
