package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner is charged only for the learner's time: not for the pool starting, not for a JVM
 * stopped as a whole; but a collection of the loop thread's own garbage is theirs, and named.
 */
class FairChargeTest {
  @TempDir Path root;

  private Verdict verify(String source, long budgetMs) throws IOException {
    Path dir = TestExercise.solution(root, source);
    return new Verifier(TestExercise.sharedCache(), Map.of())
        .verify(
            new TestExercise(
                Duration.ofSeconds(20), Map.of("block.budget.ms", String.valueOf(budgetMs))),
            dir,
            s -> {});
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aJvmStoppedAsAWholeIsNotTheCallbacksFault() throws IOException {
    // The callback has a helper stop this very JVM (SIGSTOP) for a second, and spins until it
    // notices that it was stopped: a debugger, or a laptop going to sleep, does the same. The
    // spin's clock starts once the helper is told to go, so a slow process start on a busy
    // machine neither ends the spin early nor puts the stop inside start().
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          static volatile long sink;
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            loop.post(() -> {
              long pid = ProcessHandle.current().pid();
              long last;
              try {
                // The helper stops this JVM only once told to go, after start() has returned (a
                // stop inside start() is the runtime's time, not a stall of the callback). The
                // spin's clock starts before the go, so a stop that lands before the write
                // returns still makes the gap the spin waits for.
                Process helper =
                    new ProcessBuilder(
                            "sh", "-c", "read go; kill -STOP " + pid + "; sleep 1; kill -CONT " + pid)
                        .start();
                last = System.nanoTime();
                helper.getOutputStream().write(10); // a line: go
                helper.getOutputStream().flush();
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              long until = last + 10_000_000_000L;
              for (;;) {
                long now = System.nanoTime();
                if (now - last > 600_000_000L || now > until) break;
                last = now;
                sink++;
              }
            });
            loop.run();
          }
        }
        """,
            100);
    ProbeReport r = v.runs().get(0).report();
    ProbeReport.Callback c = r.callbacks().get(0);
    assertTrue(c.wall() >= 450_000_000L, "the stop overlapped the callback: " + c);
    assertFalse(
        r.stalls().isEmpty(),
        () ->
            "the stall was seen: "
                + c
                + " "
                + r.sampled(c.id())
                + " "
                + r.lines().stream()
                    .filter(l -> l.startsWith("stall") || l.startsWith("cont"))
                    .toList());
    assertTrue(r.stalledWithin(c.start(), c.end()) >= 400_000_000L, "stalled " + r.stalls());
    assertEquals(List.of(), r.blocks(100_000_000L), "the stop is not charged");
    assertTrue(v.passed(), () -> String.valueOf(v.checks()));
  }

  @Test
  void garbageTheLoopThreadMadeIsChargedAsGc() throws IOException {
    // Millions of small objects kept alive while more are made: every young collection copies
    // them, and the loop thread made them all.
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        import java.util.ArrayList;
        import java.util.List;
        public class Main {
          static volatile int sink;
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            loop.post(() -> {
              List<Object> keep = new ArrayList<>();
              for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 1_000_000; i++) keep.add(new int[] {i});
                sink += keep.size();
                keep = new ArrayList<>();
              }
            });
            loop.run();
          }
        }
        """,
            10);
    ProbeReport r = v.runs().get(0).report();
    ProbeReport.Callback c = r.callbacks().get(0);
    assertTrue(c.gc() > 0 && c.ownGc() > 0, "a collection of its own garbage: " + c);
    // (ProbeReportTest checks the arithmetic; here: the collections were the loop thread's own, and
    // the callback is a block.)
    List<ProbeReport.Block> blocks = r.blocks(10_000_000L);
    assertFalse(blocks.isEmpty(), () -> "a block: " + c + " charged " + r.charged(c));
    ProbeReport.Block b = blocks.get(0);
    assertFalse(v.passed());
    if (b.kind() == BlockKind.GC) {
      assertEquals(Diagnosis.GC, v.diagnosis());
      assertTrue(
          v.checks().stream()
              .anyMatch(k -> k.evidence().stream().anyMatch(e -> e.contains("allocated"))),
          () -> String.valueOf(v.checks()));
    }
  }

  @Test
  void aBusyWaitOnMainIsChargedItsWallTimeHoweverBusyTheMachine() throws IOException {
    // The callback itself makes the machine busy (4 spinning threads of its own), then waits
    // 150 ms for the clock on main. Charged by its share of a CPU (2 of 5 threads on 2 cores), it
    // would pass a 100 ms budget on a small machine; a busy wait lasts as long as the clock says,
    // on any machine. With 16 spinners, beside 2 busy loops and 3 other test classes, the loop
    // thread once got 5.8 ms of CPU in 726 ms, too little to poll the clock 1000 times at all.
    // (On a machine of 5 cores or more nothing competes with it, and the test asks less.)
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          static volatile boolean done;
          static volatile long sink;
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            loop.post(() -> {
              for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> { long x = 0; while (!done) x++; sink = x; });
                t.setDaemon(true);
                t.start();
              }
              long end = System.nanoTime() + 150_000_000L;
              while (System.nanoTime() < end) { sink++; }
              done = true;
            });
            loop.run();
          }
        }
        """,
            100);
    ProbeReport r = v.runs().get(0).report();
    ProbeReport.Callback c = r.callbacks().get(0);
    assertTrue(
        r.busyWait(c).isPresent(), () -> "the busy wait was seen: " + c + ", polls " + r.polls(c));
    List<ProbeReport.Block> blocks = r.blocks(100_000_000L);
    assertFalse(
        blocks.isEmpty(),
        () ->
            "charged "
                + r.charged(c)
                + " of "
                + c
                + " spin "
                + r.busyWait(c)
                + " stalls "
                + r.stalls());
    assertEquals(BlockKind.COMPUTING, blocks.get(0).kind());
    assertTrue(blocks.get(0).detail().startsWith("a busy wait"), blocks.get(0).detail());
    assertEquals(Diagnosis.COMPUTING, v.diagnosis(), () -> String.valueOf(v.checks()));
  }

  @Test
  void aProgramThatEndedInTimeIsNotLateBecauseTheInteractionOutlastedIt() throws IOException {
    // The exercise's interaction goes on for 3 s after the program ended, past its 2 s timeout
    // (HANDS OFF computes its expected digest meanwhile): the program was not late.
    Path dir =
        TestExercise.solution(
            root,
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) {
            EventLoop loop = EventLoop.create();
            loop.post(() -> System.out.println("done"));
            loop.run();
          }
        }
        """);
    Verdict v =
        new Verifier(TestExercise.sharedCache(), Map.of())
            .verify(
                new TestExercise(
                    Duration.ofSeconds(2),
                    Map.of("verification", TestExercise.SlowInteraction.class.getName())),
                dir,
                s -> {});
    assertFalse(v.runs().get(0).timedOut(), () -> String.valueOf(v.checks()));
    assertTrue(v.passed(), () -> String.valueOf(v.checks()));
  }

  @Test
  void startingThePoolIsTheRuntimesTimeNotTheCallers() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) throws Exception {
            EventLoop loop = EventLoop.create();
            loop.post(() -> loop.queueWork(() -> 42, (error, result) -> { }));
            loop.run();
          }
        }
        """,
            10);
    ProbeReport r = v.runs().get(0).report();
    ProbeReport.Callback first = r.callbacks().get(0);
    assertTrue(first.runtime() > 0, "the pool's start was measured: " + first);
    assertTrue(r.charged(first) <= first.wall() - first.runtime(), "and not charged");
  }

  @Test
  void forkingAJvmIsTheRuntimesTimeNotTheCallers() throws IOException {
    Verdict v =
        verify(
            """
        import dev.workshop.runtime.EventLoop;
        public class Main {
          public static void main(String[] args) throws Exception {
            if (args.length > 0) return; // the fork: ends at once
            EventLoop loop = EventLoop.create();
            loop.post(() -> loop.fork("Main", "child").onExit(code -> { }));
            loop.run();
          }
        }
        """,
            10);
    ProbeReport r = v.runs().get(0).report();
    ProbeReport.Callback first = r.callbacks().get(0);
    assertTrue(first.runtime() > 0, "the JVM's start was measured: " + first);
    assertTrue(r.charged(first) <= first.wall() - first.runtime(), "and not charged");
  }
}
