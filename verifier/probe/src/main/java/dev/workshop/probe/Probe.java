package dev.workshop.probe;

import dev.workshop.probe.weave.Hooks;
import dev.workshop.probe.weave.WeavingClassLoader;
import dev.workshop.runtime.UncaughtCallbackError;
import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.ConfinementEvent;
import dev.workshop.runtime.instrument.Instrumentation;
import dev.workshop.runtime.instrument.JobEvent;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.ProcessEvent;
import dev.workshop.runtime.instrument.ProcessMessageEvent;
import dev.workshop.runtime.instrument.RuntimeListener;
import dev.workshop.runtime.instrument.SharedAccess;
import dev.workshop.runtime.instrument.SocketEvent;
import dev.workshop.runtime.instrument.WorkerEvent;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The verifier's eyes inside the child JVM, and the child's main class. It starts before the
 * solution's {@code main}, plugs into the runtime's {@link RuntimeListener} hooks (sealed: the
 * solution cannot remove it) and reports what it sees to the verifier. It adds nothing to the
 * learner's code.
 *
 * <p>The work is split by job: {@link CallbackMeter} measures each loop callback on the loop
 * thread, {@link Watchdog} samples stacks, finds threads and processes and takes the deadline
 * snapshot, {@link Threads} tells whose a thread is, {@link VmClocks} reads the JVM's own clocks,
 * {@link Report} writes the records ({@link ReportFormat}).
 *
 * <p>Usage (the verifier builds this command): {@code java -cp probe:runtime:asm
 * -Dworkshop.probe.deadline.ms=N dev.workshop.probe.Probe MainClass args...}, then a {@link GoLine}
 * on standard input names the classes and the report's socket.
 */
public final class Probe implements RuntimeListener {
  /** How long the processes left at exit get to end by themselves, ms. */
  static final long DESCENDANTS_GRACE_MS = 1000;

  private final Report report;
  private final Frames frames;
  private final Thread mainThread = Thread.currentThread();
  private final Threads threads = new Threads(mainThread);
  private final LookupRecorder lookups;
  private VmClocks vm;
  private Watchdog watchdog;
  private CallbackMeter meter;
  private SocketRecorder sockets;
  private PoolWaits poolWaits;

  private final Object poolLock = new Object();
  private int mostRunning;
  private int longestQueue;

  /**
   * Per running job: its start (report time), its thread's CPU time then (ns, -1 unknown) and how
   * long it waited in the pool's queue (ns, -1 unknown).
   */
  private final Map<Long, long[]> jobStarts = new ConcurrentHashMap<>();

  /** The descriptor-level file calls ({@code fs().open}, {@code read}, {@code close}). */
  private final FileRecorder files;

  private final RootCause rootCause = new RootCause();

  /** Threads of the runtime's {@code Worker}s, announced before they start. */
  private final java.util.Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();

  /** Workers, their callbacks and messages, shared-memory counts. */
  private final WorkerRecorder workers;

  private final BackToTheLoop backToTheLoop;

  /** Child processes, their exits and messages. */
  private final ProcessRecorder processes;

  /** Forked JVMs run under a probe of their own. */
  private final ForkedProbes forks = new ForkedProbes(System.getProperty("java.class.path"));

