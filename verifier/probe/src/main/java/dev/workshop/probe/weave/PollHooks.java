package dev.workshop.probe.weave;

import java.time.Instant;
import java.util.concurrent.Future;

/**
 * The calls a busy wait makes over and over, woven like {@link Hooks}' and reported to
 * {@link WeaveListener#polled(int)}: reading the clock ({@code System.nanoTime},
 * {@code System.currentTimeMillis}, {@code Instant.now}), spinning ({@code Thread.onSpinWait},
 * {@code Thread.yield}) and asking a future whether it is done. A loop that makes thousands of
 * them waits for time to pass or for another thread, however busy its CPU: its length is set by
 * the clock, not by the work it does.
 *
 * <p>Each method tells the listener, then makes the original call. Not for learners' code to
 * call, and public only because woven classes live in another class loader.
 */
public final class PollHooks {
  private PollHooks() {}

  private static void polled(int site) {
    WeaveListener l = Hooks.listener();
    if (l == null) return;
    try {
      l.polled(site);
    } catch (Throwable e) {
      Hooks.failed(e);
    }
  }

  /** Replaces {@code System.nanoTime()}. */
  public static long nanoTime(int site) {
    polled(site);
    return System.nanoTime();
  }

  /** Replaces {@code System.currentTimeMillis()}. */
  public static long currentTimeMillis(int site) {
    polled(site);
    return System.currentTimeMillis();
  }

  /** Replaces {@code Instant.now()}. */
  public static Instant now(int site) {
    polled(site);
    return Instant.now();
  }

  /** Replaces {@code Thread.onSpinWait()}. */
  public static void onSpinWait(int site) {
    polled(site);
    Thread.onSpinWait();
  }

  /** Replaces {@code Thread.yield()}. */
  public static void yield(int site) {
    polled(site);
    Thread.yield();
  }

  /** Replaces {@code future.isDone()}, on any {@code Future}. */
  public static boolean isDone(Future<?> future, int site) {
    polled(site);
    return future.isDone();
  }
}
