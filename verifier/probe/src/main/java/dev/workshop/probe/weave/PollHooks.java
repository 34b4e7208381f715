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
 * <p>Each method makes the original call, then tells the listener when it returned: a thread
 * that a busy machine keeps off the CPU between the two still reports the time it read. Not for learners' code to
 * call, and public only because woven classes live in another class loader.
 */
public final class PollHooks {
  private PollHooks() {}

  /** Tells the listener, after the call: {@code at} is when it returned (System.nanoTime). */
  static void polled(int site, long at) {
    WeaveListener l = Hooks.listener();
    if (l == null) return;
    try {
      l.polled(site, at);
    } catch (Throwable e) {
      Hooks.failed(e);
    }
  }

  /** Replaces {@code System.nanoTime()}. */
  public static long nanoTime(int site) {
    long now = System.nanoTime();
    polled(site, now);
    return now;
  }

  /** Replaces {@code System.currentTimeMillis()}. */
  public static long currentTimeMillis(int site) {
    long result = System.currentTimeMillis();
    polled(site, System.nanoTime());
    return result;
  }

  /** Replaces {@code Instant.now()}. */
  public static Instant now(int site) {
    Instant result = Instant.now();
    polled(site, System.nanoTime());
    return result;
  }

  /** Replaces {@code Thread.onSpinWait()}. */
  public static void onSpinWait(int site) {
    Thread.onSpinWait();
    polled(site, System.nanoTime());
  }

  /** Replaces {@code Thread.yield()}. */
  public static void yield(int site) {
    Thread.yield();
    polled(site, System.nanoTime());
  }

  /** Replaces {@code clock.millis()}. */
  public static long millis(Clock clock, int site) {
    long result = clock.millis();
    polled(site, System.nanoTime());
    return result;
  }

  /** Replaces {@code clock.instant()}. */
  public static Instant instant(Clock clock, int site) {
    Instant result = clock.instant();
    polled(site, System.nanoTime());
    return result;
  }

  /** Replaces {@code LockSupport.parkNanos(nanos)}. */
  public static void parkNanos(long nanos, int site) {
    LockSupport.parkNanos(nanos);
    polled(site, System.nanoTime());
  }

  /** Replaces {@code LockSupport.parkNanos(blocker, nanos)}. */
  public static void parkNanos(Object blocker, long nanos, int site) {
    LockSupport.parkNanos(blocker, nanos);
    polled(site, System.nanoTime());
  }

  /** Replaces {@code future.isDone()}, on any {@code Future}. */
  public static boolean isDone(Future<?> future, int site) {
    boolean result = future.isDone();
    WeaveListener l = Hooks.listener();
    if (l == null) return result;
    try {
      l.futurePolled(site, System.nanoTime());
    } catch (Throwable e) {
      Hooks.failed(e);
    }
    return result;
  }
}
