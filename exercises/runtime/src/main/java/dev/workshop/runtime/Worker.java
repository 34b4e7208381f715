package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.WorkerEvent;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * A worker thread: Node's {@code new Worker(file)} from {@code worker_threads}. It runs a {@link
 * WorkerMain} class on a thread of its own, {@code worker-1}, {@code worker-2} ..., with an
 * {@link EventLoop} of its own. That thread is not one of the pool's: a worker is for long,
 * CPU-heavy work that would hold a pool thread for too long, or for code that wants its own loop.
 *
 * <pre>{@code
 * Worker worker = new Worker(loop, Doubler.class);           // starts worker-1
 * worker.onMessage(answer -> System.out.println(answer))     // 42, on main
 *     .onExit(code -> System.out.println("exit " + code));   // exit 0 or 1
 * worker.postMessage(21);
 * }</pre>
 *
 * <p><b>Messages are copied.</b> {@link #postMessage(Object, ArrayBuffer...)} copies the value
 * on the sender's thread, the way Node's structured clone does, and the receiver gets the copy:
 * the two threads never see the same object, so neither needs locks. A message may hold:
 *
 * <ul>
 *   <li>{@code null}, strings, booleans, characters, boxed numbers ({@code Integer}, {@code
 *       Long}, {@code Double}...), {@code BigInteger}, {@code BigDecimal} and enum constants:
 *       these cannot change, so they are passed as they are;
 *   <li>arrays (a {@code byte[]} or {@code int[]} is copied; an array of objects is copied
 *       element by element), lists, sets and maps of allowed values: copied into an {@code
 *       ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap} (order kept), whatever the
 *       original class;
 *   <li>records whose components are allowed values: rebuilt through their constructor;
 *   <li>{@link ArrayBuffer}s: copied, or moved when named in the transfer list;
 *   <li>{@link SharedBuffer}s: <em>not</em> copied. The receiver gets the same buffer, and that
 *       is the point of it (see {@link Atomics}).
 * </ul>
 *
 * <p>Anything else (a {@link LoopOwned} value, a handle, a thread, an object of your own class
 * that is not a record, a message that contains itself) makes {@code postMessage} throw a {@link
 * DataCloneError} that says which part could not be copied, and nothing is sent: the error comes
 * where the mistake is, not at the receiver.
 *
 * <p><b>Events</b>, all delivered on the loop thread of the loop that created the worker, in the
 * order they happened: {@link #onMessage} for each message, {@link #onError} when the worker
 * threw (its stack is the worker thread's), then {@link #onExit} with the exit code. A worker's
 * messages that arrive before {@code onMessage} is registered wait for it.
 *
 * <p><b>Lifetime.</b> A worker is a {@link Handle}: active from {@code new Worker} until its exit
 * has been delivered, and it keeps its parent's loop alive until then, unless {@linkplain
 * #unref() unref'd}. The worker's thread is a daemon thread: an unref'd worker does not keep the
 * program alive either. Use the worker on its parent's loop thread only.
 *
 * <p><b>Where Java differs.</b> {@link #terminate()} cannot stop a thread in the middle of a
 * computation, as V8 can: it interrupts the worker's thread (ending a sleep, a wait or a blocking
 * call) and stops the worker's loop before its next callback. A worker that computes for ten
 * seconds without returning to its loop ends ten seconds later; check {@code
 * Thread.currentThread().isInterrupted()} in long loops.
 */
public final class Worker extends LoopHandle implements Handle {
  private static final AtomicInteger THREAD_IDS = new AtomicInteger();
  private static final AtomicLong MESSAGE_IDS = new AtomicLong();

  private final int threadId;
  private final Thread thread;
  private final Class<? extends WorkerMain> mainClass;
  private final StackTraceElement site;
  private final WorkerEvent event;
  final Object workerData;

  // The parent's side: loop thread only.
  private Consumer<Object> onMessage;
  private StackTraceElement onMessageSite;
  private Consumer<Throwable> onError;
  private StackTraceElement onErrorSite;
  private IntConsumer onExit;
  private StackTraceElement onExitSite;
  private final ArrayDeque<Object[]> inbox = new ArrayDeque<>();
  private int exitCode = -1;

  // Between the two threads: guarded by lock.
  private final Object lock = new Object();
  private WorkerContext context;
  private List<Runnable> early = new ArrayList<>();
  private boolean terminated;
  private boolean ended;
  private long postedToWorker;
  private long deliveredToWorker;

  /**
   * Starts a worker without data. Same as {@link #Worker(EventLoop, Class, Object)} with {@code
   * null}.
   *
   * @param loop the loop that receives the worker's events, on its thread
   * @param main the worker's code: a class with a constructor without parameters
   */
  public Worker(EventLoop loop, Class<? extends WorkerMain> main) {
    this(loop, main, null);
  }

  /**
   * Starts a worker: Node's {@code new Worker(file, { workerData })}. A new thread, {@code
   * worker-<threadId>}, creates an instance of {@code main} with its constructor without
   * parameters, calls its {@link WorkerMain#main(WorkerContext) main}, then runs its own loop
   * until that has nothing left to do.
   *
   * @param loop the loop that receives the worker's events, on its thread (the caller's)
   * @param main the worker's code: a top-level or {@code static} nested class with a constructor
   *     without parameters
   * @param workerData data for the worker, copied now by the rules of {@link #postMessage}; the
   *     worker reads its copy with {@link WorkerContext#workerData()}
   * @throws IllegalArgumentException when {@code main} cannot be instantiated (abstract, or no
   *     constructor without parameters)
   * @throws DataCloneError when {@code workerData} cannot be copied
   * @throws IllegalStateException when called on a thread other than {@code loop}'s
   */
  public Worker(EventLoop loop, Class<? extends WorkerMain> main, Object workerData) {
    super(loop);
    loop.checkThread("new Worker");
    this.mainClass = Objects.requireNonNull(main, "main");
    checkInstantiable(main);
    Object[] out = new Object[1];
    StructuredClone.copy(
        "new Worker(..., workerData)", workerData, new ArrayBuffer[0], "a worker", out);
    this.workerData = out[0];
    this.threadId = THREAD_IDS.incrementAndGet();
    this.thread = new Thread(this::body, "worker-" + threadId);
    thread.setDaemon(true);
    RuntimeListener listener = Instrumentation.listener();
    this.site = listener == null ? null : EventLoop.callSite();
    this.event =
        listener == null
            ? null
            : new WorkerEvent(threadId, thread, loop.thread(), main.getName(), site);
    activate();
    if (listener != null) listener.workerStarting(event);
    thread.start();
    if (listener != null) listener.workerStarted(event);
  }

  private static void checkInstantiable(Class<?> main) {
    if (main.isInterface() || Modifier.isAbstract(main.getModifiers())) {
      throw new IllegalArgumentException(
          "new Worker: " + main.getName() + " is abstract; give a class the runtime can create");
    }
    try {
      main.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "new Worker: "
              + main.getName()
              + " has no constructor without parameters, which the worker's thread needs to"
              + " create it. (An inner class has none: declare it static.)");
    }
  }

  // --- the worker's thread ------------------------------------------------------------------

  private void body() {
    Atomics.workerThread();
    EventLoop own = EventLoop.create();
    WorkerContext ctx = new WorkerContext(this, own);
    boolean stop;
    synchronized (lock) {
      context = ctx;
      for (Runnable r : early) own.enqueue(r);
      early = null;
      stop = terminated;
    }
    int code = 0;
    Throwable error = null;
    try {
      if (stop) throw new Terminated();
      Constructor<? extends WorkerMain> c = mainClass.getDeclaredConstructor();
      c.setAccessible(true);
      WorkerMain m;
      try {
        m = c.newInstance();
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      m.main(ctx);
      for (; ; ) {
        own.run();
        synchronized (lock) {
          if (terminated) throw new Terminated();
          if (deliveredToWorker == postedToWorker) {
            ended = true;
            break;
          }
        }
      }
    } catch (Throwable t) {
      Throwable cause =
          t instanceof UncaughtCallbackError && t.getCause() != null ? t.getCause() : t;
      synchronized (lock) {
        ended = true;
        stop = terminated;
      }
      if (cause instanceof Exit e) {
        code = e.code;
      } else {
        code = 1;
        if (!stop) error = cause;
      }
    }
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null && event != null) listener.workerExited(event, code, error);
    int exit = code;
    Throwable err = error;
    loop.enqueue(new Task(null, null, () -> exited(exit, err)));
  }

  /** A message from the worker's code: refused once the worker was terminated. */
  void checkNotTerminated() {
    synchronized (lock) {
      if (terminated) throw new Terminated();
    }
  }

  void toParent(Object message, MessageEvent e) {
    loop.enqueue(new Task(null, null, () -> deliver(message, e)));
  }

  /** Reports a message that was copied, and returns its event (null without a listener). */
  MessageEvent posted(boolean toWorker, Object value, Object copy, StructuredClone c) {
    RuntimeListener listener = Instrumentation.listener();
    if (listener == null) return null;
    MessageEvent e =
        new MessageEvent(
            MESSAGE_IDS.incrementAndGet(),
            threadId,
            toWorker,
            Thread.currentThread(),
            value == null ? "null" : value.getClass().getName(),
            List.copyOf(c.shared),
            c.moved,
            EventLoop.callSite());
    listener.messageCopied(e, value, copy);
    listener.messagePosted(e);
    return e;
  }

  // --- the parent's side --------------------------------------------------------------------

  /**
   * Sends a copy of {@code value} to the worker, whose {@link WorkerContext#onMessage} receives
   * it on the worker's thread: Node's {@code worker.postMessage(value, transferList)}. The value
   * is copied now, on this thread, by the rules above; {@link ArrayBuffer}s named in {@code
   * transfer} are moved instead and become unusable here.
   *
   * @param value the message
   * @param transfer {@link ArrayBuffer}s to move instead of copy
   * @throws DataCloneError when the message cannot be copied; nothing is sent or detached
   * @throws IllegalStateException when the worker was terminated or has ended (Node drops such a
   *     message silently), or when called on a thread other than the loop's
   */
  public void postMessage(Object value, ArrayBuffer... transfer) {
    loop.checkThread("Worker.postMessage");
    checkOpen("postMessage");
    Object[] out = new Object[1];
    StructuredClone c =
        StructuredClone.copy("Worker.postMessage", value, transfer, thread.getName(), out);
    Object message = out[0];
    MessageEvent e = posted(true, value, message, c);
    Runnable delivery = new Task(null, null, () -> toWorker(message, e));
    synchronized (lock) {
      checkOpen("postMessage");
      postedToWorker++;
      if (context == null) {
        early.add(delivery);
      } else {
        context.loop.enqueue(delivery);
      }
    }
  }

  private void checkOpen(String what) {
    synchronized (lock) {
      if (terminated || ended) {
        throw new IllegalStateException(
            "Worker."
                + what
                + ": "
                + thread.getName()
                + (terminated ? " was terminated" : " has ended")
                + ", so nothing can receive this message (Node would drop it without a word)."
                + " Stop posting once you called terminate() or onExit ran; isActive() tells.");
      }
    }
  }

  /** On the worker's loop thread. */
  private void toWorker(Object message, MessageEvent e) {
    WorkerContext ctx;
    synchronized (lock) {
      deliveredToWorker++;
      ctx = context;
    }
    ctx.deliver(message, e);
  }

  /** On the parent's loop thread. */
  private void deliver(Object message, MessageEvent e) {
    if (exitCode >= 0 || isTerminated()) return;
    if (onMessage == null || !inbox.isEmpty()) {
      inbox.addLast(new Object[] {message, e});
      return;
    }
    hand(message, e);
  }

  private void drain() {
    Object[] m;
    while (onMessage != null && (m = inbox.pollFirst()) != null) {
      hand(m[0], (MessageEvent) m[1]);
    }
  }

  private void hand(Object message, MessageEvent e) {
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null && e != null) listener.messageReceived(e);
    Consumer<Object> h = onMessage;
    loop.runCallback(CallbackKind.WORKER, onMessageSite, () -> h.accept(message));
  }

  private boolean isTerminated() {
    synchronized (lock) {
      return terminated;
    }
  }

  private void exited(int code, Throwable error) {
    if (!isTerminated()) drain();
    inbox.clear();
    exitCode = code;
    deactivate();
    if (error != null) {
      Consumer<Throwable> h = onError;
      if (h == null) {
        loop.runCallback(
            CallbackKind.WORKER,
            site,
            () -> {
              throw new IllegalStateException(
                  thread.getName()
                      + " ("
                      + mainClass.getName()
                      + ") threw "
                      + error
                      + ", and the worker has no onError handler, so the error is uncaught here,"
                      + " as in Node. Its stack (the worker's) is the cause below.",
                  error);
            });
      } else {
        loop.runCallback(CallbackKind.WORKER, onErrorSite, () -> h.accept(error));
      }
    }
    IntConsumer x = onExit;
    if (x != null) loop.runCallback(CallbackKind.WORKER, onExitSite, () -> x.accept(code));
  }

  /**
   * Registers what to do with each message from the worker, on this loop's thread: Node's {@code
   * worker.on('message', handler)}. Messages that arrived before are handed over in order.
   *
   * @param handler receives each message (a copy)
   * @return this worker
   */
  public Worker onMessage(Consumer<Object> handler) {
    loop.checkThread("Worker.onMessage");
    onMessage = Objects.requireNonNull(handler, "handler");
    onMessageSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    if (!inbox.isEmpty()) loop.enqueue(new Task(null, null, this::drain));
    return this;
  }

  /**
   * Registers what to do when the worker throws (from its {@code main}, a callback of its loop,
   * or its constructor): Node's {@code worker.on('error', handler)}. The handler receives the
   * worker's own exception, with the worker thread's stack; the worker has ended, and {@link
   * #onExit} follows with code 1. Without this handler the error is uncaught on this loop, as in
   * Node: {@code run()} ends with an {@link UncaughtCallbackError} whose cause chain holds it.
   *
   * @param handler receives what the worker threw
   * @return this worker
   */
  public Worker onError(Consumer<Throwable> handler) {
    loop.checkThread("Worker.onError");
    onError = Objects.requireNonNull(handler, "handler");
    onErrorSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    return this;
  }

  /**
   * Registers what to do when the worker has ended: Node's {@code worker.on('exit', code =>
   * ...)}. Runs once, on this loop's thread, after the worker's last message and its error, if
   * any. The code is 0 when the worker's loop ran out of work, 1 after an uncaught exception or
   * {@link #terminate()}, or what the worker passed to {@link WorkerContext#exit(int)}.
   *
   * @param handler receives the exit code
   * @return this worker
   */
  public Worker onExit(IntConsumer handler) {
    loop.checkThread("Worker.onExit");
    onExit = Objects.requireNonNull(handler, "handler");
    onExitSite = Instrumentation.listener() == null ? null : EventLoop.callSite();
    return this;
  }

  /**
   * Stops the worker: Node's {@code worker.terminate()}. Its thread is interrupted, its loop runs
   * no further callback, messages it sends from now on are dropped, and {@link #onExit} follows
   * with code 1 (0 if it had ended already). A worker in the middle of a long computation stops
   * only when that computation returns or checks its interrupt flag: Java cannot stop a running
   * thread from outside. Terminating twice does nothing.
   *
   * @throws IllegalStateException when called on a thread other than the loop's
   */
  public void terminate() {
    loop.checkThread("Worker.terminate()");
    WorkerContext ctx;
    synchronized (lock) {
      if (terminated || ended) return;
      terminated = true;
      ctx = context;
    }
    if (ctx != null)
      ctx.loop.enqueue(
          new Task(
              null,
              null,
              () -> {
                throw new Terminated();
              }));
    thread.interrupt();
  }

  /** Same as {@link #terminate()}. */
  @Override
  public void close() {
    terminate();
  }

  /**
   * Lets this loop finish without waiting for the worker (Node's {@code worker.unref()}). The
   * worker keeps running while the program does.
   *
   * @return this worker
   */
  @Override
  public Worker unref() {
    doUnref("Worker.unref()");
    return this;
  }

  /**
   * Makes this loop wait for the worker again (Node's {@code worker.ref()}).
   *
   * @return this worker
   */
  @Override
  public Worker ref() {
    doRef("Worker.ref()");
    return this;
  }

  /** Whether the worker runs, or its exit has not been delivered yet. */
  @Override
  public boolean isActive() {
    return active;
  }

  /**
   * The worker's number: Node's {@code worker.threadId}, 1 for the program's first worker.
   *
   * @return the number
   */
  public int threadId() {
    return threadId;
  }

  /**
   * The name of the worker's thread, {@code worker-<threadId>}, as stack traces and the
   * verifier's reports show it.
   *
   * @return the name
   */
  public String threadName() {
    return thread.getName();
  }

  /**
   * The exit code, once {@link #onExit}'s turn has come.
   *
   * @return the exit code, or -1 while the worker runs
   */
  public int exitCode() {
    return exitCode;
  }

  @Override
  public String toString() {
    return "Worker["
        + thread.getName()
        + ", "
        + mainClass.getSimpleName()
        + (exitCode < 0 ? ", running" : ", exited " + exitCode)
        + "]";
  }

  /** Thrown on the worker's thread to end it after {@link #terminate()}. */
  static final class Terminated extends Error {
    private static final long serialVersionUID = 1L;

    Terminated() {
      super("the worker was terminated", null, false, false);
    }
  }

  /** Thrown by {@link WorkerContext#exit(int)}. */
  static final class Exit extends Error {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code) {
      super("the worker called exit(" + code + ")", null, false, false);
      this.code = code;
    }
  }
}
