package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.runtime.instrument.CallbackKind;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Run}, built from a recorded report: where a text was printed, by whom, in which callback. */
class RunTest {

  /** A run whose output is {@code out}, written in one write per line by the loop thread. */
  private static Run printing(String... lines) {
    StringBuilder out = new StringBuilder();
    List<String> report = new java.util.ArrayList<>();
    report.add("start\t0\t4\ttrue");
    long at = 1_000_000;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i] + "\n";
      report.add(
          "cb\t"
              + (i + 1)
              + "\tTIMER\t\t"
              + at
              + "\t"
              + (at + 500_000)
              + "\t400000\t0\t0\t1\t0\t-1\t-1\t0");
      report.add("out\t" + (at + 100_000) + "\t" + out.length() + "\t" + line.length() + "\tmain");
      out.append(line);
      at += 1_000_000;
    }
    return Run.recorded(
        "Host",
        List.of("1"),
        0,
        new ProcessRun(7, 0, false, out.toString(), "", 0, 0, Duration.ofMillis(50)),
        ProbeReport.parse(report),
        Map.of());
  }

  @Test
  void aNumberIsFoundWholeNotInsideALongerOne() {
    Run run = printing("fired 100", "fired 10");
    Run.Printed p = run.printed("fired 10").orElseThrow();
    assertEquals("fired 100\n".length(), p.at(), "the second line, not inside the first");
    assertEquals(2, p.callback().id());
    assertTrue(run.printed("fired 1").isEmpty(), "1 is not a whole number of either line");
  }

  @Test
  void aWordIsFoundWholeAndACapitalStartsANewOne() {
    Run run = printing("Waiting...", "HashingDone!");
    assertTrue(run.printed("Wait").isEmpty());
    assertEquals(0, run.printed("Waiting").orElseThrow().at());
    assertEquals("main", run.printed("Done!").orElseThrow().thread());
  }

  @Test
  void aLineIsFoundOnlyWhole() {
    Run run = printing("tick 1 on main and more", "tick 1 on main");
    assertEquals(
        "tick 1 on main and more\n".length(), run.printedLine("tick 1 on main").orElseThrow().at());
  }

  @Test
  void theCallbackThatPrintedHasTheRuntimesKind() {
    Run run = printing("a");
    assertEquals(CallbackKind.TIMER, run.printed("a").orElseThrow().callback().kind());
    assertEquals("java Host 1", run.label());
  }
}
