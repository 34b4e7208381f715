package dev.workshop.verifier;

import dev.workshop.verifier.compile.CompileError;
import java.util.List;

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

  static Verdict before(Diagnosis diagnosis, String problem, List<CompileError> errors) {
    return new Verdict(false, diagnosis, problem, errors, List.of(), List.of(), List.of());
  }
}
