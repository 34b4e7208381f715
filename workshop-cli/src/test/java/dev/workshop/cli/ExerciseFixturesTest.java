package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exercise through the real {@code workshop verify}, as a learner types it: the reference
 * solution passes, the starter files fail, and each known-wrong variant fails with the diagnosis
 * (and the frame) its {@code expected.properties} names, and shows the texts its {@code says}
 * keys give.
 *
 * <p>{@code -Dworkshop.exercises=id,id} limits the run to some exercises, for authors.
 */
class ExerciseFixturesTest {
  private static final Path EXERCISES = Path.of("../exercises/catalogue/src/main/exercises");

  @TempDir static Path work;

  private static Cli cliOn(Exercise exercise) throws IOException {
    Cli cli = new Cli(Files.createTempDirectory(work, "home-"));
    assertEquals(0, cli.run("select", String.valueOf(exercise.number())).status());
    return cli;
  }

  @TestFactory
  Stream<DynamicTest> everyExercise() {
    String only = System.getProperty("workshop.exercises", "");
    // Collected at once, so that every verify is queued now (see Ahead) and runs while the tests
    // before it are checked.
    return Catalogue.load().exercises().stream()
        .filter(e -> only.isEmpty() || List.of(only.split(",")).contains(e.id()))
        .flatMap(ExerciseFixturesTest::tests)
        .toList()
        .stream();
  }

  private static Stream<DynamicTest> tests(Exercise exercise) {
    // With a trace: --trace writes a valid one for every exercise. The verify is shared with
    // LessonCommandsTest's "verify myaddon" (one per exercise and test JVM).
    // The exercise's timeout first: the runs that may last longest start first (see Ahead).
    long priority = exercise.timeout().toMillis();
    Ahead<SharedFixtures.ReferenceVerify> verified =
        Ahead.run(() -> SharedFixtures.referenceVerify(exercise), priority);
    DynamicTest solution =
        DynamicTest.dynamicTest(
            exercise.folder() + ": the solution passes",
            () -> {
              SharedFixtures.ReferenceVerify reference = verified.get();
              Cli.Result r = reference.result();
              Path trace = reference.trace();
              assertEquals(0, r.status(), r::toString);
              assertTrue(r.out().contains("PASS"), r::toString);
              assertTrue(r.out().contains("Trace: " + trace), r::toString);
              // -Dworkshop.probe.clock=portable: the verdict says which clock judged.
              if ("portable".equals(System.getProperty("workshop.probe.clock")))
                assertTrue(r.out().replaceAll("\\s+", " ").contains("portable clock"), r::toString);
              TraceCheck.events(trace);
            });
    Ahead<Cli.Result> starterVerified =
        Ahead.run(
            () -> {
              Path dir = Files.createTempDirectory(work, exercise.id() + "-starter-");
              for (String file : exercise.learnerFiles())
                Files.writeString(dir.resolve(file), exercise.boilerplate(file));
              return cliOn(exercise).run("verify", dir.toString());
            },
            priority);
    DynamicTest starter =
        DynamicTest.dynamicTest(
            exercise.folder() + ": the starter files fail",
            () -> {
              Cli.Result r = starterVerified.get();
              assertEquals(1, r.status(), r::toString);
            });
    Stream<DynamicTest> variants;
    try (Stream<Path> folders = Files.list(EXERCISES.resolve(exercise.folder()).resolve("wrong"))) {
      variants =
          folders.filter(Files::isDirectory).sorted().toList().stream()
              .map(
                  variant -> {
                    Ahead<Cli.Result> variantVerified =
                        Ahead.run(
                            () -> cliOn(exercise).run("verify", variant.toString()), priority);
                    return DynamicTest.dynamicTest(
                        exercise.folder() + ": " + variant.getFileName(),
                        () -> {
                          Cli.Result r = variantVerified.get(); // first: none left running
                          Properties expected = new Properties();
                          try (Reader in =
                              Files.newBufferedReader(variant.resolve("expected.properties"))) {
                            expected.load(in);
                          }
                          assertEquals(1, r.status(), r::toString);
                          String failLine =
                              r.out()
                                  .lines()
                                  .filter(l -> l.startsWith("FAIL"))
                                  .findFirst()
                                  .orElse("");
                          assertTrue(
                              failLine.endsWith("[" + expected.getProperty("diagnosis") + "]"),
                              () -> "expected [" + expected.getProperty("diagnosis") + "]\n" + r);
                          String frame = expected.getProperty("frame");
                          if (frame != null) {
                            assertTrue(
                                failLine.contains(frame + "("),
                                () -> "expected the diagnosis to name " + frame + "\n" + r);
                          }
                          // says, says.2, ...: texts the verdict must show, compared with runs of
                          // spaces and line breaks (the verdict wraps to the terminal) made single
                          // spaces.
                          String shown = r.out().replaceAll("\\s+", " ");
                          for (String key : expected.stringPropertyNames()) {
                            if (!key.equals("says") && !key.startsWith("says.")) continue;
                            String text = expected.getProperty(key).replaceAll("\\s+", " ").strip();
                            assertTrue(
                                shown.contains(text),
                                () -> "expected the verdict to say: " + text + "\n" + r);
                          }
                        });
                  });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Stream.concat(Stream.of(solution, starter), variants);
  }
}
