package dev.workshop.probe;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The probe's second thread. It samples the loop thread's stack while a callback runs long (to
 * say where the time went and what kind of wait it was), notices threads the solution starts and
 * child processes, and takes the deadline snapshot (deadlocks, what main and the
 * threads that keep the JVM alive were doing) just before the verifier's timeout.
 */
final class Watchdog implements Runnable {
  static final int SAMPLE_AFTER_MS = 4;
  static final long SAMPLE_EVERY_NS = 1_000_000;
  static final long THREAD_SCAN_EVERY_NS = 10_000_000;

  /**
   * How often what the report holds is pushed to the verifier, ns: a JVM killed outright (a
   * cluster worker the verifier kills, a fork ended with its program) loses at most that much.
   */
  static final long FLUSH_EVERY_NS = 100_000_000;

  /** At the deadline, how long threads' CPU time is watched to tell computing from waiting. */
  static final long DEADLINE_CPU_WINDOW_NS = 20_000_000;

  private final Report report;
  private final VmClocks vm;
  private final Frames frames;
  private final Threads threadKinds;
  private final Thread mainThread;
  private final Set<Long> known = ConcurrentHashMap.newKeySet();
  private final Map<Long, Integer> looks = new HashMap<>();
  private final Set<Long> knownChildren = new HashSet<>();
  private final ChildPids childPids = new ChildPids();

  /** The safepoints the watchdog's own stack samples caused, and what they cost the loop. */
  private final ProbeSafepoints safepoints = new ProbeSafepoints();

  private volatile Thread watched;
  private volatile ThreadClock watchedClock;
  private volatile SampledBlock current;
  private volatile boolean idle;
  private volatile long deadlineNs = Long.MAX_VALUE;
  private volatile boolean mainEnded;
  private volatile Thread thread;
  private Runnable beforeDeadline = () -> {};

  Watchdog(Report report, VmClocks vm, Frames frames, Threads threadKinds, Thread mainThread) {
    this.report = report;
    this.vm = vm;
    this.frames = frames;
    this.threadKinds = threadKinds;
    this.mainThread = mainThread;
  }

  /** Starts the watchdog's thread, a daemon. */
  void start(Runnable atDeadline) {
    beforeDeadline = atDeadline;
    Thread t = new Thread(this, "workshop-probe-watchdog");
    t.setDaemon(true);
    threadKinds.probeThread(t);
    thread = t;
    t.start();
  }

  /** Samples {@code t} from now on; called on {@code t} itself. */
  void watch(Thread t) {
    watchedClock = ThreadClock.forTid(ThreadClock.currentTid());
    watched = t;
  }

  void deadlineFromNow(long deadlineMs) {
    deadlineNs = deadlineMs <= 0 ? Long.MAX_VALUE : report.now() + deadlineMs * 1_000_000L;
    LockSupport.unpark(thread);
  }

  void mainEnded() {
    mainEnded = true;
  }

  ProbeSafepoints safepoints() {
    return safepoints;
  }

  /**
   * A callback starts on the loop thread.
   *
   * @param wait0 the loop thread's time waiting for a CPU at {@code start}, ns, -1 when unknown
   */
  void callbackStarted(long id, long start, long wait0) {
    current = new SampledBlock(id, start, ThreadClock.portable() ? -1 : wait0, frames);
    if (idle) LockSupport.unpark(thread);
  }

  /** On the loop thread, as its callback ends: what was sampled is written now. */
  void callbackEnded() {
    SampledBlock b = current;
    current = null;
    if (b != null) b.flush(report, false);
  }

  /** The callback still running, written as unfinished (deadline or shutdown). */
  void flushUnfinished() {
    SampledBlock b = current;
    if (b != null) b.flush(report, true);
  }

  @Override
  public void run() {
    long nextScan = 0;
    long nextFlush = FLUSH_EVERY_NS;
    boolean deadlineTaken = false;
    for (; ; ) {
      long now = report.now();
      if (!deadlineTaken && now >= deadlineNs) {
        deadlineTaken = true;
        deadline();
      }
      if (now >= nextScan) {
        scanThreadsAndChildren();
        nextScan = now + THREAD_SCAN_EVERY_NS;
      }
      if (now >= nextFlush) {
        report.flush();
        nextFlush = now + FLUSH_EVERY_NS;
      }
      SampledBlock b = current;
      if (b == null) {
        idle = true;
        if (current == null) park(Math.min(THREAD_SCAN_EVERY_NS, Math.max(1, deadlineNs - now)));
        idle = false;
        continue;
      }
      long since = report.now() - b.start;
      if (since < SAMPLE_AFTER_MS * 1_000_000L) {
        park(SAMPLE_AFTER_MS * 1_000_000L - since);
        continue;
      }
      sample(b);
      // Dense samples while a block is young, fewer as it grows: a 1 s block costs about 200
      // samples, not 1000, and its picture is just as clear.
      park(Math.max(SAMPLE_EVERY_NS, since / 50));
      if (current != b) b.flush(report, false);
    }
  }

