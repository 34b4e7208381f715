package dev.workshop.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.Verdict;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictViewTest {

  private static String render(Verdict verdict, int width) {
    StringWriter text = new StringWriter();
    new VerdictView(new PrintWriter(text), false, width).print(verdict, 100);
    return text.toString();
  }

  @Test
  void reasonsWrapToTheWidthAndSourceLinesKeepTheirShape() {
    String source =
        "   42 |         sha.update(line.getBytes(StandardCharsets.UTF_8)); // and a long comment after it";
    Verdict v =
        new Verdict(
            false,
            Diagnosis.COMPUTING,
            "",
            List.of(),
            List.of(
                CheckResult.pass(
                    "java Host: loop-owned values were only touched on the loop thread"),
                CheckResult.fail(
                    "java Host: the main thread was never blocked for 100 ms or more",
                    Diagnosis.COMPUTING,
                    "main thread blocked for 192 ms, computing on the CPU in Digest.stretch(Digest.java:42)",
                    List.of(
                        source,
                        "move the computation into loop.queueWork(...): it runs on a pool thread and its result comes back to main"))),
            List.of(),
            List.of());
    String out = render(v, 60);
    for (String line : out.lines().toList()) {
      assertTrue(line.length() <= 60, "too wide: [" + line + "]\n" + out);
    }
    assertTrue(
        out.contains("✓ java Host: loop-owned values were only touched on the loop\n    thread"),
        out);
    assertTrue(
        out.contains(
            "    main thread blocked for 192 ms, computing on the CPU in\n      Digest.stretch(Digest.java:42)"),
        out);
    assertTrue(
        out.contains("\n       42 |         sha.update(line.getBytes(StandardCharse…\n"),
        "clipped, not wrapped:\n" + out);
  }

  /** A run of {@code java Host args}, as recorded, with nothing printed. */
  private static Run run(int processors, String... args) {
    return Run.recorded(
        "Host",
        List.of(args),
        processors,
        new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ZERO),
        ProbeReport.empty(),
        Map.of());
  }

  private static CheckResult pass(Run run, String name) {
    return new CheckResult(name, true, null, "", List.of(), run);
  }

  private static CheckResult fail(
      Run run, String name, Diagnosis diagnosis, String reason, List<String> evidence) {
    return new CheckResult(name, false, diagnosis, reason, evidence, run);
  }

  @Test
  void aFailureThatIsTheSameInEveryRunIsToldOnceWithEveryRunsLabel() {
    Run h111 = run(0, "111");
    Run h1111 = run(0, "1111");
    List<String> evidence =
        List.of(
            "thread \"Thread-0\" was started in Delay.delay(Delay.java:12)",
            "   12 |     }).start();");
    List<CheckResult> checks =
        List.of(
            pass(h111, "java Host 111: the main thread was never blocked for 100 ms or more"),
            fail(
                h111,
                "java Host 111: your code started no thread of its own",
                Diagnosis.RAW_THREAD,
                "the solution started its own thread \"Thread-0\"",
                evidence),
            fail(
                h111,
                "java Host 111: the callback ran once, on main, 111 to 411 ms after delay was called",
                Diagnosis.RAW_THREAD,
                "the callback ran on \"Thread-0\", not on main",
                List.of()),
            pass(h111, "java Host 111 ended by itself, with exit code 0"),
            pass(h1111, "java Host 1111: the main thread was never blocked for 100 ms or more"),
            fail(
                h1111,
                "java Host 1111: your code started no thread of its own",
                Diagnosis.RAW_THREAD,
                "the solution started its own thread \"Thread-0\"",
                List.of(
                    "thread \"Thread-0\" was started in Delay.delay(Delay.java:12)",
                    "   12 |     }).start();",
                    "other")),
            fail(
                h1111,
                "java Host 1111: the callback ran once, on main, 1111 to 1411 ms after delay was called",
                Diagnosis.RAW_THREAD,
                "the callback ran on \"Thread-0\", not on main",
                List.of()),
            fail(
                h1111,
                "java Host 1111 ended by itself, with exit code 0",
                Diagnosis.TIMEOUT,
                "it was still running after 6000 ms and was stopped",
                List.of()));
    StringWriter text = new StringWriter();
    new VerdictView(new PrintWriter(text), false, 200).printChecks(checks);
    assertEquals(
        """
        ✓ java Host 111, java Host 1111: the main thread was never blocked for 100 ms or more
        ✗ java Host 111, java Host 1111: your code started no thread of its own
            the solution started its own thread "Thread-0"
            thread "Thread-0" was started in Delay.delay(Delay.java:12)
               12 |     }).start();
        ✗ java Host 111: the callback ran once, on main, 111 to 411 ms after delay was called
            the callback ran on "Thread-0", not on main
        ✓ java Host 111 ended by itself, with exit code 0
        ✗ java Host 1111: the callback ran once, on main, 1111 to 1411 ms after delay was called
            the callback ran on "Thread-0", not on main
        ✗ java Host 1111 ended by itself, with exit code 0
            it was still running after 6000 ms and was stopped
        """,
        text.toString());
  }

  @Test
  void checksNotAboutARunAreNeverMerged() {
    Run cpu = run(0, "cpu");
    Run cpu6 = run(6, "cpu");
    List<CheckResult> checks =
        List.of(
            CheckResult.pass("the answers agree"),
            CheckResult.pass("the answers agree"),
            pass(cpu, "java Host cpu: it ran"),
            pass(cpu6, "java Host cpu (as if on 6 cores): it ran"));
    StringWriter text = new StringWriter();
    new VerdictView(new PrintWriter(text), false, 200).printChecks(checks);
    assertEquals(
        """
        ✓ the answers agree
        ✓ the answers agree
        ✓ java Host cpu, java Host cpu (as if on 6 cores): it ran
        """,
        text.toString());
  }

  @Test
  void compileErrorsShowTheCaretUnderTheColumn() {
    var error =
        new dev.workshop.verifier.compile.CompileError(
            "Delay.java", 4, 19, "';' expected", "    callback.run()", "");
    Verdict v =
        new Verdict(
            false,
            Diagnosis.COMPILE_ERROR,
            "your code does not compile (1 error)",
            List.of(error),
            List.of(),
            List.of(),
            List.of());
    String out = render(v, 80);
    assertEquals(
        "✗ your code does not compile (1 error)\n\n  Delay.java:4:19: error: ';' expected\n      callback.run()\n"
            + " ".repeat(20)
            + "^\n",
        out);
  }
}
