package dev.workshop.probe;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The probe's side of the report: records, one per line ({@link ReportFormat}), written from any
 * thread of the child JVM. Write errors are swallowed: the verifier notices missing records, and
 * the solution must never see an exception of the probe's.
 *
 * <p>A record is appended to a lock-free queue; {@link #flush()} takes what was appended and sends
 * it ({@link ReportChannel}). No writer ever waits for another: every thread writes records (the
 * loop thread one per {@code System.out} write, the watchdog one per stack sample), and on a busy
 * machine a thread can lose its CPU in the middle of an append. With a lock, the loop thread then
 * waited for that thread to get a CPU back, off its own CPU without waiting for one, and the time
 * was charged to the learner as {@code waiting}. Before that, the socket write of the watchdog's
 * flush every 100 ms held the lock every writer needed (up to 60 ms charged).
 */
final class Report {
  /** Past this many characters held in memory, the writer sends them itself (as it used to). */
  static final int MAX_HELD_CHARS = 1 << 20;

  private final long origin = System.nanoTime();
  private final Writer out;

  /** The records not sent yet, oldest first. */
  private final ConcurrentLinkedQueue<String> held = new ConcurrentLinkedQueue<>();

  /** The characters in {@link #held}, newlines included. */
  private final AtomicLong heldChars = new AtomicLong();

  /** Held by whoever sends: the records go out in the order they were appended. */
  private final Object sending = new Object();

  Report(Writer out) {
    this.out = out;
  }

  /** Nanoseconds since the probe started: the report's clock. */
  long now() {
    return System.nanoTime() - origin;
  }

  /** A {@link System#nanoTime()} value as a report time. */
  long at(long nanoTime) {
    return nanoTime - origin;
  }

  /** The report clock's origin, as a {@link System#nanoTime()} value. */
  long origin() {
    return origin;
  }

  /** Writes one record. Any thread may call this; it never waits for another writer. */
  void write(Object... fields) {
    String line = ReportFormat.line(fields);
    held.add(line);
    // A flood of records: the writer pays for sending it, as it did before.
    if (heldChars.addAndGet(line.length() + 1) >= MAX_HELD_CHARS) flush();
  }

  /**
   * Pushes what was written before this call to the verifier, in batches of about {@link
   * #MAX_HELD_CHARS} characters; what other threads append meanwhile waits for the next flush, so
   * that a flusher never chases writers that append faster than it sends.
   */
  void flush() {
    synchronized (sending) {
      long owed = heldChars.get();
      StringBuilder batch = new StringBuilder();
      try {
        for (String line; owed > 0 && (line = held.poll()) != null; ) {
          batch.append(line).append('\n');
          owed -= line.length() + 1;
          heldChars.addAndGet(-(line.length() + 1));
          if (batch.length() >= MAX_HELD_CHARS) {
            out.append(batch);
            batch.setLength(0);
          }
        }
        if (batch.length() > 0) out.append(batch);
        out.flush();
      } catch (IOException e) {
        // the verifier will notice the missing records
      }
    }
  }
}
