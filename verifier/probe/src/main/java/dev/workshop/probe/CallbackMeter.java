package dev.workshop.probe;

/**
 * Measures the loop thread's callbacks, on the loop thread itself: wall time, time on a CPU, time
 * waiting for a CPU (Linux schedstat), VM pauses, garbage collection and the bytes the loop thread
 * allocated meanwhile (to tell whose collection it was), and the runtime's own time (starting the
 * pool) inside the callback. One {@code cb} record per callback.
 *
 * <p>The solution's {@code main} before {@code loop.run()} is measured the same way, as callback 0
 * of kind {@code MAIN}: Node runs the main script before the loop, and a script that blocks delays
 * everything after it.
 */
final class CallbackMeter {
  static final int MAX_CALLBACK_RECORDS = 200_000;

  /** The pseudo-callback for the solution's main method before the loop runs. */
  static final String MAIN_KIND = "MAIN";

  private final Report report;
  private final VmClocks vm;
  private final Watchdog watchdog;

  // Written on the measured thread only (the two volatile ones are read by the watchdog too).
  private volatile Thread measured;
  private ThreadClock clock;
  private volatile boolean inCallback;
  private boolean loopBound;
  private volatile long measuredTid = -1;
  private long id;
  private String kind;
  private String site;
  private long start;
  private long cpu0;
  private long wait0;
  private long pause0;
  private long sync0;
  private long probePause0;
  private long probeHeld0;
  private long probeIdleSync0;
  private long gc0;
  private long alloc0;
  private long runtimeNs;
  private long windowStart = -1;

  /** How many runtime-work windows are open: one nested in another counts with the outer one. */
  private int windowDepth;

  private long windowWait0;
  private long windowPause0;
  private long outputStart = -1;
  private long outputCpu0;
  private long outputWait0;
  private long outputPause0;
  private int records;
  private int dropped;
  // Exact waits on the measured thread inside the current callback: site -> [kind ordinal, ns].
  private final java.util.Map<Integer, long[]> waits = new java.util.HashMap<>();
  private long waitStart = -1;
  // Busy-wait calls on the measured thread inside the current callback (see PollHooks).
  private long polls;

  /** The loop thread's CPU time at its first poll in the current callback, ns; -1 when unknown. */
  private long pollCpu0 = -1;

  private long pollFirst;
  private long pollLast;
  private int pollSite;

  CallbackMeter(Report report, VmClocks vm, Watchdog watchdog) {
    this.report = report;
    this.vm = vm;
    this.watchdog = watchdog;
  }

  /** Measures the calling thread (the main script's), until a loop starts. */
  void measureMain(Thread thread) {
    if (measured != null) return;
    bind(thread);
  }

  /**
   * A loop started on the calling thread: the first loop's thread is measured from now on. When
   * that is not the main script's thread, the main script's measurement is dropped.
   */
  void measureLoop(Thread thread) {
    if (loopBound) return;
    loopBound = true;
    if (thread == measured) {
      end(); // the main script is over
      return;
    }
    inCallback = false;
    bind(thread);
  }

  /** The Linux thread id of the measured thread, -1 while unknown. */
  long measuredTid() {
    return measuredTid;
  }

  private void bind(Thread thread) {
    measuredTid = ThreadClock.currentTid();
    clock = ThreadClock.forCurrentThread();
    watchdog.watch(thread);
    measured = thread;
  }

  Thread measured() {
    return measured;
  }

  boolean inCallback() {
    return inCallback;
  }

  /** A callback starts on the calling thread; ignored unless it is the measured thread. */
  void begin(long callbackId, String callbackKind, String callSite) {
    if (Thread.currentThread() != measured || inCallback) return;
    pause0 = vm.pauseMillis();
    sync0 = vm.safepointSyncMillis();
    gc0 = vm.gcMillis();
    ProbeSafepoints probe = watchdog.safepoints();
    probePause0 = probe.pauseMillis();
    probeHeld0 = probe.heldMillis();
    probeIdleSync0 = probe.idleSyncMillis();
    alloc0 = vm.allocatedByCurrentThread();
    runtimeNs = 0;
    windowStart = -1;
    windowDepth = 0;
    outputStart = -1;
    waits.clear();
    waitStart = -1;
    clock.blocking(false);
    polls = 0;
    pollCpu0 = -1;
    id = callbackId;
    kind = callbackKind;
    site = callSite;
    // The thread's clock is read right beside the callback's start, nothing in between: a wait
    // for a CPU that ended between the two would be subtracted from a wall time it is not in.
    clock.read();
    cpu0 = clock.onCpu();
    wait0 = clock.waiting();
    start = report.now();
    inCallback = true;
    watchdog.callbackStarted(callbackId, start, wait0);
  }

