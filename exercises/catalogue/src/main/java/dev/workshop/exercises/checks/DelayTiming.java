package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import java.util.List;
import java.util.Optional;

/**
 * The timing facts CALL ME MAYBE and OFFLOADING THE WORK share: "Waiting" and "Done!" once each,
 * the callback on main, no earlier than {@code ms} and no later than {@code ms + slack} after delay
 * was called (time main waited for a CPU not counted), and the dots printed while delay waited.
 */
final class DelayTiming {
  private DelayTiming() {}

  /** Checks Waiting and Done! appear once, and the callback ran on main within [ms, ms + slack]. */
  static boolean check(Judge judge, Run run, long ms, long slack) {
    String out = run.stdout();
    String fact =
        "the callback ran once, on main, "
            + ms
            + " to "
            + (ms + slack)
            + " ms after delay was called";
    int waiting = count(out, "Waiting");
    int done = count(out, "Done!");
    if (done == 0) {
      judge.fail(
          run,
          fact,
          Diagnosis.NO_CALLBACK,
          "the callback never ran: \"Done!\" was not printed",
          List.of(
              waiting == 1
                  ? "\"Waiting\" was printed, so delay returned"
                  : "\"Waiting\" was not printed either"));
      return false;
    }
    if (waiting != 1 || done != 1) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_OUTPUT,
          "the output should hold \"Waiting\" once and \"Done!\" once, not "
              + waiting
              + " and "
              + done
              + " times",
          List.of());
      return false;
    }
    Optional<Run.Printed> printed = run.printed("Done!");
    Optional<Run.Printed> waited = run.printed("Waiting");
    if (printed.isEmpty() || waited.isEmpty() || waited.get().callback() == null) {
      judge.fail(
          run, fact, Diagnosis.WRONG_OUTPUT, "could not tell when the callback ran", List.of());
      return false;
    }
    Run.Printed d = printed.get();
    if (!d.thread().equals("main") || d.callback() == null) {
      judge.fail(
          run,
          fact,
          Diagnosis.RAW_THREAD,
          "the callback ran on \"" + d.thread() + "\", not on main",
          List.of("hand it back to the loop: loop.post, or the afterWork callback of queueWork"));
      return false;
    }
    // delay was called at the start of the callback that printed "Waiting" right after it.
    long from = waited.get().callback().start();
    long delayMs = Math.round((d.time() - from) / 1e6);
    if (delayMs < ms) {
      judge.fail(
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the callback came "
              + delayMs
              + " ms after delay was called: "
              + (ms - delayMs)
              + " ms too early",
          List.of());
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
          run,
          fact,
          Diagnosis.WRONG_RESULT,
          "the callback came "
              + delayMs
              + " ms after delay was called"
              + measured
              + ": "
              + (lateMs - ms - slack)
              + " ms later than allowed",
          List.of());
      return false;
    }
    judge.pass(run, fact);
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
