package dev.workshop.runtime;

import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide pool of worker threads that runs slow work off the loop thread: libuv's
 * thread pool, the one behind Node's {@code fs}, {@code crypto.pbkdf2}, {@code zlib} and native
 * addons' {@code uv_queue_work}.
 *
 * <p>Like libuv's pool it
 *
 * <ul>
 *   <li>is shared by every loop in the program (get it with {@link EventLoop#pool()});
 *   <li>has {@value #DEFAULT_SIZE} threads by default and at most {@value #MAX_SIZE}; the size
 *       comes from the environment variable {@code WORKSHOP_THREADPOOL_SIZE} (libuv's
 *       {@code UV_THREADPOOL_SIZE}) or from {@link #setSize(int)};
 *   <li>starts its threads only on first use (the first {@code queueWork}, {@code readFile},
 *       {@code fs()} call or {@code lookup}), and from then on its size is fixed;
 *   <li>names its threads {@code pool-1} ... {@code pool-N}; they are daemon threads, so they
 *       never keep the JVM alive;
 *   <li>runs jobs first in, first out: when all threads are busy, new jobs wait in a queue
 *       ({@link #queueLength()}).
 * </ul>
 */
public final class ThreadPool {
  /** The number of threads when nothing else is configured: 4, as in libuv. */
  public static final int DEFAULT_SIZE = 4;

  /**
   * The largest allowed size: 1024, libuv's limit for {@code UV_THREADPOOL_SIZE} since libuv
   * 1.30.0 (2019). It was 128 before, in goingnative's day.
   */
  public static final int MAX_SIZE = 1024;

  /** The environment variable that sets the size, like libuv's {@code UV_THREADPOOL_SIZE}. */
  public static final String SIZE_VARIABLE = "WORKSHOP_THREADPOOL_SIZE";

  private static final ThreadPool SHARED = new ThreadPool();
  private static final AtomicLong JOB_IDS = new AtomicLong();

  // All guarded by SHARED's monitor.
  private static int requestedSize;
  private int size;
  private int running;
  private final ArrayDeque<Task> queue = new ArrayDeque<>();

  private ThreadPool() {}

  /** The one pool of this program (the same object as {@link EventLoop#pool()}). */
  static ThreadPool shared() {
    return SHARED;
  }

  /**
   * Sets the number of pool threads, from code. Call it before the first {@code queueWork} or
   * {@code readFile}: in Node you set {@code UV_THREADPOOL_SIZE} before the pool starts for the
   * same reason. It overrides {@code WORKSHOP_THREADPOOL_SIZE}.
   *
   * @param n the number of threads, 1 to {@value #MAX_SIZE}
   * @throws IllegalArgumentException when {@code n} is out of range
   * @throws IllegalStateException when the pool already started: its size can no longer change
   */
  public static void setSize(int n) {
    if (n < 1 || n > MAX_SIZE) {
      throw new IllegalArgumentException(
          "ThreadPool.setSize("
              + n
              + "): the thread pool size must"
              + " be from 1 to "
              + MAX_SIZE
              + " (the default is "
              + DEFAULT_SIZE
              + ")");
    }
    synchronized (SHARED) {
      if (SHARED.size > 0) {
        throw new IllegalStateException(
            "ThreadPool.setSize("
                + n
                + "): the thread pool already"
                + " started with "
                + SHARED.size
                + " threads, and a running pool cannot change size."
                + " Call ThreadPool.setSize before the first queueWork or readFile.");
      }
      requestedSize = n;
    }
  }

  /**
   * The number of pool threads: the running pool's size once it started, otherwise the size it
   * will start with ({@link #setSize(int)}, else {@code WORKSHOP_THREADPOOL_SIZE}, else
   * {@value #DEFAULT_SIZE}).
   *
   * @return the pool size
   * @throws IllegalStateException when {@code WORKSHOP_THREADPOOL_SIZE} holds an invalid value;
   *     the message names the variable, the value and the valid range
   */
  public static int size() {
    synchronized (SHARED) {
      if (SHARED.size > 0) return SHARED.size;
      if (requestedSize > 0) return requestedSize;
    }
    return parseSize(System.getenv(SIZE_VARIABLE));
  }

  /** Parses a value of {@code WORKSHOP_THREADPOOL_SIZE}; {@code null} or blank means unset. */
  static int parseSize(String envValue) {
    if (envValue == null || envValue.isBlank()) return DEFAULT_SIZE;
    int n;
    try {
      n = Integer.parseInt(envValue.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_SIZE) {
      throw new IllegalStateException(
          SIZE_VARIABLE
              + "=\""
              + envValue
              + "\" is not a valid thread"
              + " pool size: it must be a whole number from 1 to "
              + MAX_SIZE
              + " (like libuv's UV_THREADPOOL_SIZE). Fix it, or unset it to get the default of "
              + DEFAULT_SIZE
              + " threads.");
    }
    return n;
  }

  /**
   * How many jobs are waiting for a free pool thread right now (not counting running ones).
   *
   * @return the queue length
   */
  public int queueLength() {
    synchronized (this) {
      return queue.size();
    }
  }

  /**
   * How many jobs are running on pool threads right now.
   *
   * @return the number of busy pool threads
   */
  public int running() {
    synchronized (this) {
      return running;
    }
  }

  /**
   * Whether the pool's threads have started (on the first {@code queueWork} or
   * {@code readFile}).
   *
   * @return {@code true} once started
   */
  public boolean started() {
    synchronized (this) {
      return size > 0;
    }
  }

  /** Queues a job; called from the loop thread or, for follow-up jobs, from a pool thread. */
  void submit(Task task) {
    RuntimeListener listener = Instrumentation.listener();
    synchronized (this) {
      if (size == 0) start();
      task.job =
          listener == null
              ? null
              : new JobEvent(JOB_IDS.incrementAndGet(), task.site, task.jobKind());
      task.queuedAt = listener == null ? 0 : System.nanoTime();
      queue.addLast(task);
      if (listener != null) listener.jobQueued(task.job, queue.size());
      notify();
    }
  }

  // Called with the monitor held.
  private void start() {
    int n = size();
    size = n;
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.poolStarted(n);
    for (int i = 1; i <= n; i++) {
      Thread t = new Thread(new Worker(this), "pool-" + i);
      t.setDaemon(true);
      if (listener != null) listener.runtimeThreadStarting(t);
      t.start();
    }
    if (listener != null) listener.poolReady(n);
  }

  private void work() {
    for (; ; ) {
      Task task;
      JobEvent job;
      synchronized (this) {
        while (queue.isEmpty()) {
          try {
            wait();
          } catch (InterruptedException e) {
            // pool threads live as long as the JVM
          }
        }
        task = queue.pollFirst();
        running++;
        job = task.job;
        RuntimeListener listener = Instrumentation.listener();
        if (listener != null) {
          if (job == null) job = new JobEvent(JOB_IDS.incrementAndGet(), task.site, task.jobKind());
          listener.jobStarted(job, running);
          if (task.queuedAt != 0) listener.jobWaited(job, System.nanoTime() - task.queuedAt);
        }
      }
      try {
        Throwable thrown = task.work();
        RuntimeListener listener = Instrumentation.listener();
        if (listener != null) {
          if (job == null) job = new JobEvent(JOB_IDS.incrementAndGet(), task.site, task.jobKind());
          listener.jobEnded(job, thrown);
        }
        task.afterPool();
      } catch (Throwable bug) {
        bug.printStackTrace();
      } finally {
        synchronized (this) {
          running--;
        }
      }
    }
  }

  private static final class Worker implements Runnable {
    private final ThreadPool pool;

    Worker(ThreadPool pool) {
      this.pool = pool;
    }

    @Override
    public void run() {
      pool.work();
    }
  }

  @Override
  public String toString() {
    synchronized (this) {
      return "ThreadPool[size="
          + (size > 0 ? size : "not started")
          + ", running="
          + running
          + ", queued="
          + queue.size()
          + "]";
    }
  }
}
