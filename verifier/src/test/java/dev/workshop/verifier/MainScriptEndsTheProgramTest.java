package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A main script that ends the program before {@code loop.run()} (System.exit, a throw) is judged
 * like one that reaches it, when the program created a loop: up to the exit call, never for the
 * JVM's own shutdown after it. A program with no loop is not judged on its script.
 */
class MainScriptEndsTheProgramTest {
  @TempDir Path root;

  /** Counts primes below two million on main: 0.5 s of CPU or more (0.25 s per million). */
  private static final String COUNT =
      """
          static long count() {
            long found = 0;
            for (int n = 2; n < 2_000_000; n++) {
              boolean prime = true;
              for (int d = 2; (long) d * d <= n; d++) if (n % d == 0) { prime = false; break; }
              if (prime) found++;
            }
            return found;
          }
      """;

  private Verdict verify(String source) throws IOException {
    Path dir = TestExercise.solution(root, source);
    return new Verifier(TestExercise.sharedCache(), Map.of())
        .verify(TestExercise.withTimeout(20_000), dir, s -> {});
  }

  private static String text(Verdict v) {
    return v.problem()
        + "\n"
        + v.checks().stream()
            .map(c -> c.name() + " | " + c.reason() + " | " + String.join(" / ", c.evidence()))
            .collect(Collectors.joining("\n"));
  }

  private static boolean failedWith(Verdict v, Diagnosis d) {
    return v.checks().stream().anyMatch(c -> !c.passed() && c.diagnosis() == d);
  }

  /** The check "the main thread was never blocked" is there and passed: a ✓, as the learner sees. */
  private static boolean neverBlocked(Verdict v) {
    return v.checks().stream()
        .filter(c -> c.name().contains("the main thread was never blocked"))
        .anyMatch(c -> c.passed());
  }

  /** The check "the main thread was never blocked" failed, with this diagnosis. */
  private static boolean blocked(Verdict v, Diagnosis d) {
    return v.checks().stream()
        .filter(c -> c.name().contains("the main thread was never blocked"))
        .anyMatch(c -> !c.passed() && c.diagnosis() == d);
  }

  @Test
  void aScriptThatComputesThenExitsBeforeItsLoopRunsIsCharged() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            System.out.println(count());
            System.exit(3);
          }
        """
                + COUNT
                + "}\n");
    assertTrue(blocked(v, Diagnosis.COMPUTING), text(v));
    assertTrue(text(v).contains("Main.count(Main.java:"), text(v));
    assertTrue(text(v).contains("main, which ended the program before loop.run()"), text(v));
    assertTrue(failedWith(v, Diagnosis.EXIT_CODE), text(v));
  }

  @Test
  void aScriptThatComputesThenThrowsBeforeItsLoopRunsIsCharged() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            if (count() > 0) throw new IllegalStateException("no loop today");
            loop.run();
          }
        """
                + COUNT
                + "}\n");
    assertTrue(blocked(v, Diagnosis.COMPUTING), text(v));
    assertTrue(text(v).contains("Main.count(Main.java:"), text(v));
  }

  @Test
  void aScriptThatExitsAtOnceIsNotChargedForTheJvmsShutdown() throws IOException {
    // The exit waits in Shutdown.exit for the shutdown hooks (the probe's own among them): that
    // wait is the JVM's, not the script's.
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            System.out.println("bye");
            System.exit(3);
          }
        }
        """);
    assertEquals(Diagnosis.EXIT_CODE, v.diagnosis(), text(v));
    assertTrue(neverBlocked(v), text(v));
  }

  @Test
  void aProgramWithoutALoopIsNotJudgedOnItsScript() throws IOException {
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) {
            System.out.println(count());
            System.exit(3);
          }
        """
                + COUNT
                + "}\n");
    assertEquals(Diagnosis.EXIT_CODE, v.diagnosis(), text(v));
    assertTrue(neverBlocked(v), text(v));
    assertFalse(v.passed(), text(v));
  }
}
