package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe reports every pool job generically: descriptor reads and lookups arrive in the report
 * with their kind, their pool thread and how long they waited in the queue; a resolve's own
 * thread is the runtime's, not the learner's.
 */
class PoolJobRecordsTest {
  @TempDir Path root;

  @Test
  void descriptorReadsAndLookupsArriveWithKindThreadAndQueueWait() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.Dns;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.ThreadPool;
        import java.net.InetAddress;
        import java.nio.file.Files;
        import java.nio.file.Path;
        import java.util.List;
        public class Main {
          public static void main(String[] args) throws Exception {
            Path file = Files.createTempFile("jobs", ".txt");
            Files.writeString(file, "hello");
            ThreadPool.setSize(1);
            Dns.setResolver(host -> {
              Thread.sleep(200); // a slow name server
              return List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1}));
            });
            EventLoop loop = EventLoop.create();
            loop.lookup("slow.example", (err, address) -> System.out.println(address));
            loop.resolve("other.example", (err, all) -> System.out.println(all));
            loop.fs().open(file, (err, fd) ->
                loop.fs().read(fd, 16, 0, (e2, bytes) -> {
                  System.out.println(new String(bytes));
                  loop.fs().close(fd, (e3, x) -> {});
                }));
            loop.run();
            Files.delete(file);
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    ProbeReport r = v.runs().get(0).report();
    List<String> kinds = r.jobs().stream().map(ProbeReport.Job::kind).sorted().toList();
    assertEquals(List.of("FS_CLOSE", "FS_OPEN", "FS_READ", "LOOKUP"), kinds, r.jobs().toString());
    for (ProbeReport.Job j : r.jobs()) {
      assertTrue(j.onPool() && j.thread().matches("pool-\\d+"), j.toString());
      assertTrue(j.waited() >= 0, j.toString());
    }
    ProbeReport.Job lookup = job(r, "LOOKUP");
    ProbeReport.Job open = job(r, "FS_OPEN");
    assertTrue(open.start() >= lookup.end(), "one lane: the open waited for the lookup");
    assertTrue(open.waited() > 0, open.toString());
    assertTrue(
        r.rawThreads().stream().noneMatch(t -> t.name().startsWith("dns-")),
        "resolve's thread is the runtime's: " + r.rawThreads());
  }

  private static ProbeReport.Job job(ProbeReport r, String kind) {
    return r.jobs().stream().filter(j -> j.kind().equals(kind)).findFirst().orElseThrow();
  }
}
