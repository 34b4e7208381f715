package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.PoolStarvation;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.PoolWaitEvidence;
import dev.workshop.verifier.report.PoolWaitEvidence.PoolWait;
import dev.workshop.verifier.report.ProbeReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * DEADLOCK ON THE POOL: every order takes two pool jobs, and the second must be queued from the
 * first one's after-work callback on main, never waited for inside a pool job. Runs {@code java
 * Host 8}: 8 orders at once, twice the pool's 4 threads, so a pool job that waits for its second
 * step starves the pool, and the probe names the waiting threads and the jobs queued behind them.
 */
public final class DeadlockOnThePool implements Verification {

  @Override
  public void judge(Judge judge) {
    long base = judge.number("price.base.cents");
    long step = judge.number("price.step.cents");
    long rate = judge.number("rate.percent");
    for (Run run : judge.runs()) {
      int orders = Integer.parseInt(run.args().get(0));
      noPoolThreadWaited(judge, run);
      judge.mainNeverBlocked(run);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "queue step 2 with loop.queueWork from step 1's after-work callback: the pool's"
              + " threads are enough when none of them waits");
      answers(judge, run, orders, base, step, rate);
      stepsOnThePool(judge, run, orders);
      endsOnItsOwn(judge, run);
    }
  }

  /**
   * The shared check, except for a run the probe stopped because the pool starved: the first
   * check already showed the starvation, so this one only says why the run did not end by itself.
   */
  private static void endsOnItsOwn(Judge judge, Run run) {
    if (PoolStarvation.endedRun(run).isPresent()) {
      judge.fail(
          run,
          "the program ended by itself, with exit code 0",
          Diagnosis.POOL_STARVATION,
          "it was stopped: the pool had starved (shown above), and no job could run again");
      return;
    }
    judge.endsOnItsOwn(run);
  }

  /**
   * No pool thread waited for a future inside a pool job: from the woven blocking calls (join,
   * get, latches, Object.wait) and Future.isDone polls of the pool threads themselves. A
   * starvation seen is named as such; a wait that did not starve this pool (a bigger one) is
   * still a wait, which starves any pool once as many orders run at once as it has threads.
   */
  private static void noPoolThreadWaited(Judge judge, Run run) {
    String fact = "no pool thread ever waited for a future";
    ProbeReport r = run.report();
    PoolWaitEvidence evidence = r.poolWaits();
    Optional<PoolWaitEvidence.Starvation> starved = evidence.starvation();
    if (starved.isPresent()) {
      judge.fail(
          run,
          fact,
          Diagnosis.POOL_STARVATION,
          PoolStarvation.reason(starved.get()),
          PoolStarvation.evidence(judge, starved.get()));
      return;
    }
    List<PoolWait> waits =
        evidence.waits().stream().sorted(Comparator.comparingLong(PoolWait::first)).toList();
    if (waits.isEmpty()) {
      boolean seen = PoolJobs.learners(r).stream().anyMatch(ProbeReport.Job::onPool);
      judge.check(
          run,
          fact,
          seen,
          Diagnosis.WRONG_RESULT,
          PoolJobs.whyNone(r) + ", so no pool thread's waits could be seen: use loop.queueWork");
      return;
    }
    PoolWait first = waits.get(0);
    long threads = waits.stream().map(PoolWait::thread).distinct().count();
    long count = waits.stream().mapToLong(w -> w.count() + (w.open() ? 1 : 0)).sum();
    long longest = waits.stream().mapToLong(PoolWait::longestNs).max().orElse(0);
    List<String> lines = new ArrayList<>(judge.source(first.site()));
    lines.add(
        Words.count(count, "wait")
            + " on "
            + Words.count(threads, "pool thread")
            + ", the longest "
            + Math.round(longest / 1e6)
            + " ms");
    int size = r.poolSize();
    if (size > 0) {
      lines.add(
          "the pool has "
              + Words.count(size, "thread")
              + ": with "
              + size
              + " orders at once, every one of them would wait for a step queued behind it,"
              + " and no job could run again; a bigger pool only moves that line");
    }
    lines.add(
        "return from step 1's job, and queue step 2 from its after-work callback, on main:"
            + " then no pool thread waits");
    judge.fail(
        run,
        fact,
        Diagnosis.WAITING_FUTURE,
        "\"" + first.thread() + "\" " + PoolStarvation.verb(first.kind()) + " in " + first.site(),
        lines);
  }

  /** Every order answered once, on main, with its exact total. */
  private static void answers(Judge judge, Run run, int orders, long base, long step, long rate) {
    String fact = "all " + orders + " orders were answered on main with the right totals";
    List<String> missing = new ArrayList<>();
    for (int n = 1; n <= orders; n++) {
      long expected = (base + step * n) * rate / 100;
      String line = "order " + n + ": " + expected + " cents";
      Optional<String> said = run.after("order " + n + ":");
      if (said.isEmpty() && run.after("order " + n + " failed:").isEmpty()) {
        missing.add(String.valueOf(n));
        continue;
      }
      Optional<Run.Printed> printed = run.printedLine(line);
      if (printed.isEmpty()) {
        String prefix = "order " + n;
        String got =
            run.after(prefix + ":")
                .map(s -> prefix + ":" + s)
                .or(() -> run.after(prefix + " failed:").map(s -> prefix + " failed:" + s))
                .orElse("");
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "order " + n + " should be " + expected + " cents",
            "it printed: " + Words.quoted(got, 72));
        return;
      }
      if (!printed.get().thread().equals("main")) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            "order " + n + " was answered on \"" + printed.get().thread() + "\", not on main",
            "call done from an after-work callback: it runs on main");
        return;
      }
    }
    if (!missing.isEmpty()) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CALLBACK,
          Words.count(missing.size(), "order")
              + " of "
              + orders
              + " never got an answer: "
              + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
              + (missing.size() > 8 ? ", ..." : ""),
          "every order must end with one call of done, on main");
      return;
    }
    judge.pass(run, fact);
  }

  /** Both steps ran on pool threads only, each step a pool job of its own: 2 jobs per order. */
  private static void stepsOnThePool(Judge judge, Run run, int orders) {
    String fact = "both steps ran on pool threads, as " + 2 * orders + " pool jobs of their own";
    ProbeReport r = run.report();
    for (String method : List.of("Host.lookup", "Host.convert")) {
      List<ProbeReport.Ran> ran =
          r.ran().stream().filter(x -> x.method().startsWith(method + "(")).toList();
      Optional<ProbeReport.Ran> elsewhere =
          ran.stream().filter(x -> !x.role().equals("pool")).findFirst();
      if (ran.isEmpty() || elsewhere.isPresent()) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_RESULT,
            ran.isEmpty()
                ? method + " was never seen running"
                : method + " ran on \"" + elsewhere.get().thread() + "\", not on a pool thread",
            "each step goes to the pool with loop.queueWork");
        return;
      }
    }
    long jobs = PoolJobs.learners(r).stream().filter(ProbeReport.Job::onPool).count();
    judge.check(
        run,
        fact,
        jobs >= 2L * orders,
        Diagnosis.WRONG_RESULT,
        Words.count(jobs, "pool job")
            + " of yours finished, not "
            + 2 * orders
            + ": each order's two steps must be two jobs",
        "step 2 needs the rate, which only main may read: queue it from step 1's after-work"
            + " callback");
  }
}
