package dev.workshop.verifier.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.ReportFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool-wait and starvation records, as the probe writes them, read back. */
class PoolWaitEvidenceTest {
  @Test
  void rowsAndTheStarvationRoundTrip() {
    String site = "Orders.total(Orders.java:29) (a lambda)";
    List<String> lines =
        List.of(
            ReportFormat.line(
                ReportFormat.POOL_WAIT, "pool-1", "waiting-future", site, 0, 0, 0, 5, 5),
            ReportFormat.line(
                ReportFormat.STARVATION,
                300,
                100,
                2,
                3,
                "pool-1\twaiting-future\t" + site + "\t5\npool-2\tbusy-wait\t" + site + "\t7",
                "2\tOrders.total(Orders.java:24) (a lambda)\t50\n1\tHost.main(Host.java:9)\t20"),
            // Written again at shutdown: the last row counts.
            ReportFormat.line(
                ReportFormat.POOL_WAIT, "pool-1", "waiting-future", site, 2, 9, 6, 5, -1),
            ReportFormat.line(ReportFormat.END, 400, "starved"));
    PoolWaitEvidence e = ProbeReport.parse(lines).poolWaits();
    assertEquals(1, e.waits().size());
    PoolWaitEvidence.PoolWait w = e.waits().get(0);
    assertEquals(2, w.count());
    assertEquals(6, w.longestNs());
    assertFalse(w.open());
    PoolWaitEvidence.Starvation s = e.starvation().orElseThrow();
    assertTrue(s.stopped());
    assertEquals(2, s.poolSize());
    assertEquals(3, s.queueLength());
    assertEquals(
        List.of(
            new PoolWaitEvidence.Waiter("pool-1", "waiting-future", site, 5),
            new PoolWaitEvidence.Waiter("pool-2", "busy-wait", site, 7)),
        s.waiting());
    assertEquals(
        new PoolWaitEvidence.QueuedJobs(2, "Orders.total(Orders.java:24) (a lambda)", 50),
        s.queued().get(0));
  }

  @Test
  void aReportWithoutThemHasNoWaitsAndNoStarvation() {
    PoolWaitEvidence e = ProbeReport.parse(List.of("start\t0\t4\ttrue")).poolWaits();
    assertTrue(e.waits().isEmpty());
    assertTrue(e.starvation().isEmpty());
  }
}
