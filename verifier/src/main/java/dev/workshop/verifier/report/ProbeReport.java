package dev.workshop.verifier.report;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe saw inside one run of a solution, read back from its report file. Times are
 * nanoseconds since the probe started.
 */
public final class ProbeReport {
  /**
   * One run of one loop callback. Times in ns; {@code -1} means unknown. Kind {@value #MAIN} (id 0)
   * is the solution's main method before the loop ran, measured like a callback.
   *
   * @param pause every VM pause (safepoints, GC included) that overlapped it
   * @param gc the part of {@code pause} that was garbage collection
   * @param allocated bytes the loop thread allocated during it, -1 when unknown
   * @param eden the young generation's size when a collection happened, -1 when none did
   * @param runtime the runtime's own time inside it (starting the pool)
   */
  public record Callback(
      long id,
      String kind,
      String site,
      long start,
      long end,
      long cpu,
      long cpuWait,
      long pause,
      boolean finished,
      long gc,
      long allocated,
      long eden,
      long runtime) {
    public Callback(
        long id,
        String kind,
        String site,
        long start,
        long end,
        long cpu,
        long cpuWait,
        long pause,
        boolean finished) {
      this(id, kind, site, start, end, cpu, cpuWait, pause, finished, 0, -1, -1, 0);
    }

    public long wall() {
      return end - start;
    }

    /** Whether this is the main script before the loop, not a callback of the loop. */
    public boolean mainScript() {
      return MAIN.equals(kind);
    }

    /**
     * The garbage collection inside it that is the solution's to answer for: the loop thread
     * itself allocated at least half of the young generation during this callback, so the
     * collection was for its own garbage. Collections for other threads' garbage (pool jobs) are
     * pauses, not charged.
     */
    public long ownGc() {
      if (gc <= 0 || allocated < 0 || eden <= 0 || allocated * 2 < eden) return 0;
      return pause > 0 ? Math.min(gc, pause) : gc;
    }
  }

  /** The kind of the pseudo-callback for the solution's main method before the loop ran. */
  public static final String MAIN = "MAIN";

  /** A span in which no thread of the JVM ran (SIGSTOP, a debugger, a suspended laptop). */
  public record Stall(long from, long to) {}

  /**
   * A thread ran one of the solution's methods, for the first time (exact: from the woven code).
   *
   * @param role {@code main}, {@code loop} (when not main), {@code pool} (the runtime's pool, by
   *     identity), {@code runtime}, {@code own} (a thread the solution or a JDK facility it used
   *     started) or {@code jvm}
   * @param learner whether the method is the learner's (else the exercise's host)
   * @param method the method as a learner reads it: {@code Facts.count(Facts.java:12)}
   */
  public record Ran(long at, String thread, String role, boolean learner, String method) {
    /** Whether the thread is one the solution started itself (or a JDK facility it used did). */
    public boolean ownThread() {
      return role.equals("own");
    }
  }

  /** The solution's code started a thread, at {@code site}, from thread {@code by}. */
  public record ThreadStart(long at, String thread, boolean daemon, String by, String site) {}

  /** The solution's code called {@code run()} on a Thread: its body ran on {@code by}, no thread started. */
  public record RunCall(long at, String thread, String by, String site) {}

  /** An executor, timer or async task the solution created ({@code what}: {@code new Timer}, {@code supplyAsync}...). */
  public record Facility(long at, String what, String by, String site) {}

  /** A process the solution's code started, exactly: its pid, the line, the command. */
  public record ProcessStart(long at, long pid, String by, String site, String command) {}

  /** Exact blocking time of the loop thread inside one callback, per kind and line. */
  public record Wait(long callbackId, BlockKind kind, long ns, String site) {}

  /**
   * A busy wait in a callback on the loop thread: {@code polls} calls of the kind busy waits repeat
   * ({@code System.nanoTime}, {@code currentTimeMillis}, {@code Instant.now}, {@code onSpinWait},
   * {@code Thread.yield}, {@code Future.isDone}), the first at {@code first} and the last at
   * {@code last} (report times, ns); {@code site} is the first call's line.
   */
  public record Spin(long callbackId, long polls, long first, long last, long cpu, String site) {
    public long span() {
      return Math.max(0, last - first);
    }
  }

