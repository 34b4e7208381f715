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
    String source = "   42 |         sha.update(line.getBytes(StandardCharsets.UTF_8)); // and a long comment after it";
    Verdict v = new Verdict(false, Diagnosis.COMPUTING, "", List.of(), List.of(
        CheckResult.pass("java Host: loop-owned values were only touched on the loop thread"),
        CheckResult.fail("java Host: the main thread was never blocked for 100 ms or more", Diagnosis.COMPUTING,
            "main thread blocked for 192 ms, computing on the CPU in Digest.stretch(Digest.java:42)",
            List.of(source, "move the computation into loop.queueWork(...): it runs on a pool thread and its result comes back to main"))),
        List.of(), List.of());
    String out = render(v, 60);
    for (String line : out.lines().toList()) {
      assertTrue(line.length() <= 60, "too wide: [" + line + "]\n" + out);
    }
    assertTrue(out.contains("✓ java Host: loop-owned values were only touched on the loop\n    thread"), out);
    assertTrue(out.contains("    main thread blocked for 192 ms, computing on the CPU in\n      Digest.stretch(Digest.java:42)"), out);
    assertTrue(out.contains("\n       42 |         sha.update(line.getBytes(StandardCharse…\n"), "clipped, not wrapped:\n" + out);
  }

  @Test
  void compileErrorsShowTheCaretUnderTheColumn() {
    var error = new dev.workshop.verifier.compile.CompileError("Delay.java", 4, 19, "';' expected", "    callback.run()", "");
    Verdict v = new Verdict(false, Diagnosis.COMPILE_ERROR, "your code does not compile (1 error)", List.of(error),
        List.of(), List.of(), List.of());
    String out = render(v, 80);
    assertEquals("✗ your code does not compile (1 error)\n\n  Delay.java:4:19: error: ';' expected\n      callback.run()\n"
        + " ".repeat(20) + "^\n", out);
  }
}
