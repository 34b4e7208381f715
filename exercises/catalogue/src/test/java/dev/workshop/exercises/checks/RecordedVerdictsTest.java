package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.Verification;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise's verification class, judging runs recorded once from the reference solution and
 * from each wrong variant ({@link RecordReportsTest}), without a child JVM: the solution passes
 * every check, and each variant gets the diagnosis the live verify gave it, the one its {@code
 * expected.properties} names, with the frame and the texts ({@code says}) it names.
 */
class RecordedVerdictsTest {

  @TestFactory
  Stream<DynamicTest> everyCheckClassJudgesItsRecordedRuns() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Exercise exercise : Catalogue.load().exercises()) {
      Path recorded = RecordReportsTest.RECORDED.resolve(exercise.folder());
      assertTrue(Files.isDirectory(recorded), "no recorded runs for " + exercise.folder());
      String checks = exercise.verificationClass().replaceAll(".*\\.", "");
      try (Stream<Path> dirs = Files.list(recorded)) {
        for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
          String name = dir.getFileName().toString();
          tests.add(
              DynamicTest.dynamicTest(
                  checks + ": " + exercise.folder() + "/" + name,
                  () -> judge(exercise, dir, name)));
        }
      }
    }
    return tests.stream();
  }

  private static void judge(Exercise exercise, Path recorded, String name) throws Exception {
    Path folder = RecordReportsTest.EXERCISES.resolve(exercise.folder());
    Path solution =
        name.equals("solution") ? folder.resolve(name) : folder.resolve("wrong/" + name);
    List<Run> runs = RecordedRuns.read(recorded);
    Judge judge = new Judge(exercise, solution, runs);
    Verification verification =
        (Verification)
            Class.forName(exercise.verificationClass()).getDeclaredConstructor().newInstance();
    verification.judge(judge);
    Verdict verdict =
        new Verdict(false, null, "", List.of(), judge.results(), judge.infoLines(), runs);
    String shown = shown(verdict);
    Properties live = properties(recorded.resolve("verdict.properties"));
    if (name.equals("solution")) {
      assertFalse(judge.results().isEmpty(), "no check was made");
      assertEquals("true", live.getProperty("passed"), "the recording passed live");
      assertTrue(verdict.firstFailure().isEmpty(), () -> "a check failed:\n" + shown);
      return;
    }
    CheckResult cause = verdict.cause().orElseThrow(() -> new AssertionError("passed:\n" + shown));
    Properties expected = properties(solution.resolve("expected.properties"));
    assertEquals(live.getProperty("diagnosis"), cause.diagnosis().code(), shown);
    assertEquals(expected.getProperty("diagnosis"), cause.diagnosis().code(), shown);
    String frame = expected.getProperty("frame");
    if (frame != null) {
      assertTrue(cause.reason().contains(frame + "("), () -> "expected " + frame + "\n" + shown);
    }
    String flat = shown.replaceAll("\\s+", " ");
    for (String key : expected.stringPropertyNames()) {
      if (!key.equals("says") && !key.startsWith("says.")) continue;
      String text = expected.getProperty(key).replaceAll("\\s+", " ").strip();
      assertTrue(flat.contains(text), () -> "expected the verdict to say: " + text + "\n" + shown);
    }
  }

  /** Every check's name, reason and evidence, and the info lines: what the verdict shows. */
  private static String shown(Verdict verdict) {
    StringBuilder b = new StringBuilder();
    for (CheckResult c : verdict.checks()) {
      b.append(c.passed() ? "✓ " : "✗ ").append(c.name()).append('\n');
      if (!c.passed()) {
        b.append("    ").append(c.reason()).append(" [").append(c.diagnosis().code()).append("]\n");
        c.evidence().forEach(e -> b.append("    ").append(e).append('\n'));
      }
    }
    verdict.info().forEach(i -> b.append("• ").append(i).append('\n'));
    return b.toString();
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    }
    return p;
  }
}
