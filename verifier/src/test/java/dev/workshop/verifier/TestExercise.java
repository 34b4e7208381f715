package dev.workshop.verifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-file exercise for the verifier's own tests: the learner writes {@code Main.java}, and
 * {@link Checks} judges it with the shared checks.
 */
final class TestExercise implements ExerciseSpec {
  private final Duration timeout;
  private final Map<String, String> properties;

  TestExercise(Duration timeout, Map<String, String> properties) {
    this.timeout = timeout;
    this.properties = properties;
  }

  static TestExercise withTimeout(long ms) {
    return new TestExercise(Duration.ofMillis(ms), Map.of());
  }

  @Override
  public String id() {
    return "test-exercise";
  }

  @Override
  public String title() {
    return "TEST";
  }

  @Override
  public String mainClass() {
    return "Main";
  }

  @Override
  public List<String> learnerFiles() {
    return List.of("Main.java");
  }

  @Override
  public List<String> hostFiles() {
    return List.of();
  }

  @Override
  public String boilerplate(String file) {
    throw new IllegalArgumentException(file);
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Optional<String> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }

  @Override
  public String verificationClass() {
    return properties.getOrDefault("verification", Checks.class.getName());
  }

  /**
   * The verifier's cache (compiled solutions, the child's class-data archive) that the tests of
   * this JVM share, as a learner's verifies share theirs: the archive is recorded once, by the
   * first verify, not once per test. A test that tampers with its cache, or looks inside it, keeps
   * one of its own. Deleted when the JVM exits.
   */
  static Path sharedCache() {
    return SharedCache.FOLDER;
  }

  private static final class SharedCache {
    static final Path FOLDER = create();

    private static Path create() {
      try {
        Path folder = Files.createTempDirectory("workshop-test-cache-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
        return folder;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private static void delete(Path folder) {
      try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | RuntimeException e) {
        // a temporary folder: the system cleans it up in the end
      }
    }
  }

  /** Writes {@code Main.java} with this source into a new folder under {@code root}. */
  static Path solution(Path root, String source) throws IOException {
    Path dir = Files.createTempDirectory(root, "solution");
    Files.writeString(dir.resolve("Main.java"), source);
    return dir;
  }

  /**
   * The shared checks, after an interaction that outlasts the program by {@code timeout + 1 s}: an
   * exercise that computes its expected answer while the program runs (HANDS OFF does).
   */
  public static final class SlowInteraction extends Checks {
    @Override
    public void interact(Session session) throws Exception {
      while (session.alive()) {
        Thread.onSpinWait();
      }
      Thread.sleep(3_000); // the slow part itself, not a wait for anything
    }
  }

  /** The shared checks, in the order most exercises use them. */
  public static class Checks implements Verification {
    @Override
    public void judge(Judge judge) {
      for (Run run : judge.runs()) {
        judge.mainNeverBlocked(run);
        judge.noConfinementViolations(run, "hand the step that touches it to the loop");
        judge.noThreadsOfItsOwn(run, "your code ran on no thread of its own", "use the pool");
        judge.endsOnItsOwn(run);
      }
    }
  }
}
