package dev.workshop.probe;

import java.util.concurrent.locks.LockSupport;

/**
 * Notices when no thread of this JVM ran: the process was stopped (SIGSTOP, Ctrl-Z), told by a
 * late heartbeat and confirmed by the SIGCONT that ended the stop. A daemon thread parks for
 * {@value #BEAT_MS} ms at a time; a wake-up later than {@value #STALL_MS} ms that neither its own
 * wait for a CPU (schedstat) nor a collection explains is a {@code stall}, but only as long as the
 * loop thread too neither ran nor waited for a CPU meanwhile (a loop thread that made progress was
 * not stopped). The verifier counts a stall only when a SIGCONT ({@code cont} record) ends it: a
 * long safepoint on a busy machine looks the same to the heartbeat. That time is nobody's fault in
 * the solution. It needs schedstat (Linux): elsewhere a late wake-up cannot be told from a busy
 * machine, and nothing is reported.
 */
final class StallDetector implements Runnable {
  static final int BEAT_MS = 5;
  static final int STALL_MS = 20;

  private final Report report;
  private final VmClocks vm;
  private final java.util.function.LongSupplier loopTid;
  private long tid = -1;
  private ThreadClock loop;

  private StallDetector(Report report, VmClocks vm, java.util.function.LongSupplier loopTid) {
    this.report = report;
    this.vm = vm;
    this.loopTid = loopTid;
  }

  /**
   * Starts the detector where schedstat exists.
   *
   * @param loopTid the Linux thread id of the loop thread, -1 while unknown
   */
  static void start(
      Report report, VmClocks vm, Threads threads, java.util.function.LongSupplier loopTid) {
    if (ThreadClock.portable() || !ThreadClock.forCurrentThread().available()) return;
    Thread t = new Thread(new StallDetector(report, vm, loopTid), "workshop-probe-stalls");
    t.setDaemon(true);
    threads.probeThread(t);
    t.start();
  }

  /**
   * Runs {@code action} each time the JVM gets SIGCONT, on the JDK's signal thread: a stopped JVM
   * runs again. A late heartbeat alone cannot tell a stop from a long safepoint on a busy machine
   * (every thread held while the slowest one, waiting for a CPU, reaches it), and a sleeping loop
   * thread makes no progress in either; a stop ends with SIGCONT. Through reflection: {@code
   * sun.misc.Signal} is the JDK's unsupported API, and where it refuses the signal, nothing is
   * installed and no stall will be counted.
   */
  private static void onSigcont(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object handler =
          java.lang.reflect.Proxy.newProxyInstance(
              StallDetector.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "handle" -> action.run();
                  case "hashCode" -> {
                    return System.identityHashCode(proxy);
                  }
                  case "equals" -> {
                    return proxy == args[0];
                  }
                  case "toString" -> {
                    return "workshop-probe-sigcont";
                  }
                  default -> {}
                }
                return null;
              });
      signal
          .getMethod("handle", signal, handlerType)
          .invoke(null, signal.getConstructor(String.class).newInstance("CONT"), handler);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // no SIGCONT handler: stalls go uncounted, never wrongly forgiven
    }
  }

  @Override
  public void run() {
    // Here, not on main: the handler's proxy class costs 15 to 20 ms in a fresh JVM.
    onSigcont(() -> report.write(ReportFormat.CONT, report.now()));
    ThreadClock clock = ThreadClock.forCurrentThread();
    long beat = BEAT_MS * 1_000_000L;
    // Each window starts where the one before ended, so a stop that lands while the heartbeat
    // reads its clocks (not parked) still falls in a window.
    ThreadClock loopClock = loopClock();
    clock.read();
    long wait0 = clock.waiting();
    long loop0 = progress(loopClock);
    // Collections only: a stop of the whole JVM that overlaps a safepoint lengthens the
    // safepoint's counters by the stop, which would then explain it away. A safepoint that held
    // the loop thread is forgiven by the meter (and a stall never eats a callback's CPU time).
    long pause0 = vm.gcMillis();
    long before = report.now();
    for (; ; ) {
      LockSupport.parkNanos(beat);
      long after = report.now();
      clock.read();
      long wait1 = clock.waiting();
      long loop1 = progress(loopClock);
      long pause1 = vm.gcMillis();
      long late = after - before - beat;
      if (late >= STALL_MS * 1_000_000L) {
        long pauses = Math.max(0, pause1 - pause0) * 1_000_000L;
        long stall = late - Math.max(0, wait1 - wait0) - pauses;
        if (loop0 >= 0 && loop1 >= 0)
          stall = Math.min(stall, (after - before) - Math.max(0, loop1 - loop0));
        if (stall >= STALL_MS * 1_000_000L) report.write(ReportFormat.STALL, after - stall, after);
      }
      ThreadClock next = loopClock();
      if (next != loopClock) {
        loopClock = next;
        loop1 = progress(loopClock);
      }
      before = after;
      wait0 = wait1;
      loop0 = loop1;
      pause0 = pause1;
    }
  }

  private ThreadClock loopClock() {
    long now = loopTid.getAsLong();
    if (now != tid) {
      tid = now;
      loop = now < 0 ? null : ThreadClock.forTid(now);
    }
    return loop;
  }

  /** The loop thread's time on a CPU plus its time waiting for one, in ns; -1 when unknown. */
  private static long progress(ThreadClock c) {
    if (c == null || !c.available()) return -1;
    c.read();
    return c.onCpu() < 0 ? -1 : c.onCpu() + c.waiting();
  }
}
