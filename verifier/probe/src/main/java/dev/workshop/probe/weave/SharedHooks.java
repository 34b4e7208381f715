package dev.workshop.probe.weave;

import dev.workshop.probe.SharedSiteRecorder;
import dev.workshop.runtime.Atomics;
import dev.workshop.runtime.SharedBuffer;

/**
 * The woven replacements of the plain {@code SharedBuffer.get} and {@code SharedBuffer.set} calls
 * in the solution's code, and of its {@code Atomics.wait} calls: each makes the original call and
 * counts it for its call site and thread in {@link SharedSiteRecorder} (no record per call). A wait
 * is counted before the call, which the runtime refuses on a loop thread with an exception that
 * the solution may catch: the count still names the line. The runtime's own listener hook,
 * {@code sharedMemoryAccess}, is told of every access too, but without a call site: these hooks are
 * how a verdict names the learner's line of a plain read-modify-write that two threads ran.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another class
 * loader.
 */
public final class SharedHooks {
  private SharedHooks() {}

  /** Replaces {@code buffer.get(index)}. */
  public static long get(SharedBuffer buffer, int index, int site) {
    long v = buffer.get(index);
    SharedSiteRecorder.count(site, buffer.id(), index, false);
    return v;
  }

  /** Replaces {@code buffer.set(index, value)}. */
  public static void set(SharedBuffer buffer, int index, long value, int site) {
    buffer.set(index, value);
    SharedSiteRecorder.count(site, buffer.id(), index, true);
  }

  /** Replaces {@code Atomics.wait(buffer, index, expected)}. */
  public static Atomics.WaitResult wait(SharedBuffer buffer, int index, long expected, int site) {
    SharedSiteRecorder.waitCalled(site, buffer.id(), index);
    return Atomics.wait(buffer, index, expected);
  }

  /** Replaces {@code Atomics.wait(buffer, index, expected, timeoutMs)}. */
  public static Atomics.WaitResult wait(
      SharedBuffer buffer, int index, long expected, long timeoutMs, int site) {
    SharedSiteRecorder.waitCalled(site, buffer.id(), index);
    return Atomics.wait(buffer, index, expected, timeoutMs);
  }
}
