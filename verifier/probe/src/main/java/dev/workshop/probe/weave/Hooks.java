package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import dev.workshop.runtime.EventLoop;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.StringTokenizer;
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
 * The static methods woven code calls, each forwarding to the one installed
 * {@link WeaveListener}. Every method takes the call's site number last.
 *
 * <p>The wrappers ({@link #sleep(long, int)} and the like) replace the learner's call: they tell
 * the listener, then make the original call on the same receiver with the same arguments, so
 * return values and exceptions (checked ones included) are exactly the original's. With no
 * listener installed they only make the original call.
 *
 * <p>Not for learners' code to call, and public only because woven classes live in another
 * class loader.
 */
public final class Hooks {
  private static volatile WeaveListener listener;
  private static volatile Throwable listenerFailure;

  /** Per method site, the last thread seen entering it for the first time (see {@link #enter}). */
  private static Thread[] lastEntered = new Thread[256];

  /** Per thread, the method sites it has entered: bit {@code n} of word {@code n / 64}. */
  private static final ThreadLocal<long[]> ENTERED = ThreadLocal.withInitial(() -> new long[4]);

  private Hooks() {}

  /**
   * Installs the listener for the rest of the JVM's life. Call it before any woven code runs.
   *
   * @throws IllegalStateException when a listener is already installed
   * @throws NullPointerException when {@code l} is null
   */
  public static synchronized void install(WeaveListener l) {
    if (l == null) throw new NullPointerException("listener");
    if (listener != null) throw new IllegalStateException("a WeaveListener is already installed");
    listener = l;
  }

  /** The first exception a listener threw (and the hooks swallowed), or {@code null}. */
  public static Throwable listenerFailure() {
    return listenerFailure;
  }

  static synchronized void capacity(int sites) {
    if (lastEntered.length < sites) lastEntered = Arrays.copyOf(lastEntered, sites);
  }

  /** The installed listener, or {@code null}. */
  static WeaveListener listener() {
    return listener;
  }

  static void failed(Throwable t) {
    if (listenerFailure == null) listenerFailure = t;
  }

  // ---------------------------------------------------------------------------------------------
  // Method entry: the first instruction of every woven method. The fast path (the same thread as
  // last time) is a thread read, an array read and a compare, and the JIT inlines it.

  /** At the start of every woven method: reports the first entry per thread and method. */
  public static void enter(int method) {
    Thread[] last = lastEntered;
    Thread t = Thread.currentThread();
    if (method < last.length && last[method] == t) return;
    entered(t, method);
  }

  private static void entered(Thread t, int method) {
    WeaveListener l = listener;
    if (l == null) return;
    long[] seen = ENTERED.get();
    int word = method >>> 6;
    if (word >= seen.length) {
      seen = Arrays.copyOf(seen, Math.max(word + 1, seen.length * 2));
      ENTERED.set(seen);
    }
    long bit = 1L << method;
    Thread[] last = lastEntered;
    if ((seen[word] & bit) != 0) {
      if (method < last.length)
        last[method] = t; // another thread took the fast path since: take it back
      return;
    }
    seen[word] |= bit;
    if (method < last.length) last[method] = t;
    try {
      l.methodEntered(t, method);
    } catch (Throwable e) {
      failed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Events before an unchanged call

  /** Before {@code Executors.new*} and {@code new ThreadPoolExecutor} and the like. */
  public static void executorCreated(String what, int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.executorCreated(what, site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  /** Before {@code CompletableFuture.supplyAsync(Supplier)} or {@code runAsync(Runnable)}. */
  public static void asyncStarted(String what, int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.asyncStarted(what, site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  /** Just before a {@code monitorenter}. */
  public static void monitorEnter(Object monitor, int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.lockWaitStarted(monitor, site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  /** First thing inside a {@code synchronized} block, once the monitor is held. */
  public static void monitorEntered(int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.lockWaitEnded(site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Threads, processes, exits

  /** Replaces {@code thread.start()}. */
  public static void start(Thread thread, int site) {
    WeaveListener l = listener;
    if (l != null) {
      try {
        l.threadStarting(thread, site);
      } catch (Throwable e) {
        failed(e);
      }
    }
    osCall(l, true, site);
    try {
      thread.start();
    } finally {
      osCall(l, false, site);
    }
  }

  /** Around a call that waits for the operating system to start a thread or a process. */
  private static void osCall(WeaveListener l, boolean starting, int site) {
    if (l == null) return;
    try {
      if (starting) {
        l.osCallStarted(site);
      } else {
        l.osCallEnded(site);
      }
    } catch (Throwable e) {
      failed(e);
    }
  }

  /** Replaces {@code thread.run()} called on a Thread (which runs it on the caller). */
  public static void run(Thread thread, int site) {
    WeaveListener l = listener;
    if (l != null) {
      try {
        l.threadRunCalledDirectly(thread, site);
      } catch (Throwable e) {
        failed(e);
      }
    }
    thread.run();
  }

  /** Replaces {@code loop.run()}. */
  public static void run(EventLoop loop, int site) {
    WeaveListener l = listener;
    if (l != null) {
      try {
        l.loopRunCalled(site);
      } catch (Throwable e) {
        failed(e);
      }
    }
    loop.run();
  }

  /** Replaces {@code builder.start()}. */
  public static Process start(ProcessBuilder builder, int site) throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = builder.start();
    } finally {
      osCall(l, false, site);
    }
    started(p, List.copyOf(builder.command()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, int site) throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command);
    } finally {
      osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command, env)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, String[] env, int site)
      throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env);
    } finally {
      osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(command, env, dir)}. */
  @SuppressWarnings("deprecation")
  public static Process exec(Runtime runtime, String command, String[] env, File dir, int site)
      throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env, dir);
    } finally {
      osCall(l, false, site);
    }
    started(p, words(command), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray)}. */
  public static Process exec(Runtime runtime, String[] command, int site) throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command);
    } finally {
      osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray, env)}. */
  public static Process exec(Runtime runtime, String[] command, String[] env, int site)
      throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env);
    } finally {
      osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  /** Replaces {@code runtime.exec(cmdarray, env, dir)}. */
  public static Process exec(Runtime runtime, String[] command, String[] env, File dir, int site)
      throws IOException {
    WeaveListener l = listener;
    osCall(l, true, site);
    Process p;
    try {
      p = runtime.exec(command, env, dir);
    } finally {
      osCall(l, false, site);
    }
    started(p, List.of(command.clone()), site);
    return p;
  }

  private static List<String> words(String command) {
    StringTokenizer st = new StringTokenizer(command); // as Runtime.exec(String) splits it
    String[] words = new String[st.countTokens()];
    for (int i = 0; st.hasMoreTokens(); i++) words[i] = st.nextToken();
    return List.of(words);
  }

  private static void started(Process p, List<String> command, int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.processStarted(p, command, site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  /** Replaces {@code System.exit(status)}. */
  public static void exit(int status, int site) {
    exiting(status, site);
    System.exit(status);
  }

  /** Replaces {@code runtime.exit(status)}. */
  public static void exit(Runtime runtime, int status, int site) {
    exiting(status, site);
    runtime.exit(status);
  }

  /** Replaces {@code runtime.halt(status)}. */
  public static void halt(Runtime runtime, int status, int site) {
    exiting(status, site);
    runtime.halt(status);
  }

  private static void exiting(int status, int site) {
    WeaveListener l = listener;
    if (l == null) return;
    try {
      l.exitCalled(status, site);
    } catch (Throwable e) {
      failed(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Blocking calls: blockingStarted, the original call, blockingEnded in a finally.

  private static WeaveListener blocking(BlockKind kind, int site) {
    WeaveListener l = listener;
    if (l == null) return null;
    try {
      l.blockingStarted(kind, site);
    } catch (Throwable e) {
      failed(e);
    }
    return l;
  }

  private static void ended(WeaveListener l, BlockKind kind, int site) {
    if (l == null) return;
    try {
      l.blockingEnded(kind, site);
    } catch (Throwable e) {
      failed(e);
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
