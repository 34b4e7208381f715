package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A timed-out run is put down to pool starvation only when the starvation was still going on at
 * the end: every thread seen starving still in that very wait. One that resolved earlier is not.
 */
class PoolStarvationWordsTest {
  private static final String SITE = "Main.main(Main.java:12) (a lambda)";

  private static Run timedOut(boolean stillWaiting) {
    List<String> lines = new ArrayList<>();
    lines.add(
        ReportFormat.line(
            ReportFormat.STARVATION,
            400,
            100,
            2,
            3,
            "pool-1\twaiting-future\t" + SITE + "\t100\npool-2\twaiting-future\t" + SITE + "\t120",
            "3\tMain.main(Main.java:9)\t90"));
    for (String t : List.of("pool-1", "pool-2")) {
      long since = t.equals("pool-1") ? 100 : 120;
      lines.add(
          stillWaiting
              ? ReportFormat.line(
                  ReportFormat.POOL_WAIT, t, "waiting-future", SITE, 0, 0, 0, since, since)
              : ReportFormat.line(
                  ReportFormat.POOL_WAIT, t, "waiting-future", SITE, 1, 900, 900, since, -1));
    }
    lines.add(ReportFormat.line(ReportFormat.END, 5_000, "deadline"));
    return Run.recorded(
        "Main",
        List.of(),
        4,
        new ProcessRun(7, 143, true, "", "", 0, 0, Duration.ofSeconds(5)),
        ProbeReport.parse(lines),
        Map.of());
  }

  @Test
  void aRunThatTimedOutStarvedIsPoolStarvation() {
    Run run = timedOut(true);
    assertTrue(PoolStarvation.endedRun(run).isPresent());
    Judge judge = new Judge(new TestExercise(Duration.ofSeconds(5), Map.of()), null, List.of(run));
    judge.endsOnItsOwn(run);
    CheckResult r = judge.results().get(0);
    assertEquals(Diagnosis.POOL_STARVATION, r.diagnosis());
    assertTrue(
        r.reason().contains("all 2 pool threads waited for a future in " + SITE), r.reason());
    assertTrue(r.reason().contains("while 3 jobs waited in the queue"), r.reason());
    assertTrue(
        r.evidence().stream().anyMatch(l -> l.contains("3 jobs queued in Main.main(Main.java:9)")),
        r.evidence().toString());
  }

  @Test
  void aStarvationThatResolvedDidNotEndTheRun() {
    Run run = timedOut(false);
    assertTrue(PoolStarvation.endedRun(run).isEmpty());
    Judge judge = new Judge(new TestExercise(Duration.ofSeconds(5), Map.of()), null, List.of(run));
    judge.endsOnItsOwn(run);
    assertEquals(Diagnosis.TIMEOUT, judge.results().get(0).diagnosis());
  }
}
