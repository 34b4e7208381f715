package dev.workshop.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock where Linux's schedstat is missing (macOS, Windows) or the portable one is forced:
 * the time on a CPU is the JDK's per-thread CPU time ({@link ThreadMXBean#getThreadCpuTime}); the
 * time waiting for a CPU is estimated, read by read, as the time the thread was runnable ({@link
 * RunnableMeter}) minus its time on a CPU, never more than the time it was off a CPU. So a
 * callback is never charged less than its own CPU time, and time asleep, parked, waiting for a
 * lock or in a blocking call the woven code times is never forgiven; time blocked in native code
 * the weaver does not know (it looks runnable to the JVM) is.
 *
 * <p>Only the clock of the thread the meter watches (the last one that asked for its own clock:
 * the loop thread) estimates a wait; other clocks report a wait of 0.
 */
final class PortableClock extends ThreadClock {
  private static volatile ThreadMXBean mx;

  private final long threadId;
  private final RunnableMeter.Target target;
  private long onCpu = -1;
  private long waiting = -1;
  private long lastWall;
  private long lastCpu;
  private long lastRunnable;

  PortableClock(long threadId, RunnableMeter.Target target) {
    this.threadId = threadId;
    this.target = target;
  }

  /** The calling thread's clock; the meter watches this thread from now on. */
  static PortableClock forCurrentThread() {
    Thread t = Thread.currentThread();
    return new PortableClock(t.getId(), RunnableMeter.watch(t));
  }

  private static ThreadMXBean mx() {
    ThreadMXBean m = mx;
    if (m == null) mx = m = ManagementFactory.getThreadMXBean();
    return m;
  }

  @Override
  boolean available() {
    try {
      return mx().isThreadCpuTimeSupported() && mx().isThreadCpuTimeEnabled();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  synchronized void read() {
    long cpu;
    try {
      cpu =
          Thread.currentThread().getId() == threadId
              ? mx().getCurrentThreadCpuTime()
              : mx().getThreadCpuTime(threadId);
    } catch (RuntimeException e) {
      cpu = -1;
    }
    long now = System.nanoTime();
    long runnable = target == null ? 0 : target.runnableNs();
    if (cpu < 0) {
      onCpu = -1;
      waiting = -1;
      return;
    }
    if (onCpu < 0) {
      waiting = 0;
    } else {
      long wall = now - lastWall;
      long ran = Math.max(0, cpu - lastCpu);
      long offCpu = Math.max(0, wall - ran);
      waiting += Math.min(offCpu, Math.max(0, (runnable - lastRunnable) - ran));
    }
    onCpu = cpu;
    lastCpu = cpu;
    lastWall = now;
    lastRunnable = runnable;
  }

  @Override
  synchronized long onCpu() {
    return onCpu;
  }

  @Override
  synchronized long waiting() {
    return waiting;
  }

  @Override
  void blocking(boolean inCall) {
    if (target != null) target.blocking(inCall);
  }
}
