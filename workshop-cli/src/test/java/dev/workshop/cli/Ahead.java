package dev.workshop.cli;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A verify started ahead of the test that checks it: the fixture suite queues every verify when
 * its tests are made, and {@link #PARALLEL} run at a time, each the same in-process {@code
 * workshop verify} a learner types. Most of a verify's time is waiting (for the solution's
 * timers, for its child JVM to start), so on 2 cores two at a time take about half the time and
 * hardly more CPU.
 *
 * @param <T> what the work gives
 */
final class Ahead<T> {
  /**
   * How many verifies run at a time: {@code -Dworkshop.fixtures.parallel=N}; else 2 when the
   * machine's load average is under 1.5 per core (an idle machine, the build itself running), and
   * 1 on a busy one, where two side by side would add to a load the fixtures already feel (a
   * wrong variant's first failure can then change under it: docs/performance.md).
   */
  static final int PARALLEL = parallel();

  private static int parallel() {
    Integer set = Integer.getInteger("workshop.fixtures.parallel");
    if (set != null) return Math.max(1, set);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int cores = Runtime.getRuntime().availableProcessors();
    return load >= 0 && load < 1.5 * cores ? 2 : 1;
  }

  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          PARALLEL,
          r -> {
            Thread t = new Thread(r, "fixture-verify");
            t.setDaemon(true);
            return t;
          });

  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Ahead() {}

  /** Queues {@code work}; it starts when one of the {@link #PARALLEL} threads is free. */
  static <T> Ahead<T> run(Callable<T> work) {
    Ahead<T> ahead = new Ahead<>();
    POOL.execute(
        () -> {
          try {
            ahead.result.complete(work.call());
          } catch (Throwable e) {
            ahead.result.completeExceptionally(e);
          }
        });
    return ahead;
  }

  /** What the work gave, once it is done; what it threw, thrown again. */
  T get() throws Exception {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      if (e.getCause() instanceof Error error) throw error;
      throw e;
    }
  }
}
