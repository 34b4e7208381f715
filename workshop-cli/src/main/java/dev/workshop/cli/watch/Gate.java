package dev.workshop.cli.watch;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer that passes what it is given on to another until it is shut: a check that was
 * cancelled can still be unwinding, and what it prints then must not reach the screen of the
 * next one. Shutting it leaves the other writer open. Safe to use from any thread.
 */
final class Gate extends Writer {
  private final PrintWriter target;
  private boolean open = true;

  Gate(PrintWriter target) {
    this.target = target;
  }

  /** A print writer over this gate, that flushes at each line as the workshop's own do. */
  PrintWriter printWriter() {
    return new PrintWriter(this, true);
  }

  @Override
  public synchronized void write(char[] chars, int offset, int length) {
    if (open) target.write(chars, offset, length);
  }

  @Override
  public synchronized void flush() {
    if (open) target.flush();
  }

  /** Shuts the gate, after passing on what was written so far: nothing written later gets through. */
  synchronized void shut() {
    if (open) target.flush();
    open = false;
  }

  @Override
  public void close() {
    shut();
  }
}
