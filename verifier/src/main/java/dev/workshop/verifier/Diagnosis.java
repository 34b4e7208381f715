package dev.workshop.verifier;

import dev.workshop.probe.BlockKind;

/**
 * Why a solution failed, in one word. When several checks fail, the verdict names the first of
 * them in this order: the closer to the root cause, the earlier. A main thread that sleeps also
 * prints its dots late, but "sleeping" is what the learner needs to hear.
 */
public enum Diagnosis {
  /** The run reached outside itself: it changed the workshop's progress or cache, or the probe. */
  TAMPERED("tampered"),
  MISSING_FILE("missing-file"),
  WRONG_PACKAGE("wrong-package"),
  COMPILE_ERROR("compile-error"),
  NO_MAIN("no-main"),
  DEADLOCK("deadlock"),
  /** Every pool thread waited for a future while jobs waited in the queue behind them. */
  POOL_STARVATION("pool-starvation"),
  CONFINEMENT("confinement"),
  SLEEPING("sleeping"),
  COMPUTING("computing"),
  /** Garbage collection caused by the learner's own allocation on the loop thread stopped it. */
  GC("gc"),
  WAITING_FUTURE("waiting-future"),
  WAITING_LOCK("waiting-lock"),
  BLOCKING_IO("blocking-io"),
  WAITING("waiting"),
  RAW_THREAD("raw-thread"),
  /** The work an exercise gives a {@code Worker} ran elsewhere: on main's loop, the pool. */
  NO_WORKER("no-worker"),
  /**
   * The work an exercise gives a forked child process ran in the program's own process (A
   * PROCESS OF ITS OWN), or no child was forked for it.
   */
  NO_CHILD_PROCESS("no-child-process"),
  /**
   * Two threads wrote one element of a {@code SharedBuffer} with plain {@code set} (a plain
   * read-add-write): updates can be lost between them, whether or not this run lost one.
   */
  LOST_UPDATE("lost-update"),
  /**
   * {@code Atomics.notify} without a change of the value the waiter checks: a thread that reaches
   * {@code Atomics.wait} after the notify sleeps on.
   */
  LOST_SIGNAL("lost-signal"),
  EXCEPTION("exception"),
  NO_CALLBACK("no-callback"),
  /** A child process crashed (exited with a code other than 0), and the program never said so. */
  UNREPORTED_CRASH("unreported-crash"),
  /**
   * One file's reads were queued many at once, so the pool's queue filled with them and other
   * files' work waited behind (A FILE IN PIECES).
   */
  FLOODED_QUEUE("flooded-queue"),
  /**
   * A client that does not read made the server keep its replies without bound: the writes that
   * said the peer was not keeping up were not followed by a pause until the drain, or a pause was
   * never resumed.
   */
  BACKPRESSURE("backpressure"),
  KEPT_ALIVE("kept-alive"),
  TIMEOUT("timeout"),
  EXIT_CODE("exit-code"),
  WRONG_RESULT("wrong-result"),
  WRONG_OUTPUT("wrong-output");

  private final String code;

  Diagnosis(String code) {
    this.code = code;
  }

  /** The short code used in test fixtures: {@code waiting-future}. */
  public String code() {
    return code;
  }

  /** The diagnosis for a main thread that was busy in this way. */
  public static Diagnosis of(BlockKind kind) {
    return switch (kind) {
      case COMPUTING -> COMPUTING;
      case GC -> GC;
      case SLEEPING -> SLEEPING;
      case WAITING_FUTURE -> WAITING_FUTURE;
      case WAITING_LOCK -> WAITING_LOCK;
      case BLOCKING_IO -> BLOCKING_IO;
      case WAITING -> WAITING;
    };
  }
}
