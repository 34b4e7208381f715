package dev.workshop.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Style;
import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline under a verdict: what its glyphs mean, and that it fits the terminal. */
class TimelineTest {

  /**
   * A 40 ms callback that is never a block, a pool job that runs on after it, and a thread of the
   * learner's own seen near the end.
   */
  private static List<String> timeline(int width) {
    ProbeReport report =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 0, 2, true),
                ReportFormat.line(
                    "cb", 1, "POST", "Main.main(Main.java:5)", 0, 40_000_000, 40_000_000, 0, 0, 1),
                ReportFormat.line(
                    "job",
                    1,
                    "Main.main(Main.java:6)",
                    "pool-1",
                    10_000_000,
                    120_000_000,
                    "",
                    true,
                    100_000_000,
                    0,
                    "WORK"),
                ReportFormat.line(
                    "thread", "Thread-0", 115_000_000, false, "Main.run(Main.java:9)")));
    Run run =
        Run.recorded(
            "Main",
            List.of(),
            0,
            new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ofMillis(200)),
            report,
            Map.of());
    StringWriter text = new StringWriter();
    new Timeline(new PrintWriter(text, true), false, width).print(run, 100);
    return text.toString().lines().toList();
  }

  private static String row(List<String> lines, String label) {
    return lines.stream().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow();
  }

  @Test
  void aFullBlockMeansABlockOnly() {
    List<String> lines = timeline(80);
    assertFalse(row(lines, "main").contains("█"), "busy, not blocked: " + lines);
    assertTrue(row(lines, "main").contains("▇"), "busy cells: " + lines);
  }

  @Test
  void theLagRowIsAsLongAsTheOthers() {
    List<String> lines = timeline(80);
    assertEquals(
        Style.width(row(lines, "main")), Style.width(row(lines, "lag")), String.join("\n", lines));
  }

  @Test
  void noRowIsWiderThanTheTerminal() {
    for (int width : new int[] {60, 80, 110, 140}) {
      List<String> lines = timeline(width);
      // The heading is prose, which the terminal's writer wraps between words; rows cannot wrap.
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(Style.width(line) <= width, width + " columns: " + line);
      }
      String own = row(lines, "Thread-0");
      assertTrue(own.contains("▲") && own.contains("not a pool thread"), own);
    }
  }

  @Test
  void aWorkerIsARowOfItsOwnAndNotMainsTime() {
    ProbeReport report =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 0, 2, true),
                ReportFormat.line(
                    "cb", 1, "POST", "Main.main(Main.java:5)", 0, 10_000_000, 10_000_000, 0, 0, 1),
                ReportFormat.line(
                    "worker",
                    5_000_000,
                    1,
                    "worker-1",
                    "main",
                    "Main$Count",
                    "Main.main(Main.java:6)"),
                ReportFormat.line(
                    "wcb", "worker-1", 0, "MAIN", "", 5_000_000, 200_000_000, 190_000_000, ""),
                ReportFormat.line(
                    "cb",
                    2,
                    "WORKER",
                    "Main.main(Main.java:7)",
                    190_000_000,
                    200_000_000,
                    1,
                    0,
                    0,
                    1)));
    Run run =
        Run.recorded(
            "Main",
            List.of(),
            0,
            new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ofMillis(200)),
            report,
            Map.of());
    StringWriter text = new StringWriter();
    new Timeline(new PrintWriter(text, true), false, 80).print(run, 100);
    List<String> lines = text.toString().lines().toList();
    String worker = row(lines, "worker-1");
    assertTrue(worker.chars().filter(c -> c == '░').count() > 40, String.join("\n", lines));
    assertFalse(row(lines, "main").contains("█"), "the worker's 195 ms are not main's: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("░ worker")), "legend: " + lines);
  }

  @Test
  void aForkedProcessIsARowOfItsOwnOnTheProgramsClock() {
    ProbeReport program =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 1_000_000_000L, 2, true),
                ReportFormat.line("self", 100, 1, "main"),
                ReportFormat.line(
                    "cb", 1, "POST", "Main.main(Main.java:5)", 0, 10_000_000, 10_000_000, 0, 0, 1),
                ReportFormat.line(
                    "child", 5_000_000, 200, 100, "fork", "main", "Main.main(Main.java:6)", "Kid"),
                ReportFormat.line(
                    "cb",
                    2,
                    "PROCESS",
                    "Main.main(Main.java:7)",
                    290_000_000,
                    300_000_000,
                    1,
                    0,
                    0,
                    1)));
    // The child's probe started 100 ms after the program's; its callback ran 100 to 250 ms on
    // its own clock, so 200 to 350 ms on the program's.
    ProbeReport kid =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 1_100_000_000L, 2, true),
                ReportFormat.line("self", 200, 100, "fork"),
                ReportFormat.line(
                    "cb",
                    1,
                    "PROCESS",
                    "Kid.main(Kid.java:5)",
                    100_000_000,
                    250_000_000,
                    150_000_000,
                    0,
                    0,
                    1)));
    program.withForks(List.of(kid));
    assertEquals(List.of(program, kid), program.allProcesses());
    Run run =
        Run.recorded(
            "Main",
            List.of(),
            0,
            new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ofMillis(400)),
            program,
            Map.of());
    StringWriter text = new StringWriter();
    new Timeline(new PrintWriter(text, true), false, 80).print(run, 100);
    List<String> lines = text.toString().lines().toList();
    String fork = row(lines, "pid 200");
    int first = fork.indexOf('▓');
    int cols = Style.width(row(lines, "main")) - 9;
    assertTrue(first > 0, String.join("\n", lines));
    // 200 ms of a 350 ms axis: about 57% of the way along.
    double at = (double) (first - 9) / cols;
    assertTrue(at > 0.5 && at < 0.65, at + "\n" + String.join("\n", lines));
    assertFalse(row(lines, "main").contains("█"), "the fork's 150 ms are not main's: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("▓ forked process")), "legend: " + lines);
  }
}
