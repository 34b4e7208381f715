package dev.workshop.verifier;

import dev.workshop.verifier.compile.CompileError;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the verifier concluded.
 *
 * @param passed whether every check held
 * @param diagnosis the root cause when it did not ({@code null} on a pass)
 * @param problem one sentence when the solution could not even run (missing file, compile
 *     errors), else empty
 * @param compileErrors the compiler's errors, if any
 * @param checks the checks, in the order the exercise made them
 * @param info lines that explain without judging (what the main thread did, measured figures)
 * @param runs every run made, for the timeline
 */
public record Verdict(
    boolean passed,
    Diagnosis diagnosis,
    String problem,
    List<CompileError> compileErrors,
    List<CheckResult> checks,
    List<String> info,
    List<Run> runs) {

  /** The verdict on a solution that could not even run: one sentence, and compile errors if any. */
  static Verdict before(Diagnosis diagnosis, String problem, List<CompileError> errors) {
    return new Verdict(false, diagnosis, problem, errors, List.of(), List.of(), List.of());
  }

  /**
   * The verdict of the checks: a pass when there was at least one, every one held, and every run
   * was made ({@code complete}); else a fail whose diagnosis is that of {@link #firstFailure()}
   * (or {@link Diagnosis#TIMEOUT} when runs were skipped with no check failing).
   */
  static Verdict judged(
      List<CheckResult> checks, List<String> info, List<Run> runs, boolean complete) {
    boolean passed = !checks.isEmpty() && checks.stream().allMatch(CheckResult::passed) && complete;
    Diagnosis diagnosis =
        passed ? null : rootCause(checks).map(CheckResult::diagnosis).orElse(Diagnosis.TIMEOUT);
    return new Verdict(
        passed,
        diagnosis,
        "",
        List.of(),
        List.copyOf(checks),
        List.copyOf(info),
        List.copyOf(runs));
  }

  /** What {@code workshop run} shows: the runs and what was measured, no checks, no verdict. */
  static Verdict shown(List<String> info, List<Run> runs) {
    return new Verdict(false, null, "", List.of(), List.of(), List.copyOf(info), List.copyOf(runs));
  }

  /**
   * The failed check that names the verdict's cause, whose reason the FAIL line repeats: of the
   * failed checks, the first whose diagnosis comes earliest in {@link Diagnosis}'s order (the
   * closest to the root cause). Empty on a pass, and when the solution never ran ({@link
   * #problem()} says why then).
   */
  public Optional<CheckResult> cause() {
    return rootCause(checks);
  }

  /** The first failed check, in the order the exercise made them; empty when none failed. */
  public Optional<CheckResult> firstFailure() {
    return checks.stream().filter(c -> !c.passed()).findFirst();
  }

  /**
   * The run a learner should look at first: that of the first failed check about one run, else
   * the last run; empty when there was no run.
   */
  public Optional<Run> telling() {
    Optional<Run> failed = firstFailure().map(CheckResult::run);
    return failed.isPresent() || runs.isEmpty() ? failed : Optional.of(runs.get(runs.size() - 1));
  }

  private static Optional<CheckResult> rootCause(List<CheckResult> checks) {
    return checks.stream()
        .filter(c -> !c.passed())
        .min(Comparator.comparing(CheckResult::diagnosis));
  }
}