  /** A call of System.exit, Runtime.exit or Runtime.halt in the solution's code. */
  public record ExitCall(long at, int status, String thread, String site) {}

  /** What the watchdog saw while a callback ran long. */
  public record Sampled(
      long callbackId,
      int samples,
      long warmUpNs,
      Map<String, Long> kinds,
      BlockKind kind,
      String frame,
      String detail,
      long learnerNs) {}

  /**
   * A pool job: which thread ran it and when.
   *
   * @param onPool whether that thread is one of the runtime's pool threads (by identity, not name)
   * @param cpu the CPU time its thread spent running it, ns ({@code ThreadMXBean}); -1 unknown
   * @param waited how long it waited in the pool's queue before a thread took it, ns; -1 unknown
   * @param kind the runtime's {@code JobKind}: {@code WORK} ({@code queueWork}), {@code READ_FILE},
   *     {@code FS_OPEN}, {@code FS_READ}, {@code FS_CLOSE} or {@code LOOKUP}
   */
  public record Job(
      long id,
      String site,
      String thread,
      long start,
      long end,
      String thrown,
      boolean onPool,
      long cpu,
      long waited,
      String kind) {}

  /** A thread that is neither the loop's, the pool's nor the JVM's: the solution made it. */
  /**
   * A thread of the solution's own that ran the learner's code.
   *
   * @param frame the first of the learner's methods it ran, or where the watchdog saw it
   * @param startedAt the learner's line that started it, or empty when a JDK facility did (a
   *     {@code java.util.Timer}, the common fork-join pool) or it was not seen
   */
  public record RawThread(
      String name, long firstSeen, boolean daemon, String frame, String startedAt) {
    public RawThread(String name, long firstSeen, boolean daemon, String frame) {
      this(name, firstSeen, daemon, frame, "");
    }
  }

  /** A loop-owned value touched from another thread. */
  public record Violation(long at, String owner, String offender, String frame) {}

  /** An exception nothing caught. */
  public record Uncaught(long at, String thread, String exception, String message, String frame) {}

  /** A thread's state at the deadline (stuck) or after main returned (alive). */
  public record ThreadState(
      long at, String thread, String state, BlockKind kind, String frame, String detail) {}

  /** A process the solution started. */
  public record Spawned(long at, long pid, String command) {}

  /** A write to standard output: when, where in the output (in bytes), and by which thread. */
  public record Write(long at, long offset, int length, String thread) {}

  /** A System.exit call. */
  public record Exit(long at, String thread, String frame) {}

  /**
   * A callback that kept the loop thread busy for longer than a budget.
   *
   * @param callback the callback
   * @param charged the part of its wall time that is the solution's: minus time waiting for a
   *     CPU, minus VM pauses, minus the JDK's first-use class loading
   * @param kind what the loop thread was doing
   * @param frame the learner's frame where the time went, or empty when the block was too short
   *     to sample
   * @param detail the JDK call it waited in, the lock's holder, or what the busy wait did
   * @param busyWait whether the time went into a busy wait (see {@link #busyWait(Callback)})
   */
  public record Block(
      Callback callback,
      long charged,
      BlockKind kind,
      String frame,
      String detail,
      boolean busyWait) {
    public long chargedMillis() {
      return Math.round(charged / 1e6);
    }
  }

