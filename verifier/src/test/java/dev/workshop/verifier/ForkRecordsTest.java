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

  @Test
  void clusterWorkersReportAsClusterWorkersOfThePrimary() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.ChildProcess;
        import dev.workshop.runtime.Cluster;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.HttpServer;
        import dev.workshop.runtime.Parent;
        public class Main {
          static int ready;
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            if (Cluster.isPrimary()) {
              for (int i = 0; i < 2; i++) {
                ChildProcess w = Cluster.fork(loop);
                w.onMessage(m -> {
                  if (++ready == 2) System.out.println("both listening");
                  w.disconnect();
                });
              }
            } else {
              Parent parent = Parent.of(loop);
              HttpServer server = loop.createHttpServer();
              server.get("/", (req, res) -> res.send("hi"));
              server.listen(0, () -> { parent.send("listening"); server.close(); });
              parent.onMessage(m -> {});
            }
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(root.resolve("cache"), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    Run run = v.runs().get(0);
    assertTrue(run.stdout().contains("both listening"), run.stdout() + run.stderr());
    ProbeReport primary = run.report();
    List<ProcessEvidence.Child> workers = primary.processes().children();
    assertEquals(2, workers.size(), String.join("\n", primary.lines()));
    for (ProcessEvidence.Child w : workers) {
      assertEquals("cluster-worker", w.kind());
      ProbeReport r = w.report().orElseThrow(() -> new AssertionError(w.toString()));
      assertEquals("cluster-worker", r.role());
      assertEquals(w.pid(), r.pid());
      assertTrue(r.loopStarted(), String.join("\n", r.lines()));
    }
    assertEquals(3, primary.allProcesses().size());
  }
}
