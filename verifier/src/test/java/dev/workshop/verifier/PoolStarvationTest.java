package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.PoolWaitEvidence;
import dev.workshop.verifier.report.PoolWaitEvidence.PoolWait;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pool threads' waits for futures come from the woven code on the pool threads themselves, and a
 * pool whose every thread waits for a job queued behind it is named {@code pool-starvation}; an
 * exercise that asks for it has the starved run stopped long before its timeout.
 */
class PoolStarvationTest {
  @TempDir Path root;

  /** Two pool threads, two jobs that each wait for a job they had main queue: starved. */
  private static final String STARVES =
      """
      import dev.workshop.runtime.EventLoop;
      import dev.workshop.runtime.ThreadPool;
      import java.util.concurrent.CompletableFuture;
      public class Main {
        public static void main(String[] args) {
          ThreadPool.setSize(2);
          EventLoop loop = EventLoop.create();
          for (int i = 0; i < 3; i++) {
            loop.queueWork(() -> {
              CompletableFuture<String> inner = new CompletableFuture<>();
              loop.post(() -> loop.queueWork(() -> "x", (e, r) -> inner.complete(r)));
              return inner.join();
            }, (e, r) -> System.out.println(r));
          }
          loop.run();
        }
      }
      """;

  @Test
  void aStarvedPoolIsNamedWithItsThreadsLineAndQueueAndStoppedEarly() throws IOException {
    Path dir = TestExercise.solution(root, STARVES);
    long t0 = System.nanoTime();
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(
                new TestExercise(Duration.ofSeconds(30), Map.of("pool.starvation.stop.ms", "500")),
                dir,
                s -> {});
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertTrue(seconds < 25, "stopped by the probe, not at the 30 s timeout: " + seconds + " s");
    assertEquals(Diagnosis.POOL_STARVATION, v.diagnosis(), v.checks().toString());
    ProbeReport r = v.runs().get(0).report();
    assertFalse(v.runs().get(0).timedOut());
    PoolWaitEvidence.Starvation s = r.poolWaits().starvation().orElseThrow();
    assertTrue(s.stopped());
    assertEquals(2, s.poolSize());
    assertEquals(2, s.waiting().size(), s.toString());
    for (PoolWaitEvidence.Waiter w : s.waiting()) {
      assertTrue(w.thread().matches("pool-[12]"), w.toString());
      assertEquals("waiting-future", w.kind());
      assertTrue(w.site().contains("(Main.java:12)"), w.site());
    }
    // The third first step and the two second steps wait in the queue.
    assertEquals(3, s.queueLength(), s.toString());
    long queued = s.queued().stream().mapToLong(PoolWaitEvidence.QueuedJobs::count).sum();
    assertEquals(3, queued, s.queued().toString());
    List<PoolWait> open = r.poolWaits().waits().stream().filter(PoolWait::open).toList();
    assertEquals(2, open.size(), r.poolWaits().waits().toString());
    String cause = v.cause().orElseThrow().reason();
    assertTrue(cause.contains("all 2 pool threads waited for a future"), cause);
  }

  @Test
  void waitsThatDoNotStarveAreStillRecordedJoinsAndIsDoneSpinsAlike() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
            import dev.workshop.runtime.EventLoop;
            import java.util.concurrent.CompletableFuture;
            public class Main {
              public static void main(String[] args) {
                EventLoop loop = EventLoop.create();
                for (int i = 0; i < 2; i++) {
                  boolean spin = i == 1;
                  loop.queueWork(() -> {
                    CompletableFuture<String> inner = new CompletableFuture<>();
                    loop.post(() -> loop.queueWork(() -> "x", (e, r) -> inner.complete(r)));
                    if (spin) {
                      while (!inner.isDone()) Thread.onSpinWait();
                      return inner.getNow("?");
                    }
                    return inner.join();
                  }, (e, r) -> System.out.println(r));
                }
                loop.run();
              }
            }
            """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    ProbeReport r = v.runs().get(0).report();
    assertEquals("x\nx", v.runs().get(0).stdout().strip());
    assertTrue(r.poolWaits().starvation().isEmpty(), r.poolWaits().toString());
    List<PoolWait> waits = r.poolWaits().waits();
    PoolWait join =
        waits.stream().filter(w -> w.kind().equals("waiting-future")).findFirst().orElseThrow();
    assertEquals(1, join.count());
    assertFalse(join.open());
    assertTrue(join.site().contains("(Main.java:15)"), join.site());
    assertTrue(join.thread().startsWith("pool-"));
    // The spin ends as soon as its future does: on an idle machine it may poll fewer than 1000
    // times, and then it is no busy wait. When it is one, its line is the isDone call's.
    waits.stream()
        .filter(w -> w.kind().equals("busy-wait"))
        .forEach(w -> assertTrue(w.site().contains("(Main.java:12)"), w.site()));
  }
}
