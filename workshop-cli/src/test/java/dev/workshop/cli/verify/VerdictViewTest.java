package dev.workshop.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.CheckResult;
import dev.workshop.verifier.Diagnosis;
import dev.workshop.verifier.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

  @Test
  void aFailureThatIsTheSameInEveryRunIsToldOnceWithEveryRunsLabel() {
    List<String> evidence =
        List.of(
            "thread \"Thread-0\" was started in Delay.delay(Delay.java:12)",
            "   12 |     }).start();");
    List<CheckResult> checks =
        List.of(
            CheckResult.pass("java Host 111: the main thread was never blocked for 100 ms or more"),
            CheckResult.fail(
                "java Host 111: your code started no thread of its own",
                Diagnosis.RAW_THREAD,
                "the solution started its own thread \"Thread-0\"",
                evidence),
            CheckResult.fail(
                "java Host 111: the callback ran once, on main, 111 to 411 ms after delay was called",
                Diagnosis.RAW_THREAD,
                "the callback ran on \"Thread-0\", not on main",
                List.of()),
            CheckResult.pass("java Host 111 ended by itself, with exit code 0"),
            CheckResult.pass(
                "java Host 1111: the main thread was never blocked for 100 ms or more"),
            CheckResult.fail(
                "java Host 1111: your code started no thread of its own",
                Diagnosis.RAW_THREAD,
                "the solution started its own thread \"Thread-0\"",
                List.of(
                    "thread \"Thread-0\" was started in Delay.delay(Delay.java:12)",
                    "   12 |     }).start();",
                    "other")),
            CheckResult.fail(
                "java Host 1111: the callback ran once, on main, 1111 to 1411 ms after delay was called",
                Diagnosis.RAW_THREAD,
                "the callback ran on \"Thread-0\", not on main",
                List.of()),
            CheckResult.fail(
                "java Host 1111 ended by itself, with exit code 0",
                Diagnosis.TIMEOUT,
                "it was still running after 6000 ms and was stopped",
                List.of()));
    StringWriter text = new StringWriter();
    new VerdictView(new PrintWriter(text), false, 200)
        .printChecks(checks, List.of("java Host 111", "java Host 1111"));
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
    List<CheckResult> checks =
        List.of(
            CheckResult.pass("the answers agree"),
            CheckResult.pass("the answers agree"),
            CheckResult.pass("java Host cpu: it ran"),
            CheckResult.pass("java Host cpu (as if on 6 cores): it ran"));
    StringWriter text = new StringWriter();
    new VerdictView(new PrintWriter(text), false, 200)
        .printChecks(checks, List.of("java Host cpu", "java Host cpu (as if on 6 cores)"));
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
