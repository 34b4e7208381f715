package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * After an exception nobody caught on main ended the program, the facts that could only fail
 * because nothing ran after it are one info line, and the exception is shown once.
 */
class ExceptionWordsTest {
  private static final String FRAME = "Main.main(Main.java:7) (a lambda)";

  private static Run run(String thread, boolean timedOut) {
    List<String> lines =
        List.of(
            ReportFormat.line(
                ReportFormat.UNCAUGHT,
                100,
                thread,
                "java.lang.ClassCastException",
                "class java.lang.Long cannot be cast to class java.lang.Integer",
                FRAME));
    return Run.recorded(
        "Main",
        List.of(),
        0,
        new ProcessRun(7, timedOut ? 143 : 1, timedOut, "", "", 0, 0, Duration.ofSeconds(1)),
        ProbeReport.parse(lines),
        Map.of());
  }

  private static Judge judge(Run run) {
    return new Judge(new TestExercise(Duration.ofSeconds(5), Map.of()), null, List.of(run));
  }

  @Test
  void anExceptionOnMainEndedTheProgram() {
    Run run = run("main", false);
    Judge judge = judge(run);
    assertTrue(EndingException.of(run).isPresent());
    judge.endsOnItsOwn(run);
    EndingException.notJudged(judge, run, List.of("every total is right", "the waiter was woken"));
    CheckResult ended = judge.results().get(0);
    assertEquals(Diagnosis.EXCEPTION, ended.diagnosis());
    assertTrue(
        ended.evidence().contains("thrown on \"main\" in " + FRAME), ended.evidence().toString());
    assertEquals(
        List.of(
            "java Main: not judged, as the exception ended the program first: every total is"
                + " right; the waiter was woken"),
        judge.infoLines());
  }

  @Test
  void anExceptionShownAboveIsNamedNotRepeated() {
    Run run = run("main", false);
    Judge judge = judge(run);
    judge.fail(run, "the answer came", Diagnosis.WRONG_RESULT, "no answer was printed");
    judge.endsOnItsOwn(run);
    List<String> first = judge.results().get(0).evidence();
    assertTrue(
        first.stream().anyMatch(l -> l.contains("cannot be cast to class")), first.toString());
    List<String> ended = judge.results().get(1).evidence();
    assertEquals(
        List.of("the java.lang.ClassCastException shown above, thrown on \"main\""), ended);
  }

  @Test
  void notAnEndingExceptionOnAnotherThreadOrAtTheTimeout() {
    Run other = run("worker-1", false);
    assertFalse(EndingException.of(other).isPresent());
    Run stopped = run("main", true);
    assertFalse(EndingException.of(stopped).isPresent());
  }
}
