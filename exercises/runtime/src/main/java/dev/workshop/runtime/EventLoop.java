package dev.workshop.runtime;

import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An event loop: the heart of Node.js, played here by plain Java. It is libuv's
 * {@code uv_loop_t}.
 *
 * <p>A loop belongs to the thread that {@linkplain #create() creates} it, and only that thread
 * may {@linkplain #run() run} it: in every exercise this is the JVM's {@code main} thread, the
 * counterpart of Node's single JavaScript thread. {@code run()} takes one callback at a time and
 * runs it to the end before it takes the next, so your callbacks never run at the same time as
 * each other and need no locks. A callback that blocks (sleeps, computes for a long time, waits
 * for a file) blocks <em>everything</em>: hand such work to the {@linkplain #pool() thread pool}
 * with {@link #queueWork(Callable, AfterWork)} instead.
 *
 * <p><b>Which thread may call what.</b> Every method of the loop and of its handles must be
 * called on the loop thread, except {@link #post(Runnable)} (which any thread may call: it is how
 * other threads hand work to the loop), {@link #thread()}, {@link #inLoopThread()} and
 * {@link #pool()}. A call from another thread throws an {@link IllegalStateException} that says
 * so.
 *
 * <p><b>The order of callbacks.</b> {@code run()} repeats this iteration (libuv calls it a
 * "tick"):
 *
 * <ol>
 *   <li><b>Timers.</b> Every timer whose time has come runs, the earliest due time first, and
 *       timers due at the same moment in the order they were scheduled. Timers scheduled by these
 *       callbacks wait for the next iteration, even with a delay of 0.
 *   <li><b>The queue.</b> Callbacks that were {@linkplain #post(Runnable) posted} and
 *       completions that came back from elsewhere (after-work callbacks, {@code readFile}
 *       results, child process output and exit, "listening" and "close" notifications) run in
 *       the order they arrived: first in, first out. Only those already queued when this step
 *       begins run now; callbacks queued meanwhile wait for the next iteration.
 *   <li><b>Alive?</b> If nothing can happen any more (see below), {@code run()} returns.
 *   <li><b>Poll for I/O.</b> The loop waits, without using the CPU, until the next timer is due,
 *       something is posted, or a socket is ready; then it runs the socket callbacks (new
 *       connections, data, connects, HTTP requests) for the sockets that are ready.
 * </ol>
 *
 * <p>So, for example, with {@code setTimeout(0, a)} and {@code post(b)} scheduled before
 * {@code run()}, {@code a} runs before {@code b}; and a {@code post} made by a timer callback runs
 * in the same iteration, right after the timers.
 *
 * <p><b>How long {@code run()} runs (Node's rule).</b> The loop keeps going while at least one of
 * these holds: a ref'd active {@link Handle} exists (a pending timer, a listening server, an open
 * or connecting connection, a running child process); a posted callback or completion is queued;
 * pool work, a file read, an {@link #fs() fs} call, a {@link #lookup lookup} or a {@link #resolve
 * resolve} started by this loop has not delivered its callback yet. Handles you
 * {@linkplain Handle#unref() unref} do not count. When none holds, {@code run()} returns, and you
 * may schedule more and call {@code run()} again. A thread that might {@code post} later does
 * not keep the loop alive by itself.
 *
 * <p><b>Uncaught exceptions.</b> If a callback throws, {@code run()} stops and throws an
 * {@link UncaughtCallbackError} that carries your exception; let it leave {@code main} and the
 * program ends with your stack trace and exit code 1, as in Node.
 */
public final class EventLoop {
  private static final AtomicLong CALLBACK_IDS = new AtomicLong();
  private static final int READ_BUFFER_SIZE = 64 * 1024;

  private final Thread owner;

  // The queue: posts and completions. Guarded by itself; swapped with draining at each iteration.
  private final Object queueLock = new Object();
  private ArrayDeque<Runnable> incoming = new ArrayDeque<>();
  private ArrayDeque<Runnable> draining = new ArrayDeque<>();

  // Timers: a binary min-heap ordered by (due, seq). Loop thread only.
  private Timer[] heap = new Timer[16];
  private int heapSize;
  private long timerSeq;

  /** Ref'd active handles. Loop thread only. */
  int refs;

  /** Pool work, file reads, fs calls, lookups and resolves whose callback has not run yet. */
  int pending;

  private boolean running;
  private Fs fs;
  private volatile Selector selector;
  private ByteBuffer readBuffer;

  private EventLoop(Thread owner) {
    this.owner = owner;
  }

  /**
   * Creates a new event loop owned by the calling thread (in an exercise: {@code main}). Only
   * that thread may run it. Node creates its loop for you; here you create it in the first line
   * of {@code main}.
   *
   * @return a new loop with nothing scheduled
   */
  public static EventLoop create() {
    Atomics.loopThread(); // Atomics.wait refuses to block a loop thread
    EventLoop loop = new EventLoop(Thread.currentThread());
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.loopCreated(loop.owner);
    return loop;
  }

  /**
   * Runs callbacks, one at a time and in the documented order, until nothing is pending; then
   * returns. This is what Node does after your script's top level finished; libuv's
   * {@code uv_run(loop, UV_RUN_DEFAULT)}.
   *
   * @throws IllegalStateException when called on a thread other than the one that created the
   *     loop, or from inside one of this loop's callbacks (the loop is already running)
   * @throws UncaughtCallbackError when a callback throws: the loop stops, as a Node program stops
   *     on an uncaught exception
   */
  public void run() {
    Thread me = Thread.currentThread();
    if (me != owner) {
      throw new IllegalStateException(
          "EventLoop.run() must be called on the thread that created"
              + " the loop, \""
              + owner.getName()
              + "\", but it was called on \""
              + me.getName()
              + "\". Create the loop on the thread that runs it (in an exercise: in main).");
    }
    if (running) {
      throw new IllegalStateException(
          "EventLoop.run() is already running on \""
              + me.getName()
              + "\": a callback cannot call run() again. Schedule the work with post(...) or"
              + " setTimeout(...); the running loop will get to it.");
    }
    running = true;
    boolean interrupted = false;
    RuntimeListener listener = Instrumentation.listener();
    if (listener != null) listener.loopStarted(owner);
    try {
      for (; ; ) {
        runTimers();
        runQueue();
        if (!alive()) break;
        poll();
        if (Thread.interrupted()) interrupted = true; // an interrupt must not make us spin
      }
    } finally {
      running = false;
      Children.loopEnded(this);
      releaseIdleSelector();
      if (interrupted) me.interrupt();
      listener = Instrumentation.listener();
      if (listener != null) listener.loopEnded(owner);
    }
  }

  /**
   * Runs {@code callback} once on the loop thread after at least {@code delayMs} milliseconds:
   * Node's {@code setTimeout(callback, delayMs)}. The timer keeps the loop alive until it fires
   * or is cancelled.
   *
   * @param delayMs how long to wait, in milliseconds; 0 means "in the next iteration"
   * @param callback what to run
   * @return the timer, to {@linkplain Timer#cancel() cancel} or {@linkplain Timer#unref() unref}
   * @throws IllegalArgumentException when {@code delayMs} is negative
   */
  public Timer setTimeout(long delayMs, Runnable callback) {
    checkThread("setTimeout");
    if (delayMs < 0)
      throw new IllegalArgumentException("setTimeout: delay " + delayMs + " ms is negative");
    return schedule(delayMs, 0, callback);
  }

  /**
   * Runs {@code callback} on the loop thread every {@code periodMs} milliseconds until the timer
   * is cancelled: Node's {@code setInterval(callback, periodMs)}. The next run is scheduled
   * {@code periodMs} after the current one started; runs missed while the loop was busy are not
   * caught up. The timer keeps the loop alive until cancelled, unless you unref it.
   *
   * @param periodMs the period in milliseconds, at least 1
   * @param callback what to run
   * @return the timer, to {@linkplain Timer#cancel() cancel} or {@linkplain Timer#unref() unref}
   * @throws IllegalArgumentException when {@code periodMs} is less than 1
   */
  public Timer setInterval(long periodMs, Runnable callback) {
    checkThread("setInterval");
    if (periodMs < 1)
      throw new IllegalArgumentException(
          "setInterval: period " + periodMs + " ms must be at least 1");
    return schedule(periodMs, periodMs * 1_000_000L, callback);
  }

  private Timer schedule(long delayMs, long periodNanos, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    Timer t = new Timer(this, callback, periodNanos);
    if (Instrumentation.listener() != null) t.site = callSite();
    t.due = System.nanoTime() + delayMs * 1_000_000L;
    t.seq = timerSeq++;
    addTimer(t);
    t.activate();
    return t;
  }

  /**
   * Queues {@code callback} to run on the loop thread in a coming iteration. Any thread may call
   * this: it is the one safe way for another thread to hand something to the loop (libuv's
   * {@code uv_async_send}; in Node, what a worker's message to the main thread does). Posted
   * callbacks run first in, first out. A posted callback keeps the loop alive until it has run;
   * if it is posted while the loop is waiting, the loop wakes up at once.
   *
   * @param callback what to run on the loop thread
   */
  public void post(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    enqueue(
        Instrumentation.listener() == null
            ? callback
            : new Task(CallbackKind.POST, callSite(), callback));
  }

  /**
   * Runs {@code work} on a pool thread, then {@code afterWork} on the loop thread with the
   * outcome: libuv's {@code uv_queue_work(loop, req, work_cb, after_work_cb)}. Use it for
   * anything slow (computing, sleeping, blocking calls) so that the loop thread stays free.
   *
   * <pre>{@code
   * loop.queueWork(() -> slowFibonacci(40),            // on pool-1..pool-N
   *     (err, result) -> System.out.println(result));  // on the loop thread
   * }</pre>
   *
   * <p>The work must not touch {@link LoopOwned} values: copy what it needs first. Until
   * {@code afterWork} has run, the loop stays alive.
   *
   * @param work the slow part, run on a pool thread; may throw
   * @param afterWork receives {@code (error, result)} on the loop thread
   * @param <T> the result type
   * @throws IllegalStateException when {@code WORKSHOP_THREADPOOL_SIZE} is invalid (on the pool's
   *     first use) or when called from a thread other than the loop thread
   */
  public <T> void queueWork(Callable<T> work, AfterWork<T> afterWork) {
    checkThread("queueWork");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(afterWork, "afterWork");
    submit(new Work<>(this, work, afterWork, null));
  }

  /**
   * Runs an {@link AsyncWorker}: its {@code execute()} on a pool thread, then its
   * {@code onOK(result)} or {@code onError(error)} on the loop thread. The class form of
   * {@link #queueWork(Callable, AfterWork)}, like {@code Nan::AsyncQueueWorker(worker)}.
   *
   * @param worker the worker
   * @param <T> the result type
   * @throws IllegalStateException as for {@link #queueWork(Callable, AfterWork)}
   */
  public <T> void queueWork(AsyncWorker<T> worker) {
    checkThread("queueWork");
    Objects.requireNonNull(worker, "worker");
    submit(new Work<>(this, null, null, worker));
  }

  void submit(Task task) {
    if (Instrumentation.listener() != null) task.site = callSite();
    ThreadPool.shared().submit(task);
    pending++;
  }

  /**
   * Wraps {@code value} so that only this loop's thread may read or change it; other threads get
   * a {@link ConfinementError}. The Java stand-in for a V8 object, which only Node's JavaScript
   * thread may touch.
   *
   * @param value the value
   * @param <T> its type
   * @return the loop-owned wrapper
   */
  public <T> LoopOwned<T> own(T value) {
    checkThread("own");
    return new LoopOwned<>(owner, value);
  }

  /**
   * The thread that owns and runs this loop.
   *
   * @return the loop thread
   */
  public Thread thread() {
    return owner;
  }

  /**
   * Whether the calling thread is this loop's thread.
   *
   * @return {@code true} on the loop thread
   */
  public boolean inLoopThread() {
    return Thread.currentThread() == owner;
  }

  /**
   * The process-wide thread pool that runs {@code queueWork} and {@code readFile} (libuv's pool).
   * Asking for it does not start it.
   *
   * @return the pool
   */
  public ThreadPool pool() {
    return ThreadPool.shared();
  }

  /**
   * Creates a TCP server whose connections are served on the loop thread: Node's
   * {@code net.createServer(socket => ...)}. Call {@link TcpServer#listen(int, Runnable)} to
   * start it. One loop thread serves any number of connections because it never waits on a
   * single one: the operating system tells it which sockets are ready (a {@link Selector}, like
   * libuv's epoll/kqueue).
   *
   * @param onConnection called on the loop thread with each new connection
   * @return the server, not yet listening
   */
  public TcpServer createServer(Consumer<Connection> onConnection) {
    checkThread("createServer");
    Objects.requireNonNull(onConnection, "onConnection");
    return new TcpServer(
        this, onConnection, null, Instrumentation.listener() == null ? null : callSite());
  }

  /**
   * Opens a TCP connection without blocking: Node's {@code net.connect(port, host, cb)}. The
   * callback runs on the loop thread with the connection, or with the error when connecting
   * failed. (Resolving {@code host} to an address happens on the loop thread; use
   * {@code "localhost"} or an IP address.)
   *
   * @param host the host name or IP address
   * @param port the port
   * @param onConnect receives {@code (error, connection)} on the loop thread
   */
  public void connect(String host, int port, Callback<Connection> onConnect) {
    checkThread("connect");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(onConnect, "onConnect");
    Connection.connect(
        this, host, port, onConnect, Instrumentation.listener() == null ? null : callSite());
  }

  /**
   * Creates a small HTTP/1.1 server whose handlers run on the loop thread: Node's
   * {@code http.createServer}, with Express-style routes.
   *
   * @return the server, with no routes and not yet listening
   */
  public HttpServer createHttpServer() {
    checkThread("createHttpServer");
    return new HttpServer(this);
  }

  /**
   * Reads a whole file without blocking the loop: Node's {@code fs.readFile(path, cb)}. The file
   * is read on the thread pool in chunks of 64 KiB, each chunk a separate pool job, so other pool
   * work gets its turn between chunks; then the callback receives all the bytes on the loop
   * thread. Errors (no such file, no permission...) go to the callback, never thrown.
   *
   * @param path the file
   * @param callback receives {@code (error, bytes)} on the loop thread
   * @throws IllegalStateException as for {@link #queueWork(Callable, AfterWork)}: the first
   *     {@code readFile} may start the pool
   */
  public void readFile(Path path, Callback<byte[]> callback) {
    checkThread("readFile");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(callback, "callback");
    submit(new FileRead(this, path, callback));
  }

  /**
   * Starts a child process: Node's {@code child_process.spawn(command, args)}. Its standard
   * output, standard error and exit code arrive as loop callbacks; the loop never waits for the
   * process. The process's standard input is closed at once (it reads end-of-file).
   *
   * @param command the program, found on the {@code PATH} like a shell would
   * @param args its arguments
   * @return the running child process
   * @throws UncheckedIOException when the program cannot be started (for example, not found)
   */
  public ChildProcess spawn(String command, String... args) {
    checkThread("spawn");
    Objects.requireNonNull(command, "command");
    return ChildProcess.start(
        this, command, args, Instrumentation.listener() == null ? null : callSite());
  }

  /**
   * Files at descriptor level on the pool: Node's {@code fs.open}, {@code fs.read} and {@code
   * fs.close}, each call one pool job with its callback on the loop thread. See {@link Fs}.
   *
   * @return this loop's {@code fs}
   */
  public Fs fs() {
    checkThread("fs");
    return fs == null ? fs = new Fs(this) : fs;
  }

  /**
   * Finds the address of a host name on a pool thread: Node's {@code dns.lookup(host, cb)}, which
   * libuv runs as a blocking {@code getaddrinfo} on its pool. A slow lookup holds a pool thread
   * for as long as it takes. A name that does not resolve is an {@link
   * java.net.UnknownHostException} ({@code getaddrinfo ENOTFOUND host}) in the callback. See
   * {@link Dns}.
   *
   * @param host the host name (or an IP address, which needs no lookup but still takes a job)
   * @param callback receives {@code (error, address)} on the loop thread: the first address
   * @throws IllegalStateException as for {@link #queueWork(Callable, AfterWork)}
   */
  public void lookup(String host, Callback<InetAddress> callback) {
    checkThread("lookup");
    Dns.lookup(this, host, callback);
  }

  /**
   * Finds the addresses of a host name without using the pool: Node's {@code dns.resolve4(host,
   * cb)}, which c-ares does without libuv's pool. Here it runs on a short-lived thread of its own
   * ({@code dns-N}). A name that does not resolve is an {@link java.net.UnknownHostException}
   * ({@code queryA ENOTFOUND host}) in the callback. See {@link Dns}.
   *
   * @param host the host name
   * @param callback receives {@code (error, addresses)} on the loop thread
   */
  public void resolve(String host, Callback<List<InetAddress>> callback) {
    checkThread("resolve");
    Dns.resolve(this, host, callback);
  }

  /**
   * Starts a JVM that runs {@code mainClass}, a class of your program, with a message channel:
   * Node's {@code child_process.fork(modulePath, args)}. See {@link ChildProcess} and {@link
   * Parent}. The child runs with this JVM's Java, class path and JVM options; its output goes to
   * yours unless you register callbacks for it. It never outlives your program.
   *
   * @param mainClass the binary name of a class with a {@code public static void main(String[])}
   * @param args its arguments
   * @return the child; a fork that cannot start reports an error event instead of throwing
   */
  public ChildProcess fork(String mainClass, String... args) {
    checkThread("fork");
    return Fork.start(
        this, mainClass, args, Instrumentation.listener() == null ? null : callSite());
  }

  @Override
  public String toString() {
    return "EventLoop[thread=" + owner.getName() + (running ? ", running" : "") + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Internals.

  void checkThread(String what) {
    Thread me = Thread.currentThread();
    if (me != owner) {
      throw new IllegalStateException(
          what
              + " must be called on the loop thread \""
              + owner.getName()
              + "\", but it was called on \""
              + me.getName()
              + "\". Other threads"
              + " hand work to the loop with loop.post(() -> ...).");
    }
  }

  /** Adds to the queue, from any thread, and wakes the loop if needed. */
  void enqueue(Runnable r) {
    synchronized (queueLock) {
      incoming.addLast(r);
    }
    if (Thread.currentThread() != owner) {
      Selector s = selector;
      if (s != null) s.wakeup();
      LockSupport.unpark(owner);
    }
  }

  /** Queues a learner callback of the given kind; from any thread. */
  void defer(CallbackKind kind, StackTraceElement site, Runnable r) {
    enqueue(new Task(kind, site, r));
  }

  private boolean hasQueued() {
    synchronized (queueLock) {
      return !incoming.isEmpty() || !draining.isEmpty();
    }
  }

  private boolean alive() {
    return refs > 0 || pending > 0 || hasQueued();
  }

  /** Runs one learner callback, reporting it to the listener; a throw ends the run. */
  void runCallback(CallbackKind kind, StackTraceElement site, Runnable callback) {
    RuntimeListener listener = Instrumentation.listener();
    if (listener == null) {
      try {
        callback.run();
      } catch (Throwable t) {
        throw uncaught(kind, t);
      }
      return;
    }
    CallbackEvent event = new CallbackEvent(CALLBACK_IDS.incrementAndGet(), kind, site);
    listener.callbackStarted(event);
    Throwable thrown = null;
    try {
      callback.run();
    } catch (Throwable t) {
      thrown = t;
    }
    listener.callbackEnded(event, thrown);
    if (thrown != null) throw uncaught(kind, thrown);
  }

  private UncaughtCallbackError uncaught(CallbackKind kind, Throwable t) {
    return t instanceof UncaughtCallbackError u ? u : new UncaughtCallbackError(kind, owner, t);
  }

  private void runTimers() {
    if (heapSize == 0) return;
    long now = System.nanoTime();
    long seqLimit = timerSeq;
    while (heapSize > 0) {
      Timer t = heap[0];
      if (t.due - now > 0 || t.seq >= seqLimit) return;
      removeTimer(t);
      if (t.periodNanos > 0) {
        t.due = now + t.periodNanos;
        t.seq = timerSeq++;
        addTimer(t);
      } else {
        t.deactivate();
      }
      runCallback(
          t.periodNanos > 0 ? CallbackKind.INTERVAL : CallbackKind.TIMER, t.site, t.callback);
    }
  }

  private void runQueue() {
    ArrayDeque<Runnable> batch;
    synchronized (queueLock) {
      if (!draining.isEmpty()) {
        // left over by a callback that threw: they keep their place in front
        draining.addAll(incoming);
        incoming.clear();
      } else {
        if (incoming.isEmpty()) return;
        batch = incoming;
        incoming = draining;
        draining = batch;
      }
      batch = draining;
    }
    Runnable r;
    while ((r = batch.pollFirst()) != null) {
      if (r instanceof Task t) {
        if (t.kind == null) {
          t.run();
        } else {
          runCallback(t.kind, t.site, t);
        }
      } else {
        runCallback(CallbackKind.POST, null, r);
      }
    }
  }

  private void poll() {
    long timeout = -1; // forever
    if (hasQueued()) {
      timeout = 0;
    } else if (heapSize > 0) {
      timeout = Math.max(0, heap[0].due - System.nanoTime());
    }
    Selector s = selector;
    if (s == null) {
      if (timeout < 0) {
        LockSupport.park(this);
      } else if (timeout > 0) {
        LockSupport.parkNanos(this, timeout);
      }
      return;
    }
    try {
      if (timeout == 0) {
        s.selectNow();
      } else if (timeout < 0) {
        s.select();
      } else {
        s.select(Math.max(1, (timeout + 999_999) / 1_000_000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<SelectionKey> ready = s.selectedKeys();
    if (ready.isEmpty()) return;
    Iterator<SelectionKey> it = ready.iterator();
    while (it.hasNext()) {
      SelectionKey key = it.next();
      it.remove();
      if (!key.isValid()) continue;
      LoopHandle h = (LoopHandle) key.attachment();
      try {
        h.ioReady(key);
      } catch (IOException e) {
        h.ioFailed(e);
      }
    }
  }

  SelectionKey register(SelectableChannel channel, int ops, LoopHandle handle) throws IOException {
    Selector s = selector;
    if (s == null) {
      s = Selector.open();
      selector = s;
    }
    channel.configureBlocking(false);
    return channel.register(s, ops, handle);
  }

  ByteBuffer readBuffer() {
    if (readBuffer == null) readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    return readBuffer;
  }

  private void releaseIdleSelector() {
    Selector s = selector;
    if (s == null) return;
    try {
      s.selectNow(); // flushes cancelled keys
      if (s.keys().isEmpty()) {
        selector = null;
        s.close();
      }
    } catch (IOException e) {
      // nothing to do
    }
  }

  // Timer heap ------------------------------------------------------------------------------

  private static boolean before(Timer a, Timer b) {
    long d = a.due - b.due;
    return d < 0 || (d == 0 && a.seq < b.seq);
  }

  private void addTimer(Timer t) {
    if (heapSize == heap.length) heap = Arrays.copyOf(heap, heapSize * 2);
    int i = heapSize++;
    heap[i] = t;
    t.heapIndex = i;
    siftUp(i);
  }

  void removeTimer(Timer t) {
    int i = t.heapIndex;
    t.heapIndex = -1;
    int last = --heapSize;
    Timer moved = heap[last];
    heap[last] = null;
    if (i == last) return;
    heap[i] = moved;
    moved.heapIndex = i;
    siftDown(i);
    if (heap[i] == moved) siftUp(i);
  }

  private void siftUp(int i) {
    Timer t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Timer p = heap[parent];
      if (!before(t, p)) break;
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private void siftDown(int i) {
    Timer t = heap[i];
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      Timer c = heap[child];
      int right = child + 1;
      if (right < heapSize && before(heap[right], c)) {
        child = right;
        c = heap[child];
      }
      if (!before(c, t)) break;
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  // Helpers ---------------------------------------------------------------------------------

  /**
   * The learner's frame that called into the runtime: the innermost frame outside the runtime and
   * the JDK (a {@code thenApplyAsync(f, loop::post)} reaches post through CompletableFuture), else
   * the innermost outside the runtime, else null. Only called when a listener is installed; the
   * listener hears when the walk starts and ends, since its time is the listener's, not the
   * caller's.
   */
  static StackTraceElement callSite() {
    RuntimeListener l = Instrumentation.listener();
    if (l == null) return walkToCallSite();
    l.callSiteStarted();
    try {
      return walkToCallSite();
    } finally {
      l.callSiteEnded();
    }
  }

  private static StackTraceElement walkToCallSite() {
    return StackWalker.getInstance()
        .walk(
            frames -> {
              StackWalker.StackFrame first = null;
              for (var it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                String c = f.getClassName();
                if (c.startsWith("dev.workshop.runtime.")) continue;
                if (!(c.startsWith("java.")
                    || c.startsWith("javax.")
                    || c.startsWith("jdk.")
                    || c.startsWith("sun.")
                    || c.startsWith("com.sun."))) {
                  return f.toStackTraceElement();
                }
                if (first == null) first = f;
              }
              return first == null ? null : first.toStackTraceElement();
            });
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
