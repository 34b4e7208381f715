package dev.workshop.verifier;

import java.util.List;

/**
 * One line of a verdict: a check, whether it held, and if not why, in the learner's terms.
 *
 * @param name what was checked, phrased so that a ✓ reads as a fact ("the callback came after 1111 ms")
 * @param passed whether it held
 * @param diagnosis the failure's kind; {@code null} when passed
 * @param reason one sentence on what went wrong; empty when passed
 * @param evidence further lines: the frame, the source line, the numbers
 */
public record CheckResult(
    String name, boolean passed, Diagnosis diagnosis, String reason, List<String> evidence) {

  public static CheckResult pass(String name) {
    return new CheckResult(name, true, null, "", List.of());
  }

  public static CheckResult fail(
      String name, Diagnosis diagnosis, String reason, List<String> evidence) {
    return new CheckResult(name, false, diagnosis, reason, List.copyOf(evidence));
  }
}
