package dev.workshop.verifier.report;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import dev.workshop.runtime.instrument.CallbackKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
   * One run of one loop callback. Times in ns; {@code -1} means unknown. The report's kind {@value
   * #MAIN} (id 0) is the solution's main method before the loop ran, measured like a callback: its
   * {@code kind} is null ({@link #mainScript()}).
   *
   * @param kind what made the loop run it, as the runtime names it; null for the main script
   * @param pause every VM pause (safepoints, GC included) that overlapped it
   * @param gc the part of {@code pause} that was garbage collection
   * @param allocated bytes the loop thread allocated during it, -1 when unknown
   * @param eden the young generation's size when a collection happened, -1 when none did
   * @param runtime the runtime's own time inside it (starting the pool)
   */
  public record Callback(
      long id,
      CallbackKind kind,
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
        CallbackKind kind,
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
      return kind == null;
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

  /** The report's kind of the pseudo-callback for the solution's main method before the loop ran. */
  public static final String MAIN = "MAIN";

  /**
   * A span in which no thread of the JVM ran: a late heartbeat that a SIGCONT ended (SIGSTOP,
   * Ctrl-Z). Report times, ns.
   */
  public record Stall(long from, long to) {}

  /**
   * A thread ran one of the solution's methods, for the first time (exact: from the woven code).
   *
   * @param role {@code main}, {@code loop} (when not main), {@code pool} (the runtime's pool, by
   *     identity), {@code runtime}, {@code worker} (a {@code Worker}'s thread), {@code own} (a
   *     thread the solution or a JDK facility it used started) or {@code jvm}
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

  /**
   * What the watchdog saw while a callback ran long.
   *
   * @param warmUpNs the sampled time the loop thread spent in the JDK's first-use work, ns
   * @param learnerNs the sampled time with a frame of the learner's on the stack, ns
   * @param warmUpWaitNs the part of {@code warmUpNs} the loop thread spent waiting for a CPU, ns;
   *     -1 when unknown (the portable clock, or an older probe)
   */
  public record Sampled(
      long callbackId,
      int samples,
      long warmUpNs,
      Map<String, Long> kinds,
      BlockKind kind,
      String frame,
      String detail,
      long learnerNs,
      long warmUpWaitNs) {}

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

  /**
   * An exception nothing caught, and the innermost cause to name beside it (null when there is
   * none): a pool job's error that the after-work callback rethrew, wrapped, is one.
   */
  public record Uncaught(
      long at, String thread, String exception, String message, String frame, Cause cause) {
    public Uncaught(long at, String thread, String exception, String message, String frame) {
      this(at, thread, exception, message, frame, null);
    }

    /** The innermost cause thrown in the learner's code or by a pool job, if it is not this one. */
    public Optional<Cause> rootCause() {
      return Optional.ofNullable(cause);
    }
  }

  /** A cause inside an uncaught exception: its thread ("" when not known), class, message, frame. */
  public record Cause(String thread, String exception, String message, String frame) {}

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

  long origin;
  int cores = -1;
  boolean schedstat;
  String clock = "";
  boolean loopStarted;
  boolean loopCreated;
  boolean loopEnded;
  String mainEnded;
  boolean deadlineReached;
  boolean shutdown;
  int poolSize;
  int mostAtOnce;
  int longestQueue;
  final List<Callback> callbacks = new ArrayList<>();
  final Map<Long, Integer> callbackIndex = new HashMap<>();
  final Map<Long, Sampled> sampled = new HashMap<>();
  final List<Job> jobs = new ArrayList<>();
  final List<RawThread> rawThreads = new ArrayList<>();
  final List<Violation> violations = new ArrayList<>();
  final List<Uncaught> uncaught = new ArrayList<>();
  final List<ThreadState> stuck = new ArrayList<>();
  final List<ThreadState> alive = new ArrayList<>();
  final List<Spawned> spawned = new ArrayList<>();
  final List<String> deadlocks = new ArrayList<>();
  final List<Write> writes = new ArrayList<>();
  final List<Stall> stalls = new ArrayList<>();

  /** When the JVM got SIGCONT (report times, ns): what confirms a stall. */
  final List<Long> continued = new ArrayList<>();

  Callback mainScript;
  final List<Ran> ran = new ArrayList<>();
  final List<ThreadStart> threadStarts = new ArrayList<>();
  final List<RunCall> runCalls = new ArrayList<>();
  final List<Facility> facilities = new ArrayList<>();
  final List<ProcessStart> processStarts = new ArrayList<>();
  final Map<Long, List<Wait>> waits = new HashMap<>();
  final Map<Long, Spin> spins = new HashMap<>();
  final List<ExitCall> exitCalls = new ArrayList<>();
  final List<String> loopRunSites = new ArrayList<>();
  final WorkerEvidence workers = new WorkerEvidence();
  final SocketEvidence sockets = new SocketEvidence();
  final ProcessEvidence processes = new ProcessEvidence();
  long pid = -1;
  long parentPid = -1;
  String role = "";
  private final List<ProbeReport> unclaimed = new ArrayList<>();
  Exit exit;
  long lastTime;
  private final Charging charging = new Charging(this);

  /** The report's lines, as the probe wrote them. */
  List<String> lines = List.of();

  /** An empty report: the probe never wrote one (the JVM did not start, or died at once). */
  public static ProbeReport empty() {
    return new ProbeReport();
  }

  /** A report from its lines, as the probe wrote them; lines that make no sense are skipped. */
  public static ProbeReport parse(List<String> lines) {
    return ReportParser.parse(lines);
  }

  /** Reads a report file; a missing file reads as empty. */
  public static ProbeReport read(Path file) throws IOException {
    if (!Files.exists(file)) return new ProbeReport();
    return ReportParser.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  ProbeReport() {}

  /**
   * The report's lines as the probe wrote them, for a test that records a run once and judges it
   * again without a child JVM ({@link #parse} reads them back into the same report).
   */
  public List<String> lines() {
    return lines;
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
    return charging.chargedWithin(from, to);
  }

  public int cores() {
    return cores;
  }

  /** Whether the time spent waiting for a CPU was measured (Linux). */
  public boolean cpuWaitKnown() {
    return schedstat;
  }

  /**
   * Whether the wait for a CPU was estimated by the probe's portable clock (no Linux schedstat, or
   * {@code -Dworkshop.probe.clock=portable}) rather than measured.
   */
  public boolean portableClock() {
    return "portable".equals(clock);
  }

  public boolean loopStarted() {
    return loopStarted;
  }

  /**
   * Whether the main script created an event loop ({@code EventLoop.create()} on main, the
   * {@code loopnew} record), whether or not {@code loop.run()} was reached: the main script of
   * such a program is judged like a callback. False in reports older than the record.
   */
  public boolean loopCreated() {
    return loopCreated;
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
   * charged only with the sampled time spent in the learner's own code. See {@link Charging}.
   */
  public long charged(Callback c) {
    return charging.charged(c);
  }

  /** The polls the callback made (its {@code spin} record), dense or not, busy wait or not. */
  public Optional<Spin> polls(Callback c) {
    return Optional.ofNullable(spins.get(c.id()));
  }

  /**
   * The busy wait where the callback's charged time went: present when the callback polled the
   * clock (or a future) {@value ReportFormat#SPIN_MIN_POLLS} times or more, densely, for at least
   * half of its charged time. The same on an idle machine and a busy one.
   */
  public Optional<Spin> busyWait(Callback c) {
    return charging.busyWait(c);
  }

  /** How much of {@code [from, to)} the whole JVM was stalled, in ns. */
  public long stalledWithin(long from, long to) {
    long total = 0;
    for (Stall s : stalls) {
      total += Math.max(0, Math.min(to, s.to()) - Math.max(from, s.from()));
    }
    return total;
  }

  /**
   * The pid of the JVM this report is from, -1 when the report does not say (older reports).
   */
  public long pid() {
    return pid;
  }

  /** The pid of the process that started this JVM, -1 when unknown. */
  public long parentPid() {
    return parentPid;
  }

  /**
   * Which JVM of the program this report is from: {@code main} (the one the verifier started),
   * {@code fork} ({@code loop.fork}) or {@code cluster-worker}; empty for older reports.
   */
  public String role() {
    return role;
  }

  /** The child processes the runtime started in this JVM, with their own reports. */
  public ProcessEvidence processes() {
    return processes;
  }

  /**
   * Gives this report (the program's) the reports of the JVMs forked during the run: each goes to
   * the report of the JVM that started it (this one, or a fork of it), and its times are moved
   * onto this report's clock.
   *
   * @param forked the forked JVMs' reports, as they connected
   * @return this report
   */
  public ProbeReport withForks(List<ProbeReport> forked) {
    for (ProbeReport f : forked) {
      f.processes.shift(f.origin - origin);
      ProbeReport owner = null;
      for (ProbeReport r : concat(this, forked)) {
        for (ProcessEvidence.Child c : r.processes.children()) {
          if (c.pid() == f.pid) owner = r;
        }
      }
      if (owner != null) owner.processes.attach(f.pid, f);
      else unclaimed.add(f);
    }
    return this;
  }

  private static List<ProbeReport> concat(ProbeReport first, List<ProbeReport> rest) {
    List<ProbeReport> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /**
   * This report, then every forked JVM's, depth-first in the order they were started (a fork
   * whose start was not recorded comes last).
   */
  public List<ProbeReport> allProcesses() {
    List<ProbeReport> all = new ArrayList<>();
    collect(all);
    all.addAll(unclaimed);
    return List.copyOf(all);
  }

  private void collect(List<ProbeReport> into) {
    into.add(this);
    for (ProcessEvidence.Child c : processes.children()) {
      c.report().ifPresent(r -> r.collect(into));
    }
  }

  /** Workers, their loops' callbacks, their messages and shared-memory counts. */
  public WorkerEvidence workers() {
    return workers;
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

  /** The spans in which no thread of the JVM ran: stops that a SIGCONT ended. */
  public List<Stall> stalls() {
    return stalls;
  }

  private PoolWaitEvidence poolWaits;

  /** What pool threads waited for inside their jobs, and pool starvation (read on first use). */
  public PoolWaitEvidence poolWaits() {
    if (poolWaits == null) poolWaits = PoolWaitEvidence.of(lines());
    return poolWaits;
  }

  /** Every callback whose charged time is {@code budgetNs} or more, longest first. */
  public List<Block> blocks(long budgetNs) {
    return charging.blocks(budgetNs);
  }

  /**
   * Loop lag as a heartbeat every {@code periodNs} would have seen it: for each beat, how long a
   * callback posted at that moment would have waited for the one running. Returns one value per
   * beat, in ns, from the first callback to the last.
   */
  public long[] lag(long periodNs) {
    return charging.lag(periodNs);
  }

  /** p50, p99 and max of {@link #lag(long)}, in ns. */
  public long[] lagPercentiles(long periodNs) {
    return charging.lagPercentiles(periodNs);
  }

  /** What the runtime's TCP connections did: pauses, resumes, drains, queued bytes. */
  public SocketEvidence sockets() {
    return sockets;
  }
}
