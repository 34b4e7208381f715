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

  /**
   * A required text property, stripped. A verification class reads its settings through these
   * typed readers, with no default in the code: the value is the one in {@code
   * exercise.properties}, never a number that silently differs from it.
   *
   * @throws IllegalStateException when {@code exercise.properties} has no such key (an authoring
   *     mistake, which {@code CatalogueTest} and the fixture tests catch)
   */
  default String setting(String key) {
    return property(key)
        .map(String::strip)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "exercise " + id() + ": exercise.properties has no " + key));
  }

  /** A required whole-number property ({@code delay.slack.ms=300}). See {@link #setting}. */
  default long number(String key) {
    String v = setting(key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "exercise " + id() + ": " + key + "=" + v + " is not a whole number", e);
    }
  }

  /** A required decimal property ({@code main.busy.max.fraction=0.5}). See {@link #setting}. */
  default double decimal(String key) {
    String v = setting(key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "exercise " + id() + ": " + key + "=" + v + " is not a number", e);
    }
  }

  /** A required space-separated property ({@code heavy.n=37 38 39 40}), word by word. */
  default List<String> words(String key) {
    return List.of(setting(key).split("\\s+"));
  }

  /** The fully qualified name of the class that declares the exercise's checks. */
  String verificationClass();
}
