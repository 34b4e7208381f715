package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A verdict names its cause and its telling run from the checks' own fields, never their names. */
class VerdictTest {
  private static Run run(String arg) {
    return Run.recorded(
        "Host",
        List.of(arg),
        0,
        new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ZERO),
        ProbeReport.empty(),
        Map.of());
  }

  @Test
  void theCauseIsTheFailureClosestToTheRootTheTimelineThatOfTheFirstFailure() {
    Run first = run("1");
    Run second = run("2");
    Judge judge = new Judge(TestExercise.withTimeout(1000), null, List.of(first, second));
    judge.pass(first, "it ran");
    judge.fail(first, "the output", Diagnosis.WRONG_OUTPUT, "the output is wrong");
    judge.fail(second, "main was free", Diagnosis.SLEEPING, "main slept", List.of("evidence"));
    Verdict v = Verdict.judged(judge.results(), judge.infoLines(), List.of(first, second), true);

    assertFalse(v.passed());
    assertEquals(Diagnosis.SLEEPING, v.diagnosis());
    assertEquals("main slept", v.cause().orElseThrow().reason());
    assertEquals("java Host 2: main was free", v.cause().orElseThrow().name());
    assertEquals(": main was free", v.cause().orElseThrow().fact());
    assertSame(first, v.telling().orElseThrow(), "the first failed check's run");
  }

  @Test
  void aPassNeedsEveryCheckAndEveryRun() {
    Run only = run("1");
    Judge judge = new Judge(TestExercise.withTimeout(1000), null, List.of(only));
    assertTrue(judge.check(only, "it ran", true, Diagnosis.WRONG_RESULT, "never"));
    assertTrue(Verdict.judged(judge.results(), List.of(), List.of(only), true).passed());
    Verdict skipped = Verdict.judged(judge.results(), List.of(), List.of(only), false);
    assertEquals(Diagnosis.TIMEOUT, skipped.diagnosis());
    assertSame(only, skipped.telling().orElseThrow(), "no failure: the last run");
    assertFalse(
        Verdict.judged(List.of(), List.of(), List.of(), true).passed(), "no check: no pass");
  }
}
