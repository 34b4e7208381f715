package dev.workshop.runtime;

import dev.workshop.runtime.instrument.SharedAccess;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Indivisible operations on a {@link SharedBuffer}, and a way for one thread to sleep until
 * another changes a value: JavaScript's {@code Atomics}, with the same names.
 *
 * <p>Each operation reads and/or writes one element as a single step that no other thread can
 * cut in two, and every thread sees the operations on one element in the same order. {@code
 * Atomics.add(buf, 0, 1)} from two workers a million times each always ends at two million;
 * {@code buf.set(0, buf.get(0) + 1)} usually does not (see {@link SharedBuffer}).
 *
 * <pre>{@code
 * // worker: do the work, then publish and wake the waiter
 * Atomics.store(flags, 0, 1);
 * Atomics.notify(flags, 0);
 *
 * // another worker: sleep until flags[0] is no longer 0, at most 5 s
 * Atomics.WaitResult r = Atomics.wait(flags, 0, 0, 5000);   // OK, NOT_EQUAL or TIMED_OUT
 * }</pre>
 *
 * <p><b>Never wait on the loop thread.</b> {@link #wait} blocks the calling thread. On a thread
 * that runs an {@link EventLoop} (other than a worker's) that would stop every timer, message and
 * callback of the program, so {@code wait} refuses with an {@link IllegalStateException}, as
 * browsers refuse {@code Atomics.wait} on their main thread. Wait in a {@link Worker} (or on a
 * thread of your own) and tell the loop with a message. Every other operation is quick and may be
 * used on any thread.
 */
public final class Atomics {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Marks threads that own an event loop: 1 for a loop thread, 2 for a worker's thread. */
  private static final ThreadLocal<Integer> ROLE = new ThreadLocal<>();

  private Atomics() {}

  /** What {@link #wait} returns: JavaScript's strings {@code "ok"}, {@code "not-equal"}, {@code "timed-out"}. */
  public enum WaitResult {
    /** Another thread called {@link #notify} for this element while this one waited. */
    OK,
    /** The element did not hold the expected value, so the thread did not wait at all. */
    NOT_EQUAL,
    /** The timeout passed without a {@link #notify}. */
    TIMED_OUT
  }

  /** A thread in {@link #wait}. */
  static final class Waiter {
    final int index;
    boolean woken;

    Waiter(int index) {
      this.index = index;
    }
  }

  /**
   * Reads an element atomically: the latest value any thread stored, never half of one.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @return its value
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public static long load(SharedBuffer buffer, int index) {
    buffer.access(SharedAccess.LOAD, index);
    return read(buffer, index);
  }

  private static long read(SharedBuffer buffer, int index) {
    return buffer.ints != null
        ? (int) INTS.getVolatile(buffer.ints, index)
        : (long) LONGS.getVolatile(buffer.longs, index);
  }

  /**
   * Writes an element atomically, visible to every thread's next {@link #load}.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param value the new value; for an int buffer, within the {@code int} range
   * @return {@code value}, as JavaScript's {@code Atomics.store} returns it
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   * @throws IllegalArgumentException when {@code value} does not fit an int buffer
   */
  public static long store(SharedBuffer buffer, int index, long value) {
    buffer.access(SharedAccess.STORE, index);
    if (buffer.ints != null) {
      INTS.setVolatile(buffer.ints, index, buffer.checkInt("Atomics.store", value));
    } else {
      LONGS.setVolatile(buffer.longs, index, value);
    }
    return value;
  }

  /**
   * Adds to an element as one indivisible step: no other thread's add is lost. An int buffer
   * wraps around on overflow, as Java's {@code int} does.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param delta what to add (negative to subtract); for an int buffer, within the {@code int}
   *     range
   * @return the value <em>before</em> the add, as in JavaScript
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   * @throws IllegalArgumentException when {@code delta} does not fit an int buffer
   */
  public static long add(SharedBuffer buffer, int index, long delta) {
    buffer.access(SharedAccess.ADD, index);
    if (buffer.ints != null) {
      return (int) INTS.getAndAdd(buffer.ints, index, buffer.checkInt("Atomics.add", delta));
    }
    return (long) LONGS.getAndAdd(buffer.longs, index, delta);
  }

  /**
   * Replaces an element by {@code replacement} only if it holds {@code expected}, as one
   * indivisible step: the building block of every lock-free update.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param expected the value the element must hold
   * @param replacement the new value; for an int buffer, within the {@code int} range
   * @return the value before: equal to {@code expected} when the exchange happened
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   * @throws IllegalArgumentException when {@code replacement} does not fit an int buffer
   */
  public static long compareExchange(
      SharedBuffer buffer, int index, long expected, long replacement) {
    buffer.access(SharedAccess.COMPARE_EXCHANGE, index);
    if (buffer.ints != null) {
      int r = buffer.checkInt("Atomics.compareExchange", replacement);
      if (expected < Integer.MIN_VALUE || expected > Integer.MAX_VALUE) {
        return (int) INTS.getVolatile(buffer.ints, index); // an int never equals it
      }
      return (int) INTS.compareAndExchange(buffer.ints, index, (int) expected, r);
    }
    return (long) LONGS.compareAndExchange(buffer.longs, index, expected, replacement);
  }

  /**
   * Sleeps until another thread calls {@link #notify} for this element, if the element still
   * holds {@code expected}; with no time limit. See {@link #wait(SharedBuffer, int, long, long)}.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param expected the value the element must hold for the thread to sleep
   * @return {@link WaitResult#OK} or {@link WaitResult#NOT_EQUAL}
   * @throws IllegalStateException on a loop thread other than a worker's, or when the thread is
   *     interrupted while it waits (a terminated worker is)
   */
  public static WaitResult wait(SharedBuffer buffer, int index, long expected) {
    return doWait(buffer, index, expected, -1);
  }

  /**
   * Sleeps until another thread calls {@link #notify} for this element or {@code timeoutMs}
   * passes, if the element still holds {@code expected}: JavaScript's {@code Atomics.wait(view,
   * index, expected, timeout)}. Checking the value and starting to sleep are one step, so a
   * {@code store} followed by a {@code notify} on another thread is never missed.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param expected the value the element must hold for the thread to sleep
   * @param timeoutMs the longest sleep, in milliseconds, 0 or more
   * @return {@link WaitResult#OK} when notified, {@link WaitResult#NOT_EQUAL} when the element did
   *     not hold {@code expected} (no sleep), {@link WaitResult#TIMED_OUT} when the time ran out
   * @throws IllegalArgumentException when {@code timeoutMs} is negative
   * @throws IllegalStateException on a loop thread other than a worker's, or when the thread is
   *     interrupted while it waits (a terminated worker is)
   */
  public static WaitResult wait(SharedBuffer buffer, int index, long expected, long timeoutMs) {
    if (timeoutMs < 0)
      throw new IllegalArgumentException("Atomics.wait: timeout " + timeoutMs + " ms is negative");
    return doWait(buffer, index, expected, timeoutMs);
  }

  private static WaitResult doWait(SharedBuffer buffer, int index, long expected, long timeoutMs) {
    Integer role = ROLE.get();
    if (role != null && role == 1) {
      String me = Thread.currentThread().getName();
      throw new IllegalStateException(
          "Atomics.wait on \""
              + me
              + "\", a loop thread, would block its event loop: every timer, message and"
              + " callback would wait with it (browsers refuse Atomics.wait on their main thread"
              + " for the same reason). Wait in a Worker instead, and tell the loop with"
              + " postMessage; or poll with Atomics.load from a timer.");
    }
    buffer.access(SharedAccess.WAIT, index);
    synchronized (buffer.waiters) {
      if (read(buffer, index) != expected) return WaitResult.NOT_EQUAL;
      Waiter w = new Waiter(index);
      buffer.waiters.addLast(w);
      long deadline =
          timeoutMs < 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      try {
        while (!w.woken) {
          if (timeoutMs < 0) {
            buffer.waiters.wait();
          } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) return WaitResult.TIMED_OUT;
            TimeUnit.NANOSECONDS.timedWait(buffer.waiters, left);
          }
        }
        return WaitResult.OK;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "Atomics.wait on \"" + Thread.currentThread().getName() + "\" was interrupted", e);
      } finally {
        if (!w.woken) buffer.waiters.remove(w);
      }
    }
  }

  /**
   * Wakes every thread waiting in {@link #wait} on this element.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @return how many threads were woken
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public static int notify(SharedBuffer buffer, int index) {
    return notify(buffer, index, Integer.MAX_VALUE);
  }

  /**
   * Wakes up to {@code count} threads waiting in {@link #wait} on this element, those that have
   * waited longest first: JavaScript's {@code Atomics.notify(view, index, count)}. Any thread may
   * call it, the loop thread included.
   *
   * @param buffer the shared buffer
   * @param index the element
   * @param count the most threads to wake, 0 or more
   * @return how many threads were woken
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   * @throws IllegalArgumentException when {@code count} is negative
   */
  public static int notify(SharedBuffer buffer, int index, int count) {
    if (count < 0)
      throw new IllegalArgumentException("Atomics.notify: count " + count + " is negative");
    buffer.access(SharedAccess.NOTIFY, index);
    int woken = 0;
    synchronized (buffer.waiters) {
      for (Iterator<Waiter> it = buffer.waiters.iterator(); it.hasNext() && woken < count; ) {
        Waiter w = it.next();
        if (w.index == index) {
          w.woken = true;
          it.remove();
          woken++;
        }
      }
      if (woken > 0) buffer.waiters.notifyAll();
    }
    return woken;
  }

  /** Called by {@link EventLoop#create()}: the calling thread is now a loop thread. */
  static void loopThread() {
    if (ROLE.get() == null) ROLE.set(1);
  }

  /** Called on a worker's thread before it creates its loop: waiting is allowed there. */
  static void workerThread() {
    ROLE.set(2);
  }
}
