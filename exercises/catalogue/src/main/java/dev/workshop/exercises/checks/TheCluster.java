package dev.workshop.exercises.checks;

import dev.workshop.exercises.checks.ClusterLoad.Exchange;
import dev.workshop.exercises.checks.ClusterLoad.Kill;
import dev.workshop.exercises.checks.ClusterLoad.Log;
import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Session;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProcessEvidence.Child;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CLUSTER: a primary forks one HTTP worker per processor (2 to 4) on one port, and replaces a
 * worker that dies. The verifier ({@link ClusterLoad}) loads the workers, kills one mid-load and
 * asks for {@code /shutdown}; this class judges, from each process's own probe report, which
 * process (pid, role) did what: the primary's process records (which workers it forked, when,
 * and how each ended), and each worker's own report (the requests its loop served, its blocks).
 * What a program prints about itself is never evidence.
 */
public final class TheCluster implements Verification {

  private static final String KIND = "cluster-worker";

  @Override
  public void interact(Session session) throws Exception {
    ClusterLoad.interact(session);
  }

  @Override
  public void judge(Judge judge) {
    Run run = judge.runs().get(0);
    if (!Listening.check(judge, run)) return;
    Log log = ClusterLoad.Log.parse(run.<String>data("cluster.log").orElse(""));
    ProbeReport primary = run.report();
    List<Child> workers =
        primary.processes().children().stream().filter(c -> c.kind().equals(KIND)).toList();
    long killMs = log.kill().map(k -> ms(k.at() - primary.origin())).orElse(Long.MAX_VALUE);
    long shutdownMs =
        log.shutdownAt() < 0 ? Long.MAX_VALUE : ms(log.shutdownAt() - primary.origin());

    forkedOnePerProcessor(judge, run, workers, killMs);
    servedByWorkers(judge, run, workers, log.shutdownAt());
    answers(judge, run, log);
    replaced(judge, run, log, workers, killMs, shutdownMs);
    neverBlocked(
        judge,
        run,
        "the primary's main thread was never blocked for " + judge.budgetMs() + " ms or more",
        List.of(primary),
        "the primary is an event loop too: it must never sleep or wait. To wait before a restart,"
            + " use loop.setTimeout; Cluster.fork itself returns at once");
    neverBlocked(
        judge,
        run,
        "no worker's main thread was blocked for " + judge.budgetMs() + " ms or more",
        workers.stream().flatMap(w -> w.report().stream()).toList(),
        "a worker is one loop, like any program: cluster gives you more loops, not a loop that may"
            + " compute or wait. Hand fib to loop.queueWork, as in THE HEAVY ROUTE");
    ClusterShutdown shutdown = new ClusterShutdown(judge, run, log, workers, shutdownMs);
    // A run stopped at its timeout after /shutdown: the shutdown's ✗ says which process kept it.
    if (!shutdown.judge()) judge.endsOnItsOwn(run);
    story(judge, primary, workers, log, shutdown);
  }

  /** The primary forked 2 to 4 workers, one per processor, before the kill. */
  private static void forkedOnePerProcessor(
      Judge judge, Run run, List<Child> workers, long killMs) {
    int cores = run.report().cores() > 0 ? run.report().cores() : run.processors();
    long expected =
        Math.max(judge.number("workers.min"), Math.min(judge.number("workers.max"), cores));
    List<Child> first = workers.stream().filter(w -> w.startedAtMs() < killMs).toList();
    List<String> evidence = new ArrayList<>();
    for (Child w : first) evidence.add(describe(w));
    if (first.isEmpty() && !run.report().processes().children().isEmpty())
      evidence.add("it started other processes, but none with Cluster.fork(loop)");
    judge.check(
        run,
        "the primary forked " + expected + " workers with Cluster.fork, one per processor",
        first.size() == expected,
        Diagnosis.WRONG_RESULT,
        "the primary forked "
            + Words.count(first.size(), "worker")
            + " on "
            + cores
            + " processors: fork one per processor, at least "
            + judge.number("workers.min")
            + " and at most "
            + judge.number("workers.max"),
        evidence);
  }

