package dev.workshop.verifier.report;

import dev.workshop.probe.ReportFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime's pool threads waited for inside their jobs, and pool starvation, read from the
 * probe's {@link ReportFormat#POOL_WAIT} and {@link ReportFormat#STARVATION} records (written by
 * the probe's {@code PoolWaits}, from the woven blocking calls and {@code Future.isDone} polls of
 * the pool threads themselves). Times are report times, ns.
 */
public final class PoolWaitEvidence {
  /**
   * A pool thread waited at one line, inside pool jobs.
   *
   * @param kind {@code waiting-future} (a join, a get, a latch...), {@code waiting} ({@code
   *     Object.wait}, {@code Condition.await}) or {@code busy-wait} (many {@code Future.isDone}
   *     calls in one job)
   * @param count the waits that ended; the one still going on ({@code openSince} >= 0) is extra
   * @param first when the first of them began
   * @param openSince when the wait still going on at the end of the run began, -1 for none
   */
  public record PoolWait(
      String thread,
      String kind,
      String site,
      long count,
      long totalNs,
      long longestNs,
      long first,
      long openSince) {
    /** Whether the wait was still going on when the run ended. */
    public boolean open() {
      return openSince >= 0;
    }
  }

  /** A pool thread waiting for a future when the pool starved, since report time {@code since}. */
  public record Waiter(String thread, String kind, String site, long since) {}

  /** {@code count} jobs in the pool's queue, queued at {@code site}, the oldest since {@code oldest}. */
  public record QueuedJobs(long count, String site, long oldest) {}

  /**
   * Every pool thread waited for a future inside a job while jobs waited in the queue.
   *
   * @param at when the probe recorded it (it held unchanged for a while by then)
   * @param since when every pool thread was first seen waiting
   * @param stopped whether the probe ended the run for it (the exercise asked it to)
   */
  public record Starvation(
      long at,
      long since,
      int poolSize,
      int queueLength,
      List<Waiter> waiting,
      List<QueuedJobs> queued,
      boolean stopped) {}

  private final List<PoolWait> waits;
  private final Starvation starvation;

  private PoolWaitEvidence(List<PoolWait> waits, Starvation starvation) {
    this.waits = waits;
    this.starvation = starvation;
  }

  /** Reads the records from the report's lines (a line that makes no sense is skipped). */
  public static PoolWaitEvidence of(List<String> lines) {
    Map<String, PoolWait> waits = new LinkedHashMap<>();
    Starvation starved = null;
    boolean stopped = false;
    for (String line : lines) {
      // Only three kinds of record matter here: skip the others without splitting them.
      if (!line.startsWith(ReportFormat.POOL_WAIT + "\t")
          && !line.startsWith(ReportFormat.STARVATION + "\t")
          && !line.startsWith(ReportFormat.END + "\t")) continue;
      List<String> f = ReportFormat.fields(line);
      try {
        switch (f.get(0)) {
          case ReportFormat.POOL_WAIT -> {
            PoolWait w =
                new PoolWait(
                    f.get(1), f.get(2), f.get(3), l(f, 4), l(f, 5), l(f, 6), l(f, 7), l(f, 8));
            waits.put(w.thread() + "\t" + w.kind() + "\t" + w.site(), w); // the last row counts
          }
          case ReportFormat.STARVATION -> {
            if (starved == null) starved = starvation(f);
          }
          case ReportFormat.END -> stopped |= f.get(2).equals("starved");
          default -> {}
        }
      } catch (RuntimeException e) {
        // a line cut short by a killed JVM
      }
    }
    if (starved != null && stopped) {
      starved =
          new Starvation(
              starved.at(),
              starved.since(),
              starved.poolSize(),
              starved.queueLength(),
              starved.waiting(),
              starved.queued(),
              true);
    }
    return new PoolWaitEvidence(List.copyOf(waits.values()), starved);
  }

  private static Starvation starvation(List<String> f) {
    List<Waiter> waiting = new ArrayList<>();
    for (String w : f.get(5).split("\n")) {
      String[] p = w.split("\t");
      if (p.length == 4) waiting.add(new Waiter(p[0], p[1], p[2], Long.parseLong(p[3])));
    }
    List<QueuedJobs> queued = new ArrayList<>();
    for (String q : f.get(6).split("\n")) {
      String[] p = q.split("\t");
      if (p.length == 3)
        queued.add(new QueuedJobs(Long.parseLong(p[0]), p[1], Long.parseLong(p[2])));
    }
    return new Starvation(
        l(f, 1),
        l(f, 2),
        Integer.parseInt(f.get(3)),
        Integer.parseInt(f.get(4)),
        List.copyOf(waiting),
        List.copyOf(queued),
        false);
  }

  private static long l(List<String> f, int i) {
    return Long.parseLong(f.get(i));
  }

  /** Every pool thread's waits for futures, one entry per thread, kind and line. */
  public List<PoolWait> waits() {
    return waits;
  }

  /** The pool's starvation, when the probe saw one. */
  public Optional<Starvation> starvation() {
    return Optional.ofNullable(starvation);
  }
}