  private Probe(Report report, Frames frames) {
    this.report = report;
    this.frames = frames;
    this.files = new FileRecorder(report);
    this.lookups = new LookupRecorder(report, threads);
    this.workers = new WorkerRecorder(report, threads, frames, this::threadCpu);
    this.backToTheLoop = new BackToTheLoop(report, this::threadCpu);
    this.processes = new ProcessRecorder(report);
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
    ReportChannel channel = new ReportChannel(); // a loopback socket, once the go line names it
    Probe probe = new Probe(new Report(channel), frames);
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
      channel.discard();
    } else {
      if (!go.classes().isEmpty()) classes = go.classes();
      if (go.namesClasses()) frames.name(go.learner(), go.host());
      probe.forks.go(go);
      if (go.forked()) {
        // A forked JVM: its standard input ends after the go line, and the runtime of the JVM
        // that forked it (and the verifier's process group) ends it with that JVM.
        channel.connect(go.port(), go.token(), "fork " + ProcessHandle.current().pid());
      } else {
        channel.connect(go.port(), go.token());
        ParentWatch.start(stdin);
      }
    }
    probe.processes.self(
        go == null || !go.forked()
            ? "main"
            : dev.workshop.runtime.Cluster.isWorker() ? "cluster-worker" : "fork");
    System.setIn(java.io.InputStream.nullInputStream()); // the solution's standard input is closed
    probe.watchdog.deadlineFromNow(deadlineMs);
    if (classes != null) {
      // As if the solution's folder were on the class path: a program that starts a copy of
      // itself with "java -cp <java.class.path>" must find its own classes.
      System.setProperty(
          "java.class.path",
          System.getProperty("java.class.path") + java.io.File.pathSeparator + classes);
    }
    // The solution's classes are woven as they load: exact events of who ran what (Evidence).
    ClassLoader solution =
        new WeavingClassLoader(
            Path.of(classes == null ? "." : classes), Probe.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(solution);
    MethodHandle main;
    try {
      Class<?> mainClass = Class.forName(args[0], false, solution);
      main =
          MethodHandles.publicLookup()
              .findStatic(mainClass, "main", MethodType.methodType(void.class, String[].class));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      System.err.println(
          "error: cannot run " + args[0] + ": it has no public static void main(String[] args)");
      System.exit(3);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    // Node runs the main script before the loop: it is measured as a callback of its own.
    probe.meter.measureMain(Thread.currentThread());
    probe.meter.begin(0, CallbackMeter.MAIN_KIND, "");
    try {
      main.invokeExact(rest);
    } catch (Throwable t) {
      probe.mainEnded("threw");
      throw t; // the JVM hands it to our uncaught-exception handler, then exits with code 1
    }
    probe.mainEnded("returned");
  }

  private static List<String> names(String property) {
    return list(System.getProperty(property, ""));
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private void start() {
    // The management beans and the security providers take tens of milliseconds to set up; the
    // JDK's everyday paths as long again. On two cores they can warm up side by side.
    VmClocks[] clocks = new VmClocks[1];
    Thread init =
        new Thread(
            () -> {
              clocks[0] = new VmClocks();
              try {
                java.security.MessageDigest.getInstance("SHA-256").digest(new byte[8]);
              } catch (java.security.NoSuchAlgorithmException e) {
                // nothing to warm
              }
            },
            "workshop-probe-init");
    threads.probeThread(init);
    init.start();
    WarmUp.run(frames);
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    vm = clocks[0];
    vm.threads.getThreadInfo(Thread.currentThread().getId(), 8);
    report.write(
        ReportFormat.START,
        report.origin(),
        Runtime.getRuntime().availableProcessors(),
        !ThreadClock.portable() && ThreadClock.forCurrentThread().available(),
        ThreadClock.name());
    watchdog = new Watchdog(report, vm, frames, threads, mainThread);
    meter = new CallbackMeter(report, vm, watchdog);
    sockets = new SocketRecorder(report, frames);
    Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
    Thread hook = new Thread(this::shutdown, "workshop-probe-shutdown");
    threads.probeThread(hook);
    Runtime.getRuntime().addShutdownHook(hook);
    System.setOut(
        new PrintStream(
            new StdoutRecorder(
                new java.io.BufferedOutputStream(
                    new java.io.FileOutputStream(java.io.FileDescriptor.out), 8192),
                report,
                meter),
            true,
            StandardCharsets.UTF_8));
    poolWaits =
        new PoolWaits(
            report,
            threads,
            Long.getLong("workshop.probe.starvation.stop.ms", 0L),
            () -> {
              meter.writeUnfinished();
              finishPool();
            });
    Instrumentation.installSealed(this);
    Evidence evidence = new Evidence(report, threads, frames, meter, mainThread);
    evidence.poolWaits(poolWaits);
    Hooks.install(evidence);
    watchdog.start(this::atDeadline);
    StallDetector.start(report, vm, threads, meter::measuredTid);
    ThreadClock.start(threads, vm);
  }

  // --- runtime hooks --------------------------------------------------------------------------

  @Override
  public void loopCreated(Thread thread) {
    // The main script of a program with a loop is judged, even when it never reaches loop.run().
    report.write(
        ReportFormat.LOOP_NEW, report.now(), thread.getName(), thread == mainThread ? 1 : 0);
  }

  @Override
  public void loopStarted(Thread thread) {
    if (workers.loopStarted(thread)) return; // the worker's main is over
    if (workerThreads.contains(thread)) return; // a Worker's own loop is not the program's loop
    meter.measureLoop(thread);
    backToTheLoop.loopStarted(thread);
    report.write(ReportFormat.LOOP, "started", report.now(), thread.getName());
  }

  @Override
  public void loopEnded(Thread thread) {
    if (workerThreads.contains(thread)) return;
    report.write(ReportFormat.LOOP, "ended", report.now(), thread.getName());
  }

  @Override
  public void callbackStarted(CallbackEvent callback) {
    if (workers.callbackStarted(callback)) return; // a worker's, never main's time
    meter.begin(callback.id(), callback.kind().name(), site(callback.callSite()));
    sockets.callbackStarted(callback.callSite());
  }

  @Override
  public void callbackEnded(CallbackEvent callback, Throwable thrown) {
    if (workers.callbackEnded(callback, thrown)) return;
    meter.end();
  }

  @Override
  public void jobQueued(JobEvent job, int queueLength) {
    synchronized (poolLock) {
      longestQueue = Math.max(longestQueue, queueLength);
    }
    files.queued(job);
    poolWaits.jobQueued(job);
  }

  @Override
  public void fileCall(JobEvent job, int fd, String path, int length, int bytes) {
    files.called(job, fd, path, length, bytes);
  }

  @Override
  public void jobStarted(JobEvent job, int runningNow) {
    synchronized (poolLock) {
      mostRunning = Math.max(mostRunning, runningNow);
    }
    jobStarts.put(job.id(), new long[] {report.now(), threadCpu(), -1});
    poolWaits.jobStarted(job);
  }

  @Override
  public void jobWaited(JobEvent job, long waitedNanos) {
    long[] start = jobStarts.get(job.id()); // same pool thread as jobStarted and jobEnded
    if (start != null) start[2] = waitedNanos;
    lookups.jobWaited(job, waitedNanos);
  }

  @Override
  public void resolveStarted(JobEvent job) {
    lookups.resolveStarted(job);
  }

  @Override
  public void resolveEnded(JobEvent job, Throwable thrown) {
    lookups.resolveEnded(job, thrown);
  }

  /** The calling thread's CPU time in ns, or -1 when the JVM does not measure it. */
  private long threadCpu() {
    VmClocks clocks = vm;
    try {
      return clocks == null ? -1 : clocks.threads.getCurrentThreadCpuTime();
    } catch (UnsupportedOperationException e) {
      return -1;
    }
  }

  @Override
  public void jobEnded(JobEvent job, Throwable thrown) {
    poolWaits.jobEnded();
    long[] start = jobStarts.remove(job.id());
    Thread t = Thread.currentThread();
    if (thrown != null) rootCause.thrownInJob(thrown, t);
    long cpu = start == null || start[1] < 0 ? -1 : Math.max(-1, threadCpu() - start[1]);
    report.write(
        ReportFormat.JOB,
        job.id(),
        site(job.callSite()),
        t.getName(),
        start == null ? -1 : start[0],
        report.now(),
        thrown == null ? "" : thrown.getClass().getName(),
        threads.isPool(t),
        cpu,
        start == null ? -1 : start[2],
        job.kind().name());
    lookups.jobEnded(job);
  }

  @Override
  public void poolStarted(int size) {
    meter.runtimeWorkStarted();
    report.write(ReportFormat.POOL, size);
    poolWaits.poolStarted(size);
  }

  @Override
  public void poolReady(int size) {
    meter.runtimeWorkEnded();
  }

  @Override
  public void callSiteStarted() {
    meter.runtimeWorkStarted(); // the runtime's stack walk for the probe: not the caller's time
  }

  @Override
  public void callSiteEnded() {
    meter.runtimeWorkEnded();
  }

  @Override
  public void runtimeThreadStarting(Thread thread) {
    threads.runtimeThread(thread);
  }

  @Override
  public void confinementViolation(ConfinementEvent v) {
    report.write(
        ReportFormat.CONFINEMENT,
        report.now(),
        v.owner().getName(),
        v.offender().getName(),
        Frames.describe(frames.blamed(v.where())));
  }

  @Override
  public void workerStarting(WorkerEvent worker) {
    workerThreads.add(worker.thread()); // before it starts: its loop must not bind the meter
    workers.starting(worker);
    meter.runtimeWorkStarted(); // thread.start(): the operating system's time, not the caller's
  }

  @Override
  public void workerStarted(WorkerEvent worker) {
    meter.runtimeWorkEnded();
    backToTheLoop.workerStarted(worker);
  }

  @Override
  public void workerExited(WorkerEvent worker, int exitCode, Throwable error) {
    workers.exited(worker, exitCode, error);
  }

  @Override
  public void messageCopied(MessageEvent message, Object sent, Object copy) {
    workers.copied(message, sent, copy);
  }

  @Override
  public void messagePosted(MessageEvent message) {
    workers.posted(message);
  }

  @Override
  public void messageReceived(MessageEvent message) {
    workers.received(message);
  }

  @Override
  public void sharedMemoryAccess(int bufferId, SharedAccess access, int index) {
    workers.sharedAccess(bufferId, access);
  }

  // --- child processes ---------------------------------------------------------------------

  @Override
  public List<String> forkCommand(List<String> command) {
    // From here to forkInput the runtime starts the JVM (ProcessBuilder.start): the operating
    // system's time, as for a process the solution starts itself, not the calling callback's.
    meter.runtimeWorkStarted();
    return forks.command(command);
  }

  @Override
  public String forkInput(long pid) {
    meter.runtimeWorkEnded();
    return forks.input();
  }

  @Override
  public void processStarted(ProcessEvent process) {
    processes.started(process);
  }

  @Override
  public void processExited(ProcessEvent process, int exitCode, boolean endedByRuntime) {
    processes.exited(process, exitCode, endedByRuntime);
  }

  @Override
  public void processMessageSent(ProcessMessageEvent message) {
    processes.message(message, true);
  }

  @Override
  public void processMessageReceived(ProcessMessageEvent message) {
    processes.message(message, false);
  }

  @Override
  public void socketEvent(SocketEvent event) {
    sockets.record(event);
  }

  // --- the end of the solution --------------------------------------------------------------

  private void mainEnded(String how) {
    meter.end(); // the main script, when no loop ran on main
    watchdog.mainEnded();
    report.write(ReportFormat.MAIN, report.now(), how);
    report.flush();
  }

  private void uncaught(Thread t, Throwable e) {
    StackTraceElement blamed = frames.blamed(e.getStackTrace());
    Throwable cause = e;
    // Reflection's wrapper says nothing a learner needs: what the called method threw does.
    while ((cause instanceof java.lang.reflect.InvocationTargetException
            || cause instanceof java.lang.reflect.UndeclaredThrowableException)
        && cause.getCause() != null) {
      cause = cause.getCause();
      blamed =
          frames.blamed(cause.getStackTrace()) == null
              ? blamed
              : frames.blamed(cause.getStackTrace());
    }
    if (cause instanceof UncaughtCallbackError && cause.getCause() != null) {
      cause = cause.getCause();
      blamed = frames.blamed(cause.getStackTrace());
    }
    RootCause.Cause root = rootCause.of(cause, frames);
    report.write(
        ReportFormat.UNCAUGHT,
        report.now(),
        t.getName(),
        cause.getClass().getName(),
        String.valueOf(cause.getMessage()),
        Frames.describe(blamed),
        root == null ? "" : root.thread(),
        root == null ? "" : root.exception(),
        root == null ? "" : root.message(),
        root == null ? "" : root.frame());
    report.flush();
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
    return c.startsWith("dev.workshop.probe.")
        || c.startsWith("java.lang.invoke.")
        || c.startsWith("jdk.internal.reflect.")
        || c.startsWith("java.lang.reflect.");
  }

  private void shutdown() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement f : e.getValue()) {
        if (f.getClassName().equals("java.lang.Shutdown") && f.getMethodName().equals("exit")) {
          report.write(
              ReportFormat.EXIT,
              report.now(),
              e.getKey().getName(),
              Frames.describe(frames.blamed(e.getValue())));
          break;
        }
      }
    }
    // A solution that starts processes must not leave them behind.
    endDescendants();
    watchdog.flushUnfinished();
    meter.writeUnfinished();
    finishPool();
    workers.writeCounts(t -> threads.role(t, meter.measured()));
    sockets.finish();
    poolWaits.writeWaits();
    report.write(ReportFormat.END, report.now(), "shutdown");
    report.flush();
  }

  /**
   * Ends every process this JVM started: asked to end first (a forked JVM's probe then writes the
   * end of its report), forced after {@link #DESCENDANTS_GRACE_MS} at most.
   */
  private static void endDescendants() {
    List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
    if (left.isEmpty()) return;
    left.forEach(ProcessHandle::destroy);
    long until = System.nanoTime() + DESCENDANTS_GRACE_MS * 1_000_000L;
    for (ProcessHandle p : left) {
      long ms = (until - System.nanoTime()) / 1_000_000L;
      if (ms <= 0) break;
      try {
        p.onExit().get(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
  }

  /** Just before the timeout: the callback still running, and the pool's figures. */
  private void atDeadline() {
    meter.writeUnfinished();
    finishPool();
    workers.writeCounts(t -> threads.role(t, meter.measured()));
    sockets.finish();
    poolWaits.atDeadline();
  }

  private void finishPool() {
    synchronized (poolLock) {
      report.write(ReportFormat.CONCURRENCY, mostRunning, longestQueue);
    }
    if (meter.dropped() > 0)
      report.write(ReportFormat.END, report.now(), "dropped " + meter.dropped());
  }

  private static String site(StackTraceElement e) {
    return e == null ? "" : Frames.describe(e);
  }
}
