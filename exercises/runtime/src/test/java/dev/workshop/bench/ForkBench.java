package dev.workshop.bench;

import dev.workshop.runtime.ChildProcess;
import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.Parent;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.Arrays;

/**
 * What the process hooks cost: times N message round trips between the loop and a forked child
 * (parent sends an int, the child sends it back, the parent sends the next), with no listener
 * installed and with a no-op listener. Prints the median of several rounds in microseconds per
 * round trip, with the fastest and slowest round.
 *
 * <p>Run it with {@code exercises/runtime/bench/fork-overhead.sh [round-trips] [rounds]}.
 */
public final class ForkBench {
  private ForkBench() {}

  /** The child: answers every message with itself. */
  public static final class Pong {
    public static void main(String[] args) {
      EventLoop loop = EventLoop.create();
      Parent parent = Parent.of(loop);
      parent.onMessage(parent::send);
      loop.run();
    }
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.printf(
        "java %s (%s), %d cores, %d round trips per round, median of %d rounds%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        n,
        rounds);
    RuntimeListener noop = new RuntimeListener() {};
    report("round trip, no listener", n, rounds, null);
    report("round trip, no-op listener", n, rounds, noop);
  }

  private static void report(String what, int n, int rounds, RuntimeListener listener) {
    EventLoop loop = EventLoop.create();
    ChildProcess child = loop.fork(Pong.class.getName());
    double[] us = new double[rounds];
    int[] round = {-2}; // two warm-up rounds
    int[] left = {n};
    long[] start = {System.nanoTime()};
    child.onMessage(
        m -> {
          if (--left[0] > 0) {
            child.send(left[0]);
            return;
          }
          long took = System.nanoTime() - start[0];
          if (round[0] >= 0) us[round[0]] = took / 1000.0 / n;
          if (++round[0] == rounds) {
            Instrumentation.install(null);
            child.disconnect();
            return;
          }
          if (round[0] == 0) Instrumentation.install(listener);
          left[0] = n;
          start[0] = System.nanoTime();
          child.send(n);
        });
    child.send(n);
    loop.run();
    double[] sorted = us.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "%-30s %8.1f us (%.1f .. %.1f)%n", what, sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
  }
}
