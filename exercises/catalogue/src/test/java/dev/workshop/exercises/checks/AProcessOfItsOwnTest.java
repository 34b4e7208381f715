package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PROCESS OF ITS OWN orders events by the times the probe recorded, in ns: a line printed in the
 * same millisecond as the child's exit, or as the message it reports, comes after it, whatever the
 * rounding. The reference's recorded run, with its exit callback (or its result) moved to a
 * fraction of a millisecond after the event it answers, in the same millisecond.
 */
class AProcessOfItsOwnTest {
  private static final String FOLDER = "14-a-process-of-its-own";

  @TempDir Path dir;

  @Test
  void aCrashReportedInTheMillisecondOfTheExitIsReported() throws Exception {
    // The crash child's exit at x.6 ms, its exit callback from x.7 ms, "crash: ..." printed at
    // x.9 ms: after the exit, though x < x + 1 (the exit, rounded).
    Verdict verdict =
        judge(f -> f[0].equals("cexit") && f[3].equals("3"), "crash: the child crashed with exit");
    assertTrue(verdict.firstFailure().isEmpty(), () -> failures(verdict));
  }

  @Test
  void aResultPrintedInTheMillisecondOfTheAnswerComesAfterIt() throws Exception {
    // The count child's answer received at x.6 ms, the result printed at x.9 ms.
    Verdict verdict =
        judge(
            f -> f[0].equals("ipc") && f[2].equals("received") && f[5].equals("java.lang.Long"),
            "count: ");
    assertTrue(verdict.firstFailure().isEmpty(), () -> failures(verdict));
  }

  /**
   * The reference's recorded run, with the event {@code event} picks moved to x.6 ms of its own
   * millisecond, and the line starting with {@code printed} (its {@code out} record, and the start
   * of the callback that printed it) moved to x.9 ms (x.7 ms).
   */
  private Verdict judge(Predicate<String[]> event, String printed) throws Exception {
    Path recorded = RecordReportsTest.RECORDED.resolve(FOLDER).resolve("solution");
    Path copy = dir.resolve("solution");
    copyTree(recorded, copy);
    Path report = copy.resolve("run-1/report.txt");
    List<String[]> lines = new ArrayList<>();
    for (String l : Files.readAllLines(report, StandardCharsets.UTF_8))
      lines.add(l.split("\t", -1));
    String[] at = lines.stream().filter(event).findFirst().orElseThrow();
    long ms = Long.parseLong(at[1]) / 1_000_000 * 1_000_000;
    at[1] = String.valueOf(ms + 600_000);
    String stdout = Files.readString(copy.resolve("run-1/stdout.txt"), StandardCharsets.UTF_8);
    int index = stdout.indexOf("\n" + printed) + 1;
    assertTrue(index > 0, "the recorded run never printed " + printed);
    long offset = stdout.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    String[] out =
        lines.stream()
            .filter(f -> f[0].equals("out") && Long.parseLong(f[2]) == offset)
            .findFirst()
            .orElseThrow();
    long was = Long.parseLong(out[1]);
    out[1] = String.valueOf(ms + 900_000);
    String[] cb =
        lines.stream()
            .filter(
                f ->
                    f[0].equals("cb") && Long.parseLong(f[4]) <= was && Long.parseLong(f[5]) >= was)
            .reduce((a, b) -> b)
            .orElseThrow();
    cb[4] = String.valueOf(ms + 700_000);
    Files.write(
        report, lines.stream().map(f -> String.join("\t", f)).toList(), StandardCharsets.UTF_8);
    Exercise exercise =
        Catalogue.load().exercises().stream()
            .filter(e -> e.folder().equals(FOLDER))
            .findFirst()
            .orElseThrow();
    List<Run> runs = RecordedRuns.read(copy);
    Judge judge =
        new Judge(exercise, RecordReportsTest.EXERCISES.resolve(FOLDER).resolve("solution"), runs);
    new AProcessOfItsOwn().judge(judge);
    return new Verdict(false, null, "", List.of(), judge.results(), judge.infoLines(), runs);
  }

  private static String failures(Verdict verdict) {
    return verdict.checks().stream()
        .filter(c -> !c.passed())
        .map(CheckResult::reason)
        .collect(Collectors.joining("\n"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }
}
