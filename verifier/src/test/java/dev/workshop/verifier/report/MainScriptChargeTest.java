package dev.workshop.verifier.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ReportFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The main script of a program that created a loop and ended before {@code loop.run()}, recorded
 * from A PROCESS OF ITS OWN's starter at load 15: main counted primes (212 ms of CPU) and the
 * crash job called System.exit. Its 507 ms of wall time held 287 ms of waiting for a CPU and 156 ms
 * of sampled JDK warm-up (a first string concatenation, a first println), which overlap.
 */
class MainScriptChargeTest {
  private static final String START = ReportFormat.line("start", 0, 2, true);
  private static final String SCRIPT =
      ReportFormat.line(
          "cb",
          0,
          "MAIN",
          "",
          342_567_366,
          849_744_214,
          212_765_338,
          287_397_859,
          0,
          1,
          0,
          819_976,
          -1,
          0);
  private static final String SAMPLED =
      ReportFormat.line(
          "blk",
          0,
          23,
          155_968_688,
          "computing:343156606",
          "computing",
          "Cruncher.crunch(Cruncher.java:15)",
          "",
          1,
          343_156_606);
  private static final String EXIT =
      ReportFormat.line("exitcall", 849_900_000, 3, "main", "Host.countPrimes(Host.java:49)");

  @Test
  void aScriptThatEndedTheProgramIsJudgedWhenItCreatedALoop() {
    ProbeReport r =
        ReportParser.parse(
            List.of(
                START,
                ReportFormat.line("loopnew", 100_000_000, "main", 1),
                SCRIPT,
                SAMPLED,
                EXIT));
    assertTrue(r.loopCreated());
    assertEquals(1, r.blocks(100_000_000L).size(), "charged " + r.charged(r.mainScript().get()));
  }

  @Test
  void theWarmUpsShareOfTheCpuWaitIsNotSubtractedTwice() {
    ProbeReport r =
        ReportParser.parse(
            List.of(
                START,
                ReportFormat.line("loopnew", 100_000_000, "main", 1),
                SCRIPT,
                SAMPLED,
                EXIT));
    long charged = r.charged(r.mainScript().orElseThrow());
    // wall 507 - CPU wait 287 = 220 ms, less the warm-up's on-CPU share (156 x 220/507 = 68 ms)
    assertTrue(charged >= 140_000_000L && charged <= 160_000_000L, "charged " + charged);
  }

  @Test
  void aScriptWithoutALoopIsNotJudged() {
    ProbeReport r = ReportParser.parse(List.of(START, SCRIPT, SAMPLED, EXIT));
    assertTrue(r.blocks(100_000_000L).isEmpty());
    ProbeReport worker =
        ReportParser.parse(
            List.of(
                START,
                ReportFormat.line("loopnew", 100_000_000, "worker-1", 0),
                SCRIPT,
                SAMPLED,
                EXIT));
    assertTrue(worker.blocks(100_000_000L).isEmpty(), "a Worker's own loop is not the program's");
  }
}