  /** The callback begun last ends; ignored unless on the measured thread. */
  void end() {
    if (Thread.currentThread() != measured || !inCallback) return;
    long end = report.now();
    clock.read(); // before anything that may block (the watchdog's flush below takes a lock)
    inCallback = false;
    // The loop thread writes what the watchdog saw itself: the JVM may exit right after this
    // callback, before the watchdog wakes up again.
    watchdog.callbackEnded();
    long cpu = cpu0 < 0 ? -1 : clock.onCpu() - cpu0;
    long pollCpu = pollCpu0 < 0 || cpu0 < 0 ? -1 : clock.onCpu() - pollCpu0;
    long wait = wait0 < 0 ? -1 : clock.waiting() - wait0;
    // What the thread waited for a CPU fits in its wall time beside its own CPU time. The reads
    // sit right beside the timestamps, but a wait that ends in the few microseconds between them
    // would still count whole: never let it make the learner's CPU time disappear.
    if (wait > 0) wait = Math.min(wait, Math.max(0, (end - start) - Math.max(0, cpu)));
    long gc = Math.max(0, vm.gcMillis() - gc0) * 1_000_000L;
    long pause = vmPauses(end - start, cpu, wait, gc);
    long alloc = alloc0 < 0 ? -1 : vm.allocatedByCurrentThread() - alloc0;
    long eden = gc > 0 ? vm.edenBytes() : -1;
    if (records++ >= MAX_CALLBACK_RECORDS) {
      dropped++;
      return;
    }
    report.write(
        ReportFormat.CALLBACK,
        id,
        kind,
        site,
        start,
        end,
        cpu,
        wait,
        pause,
        1,
        gc,
        alloc,
        eden,
        runtimeNs);
    writeWaits();
    writeSpin(pollCpu);
  }

  /**
   * The main script ends here, when the calling thread is the main script's and still runs it
   * (it called System.exit before any loop ran); otherwise nothing happens.
   */
  void endMainScript() {
    if (Thread.currentThread() == measured && inCallback && MAIN_KIND.equals(kind)) end();
  }

  /**
   * The measured thread made a call that busy waits repeat (from the woven code), returning at
   * {@code at} ({@link System#nanoTime()}): counted per callback, with the times of the first and
   * the last.
   */
  void polled(int site, long at) {
    if (Thread.currentThread() != measured || !inCallback) return;
    long now = report.at(at);
    if (polls++ == 0) {
      pollFirst = now;
      pollSite = site;
      // Once per callback: the density of a busy wait is per ms of the CPU it had while polling.
      clock.read();
      pollCpu0 = cpu0 < 0 ? -1 : clock.onCpu();
    }
    pollLast = now;
  }

  /** @param cpu the loop thread's CPU time from the first poll to the callback's end, or -1 */
  private void writeSpin(long cpu) {
    if (polls >= ReportFormat.SPIN_MIN_POLLS) {
      report.write(
          ReportFormat.SPIN,
          id,
          polls,
          pollFirst,
          pollLast,
          cpu,
          dev.workshop.probe.weave.Sites.get(pollSite).describe());
    }
  }

  private void writeWaits() {
    for (java.util.Map.Entry<Integer, long[]> e : waits.entrySet()) {
      long[] v = e.getValue();
      if (v[1] >= 1_000_000L) {
        report.write(
            ReportFormat.WAIT,
            id,
            BlockKind.values()[(int) v[0]].code(),
            v[1],
            dev.workshop.probe.weave.Sites.get(e.getKey()).describe());
      }
    }
  }

  /** The measured thread enters a blocking call of the solution's (from the woven code). */
  void waitStarted() {
    if (Thread.currentThread() != measured || !inCallback) return;
    clock.blocking(true);
    waitStart = System.nanoTime();
  }

  /** The blocking call returned (or threw): its time is added to the callback's exact waits. */
  void waitEnded(BlockKind kind, int site) {
    if (Thread.currentThread() != measured || !inCallback || waitStart < 0) return;
    clock.blocking(false);
    long ns = System.nanoTime() - waitStart;
    waitStart = -1;
    long[] v =
        waits.get(site); // no lambda here: its first use would cost the callback class loading
    if (v == null) {
      v = new long[] {kind.ordinal(), 0};
      waits.put(site, v);
    }
    v[1] += ns;
  }

