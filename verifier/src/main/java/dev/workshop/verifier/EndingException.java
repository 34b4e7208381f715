package dev.workshop.verifier;

import dev.workshop.verifier.report.ProbeReport.Uncaught;
import java.util.List;
import java.util.Optional;

/**
 * The exception nobody caught that ended a program on main, and the facts that cannot be judged
 * after it. After such an exception the program did nothing more, so a fact about what it should
 * have done next (every round's total, an answer) could only fail, and its ✗ would only repeat the
 * consequence: an exercise records those facts with {@link #notJudged} instead, and {@link
 * Judge#endsOnItsOwn} tells the exception (in one line when a ✗ above already showed it), so that
 * the first ✗ is the one to fix.
 */
public final class EndingException {
  private EndingException() {}

  /**
   * The exception nobody caught on main (in the main script or a loop callback) that ended the
   * program; empty when none did, when the run was stopped at its timeout, or when {@code
   * System.exit} ended it.
   */
  public static Optional<Uncaught> of(Run run) {
    if (run.timedOut() || run.report().exit().isPresent()) return Optional.empty();
    return run.report().uncaught().stream().filter(u -> u.thread().equals("main")).findFirst();
  }

  /**
   * Records, as one info line of {@code judge}, the facts about {@code run} that were not judged
   * because an exception ended the program first ({@link #of}).
   *
   * @param facts the facts as their checks would have named them, after the run's label
   */
  public static void notJudged(Judge judge, Run run, List<String> facts) {
    if (facts.isEmpty()) return;
    judge.info(
        run.label()
            + ": not judged, as the exception ended the program first: "
            + String.join("; ", facts));
  }
}
