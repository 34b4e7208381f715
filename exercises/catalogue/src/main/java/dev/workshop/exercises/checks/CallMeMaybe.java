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
    long slack = judge.number("delay.slack.ms", 300);
    for (Run run : judge.runs()) {
      long ms = Long.parseLong(run.args().get(0));
      if (!judge.onlyPoolThreads(
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
        run.label() + ": delay waited before it returned (\"Done!\" came before \"Waiting\")",
        before,
        Diagnosis.WRONG_RESULT,
        "delay returned at once and the callback came later, from another callback",
        "the task is the simplest delay there is: Thread.sleep(ms) right where you are, then callback.run();"
            + " handing the wait to the loop is what the next exercises are about");
  }

  /** The timing facts exercises 3 and 4 share. */
  static final class DelayTiming {
    private DelayTiming() {}

    /** Checks Waiting and Done! appear once, and the callback ran on main within [ms, ms + slack]. */
    static boolean check(Judge judge, Run run, long ms, long slack) {
      String out = run.stdout();
      String name =
          run.label()
              + ": the callback ran once, on main, "
              + ms
              + " to "
              + (ms + slack)
              + " ms after delay was called";
      int waiting = count(out, "Waiting");
      int done = count(out, "Done!");
      if (done == 0) {
        judge.fail(
            name,
            Diagnosis.NO_CALLBACK,
            "the callback never ran: \"Done!\" was not printed",
            java.util.List.of(
                waiting == 1
                    ? "\"Waiting\" was printed, so delay returned"
                    : "\"Waiting\" was not printed either"));
        return false;
      }
      if (waiting != 1 || done != 1) {
        judge.fail(
            name,
            Diagnosis.WRONG_OUTPUT,
            "the output should hold \"Waiting\" once and \"Done!\" once, not "
                + waiting
                + " and "
                + done
                + " times",
            java.util.List.of());
        return false;
      }
      Optional<Run.Printed> printed = run.printed("Done!");
      Optional<Run.Printed> waited = run.printed("Waiting");
      if (printed.isEmpty() || waited.isEmpty() || waited.get().callback() == null) {
        judge.fail(
            name,
            Diagnosis.WRONG_OUTPUT,
            "could not tell when the callback ran",
            java.util.List.of());
        return false;
      }
      Run.Printed d = printed.get();
      if (!d.thread().equals("main") || d.callback() == null) {
        judge.fail(
            name,
            Diagnosis.RAW_THREAD,
            "the callback ran on \"" + d.thread() + "\", not on main",
            java.util.List.of(
                "hand it back to the loop: loop.post, or the afterWork callback of queueWork"));
        return false;
      }
      // delay was called at the start of the callback that printed "Waiting" right after it.
      long from = waited.get().callback().start();
      long delayMs = Math.round((d.time() - from) / 1e6);
      if (delayMs < ms) {
        judge.fail(
            name,
            Diagnosis.WRONG_RESULT,
            "the callback came "
                + delayMs
                + " ms after delay was called: "
                + (ms - delayMs)
                + " ms too early",
            java.util.List.of());
        return false;
      }
      // Too late is judged without the time main spent waiting for a CPU meanwhile: a busy machine
      // makes every wake-up late, and that is not the solution's doing.
      long waitMs = Math.round(cpuWaitWithin(run, from, d.time()) / 1e6);
      long lateMs = delayMs - waitMs;
      String measured =
          waitMs > 0 ? " (" + waitMs + " ms of it main waiting for a CPU, not counted)" : "";
      if (lateMs > ms + slack) {
        judge.fail(
            name,
            Diagnosis.WRONG_RESULT,
            "the callback came "
                + delayMs
                + " ms after delay was called"
                + measured
                + ": "
                + (lateMs - ms - slack)
                + " ms later than allowed",
            java.util.List.of());
        return false;
      }
      judge.pass(name);
      judge.info(
          run.label() + ": the callback came " + delayMs + " ms after delay was called" + measured);
      return true;
    }

    /**
     * The time main's callbacks spent waiting for a CPU within {@code [from, to]} (report times,
     * ns), each callback's wait counted in proportion to its overlap with the window.
     */
    static long cpuWaitWithin(Run run, long from, long to) {
      long total = 0;
      for (var c : run.report().callbacks()) {
        long a = Math.max(from, c.start());
        long b = Math.min(to, c.end());
        if (b <= a || c.wall() <= 0 || c.cpuWait() <= 0) continue;
        total += (long) (c.cpuWait() * ((double) (b - a) / c.wall()));
      }
      return total;
    }

    /** The dots printed between "Waiting" and "Done!". */
    static String dotsWhileWaiting(Run run) {
      String out = run.stdout();
      int w = out.indexOf("Waiting");
      int d = out.indexOf("Done!");
      if (w < 0) return "";
      String between =
          d > w ? out.substring(w + "Waiting".length(), d) : out.substring(w + "Waiting".length());
      return between.replaceAll("[^.]", "");
    }

    static int count(String text, String word) {
      int n = 0;
      for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) n++;
      return n;
    }
  }
}
