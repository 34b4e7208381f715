package dev.workshop.probe;

import dev.workshop.runtime.instrument.WorkerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long the program's main thread took to go back to its loop after starting a {@code Worker}
 * in its main script, and how much CPU it used meanwhile: one {@link ReportFormat#WORKER_BACK}
 * record per such worker, written on the loop thread as its loop starts.
 *
 * <p>An event, not a sample: a main that spins until the worker is done (with or without {@code
 * Thread.onSpinWait}) is on a CPU, and gets its share of one, the whole time the worker counts; a
 * main that went straight back to its loop used a few ms of CPU at most, however slowly a busy
 * machine let it get there (class loading, a lambda's first linkage).
 */
final class BackToTheLoop {
  /** Workers remembered per parent thread at most: the first ones are the ones that matter. */
  static final int MAX_PER_THREAD = 64;

  private final Report report;
  private final LongSupplier threadCpu;

  /** Per parent thread, each worker it started: {worker thread's name, started at, CPU then}. */
  private final Map<Thread, List<Object[]>> started = new ConcurrentHashMap<>();

  /** Whether the program's loop has started: later starts are callbacks', not the script's. */
  private volatile boolean loopRunning;

  /**
   * @param threadCpu the calling thread's CPU time in ns, -1 when unknown
   */
  BackToTheLoop(Report report, LongSupplier threadCpu) {
    this.report = report;
    this.threadCpu = threadCpu;
  }

  /** On the parent's thread, once the worker's thread was started. */
  void workerStarted(WorkerEvent w) {
    if (loopRunning) return;
    List<Object[]> mine = started.computeIfAbsent(Thread.currentThread(), t -> new ArrayList<>());
    if (mine.size() >= MAX_PER_THREAD) return;
    mine.add(new Object[] {w.thread().getName(), report.now(), threadCpu.getAsLong()});
  }

  /** On the program's loop thread, as its loop starts. */
  void loopStarted(Thread loop) {
    if (loopRunning) return;
    loopRunning = true;
    List<Object[]> mine = started.remove(loop);
    started.clear();
    if (mine == null || loop != Thread.currentThread()) return;
    long now = report.now();
    long cpu = threadCpu.getAsLong();
    for (Object[] w : mine) {
      long cpuThen = (Long) w[2];
      report.write(
          ReportFormat.WORKER_BACK, now, w[0], w[1], cpu < 0 || cpuThen < 0 ? -1 : cpu - cpuThen);
    }
  }
}
