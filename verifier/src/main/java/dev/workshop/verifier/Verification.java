package dev.workshop.verifier;

import java.util.Arrays;
import java.util.List;

/**
 * How one exercise is judged: the class named by {@code verification=} in its
 * {@code exercise.properties}. It needs a public no-argument constructor.
 *
 * <p>The verifier runs the solution once per entry of {@link #runs(ExerciseSpec)}, each in a fresh
 * JVM under the probe, then hands every run to {@link #judge(Judge)}, which records checks. See
 * docs/authoring.md for a worked example.
 */
public interface Verification {

  /**
   * The runs to make, each a list of program arguments. By default, one run per space-separated
   * value of the exercise's {@code args} property (one argument each), or one run with no
   * arguments when there is none.
   */
  default List<List<String>> runs(ExerciseSpec spec) {
    return spec.property("args")
        .map(v -> Arrays.stream(v.trim().split("\\s+")).map(List::of).toList())
        .orElse(List.of(List.of()));
  }

  /**
   * Talks to the program while it runs (an HTTP exercise sends its requests here). Called on the
   * verifier's thread once the program has started; the run ends when the program ends or its
   * timeout passes. Put what you measured in {@code session.put} for {@link #judge(Judge)}.
   */
  default void interact(Session session) throws Exception {}

  /** Judges the runs, recording one check per fact the exercise promises in its Conditions. */
  void judge(Judge judge);
}
