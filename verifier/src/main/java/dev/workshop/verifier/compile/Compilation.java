package dev.workshop.verifier.compile;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of compiling a solution.
 *
 * @param classes the folder with the class files (only meaningful when {@link #ok()})
 * @param learnerClasses top-level classes the learner's files declare
 * @param hostClasses top-level classes of the exercise's own host files
 * @param errors the compiler errors, empty on success
 * @param cached whether the classes came from an earlier compile of the same sources
 */
public record Compilation(
    Path classes,
    List<String> learnerClasses,
    List<String> hostClasses,
    List<CompileError> errors,
    boolean cached) {

  public boolean ok() {
    return errors.isEmpty();
  }
}
