package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.report.LookupEvidence;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's lookup evidence, written in a real child JVM and read back: each {@code resolve}
 * with the {@code dns-N} thread that asked and when; each pool job's queue wait with the CPU wait
 * in it; and the learner's own {@code InetAddress.getByName}, sent to the installed resolver and
 * timed as blocking I/O on {@code main}.
 */
class LookupEvidenceTest {
  @TempDir Path root;

  @Test
  void resolvesQueueWaitsAndTheLearnersOwnLookupArriveInTheReport() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.Dns;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.ThreadPool;
        import java.net.InetAddress;
        import java.util.List;
        import java.util.concurrent.locks.LockSupport;
        public class Main {
          public static void main(String[] args) throws Exception {
            ThreadPool.setSize(1);
            Dns.setResolver(host -> {
              if (!host.endsWith(".example")) return Dns.JDK.resolve(host);
              long until = System.nanoTime() + 300_000_000L; // a slow name server
              for (long left; (left = until - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
              return List.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7}));
            });
            EventLoop loop = EventLoop.create();
            loop.resolve("a.example", (err, all) -> System.out.println("resolved " + all));
            loop.lookup("b.example", (err, address) -> System.out.println("looked up " + address));
            loop.queueWork(() -> "queued", (err, r) -> System.out.println(r));
            loop.setTimeout(0, () -> {
              try {
                System.out.println("own " + InetAddress.getByName("c.example").getHostAddress());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    Run run = v.runs().get(0);
    ProbeReport r = run.report();
    LookupEvidence e = LookupEvidence.of(r);
    assertEquals(2, e.queries().size(), e.queries().toString());

    LookupEvidence.Query resolve = query(e, "RESOLVE");
    assertTrue(resolve.thread().matches("dns-\\d+"), resolve.toString());
    assertFalse(resolve.onPool(), resolve.toString());
    assertTrue(resolve.site().contains("Main.main"), resolve.toString());
    assertTrue(
        resolve.start() >= 0 && resolve.end() - resolve.start() >= 250_000_000L,
        resolve.toString());
    assertTrue(resolve.thrown().isEmpty(), resolve.toString());

    LookupEvidence.Query lookup = query(e, "LOOKUP");
    assertTrue(lookup.onPool() && lookup.thread().matches("pool-\\d+"), lookup.toString());
    assertTrue(e.inProgressAt(resolve.start() + 1).contains(resolve), e.queries().toString());

    // One pool thread: the work queued behind the 300 ms lookup waited for it, and that wait is
    // the program's (the pool thread was busy, not waiting for a CPU).
    ProbeReport.Job work =
        r.jobs().stream().filter(j -> j.kind().equals("WORK")).findFirst().orElseThrow();
    LookupEvidence.QueueWait wait = e.queueWait(work).orElseThrow();
    assertEquals(work.waited(), wait.waited());
    assertTrue(wait.cpuWait() <= wait.waited(), wait.toString());
    assertTrue(wait.charged() >= 200_000_000L, wait.toString());
    assertTrue(work.start() >= lookup.end(), "one lane: the work waited for the lookup");
    for (ProbeReport.Job j : r.jobs()) assertTrue(e.queueWait(j).isPresent(), j.toString());

    // The learner's own getByName went to the installed resolver, and blocked main as I/O.
    assertTrue(run.stdout().contains("own 10.0.0.7"), run.stdout());
    List<ProbeReport.Block> blocks = r.blocks(100_000_000L);
    assertEquals(1, blocks.size(), blocks.toString());
    assertEquals(BlockKind.BLOCKING_IO, blocks.get(0).kind(), blocks.toString());
    assertTrue(blocks.get(0).frame().contains("Main.main"), blocks.toString());
  }

  private static LookupEvidence.Query query(LookupEvidence e, String kind) {
    return e.queries().stream().filter(q -> q.kind().equals(kind)).findFirst().orElseThrow();
  }
}
