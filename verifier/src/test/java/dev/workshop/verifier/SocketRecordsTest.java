package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.SocketEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's socket records, written in the child and read back: a refused write, the learner's
 * pause and resume at their lines (a {@code conn::resume} in {@code onDrain} is blamed on the line
 * that registered it), the drain, a write from another thread, and the connection's summary with
 * the most bytes it kept queued.
 */
class SocketRecordsTest {
  @TempDir Path root;

  @Test
  void pauseResumeDrainAndOffLoopCallsArriveWithTheLearnersLines() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.Connection;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.TcpServer;
        public class Main {
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            Connection[] client = new Connection[1];
            TcpServer[] server = new TcpServer[1];
            server[0] = loop.createServer(conn -> {
              server[0].close();
              byte[] chunk = new byte[16 * 1024];
              while (conn.write(chunk)) {}
              conn.pause();
              conn.onDrain(conn::resume);
              Thread t = new Thread(() -> {
                try { conn.write("x"); } catch (IllegalStateException e) { }
              });
              t.start();
              try { t.join(); } catch (InterruptedException e) { }
              loop.setTimeout(50, () -> client[0].resume());
              conn.onData(b -> conn.end());
            });
            server[0].listen("127.0.0.1", 0, () -> loop.connect("127.0.0.1", server[0].port(),
                (err, c) -> {
                  client[0] = c;
                  c.pause();
                  c.onData(b -> {});
                  c.onDrain(() -> {});
                  loop.setTimeout(300, () -> c.end());
                }));
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    assertEquals(1, v.runs().size(), v.toString());
    ProbeReport r = v.runs().get(0).report();
    SocketEvidence s = r.sockets();
    List<SocketEvidence.Event> refused =
        s.events().stream().filter(e -> e.kind().equals("WRITE_REFUSED")).toList();
    assertEquals(1, refused.size(), s.events().toString());
    int port = refused.get(0).port();
    List<String> kinds = s.events(port).stream().map(SocketEvidence.Event::kind).toList();
    assertEquals(List.of("WRITE_REFUSED", "PAUSE", "OFF_LOOP", "DRAIN", "RESUME"), kinds);
    assertEquals("Main.main(Main.java:13) (a lambda)", event(s, port, "PAUSE").site());
    assertEquals("Main.main(Main.java:14) (a lambda)", event(s, port, "RESUME").site());
    assertEquals("Main.main(Main.java:12) (a lambda)", event(s, port, "WRITE_REFUSED").site());
    SocketEvidence.Event off = event(s, port, "OFF_LOOP");
    assertEquals("Connection.write", off.call());
    assertTrue(off.thread().startsWith("Thread-"), off.toString());
    assertEquals("Main.main(Main.java:16) (a lambda)", off.site());
    assertEquals(List.of(off), s.offLoop());
    SocketEvidence.Conn conn = s.connection(port).orElseThrow();
    assertTrue(conn.mostQueued() >= 64 * 1024, conn.toString());
    assertTrue(conn.refused() >= 1 && conn.writes() > conn.refused(), conn.toString());
    assertTrue(conn.closed(), conn.toString());
    assertEquals(1, conn.offLoop(), conn.toString());
    assertEquals(1, s.offLoopCalls());
  }

  private static SocketEvidence.Event event(SocketEvidence s, int port, String kind) {
    return s.events(port).stream().filter(e -> e.kind().equals(kind)).findFirst().orElseThrow();
  }
}
