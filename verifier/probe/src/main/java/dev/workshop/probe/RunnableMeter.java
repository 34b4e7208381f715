package dev.workshop.probe;

import java.util.concurrent.locks.LockSupport;

/**
 * For the portable clock: how long the watched thread (the loop thread) was runnable, that is on a
 * CPU or ready for one. A daemon thread wakes every {@value #TICK_MS} ms and reads the watched
 * thread's state (a {@link java.lang.management.ThreadInfo} without a stack: no safepoint); the
 * time since its last wake-up counts as runnable when the thread is {@code RUNNABLE}, not in
 * native code (a blocking read, a DNS lookup: the JVM calls such a thread {@code RUNNABLE} too)
 * and not inside a blocking call the woven code times, minus the VM's pauses meanwhile (a thread
 * stopped at a safepoint still looks runnable, and pauses are forgiven on their own). Time in
 * native code is thus never forgiven, even when it computed on a busy machine: the estimate errs
 * towards charging.
 *
 * <p>A sampled estimate: a state that changed between two wake-ups is counted from the later one,
 * so each change costs up to a tick of error either way. It wakes a thousand times a second, about
 * 1% of a core; it starts only where the portable clock is in use.
 */
final class RunnableMeter implements Runnable {
  static final int TICK_MS = 1;

  /** One watched thread and its runnable time so far. */
  static final class Target {
    private final Thread thread;
    private volatile long runnableNs;
    private volatile boolean blocking;

    Target(Thread thread) {
      this.thread = thread;
    }

    long runnableNs() {
      return runnableNs;
    }

    void blocking(boolean inCall) {
      blocking = inCall;
    }
  }

  private static volatile Target watched;
  private final VmClocks vm;

  private RunnableMeter(VmClocks vm) {
    this.vm = vm;
  }

  /** Watches {@code t} from now on (instead of the thread watched so far). */
  static Target watch(Thread t) {
    Target target = new Target(t);
    watched = target;
    return target;
  }

  static void start(Threads threads, VmClocks vm) {
    Thread t = new Thread(new RunnableMeter(vm), "workshop-probe-clock");
    t.setDaemon(true);
    threads.probeThread(t);
    t.start();
  }

  @Override
  public void run() {
    long last = System.nanoTime();
    long pauses = pausesMs();
    for (; ; ) {
      LockSupport.parkNanos(TICK_MS * 1_000_000L);
      long now = System.nanoTime();
      long p = pausesMs();
      Target t = watched;
      if (t != null && !t.blocking && runnable(t.thread)) {
        t.runnableNs += Math.max(0, (now - last) - (p - pauses) * 1_000_000L);
      }
      last = now;
      pauses = p;
    }
  }

  /** Whether {@code t} is runnable and not in native code (where the JVM can tell). */
  private boolean runnable(Thread t) {
    if (vm == null) return t.getState() == Thread.State.RUNNABLE;
    java.lang.management.ThreadInfo info = vm.threads.getThreadInfo(t.getId(), 0);
    return info != null && info.getThreadState() == Thread.State.RUNNABLE && !info.isInNative();
  }

  private long pausesMs() {
    return vm == null ? 0 : vm.pauseMillis() + vm.safepointSyncMillis();
  }
}
