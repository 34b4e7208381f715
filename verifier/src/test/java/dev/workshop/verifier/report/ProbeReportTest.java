package dev.workshop.verifier.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    ProbeReport r = read(
        ReportFormat.line("start", 0, 2, true),
        ReportFormat.line("cb", 7, "POST", "", 1_000_000, 5_000_000_000L, -1, -1, 0, 0),
        ReportFormat.line("cb", 7, "POST", "", 1_000_000, 5_400_000_000L, -1, -1, 0, 0));
    assertEquals(1, r.callbacks().size());
    assertEquals(5_400_000_000L, r.callbacks().get(0).end());
    assertEquals(1, r.blocks(10_000_000L).size());
  }

  @Test
  void chargedTimeLeavesOutCpuWaitPausesAndWarmUp() throws IOException {
    ProbeReport r = read(
        ReportFormat.line("start", 0, 2, true),
        ReportFormat.line("cb", 1, "TIMER", "", 0, 30_000_000, 5_000_000, 12_000_000, 3_000_000, 1),
        ReportFormat.line("blk", 1, 20, 4_000_000, "computing:11000000", "computing", "Main.spin(Main.java:3)", "", 1));
    assertEquals(30_000_000 - 12_000_000 - 3_000_000 - 4_000_000, r.charged(r.callbacks().get(0)));
    assertEquals(List.of(), r.blocks(12_000_000L));
    assertEquals("Main.spin(Main.java:3)", r.blocks(10_000_000L).get(0).frame());
  }

  @Test
  void aLineCutShortByAKillIsSkipped() throws IOException {
    ProbeReport r = read(ReportFormat.line("start", 0, 2, true), "cb\t3\tPOST\t\t100");
    assertEquals(List.of(), r.callbacks());
    assertEquals(2, r.cores());
  }
}
