package dev.workshop.probe.weave;

import dev.workshop.probe.BlockKind;
import java.util.List;

/**
 * Receives what woven code did, as it happens. Install one with {@link Hooks#install}.
 *
 * <p>Every method is called on the thread that did the thing (the learner's thread), often from
 * hot code and from many threads at once: an implementation must be thread-safe, quick (a few
 * field writes; no I/O, no locks held for long) and must not throw (a throw is swallowed, see
 * {@link Hooks#listenerFailure()}). Each {@code int site} or {@code method} is a number for
 * {@link Sites#get}. Every method does nothing by default.
 */
public interface WeaveListener {

  /**
   * A thread ran a method of a woven class for the first time (once per thread and method;
   * lambdas and constructors are methods of their own, see {@link Site#describe()}).
   *
   * @param thread the thread, {@link Thread#currentThread()}
   * @param method the method's site: its class, name and first line
   */
  default void methodEntered(Thread thread, int method) {}

  /** Woven code is about to call {@code thread.start()}; called before the thread runs. */
  default void threadStarting(Thread thread, int site) {}

  /**
   * Woven code called {@code run()} on a {@code Thread} (or a subclass) itself, which runs it on
   * the calling thread: the classic "run instead of start". Called before {@code run()}.
   */
  default void threadRunCalledDirectly(Thread thread, int site) {}

  /**
   * Woven code is about to create a thread pool or timer: {@code what} is
   * {@code Executors.newFixedThreadPool}, {@code new ThreadPoolExecutor},
   * {@code new ScheduledThreadPoolExecutor}, {@code new ForkJoinPool} or {@code new Timer}.
   */
  default void executorCreated(String what, int site) {}

  /**
   * Woven code is about to call {@code CompletableFuture.supplyAsync} or {@code runAsync} without
   * an executor, which runs the task on the common ForkJoinPool: {@code what} names the method,
   * {@code CompletableFuture.supplyAsync}.
   */
  default void asyncStarted(String what, int site) {}

  /**
   * Woven code started a process ({@code ProcessBuilder.start} or any {@code Runtime.exec}).
   * Called after the start succeeded; a start that threw is not reported.
   *
   * @param command the program and its arguments, as the solution gave them
   */
  default void processStarted(Process process, List<String> command, int site) {}

  /**
   * The thread is about to block in a JDK call made by woven code. Followed on the same thread
   * by exactly one {@link #blockingEnded} with the same kind and site, whether the call returned
   * or threw.
   *
   * @param kind {@link BlockKind#SLEEPING} ({@code Thread.sleep}), {@link BlockKind#WAITING_FUTURE}
   *     (joins, future gets, latches, barriers, semaphores, {@code Process.waitFor},
   *     {@code awaitTermination}, blocking queue {@code take}/{@code put}),
   *     {@link BlockKind#WAITING_LOCK} ({@code Lock.lock}, {@code lockInterruptibly}) or
   *     {@link BlockKind#WAITING} ({@code Object.wait}, {@code Condition.await})
   */
  default void blockingStarted(BlockKind kind, int site) {}

  /** The blocking call of the matching {@link #blockingStarted} returned or threw. */
  default void blockingEnded(BlockKind kind, int site) {}

  /**
   * The thread is about to enter a {@code synchronized} block on {@code monitor}: it may wait
   * for another thread to leave it. Followed on the same thread by {@link #lockWaitEnded} once it
   * holds the monitor. Called for every entry, contended or not, reentrant or not (the weaver
   * cannot tell contention without a cost): keep it cheap. Not reported: {@code synchronized}
   * methods, and blocks not laid out as javac lays them out (see docs/verifier.md).
   */
  default void lockWaitStarted(Object monitor, int site) {}

  /** The thread now holds the monitor of the {@link #lockWaitStarted} at {@code site}. */
  default void lockWaitEnded(int site) {}

  /**
   * Woven code is about to call {@code System.exit}, {@code Runtime.exit} or
   * {@code Runtime.halt} with {@code status}.
   */
  default void exitCalled(int status, int site) {}

  /** Woven code is about to call {@code EventLoop.run()} on the calling thread. */
  default void loopRunCalled(int site) {}

  /**
   * The solution's code asks the operating system to start a thread or a process, on the calling
   * thread; {@link #osCallEnded} follows when the call returns or throws. On a busy machine the
   * caller waits there for the new thread or process to be scheduled: the system's time, not the
   * solution's.
   */
  default void osCallStarted(int site) {}

  /** The call announced by {@link #osCallStarted} returned or threw. */
  default void osCallEnded(int site) {}

  /**
   * Woven code is about to make a call that busy waits make over and over: read the clock
   * ({@code System.nanoTime}, {@code System.currentTimeMillis}, {@code Instant.now}, a
   * {@code Clock}), spin ({@code Thread.onSpinWait}, {@code Thread.yield}, {@code Thread.sleep(0)},
   * {@code LockSupport.parkNanos}) or ask a {@code Future} whether it is done (see
   * {@link PollHooks}). Called for every such call, on hot paths: keep it to a few field
   * writes.
   *
   * @param at when the call returned, a {@link System#nanoTime()} value (for {@code nanoTime}, the
   *     value it read)
   */
  default void polled(int site, long at) {}

  /**
   * Woven code called {@code Future.isDone}: a poll like {@link #polled}, which it calls by
   * default, told apart because a thread that repeats it waits for another thread's work.
   */
  default void futurePolled(int site, long at) {
    polled(site, at);
  }
}
