package dev.workshop.probe.weave;

import dev.workshop.runtime.EventLoop;
import java.util.Arrays;

/**
 * The static methods woven code calls, each forwarding to the one installed
 * {@link WeaveListener}: method entry, monitors, threads, exits. Every method takes the call's site
 * number last. The wrappers of blocking calls are in {@link BlockingHooks}, of process starts in
 * {@link ProcessHooks}, of the calls a busy wait repeats in {@link PollHooks}; this class holds the
 * listener they all report to.
 *
 * <p>The wrappers ({@link #start(Thread, int)} and the like) replace the learner's call: they tell
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

  /**
   * Slots per method site in {@link #lastEntered}: a thread uses the slot its id picks, so that up
   * to this many threads running one method at once (a pool computing) each keep a fast path of
   * their own instead of taking it from one another on every call.
   */
  private static final int SLOTS = 8;

  /**
   * Per method site and slot ({@code method * SLOTS + id % SLOTS}), the last thread seen entering
   * it (see {@link #enter}). Written only when a thread takes a slot from another.
   */
  private static Thread[] lastEntered = new Thread[256 * SLOTS];

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
    if (lastEntered.length < sites * SLOTS) lastEntered = Arrays.copyOf(lastEntered, sites * SLOTS);
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
  // last time in this thread's slot) is a thread read, a field read, an array read and a compare,
  // and the JIT inlines it. It writes nothing: threads that share a method on several cores (fib
  // on the pool, called millions of times) must not bounce one cache line between them, which
  // made the learner's own computing several times slower under the probe.

  /** At the start of every woven method: reports the first entry per thread and method. */
  public static void enter(int method) {
    Thread[] last = lastEntered;
    Thread t = Thread.currentThread();
    int slot = slot(method, t);
    if (slot < last.length && last[slot] == t) return;
    entered(t, method);
  }

  @SuppressWarnings("deprecation") // getId: threadId() is JDK 19+; the same value
  private static int slot(int method, Thread t) {
    return method * SLOTS + (int) (t.getId() & (SLOTS - 1));
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
    int slot = slot(method, t);
    if ((seen[word] & bit) != 0) {
      if (slot < last.length) last[slot] = t; // another thread took this slot since: take it back
      return;
    }
    seen[word] |= bit;
    if (slot < last.length) last[slot] = t;
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
  static void osCall(WeaveListener l, boolean starting, int site) {
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
}
