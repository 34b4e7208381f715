package dev.workshop.verifier;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the verifier needs to know about an exercise. The catalogue's {@code Exercise} implements
 * it; tests may implement it directly.
 */
public interface ExerciseSpec {

  /** The stable id, such as {@code call-me-maybe}. */
  String id();

  /** The title shown to the learner. */
  String title();

  /** The class whose {@code main} runs, in the default package or fully qualified. */
  String mainClass();

  /** Files the learner writes; each must exist in the solution folder. */
  List<String> learnerFiles();

  /** Files the exercise provides; the verifier compiles its own copy, never the learner's. */
  List<String> hostFiles();

  /** The exercise's own copy of a starter file (for host files). */
  String boilerplate(String file);

  /** How long one run may take before it is killed, process tree and all. */
  Duration timeout();

  /** A property of the exercise's metadata, for its verification class. */
  Optional<String> property(String key);

  /** The fully qualified name of the class that declares the exercise's checks. */
  String verificationClass();
}
