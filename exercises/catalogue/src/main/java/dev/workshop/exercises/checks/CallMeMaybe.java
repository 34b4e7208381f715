package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verification;
import dev.workshop.verifier.Words;
import java.util.Optional;

/**
 * CALL ME MAYBE: a naive {@code delay} that sleeps on the calling thread. It passes when the
 * callback comes once, on main, after at least {@code ms}; the blocked main thread is shown, not
 * judged, to set up the next exercise.
 */
public final class CallMeMaybe implements Verification {

  @Override
  public void judge(Judge judge) {
    long slack = judge.number("delay.slack.ms");
    for (Run run : judge.runs()) {
      long ms = Long.parseLong(run.args().get(0));
      if (!judge.noThreadsOfItsOwn(
          run,
          "delay ran on no thread of its own",
          "here delay waits on the thread that calls it, main, as the task says; the next exercise moves the wait to the pool")) {
        continue;
      }
      if (DelayTiming.check(judge, run, ms, slack)) waitedWhereCalled(judge, run);
      judge.endsOnItsOwn(run);
      judge.showBlocks(run);
      String dots = DelayTiming.dotsWhileWaiting(run);
      judge.info(
          run.label() + ": " + Words.count(dots.length(), "dot") + " printed while delay waited");
    }
  }

  /**
   * The task: delay waits right where it is called, so the callback runs before delay returns and
   * "Done!" comes before "Waiting", in the same loop callback. A delay that hands the wait to a
   * timer (the better way, and the next lessons') returns at once: "Waiting" comes first.
   */
  private static void waitedWhereCalled(Judge judge, Run run) {
    Optional<Run.Printed> done = run.printed("Done!");
    Optional<Run.Printed> waiting = run.printed("Waiting");
    if (done.isEmpty() || waiting.isEmpty()) return; // DelayTiming said why already
    boolean before =
        done.get().at() < waiting.get().at()
            && done.get().callback() != null
            && done.get().callback().equals(waiting.get().callback());
    judge.check(
        run,
        "delay waited before it returned (\"Done!\" came before \"Waiting\")",
        before,
        Diagnosis.WRONG_RESULT,
        "delay returned at once and the callback came later, from another callback",
        "the task is the simplest delay there is: Thread.sleep(ms) right where you are, then callback.run();"
            + " handing the wait to the loop is what the next exercises are about");
  }
}
