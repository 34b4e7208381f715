package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Name lookups and pool queue waits, read back from a probe report: the {@code resolve} and
 * {@code qwait} records of the probe's {@code LookupRecorder}, and the pool jobs of kind {@code
 * LOOKUP}. Times are nanoseconds since the probe started, as in {@link ProbeReport}.
 *
 * <p>A check asks it which thread answered each name ({@link #queries()}), how many lookups were
 * in progress at a moment ({@link #inProgressAt(long)}), and how long a pool job waited in the
 * pool's queue for the learner's reasons ({@link #queueWait(ProbeReport.Job)}).
 */
public final class LookupEvidence {

  /**
   * One name asked through the runtime: a {@code lookup} (a pool job) or a {@code resolve} (on a
   * thread of its own).
   *
   * @param kind {@code LOOKUP} or {@code RESOLVE}, the runtime's {@code JobKind}
   * @param site the learner's line that asked, or empty
   * @param thread the thread that asked the name server: {@code pool-N} or {@code dns-N}
   * @param onPool whether that thread is one of the pool's (by identity)
   * @param start when it began asking, ns; -1 unknown
   * @param end when it had its answer, ns
   * @param thrown the class of the error it got, or empty
   */
  public record Query(
      String kind,
      long id,
      String site,
      String thread,
      boolean onPool,
      long start,
      long end,
      String thrown) {

    /** Whether it was asking at report time {@code t}. */
    public boolean inProgressAt(long t) {
      return start >= 0 && start <= t && t < end;
    }
  }

  /**
   * How long one pool job waited in the pool's queue.
   *
   * @param waited from being queued to being taken by a pool thread, ns
   * @param cpuWait the part of it the pool thread that took the job was ready to run but waiting
   *     for a CPU, ns; -1 unknown (outside Linux)
   */
  public record QueueWait(long jobId, long waited, long cpuWait) {

    /** The wait that is the program's doing: the whole wait, less the CPU wait. */
    public long charged() {
      return Math.max(0, waited - Math.max(0, cpuWait));
    }
  }

  private final ProbeReport report;
  private final List<Query> queries = new ArrayList<>();
  private final Map<Long, QueueWait> waits = new HashMap<>();

  private LookupEvidence(ProbeReport report) {
    this.report = report;
  }

  /** The evidence in {@code report}. */
  public static LookupEvidence of(ProbeReport report) {
    LookupEvidence e = new LookupEvidence(report);
    for (ProbeReport.Job j : report.jobs()) {
      if (j.kind().equals("LOOKUP")) {
        e.queries.add(
            new Query(
                "LOOKUP",
                j.id(),
                j.site(),
                j.thread(),
                j.onPool(),
                j.start(),
                j.end(),
                j.thrown()));
      }
    }
    for (String line : report.lines()) {
      if (line.startsWith(ReportFormat.RESOLVE + "\t")) e.resolve(ReportFormat.fields(line));
      if (line.startsWith(ReportFormat.QUEUE_WAIT + "\t")) e.queueWait(ReportFormat.fields(line));
    }
    e.queries.sort(Comparator.comparingLong(Query::start));
    return e;
  }

  private void resolve(List<String> f) {
    try {
      queries.add(
          new Query(
              "RESOLVE",
              Long.parseLong(f.get(1)),
              f.get(2),
              f.get(3),
              false,
              Long.parseLong(f.get(4)),
              Long.parseLong(f.get(5)),
              f.get(6)));
    } catch (RuntimeException cutShort) {
      // a line cut short by a killed JVM: skipped, as ReportParser skips one
    }
  }

  private void queueWait(List<String> f) {
    try {
      long id = Long.parseLong(f.get(1));
      waits.put(id, new QueueWait(id, Long.parseLong(f.get(2)), Long.parseLong(f.get(3))));
    } catch (RuntimeException cutShort) {
      // as above
    }
  }

  /** Every lookup and resolve that got its answer (or its error), by start time. */
  public List<Query> queries() {
    return List.copyOf(queries);
  }

  /** The lookups and resolves in progress at report time {@code t}. */
  public List<Query> inProgressAt(long t) {
    return queries.stream().filter(q -> q.inProgressAt(t)).toList();
  }

  /** The queue wait of a pool job, when the probe measured it. */
  public Optional<QueueWait> queueWait(ProbeReport.Job job) {
    return Optional.ofNullable(waits.get(job.id()));
  }

  /**
   * When a pool job entered the pool's queue, ns: its start less its wait in the queue; -1
   * unknown.
   */
  public static long queuedAt(ProbeReport.Job job) {
    return job.start() < 0 || job.waited() < 0 ? -1 : job.start() - job.waited();
  }

  /** The report this evidence was read from. */
  public ProbeReport report() {
    return report;
  }
}
