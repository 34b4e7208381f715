package dev.workshop.exercises.checks;

import dev.workshop.exercises.checks.ClusterLoad.Exchange;
import dev.workshop.exercises.checks.ClusterLoad.Listen;
import dev.workshop.exercises.checks.ClusterLoad.Log;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProcessEvidence.Child;
import dev.workshop.verifier.report.ProcessEvidence.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CLUSTER's shutdown, in the learner's words: after {@code /shutdown}, which process (the primary,
 * worker N and its pid) was still running, what the reports show it was still doing (never told
 * "stop", a timer still firing), and what to do. A run stopped at its timeout is said to be so,
 * once, here: its workers were killed with it, which is not theirs to answer for.
 */
final class ClusterShutdown {
  private final Judge judge;
  private final Run run;
  private final Log log;
  private final List<Child> workers;
  private final ProbeReport primary;
  private final long shutdownMs;

  /** The program's time of the probe's deadline snapshot, 500 ms before the kill; else -1. */
  private final long deadlineMs;

  ClusterShutdown(Judge judge, Run run, Log log, List<Child> workers, long shutdownMs) {
    this.judge = judge;
    this.run = run;
    this.log = log;
    this.workers = workers;
    this.primary = run.report();
    this.shutdownMs = shutdownMs;
    this.deadlineMs =
        run.timedOut()
            ? primary.stuck().stream().mapToLong(t -> t.at() / 1_000_000).min().orElse(-1)
            : -1;
  }

