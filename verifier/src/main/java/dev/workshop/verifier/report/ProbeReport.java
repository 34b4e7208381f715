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
  /** One run of one loop callback. Times in ns; {@code -1} means unknown. */
  public record Callback(long id, String kind, String site, long start, long end, long cpu,
      long cpuWait, long pause, boolean finished) {
    public long wall() {
      return end - start;
    }
  }

  /** What the watchdog saw while a callback ran long. */
  public record Sampled(long callbackId, int samples, long warmUpNs, Map<String, Long> kinds,
      BlockKind kind, String frame, String detail) {}

  /** A pool job: which thread ran it and when. */
  public record Job(long id, String site, String thread, long start, long end, String thrown) {}

  /** A thread that is neither the loop's, the pool's nor the JVM's: the solution made it. */
  public record RawThread(String name, long firstSeen, boolean daemon, String frame) {}

  /** A loop-owned value touched from another thread. */
  public record Violation(long at, String owner, String offender, String frame) {}

  /** An exception nothing caught. */
  public record Uncaught(long at, String thread, String exception, String message, String frame) {}

  /** A thread's state at the deadline (stuck) or after main returned (alive). */
  public record ThreadState(long at, String thread, String state, BlockKind kind, String frame, String detail) {}

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
   * @param detail the JDK call it waited in, or the lock's holder
   */
  public record Block(Callback callback, long charged, BlockKind kind, String frame, String detail) {
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
          Callback c = new Callback(l(f, 1), f.get(2), f.get(3), l(f, 4), l(f, 5), l(f, 6), l(f, 7),
              l(f, 8), f.get(9).equals("1"));
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
            if (colon > 0) kinds.put(kv.substring(0, colon), Long.parseLong(kv.substring(colon + 1)));
          }
          sampled.put(l(f, 1), new Sampled(l(f, 1), Integer.parseInt(f.get(2)), l(f, 3), kinds,
              f.get(5).isEmpty() ? null : BlockKind.ofCode(f.get(5)), f.get(6), f.get(7)));
        }
        case ReportFormat.JOB -> {
          jobs.add(new Job(l(f, 1), f.get(2), f.get(3), l(f, 4), l(f, 5), f.get(6)));
          time(l(f, 5));
        }
        case ReportFormat.POOL -> poolSize = Integer.parseInt(f.get(1));
        case ReportFormat.CONCURRENCY -> {
          mostAtOnce = Integer.parseInt(f.get(1));
          longestQueue = Integer.parseInt(f.get(2));
        }
        case ReportFormat.THREAD -> rawThreads.add(new RawThread(f.get(1), l(f, 2), Boolean.parseBoolean(f.get(3)), f.get(4)));
        case ReportFormat.CONFINEMENT -> violations.add(new Violation(l(f, 1), f.get(2), f.get(3), f.get(4)));
        case ReportFormat.UNCAUGHT -> uncaught.add(new Uncaught(l(f, 1), f.get(2), f.get(3), f.get(4), f.get(5)));
        case ReportFormat.EXIT -> exit = new Exit(l(f, 1), f.get(2), f.get(3));
        case ReportFormat.MAIN -> {
          mainEnded = f.get(2);
          time(l(f, 1));
        }
        case ReportFormat.STUCK, ReportFormat.ALIVE -> {
          ThreadState s = new ThreadState(l(f, 1), f.get(2), f.get(3), BlockKind.ofCode(f.get(4)), f.get(5), f.get(6));
          (f.get(0).equals(ReportFormat.STUCK) ? stuck : alive).add(s);
        }
        case ReportFormat.DEADLOCK -> deadlocks.add(f.get(2));
        case ReportFormat.SPAWN -> spawned.add(new Spawned(l(f, 1), l(f, 2), f.get(3)));
        case ReportFormat.OUT -> writes.add(new Write(l(f, 1), l(f, 2), Integer.parseInt(f.get(3)), f.get(4)));
        case ReportFormat.END -> {
          if (f.get(2).equals("deadline")) deadlineReached = true;
          if (f.get(2).equals("shutdown")) shutdown = true;
          time(l(f, 1));
        }
        default -> { }
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

  public List<Callback> callbacks() {
    return callbacks;
  }

  public Optional<Sampled> sampled(long callbackId) {
    return Optional.ofNullable(sampled.get(callbackId));
  }

  public List<Job> jobs() {
    return jobs;
  }

  public List<RawThread> rawThreads() {
    return rawThreads;
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
   * The time a callback is charged with: wall time minus time spent waiting for a CPU, minus VM
   * pauses, minus the JDK's first-use warm-up seen by the watchdog.
   */
  public long charged(Callback c) {
    long charged = c.wall();
    if (c.cpuWait() > 0) charged -= c.cpuWait();
    if (c.pause() > 0) charged -= c.pause();
    Sampled s = sampled.get(c.id());
    if (s != null) charged -= s.warmUpNs();
    return Math.max(0, charged);
  }

  /** Every callback whose charged time is {@code budgetNs} or more, longest first. */
  public List<Block> blocks(long budgetNs) {
    List<Block> out = new ArrayList<>();
    for (Callback c : callbacks) {
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
      out.add(new Block(c, charged, kind, frame, detail));
    }
    out.sort((a, b) -> Long.compare(b.charged(), a.charged()));
    return out;
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
    return new long[] {sorted[(sorted.length - 1) / 2], sorted[(int) Math.ceil(0.99 * (sorted.length - 1))],
        sorted[sorted.length - 1]};
  }
}