  private long origin;
  private int cores = -1;
  private boolean schedstat;
  private boolean loopStarted;
  private boolean loopEnded;
  private String mainEnded;
  private boolean deadlineReached;
  private boolean shutdown;
  private int poolSize;
  private int mostAtOnce;
  private int longestQueue;
  private final List<Callback> callbacks = new ArrayList<>();
  private final Map<Long, Integer> callbackIndex = new HashMap<>();
  private final Map<Long, Sampled> sampled = new HashMap<>();
  private final List<Job> jobs = new ArrayList<>();
  private final List<RawThread> rawThreads = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final List<Uncaught> uncaught = new ArrayList<>();
  private final List<ThreadState> stuck = new ArrayList<>();
  private final List<ThreadState> alive = new ArrayList<>();
  private final List<Spawned> spawned = new ArrayList<>();
  private final List<String> deadlocks = new ArrayList<>();
  private final List<Write> writes = new ArrayList<>();
  private final List<Stall> stalls = new ArrayList<>();
  private Callback mainScript;
  private final List<Ran> ran = new ArrayList<>();
  private final List<ThreadStart> threadStarts = new ArrayList<>();
  private final List<RunCall> runCalls = new ArrayList<>();
  private final List<Facility> facilities = new ArrayList<>();
  private final List<ProcessStart> processStarts = new ArrayList<>();
  private final Map<Long, List<Wait>> waits = new HashMap<>();
  private final Map<Long, Spin> spins = new HashMap<>();
  private final List<ExitCall> exitCalls = new ArrayList<>();
  private final List<String> loopRunSites = new ArrayList<>();
  private Exit exit;
  private long lastTime;

  /** An empty report: the probe never wrote one (the JVM did not start, or died at once). */
  public static ProbeReport empty() {
    return new ProbeReport();
  }

  /** A report from its lines, as the probe wrote them; lines that make no sense are skipped. */
  public static ProbeReport parse(List<String> lines) {
    ProbeReport r = new ProbeReport();
    for (String line : lines) {
      if (!line.isEmpty()) r.add(ReportFormat.fields(line));
    }
    return r;
  }

