package dev.workshop.exercises.checks;

import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Words;

/** The check every server exercise starts with: the program said where it listens. */
final class Listening {
  private Listening() {}

  /**
   * Records whether the run printed its {@code listening on <port>} line within the exercise's
   * {@code listening.max.ms}. When it did not, nothing else of the run can be checked: the run's
   * end is judged (an exception, a timeout) and this returns false.
   */
  static boolean check(Judge judge, Run run) {
    if (judge.check(
        run,
        "it printed \"listening on <port>\" within "
            + judge.number("listening.max.ms") / 1000
            + " s",
        run.data("port").isPresent(),
        Diagnosis.WRONG_OUTPUT,
        "the server never said it was listening",
        run.stdout().isBlank()
            ? "it printed nothing"
            : "it printed: " + Words.quoted(run.stdout().strip(), 72))) {
      return true;
    }
    judge.endsOnItsOwn(run);
    return false;
  }
}
