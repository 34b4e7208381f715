package dev.workshop.probe;

import java.io.IOException;
import java.io.Writer;

/**
 * The probe's side of the report: records, one per line ({@link ReportFormat}), written from any
 * thread of the child JVM. Write errors are swallowed: the verifier notices missing records, and
 * the solution must never see an exception of the probe's.
 *
 * <p>A record is only appended to memory, under a lock held for that alone; {@link #flush()} takes
 * what was appended and sends it ({@link ReportChannel}) outside that lock. Before, the socket
 * write of the watchdog's flush every 100 ms held the lock every writer needed: on a busy machine
 * the watchdog lost its CPU in the middle of it, and a loop thread that printed a line (each
 * {@code System.out} write is a record) or started a process waited up to 60 ms for it, charged
 * to the learner as {@code waiting}.
 */
final class Report {
  /** Past this many characters held in memory, the writer sends them itself (as it used to). */
  static final int MAX_HELD_CHARS = 1 << 20;

  private final long origin = System.nanoTime();
  private final Writer out;

  /** The records not sent yet; guarded by itself. */
  private StringBuilder held = new StringBuilder();

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

  /** Writes one record. Any thread may call this. */
  void write(Object... fields) {
    String line = ReportFormat.line(fields);
    boolean full;
    synchronized (this) {
      held.append(line).append('\n');
      full = held.length() >= MAX_HELD_CHARS;
    }
    if (full) flush(); // a flood of records: the writer pays for sending it, as it did before
  }

  /** Pushes what was written to the verifier. */
  void flush() {
    synchronized (sending) {
      StringBuilder batch;
      synchronized (this) {
        if (held.length() == 0) {
          batch = null;
        } else {
          batch = held;
          held = new StringBuilder(Math.min(batch.capacity(), 1 << 16));
        }
      }
      try {
        if (batch != null) out.append(batch);
        out.flush();
      } catch (IOException e) {
        // the verifier will notice the missing records
      }
    }
  }
}
