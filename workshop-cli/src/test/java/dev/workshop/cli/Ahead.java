package dev.workshop.cli;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A verify started ahead of the test that checks it: the fixture suite queues every verify when
 * its tests are made, and a scheduler starts them, each the same in-process {@code workshop
 * verify} a learner types. Most of a verify's time is waiting (for the solution's timers, for a
 * program that never ends to reach its timeout, for its child JVM to start), so running several
 * at once takes far less time and hardly more CPU.
 *
 * <p>How many run at once: {@code -Dworkshop.fixtures.parallel=N} fixes it (CI's passes under a
 * named load set 1, so that each verify is judged under that load). Otherwise the scheduler is
 * adaptive, as {@code make -l} but on the CPU's use rather than the load average: it starts
 * another verify while the machine's CPUs were less than {@link #BUSY} busy over the last moment,
 * up to {@link #MAX} at once, and always keeps one running. On a busy machine that is one at a
 * time, as before; on an idle one, as many as keep the CPUs busy without crowding them.
 *
 * @param <T> what the work gives
 */
final class Ahead<T> implements Comparable<Ahead<?>> {
  /** The fixed number of verifies at a time, or 0 for the adaptive scheduler. */
  static final int FIXED = Math.max(0, Integer.getInteger("workshop.fixtures.parallel", 0));

  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /**
   * The adaptive scheduler's most verifies at once: 3 per core, and no more than 8 (a verify may
   * hold several JVMs of a quarter of a GB at most each: CLUSTER's primary and its workers).
   */
  static final int MAX = Math.min(8, Math.max(2, 3 * CORES));

  /** The adaptive scheduler starts another verify only while the CPUs are less busy than this. */
  static final double BUSY = 0.7;

  /**
   * After a start, how long before the next: a verify's JVM takes about this long to boot and
   * show its CPU use, which the next decision must see.
   */
  private static final long SETTLE_MS = 400;

  private static final PriorityBlockingQueue<Ahead<?>> QUEUE = new PriorityBlockingQueue<>();
  private static final AtomicLong ORDER = new AtomicLong();

  /** Permits for verifies running: taken at a start, given back at an end. */
  private static final Semaphore ENDED = new Semaphore(0);

  private static volatile Thread scheduler;

  private final Callable<T> work;
  private final long priority;
  private final long order = ORDER.getAndIncrement();
  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Ahead(Callable<T> work, long priority) {
    this.work = work;
    this.priority = priority;
  }

  /** Queues {@code work} behind the work queued before it. */
  static <T> Ahead<T> run(Callable<T> work) {
    return run(work, 0);
  }

  /**
   * Queues {@code work}; work with a higher {@code priority} starts first (the fixtures give their
   * exercise's timeout, so that the runs that may last longest do not start last and hold up the
   * end), else in the order queued.
   */
  static <T> Ahead<T> run(Callable<T> work, long priority) {
    Ahead<T> ahead = new Ahead<>(work, priority);
    QUEUE.add(ahead);
    startScheduler();
    return ahead;
  }

  @Override
  public int compareTo(Ahead<?> o) {
    int byPriority = Long.compare(o.priority, priority);
    return byPriority != 0 ? byPriority : Long.compare(order, o.order);
  }

  /** What the work gave, once it is done; what it threw, thrown again. */
  T get() throws Exception {
    try {
      return result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) throw cause;
      if (e.getCause() instanceof Error error) throw error;
      throw e;
    }
  }

  private void start() {
    Thread t =
        new Thread(
            () -> {
              try {
                result.complete(work.call());
              } catch (Throwable e) {
                result.completeExceptionally(e);
              } finally {
                ENDED.release();
              }
            },
            "fixture-verify");
    t.setDaemon(true);
    t.start();
  }

  private static synchronized void startScheduler() {
    if (scheduler != null) return;
    scheduler = new Thread(Ahead::schedule, "fixture-scheduler");
    scheduler.setDaemon(true);
    scheduler.start();
  }

  /** Starts queued work for the rest of the JVM's life. */
  private static void schedule() {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int running = 0;
    long lastStart = 0;
    try {
      for (; ; ) {
        while (ENDED.tryAcquire()) running--;
        if (running == 0) {
          QUEUE.take().start(); // waits for work to be queued
        } else if (QUEUE.isEmpty() || running >= (FIXED > 0 ? FIXED : MAX)) {
          // Full, or nothing to start: wait for one to end (or, for a bounded time, for more work).
          if (ENDED.tryAcquire(250, TimeUnit.MILLISECONDS)) running--;
          continue;
        } else if (FIXED == 0) {
          long settled = lastStart + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS) - System.nanoTime();
          if (settled > 0) {
            if (ENDED.tryAcquire(settled, TimeUnit.NANOSECONDS)) running--;
            continue;
          }
          double busy = os.getCpuLoad(); // since the previous call: the last moment's use
          if (busy < 0) { // not measured here: the load average, per core, instead
            busy = os.getSystemLoadAverage() / CORES / 1.5;
          }
          if (busy < 0 || busy >= BUSY) {
            if (ENDED.tryAcquire(250, TimeUnit.MILLISECONDS)) running--;
            continue;
          }
          Ahead<?> next = QUEUE.poll();
          if (next == null) continue;
          next.start();
        } else {
          Ahead<?> next = QUEUE.poll();
          if (next == null) continue;
          next.start();
        }
        running++;
        lastStart = System.nanoTime();
        if (FIXED == 0) os.getCpuLoad(); // the next decision measures from this start
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
