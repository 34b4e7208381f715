package dev.workshop.verifier.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.BlockKind;
import dev.workshop.probe.ReportFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A callback that slept 10 ms, recorded beside 2 busy loops (SensitivityTest): 15.1 ms of wall
 * time, 1.5 ms on a CPU, 3.4 ms waiting for one, and 4.6 ms of sampled JDK warm-up before the
 * sleep, which held most of that wait. The warm-up's wait is subtracted once, not twice.
 */
class WarmUpChargeTest {
  private static final String START = ReportFormat.line("start", 0, 2, true);
  private static final String CALLBACK =
      ReportFormat.line(
          "cb",
          21,
          "TIMER",
          "Main.main(Main.java:10)",
          136_426_116,
          151_571_999,
          1_534_392,
          3_427_246,
          92_804,
          1,
          0,
          53_608,
          -1,
          0);
  private static final String WAIT =
      ReportFormat.line("wait", 21, "sleeping", 10_091_441, "Main.nap(Main.java:22)");

  private static String sampled(Object... warmUpWait) {
    List<Object> fields =
        new java.util.ArrayList<>(
            List.of(
                "blk",
                21,
                6,
                4_645_373,
                "sleeping:9934530",
                "sleeping",
                "Main.nap(Main.java:22)",
                "Thread.sleep",
                1,
                9_934_530));
    fields.addAll(List.of(warmUpWait));
    return ReportFormat.line(fields.toArray());
  }

  @Test
  void theWarmUpsOwnWaitForACpuIsNotSubtractedTwice() {
    ProbeReport r = ReportParser.parse(List.of(START, CALLBACK, sampled(3_300_000L), WAIT));
    List<ProbeReport.Block> blocks = r.blocks(10_000_000L);
    assertEquals(1, blocks.size(), "charged " + r.charged(r.callbacks().get(0)));
    assertEquals(BlockKind.SLEEPING, blocks.get(0).kind());
    // wall 15.1 - CPU wait 3.4 - pause 0.1 - the warm-up's own (4.6 - 3.3) = 10.3 ms
    long charged = blocks.get(0).charged();
    assertTrue(charged > 10_000_000L && charged < 10_600_000L, "charged " + charged);
  }

  @Test
  void aWarmUpWithoutItsWaitIsSubtractedWhole() {
    // The portable clock cannot tell the warm-up's wait (-1), nor could an older probe: as before.
    for (String blk : List.of(sampled(-1), sampled())) {
      ProbeReport r = ReportParser.parse(List.of(START, CALLBACK, blk, WAIT));
      long charged = r.charged(r.callbacks().get(0));
      assertTrue(charged > 6_500_000L && charged < 7_500_000L, "charged " + charged);
    }
  }

  @Test
  void theWarmUpNeverGivesBackMoreWaitThanWasSubtracted() {
    // A told wait larger than the callback's own (a clock read between two samples) is capped.
    ProbeReport r = ReportParser.parse(List.of(START, CALLBACK, sampled(9_000_000L), WAIT));
    long charged = r.charged(r.callbacks().get(0));
    // wall 15.1 - CPU wait 3.4 - pause 0.1 - (4.6 - 3.4) = 10.4 ms
    assertTrue(charged > 10_200_000L && charged < 10_600_000L, "charged " + charged);
  }
}
