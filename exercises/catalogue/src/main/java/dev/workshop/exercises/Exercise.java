package dev.workshop.exercises;

import dev.workshop.verifier.ExerciseSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One exercise of the catalogue: the metadata from its folder's {@code exercise.properties} and
 * access to the folder's files (lesson, extra reading, hints, starter files, solution).
 *
 * <p>This is metadata only: what a learner has done lives in the CLI's progress file.
 */
public final class Exercise implements ExerciseSpec {
  private final String folder;
  private final int number;
  private final Properties properties;

  Exercise(String folder, int number, Properties properties) {
    this.folder = folder;
    this.number = number;
    this.properties = properties;
  }

  /** The stable id, the folder name without its order prefix: {@code call-me-maybe}. */
  @Override
  public String id() {
    return folder.replaceFirst("^\\d+-", "");
  }

  /** The folder name inside the catalogue: {@code 03-call-me-maybe}. */
  public String folder() {
    return folder;
  }

  /** Position in the menu, from 1. */
  public int number() {
    return number;
  }

  /** The title shown in the menu: {@code CALL ME MAYBE}. */
  @Override
  public String title() {
    return required("title");
  }

  /** The class whose {@code main} the verifier runs, in the default package or fully qualified. */
  @Override
  public String mainClass() {
    return required("main");
  }

  /** Files the learner writes; they must exist in the solution folder. */
  @Override
  public List<String> learnerFiles() {
    return list("learner.files");
  }

  /**
   * Files the exercise provides and the learner is not asked to change. The verifier compiles
   * the exercise's own copy of these, whatever the learner's folder holds.
   */
  @Override
  public List<String> hostFiles() {
    return list("host.files");
  }

  /** Starter files: the learner's files then the host files, as found in {@code boilerplate/}. */
  public List<String> boilerplateFiles() {
    return concat(learnerFiles(), hostFiles());
  }

  /** The fully qualified name of the class that declares how this exercise is verified. */
  @Override
  public String verificationClass() {
    return required("verification");
  }

  /** The longest a single run of the solution may take before the verifier kills it. */
  @Override
  public Duration timeout() {
    return Duration.ofMillis(Long.parseLong(properties.getProperty("timeout.ms", "10000")));
  }

  /** Any property of {@code exercise.properties}, for the exercise's verification class. */
  @Override
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.getProperty(key));
  }

  /** The lesson, in Markdown. */
  public String lesson() {
    return text("lesson.md").orElseThrow();
  }

  /** The extra reading, in Markdown, if the exercise has some. */
  public Optional<String> more() {
    return text("more.md");
  }

  /** The hints, in the order they are revealed. Each is Markdown. */
  public List<String> hints() {
    return text("hints.md")
        .map(
            all ->
                Arrays.stream(all.split("(?m)^---\\s*$"))
                    .map(String::strip)
                    .filter(h -> !h.isEmpty())
                    .toList())
        .orElse(List.of());
  }

  /** A starter file's content, from {@code boilerplate/}. */
  @Override
  public String boilerplate(String file) {
    return text("boilerplate/" + file).orElseThrow(() -> missing("boilerplate/" + file));
  }

  /** A reference solution file's content, from {@code solution/}. */
  public String solution(String file) {
    return text("solution/" + file).orElseThrow(() -> missing("solution/" + file));
  }

  /** A file of this exercise's folder, if it exists. */
  public Optional<String> text(String relativePath) {
    try (InputStream in = Catalogue.open(folder + "/" + relativePath)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String required(String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "exercise " + folder + " has no '" + key + "' in exercise.properties");
    }
    return value.strip();
  }

  private List<String> list(String key) {
    String value = properties.getProperty(key, "");
    return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private IllegalStateException missing(String path) {
    return new IllegalStateException("exercise " + folder + " has no file " + path);
  }

  @Override
  public String toString() {
    return number + ". " + title();
  }
}