  /**
   * After /shutdown: bye, no worker started, every worker ended by itself, the primary too.
   *
   * @return whether the failure, if any, already told why the run had to be stopped at its
   *     timeout (then "ended by itself" would only repeat it)
   */
  boolean judge() {
    long within = judge.number("shutdown.max.ms");
    String fact =
        "after /shutdown every worker and the primary ended by themselves within "
            + within / 1000
            + " s";
    Optional<Exchange> bye = log.phase("shutdown").stream().findFirst();
    if (bye.isEmpty() || !bye.get().answered(judge.spec().setting("shutdown.expected"))) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          bye.map(Exchange::shown).orElse("the program ended before /shutdown was sent"));
      return false;
    }
    Optional<Child> restarted =
        workers.stream().filter(w -> w.startedAtMs() >= shutdownMs).findFirst();
    if (restarted.isPresent()) {
      restartedAfterShutdown(fact, restarted.get());
      return run.timedOut();
    }
    List<Child> running = workers.stream().filter(this::stillRunning).toList();
    if (!running.isEmpty()) {
      keptRunning(fact, running);
      return run.timedOut();
    }
    if (run.timedOut()) {
      primaryKeptRunning(fact);
      return true;
    }
    List<Long> left = log.left();
    String reason = "";
    if (!left.isEmpty()) {
      List<String> who = new ArrayList<>();
      for (long pid : left) who.add(who(pid));
      reason =
          String.join(", ", who)
              + (left.size() == 1 ? " was" : " were")
              + " still running after the primary had ended";
    } else if (log.endedAt() < 0) {
      reason = "the primary was still running " + within / 1000 + " s after /shutdown";
    }
    List<String> evidence = new ArrayList<>();
    if (!reason.isEmpty()) {
      evidence.add(
          "send \"stop\" to every worker, and let the primary's loop end by itself once the last"
              + " one has exited");
    }
    judge.check(run, fact, reason.isEmpty(), Diagnosis.WRONG_RESULT, reason, evidence);
    return false;
  }

  /** The primary forked a worker after /shutdown: it replaced a worker it had told to stop. */
  private void restartedAfterShutdown(String fact, Child w) {
    List<String> evidence = new ArrayList<>();
    Optional<Child> exited =
        workers.stream()
            .filter(o -> o.exitedAtMs() >= shutdownMs && o.exitedAtMs() <= w.startedAtMs())
            .findFirst();
    exited.ifPresent(
        o ->
            evidence.add(
                "it came right after "
                    + who(o.pid())
                    + " exited"
                    + exitCode(o)
                    + " on \"stop\": the primary's Cluster.onExit replaced it"));
    if (run.timedOut()) {
      evidence.add(
          "each new worker kept the primary's loop running, until the verifier stopped the run"
              + " at its "
              + limit()
              + " limit");
    }
    evidence.add(
        "remember that the cluster is stopping (a flag, set on \"shutdown\"), and in"
            + " Cluster.onExit start another worker only while it is not set");
    judge.fail(
        run,
        fact,
        run.timedOut() ? Diagnosis.KEPT_ALIVE : Diagnosis.WRONG_RESULT,
        "the primary started "
            + who(w.pid())
            + " after /shutdown: a worker that was told to stop must not be replaced",
        evidence);
  }

  /** Workers still running at the end: told "stop" or not, and what kept each one's loop. */
  private void keptRunning(String fact, List<Child> running) {
    Child first = running.get(0);
    boolean told = toldToStop(first);
    List<String> evidence = new ArrayList<>();
    String end =
        run.timedOut()
            ? "was still running when the verifier stopped the run at its " + limit() + " limit"
            : first.endedByRuntime()
                ? "was still running when the primary's loop ended, so the runtime ended it"
                : "never exited";
    String reason;
    String advice;
    if (running.size() > 1) {
      List<String> others = new ArrayList<>();
      for (Child w : running.subList(1, running.size())) others.add(who(w.pid()));
      evidence.add("the same for " + String.join(", ", others));
    }
    if (!told) {
      reason = who(first.pid()) + " never got \"stop\" from the primary, and " + end;
      evidence.add("with its server still listening, its loop went on");
      List<String> stopped = new ArrayList<>();
      for (Child w : workers)
        if (toldToStop(w)) stopped.add(who(w.pid()) + (asked(w) ? ", the one that asked" : ""));
      if (!stopped.isEmpty()) {
        evidence.add("the primary sent \"stop\" only to " + String.join(", ", stopped));
      }
      advice =
          "when a worker asks for the shutdown, send \"stop\" to every worker the primary still"
              + " has (keep them in a list), not only to the one that asked";
    } else {
      Optional<ProbeReport.Callback> timer = timerAfterShutdown(first);
      if (timer.isPresent()) {
        ProbeReport.Callback t = timer.get();
        reason =
            who(first.pid())
                + " got \"stop\", but a "
                + (t.kind() == CallbackKind.INTERVAL ? "repeating timer" : "timer")
                + " kept its loop running: it "
                + end;
        evidence.add(
            "the timer"
                + (t.site().isEmpty() ? "" : " set at " + t.site())
                + " still ran after /shutdown");
        evidence.addAll(judge.source(t.site()));
        advice =
            "a timer keeps its loop alive, as a server does: unref() it"
                + " (loop.setInterval(...).unref()), so that it never holds the worker open";
      } else {
        reason = who(first.pid()) + " got \"stop\", but its loop kept running: it " + end;
        advice =
            "after \"stop\", nothing of your routes may keep a worker's loop alive: close what"
                + " they opened, cancel their timers, or unref() them";
      }
    }
    if (run.timedOut()) {
      evidence.add(
          "the primary (pid "
              + primary.pid()
              + ") waited for "
              + (running.size() == 1 ? "it" : "them")
              + ": its loop runs as long as one of its workers does");
    }
    evidence.add(advice);
    judge.fail(
        run,
        fact,
        run.timedOut() ? Diagnosis.KEPT_ALIVE : Diagnosis.WRONG_RESULT,
        reason,
        evidence);
  }

  /** Every worker ended, yet the primary ran until the verifier stopped it. */
  private void primaryKeptRunning(String fact) {
    List<String> evidence = new ArrayList<>();
    for (ProbeReport.ThreadState t : primary.stuck()) {
      if (t.frame().isEmpty()) continue;
      evidence.add(
          "its \""
              + t.thread()
              + "\" was "
              + t.kind().words()
              + " in "
              + t.frame()
              + (t.detail().isEmpty() ? "" : ", " + t.detail()));
      evidence.addAll(judge.source(t.frame()));
      break;
    }
    lastTimer(primary)
        .ifPresent(
            t ->
                evidence.add(
                    "a timer"
                        + (t.site().isEmpty() ? "" : " set at " + t.site())
                        + " still ran after /shutdown"));
    evidence.add(
        "once its last worker has exited, nothing may keep the primary's loop alive: no timer,"
            + " no server, no handle of its own");
    judge.fail(
        run,
        fact,
        Diagnosis.KEPT_ALIVE,
        "every worker ended, but the primary (pid "
            + primary.pid()
            + ") was still running when the verifier stopped the run at its "
            + limit()
            + " limit",
        evidence);
  }

  /**
   * Whether {@code w} was still running when the run ended: not exited, ended by the primary's
   * runtime, or (the run stopped at its timeout) gone only when the verifier stopped it.
   */
  boolean stillRunning(Child w) {
    if (log.kill().isPresent() && log.kill().get().pid() == w.pid()) return false;
    if (w.exitCode().isEmpty() || w.endedByRuntime()) return true;
    if (!run.timedOut()) return false;
    return deadlineMs >= 0 ? w.exitedAtMs() >= deadlineMs : w.exitCode().getAsInt() >= 128;
  }

  /** Whether {@code w} was started only after the verifier had stopped the run. */
  boolean startedAfterTheStop(Child w) {
    return deadlineMs >= 0 && w.startedAtMs() >= deadlineMs;
  }

  /**
   * How a worker's life ended, in a few words, for the story: "killed by the verifier", "still
   * running when the verifier stopped the run at its 30 s limit: killed", "exit code 0".
   */
  String ending(Child w) {
    if (log.kill().isPresent() && log.kill().get().pid() == w.pid()) {
      return "killed by the verifier" + exitCode(w);
    }
    if (startedAfterTheStop(w)) {
      return "started after the verifier had stopped the run at its "
          + limit()
          + " limit, and killed with it";
    }
    if (run.timedOut() && stillRunning(w)) {
      return "still running when the verifier stopped the run at its " + limit() + " limit: killed";
    }
    if (w.exitCode().isEmpty()) return "still running at the end";
    return "exit code " + w.exitCode().getAsInt();
  }

  /** Whether the primary sent {@code w} a message after /shutdown ("stop", in this exercise). */
  private boolean toldToStop(Child w) {
    for (Message m : primary.processes().messages()) {
      if (m.sent() && m.toPid() == w.pid() && m.atMs() >= shutdownMs) return true;
    }
    return false;
  }

  /** Whether {@code w} sent the primary a message after /shutdown: it asked for the shutdown. */
  private boolean asked(Child w) {
    for (Message m : primary.processes().messages()) {
      if (!m.sent() && m.fromPid() == w.pid() && m.atMs() >= shutdownMs) return true;
    }
    return false;
  }

  /** The last timer callback {@code w}'s own loop ran after /shutdown, if its report shows one. */
  private Optional<ProbeReport.Callback> timerAfterShutdown(Child w) {
    return w.report().flatMap(this::lastTimer);
  }

  private Optional<ProbeReport.Callback> lastTimer(ProbeReport r) {
    ProbeReport.Callback last = null;
    for (ProbeReport.Callback c : r.callbacks()) {
      if (c.kind() != CallbackKind.INTERVAL && c.kind() != CallbackKind.TIMER) continue;
      if ((r.origin() + c.start() - primary.origin()) / 1_000_000 < shutdownMs) continue;
      last = c;
    }
    return Optional.ofNullable(last);
  }

  /** "worker 2 (pid 1333)", from the worker's listening line; "worker pid 1333" without one. */
  String who(long pid) {
    for (Listen l : log.listens()) {
      if (l.pid() == pid) return "worker " + l.id() + " (pid " + pid + ")";
    }
    return "worker pid " + pid;
  }

  private String limit() {
    return judge.spec().timeout().toSeconds() + " s";
  }

  private static String exitCode(Child w) {
    return w.exitCode().isPresent() ? " (exit code " + w.exitCode().getAsInt() + ")" : "";
  }
}
