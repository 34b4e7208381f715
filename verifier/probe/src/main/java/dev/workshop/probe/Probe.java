package dev.workshop.probe;

import dev.workshop.runtime.UncaughtCallbackError;
import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.ConfinementEvent;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The verifier's eyes inside the child JVM. It starts before the solution's {@code main}, plugs
 * into the runtime's {@link RuntimeListener} hooks and writes what it sees to a report file that
 * the verifier reads once the child has ended. It adds nothing to the learner's code.
 *
 * <p>For every loop callback it records the wall time, the loop thread's time on a CPU, the time
 * that thread spent waiting for a CPU (Linux schedstat) and the VM pauses (safepoints, GC) that
 * overlapped it. A watchdog thread samples the loop thread's stack once a callback has run for
 * {@value #SAMPLE_AFTER_MS} ms, to say where the time went and what kind of wait it was. The same
 * watchdog notices threads the solution starts on its own, child processes, and, at the deadline,
 * deadlocks and threads that keep the JVM alive.
 *
 * <p>Usage (the verifier builds this command): {@code java -cp probe:runtime:solution
 * -Dworkshop.probe.report=FILE -Dworkshop.probe.deadline.ms=N -Dworkshop.probe.learner=A,B
 * -Dworkshop.probe.host=Host dev.workshop.probe.Probe MainClass args...}
 */
public final class Probe implements RuntimeListener {
  static final int SAMPLE_AFTER_MS = 4;
  static final long SAMPLE_EVERY_NS = 1_000_000;
  static final long THREAD_SCAN_EVERY_NS = 10_000_000;
  static final int MAX_CALLBACK_RECORDS = 200_000;

  private static final Pattern POOL_THREAD = Pattern.compile("pool-\\d+");
  private static final Pattern RUNTIME_THREAD = Pattern.compile("spawn-\\d+-std(out|err)");
  private static final Set<String> JVM_THREADS = Set.of("Reference Handler", "Finalizer",
      "Signal Dispatcher", "Attach Listener", "Common-Cleaner", "Notification Thread",
      "DestroyJavaVM", "process reaper", "Monitor Ctrl-Break", "JFR Recorder Thread",
      "JFR Periodic Tasks", "Service Thread", "Sweeper thread", "Monitor Deflation Thread",
      "Java2D Disposer", "Cleaner-0", "MemoryPoolMXBean notification dispatcher");

  private final long origin = System.nanoTime();
  private final java.io.Writer report;
  private volatile long deadlineNs = Long.MAX_VALUE;
  private volatile Frames frames;
  // Set by the init thread, read after it was joined.
  private ThreadMXBean threads;
  private List<GarbageCollectorMXBean> collectors;
  private MethodHandle safepointTime;
  private final Thread mainThread = Thread.currentThread();
  private final Set<Long> knownThreads = ConcurrentHashMap.newKeySet();
  private final Map<Long, RawThread> rawThreads = new HashMap<>();
  private final Set<Long> knownChildren = new HashSet<>();

  // The loop thread's side. Written on the loop thread only.
  private volatile Thread loopThread;
  private ThreadClock loopClock;
  private long cbStart;
  private long cbCpu;
  private long cbWait;
  private long cbPause;
  private long cbProbePause;
  /** Safepoint time caused by the watchdog's own stack samples, in ms: not a pause to forgive. */
  private final java.util.concurrent.atomic.AtomicLong probePauseMs = new java.util.concurrent.atomic.AtomicLong();
  private int callbackRecords;
  private int droppedCallbacks;

  // Shared with the watchdog.
  private volatile Running current;
  private volatile boolean watchdogIdle;
  private volatile ThreadClock watchClock;
  private volatile Thread watchdog;
  private volatile boolean mainEnded;
  private volatile boolean deadlineTaken;
  private final Object poolLock = new Object();
  private int poolSize;
  private int running;
  private int mostRunning;
  private int longestQueue;
  private final Map<Long, long[]> jobTimes = new ConcurrentHashMap<>();

  private Probe(java.io.Writer report, Frames frames) {
    this.report = report;
    this.frames = frames;
  }

  /**
   * Runs the solution's main class under the probe.
   *
   * @param args the main class, then the solution's own arguments
   * @throws Throwable whatever the solution's {@code main} throws, unchanged
   */
  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: Probe MainClass [args...]");
      System.exit(2);
    }
    long deadlineMs = Long.getLong("workshop.probe.deadline.ms", 0L);
    Frames frames = new Frames(names("workshop.probe.learner"), names("workshop.probe.host"));
    ReportChannel report = new ReportChannel(); // a loopback socket, once the go line names it
    Probe probe = new Probe(report, frames);
    probe.start();

    // The solution's classes and the report's socket come in a line "go ..." on standard input
    // (see GoLine), once the verifier has compiled them. No line: the class-data training run.
    String classes = System.getProperty("workshop.probe.classes");
    java.io.InputStream stdin = System.in;
    GoLine go = GoLine.read(stdin);
    if (go == null && Boolean.getBoolean("workshop.probe.await")) {
      Runtime.getRuntime().halt(0); // the verifier changed its mind: leave without a word
    }
    if (go == null) {
      report.discard();
    } else {
      if (!go.classes().isEmpty()) classes = go.classes();
      if (go.namesClasses()) probe.frames = new Frames(go.learner(), go.host());
      report.connect(go.port(), go.token());
      ParentWatch.start(stdin);
    }
    System.setIn(java.io.InputStream.nullInputStream()); // the solution's standard input is closed
    probe.deadlineFromNow(deadlineMs);
    if (classes != null) {
      // As if the solution's folder were on the class path: a program that starts a copy of
      // itself with "java -cp <java.class.path>" must find its own classes.
      System.setProperty("java.class.path", System.getProperty("java.class.path") + java.io.File.pathSeparator + classes);
    }
    ClassLoader solution = new java.net.URLClassLoader(
        new java.net.URL[] {Path.of(classes == null ? "." : classes).toUri().toURL()}, Probe.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(solution);
    MethodHandle main;
    try {
      Class<?> mainClass = Class.forName(args[0], false, solution);
      main = MethodHandles.publicLookup().findStatic(mainClass, "main",
          MethodType.methodType(void.class, String[].class));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      System.err.println("error: cannot run " + args[0] + ": it has no public static void main(String[] args)");
      System.exit(3);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      main.invokeExact(rest);
    } catch (Throwable t) {
      probe.mainEnded("threw");
      throw t; // the JVM hands it to our uncaught-exception handler, then exits with code 1
    }
    probe.mainEnded("returned");
  }

  private void deadlineFromNow(long deadlineMs) {
    deadlineNs = deadlineMs <= 0 ? Long.MAX_VALUE : now() + deadlineMs * 1_000_000L;
    LockSupport.unpark(watchdog);
  }

  private static List<String> names(String property) {
    return list(System.getProperty(property, ""));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void start() {
    // The management beans and the security providers take tens of milliseconds to set up; the
    // JDK's everyday paths as long again. On two cores they can warm up side by side.
    Thread init = new Thread(() -> {
      threads = ManagementFactory.getThreadMXBean();
      collectors = ManagementFactory.getGarbageCollectorMXBeans();
      safepointTime = safepointTimeHandle();
      try {
        java.security.MessageDigest.getInstance("SHA-256").digest(new byte[8]);
      } catch (java.security.NoSuchAlgorithmException e) {
        // nothing to warm
      }
    }, "workshop-probe-init");
    init.start();
    warmUp();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pauseMillis();
    threads.getThreadInfo(Thread.currentThread().getId(), 8);
    write(ReportFormat.START, origin, Runtime.getRuntime().availableProcessors(),
        ThreadClock.forCurrentThread().available());
    for (long id : threads.getAllThreadIds()) knownThreads.add(id);
    Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "workshop-probe-shutdown"));
    Thread w = new Thread(this::watch, "workshop-probe-watchdog");
    w.setDaemon(true);
    watchdog = w;
    knownThreads.add(w.getId());
    System.setOut(new PrintStream(new StdoutRecorder(new java.io.BufferedOutputStream(
        new java.io.FileOutputStream(java.io.FileDescriptor.out), 8192)), true, StandardCharsets.UTF_8));
    Instrumentation.install(this);
    w.start();
  }

  /**
   * A fresh JVM pays for its first String.format, lambda, stream, string concatenation and so on
   * with milliseconds of class loading on whichever thread gets there first. Paying here, before
   * the solution starts, keeps that cost out of the learner's first callback.
   */
  private void warmUp() {
    PrintStream sink = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    long seed = System.nanoTime();
    sink.println(String.format("%d %s %.2f %5d%n", seed, "x", 1.5, 3) + seed + 'c' + 2.5f);
    sink.print('.');
    Runnable r = () -> sink.print("");
    r.run();
    java.util.function.Function<Integer, Integer> f = x -> x + 1;
    sink.println(java.util.stream.IntStream.range(0, 10).boxed().map(f).filter(x -> x > 2)
        .collect(java.util.stream.Collectors.toList()));
    sink.println(List.of("a", "b").stream().map(String::toUpperCase).toList());
    sink.println(new ArrayList<>(List.of(3, 1, 2)).stream().sorted().count());
    sink.println(Long.parseLong("12") + Integer.parseInt("3") + Double.parseDouble("1.5"));
    sink.println(Arrays.toString("a,b".split(",")) + "x".repeat(3) + String.join("-", "a", "b"));
    sink.println(new StringBuilder().append(1.5).append('c').append(7L).reverse());
    sink.println(Pattern.compile("\\d+").matcher("a12").find());
    sink.println(new LinkedHashMap<>(Map.of("k", 1)).computeIfAbsent("j", k -> 2));
    sink.println(java.util.concurrent.CompletableFuture.completedFuture(1).thenApply(x -> x + 1).join());
    sink.println(new java.util.concurrent.atomic.AtomicLong().incrementAndGet());
    sink.println(java.time.Duration.ofMillis(5).toString() + java.util.Optional.of(1).map(x -> x));
    sink.println(StackWalker.getInstance().walk(s -> s.findFirst().map(StackWalker.StackFrame::getMethodName)).orElse(""));
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (String name : List.of("dev.workshop.runtime.EventLoop", "dev.workshop.runtime.Timer",
        "dev.workshop.runtime.Task", "dev.workshop.runtime.Work", "dev.workshop.runtime.LoopOwned",
        "dev.workshop.runtime.ThreadPool", "dev.workshop.runtime.AfterWork",
        "dev.workshop.runtime.Callback", "dev.workshop.runtime.AsyncWorker",
        "dev.workshop.runtime.ConfinementError", "dev.workshop.runtime.UncaughtCallbackError",
        "dev.workshop.runtime.FileRead", "dev.workshop.runtime.HttpServer",
        "dev.workshop.runtime.instrument.CallbackEvent", "dev.workshop.runtime.instrument.JobEvent",
        "dev.workshop.runtime.instrument.CallbackKind")) {
      try {
        Class.forName(name, true, Probe.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // an older runtime: nothing to warm
      }
    }
    ThreadClock clock = ThreadClock.forCurrentThread();
    clock.read();
    frames.isWarmUp(Thread.currentThread().getStackTrace());
  }

  // --- runtime hooks --------------------------------------------------------------------------

  @Override
  public void loopStarted(Thread thread) {
    if (loopThread == null) {
      loopThread = thread;
      loopClock = ThreadClock.forCurrentThread();
      watchClock = ThreadClock.forTid(ThreadClock.currentTid());
    }
    write(ReportFormat.LOOP, "started", now(), thread.getName());
  }

  @Override
  public void loopEnded(Thread thread) {
    write(ReportFormat.LOOP, "ended", now(), thread.getName());
  }

  @Override
  public void callbackStarted(CallbackEvent callback) {
    if (Thread.currentThread() != loopThread) return; // a second loop on another thread: not measured
    loopClock.read();
    cbCpu = loopClock.onCpu();
    cbWait = loopClock.waiting();
    cbPause = pauseMillis();
    cbProbePause = probePauseMs.get();
    cbStart = now();
    current = new Running(callback, cbStart);
    if (watchdogIdle) LockSupport.unpark(watchdog);
  }

  @Override
  public void callbackEnded(CallbackEvent callback, Throwable thrown) {
    if (Thread.currentThread() != loopThread) return;
    long end = now();
    Running r = current;
    current = null;
    // The loop thread writes what the watchdog saw itself: the JVM may exit right after this
    // callback, before the watchdog wakes up again.
    if (r != null) r.flush(false);
    loopClock.read();
    long cpu = cbCpu < 0 ? -1 : loopClock.onCpu() - cbCpu;
    long wait = cbWait < 0 ? -1 : loopClock.waiting() - cbWait;
    long pause = Math.max(0, (pauseMillis() - cbPause) - (probePauseMs.get() - cbProbePause)) * 1_000_000L;
    if (callbackRecords++ >= MAX_CALLBACK_RECORDS) {
      droppedCallbacks++;
      return;
    }
    write(ReportFormat.CALLBACK, callback.id(), callback.kind(), site(callback.callSite()), cbStart, end,
        cpu, wait, pause, 1);
  }

  @Override
  public void jobQueued(JobEvent job, int queueLength) {
    synchronized (poolLock) {
      longestQueue = Math.max(longestQueue, queueLength);
    }
  }

  @Override
  public void jobStarted(JobEvent job, int runningNow) {
    synchronized (poolLock) {
      running = runningNow;
      mostRunning = Math.max(mostRunning, runningNow);
    }
    jobTimes.put(job.id(), new long[] {now()});
  }

  @Override
  public void jobEnded(JobEvent job, Throwable thrown) {
    long[] start = jobTimes.remove(job.id());
    write(ReportFormat.JOB, job.id(), site(job.callSite()), Thread.currentThread().getName(),
        start == null ? -1 : start[0], now(), thrown == null ? "" : thrown.getClass().getName());
  }

  @Override
  public void poolStarted(int size) {
    synchronized (poolLock) {
      poolSize = size;
    }
    write(ReportFormat.POOL, size);
  }

  @Override
  public void confinementViolation(ConfinementEvent v) {
    write(ReportFormat.CONFINEMENT, now(), v.owner().getName(), v.offender().getName(),
        Frames.describe(frames.blamed(v.where())));
  }

  // --- the end of the solution --------------------------------------------------------------

  private void mainEnded(String how) {
    mainEnded = true;
    write(ReportFormat.MAIN, now(), how);
    flush();
  }

  private void uncaught(Thread t, Throwable e) {
    StackTraceElement blamed = frames.blamed(e.getStackTrace());
    Throwable cause = e;
    if (e instanceof UncaughtCallbackError && e.getCause() != null) {
      cause = e.getCause();
      blamed = frames.blamed(cause.getStackTrace());
    }
    write(ReportFormat.UNCAUGHT, now(), t.getName(), cause.getClass().getName(),
        String.valueOf(cause.getMessage()), Frames.describe(blamed));
    flush();
    if (e instanceof UncaughtCallbackError) {
      e.printStackTrace(System.err); // the runtime leaves its own frames out already
    } else {
      System.err.print("Exception in thread \"" + t.getName() + "\" ");
      printWithoutProbe(e, System.err);
    }
  }

  /** Prints a stack trace as Java would, without the probe's and reflection's frames under main. */
  private static void printWithoutProbe(Throwable e, PrintStream err) {
    StackTraceElement[] stack = e.getStackTrace();
    int keep = stack.length;
    while (keep > 0 && hidden(stack[keep - 1])) keep--;
    if (keep == 0) keep = stack.length;
    e.setStackTrace(Arrays.copyOf(stack, keep));
    e.printStackTrace(err);
  }

  private static boolean hidden(StackTraceElement f) {
    String c = f.getClassName();
    return c.startsWith("dev.workshop.probe.") || c.startsWith("java.lang.invoke.")
        || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.");
  }

  private void shutdown() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement f : e.getValue()) {
        if (f.getClassName().equals("java.lang.Shutdown") && f.getMethodName().equals("exit")) {
          write(ReportFormat.EXIT, now(), e.getKey().getName(), Frames.describe(frames.blamed(e.getValue())));
          break;
        }
      }
    }
    // A solution that starts processes must not leave them behind.
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    Running r = current;
    if (r != null) {
      r.flush(true);
      writeUnfinished(r);
    }
    finishPool();
    write(ReportFormat.END, now(), "shutdown");
    flush();
  }

  private void finishPool() {
    synchronized (poolLock) {
      write(ReportFormat.CONCURRENCY, mostRunning, longestQueue);
    }
    if (droppedCallbacks > 0) write(ReportFormat.END, now(), "dropped " + droppedCallbacks);
  }

  private void writeUnfinished(Running r) {
    write(ReportFormat.CALLBACK, r.event.id(), r.event.kind(), site(r.event.callSite()), r.start, now(),
        -1, -1, 0, 0);
  }

  // --- the watchdog ----------------------------------------------------------------------------

  private void watch() {
    long nextScan = 0;
    for (;;) {
      long now = now();
      if (!deadlineTaken && now >= deadlineNs) {
        deadlineTaken = true;
        deadline();
      }
      if (now >= nextScan) {
        scanThreadsAndChildren();
        nextScan = now + THREAD_SCAN_EVERY_NS;
      }
      Running r = current;
      if (r == null) {
        watchdogIdle = true;
        if (current == null) LockSupport.parkNanos(Math.min(THREAD_SCAN_EVERY_NS, Math.max(1, deadlineNs - now)));
        watchdogIdle = false;
        continue;
      }
      long since = now() - r.start;
      if (since < SAMPLE_AFTER_MS * 1_000_000L) {
        LockSupport.parkNanos(SAMPLE_AFTER_MS * 1_000_000L - since);
        continue;
      }
      sample(r);
      // Dense samples while a block is young, fewer as it grows: a 1 s block costs about 200
      // samples, not 1000, and its picture is just as clear.
      LockSupport.parkNanos(Math.max(SAMPLE_EVERY_NS, since / 50));
      Running after = current;
      if (after != r) r.flush(false);
    }
  }

  private void sample(Running r) {
    Thread loop = loopThread;
    ThreadClock clock = watchClock;
    if (loop == null || r.flushed) return;
    long before = safepointTime == null ? 0 : pauseMillis();
    ThreadInfo info = threads.getThreadInfo(loop.getId(), 256);
    if (safepointTime != null) probePauseMs.addAndGet(pauseMillis() - before);
    if (info == null || current != r) return;
    long t = now();
    long cpu = -1;
    if (clock != null && clock.available()) {
      clock.read();
      cpu = clock.onCpu();
    }
    r.add(t, cpu, info);
  }

  private void scanThreadsAndChildren() {
    for (long id : threads.getAllThreadIds()) {
      if (knownThreads.contains(id)) continue;
      ThreadInfo info = threads.getThreadInfo(id, 64);
      if (info == null) continue;
      String name = info.getThreadName();
      if (POOL_THREAD.matcher(name).matches()
          || RUNTIME_THREAD.matcher(name).matches() || JVM_THREADS.contains(name)
          || name.startsWith("workshop-probe") || name.startsWith("process reaper")) {
        knownThreads.add(id);
        continue;
      }
      RawThread raw = rawThreads.get(id);
      StackTraceElement blamed = frames.blamed(info.getStackTrace());
      if (raw == null) {
        raw = new RawThread(now(), info.isDaemon());
        rawThreads.put(id, raw);
      }
      if (blamed != null && raw.frame == null) {
        raw.frame = Frames.describe(blamed);
        write(ReportFormat.THREAD, name, raw.firstSeen, raw.daemon, raw.frame);
        knownThreads.add(id);
      } else if (++raw.looks > 300) {
        // Three seconds without a frame of the solution's: a helper thread of the JDK's own.
        knownThreads.add(id);
      }
    }
    try {
      ProcessHandle.current().children().forEach(p -> {
        if (knownChildren.add(p.pid())) {
          write(ReportFormat.SPAWN, now(), p.pid(), p.info().commandLine().orElse(p.info().command().orElse("?")));
        }
      });
    } catch (RuntimeException e) {
      // process listing is best effort
    }
  }

  /** Just before the verifier's timeout: say what every interesting thread is stuck on. */
  private void deadline() {
    Running r = current;
    if (r != null) {
      r.flush(true);
      writeUnfinished(r);
    }
    long[] deadlocked = threads.findDeadlockedThreads();
    if (deadlocked != null) {
      ThreadInfo[] infos = threads.getThreadInfo(deadlocked, true, true);
      StringBuilder cycle = new StringBuilder();
      for (ThreadInfo i : infos) {
        if (i == null) continue;
        if (cycle.length() > 0) cycle.append('\n');
        LockInfo lock = i.getLockInfo();
        cycle.append('"').append(i.getThreadName()).append("\" at ")
            .append(Frames.describe(frames.blamed(i.getStackTrace())))
            .append(" waits for ").append(lock == null ? "a lock" : lock.toString())
            .append(", held by \"").append(i.getLockOwnerName()).append('"');
      }
      write(ReportFormat.DEADLOCK, now(), cycle);
    }
    for (ThreadInfo i : threads.dumpAllThreads(true, true)) {
      String name = i.getThreadName();
      boolean interesting = i.getThreadId() == mainThread.getId()
          || (mainEnded && !i.isDaemon() && !name.equals("DestroyJavaVM"));
      if (!interesting) continue;
      BlockKind kind = Frames.classify(i, true);
      StackTraceElement blamed = frames.blamed(i.getStackTrace());
      String detail = i.getLockOwnerName() == null ? "" : "held by " + i.getLockOwnerName();
      write(mainEnded && i.getThreadId() != mainThread.getId() ? ReportFormat.ALIVE : ReportFormat.STUCK,
          now(), name, i.getThreadState(), kind.code(), Frames.describe(blamed), detail);
    }
    finishPool();
    write(ReportFormat.END, now(), "deadline");
    flush();
  }

  /**
   * Standard output, passed through unchanged, with the time and thread of every write noted: so
   * that the verifier knows which callback printed which line, and when.
   */
  private final class StdoutRecorder extends java.io.FilterOutputStream {
    private long offset;
    private int records;

    StdoutRecorder(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
      note(1);
      out.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      note(len);
      out.write(b, off, len);
    }

    private void note(int len) {
      if (records++ < MAX_CALLBACK_RECORDS) {
        Probe.this.write(ReportFormat.OUT, now(), offset, len, Thread.currentThread().getName());
      }
      offset += len;
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  private long now() {
    return System.nanoTime() - origin;
  }

  /** VM pauses so far, in ms: safepoint time where the JVM tells it, else GC time. */
  private long pauseMillis() {
    if (safepointTime != null) {
      try {
        return (long) safepointTime.invoke();
      } catch (Throwable e) {
        // fall back to GC time
      }
    }
    long total = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /**
   * HotSpot's total safepoint time (GC pauses included). It lives in an internal interface; the
   * verifier opens it with {@code --add-exports java.management/sun.management=ALL-UNNAMED}.
   */
  private static MethodHandle safepointTimeHandle() {
    try {
      Class<?> helper = Class.forName("sun.management.ManagementFactoryHelper");
      Object bean = helper.getMethod("getHotspotRuntimeMBean").invoke(null);
      Class<?> type = Class.forName("sun.management.HotspotRuntimeMBean");
      MethodHandle h = MethodHandles.publicLookup().findVirtual(type, "getTotalSafepointTime",
          MethodType.methodType(long.class));
      MethodHandle bound = h.bindTo(bean);
      long ignored = (long) bound.invoke();
      return ignored >= 0 ? bound : null;
    } catch (Throwable e) {
      return null;
    }
  }

  private static String site(StackTraceElement e) {
    return e == null ? "" : Frames.describe(e);
  }

  private void write(Object... fields) {
    String line = ReportFormat.line(fields);
    synchronized (report) {
      try {
        report.write(line);
        report.write('\n');
      } catch (IOException e) {
        // the verifier will notice the missing records
      }
    }
  }

  private void flush() {
    synchronized (report) {
      try {
        report.flush();
      } catch (IOException e) {
        // as above
      }
    }
  }

  private static final class RawThread {
    final long firstSeen;
    final boolean daemon;
    String frame;
    int looks;

    RawThread(long firstSeen, boolean daemon) {
      this.firstSeen = firstSeen;
      this.daemon = daemon;
    }
  }

  /** A callback in progress, and what the watchdog saw of it. */
  private final class Running {
    final CallbackEvent event;
    final long start;
    long lastSample;
    long lastCpu = -1;
    int samples;
    long warmUpNs;
    final Map<BlockKind, Long> byKind = new LinkedHashMap<>();
    final Map<BlockKind, Map<String, Long>> framesByKind = new HashMap<>();
    final Map<BlockKind, String> details = new HashMap<>();
    boolean flushed;

    Running(CallbackEvent event, long start) {
      this.event = event;
      this.start = start;
      this.lastSample = start;
    }

    synchronized void add(long t, long cpu, ThreadInfo info) {
      if (flushed) return;
      long span = t - lastSample;
      boolean usedCpu = cpu < 0 || lastCpu < 0 ? info.getThreadState() == Thread.State.RUNNABLE
          : (cpu - lastCpu) * 4 > span;
      lastSample = t;
      lastCpu = cpu;
      StackTraceElement[] stack = info.getStackTrace();
      BlockKind kind = Frames.classify(info, usedCpu);
      samples++;
      if (frames.isWarmUp(stack)) {
        warmUpNs += span;
        return;
      }
      byKind.merge(kind, span, Long::sum);
      framesByKind.computeIfAbsent(kind, k -> new HashMap<>())
          .merge(Frames.describe(frames.blamed(stack)), span, Long::sum);
      String detail = switch (kind) {
        case WAITING_LOCK -> info.getLockOwnerName() == null ? lockName(info)
            : "held by \"" + info.getLockOwnerName() + "\"" + (info.getLockName() == null ? "" : " (" + info.getLockName() + ")");
        case SLEEPING, WAITING_FUTURE, WAITING, BLOCKING_IO -> jdkCall(stack);
        default -> "";
      };
      if (!detail.isEmpty()) details.put(kind, detail);
    }

    private String lockName(ThreadInfo info) {
      return info.getLockName() == null ? "" : info.getLockName();
    }

    /** The outermost JDK frame above the learner's code: the call that waited. */
    private String jdkCall(StackTraceElement[] stack) {
      String call = "";
      for (StackTraceElement f : stack) {
        if (frames.isLearner(f) || frames.isHost(f)) break;
        if (!f.getClassName().startsWith("dev.workshop.")) {
          String c = f.getClassName();
          call = c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
        }
      }
      return call;
    }

    synchronized void flush(boolean unfinished) {
      if (flushed || samples == 0) {
        flushed = true;
        return;
      }
      flushed = true;
      BlockKind top = null;
      for (Map.Entry<BlockKind, Long> e : byKind.entrySet()) {
        if (top == null || e.getValue() > byKind.get(top)) top = e.getKey();
      }
      String frame = "";
      String detail = "";
      if (top != null) {
        long best = -1;
        for (Map.Entry<String, Long> e : framesByKind.get(top).entrySet()) {
          if (e.getValue() > best) {
            best = e.getValue();
            frame = e.getKey();
          }
        }
        detail = details.getOrDefault(top, "");
      }
      StringBuilder kinds = new StringBuilder();
      for (Map.Entry<BlockKind, Long> e : byKind.entrySet()) {
        if (kinds.length() > 0) kinds.append(',');
        kinds.append(e.getKey().code()).append(':').append(e.getValue());
      }
      write(ReportFormat.BLOCK, event.id(), samples, warmUpNs, kinds, top == null ? "" : top.code(),
          frame, detail, unfinished ? 0 : 1);
    }
  }
}
