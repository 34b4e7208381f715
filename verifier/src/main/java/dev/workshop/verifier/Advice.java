package dev.workshop.verifier;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.report.ProbeReport.Block;

/** The last line of evidence of a blocked main thread: what to do instead, from what was seen. */
final class Advice {
  private Advice() {}

  /**
   * What to do instead of this block, from what was seen: a block inside an after-work callback
   * already uses the pool, so it is told to move the slow part into the work itself.
   */
  static String of(Block b) {
    boolean afterWork = b.callback().kind() == CallbackKind.AFTER_WORK;
    if (b.busyWait()) {
      return "to wait for time to pass, use loop.setTimeout; to wait for other work, let it call you back:"
          + " a busy wait keeps main from everything else";
    }
    return switch (b.kind()) {
      case COMPUTING ->
          afterWork
              ? "this ran in an after-work callback, which runs on main: compute in the work itself (queueWork's first lambda), and only hand the result over afterwards"
              : "move the computation into loop.queueWork(...): it runs on a pool thread and its result comes back to main";
      case SLEEPING ->
          "never sleep on the loop thread: use loop.setTimeout, or sleep inside loop.queueWork";
      case WAITING_FUTURE ->
          "don't wait for a result on main: let it come back as a callback (afterWork, or loop.post)";
      case WAITING_LOCK ->
          "main must not wait for a lock a slow thread holds: hand the result over with loop.post instead";
      case BLOCKING_IO ->
          "do blocking I/O on the pool (loop.queueWork or loop.readFile), not on main";
      case WAITING -> "main waited for something: let the result come back as a callback instead";
      case GC ->
          "allocate less on the loop thread (reuse buffers, don't build big temporary collections), or do"
              + " the allocating work in loop.queueWork";
    };
  }
}
