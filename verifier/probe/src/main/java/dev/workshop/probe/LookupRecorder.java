package dev.workshop.probe;

import dev.workshop.runtime.instrument.JobEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evidence about name lookups and pool queue waits, for the {@link Probe}'s hooks:
 *
 * <ul>
 *   <li>every {@code resolve} (Node's {@code dns.resolve}, on a thread of its own): which thread
 *       resolved it, from when to when, and whether it failed ({@link ReportFormat#RESOLVE});
 *   <li>for every pool job, how long it waited in the pool's queue and how much of that the pool
 *       thread that took it spent ready to run but waiting for a CPU ({@link
 *       ReportFormat#QUEUE_WAIT}): a job queued while a pool thread is idle still waits for that
 *       thread to get a core, which on a busy machine takes tens of milliseconds and is nobody's
 *       fault.
 * </ul>
 *
 * <p>The CPU wait is the pool thread's own scheduler clock ({@code /proc/thread-self/schedstat},
 * field 2, {@link ThreadClock}) from the end of its previous job (or, for its first job, from its
 * start) to the moment it took this one, at most the whole queue wait. A thread that was busy
 * with another job meanwhile (a slow lookup sleeping in its name server) was not waiting for a
 * CPU, so a job queued behind busy threads keeps its whole wait. Outside Linux the CPU wait is
 * unknown ({@code -1}).
 */
final class LookupRecorder {
  private final Report report;
  private final Threads threads;

  /** Per pool thread: its scheduler clock, and its CPU wait when its previous job ended (ns). */
  private final ThreadLocal<ThreadClock> clock =
      ThreadLocal.withInitial(ThreadClock::forCurrentThread);

  private final ThreadLocal<long[]> waitAtLastEnd = ThreadLocal.withInitial(() -> new long[] {0});

  /** Per running pool job: its queue wait and the CPU wait in it (ns). */
  private final Map<Long, long[]> queueWaits = new ConcurrentHashMap<>();

  /** Per resolve in progress: its start (report time). */
  private final Map<Long, Long> resolveStarts = new ConcurrentHashMap<>();

  LookupRecorder(Report report, Threads threads) {
    this.report = report;
    this.threads = threads;
  }

  /**
   * A pool thread took {@code job} after {@code waitedNanos} in the queue; on that thread, with
   * the pool's lock held, so the record is written when the job ends.
   */
  void jobWaited(JobEvent job, long waitedNanos) {
    ThreadClock c = clock.get();
    long cpuWait = -1;
    if (c.available()) {
      c.read();
      long now = c.waiting();
      if (now >= 0) cpuWait = Math.max(0, Math.min(waitedNanos, now - waitAtLastEnd.get()[0]));
    }
    queueWaits.put(job.id(), new long[] {waitedNanos, cpuWait});
  }

  /** A pool job ended, on its pool thread: the start of the thread's next wait for work. */
  void jobEnded(JobEvent job) {
    long[] waited = queueWaits.remove(job.id());
    if (waited != null) report.write(ReportFormat.QUEUE_WAIT, job.id(), waited[0], waited[1]);
    ThreadClock c = clock.get();
    if (!c.available()) return;
    c.read();
    if (c.waiting() >= 0) waitAtLastEnd.get()[0] = c.waiting();
  }

  /** A resolve started, on its own thread. */
  void resolveStarted(JobEvent job) {
    resolveStarts.put(job.id(), report.now());
  }

  /** A resolve got its answer or failed, on the same thread. */
  void resolveEnded(JobEvent job, Throwable thrown) {
    Long start = resolveStarts.remove(job.id());
    Thread t = Thread.currentThread();
    StackTraceElement site = job.callSite();
    report.write(
        ReportFormat.RESOLVE,
        job.id(),
        site == null ? "" : Frames.describe(site),
        t.getName(),
        start == null ? -1 : start,
        report.now(),
        thrown == null ? "" : thrown.getClass().getName(),
        threads.isRuntime(t));
  }
}