  /** The thread's CPU time in ns, or -1 when the JVM cannot tell. */
  private long cpuTime(long id) {
    try {
      return vm.threads.isThreadCpuTimeEnabled() ? vm.threads.getThreadCpuTime(id) : -1;
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  private static void park(long ns) {
    LockSupport.parkNanos(ns);
  }

  private void sample(SampledBlock b) {
    Thread loop = watched;
    ThreadClock clock = watchedClock;
    if (loop == null || b.flushed()) return;
    long before = vm.safepointsKnown() ? vm.pauseMillis() : 0;
    long syncBefore = vm.safepointSyncMillis();
    ThreadInfo info = vm.threads.getThreadInfo(loop.getId(), 256);
    if (vm.safepointsKnown()) {
      safepoints.sampled(vm.pauseMillis() - before, vm.safepointSyncMillis() - syncBefore, info);
    }
    if (info == null || current != b) return;
    long t = report.now();
    long cpu = -1;
    long wait = -1;
    if (clock != null && clock.available()) {
      clock.read();
      cpu = clock.onCpu();
      if (!ThreadClock.portable()) wait = clock.waiting(); // the portable one's stays 0 here
    }
    b.add(t, cpu, wait, info);
  }

  /** Threads of the solution's own (by identity, not by name), and child processes. */
  private void scanThreadsAndChildren() {
    for (Thread t : threadKinds.solutionThreads()) {
      long id = t.getId();
      if (known.contains(id)) continue;
      ThreadInfo info = vm.threads.getThreadInfo(id, 64);
      if (info == null) continue;
      StackTraceElement blamed = frames.blamed(info.getStackTrace());
      if (blamed != null) {
        report.write(
            ReportFormat.THREAD, t.getName(), report.now(), t.isDaemon(), Frames.describe(blamed));
        known.add(id);
      } else if (looks.merge(id, 1, Integer::sum) > 300) {
        known.add(id); // three seconds without a frame of the solution's: a helper of the JDK's
      }
    }
    try {
      for (long pid : childPids.now()) {
        if (!knownChildren.add(pid)) continue;
        report.write(
            ReportFormat.SPAWN,
            report.now(),
            pid,
            ProcessHandle.of(pid)
                .map(p -> p.info().commandLine().orElse(p.info().command().orElse("?")))
                .orElse("?"));
      }
    } catch (RuntimeException e) {
      // process listing is best effort
    }
  }

  /** Just before the verifier's timeout: say what every interesting thread is stuck on. */
  private void deadline() {
    flushUnfinished();
    beforeDeadline.run();
    long[] deadlocked = vm.threads.findDeadlockedThreads();
    if (deadlocked != null) {
      StringBuilder cycle = new StringBuilder();
      for (ThreadInfo i : vm.threads.getThreadInfo(deadlocked, true, true)) {
        if (i == null) continue;
        if (cycle.length() > 0) cycle.append('\n');
        LockInfo lock = i.getLockInfo();
        cycle
            .append('"')
            .append(i.getThreadName())
            .append("\" at ")
            .append(Frames.describe(frames.blamed(i.getStackTrace())))
            .append(" waits for ")
            .append(lock == null ? "a lock" : lock.toString())
            .append(", held by \"")
            .append(i.getLockOwnerName())
            .append('"');
      }
      report.write(ReportFormat.DEADLOCK, report.now(), cycle);
    }
    // A thread in a selector or a socket read is RUNNABLE to the JVM: whether it used the CPU
    // over a short window tells waiting for I/O from computing, as the samples do.
    Map<Long, Long> cpuBefore = new HashMap<>();
    for (long id : vm.threads.getAllThreadIds()) cpuBefore.put(id, cpuTime(id));
    long windowStart = report.now();
    park(DEADLINE_CPU_WINDOW_NS);
    for (ThreadInfo i : vm.threads.dumpAllThreads(true, true)) {
      String name = i.getThreadName();
      boolean interesting =
          i.getThreadId() == mainThread.getId()
              || (mainEnded && !i.isDaemon() && !name.equals("DestroyJavaVM"));
      if (!interesting) continue;
      long before = cpuBefore.getOrDefault(i.getThreadId(), -1L);
      long after = cpuTime(i.getThreadId());
      boolean usedCpu =
          before < 0 || after < 0
              ? i.getThreadState() == Thread.State.RUNNABLE
              : (after - before) * 4 > report.now() - windowStart;
      BlockKind kind = Frames.classify(i, usedCpu);
      String detail = i.getLockOwnerName() == null ? "" : "held by " + i.getLockOwnerName();
      if (Frames.isLoopPoll(i.getStackTrace())) {
        kind = BlockKind.WAITING;
        detail = "idle in the event loop, waiting for I/O, a timer or pool work to finish";
      }
      report.write(
          mainEnded && i.getThreadId() != mainThread.getId()
              ? ReportFormat.ALIVE
              : ReportFormat.STUCK,
          report.now(),
          name,
          i.getThreadState(),
          kind.code(),
          Frames.describe(frames.blamed(i.getStackTrace())),
          detail);
    }
    report.write(ReportFormat.END, report.now(), "deadline");
    report.flush();
  }
}
