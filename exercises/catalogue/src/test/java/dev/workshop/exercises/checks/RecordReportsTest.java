package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.Verifier;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the runs {@link RecordedVerdictsTest} judges: verifies every reference solution and
 * wrong variant for real (child JVM, probe) and writes its runs and its verdict under {@code
 * src/test/resources/recorded/}. The build leaves it out (the catalogue's pom excludes it); it runs
 * only when named, after a change to the probe's report or to an exercise's host, solution or
 * variants, for every exercise or for those {@code workshop.record} names:
 *
 * <pre>
 * ./mvnw -B -ntp -o verify -pl exercises/catalogue -am -Dtest=RecordReportsTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dworkshop.record=03-call-me-maybe,...]
 * </pre>
 */
class RecordReportsTest {
  static final Path EXERCISES = Path.of("src/main/exercises");
  static final Path RECORDED = Path.of("src/test/resources/recorded");

  @TempDir Path cache;

  @Test
  void recordEveryVerdict() throws IOException {
    String only = System.getProperty("workshop.record", "all");
    Verifier verifier = new Verifier(cache, System.getenv());
    for (Exercise exercise : Catalogue.load().exercises()) {
      if (!only.equals("all") && !List.of(only.split(",")).contains(exercise.folder())) continue;
      Path folder = EXERCISES.resolve(exercise.folder());
      record(verifier, exercise, folder.resolve("solution"), "solution");
      try (Stream<Path> variants = Files.list(folder.resolve("wrong"))) {
        for (Path v : variants.filter(Files::isDirectory).sorted().toList()) {
          record(verifier, exercise, v, v.getFileName().toString());
        }
      }
    }
  }

  private static void record(Verifier verifier, Exercise exercise, Path dir, String name)
      throws IOException {
    Verdict verdict = verifier.verify(exercise, dir, what -> {});
    assertFalse(verdict.runs().isEmpty(), exercise.folder() + "/" + name + ": no run");
    Path out = RECORDED.resolve(exercise.folder()).resolve(name);
    RecordedRuns.write(out, verdict.runs());
    Properties props = new Properties();
    props.setProperty("passed", String.valueOf(verdict.passed()));
    if (verdict.diagnosis() != null) props.setProperty("diagnosis", verdict.diagnosis().code());
    try (Writer w = Files.newBufferedWriter(out.resolve("verdict.properties"))) {
      props.store(w, "the live verdict these runs got when they were recorded");
    }
  }
}
