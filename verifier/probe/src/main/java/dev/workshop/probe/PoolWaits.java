package dev.workshop.probe;

import dev.workshop.probe.weave.Sites;
import dev.workshop.runtime.instrument.JobEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * What the runtime's pool threads waited for, and pool starvation: every pool thread inside a job,
 * waiting for a future (a woven {@code join}, {@code get}, latch, {@code Object.wait}, or a busy
 * wait on {@code Future.isDone}), while jobs wait in the queue behind them. Nothing can free a
 * thread then when the awaited work is itself one of the queued jobs: the pool has starved.
 *
 * <p>Fed by the runtime's job hooks (on the pool thread itself, and {@code jobQueued} on the
 * thread that queued) and by the woven blocking and polling hooks ({@link Evidence}), on any
 * thread: a thread that has run no pool job has no slot, and costs one map look-up. Writes
 * {@link ReportFormat#POOL_WAIT} rows (per pool thread, kind and line; at the deadline, at
 * shutdown and when it stops the run) and one {@link ReportFormat#STARVATION} record as soon as
 * the starvation held {@link #SETTLE_NS} with no job starting or ending and no wait ending. With
 * {@code workshop.probe.starvation.stop.ms} set (an exercise that expects it), it ends the run
 * once the starvation held that long: nothing would change until the timeout.
 */
final class PoolWaits {
  /** How long a starvation must hold, unchanged, before it is recorded. */
  static final long SETTLE_NS = 200_000_000L;

  /** A pool thread whose last {@code isDone} poll is older than this no longer counts as spinning. */
  static final long SPIN_FRESH_NS = 500_000_000L;

  /** How often the watcher looks at the pool. */
  static final long LOOK_EVERY_NS = 10_000_000L;

  /** At most this many {@code pwait} rows: a solution may wait at many lines on many threads. */
  static final int MAX_ROWS = 200;

  /** What one pool thread is doing: written by itself, read by the watcher. */
  private static final class Slot {
    final String name;
    volatile boolean inJob;
    volatile long waitSince = -1;
    volatile int waitSite;
    volatile BlockKind waitKind;
    volatile int polls;
    volatile long pollFirst;
    volatile long pollLast;
    volatile int pollSite;

    Slot(String name) {
      this.name = name;
    }
  }

  /** A job waiting in the pool's queue. */
  private record Queued(String site, long at) {}

  private final Report report;
  private final Threads threads;
  private final long stopNs;
  private final Runnable beforeStop;
  private final Map<Thread, Slot> slots = new ConcurrentHashMap<>();
  private final Map<Long, Queued> queued = new ConcurrentHashMap<>();

  /** Per "thread TAB kind TAB site": count, total ns, longest ns, first start. */
  private final Map<String, long[]> rows = new LinkedHashMap<>();

  private volatile int poolSize;
  private volatile long lastProgress;
  private long starvedSince = -1;
  private boolean recorded;
  private boolean stopped;

  /**
   * @param stopMs end the run once the pool starved this long (ms), 0 never
   * @param beforeStop writes the probe's other unfinished records before the run is ended
   */
  PoolWaits(Report report, Threads threads, long stopMs, Runnable beforeStop) {
    this.report = report;
    this.threads = threads;
    this.stopNs = stopMs * 1_000_000L;
    this.beforeStop = beforeStop;
  }

  // --- runtime hooks ----------------------------------------------------------------------

  /** The pool started its {@code size} threads: the watcher starts too. */
  void poolStarted(int size) {
    poolSize = size;
    Thread t = new Thread(this::watch, "workshop-probe-pool");
    t.setDaemon(true);
    threads.probeThread(t);
    t.start();
  }

  void jobQueued(JobEvent job) {
    if (job != null) queued.put(job.id(), new Queued(site(job.callSite()), report.now()));
  }

  /** On the pool thread that takes the job. */
  void jobStarted(JobEvent job) {
    if (job != null) queued.remove(job.id());
    Thread t = Thread.currentThread();
    Slot s = slots.get(t);
    if (s == null) {
      if (!threads.isPool(t)) return;
      s = new Slot(t.getName());
      slots.put(t, s);
    }
    s.polls = 0;
    s.inJob = true;
    lastProgress = report.now();
  }

  /** On the pool thread that ran the job. */
  void jobEnded() {
    Slot s = slots.get(Thread.currentThread());
    if (s == null) return;
    s.inJob = false;
    if (s.polls >= ReportFormat.SPIN_MIN_POLLS) {
      add(s.name, "busy-wait", s.pollSite, s.pollFirst, s.pollLast - s.pollFirst);
    }
    s.polls = 0;
    lastProgress = report.now();
  }

  // --- woven hooks, on any thread ---------------------------------------------------------

  private static boolean forAnother(BlockKind kind) {
    return kind == BlockKind.WAITING_FUTURE || kind == BlockKind.WAITING;
  }

  void waitStarted(BlockKind kind, int site) {
    if (!forAnother(kind)) return;
    Slot s = slots.get(Thread.currentThread());
    if (s == null || !s.inJob) return;
    s.waitKind = kind;
    s.waitSite = site;
    s.waitSince = report.now();
  }

  void waitEnded(BlockKind kind, int site) {
    if (!forAnother(kind)) return;
    Slot s = slots.get(Thread.currentThread());
    if (s == null || s.waitSince < 0) return;
    long since = s.waitSince;
    s.waitSince = -1;
    long now = report.now();
    add(s.name, kind.code(), site, since, now - since);
    lastProgress = now;
  }

  /** {@code Future.isDone} was called: many of them in one job are a busy wait for a future. */
  void futurePolled(int site, long at) {
    Slot s = slots.get(Thread.currentThread());
    if (s == null || !s.inJob) return;
    long now = report.at(at);
    if (s.polls++ == 0) {
      s.pollFirst = now;
      s.pollSite = site;
    }
    s.pollLast = now;
  }

  private void add(String thread, String kind, int site, long start, long ns) {
    String key = thread + "\t" + kind + "\t" + Sites.get(site).describe();
    synchronized (rows) {
      long[] v = rows.get(key);
      if (v == null) {
        if (rows.size() >= MAX_ROWS) return;
        v = new long[] {0, 0, 0, start};
        rows.put(key, v);
      }
      v[0]++;
      v[1] += ns;
      v[2] = Math.max(v[2], ns);
    }
  }

  // --- starvation -------------------------------------------------------------------------

  /** The pool threads waiting for a future now, each as "thread TAB kind TAB site TAB since". */
  private List<String> waiting(long now) {
    List<String> out = new ArrayList<>();
    for (Slot s : slots.values()) {
      if (!s.inJob) continue;
      long since = s.waitSince;
      if (since >= 0) {
        BlockKind k = s.waitKind;
        out.add(
            s.name
                + "\t"
                + (k == null ? "waiting-future" : k.code())
                + "\t"
                + Sites.get(s.waitSite).describe()
                + "\t"
                + since);
      } else if (s.polls >= ReportFormat.SPIN_MIN_POLLS && now - s.pollLast < SPIN_FRESH_NS) {
        out.add(s.name + "\tbusy-wait\t" + Sites.get(s.pollSite).describe() + "\t" + s.pollFirst);
      }
    }
    out.sort(null);
    return out;
  }

  private void watch() {
    for (; ; ) {
      LockSupport.parkNanos(LOOK_EVERY_NS);
      synchronized (this) {
        if (stopped) return;
        look(false);
      }
    }
  }

  /** One look at the pool; {@code now} at the deadline records a starvation without settling. */
  private void look(boolean deadline) {
    long now = report.now();
    int size = poolSize;
    List<String> waiting = waiting(now);
    if (size == 0 || waiting.size() < size || queued.isEmpty()) {
      starvedSince = -1;
      return;
    }
    if (starvedSince < 0) starvedSince = now;
    long quiet = now - Math.max(starvedSince, lastProgress);
    if (!recorded && (deadline || quiet >= SETTLE_NS)) {
      recorded = true;
      writeStarvation(now, size, waiting);
    }
    if (!deadline && stopNs > 0 && quiet >= stopNs) stop();
  }

  private void writeStarvation(long now, int size, List<String> waiting) {
    Map<String, long[]> bySite = new LinkedHashMap<>();
    List<Queued> jobs = new ArrayList<>(queued.values());
    jobs.sort((a, b) -> Long.compare(a.at(), b.at()));
    for (Queued q : jobs) {
      long[] v = bySite.computeIfAbsent(q.site(), k -> new long[] {0, q.at()});
      v[0]++;
    }
    StringBuilder sites = new StringBuilder();
    for (Map.Entry<String, long[]> e : bySite.entrySet()) {
      if (sites.length() > 0) sites.append('\n');
      sites.append(e.getValue()[0]).append('\t').append(e.getKey()).append('\t');
      sites.append(e.getValue()[1]);
    }
    report.write(
        ReportFormat.STARVATION,
        now,
        starvedSince,
        size,
        jobs.size(),
        String.join("\n", waiting),
        sites);
    report.flush();
  }

  /** Ends the run: what it saw, the probe's other unfinished records, then the JVM. */
  private void stop() {
    stopped = true;
    writeWaits();
    beforeStop.run();
    report.write(ReportFormat.END, report.now(), "starved");
    report.flush();
    System.err.println(
        "workshop: every pool thread waited for a job queued behind it (pool starvation);"
            + " the program was stopped");
    System.err.flush();
    Runtime.getRuntime().halt(1);
  }

  /** Just before the timeout: a starvation going on now is recorded, and the waits so far. */
  void atDeadline() {
    synchronized (this) {
      look(true);
    }
    writeWaits();
  }

  /**
   * One {@code pwait} row per pool thread, kind and line: the waits that ended, and the one still
   * going on, if any.
   */
  void writeWaits() {
    long now = report.now();
    Map<String, long[]> open = new LinkedHashMap<>();
    for (String w : waiting(now)) {
      String[] p = w.split("\t");
      open.put(p[0] + "\t" + p[1] + "\t" + p[2], new long[] {Long.parseLong(p[3])});
    }
    synchronized (rows) {
      for (String key : rows.keySet()) open.putIfAbsent(key, null);
      for (Map.Entry<String, long[]> e : open.entrySet()) {
        String[] p = e.getKey().split("\t", 3);
        long[] v = rows.getOrDefault(e.getKey(), new long[] {0, 0, 0, -1});
        long since = e.getValue() == null ? -1 : e.getValue()[0];
        report.write(
            ReportFormat.POOL_WAIT,
            p[0],
            p[1],
            p[2],
            v[0],
            v[1],
            v[2],
            v[3] >= 0 ? v[3] : since,
            since);
      }
    }
  }

  private static String site(StackTraceElement e) {
    return e == null ? "" : Frames.describe(e);
  }
}
