package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.ProcessEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM the solution forks runs under a probe of its own: the program's report records the child
 * (pid, parent, kind, line), its exit and the messages both ways, and the child's own report is
 * attached to it, with its own pid, role, threads and what its code ran.
 */
class ForkRecordsTest {
  @TempDir Path root;

  @Test
  void aForkedJvmReportsOnItsOwnAndIsAttachedToItsParent() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.ChildProcess;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.Parent;
        public class Main {
          public static class Kid {
            public static void main(String[] args) {
              EventLoop loop = EventLoop.create();
              Parent parent = Parent.of(loop);
              parent.onMessage(n -> {
                parent.send(square((Integer) n));
                parent.disconnect();
              });
              loop.run();
            }

            static int square(int n) {
              System.out.println("squaring " + n);
              return n * n;
            }
          }

          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            ChildProcess kid = loop.fork("Main$Kid");
            kid.onLine(line -> System.out.println("kid says " + line));
            kid.onMessage(m -> System.out.println("got " + m));
            kid.onExit(code -> System.out.println("exit " + code));
            kid.send(7);
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(root.resolve("cache"), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    assertFalse(v.runs().isEmpty(), v.toString());
    Run run = v.runs().get(0);
    String out = run.stdout();
    assertTrue(out.contains("got 49"), out);
    assertTrue(out.contains("kid says squaring 7"), out);
    assertTrue(out.contains("exit 0"), out);

    ProbeReport main = run.report();
    assertEquals("main", main.role(), String.join("\n", main.lines()));
    assertTrue(main.pid() > 0);
    List<ProcessEvidence.Child> children = main.processes().children();
    assertEquals(1, children.size(), String.join("\n", main.lines()));
    ProcessEvidence.Child kid = children.get(0);
    assertEquals("fork", kid.kind());
    assertEquals(main.pid(), kid.parentPid());
    assertTrue(kid.pid() != main.pid());
    assertTrue(kid.command().startsWith("Main$Kid"), kid.command());
    assertTrue(kid.site().contains("Main.java:"), kid.site());
    assertEquals(0, kid.exitCode().orElse(-1));
    assertFalse(kid.endedByRuntime());
    assertEquals(1, kid.sent());
    assertEquals(1, kid.received());
    assertTrue(kid.startedAtMs() >= 0 && kid.exitedAtMs() >= kid.startedAtMs(), kid.toString());

    ProbeReport child = kid.report().orElseThrow(() -> new AssertionError(main.lines()));
    assertEquals("fork", child.role());
    assertEquals(kid.pid(), child.pid());
    assertEquals(main.pid(), child.parentPid());
    assertTrue(
        child.ran().stream()
            .anyMatch(r -> r.method().contains("square") && r.thread().equals("main")),
        String.join("\n", child.lines()));
    assertTrue(
        child.processes().messages().stream().anyMatch(m -> m.sent() && m.toPid() == main.pid()),
        String.join("\n", child.lines()));
    assertEquals(List.of(main, child), main.allProcesses());
  }
}
