package dev.workshop.probe;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output, passed through unchanged, with the time and thread of every write noted: so
 * that the verifier knows which callback printed which line, and when. The time a loop thread's
 * write waits for the pipe is not its callback's ({@link CallbackMeter#outputStarted}).
 */
final class StdoutRecorder extends FilterOutputStream {
  private static final int MAX_RECORDS = 200_000;

  /** A write this large goes to the pipe at once rather than to the 8 KiB buffer. */
  private static final int LARGE_WRITE = 4096;

  private final Report report;
  private final CallbackMeter meter;
  private long offset;
  private int records;

  StdoutRecorder(OutputStream out, Report report, CallbackMeter meter) {
    super(out);
    this.report = report;
    this.meter = meter;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    note(1);
    out.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    note(len);
    if (len < LARGE_WRITE) {
      out.write(b, off, len); // into the buffer: the pipe is written at the flush (println's)
      return;
    }
    meter.outputStarted();
    try {
      out.write(b, off, len);
    } finally {
      meter.outputEnded();
    }
  }

  @Override
  public void flush() throws IOException {
    meter.outputStarted();
    try {
      out.flush();
    } finally {
      meter.outputEnded();
    }
  }

  private void note(int len) {
    if (records++ < MAX_RECORDS) {
      report.write(ReportFormat.OUT, report.now(), offset, len, Thread.currentThread().getName());
    }
    offset += len;
  }
}
