package dev.workshop.verifier.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeReportTest {
  @TempDir Path dir;

  private ProbeReport read(String... lines) throws IOException {
    Path file = dir.resolve("report.tsv");
    Files.write(file, List.of(lines));
    return ProbeReport.read(file);
  }

  @Test
  void aCallbackWrittenAtTheDeadlineAndAgainAtShutdownCountsOnce() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("cb", 7, "POST", "", 1_000_000, 5_000_000_000L, -1, -1, 0, 0),
            ReportFormat.line("cb", 7, "POST", "", 1_000_000, 5_400_000_000L, -1, -1, 0, 0));
    assertEquals(1, r.callbacks().size());
    assertEquals(5_400_000_000L, r.callbacks().get(0).end());
    assertEquals(1, r.blocks(10_000_000L).size());
  }

  @Test
  void chargedTimeLeavesOutCpuWaitPausesAndWarmUp() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line(
                "cb", 1, "TIMER", "", 0, 30_000_000, 5_000_000, 12_000_000, 3_000_000, 1),
            ReportFormat.line(
                "blk",
                1,
                20,
                4_000_000,
                "computing:11000000",
                "computing",
                "Main.spin(Main.java:3)",
                "",
                1));
    assertEquals(30_000_000 - 12_000_000 - 3_000_000 - 4_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(List.of(), r.blocks(12_000_000L));
    assertEquals("Main.spin(Main.java:3)", r.blocks(10_000_000L).get(0).frame());
  }

  @Test
  void anUncaughtExceptionCarriesTheCauseThrownInAPoolJob() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line(
                "uncaught",
                9,
                "main",
                "java.lang.IllegalStateException",
                "failed",
                "Routes.heavy(Routes.java:39)",
                "pool-2",
                "java.lang.IllegalArgumentException",
                "bad n",
                "Routes.heavy(Routes.java:35)"),
            // The probe of an earlier version wrote no cause fields; all "" means no cause.
            ReportFormat.line("uncaught", 10, "t", "E", "m", "F"),
            ReportFormat.line("uncaught", 11, "t", "E", "m", "F", "", "", "", ""));
    ProbeReport.Cause cause = r.uncaught().get(0).rootCause().orElseThrow();
    assertEquals("pool-2", cause.thread());
    assertEquals("java.lang.IllegalArgumentException", cause.exception());
    assertEquals("bad n", cause.message());
    assertEquals("Routes.heavy(Routes.java:35)", cause.frame());
    assertTrue(r.uncaught().get(1).rootCause().isEmpty());
    assertTrue(r.uncaught().get(2).rootCause().isEmpty());
  }

  @Test
  void aWaitForACpuLargerThanTheWallTimeNeverHidesTheLearnersCpuTime() throws IOException {
    // Seen at load 30: 82 ms of wall time, 11 ms on a CPU, and 109 ms of "waiting for a CPU"
    // (a wait that ended between a timestamp and the clock's read, outside the callback).
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("cb", 1, "TIMER", "", 0, 82_000_000, 11_000_000, 109_000_000, 0, 1));
    assertEquals(11_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(1, r.blocks(10_000_000L).size());
  }

  @Test
  void aLineCutShortByAKillIsSkipped() throws IOException {
    ProbeReport r = read(ReportFormat.line("start", 0, 2, true), "cb\t3\tPOST\t\t100");
    assertEquals(List.of(), r.callbacks());
    assertEquals(2, r.cores());
  }

  // cb <id> <kind> <site> <start> <end> <cpu> <cpuWait> <pause> <finished> <gc> <allocated> <eden>
  // <runtime>

  @Test
  void aCollectionOfTheLoopThreadsOwnGarbageIsChargedAndNamed() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("loop", "started", 0, "main"),
            ReportFormat.line(
                "cb",
                1,
                "POST",
                "",
                0,
                200_000_000,
                20_000_000,
                0,
                180_000_000,
                1,
                180_000_000,
                300L << 20,
                64L << 20,
                0));
    ProbeReport.Block b = r.blocks(10_000_000L).get(0);
    assertEquals(200_000_000, b.charged(), "its own collections stay in the charged time");
    assertEquals(dev.workshop.probe.BlockKind.GC, b.kind());
  }

  @Test
  void aCollectionForOtherThreadsGarbageIsAPauseNotCharged() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line(
                "cb",
                1,
                "POST",
                "",
                0,
                200_000_000,
                20_000_000,
                0,
                180_000_000,
                1,
                180_000_000,
                1L << 20,
                64L << 20,
                0));
    assertEquals(20_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(List.of(), r.blocks(100_000_000L));
  }

  @Test
  void theRuntimesOwnTimeAndStallsAreNotCharged() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("stall", 100_000_000, 600_000_000),
            ReportFormat.line("cont", 600_000_000),
            ReportFormat.line(
                "cb", 1, "POST", "", 0, 1_000_000_000, 5_000_000, 0, 0, 1, 0, -1, -1, 295_000_000));
    assertEquals(1_000_000_000 - 500_000_000 - 295_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(500_000_000, r.stalledWithin(0, 1_000_000_000));
  }

  @Test
  void aLateHeartbeatWithoutASigcontIsNoStall() throws IOException {
    // Beside 2 busy loops a safepoint held every thread of the JVM for long, the heartbeat woke
    // up late and the loop thread, asleep, made no progress: taken for a stop, the stall erased
    // a 200 ms sleep (a ✓ "never blocked"). Only a SIGCONT tells a stop; one long before the
    // late beat, or more than a second after it, is another stop's.
    String sleep =
        ReportFormat.line("cb", 1, "POST", "", 0, 210_000_000, 1_000_000, 0, 0, 1, 0, -1, -1, 0);
    String wait = ReportFormat.line("wait", 1, "sleeping", 200_000_000, "Main.main(Main.java:9)");
    String start = ReportFormat.line("start", 0, 2, true);
    String stall = ReportFormat.line("stall", 5_000_000, 205_000_000);
    for (List<String> conts :
        List.of(
            List.<String>of(),
            List.of(ReportFormat.line("cont", 1_000_000)),
            List.of(ReportFormat.line("cont", 1_300_000_000)))) {
      List<String> lines = new java.util.ArrayList<>(List.of(start, stall, sleep, wait));
      lines.addAll(conts);
      ProbeReport r = ReportParser.parse(lines);
      assertEquals(List.of(), r.stalls(), conts.toString());
      assertEquals(210_000_000, r.charged(r.callbacks().get(0)), conts.toString());
      assertEquals(BlockKind.SLEEPING, r.blocks(10_000_000L).get(0).kind());
    }
    ProbeReport stopped =
        ReportParser.parse(
            List.of(start, stall, sleep, wait, ReportFormat.line("cont", 205_100_000)));
    assertEquals(1, stopped.stalls().size(), "a stop that SIGCONT ended is a stall");
  }

  @Test
  void aStallNeverTakesTheCallbacksCpuTime() throws IOException {
    // 150 ms computing, held 100 ms at a safepoint the meter forgave as a pause, which the
    // heartbeat also took for a stall: the hold is not subtracted twice.
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("stall", 100_000_000, 200_000_000),
            ReportFormat.line("cont", 200_000_000),
            ReportFormat.line(
                "cb", 1, "POST", "", 0, 250_000_000, 150_000_000, 0, 100_000_000, 1, 0, -1, -1, 0));
    assertEquals(150_000_000, r.charged(r.callbacks().get(0)));
  }

  @Test
  void theMainScriptIsChargedOnlyWithTheLearnersSampledTimeAndOnlyWhenALoopRan()
      throws IOException {
    String main =
        ReportFormat.line("cb", 0, "MAIN", "", 0, 400_000_000, 400_000_000, 0, 0, 1, 0, -1, -1, 0);
    String sampled =
        ReportFormat.line(
            "blk",
            0,
            50,
            0,
            "computing:300000000",
            "computing",
            "Hasher.start(Hasher.java:9)",
            "",
            1,
            150_000_000);
    ProbeReport withLoop =
        read(
            ReportFormat.line("start", 0, 2, true),
            main,
            sampled,
            ReportFormat.line("loop", "started", 400_000_000, "main"));
    assertEquals(List.of(), withLoop.callbacks(), "the main script is not a loop callback");
    assertEquals(150_000_000, withLoop.blocks(10_000_000L).get(0).charged());
    assertEquals("Hasher.start(Hasher.java:9)", withLoop.blocks(10_000_000L).get(0).frame());

    ProbeReport noLoop = read(ReportFormat.line("start", 0, 2, true), main, sampled);
    assertEquals(List.of(), noLoop.blocks(10_000_000L), "without a loop, main blocks no loop");
  }

  @Test
  void aBusyWaitIsChargedByTheClockNotByItsShareOfACpu() throws IOException {
    // 150 ms of wall time polling System.nanoTime on a machine that gave it 30 ms of a CPU: on an
    // idle machine the same loop would have had 150 ms of CPU. Its stall of 10 ms stays out.
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("stall", 50_000_000, 60_000_000),
            ReportFormat.line("cont", 60_000_000),
            ReportFormat.line(
                "cb",
                1,
                "TIMER",
                "Main.main(Main.java:5)",
                0,
                151_000_000,
                30_000_000,
                110_000_000,
                0,
                1),
            ReportFormat.line(
                "spin",
                1,
                2_000_000,
                1_000_000,
                151_000_000,
                29_000_000,
                "Delay.delay(Delay.java:8)"));
    ProbeReport.Callback c = r.callbacks().get(0);
    assertEquals(140_000_000, r.charged(c));
    ProbeReport.Block b = r.blocks(100_000_000L).get(0);
    assertEquals(dev.workshop.probe.BlockKind.COMPUTING, b.kind());
    assertEquals("Delay.delay(Delay.java:8)", b.frame());
    assertEquals(
        "a busy wait: 2000000 calls that poll (the clock, a future's isDone, a spin or park) in 150 ms",
        b.detail());
  }

  @Test
  void workBeforeABusyWaitDoesNotDiluteIt() throws IOException {
    // Recorded by FairChargeTest on a saturated machine: the callback spent 10 ms of CPU starting
    // 16 threads, then polled the clock 5100 times in the 0.3 ms of CPU it got over 163 ms. Per ms
    // of the whole callback's CPU that is 490 polls, too few for a busy wait; per ms of the CPU it
    // had while polling, 17 thousand.
    String cb =
        ReportFormat.line(
            "cb",
            1,
            "POST",
            "Main.main(Main.java:7)",
            439_000_000,
            775_000_000,
            10_350_000,
            230_000_000,
            0,
            1);
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            cb,
            ReportFormat.line(
                "spin", 1, 5_100, 612_000_000, 775_000_000, 300_000, "Main.main(Main.java:13)"));
    assertTrue(r.busyWait(r.callbacks().get(0)).isPresent());
    assertEquals(163_000_000, r.charged(r.callbacks().get(0)));
    ProbeReport unknown =
        read(
            ReportFormat.line("start", 0, 2, true),
            cb,
            ReportFormat.line(
                "spin", 1, 5_100, 612_000_000, 775_000_000, -1, "Main.main(Main.java:13)"));
    assertEquals(
        java.util.Optional.empty(),
        unknown.busyWait(unknown.callbacks().get(0)),
        "without the CPU while polling, the callback's CPU decides");
  }

  @Test
  void aBusyWaitInTheMainScriptIsChargedByTheClock() throws IOException {
    // Recorded from A THREAD OF ITS OWN's spins-until-the-worker-is-done beside a busy machine:
    // main spun on Thread.onSpinWait in the main script until a worker was done, 1.65 s of wall
    // time, 277 ms on a CPU and 892 ms waiting for one. Charged by its CPU alone, a spin like it
    // passed a 100 ms budget when the worker took most of the CPU.
    String main =
        ReportFormat.line(
            "cb", 0, "MAIN", "", 856_390_663, 2_507_586_644L, 20_000_000, 1_600_000_000, 0, 1);
    String spin =
        ReportFormat.line(
            "spin",
            0,
            4_574_617,
            923_674_572,
            2_507_459_064L,
            15_000_000,
            "PrimeWorker.countPrimes(PrimeWorker.java:20)");
    String sampled =
        ReportFormat.line(
            "blk",
            0,
            40,
            0,
            "computing:1529956022",
            "computing",
            "PrimeWorker.countPrimes(PrimeWorker.java:20)",
            "",
            1,
            1_527_967_782);
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("loop", "started", 2_507_600_000L, "main"),
            main,
            spin,
            sampled);
    ProbeReport.Callback script = r.mainScript().orElseThrow();
    assertTrue(r.busyWait(script).isPresent());
    assertTrue(r.charged(script) >= 1_500_000_000L, "charged " + r.charged(script));
    assertEquals(1, r.blocks(100_000_000L).size());
    ProbeReport unseen = read(ReportFormat.line("start", 0, 2, true), main, spin);
    assertTrue(
        unseen.charged(unseen.mainScript().orElseThrow()) < 100_000_000L,
        "a spin the watchdog never saw in the learner's code is not charged to the learner");
  }

  @Test
  void aLoopThatTimesEachItemOfRealWorkIsNotABusyWait() throws IOException {
    // 6000 clock reads around 3000 items of work: 21 ms of CPU, 96 ms of waiting for one. The
    // clock is read a few hundred times per ms of CPU, not the thousands a busy wait makes.
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line(
                "cb", 1, "AFTER_WORK", "", 0, 117_000_000, 21_000_000, 96_000_000, 0, 1),
            ReportFormat.line(
                "spin", 1, 6_000, 100_000, 116_900_000, 20_900_000, "Delay.lambda(Delay.java:12)"));
    assertEquals(21_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(java.util.Optional.empty(), r.busyWait(r.callbacks().get(0)));
  }

  @Test
  void aComputationThatReadsTheClockAFewTimesIsChargedItsCpuTime() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("cb", 1, "TIMER", "", 0, 150_000_000, 30_000_000, 120_000_000, 0, 1));
    assertEquals(
        30_000_000,
        r.charged(r.callbacks().get(0)),
        "no spin record: fewer polls than a busy wait makes");
    assertEquals(List.of(), r.blocks(100_000_000L));
  }

  @Test
  void aJobOnAThreadNamedLikeThePoolIsNotOnThePool() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("job", 1, "", "pool-1", 0, 10, "", false));
    assertEquals(false, r.jobs().get(0).onPool());
  }

  @Test
  void aJobSaysItsKindAndHowLongItWaitedInTheQueue() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("job", 1, "", "pool-1", 0, 10, "", true, 5, 7_000_000, "FS_READ"),
            ReportFormat.line("job", 2, "", "pool-2", 0, 10, "", true, 5));
    assertEquals("FS_READ", r.jobs().get(0).kind());
    assertEquals(7_000_000, r.jobs().get(0).waited());
    assertEquals("WORK", r.jobs().get(1).kind(), "an older probe's record");
    assertEquals(-1, r.jobs().get(1).waited());
  }

  @Test
  void anExactlyTimedSleepNamesItsKindAndLineWithoutASample() throws IOException {
    // On a busy machine the watchdog may never sample a 12 ms sleep: the woven code timed it.
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("cb", 4, "TIMER", "", 0, 12_500_000, 300_000, 0, 0, 1, 0, -1, -1, 0),
            ReportFormat.line("wait", 4, "sleeping", 12_100_000, "Main.nap(Main.java:21)"));
    ProbeReport.Block b = r.blocks(10_000_000L).get(0);
    assertEquals(dev.workshop.probe.BlockKind.SLEEPING, b.kind());
    assertEquals("Main.nap(Main.java:21)", b.frame());
  }

  @Test
  void computingOutweighsAShortExactWait() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line(
                "cb", 4, "TIMER", "", 0, 50_000_000, 45_000_000, 0, 0, 1, 0, -1, -1, 0),
            ReportFormat.line("wait", 4, "sleeping", 2_000_000, "Main.nap(Main.java:21)"),
            ReportFormat.line(
                "blk",
                4,
                40,
                0,
                "computing:45000000",
                "computing",
                "Main.spin(Main.java:30)",
                "",
                1,
                45_000_000));
    ProbeReport.Block b = r.blocks(10_000_000L).get(0);
    assertEquals(dev.workshop.probe.BlockKind.COMPUTING, b.kind());
    assertEquals("Main.spin(Main.java:30)", b.frame());
  }

  @Test
  void threadsOfTheSolutionsOwnAreKnownExactlyWithTheLineThatMadeThem() throws IOException {
    ProbeReport r =
        read(
            ReportFormat.line("start", 0, 2, true),
            ReportFormat.line("tstart", 5, "adder", false, "main", "Facts.count(Facts.java:12)"),
            ReportFormat.line("ran", 6, "adder", "own", "learner", "Facts.add(Facts.java:20)"),
            ReportFormat.line("ran", 6, "pool-1", "pool", "learner", "Delay.work(Delay.java:9)"),
            ReportFormat.line("ran", 7, "main", "main", "learner", "Facts.count(Facts.java:11)"),
            ReportFormat.line("facility", 8, "new Timer", "main", "Sched.start(Sched.java:4)"),
            ReportFormat.line("ran", 9, "Timer-0", "own", "learner", "Sched.tick(Sched.java:8)"),
            ReportFormat.line("ran", 9, "Host-helper", "own", "host", "Host.help(Host.java:8)"));
    assertEquals(
        List.of(
            new ProbeReport.RawThread(
                "adder", 6, false, "Facts.add(Facts.java:20)", "Facts.count(Facts.java:12)"),
            new ProbeReport.RawThread(
                "Timer-0", 9, false, "Sched.tick(Sched.java:8)", "Sched.start(Sched.java:4)")),
        r.rawThreads());
    assertEquals(List.of("adder"), r.threadsThatRan("Facts.add"));
  }
}
