package dev.workshop.bench;

import dev.workshop.runtime.EventLoop;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What instrumentation costs. Times N callbacks (scheduled on the loop thread, then run) as:
 * a bare ArrayDeque of Runnables (no runtime at all), EventLoop.post and setTimeout(0) with no
 * listener installed, and the same with a no-op listener installed (events built, call sites
 * walked). Prints the median of several rounds in ns per callback, with the fastest and slowest
 * round so that a reader can see how much the figure wanders.
 *
 * <p>Run it with {@code exercises/runtime/bench/overhead.sh [callbacks] [rounds]}.
 */
public final class OverheadBench {
  static long sink;

  private OverheadBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    RuntimeListener noop = new RuntimeListener() {};
    Runnable cb = () -> sink++;
    System.out.printf(
        "java %s (%s), %d cores, %d callbacks per round, median of %d rounds%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        n,
        rounds);
    report("bare ArrayDeque<Runnable> add+poll+run", rounds, () -> bare(n, cb), n);
    report("post, no listener", rounds, () -> post(n, cb, null), n);
    report("post, no-op listener", rounds, () -> post(n, cb, noop), n);
    report("setTimeout(0), no listener", rounds, () -> timers(n, cb, null), n);
    report("setTimeout(0), no-op listener", rounds, () -> timers(n, cb, noop), n);
  }

  interface Round {
    long run();
  }

  private static void report(String what, int rounds, Round round, int n) {
    round.run(); // warm-up
    round.run();
    long[] ns = new long[rounds];
    for (int i = 0; i < rounds; i++) ns[i] = round.run();
    Arrays.sort(ns);
    System.out.printf(
        "%-40s %8.1f ns/callback  (rounds %.1f .. %.1f)%n",
        what, (double) ns[rounds / 2] / n, (double) ns[0] / n, (double) ns[rounds - 1] / n);
  }

  private static long bare(int n, Runnable cb) {
    long t0 = System.nanoTime();
    ArrayDeque<Runnable> q = new ArrayDeque<>();
    for (int i = 0; i < n; i++) q.addLast(cb);
    Runnable r;
    while ((r = q.pollFirst()) != null) r.run();
    return System.nanoTime() - t0;
  }

  private static long post(int n, Runnable cb, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      long t0 = System.nanoTime();
      EventLoop loop = EventLoop.create();
      for (int i = 0; i < n; i++) loop.post(cb);
      loop.run();
      return System.nanoTime() - t0;
    } finally {
      Instrumentation.install(null);
    }
  }

  private static long timers(int n, Runnable cb, RuntimeListener listener) {
    Instrumentation.install(listener);
    try {
      long t0 = System.nanoTime();
      EventLoop loop = EventLoop.create();
      for (int i = 0; i < n; i++) loop.setTimeout(0, cb);
      loop.run();
      return System.nanoTime() - t0;
    } finally {
      Instrumentation.install(null);
    }
  }
}
