package dev.workshop.probe;

import java.io.IOException;
import java.io.Writer;

/**
 * The probe's side of the report: records, one per line ({@link ReportFormat}), written from any
 * thread of the child JVM. Write errors are swallowed: the verifier notices missing records, and
 * the solution must never see an exception of the probe's.
 */
final class Report {
  private final long origin = System.nanoTime();
  private final Writer out;

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
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
      } catch (IOException e) {
        // the verifier will notice the missing records
      }
    }
  }

  /** Pushes what was written to the verifier. */
  void flush() {
    synchronized (out) {
      try {
        out.flush();
      } catch (IOException e) {
        // as above
      }
    }
  }
}
