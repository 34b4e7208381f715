package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.WorkerEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's {@code wback} record round trip: for a worker started in the main script, when
 * main's loop started and how much CPU main used from the worker's start until then (at least what
 * the program itself measured on its own thread); none for a worker started in a callback.
 */
class BackToTheLoopTest {
  @TempDir Path root;

  @Test
  void mainsCpuFromTheWorkersStartToItsLoopIsRecorded() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.Worker;
        import dev.workshop.runtime.WorkerContext;
        import dev.workshop.runtime.WorkerMain;
        import java.lang.management.ManagementFactory;
        public class Main {
          public static class Quiet implements WorkerMain {
            @Override
            public void main(WorkerContext ctx) {}
          }

          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            new Worker(loop, Quiet.class, null);
            var bean = ManagementFactory.getThreadMXBean();
            long before = bean.getCurrentThreadCpuTime();
            long x = 0;
            for (int i = 0; i < 50_000_000; i++) x += i % 7;
            long after = bean.getCurrentThreadCpuTime();
            System.out.println("sum " + x + " cpu " + (after - before));
            loop.setTimeout(1, () -> new Worker(loop, Quiet.class, null));
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    assertFalse(v.runs().isEmpty(), v.toString());
    ProbeReport r = v.runs().get(0).report();
    Matcher m = Pattern.compile("cpu (\\d+)").matcher(v.runs().get(0).stdout());
    assertTrue(m.find(), v.runs().get(0).stdout());
    long measured = Long.parseLong(m.group(1));

    WorkerEvidence w = r.workers();
    assertEquals(2, w.workers().size(), String.join("\n", r.lines()));
    WorkerEvidence.BackToTheLoop back = w.backToTheLoop("worker-1").orElseThrow();
    assertEquals("worker-1", back.worker());
    assertTrue(back.startedAt() >= w.workers().get(0).startedAt(), back.toString());
    assertTrue(back.loopAt() > back.startedAt(), back.toString());
    assertTrue(back.loopAt() >= r.mainScript().orElseThrow().end(), back.toString());
    assertTrue(back.cpu() >= measured, back + " against " + measured);
    assertTrue(
        w.backToTheLoop("worker-2").isEmpty(),
        "started in a callback: " + String.join("\n", r.lines()));
  }
}
