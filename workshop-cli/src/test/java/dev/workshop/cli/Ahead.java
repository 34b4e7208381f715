package dev.workshop.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A verify started ahead of the test that checks it: the fixture suite queues every verify when
 * its tests are made, and a few run at a time ({@code -Dworkshop.fixtures.parallel}, 2 by
 * default; 1 runs them one by one), each the same in-process {@code workshop verify} a learner
 * types. Most of a verify's time is waiting (for the solution's timers, for its child JVM to
 * start), so on 2 cores two at a time take about half the time and hardly more CPU; the verifier
 * judges right beside other work (docs/verifier.md), as {@code .ci/run}'s passes under load show.
 *
 * @param <T> what the work gives
 */
final class Ahead<T> {
  /** How many verifies run at a time. */
  static final int PARALLEL = Math.max(1, Integer.getInteger("workshop.fixtures.parallel", 2));

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
