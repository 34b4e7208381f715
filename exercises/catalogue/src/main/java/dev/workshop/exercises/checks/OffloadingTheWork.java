package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;
import java.util.Optional;

/**
 * OFFLOADING THE WORK: the same host as CALL ME MAYBE, but now the sleep must run on the pool
 * and main must keep printing dots. Runs with 111 and 1111 ms, as goingnative did.
 */
public final class OffloadingTheWork implements Verification {

  @Override
  public void judge(Judge judge) {
    long slack = judge.number("delay.slack.ms");
    double busyMax = judge.spec().decimal("main.busy.max.fraction");
    for (Run run : judge.runs()) {
      long ms = Long.parseLong(run.args().get(0));
      judge.mainNeverBlocked(run);
      judge.noThreadsOfItsOwn(
          run,
          "your code started no thread of its own",
          "hand the sleep to loop.queueWork: its pool threads are the ones the lesson is about");
      DelayTiming.check(judge, run, ms, slack);
      sleptOnThePool(judge, run, ms);
      dots(judge, run, ms, busyMax);
      judge.endsOnItsOwn(run);
    }
  }

  private static void sleptOnThePool(Judge judge, Run run, long ms) {
    String fact = "the wait ran on a pool thread";
    List<ProbeReport.Job> jobs = PoolJobs.learners(run.report());
    boolean slept =
        jobs.stream()
            .anyMatch(
                j -> j.thread().startsWith("pool-") && (j.end() - j.start()) >= ms * 900_000L);
    judge.check(
        run,
        fact,
        slept,
        Diagnosis.WRONG_RESULT,
        jobs.isEmpty()
            ? PoolJobs.whyNone(run.report()) + ": use loop.queueWork"
            : "no pool job lasted about " + ms + " ms: the wait did not happen on the pool");
  }

  /**
   * Waiting, at least one dot, Done!; and main was free while delay waited: the callbacks it ran
   * in that time took at most {@code busyMax} of it, in charged time (waiting for a CPU and VM
   * pauses not counted). Not a count of dots against the clock: on a busy machine the dots come
   * late, through no fault of the solution.
   */
  private static void dots(Judge judge, Run run, long ms, double busyMax) {
    String out = run.stdout().strip();
    int dots = DelayTiming.dotsWhileWaiting(run).length();
    String fact = "the output is Waiting, then dots, then Done!, and main stayed free meanwhile";
    boolean shape = out.matches("Waiting\\.*Done!");
    if (!shape) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_OUTPUT,
          "the output is not Waiting, dots, Done!",
          List.of("it was: " + Words.quoted(out, 72)));
      return;
    }
    if (dots == 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_OUTPUT,
          "no dot while waiting " + ms + " ms: the loop thread was not free to print one",
          List.of());
      return;
    }
    Optional<Run.Printed> waiting = run.printed("Waiting");
    Optional<Run.Printed> done = run.printed("Done!");
    if (waiting.isPresent() && waiting.get().callback() != null && done.isPresent()) {
      ProbeReport r = run.report();
      long from = waiting.get().callback().end();
      long to = done.get().time();
      long busy = r.chargedWithin(from, to);
      if (to > from && busy > busyMax * (to - from)) {
        judge.fail(
            run,
            fact,
            Diagnosis.WRONG_OUTPUT,
            "main was busy for "
                + Math.round(busy / 1e6)
                + " of the "
                + Math.round((to - from) / 1e6)
                + " ms while delay waited, so only "
                + Words.count(dots, "dot")
                + " came",
            List.of("leave main free while the pool waits: do nothing on main but start the work"));
        return;
      }
    }
    judge.pass(run, fact);
    judge.info(run.label() + ": " + Words.count(dots, "dot") + " while waiting " + ms + " ms");
  }
}
