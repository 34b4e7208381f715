package dev.workshop.probe.weave;

import dev.workshop.probe.SharedSiteRecorder;
import dev.workshop.runtime.SharedBuffer;

/**
 * The woven replacements of the plain {@code SharedBuffer.get} and {@code SharedBuffer.set} calls
 * in the solution's code: each makes the original call, then counts it for its call site and
 * thread in {@link SharedSiteRecorder} (no record per call). The runtime's own listener hook,
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
}
