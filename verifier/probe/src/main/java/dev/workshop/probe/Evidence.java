package dev.workshop.probe;

import dev.workshop.probe.weave.Site;
import dev.workshop.probe.weave.Sites;
import dev.workshop.probe.weave.WeaveListener;
import java.util.List;

/**
 * Exact facts from the solution's woven bytecode ({@link dev.workshop.probe.weave.Weaver}), as
 * report records: which thread ran which of the solution's methods, which line started a thread
 * or a process, a {@code run()} called instead of {@code start()}, executors and timers created,
 * exits, and, on the loop thread, every blocking call with its kind and line (handed to {@link
 * CallbackMeter}, which adds them up per callback). Sampling still says where the loop thread
 * computed; these say who did what, with nothing left to chance.
 *
 * <p>Called on the solution's own threads, hot ones included: each method is a few field reads
 * and, rarely, one record.
 */
final class Evidence implements WeaveListener {
  static final int MAX_RAN_RECORDS = 20_000;

  private final Report report;
  private final Threads threads;
  private final Frames frames;
  private final CallbackMeter meter;
  private final Thread main;
  private int ranRecords;
  private PoolWaits poolWaits;

  Evidence(Report report, Threads threads, Frames frames, CallbackMeter meter, Thread main) {
    this.report = report;
    this.threads = threads;
    this.frames = frames;
    this.meter = meter;
    this.main = main;
  }

  /**
   * Who a thread is: main, the loop's (when not main), the pool's, the runtime's, a {@code
   * Worker}'s, or the solution's own.
   */
  private String role(Thread t) {
    if (t == main) return "main";
    if (t == meter.measured()) return "loop";
    if (threads.isPool(t)) return "pool";
    if (threads.isRuntime(t)) return "runtime";
    if (threads.isWorker(t)) return "worker";
    return threads.isSolutionThread(t) ? "own" : "jvm";
  }

  /** Pool threads' waits for futures go to {@code waits} too. */
  void poolWaits(PoolWaits waits) {
    this.poolWaits = waits;
  }

  private static String where(int site) {
    return Sites.get(site).describe();
  }

  @Override
  public void methodEntered(Thread thread, int method) {
    synchronized (this) {
      if (ranRecords++ >= MAX_RAN_RECORDS) return;
    }
    Site s = Sites.get(method);
    report.write(
        ReportFormat.RAN,
        report.now(),
        thread.getName(),
        role(thread),
        frames.isLearner(s.frame()) ? "learner" : "host",
        s.describe());
  }

  @Override
  public void threadStarting(Thread thread, int site) {
    report.write(
        ReportFormat.THREAD_START,
        report.now(),
        thread.getName(),
        thread.isDaemon(),
        Thread.currentThread().getName(),
        where(site));
  }

  @Override
  public void threadRunCalledDirectly(Thread thread, int site) {
    report.write(
        ReportFormat.RUN_CALL,
        report.now(),
        thread.getName(),
        Thread.currentThread().getName(),
        where(site));
  }

  @Override
  public void executorCreated(String what, int site) {
    report.write(
        ReportFormat.FACILITY, report.now(), what, Thread.currentThread().getName(), where(site));
  }

  @Override
  public void asyncStarted(String what, int site) {
    report.write(
        ReportFormat.FACILITY, report.now(), what, Thread.currentThread().getName(), where(site));
  }

  @Override
  public void processStarted(Process process, List<String> command, int site) {
    report.write(
        ReportFormat.PROCESS,
        report.now(),
        process.pid(),
        Thread.currentThread().getName(),
        where(site),
        String.join(" ", command));
    report.flush();
  }

  @Override
  public void osCallStarted(int site) {
    meter.runtimeWorkStarted();
  }

  @Override
  public void osCallEnded(int site) {
    meter.runtimeWorkEnded();
  }

  @Override
  public void blockingStarted(BlockKind kind, int site) {
    meter.waitStarted();
    if (poolWaits != null) poolWaits.waitStarted(kind, site);
  }

  @Override
  public void blockingEnded(BlockKind kind, int site) {
    meter.waitEnded(kind, site);
    if (poolWaits != null) poolWaits.waitEnded(kind, site);
  }

  @Override
  public void lockWaitStarted(Object monitor, int site) {
    meter.waitStarted();
  }

  @Override
  public void lockWaitEnded(int site) {
    meter.waitEnded(BlockKind.WAITING_LOCK, site);
  }

  @Override
  public void polled(int site, long at) {
    meter.polled(site, at);
  }

  @Override
  public void futurePolled(int site, long at) {
    meter.polled(site, at);
    if (poolWaits != null) poolWaits.futurePolled(site, at);
  }

  @Override
  public void exitCalled(int status, int site) {
    // The main script ends at its exit call: its wait inside Shutdown.exit (for the shutdown
    // hooks, the probe's own among them) is not the script's.
    meter.endMainScript();
    report.write(
        ReportFormat.EXIT_CALL,
        report.now(),
        status,
        Thread.currentThread().getName(),
        where(site));
    report.flush();
  }

  @Override
  public void loopRunCalled(int site) {
    report.write(
        ReportFormat.LOOP_RUN, report.now(), Thread.currentThread().getName(), where(site));
  }
}
