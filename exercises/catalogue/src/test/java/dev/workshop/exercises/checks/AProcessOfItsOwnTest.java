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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PROCESS OF ITS OWN orders events by the times the probe recorded, in ns: a line printed in the
 * same millisecond as the child's exit, or as the message it reports, comes after it, whatever the
 * rounding. The reference's recorded run, with its exit callback (or its result) moved to a
 * fraction of a millisecond after the event it answers, as on a busy machine with a warm JIT.
 */
class AProcessOfItsOwnTest {
  private static final String FOLDER = "14-a-process-of-its-own";

  @TempDir Path dir;

  @Test
  void aCrashReportedInTheMillisecondOfTheExitIsReported() throws Exception {
    // The crash child's exit is recorded at 2157.617 ms; the exit callback now starts at 2157.700
    // and prints "crash: ..." at 2157.900: after the exit, though 2157 < 2158 (the rounded exit).
    Verdict verdict =
        judge(
            "cb\t8\tPROCESS\tCruncher.crunch(Cruncher.java:25)\t2157781238\t",
            "cb\t8\tPROCESS\tCruncher.crunch(Cruncher.java:25)\t2157700000\t",
            "out\t2163735422\t",
            "out\t2157900000\t");
    assertTrue(verdict.firstFailure().isEmpty(), () -> failures(verdict));
  }

  @Test
  void aResultPrintedInTheMillisecondOfTheAnswerComesAfterIt() throws Exception {
    // The answer is received at 1997.632 ms, the result printed at 1997.900.
    Verdict verdict =
        judge(
            "cb\t6\tPROCESS\tCruncher.crunch(Cruncher.java:18)\t1998708520\t",
            "cb\t6\tPROCESS\tCruncher.crunch(Cruncher.java:18)\t1997700000\t",
            "out\t2008134655\t",
            "out\t1997900000\t");
    assertTrue(verdict.firstFailure().isEmpty(), () -> failures(verdict));
  }

  /** The reference's recorded run with each {@code from} of its report replaced by its {@code to}. */
  private Verdict judge(String... fromTo) throws Exception {
    Path recorded = RecordReportsTest.RECORDED.resolve(FOLDER).resolve("solution");
    Path copy = dir.resolve("solution");
    copyTree(recorded, copy);
    Path report = copy.resolve("run-1/report.txt");
    String text = Files.readString(report, StandardCharsets.UTF_8);
    for (int i = 0; i < fromTo.length; i += 2) {
      assertTrue(text.contains(fromTo[i]), "the recorded report no longer has " + fromTo[i]);
      text = text.replace(fromTo[i], fromTo[i + 1]);
    }
    Files.writeString(report, text, StandardCharsets.UTF_8);
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
