package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.JobKind;

/**
 * Internal: an entry of the loop's queue and/or of the pool's queue.
 *
 * <p>On the loop, a task with a {@code kind} is a learner callback (reported to the listener); a
 * task with no kind is runtime plumbing that runs directly and reports the learner callbacks it
 * makes itself. On the pool, {@link #work()} runs on a pool thread, then {@link #afterPool()}
 * decides where the task goes next.
 */
class Task implements Runnable {
  final CallbackKind kind;
  StackTraceElement site;
  JobEvent job;

  /** When the pool queued it (System.nanoTime), or 0; only with a listener. */
  long queuedAt;

  private final Runnable body;

  Task(CallbackKind kind, StackTraceElement site, Runnable body) {
    this.kind = kind;
    this.site = site;
    this.body = body;
  }

  /** Loop side. */
  @Override
  public void run() {
    body.run();
  }

  /** Pool side: does the work and returns what it threw (for the listener), or null. */
  Throwable work() {
    return null;
  }

  /** Pool side, after {@link #work()}: hands the task back to the loop or to the pool. */
  void afterPool() {}

  /** What kind of pool job this is, for the listener. */
  JobKind jobKind() {
    return JobKind.WORK;
  }
}
