package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.exercises.Catalogue;
import dev.workshop.exercises.Exercise;
import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Judge;
import dev.workshop.verifier.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A THREAD OF ITS OWN's "main kept printing dots while the worker counted" on recorded runs whose
 * reports are edited: a main that spins until the worker is done fails it however short the spin
 * (a fast machine) and whatever the watchdog saw (a starved one); a main merely slow to reach its
 * loop is forgiven only on the probe's record of its own CPU time.
 */
class ThreadOfItsOwnTest {
  private static final Path RECORDED = RecordReportsTest.RECORDED.resolve("12-a-thread-of-its-own");
  private static final String FACT = "main kept printing dots while the worker counted";

  @TempDir Path tmp;

  @Test
  void aSpinFailsEvenWhenNothingElseSawIt() throws IOException {
    for (String variant : List.of("spins-until-the-worker-is-done", "spins-on-a-plain-flag")) {
      // As on a fast machine, or with the watchdog starved: no sample, no poll count, so the main
      // script is charged nothing and "never blocked" passes.
      List<CheckResult> results =
          judge(variant, l -> l.startsWith("blk\t0\t") || l.startsWith("spin\t0\t") ? null : l);
      assertTrue(passed(results, "the main thread was never blocked"), results.toString());
      CheckResult dots = result(results, FACT);
      assertFalse(dots.passed(), variant + ": " + dots);
      assertEquals(Diagnosis.COMPUTING, dots.diagnosis(), dots.toString());
      assertTrue(dots.reason().contains("PrimeWorker.countPrimes("), dots.reason());
      assertTrue(dots.reason().contains("until worker-1 was done"), dots.reason());
    }
  }

  @Test
  void aMainSlowToReachItsLoopIsForgivenOnlyOnItsOwnCpuTime() throws IOException {
    // The reference, as if main reached its loop only after the worker's result: no dot between.
    long resultPosted = lastPost("solution");
    UnaryOperator<String> noDots =
        l ->
            l.startsWith("cb\t") && l.contains("\tINTERVAL\t") && start(l) <= resultPosted
                ? null
                : l;
    List<CheckResult> slow = judge("solution", noDots);
    assertTrue(passed(slow, FACT), slow.toString());

    // The same, but main had as much CPU of its own as the worker: it was held, not slow.
    List<CheckResult> held =
        judge(
            "solution",
            l -> {
              String kept = noDots.apply(l);
              if (kept == null || !kept.startsWith("wback\t")) return kept;
              String[] f = kept.split("\t", -1);
              f[4] = "180000000";
              return String.join("\t", f);
            });
    CheckResult dots = result(held, FACT);
    assertFalse(dots.passed(), held.toString());
    assertEquals(Diagnosis.COMPUTING, dots.diagnosis(), dots.toString());

    // Without the probe's record (main never got back to its loop), never forgiven.
    List<CheckResult> unknown =
        judge("solution", l -> l.startsWith("wback\t") ? null : noDots.apply(l));
    assertFalse(result(unknown, FACT).passed(), unknown.toString());
  }

  private List<CheckResult> judge(String recorded, UnaryOperator<String> edit) throws IOException {
    Exercise exercise =
        Catalogue.load().exercises().stream()
            .filter(e -> e.folder().equals("12-a-thread-of-its-own"))
            .findFirst()
            .orElseThrow();
    List<Run> runs = RecordedRuns.readEdited(RECORDED.resolve(recorded), tmp, edit);
    Judge judge = new Judge(exercise, RecordReportsTest.EXERCISES.resolve(exercise.folder()), runs);
    new ThreadOfItsOwn().judge(judge);
    return judge.results();
  }

  private static long lastPost(String recorded) throws IOException {
    return Files.readAllLines(RECORDED.resolve(recorded).resolve("run-1/report.txt")).stream()
        .filter(l -> l.startsWith("msg\t") && l.split("\t")[2].equals("posted"))
        .mapToLong(l -> Long.parseLong(l.split("\t")[1]))
        .max()
        .orElseThrow();
  }

  private static long start(String cbLine) {
    return Long.parseLong(cbLine.split("\t")[4]);
  }

  private static CheckResult result(List<CheckResult> results, String fact) {
    return results.stream().filter(r -> r.name().endsWith(fact)).findFirst().orElseThrow();
  }

  private static boolean passed(List<CheckResult> results, String fact) {
    return results.stream().filter(r -> r.name().contains(fact)).allMatch(CheckResult::passed);
  }
}
