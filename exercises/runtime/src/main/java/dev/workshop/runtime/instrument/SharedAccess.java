package dev.workshop.runtime.instrument;

/**
 * What touched a {@code SharedBuffer}, as {@link RuntimeListener#sharedMemoryAccess} sees it: one
 * of the {@code Atomics} operations, or a plain (non-atomic) read or write.
 */
public enum SharedAccess {
  /** {@code Atomics.load}. */
  LOAD,
  /** {@code Atomics.store}. */
  STORE,
  /** {@code Atomics.add}. */
  ADD,
  /** {@code Atomics.compareExchange}. */
  COMPARE_EXCHANGE,
  /** {@code Atomics.wait}, reported before the thread starts waiting. */
  WAIT,
  /** {@code Atomics.notify}. */
  NOTIFY,
  /** {@code SharedBuffer.get}: a plain read, not atomic. */
  GET,
  /** {@code SharedBuffer.set}: a plain write, not atomic. */
  SET;

  /**
   * Whether this is an {@code Atomics} operation, safe to use from several threads at once.
   *
   * @return {@code false} for the plain {@link #GET} and {@link #SET}
   */
  public boolean atomic() {
    return this != GET && this != SET;
  }
}
