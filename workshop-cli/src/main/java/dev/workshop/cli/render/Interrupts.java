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
      return new Interrupts(Signal.handle(new Signal("INT"), signal -> { }));
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError notHere) {
      return NONE; // SIGINT is taken (-Xrs) or not a signal here: Ctrl-C keeps its usual effect
    }
  }

  void restore() {
    if (previous != null) {
      try {
        Signal.handle(new Signal("INT"), previous);
      } catch (IllegalArgumentException notHere) {
        // Nothing to give back.
      }
    }
  }
}
