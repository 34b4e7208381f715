package dev.workshop.runtime;

import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SharedAccess;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory that several threads use at the same time: Node's {@code SharedArrayBuffer} seen
 * through an {@code Int32Array} or a {@code BigInt64Array}. Make one with {@link #ofInts(int)} or
 * {@link #ofLongs(int)}.
 *
 * <p>Every other value in a message to a {@link Worker} is copied. A {@code SharedBuffer} is not:
 * the worker receives this very object, and a write by one thread can be read by the other. That
 * is fast, and it is also the one place of the runtime where two threads touch the same data at
 * the same time, with the classic dangers:
 *
 * <ul>
 *   <li>{@link #get(int)} and {@link #set(int, long)} are <b>plain</b>, like {@code view[i]} and
 *       {@code view[i] = v} in JavaScript: not atomic, with no ordering between threads. {@code
 *       buf.set(0, buf.get(0) + 1)} run by two threads at once loses updates: both read 5, both
 *       write 6.
 *   <li>{@link Atomics} does each read-modify-write as one indivisible step ({@link
 *       Atomics#add}), and lets a thread sleep until another changes a value ({@link
 *       Atomics#wait}, {@link Atomics#notify}). Use it whenever more than one thread writes.
 * </ul>
 *
 * <pre>{@code
 * SharedBuffer counter = SharedBuffer.ofInts(1);
 * worker.postMessage(counter);        // shared, not copied
 * Atomics.add(counter, 0, 1);         // the worker does the same: no update is lost
 * }</pre>
 *
 * <p>The elements are {@code int}s or {@code long}s; both are read and written as {@code long}.
 * An int buffer refuses a value outside the {@code int} range with an {@link
 * IllegalArgumentException} (JavaScript would wrap it silently), except that {@link Atomics#add}
 * wraps around as Java's {@code int} arithmetic does. A shared buffer cannot be sent to another
 * process: processes do not share memory.
 */
public final class SharedBuffer {
  private static final AtomicInteger IDS = new AtomicInteger();

  final int[] ints;
  final long[] longs;
  private final int id = IDS.incrementAndGet();

  /** The threads in {@link Atomics#wait}, oldest first. Guarded by itself. */
  final java.util.ArrayDeque<Atomics.Waiter> waiters = new java.util.ArrayDeque<>();

  private SharedBuffer(int[] ints, long[] longs) {
    this.ints = ints;
    this.longs = longs;
  }

  /**
   * A shared buffer of {@code length} ints, all 0: {@code new Int32Array(new
   * SharedArrayBuffer(4 * length))}.
   *
   * @param length the number of elements, 1 or more
   * @return the buffer
   * @throws IllegalArgumentException when {@code length} is less than 1
   */
  public static SharedBuffer ofInts(int length) {
    return new SharedBuffer(new int[checkLength(length)], null);
  }

  /**
   * A shared buffer of {@code length} longs, all 0: {@code new BigInt64Array(new
   * SharedArrayBuffer(8 * length))}.
   *
   * @param length the number of elements, 1 or more
   * @return the buffer
   * @throws IllegalArgumentException when {@code length} is less than 1
   */
  public static SharedBuffer ofLongs(int length) {
    return new SharedBuffer(null, new long[checkLength(length)]);
  }

  private static int checkLength(int length) {
    if (length < 1)
      throw new IllegalArgumentException("a SharedBuffer needs at least 1 element, not " + length);
    return length;
  }

  /**
   * The number of elements.
   *
   * @return the length
   */
  public int length() {
    return ints != null ? ints.length : longs.length;
  }

  /**
   * Whether the elements are longs ({@link #ofLongs}) rather than ints ({@link #ofInts}).
   *
   * @return {@code true} for a buffer of longs
   */
  public boolean holdsLongs() {
    return longs != null;
  }

  /**
   * This buffer's id, unique in the program; the verifier's reports name buffers by it.
   *
   * @return the id, 1 for the first buffer
   */
  public int id() {
    return id;
  }

  /**
   * A plain read, <b>not atomic</b>: another thread's recent write may or may not be seen. Use
   * {@link Atomics#load} when other threads write to this element.
   *
   * @param index from 0 to {@code length() - 1}
   * @return the element
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   */
  public long get(int index) {
    access(SharedAccess.GET, index);
    return ints != null ? ints[index] : longs[index];
  }

  /**
   * A plain write, <b>not atomic</b>: {@code set(i, get(i) + 1)} from two threads loses updates.
   * Use {@link Atomics#store} or {@link Atomics#add} when other threads use this element.
   *
   * @param index from 0 to {@code length() - 1}
   * @param value the new value; for an int buffer, within the {@code int} range
   * @throws IndexOutOfBoundsException when {@code index} is out of range
   * @throws IllegalArgumentException when {@code value} does not fit an int buffer
   */
  public void set(int index, long value) {
    access(SharedAccess.SET, index);
    if (ints != null) {
      ints[index] = checkInt("set", value);
    } else {
      longs[index] = value;
    }
  }

  /** Checks the index and reports the access to the listener, if any. */
  void access(SharedAccess what, int index) {
    Objects.checkIndex(index, length());
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.sharedMemoryAccess(id, what, index);
  }

  int checkInt(String what, long value) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          what
              + ": "
              + value
              + " does not fit in an int; this SharedBuffer holds ints (make it with"
              + " SharedBuffer.ofLongs for larger values)");
    }
    return (int) value;
  }

  @Override
  public String toString() {
    return "SharedBuffer[id=" + id + ", " + length() + (ints != null ? " ints]" : " longs]");
  }
}
