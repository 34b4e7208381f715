package dev.workshop.runtime;

/**
 * Thrown when a thread other than the loop thread touches a {@link LoopOwned} value.
 *
 * <p>This is the rule Node.js native addons live by: worker threads must never touch V8 objects.
 * The message names the owner thread and the offending thread and says what to do instead.
 */
public final class ConfinementError extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Thread owner;
  private final transient Thread offender;

  ConfinementError(Thread owner, Thread offender, String operation) {
    super(
        "Thread \""
            + offender.getName()
            + "\" called "
            + operation
            + " on a loop-owned value, but only the loop thread \""
            + owner.getName()
            + "\" may read or change it (just as only Node's JavaScript thread may touch V8 objects)."
            + " Copy the plain data you need out of the value on the loop thread before queueWork,"
            + " give that copy to the work, and wrap the result back into a loop-owned value in"
            + " afterWork, which runs on the loop thread \""
            + owner.getName()
            + "\".");
    this.owner = owner;
    this.offender = offender;
  }

  /**
   * The loop thread, which owns the value.
   *
   * @return the owner thread
   */
  public Thread owner() {
    return owner;
  }

  /**
   * The thread that touched the value.
   *
   * @return the offending thread
   */
  public Thread offender() {
    return offender;
  }
}
