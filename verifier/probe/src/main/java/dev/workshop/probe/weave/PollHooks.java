package dev.workshop.probe.weave;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls a busy wait makes over and over, woven like {@link Hooks}' and reported to
 * {@link WeaveListener#polled(int)}: reading the clock ({@code System.nanoTime},
 * {@code System.currentTimeMillis}, {@code Instant.now}, a {@code Clock}'s {@code millis} and
 * {@code instant}), spinning ({@code Thread.onSpinWait}, {@code Thread.yield},
 * {@code Thread.sleep(0)}, {@code LockSupport.parkNanos}) and asking a future whether it is done. A loop that makes thousands of
 * them waits for time to pass or for another thread, however busy its CPU: its length is set by
 * the clock, not by the work it does.
 *
 * <p>Each method tells the listener, then makes the original call. Not for learners' code to
 * call, and public only because woven classes live in another class loader.
 */
public final class PollHooks {
  private PollHooks() {}

  static void polled(int site) {
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

  /** Replaces {@code clock.millis()}. */
  public static long millis(Clock clock, int site) {
    polled(site);
    return clock.millis();
  }

  /** Replaces {@code clock.instant()}. */
  public static Instant instant(Clock clock, int site) {
    polled(site);
    return clock.instant();
  }

  /** Replaces {@code LockSupport.parkNanos(nanos)}. */
  public static void parkNanos(long nanos, int site) {
    polled(site);
    LockSupport.parkNanos(nanos);
  }

  /** Replaces {@code LockSupport.parkNanos(blocker, nanos)}. */
  public static void parkNanos(Object blocker, long nanos, int site) {
    polled(site);
    LockSupport.parkNanos(blocker, nanos);
  }

  /** Replaces {@code future.isDone()}, on any {@code Future}. */
  public static boolean isDone(Future<?> future, int site) {
    polled(site);
    return future.isDone();
  }
}