  /** At least 2 worker processes served requests: each worker's own report, its HTTP callbacks. */
  private static void servedByWorkers(Judge judge, Run run, List<Child> workers, long until) {
    long least = judge.number("serving.pids.min");
    List<String> evidence = new ArrayList<>();
    int serving = 0;
    for (Child w : workers) {
      Optional<ProbeReport> r = w.report();
      long served = r.map(p -> requests(p, until)).orElse(0L);
      if (served > 0) serving++;
      evidence.add(
          "worker pid "
              + w.pid()
              + ": "
              + (r.isEmpty()
                  ? "nothing seen of what it served: it ended before it could report"
                  : "its loop served " + Words.count(served, "request")));
    }
    long own = requests(run.report(), until);
    if (own > 0)
      evidence.add(
          "the primary (pid "
              + run.report().pid()
              + ") served "
              + Words.count(own, "request")
              + " itself: a primary should only look after its workers");
    judge.check(
        run,
        "the load was served by at least " + least + " worker processes",
        serving >= least,
        Diagnosis.WRONG_RESULT,
        serving == 0
            ? "no worker process served a request"
            : "only one worker process served requests: one loop, one core, for everybody",
        evidence);
  }

  /**
   * The requests the loop of the process behind {@code r} ran before {@code /shutdown} was sent
   * ({@code until}, the verifier's nanoTime; every JVM here reads the same clock), or all of them
   * when it never was: its HTTP callbacks.
   */
  private static long requests(ProbeReport r, long until) {
    return r.callbacks().stream()
        .filter(c -> c.kind() == CallbackKind.HTTP)
        .filter(c -> until < 0 || r.origin() + c.start() < until)
        .count();
  }

  /** The answers: /fib, the load before the kill, and the load during which the kill came. */
  private static void answers(Judge judge, Run run, Log log) {
    String hello = judge.spec().setting("hello.expected");
    List<Exchange> fib = log.phase("fib");
    String fibExpected = judge.spec().setting("fib.expected");
    Optional<Exchange> badFib = fib.stream().filter(e -> !e.answered(fibExpected)).findFirst();
    judge.check(
        run,
        "each /fib?n="
            + String.join(", ", judge.spec().words("fib.n").stream().distinct().toList())
            + " was answered "
            + fibExpected,
        fib.size() == judge.spec().words("fib.n").size() && badFib.isEmpty(),
        Diagnosis.WRONG_RESULT,
        fib.isEmpty()
            ? "no /fib request was made"
            : badFib.map(Exchange::shown).orElse("a /fib was not sent"));
    List<Exchange> before = log.phase("before");
    Optional<Exchange> badBefore = before.stream().filter(e -> !e.answered(hello)).findFirst();
    long expectedBefore = judge.number("kill.after");
    judge.check(
        run,
        "the first " + expectedBefore + " requests of GET / were answered \"hello from worker N\"",
        before.size() == expectedBefore && badBefore.isEmpty(),
        Diagnosis.WRONG_RESULT,
        badBefore
            .map(Exchange::shown)
            .orElse(Words.count(before.size(), "request") + " made of " + expectedBefore));
    List<Exchange> during = log.phase("during");
    long expectedDuring = judge.number("load.requests") - expectedBefore;
    long failed =
        during.stream().filter(e -> !e.answered(hello)).count() + (expectedDuring - during.size());
    long allowed = judge.number("failed.max");
    String who =
        log.kill().map(k -> "worker " + k.id() + " (pid " + k.pid() + ")").orElse("a worker");
    List<String> evidence = new ArrayList<>();
    during.stream().filter(e -> !e.answered(hello)).limit(3).forEach(e -> evidence.add(e.shown()));
    judge.check(
        run,
        "after the verifier killed "
            + who
            + ", at most "
            + allowed
            + " of the next "
            + expectedDuring
            + " requests failed",
        log.kill().isPresent() && log.kill().get().error().isEmpty() && failed <= allowed,
        Diagnosis.WRONG_RESULT,
        log.kill().isEmpty()
            ? "no worker could be killed: the load did not get that far"
            : !log.kill().get().error().isEmpty()
                ? "worker "
                    + log.kill().get().id()
                    + " could not be killed: "
                    + log.kill().get().error()
                : failed
                    + " of "
                    + expectedDuring
                    + " failed: with one worker gone, the others must keep answering",
        evidence);
  }

