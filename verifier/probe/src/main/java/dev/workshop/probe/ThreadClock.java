package dev.workshop.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One thread's clock: the time it spent on a CPU and the time it spent ready to run but waiting
 * for a CPU, both in nanoseconds, cumulative; {@code -1} when unknown.
 *
 * <p>The second number is what makes the verdict fair on a busy machine: a callback that was
 * ready but not scheduled is not the learner's fault. Two clocks give it:
 *
 * <ul>
 *   <li>{@link SchedstatClock} (Linux): the kernel's own accounts in {@code /proc/.../schedstat},
 *       exact.
 *   <li>{@link PortableClock} (everywhere else, or forced with {@code
 *       -Dworkshop.probe.clock=portable}): the JDK's per-thread CPU time, and an estimate of the
 *       wait from how long the thread was runnable ({@link RunnableMeter}), less precise.
 * </ul>
 *
 * <p>The choice is made once per JVM and named in the report's {@code start} record ({@link
 * #name()}).
 */
abstract class ThreadClock {
  /** The system property that forces the portable clock: {@code portable}. */
  static final String PROPERTY = "workshop.probe.clock";

  static final String SCHEDSTAT = "schedstat";
  static final String PORTABLE = "portable";

  private static final boolean USE_PORTABLE =
      PORTABLE.equals(System.getProperty(PROPERTY))
          || !Files.isReadable(Path.of("/proc/thread-self/schedstat"));

  /** Whether this JVM's clocks are the portable ones. */
  static boolean portable() {
    return USE_PORTABLE;
  }

  /** The clock that judges in this JVM: {@value #SCHEDSTAT} or {@value #PORTABLE}. */
  static String name() {
    return USE_PORTABLE ? PORTABLE : SCHEDSTAT;
  }

  /**
   * Starts what the portable clock needs (its {@link RunnableMeter} thread); nothing where the
   * exact clock is used.
   */
  static void start(Threads threads, VmClocks vm) {
    if (USE_PORTABLE) RunnableMeter.start(threads, vm);
  }

  /** The calling thread's clock, the one that estimates its wait for a CPU. */
  static ThreadClock forCurrentThread() {
    return USE_PORTABLE
        ? PortableClock.forCurrentThread()
        : SchedstatClock.open(Path.of("/proc/thread-self/schedstat"));
  }

  /**
   * The clock of the thread with this id ({@link #currentTid()}), from another thread. The
   * portable one measures the time on a CPU only ({@link #waiting()} stays 0).
   */
  static ThreadClock forTid(long tid) {
    if (tid < 0) return SchedstatClock.open(null);
    return USE_PORTABLE
        ? new PortableClock(tid, null)
        : SchedstatClock.open(Path.of("/proc/self/task/" + tid + "/schedstat"));
  }

  /**
   * The calling thread's id for {@link #forTid}: its Linux thread id with the exact clock, its Java
   * thread id with the portable one; -1 when unknown.
   */
  static long currentTid() {
    if (USE_PORTABLE) return Thread.currentThread().getId();
    try {
      String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
      return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
    } catch (IOException | RuntimeException | LinkageError e) {
      return -1;
    }
  }

  abstract boolean available();

  /** Reads the clock; afterwards {@link #onCpu()} and {@link #waiting()} hold the new values. */
  abstract void read();

  abstract long onCpu();

  abstract long waiting();

  /**
   * The measured thread enters ({@code true}) or leaves a blocking call the woven code times: the
   * portable clock does not count that time as runnable. Called on the measured thread.
   */
  void blocking(boolean inCall) {}
}
