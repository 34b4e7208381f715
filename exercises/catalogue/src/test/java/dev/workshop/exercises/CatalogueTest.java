package dev.workshop.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every exercise folder is complete: the runner and the verifier can rely on what it declares. */
class CatalogueTest {
  static final Path SOURCE = Path.of("src/main/exercises");
  private static final List<Exercise> EXERCISES = Catalogue.load().exercises();

  @Test
  void everyFolderIsInTheCatalogueInNumberOrder() throws IOException {
    try (Stream<Path> folders = Files.list(SOURCE)) {
      List<String> names = folders.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(names, EXERCISES.stream().map(Exercise::folder).toList());
    }
    for (int i = 0; i < EXERCISES.size(); i++) {
      assertEquals(i + 1, EXERCISES.get(i).number());
      assertTrue(EXERCISES.get(i).folder().matches("\\d\\d-[a-z0-9-]+"), EXERCISES.get(i).folder());
    }
  }

  @Test
  void idsAreUnique() {
    assertEquals(EXERCISES.size(), EXERCISES.stream().map(Exercise::id).distinct().count());
  }

  @TestFactory
  Stream<DynamicTest> everyExerciseIsComplete() {
    return EXERCISES.stream()
        .map(
            exercise ->
                DynamicTest.dynamicTest(
                    exercise.folder(),
                    () -> {
                      String lesson = exercise.lesson();
                      assertTrue(lesson.startsWith("# "), "the lesson starts with its title");
                      for (String part : List.of("## Task", "## Description", "## Conditions")) {
                        assertTrue(
                            lesson.contains("\n" + part + "\n"),
                            exercise.folder() + " lesson has " + part);
                      }
                      assertTrue(exercise.more().isPresent(), "extra reading");
                      int hints = exercise.hints().size();
                      assertTrue(
                          hints >= 2 && hints <= 3,
                          exercise.folder() + " has 2 or 3 hints, not " + hints);
                      assertFalse(
                          exercise.learnerFiles().isEmpty(), "the learner writes something");
                      exercise.mainClass();
                      for (String file : exercise.boilerplateFiles()) {
                        assertFalse(exercise.boilerplate(file).isBlank(), file);
                      }
                      for (String file : exercise.hostFiles()) {
                        assertTrue(
                            exercise.boilerplate(file).contains("do not change"),
                            file + " says it is provided");
                      }
                      for (String file : exercise.learnerFiles()) {
                        assertFalse(exercise.solution(file).isBlank(), "solution/" + file);
                      }
                      Class<?> verification = Class.forName(exercise.verificationClass());
                      assertTrue(
                          verification.getDeclaredConstructor() != null,
                          "verification class has a no-argument constructor");
                    }));
  }

  /**
   * A line of prose that ends in a hyphen after a letter ("Express-" then "style") reads "Express-
   * style" once rendered: Markdown joins the lines with a space.
   */
  @TestFactory
  Stream<DynamicTest> noProseLineEndsInAHyphenThatJoinsTwoWords() {
    return EXERCISES.stream()
        .map(
            exercise ->
                DynamicTest.dynamicTest(
                    exercise.folder(),
                    () -> {
                      List<String> texts =
                          new java.util.ArrayList<>(
                              List.of(exercise.lesson(), exercise.more().orElse("")));
                      texts.addAll(exercise.hints());
                      for (String text : texts) {
                        boolean code = false;
                        for (String line : text.lines().toList()) {
                          if (line.strip().startsWith("```")) code = !code;
                          assertFalse(
                              !code && line.matches(".*[A-Za-z]-$"),
                              exercise.folder()
                                  + ": \""
                                  + line
                                  + "\" ends in a hyphen; the word after it would be printed after a space");
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExerciseHasThreeKnownWrongVariants() {
    return EXERCISES.stream()
        .map(
            exercise ->
                DynamicTest.dynamicTest(
                    exercise.folder(),
                    () -> {
                      List<Path> variants = wrongVariants(exercise);
                      assertTrue(
                          variants.size() >= 3,
                          exercise.folder() + " has " + variants.size() + " wrong variants");
                      for (Path variant : variants) {
                        Properties expected = expected(variant);
                        assertEquals("FAIL", expected.getProperty("verdict"), variant.toString());
                        assertFalse(
                            expected.getProperty("diagnosis", "").isBlank(),
                            variant + " names its diagnosis");
                        for (String file : exercise.learnerFiles()) {
                          assertTrue(Files.exists(variant.resolve(file)), variant + " has " + file);
                        }
                      }
                    }));
  }

  static List<Path> wrongVariants(Exercise exercise) throws IOException {
    Path wrong = SOURCE.resolve(exercise.folder()).resolve("wrong");
    if (!Files.isDirectory(wrong)) {
      return List.of();
    }
    try (Stream<Path> variants = Files.list(wrong)) {
      return variants.filter(Files::isDirectory).sorted().toList();
    }
  }

  static Properties expected(Path variant) throws IOException {
    Properties expected = new Properties();
    try (var in = Files.newBufferedReader(variant.resolve("expected.properties"))) {
      expected.load(in);
    }
    return expected;
  }
}