  /**
   * The VM pauses of the callback (ns) that are not the callback's: collections (whoever made the
   * garbage: the verifier charges the loop thread's own, see {@code gc}), and the part of the
   * callback the loop thread was held at other safepoints. While the JVM brings every thread to a
   * stop (for a collection, a deoptimisation, a stack sample of the watchdog's), a thread that is
   * already stopped, or asks for the stop, waits until the slowest one gets there; on a busy
   * machine with computing workers that took 30 to 130 ms. Those safepoints, their operations
   * and the time to reach them, are forgiven only as far as the loop thread was neither on a CPU,
   * nor waiting for one, nor in a blocking call of the solution's, nor in the runtime's own work;
   * the watchdog's own samples only when they found the loop thread running ({@link
   * ProbeSafepoints#forgivenNs}).
   */
  private long vmPauses(long wall, long cpu, long wait, long gc) {
    ProbeSafepoints probe = watchdog.safepoints();
    long pauseMs = Math.max(0, vm.pauseMillis() - pause0);
    long probeMs = Math.max(0, probe.pauseMillis() - probePause0);
    long othersMs = Math.max(0, pauseMs - probeMs);
    // A collection is a safepoint too: counted once, as a collection. Where the JVM tells no
    // safepoint time, pauseMillis is the collections' time and nothing else is forgiven.
    long gcPause = Math.min(othersMs * 1_000_000L, gc);
    long otherSafepointsMs = Math.max(0, othersMs - gc / 1_000_000L);
    long blocked = 0;
    for (long[] v : waits.values()) blocked += v[1];
    return gcPause
        + ProbeSafepoints.forgivenNs(
            wall,
            cpu,
            wait,
            gcPause,
            blocked,
            runtimeNs,
            Math.max(0, vm.safepointSyncMillis() - sync0),
            probe.idleSyncMillis() - probeIdleSync0,
            otherSafepointsMs + (probe.heldMillis() - probeHeld0));
  }

  /** Writes the callback still running as unfinished (at the deadline, or at shutdown). */
  void writeUnfinished() {
    if (!inCallback) return;
    report.write(
        ReportFormat.CALLBACK,
        id,
        kind,
        site,
        start,
        report.now(),
        -1,
        -1,
        0,
        0,
        0,
        -1,
        -1,
        runtimeNs);
    if (waitStart >= 0) {
      // still inside a blocking call: it counts up to now (read from another thread: best effort)
      report.write(ReportFormat.WAIT, id, "unfinished", System.nanoTime() - waitStart, "");
    }
    writeWaits();
    writeSpin(-1);
  }

  int dropped() {
    return dropped;
  }

  /**
   * The runtime starts its pool, or walks the stack to find the caller's line for the probe, or
   * the solution's code waits for the operating system to start a thread or a process, on the
   * calling thread: the time until {@link #runtimeWorkEnded} is not the callback's. A window opened
   * inside another (or inside a write to standard output) counts with the outer one, once.
   */
  void runtimeWorkStarted() {
    if (Thread.currentThread() != measured || !inCallback) return;
    if (windowDepth++ > 0 || outputStart >= 0) return;
    // The window opens before the reads, and closes after them: their cost is the probe's too.
    // The wait for a CPU is read inside it, so it never exceeds the window.
    windowStart = report.now();
    windowPause0 = vm.gcMillis();
    clock.read();
    windowWait0 = clock.waiting();
  }

  /**
   * The measured thread starts writing the program's standard output (from {@link
   * StdoutRecorder}): a write to a pipe the verifier, or the parent JVM of a fork, reads. Until
   * {@link #outputEnded}, the time the thread was neither on a CPU, nor waiting for one, nor
   * paused, is the pipe's and its reader's, not the callback's: on a busy machine a cluster
   * worker's one-line print blocked its loop thread for 48 to 150 ms. Its CPU time stays
   * charged, and an idle machine's verdict is the same.
   */
  void outputStarted() {
    if (Thread.currentThread() != measured || !inCallback || windowStart >= 0) return;
    outputPause0 = vm.gcMillis();
    clock.read();
    outputCpu0 = clock.onCpu();
    outputWait0 = clock.waiting();
    outputStart = report.now();
  }

  /** The write begun by {@link #outputStarted} returned (or threw). */
  void outputEnded() {
    if (Thread.currentThread() != measured || !inCallback || outputStart < 0) return;
    long wall = report.now() - outputStart;
    outputStart = -1;
    clock.read();
    if (outputCpu0 < 0 || clock.onCpu() < 0) return; // without the CPU time, nothing is forgiven
    long cpu = Math.max(0, clock.onCpu() - outputCpu0);
    long wait = outputWait0 < 0 ? 0 : Math.max(0, clock.waiting() - outputWait0);
    long pause = Math.max(0, vm.gcMillis() - outputPause0) * 1_000_000L;
    // CPU wait and collections are subtracted for the whole callback already: only the rest.
    runtimeNs += Math.max(0, wall - cpu - wait - pause);
  }

  void runtimeWorkEnded() {
    if (Thread.currentThread() != measured || !inCallback || windowDepth == 0) return;
    if (--windowDepth > 0 || windowStart < 0) return;
    clock.read();
    long pause = Math.max(0, vm.gcMillis() - windowPause0) * 1_000_000L;
    long wall = report.now() - windowStart;
    long wait = windowWait0 < 0 ? 0 : Math.min(wall, Math.max(0, clock.waiting() - windowWait0));
    // CPU wait and collections are subtracted for the whole callback already: only the rest
    // (other safepoints in the window are the runtime's time with the rest).
    runtimeNs += Math.max(0, wall - wait - pause);
    windowStart = -1;
  }
}
