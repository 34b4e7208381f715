package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.WorkerEvidence;
import dev.workshop.verifier.report.WorkerEvidence.Message;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe writes what it sees of workers and the parser reads it back: the worker with its line
 * and exit code, its loop's callbacks as its own (never main's), which thread ran its code, each
 * message with sender, receiver, order and copy evidence, and shared-memory counts per thread.
 */
class WorkerRecordsTest {
  @TempDir Path root;

  @Test
  void workersTheirCallbacksMessagesAndSharedMemoryRoundTrip() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.Atomics;
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.SharedBuffer;
        import dev.workshop.runtime.Worker;
        import dev.workshop.runtime.WorkerContext;
        import dev.workshop.runtime.WorkerMain;
        import java.util.ArrayList;
        import java.util.List;
        public class Main {
          public static class Tally implements WorkerMain {
            @Override
            public void main(WorkerContext ctx) {
              SharedBuffer shared = (SharedBuffer) ctx.workerData();
              List<Integer> seen = new ArrayList<>();
              for (int i = 1; i <= 3; i++) {
                seen.add(i);
                ctx.postMessage(seen); // then changed: the parent must get the list as it was
                Atomics.add(shared, 0, 1);
              }
              shared.set(1, shared.get(1) + 1);
              ctx.loop().setTimeout(1, () -> work(ctx));
            }

            static void work(WorkerContext ctx) {
              ctx.postMessage("done");
            }
          }

          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            SharedBuffer shared = SharedBuffer.ofInts(2);
            Worker w = new Worker(loop, Tally.class, shared);
            w.onMessage(m -> System.out.println("got " + m));
            w.onExit(code -> System.out.println("exit " + code + " " + Atomics.load(shared, 0)));
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    assertFalse(v.runs().isEmpty(), v.toString());
    ProbeReport r = v.runs().get(0).report();
    assertTrue(v.runs().get(0).stdout().contains("got [1, 2, 3]"), v.runs().get(0).stdout());
    WorkerEvidence w = r.workers();

    assertEquals(1, w.workers().size(), String.join("\n", r.lines()));
    WorkerEvidence.Worker worker = w.workers().get(0);
    assertEquals("worker-1", worker.thread());
    assertEquals("main", worker.parent());
    assertTrue(worker.mainClass().endsWith("Tally"), worker.toString());
    assertTrue(worker.site().contains("Main.java:32"), worker.site());
    assertTrue(
        worker.ended() && worker.exitCode() == 0 && worker.error().isEmpty(), worker.toString());

    // The worker's main and its timer callback are the worker's, and never main's.
    List<WorkerEvidence.Callback> cbs = w.callbacksOn("worker-1");
    assertTrue(cbs.get(0).mainScript(), cbs.toString());
    assertTrue(cbs.stream().anyMatch(c -> c.kind().equals("TIMER")), cbs.toString());
    assertTrue(
        r.callbacks().stream().noneMatch(c -> c.kind() != null && c.kind().name().equals("TIMER")),
        "the worker's timer is not main's callback: " + r.callbacks());
    assertEquals(List.of("worker-1"), r.threadsThatRan("Main.Tally.work"), r.ran().toString());
    assertTrue(
        r.ran().stream()
            .filter(x -> x.thread().equals("worker-1"))
            .allMatch(x -> x.role().equals("worker")),
        r.ran().toString());
    assertTrue(r.ownThreadsRunningLearnerCode().isEmpty(), "a worker is no raw thread");
    assertTrue(r.rawThreads().isEmpty(), r.rawThreads().toString());

    // Messages: from worker-1 to main, in order, each a copy of what was posted.
    List<Message> got = w.receivedOn("main");
    assertEquals(4, got.size(), w.messages().toString());
    for (int i = 0; i < got.size(); i++) {
      Message m = got.get(i);
      assertEquals("worker-1", m.from());
      assertEquals("main", m.to());
      assertFalse(m.toWorker());
      if (i > 0) assertTrue(m.id() > got.get(i - 1).id(), "in order");
      assertTrue(m.receiverGotWhatWasPosted(), m.toString());
    }
    Message first = got.get(0);
    assertTrue(first.type().contains("ArrayList"), first.type());
    assertTrue(first.copied() && first.sentIdentity() != first.copyIdentity(), first.toString());
    assertTrue(first.postedAgainChanged(), "posted again, grown: " + first);
    assertTrue(first.senderChangedItAfterPosting(), first.toString());
    assertFalse(got.get(2).postedAgainChanged(), "never posted again: " + got.get(2));
    assertEquals("java.lang.String", got.get(3).type());

    // Shared memory: counted per thread and buffer, atomic apart from plain.
    WorkerEvidence.SharedAccesses onWorker =
        w.sharedAccesses().stream()
            .filter(s -> s.thread().equals("worker-1"))
            .findFirst()
            .orElseThrow();
    assertEquals("worker", onWorker.role());
    assertEquals(3, onWorker.atomic(), onWorker.toString());
    assertEquals(2, onWorker.plain(), onWorker.toString());
    WorkerEvidence.SharedAccesses onMain =
        w.sharedAccesses().stream()
            .filter(s -> s.thread().equals("main"))
            .findFirst()
            .orElseThrow();
    assertEquals(Map.of("LOAD", 1L), onMain.counts());
  }
}
