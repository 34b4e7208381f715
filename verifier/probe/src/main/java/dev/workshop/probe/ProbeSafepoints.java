package dev.workshop.probe;

import java.lang.management.ThreadInfo;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The safepoints the watchdog's own stack samples cause, and which part of them held the loop
 * thread: the probe's share of a callback's time, measured sample by sample.
 *
 * <p>On JDK 17 a stack sample ({@code ThreadMXBean.getThreadInfo} with a stack) stops every Java
 * thread: the JVM first brings every thread to a safepoint (the sync), then takes the stack (the
 * operation). A loop thread that was running Java code waits for both, off its CPU and not
 * runnable, which looks like waiting; on a busy machine, with pool threads computing, one sample
 * took up to 99 ms. A loop thread that was sleeping, parked, waiting for a lock or in native code
 * (a selector, a socket read) is already stopped and loses nothing to the sample.
 *
 * <p>So per sample, from HotSpot's safepoint counters read right before and after it: when the
 * sample saw the loop thread {@code RUNNABLE} outside native code, its operation time is held time
 * (forgiven, like the sync before it, as far as nothing else explains the callback's time); when
 * it saw the loop thread waiting, its sync is idle sync, never forgiven: it cost the loop thread
 * nothing. Every sample's operation time is kept apart from the other VM pauses; only a held
 * sample's comes back, as held time. All in ms, cumulative; any thread may read them.
 */
final class ProbeSafepoints {
  private final AtomicLong pauseMs = new AtomicLong();
  private final AtomicLong heldMs = new AtomicLong();
  private final AtomicLong idleSyncMs = new AtomicLong();

  /**
   * One sample of the loop thread, on the watchdog's thread.
   *
   * @param pauseMs the JVM's total safepoint time (operations) during the sample, ms
   * @param syncMs the JVM's time to reach safepoints during the sample, ms
   * @param info what the sample saw of the loop thread, or null when it had ended
   */
  void sampled(long pauseMs, long syncMs, ThreadInfo info) {
    pauseMs = Math.max(0, pauseMs);
    syncMs = Math.max(0, syncMs);
    this.pauseMs.addAndGet(pauseMs);
    if (info != null && heldBySafepoint(info)) heldMs.addAndGet(pauseMs);
    else idleSyncMs.addAndGet(syncMs);
  }

  /**
   * Whether a safepoint stops a thread in this state: only one that runs Java code (or the JVM's)
   * has to reach it and wait there. A thread in native code, sleeping, parked or blocked on a
   * monitor goes on as it was.
   */
  static boolean heldBySafepoint(ThreadInfo info) {
    return info.getThreadState() == Thread.State.RUNNABLE && !info.isInNative();
  }

  /** Safepoint operation time of every sample so far, ms. */
  long pauseMillis() {
    return pauseMs.get();
  }

  /** Operation time of the samples that held the loop thread, ms. */
  long heldMillis() {
    return heldMs.get();
  }

  /** Sync time of the samples that found the loop thread stopped already, ms. */
  long idleSyncMillis() {
    return idleSyncMs.get();
  }

  /**
   * The part of a callback's time (ns) that safepoints held the loop thread while it was neither
   * on a CPU, nor waiting for one, nor in a blocking call of the solution's, nor in the runtime's
   * own work: forgiven as a VM pause. At most the JVM's time to reach safepoints meanwhile (less
   * the sync of samples that found the loop thread stopped anyway) plus the operations that could
   * hold it; at most the time nothing else explains. A loop thread that computes, or
   * sleeps, while other threads are brought to a stop gets nothing forgiven, and without its CPU
   * time nothing is forgiven at all.
   *
   * @param wall the callback's wall time, ns
   * @param cpu the loop thread's time on a CPU in it, ns, or -1 when unknown
   * @param cpuWait its time waiting for a CPU, ns (-1: unknown)
   * @param pause VM pauses already forgiven, ns
   * @param blocked the solution's own (woven) blocking calls, ns
   * @param runtime the runtime's own work, ns
   * @param syncMs the JVM's time to reach safepoints during the callback, ms
   * @param idleSyncMs the part of it the probe's samples caused while the loop thread was stopped
   *     anyway, ms
   * @param heldMs safepoint operations that held the loop thread if it ran: other threads' (not
   *     collections, counted apart), and the probe's samples that found it running, ms
   */
  static long forgivenNs(
      long wall,
      long cpu,
      long cpuWait,
      long pause,
      long blocked,
      long runtime,
      long syncMs,
      long idleSyncMs,
      long heldMs) {
    if (cpu < 0) return 0; // without the thread's CPU time, computing looks the same
    long eligible = (Math.max(0, syncMs - Math.max(0, idleSyncMs)) + Math.max(0, heldMs));
    if (eligible == 0) return 0;
    long unexplained =
        wall - cpu - Math.max(0, cpuWait) - pause - Math.max(0, blocked) - Math.max(0, runtime);
    return Math.max(0, Math.min(eligible * 1_000_000L, unexplained));
  }
}
