package dev.workshop.probe;

import dev.workshop.runtime.instrument.CallbackEvent;
import dev.workshop.runtime.instrument.MessageEvent;
import dev.workshop.runtime.instrument.SharedAccess;
import dev.workshop.runtime.instrument.WorkerEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The probe's records of worker threads ({@code Worker}), their messages and shared memory:
 * {@link ReportFormat#WORKER}, {@link ReportFormat#WORKER_EXIT}, {@link
 * ReportFormat#WORKER_CALLBACK}, {@link ReportFormat#MESSAGE} and {@link ReportFormat#SHARED}.
 *
 * <p>A worker's own loop runs callbacks like any loop, on the worker's thread: they are recorded
 * here, as that worker's, and never measured by {@link CallbackMeter}, which measures the program's
 * loop thread only (a worker's work is not main's time). The worker's {@code main}, before its loop
 * starts, is recorded as its callback 0 of kind {@code MAIN}, from the moment the worker was
 * started.
 *
 * <p>Shared-memory accesses are counted per thread, buffer and operation, in the probe (four
 * million accesses make no four million records), and written at the end of the run and at the
 * deadline.
 */
final class WorkerRecorder {
  /** Worker callbacks recorded at most, all workers together. */
  static final int MAX_CALLBACK_RECORDS = 20_000;

  /** Messages recorded at most (posted and received, each). */
  static final int MAX_MESSAGE_RECORDS = 20_000;

  private final Report report;
  private final Threads threads;
  private final LongSupplier threadCpu;
  private final Frames frames;

  /** Per worker thread: [started at, main script done 1|0]. */
  private final Map<Thread, long[]> workers = new ConcurrentHashMap<>();

  /** Per worker thread, its running callback: [id, start, cpu at start]. */
  private final Map<Thread, long[]> running = new ConcurrentHashMap<>();

  /** Per message in flight: {sent, copy, content hash when posted}. */
  private final Map<Long, Object[]> inFlight = new ConcurrentHashMap<>();

  /** Per object posted, by identity: the last message that posted it (while under the cap). */
  private final Map<Object, Long> lastPostOf =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private final List<Counts> counts = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Counts> myCounts =
      ThreadLocal.withInitial(
          () -> {
            Counts c = new Counts(Thread.currentThread());
            counts.add(c);
            return c;
          });

  private int callbackRecords;
  private int messageRecords;

  WorkerRecorder(Report report, Threads threads, Frames frames, LongSupplier threadCpu) {
    this.report = report;
    this.frames = frames;
    this.threads = threads;
    this.threadCpu = threadCpu;
  }

  boolean isWorker(Thread t) {
    return workers.containsKey(t);
  }

  /** On the parent's thread, before the worker's thread starts. */
  void starting(WorkerEvent w) {
    long now = report.now();
    threads.workerThread(w.thread());
    workers.put(w.thread(), new long[] {now, 0});
    report.write(
        ReportFormat.WORKER,
        now,
        w.threadId(),
        w.thread().getName(),
        w.parent() == null ? "" : w.parent().getName(),
        w.mainClass(),
        site(w.callSite()));
  }

  /** On the worker's thread: its loop starts, so its main script is over. */
  boolean loopStarted(Thread t) {
    long[] w = workers.get(t);
    if (w == null) return false;
    mainScriptOver(t, w, "");
    return true;
  }

  private void mainScriptOver(Thread t, long[] w, String thrown) {
    if (w[1] != 0) return;
    w[1] = 1;
    writeCallback(t, 0, "MAIN", "", w[0], report.now(), threadCpu.getAsLong(), thrown);
  }

  /** On the worker's thread, as it ends. */
  void exited(WorkerEvent w, int code, Throwable error) {
    long[] started = workers.get(w.thread());
    if (started != null) mainScriptOver(w.thread(), started, error == null ? "" : name(error));
    StackTraceElement[] stack = error == null ? new StackTraceElement[0] : error.getStackTrace();
    report.write(
        ReportFormat.WORKER_EXIT,
        report.now(),
        w.thread().getName(),
        code,
        error == null ? "" : name(error),
        error == null ? "" : String.valueOf(error.getMessage()),
        stack.length == 0 ? "" : Frames.describe(frames.blamed(stack)));
    report.flush();
  }

  /** A callback starts; returns whether it runs on a worker's loop (and is recorded here). */
  boolean callbackStarted(CallbackEvent c) {
    Thread t = Thread.currentThread();
    if (!workers.containsKey(t)) return false;
    running.put(t, new long[] {c.id(), report.now(), threadCpu.getAsLong()});
    return true;
  }

  /** A callback ends; returns whether it ran on a worker's loop. */
  boolean callbackEnded(CallbackEvent c, Throwable thrown) {
    Thread t = Thread.currentThread();
    if (!workers.containsKey(t)) return false;
    long[] r = running.remove(t);
    if (r == null) return true;
    long cpu = r[2] < 0 ? -1 : Math.max(-1, threadCpu.getAsLong() - r[2]);
    writeCallback(
        t, r[0], c.kind().name(), site(c.callSite()), r[1], report.now(), cpu, name(thrown));
    return true;
  }

  private void writeCallback(
      Thread t, long id, String kind, String site, long start, long end, long cpu, String thrown) {
    synchronized (this) {
      if (callbackRecords++ >= MAX_CALLBACK_RECORDS) return;
    }
    report.write(
        ReportFormat.WORKER_CALLBACK, t.getName(), id, kind, site, start, end, cpu, thrown);
  }

  /** On the sender's thread, just before {@link #posted}. */
  void copied(MessageEvent m, Object sent, Object copy) {
    Long hash = MessageFingerprint.tryOf(sent);
    // The same object posted before: its content then and now, both read on the sender's own
    // thread, tell exactly whether the sender changed it after posting it.
    Long previous = messageRecords < MAX_MESSAGE_RECORDS ? lastPostOf.put(sent, m.id()) : null;
    inFlight.put(
        m.id(),
        new Object[] {
          sent,
          copy,
          hash,
          MessageFingerprint.sharedMutable(sent, copy),
          previous == null ? -1L : previous
        });
  }

  /** On the sender's thread. */
  void posted(MessageEvent m) {
    synchronized (this) {
      if (messageRecords++ >= MAX_MESSAGE_RECORDS) {
        inFlight.remove(m.id());
        return;
      }
    }
    Object[] f = inFlight.get(m.id());
    report.write(
        ReportFormat.MESSAGE,
        report.now(),
        "posted",
        m.id(),
        m.workerThreadId(),
        m.toWorker() ? 1 : 0,
        m.sender().getName(),
        m.type(),
        site(m.callSite()),
        f == null ? "" : System.identityHashCode(f[0]),
        f == null ? "" : System.identityHashCode(f[1]),
        f == null || f[2] == null ? "" : f[2],
        f == null ? -1 : f[3],
        m.sharedBufferIds().stream().map(String::valueOf).collect(Collectors.joining(",")),
        m.transferred(),
        f == null ? -1 : f[4]);
  }

  /** On the receiver's loop thread, before its {@code onMessage} runs. */
  void received(MessageEvent m) {
    Object[] f = inFlight.remove(m.id());
    if (f == null) return; // not recorded (over the cap), or posted before the probe listened
    Long copyNow = MessageFingerprint.tryOf(f[1]);
    Long sentNow = MessageFingerprint.tryOf(f[0]); // the sender may be changing it right now
    report.write(
        ReportFormat.MESSAGE,
        report.now(),
        "received",
        m.id(),
        Thread.currentThread().getName(),
        System.identityHashCode(f[1]),
        copyNow == null ? "" : copyNow,
        sentNow == null ? "" : sentNow);
  }

  /** Any thread, on every access: a thread-local count, no record. */
  void sharedAccess(int bufferId, SharedAccess access) {
    myCounts.get().add(bufferId, access.ordinal());
  }

  /** The shared-memory counts so far, one record per thread and buffer. */
  void writeCounts(java.util.function.Function<Thread, String> role) {
    SharedAccess[] kinds = SharedAccess.values();
    for (Counts c : counts) {
      for (Map.Entry<Integer, long[]> e : c.perBuffer.entrySet()) {
        StringBuilder b = new StringBuilder();
        long[] n = e.getValue();
        for (int i = 0; i < kinds.length; i++) {
          if (n[i] == 0) continue;
          if (b.length() > 0) b.append(',');
          b.append(kinds[i].name()).append(':').append(n[i]);
        }
        if (n.length > kinds.length && n[kinds.length] > 0) {
          if (b.length() > 0) b.append(',');
          b.append(BARE_NOTIFY).append(':').append(n[kinds.length]);
        }
        report.write(ReportFormat.SHARED, c.thread.getName(), role.apply(c.thread), e.getKey(), b);
      }
    }
    SharedSiteRecorder.write(report, role);
  }

  private static String name(Throwable t) {
    return t == null ? "" : t.getClass().getName();
  }

  private static String site(StackTraceElement e) {
    return e == null ? "" : Frames.describe(e);
  }

  /**
   * The pseudo-operation counted beside the others: an {@code Atomics.notify} by a thread that had
   * changed nothing in the buffer since its previous notify (or ever). A waiter that reaches {@code
   * Atomics.wait} after such a notify finds the value it waits on unchanged and sleeps on.
   */
  static final String BARE_NOTIFY = "BARE_NOTIFY";

  private static final int KINDS = SharedAccess.values().length;

  /** One thread's shared-memory counts: written by that thread only, read at the end. */
  private static final class Counts {
    final Thread thread;
    final Map<Integer, long[]> perBuffer = new ConcurrentHashMap<>();
    private int lastId = Integer.MIN_VALUE;
    private long[] last;

    Counts(Thread thread) {
      this.thread = thread;
    }

    void add(int bufferId, int kind) {
      long[] n = last;
      if (bufferId != lastId || n == null) {
        // One slot per operation, then the bare notifies, then "changed since the last notify".
        n = perBuffer.computeIfAbsent(bufferId, k -> new long[KINDS + 2]);
        last = n;
        lastId = bufferId;
      }
      n[kind]++;
      if (kind == SharedAccess.NOTIFY.ordinal()) {
        if (n[KINDS + 1] == 0) n[KINDS]++;
        n[KINDS + 1] = 0;
      } else if (changes(kind)) {
        n[KINDS + 1] = 1;
      }
    }

    private static boolean changes(int kind) {
      return kind == SharedAccess.STORE.ordinal()
          || kind == SharedAccess.ADD.ordinal()
          || kind == SharedAccess.COMPARE_EXCHANGE.ordinal()
          || kind == SharedAccess.SET.ordinal();
    }
  }
}
