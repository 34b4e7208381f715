package dev.workshop.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exercise through the real verifier: its reference solution passes, its starter files
 * fail, and each known-wrong variant fails with the diagnosis (and frame) its
 * {@code expected.properties} names.
 */
class FixturesTest {
  @TempDir static Path cache;

  private static Verifier verifier() {
    return new Verifier(cache, Map.of());
  }

  @TestFactory
  Stream<DynamicTest> solutionsPassAndStartersFail() {
    return exercises().flatMap(exercise -> Stream.of(
        DynamicTest.dynamicTest(exercise.folder() + " solution passes", () -> {
          Path dir = folderWith(exercise, "solution");
          Verdict verdict = verifier().verify(exercise, dir, step -> { });
          assertTrue(verdict.passed(), () -> "the reference solution fails:\n" + explain(verdict));
        }),
        DynamicTest.dynamicTest(exercise.folder() + " starter fails", () -> {
          Path dir = folderWith(exercise, "boilerplate");
          Verdict verdict = verifier().verify(exercise, dir, step -> { });
          assertFalse(verdict.passed(), "the starter files pass");
        })));
  }

  @TestFactory
  Stream<DynamicTest> wrongVariantsFailWithTheirDiagnosis() {
    return exercises().flatMap(exercise -> {
      try {
        return CatalogueTest.wrongVariants(exercise).stream().map(variant ->
            DynamicTest.dynamicTest(exercise.folder() + " " + variant.getFileName(), () -> {
              Properties expected = CatalogueTest.expected(variant);
              Path dir = copyLearnerFiles(exercise, variant);
              Verdict verdict = verifier().verify(exercise, dir, step -> { });
              assertFalse(verdict.passed(), "the wrong variant passes");
              assertEquals(expected.getProperty("diagnosis"), verdict.diagnosis().code(), () -> explain(verdict));
              String frame = expected.getProperty("frame");
              if (frame != null) {
                String failed = verdict.checks().stream().filter(c -> !c.passed())
                    .filter(c -> c.diagnosis() == verdict.diagnosis())
                    .map(c -> c.reason() + "\n" + String.join("\n", c.evidence())).collect(Collectors.joining("\n"));
                assertTrue(failed.contains(frame + "("), () -> "the diagnosis names " + frame + ":\n" + explain(verdict));
              }
            }));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Stream<Exercise> exercises() {
    String only = System.getProperty("workshop.exercises", "");
    return Catalogue.load().exercises().stream().filter(e -> only.isEmpty() || List.of(only.split(",")).contains(e.id()));
  }

  private static Path folderWith(Exercise exercise, String kind) throws IOException {
    Path dir = Files.createTempDirectory(cache, exercise.id() + "-" + kind);
    for (String file : exercise.learnerFiles()) {
      String text = kind.equals("solution") ? exercise.solution(file) : exercise.boilerplate(file);
      Files.writeString(dir.resolve(file), text);
    }
    return dir;
  }

  private static Path copyLearnerFiles(Exercise exercise, Path variant) throws IOException {
    Path dir = Files.createTempDirectory(cache, exercise.id() + "-" + variant.getFileName());
    try (Stream<Path> files = Files.list(variant)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().endsWith(".java")) Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  static String explain(Verdict v) {
    List<String> lines = new ArrayList<>();
    lines.add("passed=" + v.passed() + " diagnosis=" + (v.diagnosis() == null ? "-" : v.diagnosis().code()) + " " + v.problem());
    v.compileErrors().forEach(e -> lines.add(e.format()));
    for (CheckResult c : v.checks()) {
      lines.add((c.passed() ? "  ok  " : "  XX  ") + c.name() + (c.passed() ? "" : " -- " + c.diagnosis().code() + ": " + c.reason()));
      c.evidence().forEach(e -> lines.add("        " + e));
    }
    v.info().forEach(i -> lines.add("  info " + i));
    v.runs().forEach(r -> lines.add("  run " + r.label() + " exit=" + r.exitCode() + " timedOut=" + r.timedOut()
        + "\n    stdout: " + r.stdout().replace("\n", "\\n") + "\n    stderr: " + r.stderr().replace("\n", "\n            ")));
    return String.join("\n", lines);
  }
}
