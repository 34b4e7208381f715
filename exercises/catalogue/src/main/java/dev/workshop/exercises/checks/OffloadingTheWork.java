package dev.workshop.exercises.checks;

import dev.workshop.exercises.checks.CallMeMaybe.DelayTiming;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.report.ProbeReport;
import java.util.List;

/**
 * OFFLOADING THE WORK: the same host as CALL ME MAYBE, but now the sleep must run on the pool
 * and main must keep printing dots. Runs with 111 and 1111 ms, as goingnative did.
 */
public final class OffloadingTheWork implements Verification {

  @Override
  public void judge(Judge judge) {
    long slack = judge.number("delay.slack.ms", 300);
    double fraction = Double.parseDouble(judge.spec().property("dots.min.fraction").orElse("0.5"));
    for (Run run : judge.runs()) {
      long ms = Long.parseLong(run.args().get(0));
      judge.mainNeverBlocked(run);
      judge.onlyPoolThreads(run);
      DelayTiming.check(judge, run, ms, slack);
      sleptOnThePool(judge, run, ms);
      dots(judge, run, ms, fraction);
      judge.endsOnItsOwn(run);
    }
  }

  private static void sleptOnThePool(Judge judge, Run run, long ms) {
    String name = run.label() + ": the wait ran on a pool thread";
    List<ProbeReport.Job> jobs = run.report().jobs();
    boolean slept = jobs.stream().anyMatch(j -> j.thread().startsWith("pool-") && (j.end() - j.start()) >= ms * 900_000L);
    judge.check(name, slept, Diagnosis.WRONG_RESULT, jobs.isEmpty() ? "nothing ran on the pool: use loop.queueWork"
        : "no pool job lasted about " + ms + " ms: the wait did not happen on the pool");
  }

  private static void dots(Judge judge, Run run, long ms, double fraction) {
    long periods = ms / 50;
    long needed = Math.max(1, (long) Math.floor(periods * fraction));
    String out = run.stdout().strip();
    int dots = DelayTiming.dotsWhileWaiting(run).length();
    String name = run.label() + ": the output is Waiting, then dots, then Done! (at least " + needed + " dots)";
    boolean shape = out.matches("Waiting\\.*Done!");
    if (!shape) {
      judge.fail(name, Diagnosis.WRONG_OUTPUT, "the output is not Waiting, dots, Done!",
          List.of("it was: " + abbreviate(out)));
      return;
    }
    judge.check(name, dots >= needed, Diagnosis.WRONG_OUTPUT, "only " + dots + " dot" + (dots == 1 ? "" : "s")
        + " while waiting " + ms + " ms: the loop thread was not free to print them");
  }

  static String abbreviate(String s) {
    String one = s.replace("\n", "\\n");
    return one.length() <= 70 ? "\"" + one + "\"" : "\"" + one.substring(0, 67) + "...\"";
  }
}
