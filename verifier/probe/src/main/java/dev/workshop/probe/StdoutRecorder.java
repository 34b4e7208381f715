package dev.workshop.probe;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output, passed through unchanged, with the time and thread of every write noted: so
 * that the verifier knows which callback printed which line, and when.
 */
final class StdoutRecorder extends FilterOutputStream {
  private static final int MAX_RECORDS = 200_000;
  private final Report report;
  private long offset;
  private int records;

  StdoutRecorder(OutputStream out, Report report) {
    super(out);
    this.report = report;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    note(1);
    out.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    note(len);
    out.write(b, off, len);
  }

  private void note(int len) {
    if (records++ < MAX_RECORDS) {
      report.write(ReportFormat.OUT, report.now(), offset, len, Thread.currentThread().getName());
    }
    offset += len;
  }
}