  /** The primary replaced the killed worker, with Cluster.fork, within restart.max.ms. */
  private static void replaced(
      Judge judge, Run run, Log log, List<Child> workers, long killMs, long shutdownMs) {
    long within = judge.number("restart.max.ms");
    if (log.kill().isEmpty() || !log.kill().get().error().isEmpty()) {
      judge.fail(
          run,
          "the primary replaced the killed worker",
          Diagnosis.WRONG_RESULT,
          "no worker was killed, so no replacement could be seen");
      return;
    }
    Kill k = log.kill().get();
    Optional<Child> killed = workers.stream().filter(w -> w.pid() == k.pid()).findFirst();
    Optional<Child> next =
        workers.stream()
            .filter(w -> w.startedAtMs() >= killMs && w.startedAtMs() < shutdownMs)
            .findFirst();
    List<String> evidence = new ArrayList<>();
    killed.ifPresent(
        w ->
            evidence.add(
                "the primary saw worker pid "
                    + w.pid()
                    + " exit"
                    + w.exitCode().stream()
                        .mapToObj(c -> " with code " + c)
                        .findFirst()
                        .orElse(" (no exit seen)")));
    next.ifPresent(
        w -> evidence.add(describe(w) + ", " + (w.startedAtMs() - killMs) + " ms after the kill"));
    judge.check(
        run,
        "the primary started a new worker within "
            + within / 1000
            + " s after worker "
            + k.id()
            + " (pid "
            + k.pid()
            + ") was killed",
        next.isPresent() && next.get().startedAtMs() - killMs <= within,
        Diagnosis.WRONG_RESULT,
        next.isEmpty()
            ? "no new worker was started: register Cluster.onExit and fork another there"
            : "the new worker came " + (next.get().startedAtMs() - killMs) + " ms after the kill",
        evidence);
  }

  /** No block over the budget on the main thread of any of these reports (each one process). */
  private static void neverBlocked(
      Judge judge, Run run, String fact, List<ProbeReport> reports, String advice) {
    long budget = judge.budgetMs() * 1_000_000L;
    for (ProbeReport r : reports) {
      List<ProbeReport.Block> blocks = r.blocks(budget);
      if (blocks.isEmpty()) continue;
      ProbeReport.Block b = blocks.get(0);
      String role = r == run.report() ? "the primary" : "worker";
      List<String> evidence = new ArrayList<>(judge.describe(b));
      evidence.add(advice);
      judge.fail(
          run,
          fact,
          Diagnosis.of(b.kind()),
          role
              + " (pid "
              + r.pid()
              + "): main thread blocked for "
              + b.chargedMillis()
              + " ms, "
              + b.kind().words()
              + (b.frame().isEmpty() ? "" : " in " + b.frame()),
          evidence);
      return;
    }
    judge.pass(run, fact);
  }

  /** Which process did what, as information. */
  private static void story(
      Judge judge, ProbeReport primary, List<Child> workers, Log log, ClusterShutdown shutdown) {
    StringBuilder b = new StringBuilder("the primary, pid " + primary.pid() + ", forked ");
    b.append(Words.count(workers.size(), "worker")).append(" in all");
    log.kill().ifPresent(k -> b.append("; the verifier killed pid ").append(k.pid()));
    judge.info(b.toString());
    for (Child w : workers)
      judge.info(
          shutdown.who(w.pid())
              + ", forked at "
              + w.startedAtMs()
              + " ms: "
              + w.report()
                  .filter(r -> !shutdown.startedAfterTheStop(w))
                  .map(
                      r ->
                          Words.count(requests(r, log.shutdownAt()), "request")
                              + " served by its loop before /shutdown; ")
                  .orElse("")
              + shutdown.ending(w));
  }

  private static String describe(Child w) {
    return "worker pid "
        + w.pid()
        + " forked"
        + (w.site().isEmpty() ? "" : " at " + w.site())
        + " at "
        + w.startedAtMs()
        + " ms";
  }

  private static long ms(long ns) {
    return ns / 1_000_000L;
  }
}