  /** Reads a report file; a missing file reads as empty. */
  public static ProbeReport read(Path file) throws IOException {
    ProbeReport r = new ProbeReport();
    if (!Files.exists(file)) return r;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) r.add(ReportFormat.fields(line));
    }
    return r;
  }

  private void add(List<String> f) {
    try {
      switch (f.get(0)) {
        case ReportFormat.START -> {
          origin = Long.parseLong(f.get(1));
          cores = Integer.parseInt(f.get(2));
          schedstat = Boolean.parseBoolean(f.get(3));
        }
        case ReportFormat.LOOP -> {
          if (f.get(1).equals("started")) loopStarted = true;
          if (f.get(1).equals("ended")) loopEnded = true;
        }
        case ReportFormat.CALLBACK -> {
          Callback c =
              new Callback(
                  l(f, 1),
                  f.get(2),
                  f.get(3),
                  l(f, 4),
                  l(f, 5),
                  l(f, 6),
                  l(f, 7),
                  l(f, 8),
                  f.get(9).equals("1"),
                  opt(f, 10, 0),
                  opt(f, 11, -1),
                  opt(f, 12, -1),
                  opt(f, 13, 0));
          if (c.mainScript()) {
            if (mainScript == null || c.end() >= mainScript.end()) mainScript = c;
            time(c.end());
            return;
          }
          // A callback still running is written at the deadline and again at shutdown: keep the
          // last word on it.
          Integer seen = callbackIndex.putIfAbsent(c.id(), callbacks.size());
          if (seen == null) {
            callbacks.add(c);
          } else if (c.end() >= callbacks.get(seen).end()) {
            callbacks.set(seen, c);
          }
          time(c.end());
        }
        case ReportFormat.BLOCK -> {
          Map<String, Long> kinds = new LinkedHashMap<>();
          for (String kv : f.get(4).split(",")) {
            int colon = kv.indexOf(':');
            if (colon > 0)
              kinds.put(kv.substring(0, colon), Long.parseLong(kv.substring(colon + 1)));
          }
          sampled.put(
              l(f, 1),
              new Sampled(
                  l(f, 1),
                  Integer.parseInt(f.get(2)),
                  l(f, 3),
                  kinds,
                  f.get(5).isEmpty() ? null : BlockKind.ofCode(f.get(5)),
                  f.get(6),
                  f.get(7),
                  opt(f, 9, -1)));
        }
        case ReportFormat.JOB -> {
          jobs.add(
              new Job(
                  l(f, 1),
                  f.get(2),
                  f.get(3),
                  l(f, 4),
                  l(f, 5),
                  f.get(6),
                  f.size() <= 7 || Boolean.parseBoolean(f.get(7)),
                  f.size() <= 8 ? -1 : l(f, 8),
                  opt(f, 9, -1),
                  f.size() <= 10 || f.get(10).isEmpty() ? "WORK" : f.get(10)));
          time(l(f, 5));
        }
        case ReportFormat.POOL -> poolSize = Integer.parseInt(f.get(1));
        case ReportFormat.CONCURRENCY -> {
          mostAtOnce = Integer.parseInt(f.get(1));
          longestQueue = Integer.parseInt(f.get(2));
        }
        case ReportFormat.THREAD ->
            rawThreads.add(
                new RawThread(f.get(1), l(f, 2), Boolean.parseBoolean(f.get(3)), f.get(4)));
        case ReportFormat.CONFINEMENT ->
            violations.add(new Violation(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.UNCAUGHT ->
            uncaught.add(new Uncaught(l(f, 1), f.get(2), f.get(3), f.get(4), f.get(5)));
        case ReportFormat.EXIT -> exit = new Exit(l(f, 1), f.get(2), f.get(3));
        case ReportFormat.MAIN -> {
          mainEnded = f.get(2);
          time(l(f, 1));
        }
        case ReportFormat.STUCK, ReportFormat.ALIVE -> {
          ThreadState s =
              new ThreadState(
                  l(f, 1), f.get(2), f.get(3), BlockKind.ofCode(f.get(4)), f.get(5), f.get(6));
          (f.get(0).equals(ReportFormat.STUCK) ? stuck : alive).add(s);
        }
        case ReportFormat.DEADLOCK -> deadlocks.add(f.get(2));
        case ReportFormat.SPAWN -> spawned.add(new Spawned(l(f, 1), l(f, 2), f.get(3)));
        case ReportFormat.STALL -> stalls.add(new Stall(l(f, 1), l(f, 2)));
        case ReportFormat.RAN ->
            ran.add(new Ran(l(f, 1), f.get(2), f.get(3), f.get(4).equals("learner"), f.get(5)));
        case ReportFormat.THREAD_START ->
            threadStarts.add(
                new ThreadStart(
                    l(f, 1), f.get(2), Boolean.parseBoolean(f.get(3)), f.get(4), f.get(5)));
        case ReportFormat.RUN_CALL ->
            runCalls.add(new RunCall(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.FACILITY ->
            facilities.add(new Facility(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.PROCESS ->
            processStarts.add(new ProcessStart(l(f, 1), l(f, 2), f.get(3), f.get(4), f.get(5)));
        case ReportFormat.WAIT -> {
          if (!f.get(2).equals("unfinished")) {
            waits
                .computeIfAbsent(l(f, 1), k -> new ArrayList<>())
                .add(new Wait(l(f, 1), BlockKind.ofCode(f.get(2)), l(f, 3), f.get(4)));
          }
        }
        case ReportFormat.SPIN ->
            spins.put(l(f, 1), new Spin(l(f, 1), l(f, 2), l(f, 3), l(f, 4), l(f, 5), f.get(6)));
        case ReportFormat.EXIT_CALL ->
            exitCalls.add(new ExitCall(l(f, 1), Integer.parseInt(f.get(2)), f.get(3), f.get(4)));
        case ReportFormat.LOOP_RUN -> loopRunSites.add(f.get(3));
        case ReportFormat.OUT ->
            writes.add(new Write(l(f, 1), l(f, 2), Integer.parseInt(f.get(3)), f.get(4)));
        case ReportFormat.END -> {
          if (f.get(2).equals("deadline")) deadlineReached = true;
          if (f.get(2).equals("shutdown")) shutdown = true;
          time(l(f, 1));
        }
        default -> {}
      }
    } catch (RuntimeException e) {
      // A line cut short by a killed JVM: skip it, keep the rest.
    }
  }

  private void time(long t) {
    lastTime = Math.max(lastTime, t);
  }

  private static long l(List<String> f, int i) {
    return Long.parseLong(f.get(i));
  }

  /** Field {@code i}, or {@code fallback} when the record is older and does not have it. */
  private static long opt(List<String> f, int i, long fallback) {
    return f.size() > i && !f.get(i).isEmpty() ? Long.parseLong(f.get(i)) : fallback;
  }

  /** Whether the probe ran at all. */
  public boolean present() {
    return cores > 0;
  }

  /**
   * The probe's time origin as a {@link System#nanoTime()} value of the child JVM. On Linux both
   * JVMs read the same monotonic clock, so {@code origin() + t} places a report time on the
   * verifier's own clock.
   */
  public long origin() {
    return origin;
  }

  /**
   * How much of the window {@code [from, to)} (report times, in ns) the loop thread spent running
   * callbacks, counting only their charged share: the time a request arriving in that window had
   * to wait for the solution's own code.
   */
  public long chargedWithin(long from, long to) {
    long total = 0;
    for (Callback c : callbacks) {
      long a = Math.max(from, c.start());
      long b = Math.min(to, c.end());
      if (b <= a || c.wall() <= 0) continue;
      total += (long) ((b - a) * ((double) charged(c) / c.wall()));
    }
    return total;
  }

  public int cores() {
    return cores;
  }

  /** Whether the time spent waiting for a CPU was measured (Linux). */
  public boolean cpuWaitKnown() {
    return schedstat;
  }

  public boolean loopStarted() {
    return loopStarted;
  }

  /** Whether {@code loop.run()} returned because nothing was pending. */
  public boolean loopEnded() {
    return loopEnded;
  }

  /** "returned", "threw", or empty when main never ended. */
  public Optional<String> mainEnded() {
    return Optional.ofNullable(mainEnded);
  }

  /** Whether the probe took its deadline snapshot (the run was about to be killed). */
  public boolean deadlineReached() {
    return deadlineReached;
  }

  public int poolSize() {
    return poolSize;
  }

  /** The largest number of pool jobs that ran at the same moment. */
  public int mostJobsAtOnce() {
    return mostAtOnce;
  }

  public int longestQueue() {
    return longestQueue;
  }

  /** The loop's callbacks, in the order they ended (the main script is not one of them). */
  public List<Callback> callbacks() {
    return callbacks;
  }

  /** The solution's main method before the loop ran, measured as a callback (kind {@value #MAIN}). */
  public Optional<Callback> mainScript() {
    return Optional.ofNullable(mainScript);
  }

  public Optional<Sampled> sampled(long callbackId) {
    return Optional.ofNullable(sampled.get(callbackId));
  }

  public List<Job> jobs() {
    return jobs;
  }

  /**
   * The solution's own threads that ran its code: exactly, from the woven code (every such thread,
   * however short-lived or named), then any the watchdog's scan saw besides.
   */
  public List<RawThread> rawThreads() {
    Map<String, RawThread> all = new LinkedHashMap<>();
    for (Ran r : ownThreadsRunningLearnerCode()) {
      ThreadStart start =
          threadStarts.stream().filter(t -> t.thread().equals(r.thread())).findFirst().orElse(null);
      all.put(
          r.thread(),
          new RawThread(
              r.thread(),
              r.at(),
              start != null && start.daemon(),
              r.method(),
              start != null ? start.site() : facilitySite(r.thread())));
    }
    for (RawThread t : rawThreads) all.putIfAbsent(t.name(), t);
    return List.copyOf(all.values());
  }

  public List<Violation> violations() {
    return violations;
  }

  public List<Uncaught> uncaught() {
    return uncaught;
  }

  public List<ThreadState> stuck() {
    return stuck;
  }

  public List<ThreadState> alive() {
    return alive;
  }

  public List<Spawned> spawned() {
    return spawned;
  }

  public List<String> deadlocks() {
    return deadlocks;
  }

  public Optional<Exit> exit() {
    return Optional.ofNullable(exit);
  }

  /** Every write to standard output, in order. */
  public List<Write> writes() {
    return writes;
  }

  /** The write that produced the byte at {@code byteOffset} of standard output. */
  public Optional<Write> writeAt(long byteOffset) {
    int lo = 0;
    int hi = writes.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Write w = writes.get(mid);
      if (byteOffset < w.offset()) {
        hi = mid - 1;
      } else if (byteOffset >= w.offset() + w.length()) {
        lo = mid + 1;
      } else {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /** The loop callback running at {@code t}, if any. */
  public Optional<Callback> callbackAt(long t) {
    for (Callback c : callbacks) {
      if (c.start() <= t && t <= c.end()) return Optional.of(c);
    }
    return Optional.empty();
  }

  /** The last moment the report mentions, in ns. */
  public long lastTime() {
    return lastTime;
  }

  /**
   * The time a callback is charged with: its wall time minus what was not the solution's: time
   * waiting for a CPU, VM pauses (except a collection of the loop thread's own garbage, see
   * {@link Callback#ownGc()}), the JDK's first-use warm-up seen by the watchdog, the runtime's own
   * work (starting the pool) and stalls of the whole JVM. The main script before the loop is
   * charged only with the sampled time spent in the learner's own code.
   */
  public long charged(Callback c) {
    long charged = c.wall();
    if (c.cpuWait() > 0) charged -= c.cpuWait();
    if (c.pause() > 0) charged -= c.pause() - c.ownGc();
    if (c.runtime() > 0) charged -= c.runtime();
    charged -= stalledWithin(c.start(), c.end());
    Sampled s = sampled.get(c.id());
    if (s != null) charged -= s.warmUpNs();
    if (c.mainScript()) charged = Math.min(charged, s == null ? 0 : Math.max(0, s.learnerNs()));
    charged = Math.max(0, charged);
    Spin spin = spins.get(c.id());
    return spin == null || c.mainScript() || !dense(c, spin)
        ? charged
        : Math.max(charged, busyWaitCharge(c, spin));
  }

  /** Polls per ms of the loop thread's own CPU time from which a callback's polling is a busy wait. */
  static final long BUSY_WAIT_POLLS_PER_CPU_MS = 1_000;

  /**
   * Whether polling was what the callback spent its CPU on: a busy wait polls again at once, 20
   * thousand times or more per ms of CPU for a clock read, about 2 thousand for a
   * {@code Thread.yield}; a loop that times each item of real work reads the clock only between
   * items (a few hundred per ms). Per ms of CPU, not of wall time, so that a busy machine does not
   * change the answer; and of the CPU the thread had from its first poll on, so that work before
   * the wait (starting threads, say) does not dilute it. Where that is unknown, the callback's CPU
   * time stands in, and where that is unknown too, its wall time.
   */
  private static boolean dense(Callback c, Spin spin) {
    long cpuNs = spin.cpu() > 0 ? spin.cpu() : c.cpu() > 0 ? c.cpu() : c.wall();
    return spin.polls() * 1_000_000L >= BUSY_WAIT_POLLS_PER_CPU_MS * Math.max(1, cpuNs);
  }

  /**
   * A busy wait's share: from its first poll to its last, minus stalls of the whole JVM and VM
   * pauses, but not minus time waiting for a CPU. A loop that waits for the clock (or for another
   * thread) lasts as long as it lasts, however little CPU a busy machine gave it: charging only its
   * CPU time would pass on a busy machine what fails on an idle one.
   */
  private long busyWaitCharge(Callback c, Spin spin) {
    long ns = spin.span() - stalledWithin(spin.first(), spin.last());
    if (c.pause() > 0) ns -= c.pause() - c.ownGc();
    return Math.max(0, Math.min(ns, c.wall()));
  }

  /** The polls the callback made (its {@code spin} record), dense or not, busy wait or not. */
  public Optional<Spin> polls(Callback c) {
    return Optional.ofNullable(spins.get(c.id()));
  }

  /**
   * The busy wait where the callback's charged time went: present when the callback polled the
   * clock (or a future) {@value ReportFormat#SPIN_MIN_POLLS} times or more, densely (see
   * {@link #dense}), for at least half of its charged time. The same on an idle machine and a
   * busy one.
   */
  public Optional<Spin> busyWait(Callback c) {
    Spin spin = spins.get(c.id());
    if (spin == null || c.mainScript() || !dense(c, spin)) return Optional.empty();
    return busyWaitCharge(c, spin) * 2 >= charged(c) ? Optional.of(spin) : Optional.empty();
  }

  /** How much of {@code [from, to)} the whole JVM was stalled, in ns. */
  public long stalledWithin(long from, long to) {
    long total = 0;
    for (Stall s : stalls) {
      total += Math.max(0, Math.min(to, s.to()) - Math.max(from, s.from()));
    }
    return total;
  }

  /** Every first run of a solution method by a thread (exact). */
  public List<Ran> ran() {
    return ran;
  }

  /**
   * The threads that ran the learner's own code (not the host's) and are the solution's own: not
   * main, not the loop's, not the runtime's pool. Exact, whatever their names.
   */
  public List<Ran> ownThreadsRunningLearnerCode() {
    Map<String, Ran> first = new LinkedHashMap<>();
    for (Ran r : ran) {
      if (r.ownThread() && r.learner()) first.putIfAbsent(r.thread(), r);
    }
    return List.copyOf(first.values());
  }

  /** The threads that ran {@code method} (its text starts with {@code Class.method(}), in order. */
  public List<String> threadsThatRan(String classDotMethod) {
    return ran.stream()
        .filter(r -> r.method().startsWith(classDotMethod + "("))
        .map(Ran::thread)
        .distinct()
        .toList();
  }

  /**
   * For a thread a JDK facility started (a {@code java.util.Timer}'s, the common fork-join pool's),
   * the learner's line that created the facility, when there is exactly one of that kind.
   */
  private String facilitySite(String thread) {
    String kind =
        thread.startsWith("Timer-")
            ? "new Timer"
            : thread.startsWith("ForkJoinPool.commonPool") ? "Async" : null;
    if (kind == null) return "";
    List<Facility> matching = facilities.stream().filter(f -> f.what().contains(kind)).toList();
    return matching.size() == 1 ? matching.get(0).site() : "";
  }

  /** Threads the solution's code started, with the line. */
  public List<ThreadStart> threadStarts() {
    return threadStarts;
  }

  /** {@code run()} calls on Thread objects (the body ran on the caller). */
  public List<RunCall> runCalls() {
    return runCalls;
  }

  /** Executors, timers and async tasks the solution's code created. */
  public List<Facility> facilities() {
    return facilities;
  }

  /** Processes the solution's code started (exact, with the line), in order. */
  public List<ProcessStart> processStarts() {
    return processStarts;
  }

  /** The loop thread's exact blocking calls in a callback, per kind and line. */
  public List<Wait> waits(long callbackId) {
    return waits.getOrDefault(callbackId, List.of());
  }

  /** System.exit / Runtime.halt calls in the solution's code. */
  public List<ExitCall> exitCalls() {
    return exitCalls;
  }

  /** Where {@code loop.run()} was called from. */
  public List<String> loopRunSites() {
    return loopRunSites;
  }

  /** The spans in which no thread of the JVM ran. */
  public List<Stall> stalls() {
    return stalls;
  }

  /** Every callback whose charged time is {@code budgetNs} or more, longest first. */
  public List<Block> blocks(long budgetNs) {
    List<Block> out = new ArrayList<>();
    List<Callback> all = new ArrayList<>(callbacks);
    if (mainScript != null && loopStarted)
      all.add(0, mainScript); // without a loop, main blocks no loop
    for (Callback c : all) {
      long charged = charged(c);
      if (charged < budgetNs) continue;
      Sampled s = sampled.get(c.id());
      BlockKind kind;
      String frame = "";
      String detail = "";
      if (s != null && s.kind() != null) {
        kind = s.kind();
        frame = s.frame();
        detail = s.detail();
      } else {
        kind = c.cpu() >= 0 && c.cpu() * 2 < charged ? BlockKind.WAITING : BlockKind.COMPUTING;
      }
      // Exact beats sampled: the woven code timed every blocking call of the solution's on the
      // loop thread. The largest kind of wait wins over computing when it took longer than the
      // thread's own time on a CPU.
      Map<BlockKind, Long> exact = new java.util.EnumMap<>(BlockKind.class);
      Map<BlockKind, Wait> longest = new java.util.EnumMap<>(BlockKind.class);
      for (Wait w : waits(c.id())) {
        exact.merge(w.kind(), w.ns(), Long::sum);
        longest.merge(w.kind(), w, (a, b) -> a.ns() >= b.ns() ? a : b);
      }
      BlockKind top =
          exact.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      if (top != null
          && exact.get(top) * 2 >= charged
          && (c.cpu() < 0 || exact.get(top) >= c.cpu())) {
        if (kind != top) detail = top == BlockKind.WAITING_LOCK && s != null ? lockDetail(s) : "";
        kind = top;
        frame = longest.get(top).site();
      } else if (kind != BlockKind.COMPUTING
          && c.cpu() >= 0
          && c.cpu() * 2 >= charged
          && exact.isEmpty()
          && s == null) {
        kind = BlockKind.COMPUTING;
      }
      Optional<Spin> spin = busyWait(c);
      if (spin.isPresent() && (kind == BlockKind.COMPUTING || kind == BlockKind.WAITING)) {
        kind = BlockKind.COMPUTING;
        if (frame.isEmpty()) frame = spin.get().site();
        detail =
            "a busy wait: "
                + spin.get().polls()
                + " calls that poll (the clock, a future's isDone, a"
                + " spin or park) in "
                + Math.round(spin.get().span() / 1e6)
                + " ms";
      }
      if (c.ownGc() * 2 >= charged) kind = BlockKind.GC;
      out.add(
          new Block(
              c, charged, kind, frame, detail, spin.isPresent() && kind == BlockKind.COMPUTING));
    }
    out.sort((a, b) -> Long.compare(b.charged(), a.charged()));
    return out;
  }

  /** The lock's holder, when the samples caught one. */
  private static String lockDetail(Sampled s) {
    return s.kind() == BlockKind.WAITING_LOCK ? s.detail() : "";
  }

  /**
   * Loop lag as a heartbeat every {@code periodNs} would have seen it: for each beat, how long a
   * callback posted at that moment would have waited for the one running. Returns one value per
   * beat, in ns, from the first callback to the last.
   */
  public long[] lag(long periodNs) {
    if (callbacks.isEmpty()) return new long[0];
    List<Callback> sorted = new ArrayList<>(callbacks);
    sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
    long from = sorted.get(0).start();
    long to = sorted.stream().mapToLong(Callback::end).max().orElse(from);
    int beats = (int) Math.min(100_000, (to - from) / periodNs + 1);
    long[] lag = new long[beats];
    int i = 0;
    for (int b = 0; b < beats; b++) {
      long t = from + b * periodNs;
      while (i < sorted.size() && sorted.get(i).end() <= t) i++;
      if (i < sorted.size() && sorted.get(i).start() <= t) lag[b] = sorted.get(i).end() - t;
    }
    return lag;
  }

  /** p50, p99 and max of {@link #lag(long)}, in ns. */
  public long[] lagPercentiles(long periodNs) {
    long[] lag = lag(periodNs);
    if (lag.length == 0) return new long[] {0, 0, 0};
    long[] sorted = lag.clone();
    Arrays.sort(sorted);
    return new long[] {
      sorted[(sorted.length - 1) / 2],
      sorted[(int) Math.ceil(0.99 * (sorted.length - 1))],
      sorted[sorted.length - 1]
    };
  }
}
