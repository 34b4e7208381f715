package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The woven replacements of the calls that block their thread ({@code Thread.sleep},
 * {@code Future.get}, {@code CountDownLatch.await}, {@code Lock.lock} and the like): each tells the
 * {@link WeaveListener} {@code blockingStarted}, makes the original call on the same receiver with
 * the same arguments, then {@code blockingEnded} in a {@code finally}, so return values and
 * exceptions (checked ones included) are exactly the original's. Takes the call's site number
 * last; with no listener installed only the original call is made.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another class
 * loader.
 */
public final class BlockingHooks {
  private BlockingHooks() {}

  // ---------------------------------------------------------------------------------------------
  // Blocking calls: blockingStarted, the original call, blockingEnded in a finally.

  /** Tells the listener a blocking call starts; the listener to tell its end, or null. */
  static WeaveListener blocking(BlockKind kind, int site) {
    WeaveListener l = Hooks.listener();
    if (l == null) return null;
    try {
      l.blockingStarted(kind, site);
    } catch (Throwable e) {
      Hooks.failed(e);
    }
    return l;
  }

  /** Tells the listener {@link #blocking} returned that the blocking call ended. */
  static void ended(WeaveListener l, BlockKind kind, int site) {
    if (l == null) return;
    try {
      l.blockingEnded(kind, site);
    } catch (Throwable e) {
      Hooks.failed(e);
    }
  }

  /** Replaces {@code Thread.sleep(millis)}. */
  public static void sleep(long millis, int site) throws InterruptedException {
    if (millis == 0)
      PollHooks.polled(site, System.nanoTime()); // Thread.sleep(0) in a loop is a busy wait
    WeaveListener l = blocking(BlockKind.SLEEPING, site);
    try {
      Thread.sleep(millis);
    } finally {
      ended(l, BlockKind.SLEEPING, site);
    }
  }

  /** Replaces {@code Thread.sleep(millis, nanos)}. */
  public static void sleep(long millis, int nanos, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.SLEEPING, site);
    try {
      Thread.sleep(millis, nanos);
    } finally {
      ended(l, BlockKind.SLEEPING, site);
    }
  }

  /** Replaces {@code thread.join()}. */
  public static void join(Thread thread, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      thread.join();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code thread.join(millis)}. */
  public static void join(Thread thread, long millis, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      thread.join(millis);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code thread.join(millis, nanos)}. */
  public static void join(Thread thread, long millis, int nanos, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      thread.join(millis, nanos);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code monitor.wait()}. */
  public static void objectWait(Object monitor, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING, site);
    try {
      monitor.wait();
    } finally {
      ended(l, BlockKind.WAITING, site);
    }
  }

  /** Replaces {@code monitor.wait(millis)}. */
  public static void objectWait(Object monitor, long millis, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING, site);
    try {
      monitor.wait(millis);
    } finally {
      ended(l, BlockKind.WAITING, site);
    }
  }

  /** Replaces {@code monitor.wait(millis, nanos)}. */
  public static void objectWait(Object monitor, long millis, int nanos, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING, site);
    try {
      monitor.wait(millis, nanos);
    } finally {
      ended(l, BlockKind.WAITING, site);
    }
  }

  /** Replaces {@code future.get()} (any Future: CompletableFuture, FutureTask, ForkJoinTask...). */
  public static Object get(Future<?> future, int site)
      throws InterruptedException, ExecutionException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return future.get();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code future.get(timeout, unit)}. */
  public static Object get(Future<?> future, long timeout, TimeUnit unit, int site)
      throws InterruptedException, ExecutionException, TimeoutException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return future.get(timeout, unit);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code future.join()}. */
  public static Object join(CompletableFuture<?> future, int site) {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return future.join();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code task.join()} (RecursiveTask, RecursiveAction...). */
  public static Object join(ForkJoinTask<?> task, int site) {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return task.join();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code latch.await()}. */
  public static void await(CountDownLatch latch, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      latch.await();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code latch.await(timeout, unit)}. */
  public static boolean await(CountDownLatch latch, long timeout, TimeUnit unit, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return latch.await(timeout, unit);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code barrier.await()}. */
  public static int await(CyclicBarrier barrier, int site)
      throws InterruptedException, BrokenBarrierException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return barrier.await();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code barrier.await(timeout, unit)}. */
  public static int await(CyclicBarrier barrier, long timeout, TimeUnit unit, int site)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return barrier.await(timeout, unit);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code condition.await()}. */
  public static void await(Condition condition, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING, site);
    try {
      condition.await();
    } finally {
      ended(l, BlockKind.WAITING, site);
    }
  }

  /** Replaces {@code condition.await(time, unit)}. */
  public static boolean await(Condition condition, long time, TimeUnit unit, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING, site);
    try {
      return condition.await(time, unit);
    } finally {
      ended(l, BlockKind.WAITING, site);
    }
  }

  /** Replaces {@code semaphore.acquire()}. */
  public static void acquire(Semaphore semaphore, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      semaphore.acquire();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code semaphore.acquire(permits)}. */
  public static void acquire(Semaphore semaphore, int permits, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      semaphore.acquire(permits);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code semaphore.acquireUninterruptibly()}. */
  public static void acquireUninterruptibly(Semaphore semaphore, int site) {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      semaphore.acquireUninterruptibly();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code semaphore.acquireUninterruptibly(permits)}. */
  public static void acquireUninterruptibly(Semaphore semaphore, int permits, int site) {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      semaphore.acquireUninterruptibly(permits);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code lock.lock()} (ReentrantLock, read and write locks, any Lock). */
  public static void lock(Lock lock, int site) {
    WeaveListener l = blocking(BlockKind.WAITING_LOCK, site);
    try {
      lock.lock();
    } finally {
      ended(l, BlockKind.WAITING_LOCK, site);
    }
  }

  /** Replaces {@code lock.lockInterruptibly()}. */
  public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_LOCK, site);
    try {
      lock.lockInterruptibly();
    } finally {
      ended(l, BlockKind.WAITING_LOCK, site);
    }
  }

  /** Replaces {@code process.waitFor()}. */
  public static int waitFor(Process process, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return process.waitFor();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code process.waitFor(timeout, unit)}. */
  public static boolean waitFor(Process process, long timeout, TimeUnit unit, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return process.waitFor(timeout, unit);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code queue.take()}. */
  public static Object take(BlockingQueue<?> queue, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return queue.take();
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code queue.put(element)}. */
  @SuppressWarnings("unchecked")
  public static void put(BlockingQueue<?> queue, Object element, int site)
      throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      ((BlockingQueue<Object>) queue).put(element);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }

  /** Replaces {@code executor.awaitTermination(timeout, unit)}. */
  public static boolean awaitTermination(
      ExecutorService executor, long timeout, TimeUnit unit, int site) throws InterruptedException {
    WeaveListener l = blocking(BlockKind.WAITING_FUTURE, site);
    try {
      return executor.awaitTermination(timeout, unit);
    } finally {
      ended(l, BlockKind.WAITING_FUTURE, site);
    }
  }
}
