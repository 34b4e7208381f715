package dev.workshop.cli.render;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Keeps Ctrl-C (SIGINT) from ending the workshop while a pager owns the terminal, as git does:
 * otherwise the JVM exits, the shell prints its prompt, and the pager is left running underneath.
 *
 * <p>A do-nothing handler is installed rather than {@code SIG_IGN}: HotSpot never lets a Java
 * handler back onto a signal once it is ignored, so {@code SIG_IGN} could not be undone.
 * {@code sun.misc.Signal} is in {@code jdk.unsupported}, which every JDK from 17 to 25 exports.
 */
final class Interrupts {
  private static final Interrupts NONE = new Interrupts(null);

  private final SignalHandler previous;

  private Interrupts(SignalHandler previous) {
    this.previous = previous;
  }

  /** Starts ignoring Ctrl-C; {@link #restore()} undoes it. Does nothing where signals cannot be handled. */
  static Interrupts ignore() {
    try {
      return new Interrupts(Signal.handle(new Signal("INT"), signal -> {}));
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError notHere) {
      return NONE; // SIGINT is taken (-Xrs) or not a signal here: Ctrl-C keeps its usual effect
    }
  }

  /**
   * Gives Ctrl-C back. The JVM runs signal handlers on its Signal Dispatcher thread, which looks
   * the handler up when it gets to run: on a busy machine a Ctrl-C typed for the pager can reach
   * it after the pager has ended and this method has run, and would then end the workshop. So
   * for {@value #GRACE_MS} ms after the pager ended, Ctrl-C is still ignored; after that the
   * previous handler gets it.
   */
  void restore() {
    if (previous == null) return;
    try {
      if (previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN) {
        Signal.handle(new Signal("INT"), previous);
        return;
      }
      long ended = System.nanoTime();
      Signal.handle(
          new Signal("INT"),
          signal -> {
            if (System.nanoTime() - ended < GRACE_MS * 1_000_000L)
              return; // meant for the pager, dispatched late
            previous.handle(signal);
          });
    } catch (IllegalArgumentException notHere) {
      // Nothing to give back.
    }
  }

  /** How long after the pager ended a Ctrl-C is still taken as the pager's, in ms. */
  static final long GRACE_MS = 2_000;
}
