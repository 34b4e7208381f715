package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workshop.exercises.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What the CLI's tests in one JVM share rather than make again, as a learner's commands would:
 *
 * <ul>
 *   <li>the verifier's cache ({@code WORKSHOP_CACHE}: compiled solutions and the solutions'
 *       class-data archive, which the first verify records and the others use);
 *   <li>one verify of each exercise's reference solution, which both {@link ExerciseFixturesTest}
 *       (the solution passes) and {@link LessonCommandsTest} (the lesson's {@code verify myaddon})
 *       need: it runs once, in whichever of them asks first.
 * </ul>
 *
 * <p>The folders are temporary, deleted when the JVM exits.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  private static final Path ROOT = temporaryRoot();
  private static final Path CACHE = ROOT.resolve("cache");
  private static final Map<Integer, CompletableFuture<ReferenceVerify>> VERIFIES =
      new ConcurrentHashMap<>();

  /** The verifier's cache the tests share: {@code WORKSHOP_CACHE} for every {@link Cli}. */
  public static Path cache() {
    return CACHE;
  }

  /**
   * The reference solution verified: {@code verify --trace <trace> <folder>/myaddon}, in a fresh
   * progress folder with the exercise selected. Run once per exercise; the result is kept.
   *
   * @param result what the command printed and its exit status
   * @param myaddon the folder that holds the reference solution
   * @param trace the trace file that {@code --trace} named
   */
  public record ReferenceVerify(Cli.Result result, Path myaddon, Path trace) {}

  /** The reference solution's verify for {@code exercise}, run now or earlier in this JVM. */
  public static ReferenceVerify referenceVerify(Exercise exercise) {
    CompletableFuture<ReferenceVerify> mine = new CompletableFuture<>();
    CompletableFuture<ReferenceVerify> first = VERIFIES.putIfAbsent(exercise.number(), mine);
    if (first != null) return first.join(); // run, or running, in another test
    try {
      mine.complete(verifyReference(exercise));
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    }
    return mine.join();
  }

  private static ReferenceVerify verifyReference(Exercise exercise) {
    try {
      Path base = Files.createTempDirectory(ROOT, exercise.id() + "-reference-");
      Path myaddon = Files.createDirectories(base.resolve("myaddon"));
      for (String file : exercise.learnerFiles())
        Files.writeString(myaddon.resolve(file), exercise.solution(file));
      Cli cli = new Cli(Files.createDirectories(base.resolve("home")));
      Cli.Result selected = cli.run("select", String.valueOf(exercise.number()));
      assertEquals(0, selected.status(), selected::toString);
      Path trace = base.resolve("trace.json");
      Cli.Result r = cli.run("verify", "--trace", trace.toString(), myaddon.toString());
      return new ReferenceVerify(r, myaddon, trace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryRoot() {
    try {
      Path root = Files.createTempDirectory("workshop-cli-tests-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary folder: the system cleans it up in the end
    }
  }
}
