package dev.workshop.verifier;

import dev.workshop.verifier.report.PoolWaitEvidence;
import dev.workshop.verifier.report.PoolWaitEvidence.QueuedJobs;
import dev.workshop.verifier.report.PoolWaitEvidence.Starvation;
import dev.workshop.verifier.report.PoolWaitEvidence.Waiter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words of the {@code pool-starvation} diagnosis: which pool threads waited, at which line,
 * for how long, and which jobs waited in the queue behind them. Used by {@link
 * Judge#endsOnItsOwn} and by exercises that judge pool waits themselves.
 */
public final class PoolStarvation {
  private PoolStarvation() {}

  /**
   * The failed check {@code name} of {@link Judge#endsOnItsOwn} when the pool's starvation ended
   * {@code run}: the probe stopped it for that (the exercise asked it to), or it timed out
   * starved. Empty otherwise.
   */
  static Optional<CheckResult> endedIt(Judge judge, Run run, String name) {
    Optional<Starvation> s = endedRun(run);
    if (s.isEmpty()) return Optional.empty();
    return Optional.of(
        new CheckResult(
            name,
            false,
            Diagnosis.POOL_STARVATION,
            reason(s.get()),
            evidence(judge, s.get()),
            run));
  }

  /**
   * The starvation that ended {@code run}: the probe stopped the run for it, or the run timed out
   * with every thread of the starvation still in the very wait it was seen in (its {@code pwait}
   * row still open since the same moment). A starvation that resolved before the timeout did not
   * end the run. Empty otherwise.
   */
  public static Optional<Starvation> endedRun(Run run) {
    PoolWaitEvidence e = run.report().poolWaits();
    Optional<Starvation> s = e.starvation();
    if (s.isEmpty() || s.get().stopped()) return s;
    boolean ongoing =
        s.get().waiting().stream()
            .allMatch(
                w ->
                    e.waits().stream()
                        .anyMatch(
                            p ->
                                p.openSince() == w.since()
                                    && p.thread().equals(w.thread())
                                    && p.site().equals(w.site())));
    return run.timedOut() && ongoing ? s : Optional.empty();
  }

  /** One sentence: what starved, in the learner's terms. */
  public static String reason(Starvation s) {
    List<String> sites = s.waiting().stream().map(Waiter::site).distinct().toList();
    return "the pool starved: all "
        + s.poolSize()
        + " pool threads waited for a future"
        + (sites.size() == 1 ? " in " + sites.get(0) : "")
        + " while "
        + Words.count(s.queueLength(), "job")
        + " waited in the queue behind them"
        + (s.stopped() ? ", so the program was stopped: nothing could move any more" : "");
  }

  /**
   * The evidence: the waiting threads grouped by line (with the learner's source line), the
   * queued jobs grouped by the line that queued them, and why nothing could move.
   */
  public static List<String> evidence(Judge judge, Starvation s) {
    List<String> lines = new ArrayList<>();
    Map<String, List<Waiter>> byLine = new LinkedHashMap<>();
    for (Waiter w : s.waiting()) {
      byLine.computeIfAbsent(w.kind() + "\t" + w.site(), k -> new ArrayList<>()).add(w);
    }
    for (List<Waiter> ws : byLine.values()) {
      Waiter first = ws.get(0);
      List<String> names = ws.stream().map(w -> "\"" + w.thread() + "\"").toList();
      long longest = ws.stream().mapToLong(w -> s.at() - w.since()).max().orElse(0);
      lines.add(
          String.join(", ", names)
              + (ws.size() > 1 ? " each " : " ")
              + verb(first.kind())
              + " in "
              + first.site()
              + ", for "
              + millis(longest)
              + " when the probe looked:");
      lines.addAll(judge.source(first.site()));
    }
    for (QueuedJobs q : s.queued()) {
      lines.add(
          "behind them in the queue: "
              + Words.count(q.count(), "job")
              + " queued in "
              + q.site()
              + ", the oldest waiting for "
              + millis(s.at() - q.oldest()));
      lines.addAll(judge.source(q.site()));
    }
    lines.add(
        "a pool thread that waits for a job queued behind it keeps its thread from that job:"
            + " once every pool thread waits so, no job can run again");
    lines.add(
        "never wait inside a pool job for another one: queue the next step from the first job's"
            + " after-work callback, on the loop thread");
    return lines;
  }

  /** How a pool thread waited, as a verb phrase: "waited for a future". */
  public static String verb(String kind) {
    return switch (kind) {
      case "busy-wait" -> "spun on Future.isDone, waiting for a future";
      case "waiting" -> "waited (Object.wait or Condition.await)";
      default -> "waited for a future";
    };
  }

  static String millis(long ns) {
    long ms = Math.max(0, Math.round(ns / 1e6));
    return ms >= 10_000 ? (ms / 1000) + " s" : ms + " ms";
  }
}
