package dev.workshop.verifier;

import java.util.List;

/**
 * One line of a verdict: a check, whether it held, and if not why, in the learner's terms.
 *
 * @param name what was checked, phrased so that a ✓ reads as a fact ("the callback came after 1111
 *     ms"); for a check about one run, it begins with that run's {@link Run#label() label}
 * @param passed whether it held
 * @param diagnosis the failure's kind; {@code null} when passed
 * @param reason one sentence on what went wrong; empty when passed
 * @param evidence further lines: the frame, the source line, the numbers
 * @param run the run the check is about, or {@code null} for a check about no single run
 */
public record CheckResult(
    String name,
    boolean passed,
    Diagnosis diagnosis,
    String reason,
    List<String> evidence,
    Run run) {

  public CheckResult {
    evidence = List.copyOf(evidence);
  }

  /** A check about no single run that held. */
  public static CheckResult pass(String name) {
    return new CheckResult(name, true, null, "", List.of(), null);
  }

  /** A check about no single run that failed. */
  public static CheckResult fail(
      String name, Diagnosis diagnosis, String reason, List<String> evidence) {
    return new CheckResult(name, false, diagnosis, reason, evidence, null);
  }

  /**
   * The part of the name after the run's label ({@code ": the main thread was never blocked..."}),
   * or the whole name for a check about no single run.
   */
  public String fact() {
    return run == null || !name.startsWith(run.label())
        ? name
        : name.substring(run.label().length());
  }
}
