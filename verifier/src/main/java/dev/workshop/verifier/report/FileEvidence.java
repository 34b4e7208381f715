package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run did with the runtime's descriptor-level file calls ({@code fs().open}, {@code read},
 * {@code close}), one {@link Call} per pool job: the probe's {@link ReportFormat#FILE_CALL}
 * records joined with their jobs' records ({@link ProbeReport#jobs()}), which say when and on
 * which thread each ran. A call whose job had not finished when the run ended has no job record
 * and is left out: nothing is claimed about it.
 */
public final class FileEvidence {

  /**
   * One file call and its pool job.
   *
   * @param job the job's record: its thread, start and end (report times, ns)
   * @param kind {@code FS_OPEN}, {@code FS_READ} or {@code FS_CLOSE}
   * @param queued when the job entered the pool's queue (report time, ns), or -1 unknown
   * @param fd the descriptor's number; -1 for an open that failed
   * @param length the bytes a read asked for; 0 for open and close
   * @param bytes the bytes a read got; 0 for an open or close that succeeded; -1 when it failed
   * @param path the file, as the program gave it to {@code open}
   */
  public record Call(
      ProbeReport.Job job, String kind, long queued, int fd, int length, int bytes, String path) {

    /** The file's name, without its folder. */
    public String name() {
      Path p = Path.of(path).getFileName();
      return p == null ? path : p.toString();
    }

    public boolean isOpen() {
      return kind.equals("FS_OPEN");
    }

    public boolean isRead() {
      return kind.equals("FS_READ");
    }

    public boolean isClose() {
      return kind.equals("FS_CLOSE");
    }

    /** Whether the call failed (its error went to the callback). */
    public boolean failed() {
      return bytes < 0;
    }
  }

  private final List<Call> calls;

  private FileEvidence(List<Call> calls) {
    this.calls = List.copyOf(calls);
  }

  /** The file calls of this report, in job order. */
  public static FileEvidence of(ProbeReport report) {
    Map<Long, ProbeReport.Job> jobs = new HashMap<>();
    for (ProbeReport.Job j : report.jobs()) jobs.put(j.id(), j);
    List<Call> calls = new ArrayList<>();
    for (String line : report.lines()) {
      if (!line.startsWith(ReportFormat.FILE_CALL + "\t")) continue;
      try {
        List<String> f = ReportFormat.fields(line);
        ProbeReport.Job job = jobs.get(Long.parseLong(f.get(1)));
        if (job == null) continue; // not finished when the run ended
        calls.add(
            new Call(
                job,
                f.get(2),
                Long.parseLong(f.get(3)),
                Integer.parseInt(f.get(4)),
                Integer.parseInt(f.get(5)),
                Integer.parseInt(f.get(6)),
                f.get(7)));
      } catch (RuntimeException e) {
        // a line cut short by a killed JVM: skip it
      }
    }
    calls.sort(Comparator.comparingLong(c -> c.job().id()));
    return new FileEvidence(calls);
  }

  /** Every file call whose job finished, in job order. */
  public List<Call> calls() {
    return calls;
  }

  /** The calls on the file of this name (without its folder), in job order. */
  public List<Call> of(String fileName) {
    return calls.stream().filter(c -> c.name().equals(fileName)).toList();
  }

  /** The reads of the file of this name, in job order. */
  public List<Call> reads(String fileName) {
    return of(fileName).stream().filter(Call::isRead).toList();
  }

  /**
   * The descriptors of this file that an open gave and no successful close ended, each as its
   * open call.
   */
  public List<Call> leftOpen(String fileName) {
    List<Call> mine = of(fileName);
    return mine.stream()
        .filter(c -> c.isOpen() && !c.failed())
        .filter(o -> mine.stream().noneMatch(c -> c.isClose() && !c.failed() && c.fd() == o.fd()))
        .toList();
  }

  /**
   * The first two reads of one descriptor of this file that were in flight at once: the later
   * one entered the pool's queue before the earlier one's job had ended. Empty when every read
   * waited for the one before it (or when the queue times are unknown).
   */
  public Optional<Call[]> overlapping(String fileName) {
    Map<Integer, List<Call>> byFd = new HashMap<>();
    for (Call c : reads(fileName)) byFd.computeIfAbsent(c.fd(), k -> new ArrayList<>()).add(c);
    Call[] first = null;
    for (List<Call> reads : byFd.values()) {
      List<Call> sorted = new ArrayList<>(reads);
      sorted.removeIf(c -> c.queued() < 0);
      sorted.sort(Comparator.comparingLong(Call::queued));
      for (int i = 1; i < sorted.size(); i++) {
        Call earlier = sorted.get(i - 1);
        Call later = sorted.get(i);
        if (later.queued() < earlier.job().end()) {
          if (first == null || later.queued() < first[1].queued()) {
            first = new Call[] {earlier, later};
          }
          break;
        }
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * The most reads of this file queued or running at the same moment: 1 for a file read one
   * chunk at a time.
   */
  public int mostReadsInFlight(String fileName) {
    List<long[]> edges = new ArrayList<>();
    for (Call c : reads(fileName)) {
      long from = c.queued() >= 0 ? c.queued() : c.job().start();
      edges.add(new long[] {from, 1});
      edges.add(new long[] {c.job().end(), -1});
    }
    edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int now = 0;
    int most = 0;
    for (long[] e : edges) {
      now += (int) e[1];
      most = Math.max(most, now);
    }
    return most;
  }
}
