package dev.workshop.runtime.instrument;

/**
 * Receives what the runtime does, as it does it: every loop callback, every pool job and every
 * off-thread touch of a loop-owned value.
 *
 * <p>This is how the workshop's verifier watches a solution without changing a line of it. A
 * learner never needs to implement this interface; it is documented so that you can see exactly
 * what the verifier sees.
 *
 * <p>Methods are called synchronously on the thread where the event happens (the loop thread for
 * callbacks, a pool thread for jobs), so implementations must be quick, must not block, and must
 * not throw. Every method has an empty default.
 */
public interface RuntimeListener {

  /** The loop started running on {@code loopThread}. */
  default void loopStarted(Thread loopThread) {}

  /** The loop returned from {@code run()}: nothing was pending any more. */
  default void loopEnded(Thread loopThread) {}

  /** A loop callback is about to run, on the loop thread. */
  default void callbackStarted(CallbackEvent callback) {}

  /** A loop callback returned or threw, on the loop thread. */
  default void callbackEnded(CallbackEvent callback, Throwable thrown) {}

  /** A job entered the pool's queue; {@code queueLength} counts it. Called on the queueing thread. */
  default void jobQueued(JobEvent job, int queueLength) {}

  /** A pool thread took the job. {@code running} is how many jobs run at once, this one included. */
  default void jobStarted(JobEvent job, int running) {}

  /** The job's work returned or threw, on the pool thread that ran it. */
  default void jobEnded(JobEvent job, Throwable thrown) {}

  /** The pool started its threads. */
  default void poolStarted(int size) {}

  /**
   * A thread other than the loop's touched a loop-owned value. Called on the offending thread,
   * just before the runtime throws its {@code ConfinementError}.
   */
  default void confinementViolation(ConfinementEvent violation) {}
}
