package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.report.ProbeReport;
import dev.workshop.verifier.report.SharedSites;
import dev.workshop.verifier.report.WorkerEvidence;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The solution's plain {@code SharedBuffer.get} and {@code set} calls, woven and counted per call
 * site and thread by the probe ({@code shmsite} records), read back; and the race the verdict
 * names: a plain write two threads made to one element, not one each to its own.
 */
class SharedSitesTest {
  @TempDir Path root;

  @Test
  void plainCallsAndWaitsAreCountedPerSiteAndThreadAndTheSharedElementIsARace() throws IOException {
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.EventLoop;
        import dev.workshop.runtime.SharedBuffer;
        import dev.workshop.runtime.Worker;
        import dev.workshop.runtime.WorkerContext;
        import dev.workshop.runtime.WorkerMain;
        public class Main {
          public static class Adder implements WorkerMain {
            @Override
            public void main(WorkerContext ctx) {
              SharedBuffer b = (SharedBuffer) ctx.workerData();
              int mine = ctx.threadId() + 1;
              for (int i = 0; i < 1000; i++) {
                b.set(0, b.get(0) + 1);
                b.set(mine, b.get(mine) + 1);
              }
            }
          }

          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            SharedBuffer b = SharedBuffer.ofInts(4);
            new Worker(loop, Adder.class, b);
            new Worker(loop, Adder.class, b).onExit(c -> System.out.println("read " + b.get(1)));
            try { dev.workshop.runtime.Atomics.wait(b, 3, 0, 1); } catch (IllegalStateException e) {} dev.workshop.runtime.Atomics.notify(b, 2);
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(new TestExercise(Duration.ofSeconds(20), Map.of()), dir, s -> {});
    assertFalse(v.runs().isEmpty(), v.toString());
    ProbeReport r = v.runs().get(0).report();
    SharedSites sites = r.workers().sharedSites();
    List<SharedSites.Access> shared =
        sites.accesses().stream()
            .filter(a -> a.site().contains("Main.java:13") && a.write())
            .toList();
    assertEquals(2, shared.size(), String.join("\n", r.lines()));
    for (SharedSites.Access a : shared) {
      assertEquals("worker", a.role(), a.toString());
      assertEquals(1000, a.count(), a.toString());
      assertEquals(0, a.minIndex(), a.toString());
      assertEquals(0, a.maxIndex(), a.toString());
      assertTrue(a.site().startsWith("Main.Adder.main(Main.java:13)"), a.site());
    }
    SharedSites.Access own =
        sites.accesses().stream()
            .filter(a -> a.site().contains("Main.java:14") && a.write())
            .findFirst()
            .orElseThrow();
    assertEquals(own.minIndex(), own.maxIndex(), "each worker its own element: " + own);
    SharedSites.Access mainRead =
        sites.accesses().stream()
            .filter(a -> a.thread().equals("main") && a.operation().equals("GET"))
            .findFirst()
            .orElseThrow();
    assertFalse(mainRead.write());
    assertEquals(1, mainRead.count());

    // The wait main made is counted before the runtime refused it, with its line.
    List<SharedSites.Access> waits = sites.waitsOn("main", "loop");
    assertEquals(1, waits.size(), sites.accesses().toString());
    assertTrue(waits.get(0).site().startsWith("Main.main(Main.java:24)"), waits.toString());
    assertEquals("WAIT", waits.get(0).operation());

    // A notify by a thread that changed nothing before it is counted as bare.
    WorkerEvidence.SharedAccesses onMain =
        r.workers().sharedAccesses().stream()
            .filter(x -> x.thread().equals("main"))
            .findFirst()
            .orElseThrow();
    assertEquals(1L, onMain.counts().get("BARE_NOTIFY"), onMain.toString());
    assertEquals(1, onMain.atomic(), "the notify; a bare one is no operation of its own");
    assertTrue(
        r.workers().sharedAccesses().stream()
            .filter(x -> x.role().equals("worker"))
            .noneMatch(x -> x.counts().containsKey("BARE_NOTIFY")),
        "the workers notified nobody");

    SharedSites.Race race = sites.race().orElseThrow();
    assertTrue(race.write().site().contains("Main.java:13"), race.toString());
    assertTrue(race.read().isPresent(), "a read-modify-write: " + race);
    assertFalse(race.write().thread().equals(race.other().thread()), race.toString());
  }

  @Test
  void eachThreadWithItsOwnElementIsNoRaceAndTheLastRecordCounts() {
    String site = "Main.main(Main.java:14)";
    List<String> lines =
        List.of(
            ReportFormat.line(
                ReportFormat.SHARED_SITE, site, "worker-1", "worker", "SET", 1, 5, 2, 2),
            ReportFormat.line(
                ReportFormat.SHARED_SITE, site, "worker-2", "worker", "SET", 1, 5, 3, 3),
            ReportFormat.line(
                ReportFormat.SHARED_SITE, site, "worker-1", "worker", "GET", 1, 5, 2, 2),
            // Another buffer's element 3 is another element.
            ReportFormat.line(
                ReportFormat.SHARED_SITE, site, "worker-3", "worker", "SET", 2, 9, 3, 3),
            // Written again at shutdown: the last word counts.
            ReportFormat.line(
                ReportFormat.SHARED_SITE, site, "worker-1", "worker", "SET", 1, 7, 2, 2));
    SharedSites sites = ProbeReport.parse(lines).workers().sharedSites();
    assertTrue(sites.race().isEmpty(), sites.accesses().toString());
    assertEquals(4, sites.accesses().size());
    assertEquals(
        7,
        sites.accesses().stream()
            .filter(a -> a.thread().equals("worker-1") && a.write())
            .findFirst()
            .orElseThrow()
            .count());
  }

  @Test
  void aWriteOverAnotherThreadsRangeIsARaceEvenWithoutARead() {
    List<String> lines =
        List.of(
            ReportFormat.line(
                ReportFormat.SHARED_SITE,
                "Main.a(Main.java:5)",
                "worker-1",
                "worker",
                "SET",
                1,
                1,
                0,
                3),
            ReportFormat.line(
                ReportFormat.SHARED_SITE,
                "Main.b(Main.java:9)",
                "main",
                "main",
                "SET",
                1,
                1,
                2,
                2));
    SharedSites.Race race = ProbeReport.parse(lines).workers().sharedSites().race().orElseThrow();
    assertEquals("Main.a(Main.java:5)", race.write().site());
    assertEquals("main", race.other().thread());
    assertTrue(race.read().isEmpty());
  }
}
