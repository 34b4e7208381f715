package dev.workshop.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.workshop.probe.ReportFormat;
import dev.workshop.verifier.Run;
import dev.workshop.verifier.launch.ProcessRun;
import dev.workshop.verifier.report.ProbeReport;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trace Perfetto opens: a process per run, and one more per JVM the program forked. */
class ChromeTraceTest {
  @Test
  void aForkedJvmIsAProcessOfItsOwnOnTheProgramsClock() throws IOException {
    ProbeReport program =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 1_000_000_000L, 2, true),
                ReportFormat.line("self", 100, 1, "main"),
                ReportFormat.line(
                    "cb", 1, "POST", "Main.main(Main.java:5)", 0, 10_000_000, 10_000_000, 0, 0, 1),
                ReportFormat.line(
                    "child",
                    5_000_000,
                    200,
                    100,
                    "fork",
                    "main",
                    "Main.main(Main.java:6)",
                    "Kid")));
    ProbeReport kid =
        ProbeReport.parse(
            List.of(
                ReportFormat.line("start", 1_100_000_000L, 2, true),
                ReportFormat.line("self", 200, 100, "fork"),
                ReportFormat.line(
                    "cb",
                    1,
                    "PROCESS",
                    "Kid.main(Kid.java:5)",
                    100_000_000,
                    250_000_000,
                    150_000_000,
                    0,
                    0,
                    1)));
    program.withForks(List.of(kid));
    Run run =
        Run.recorded(
            "Main",
            List.of(),
            0,
            new ProcessRun(1, 0, false, "", "", 0, 0, Duration.ofMillis(400)),
            program,
            Map.of());
    StringWriter json = new StringWriter();
    ChromeTrace.write(List.of(run), 100_000_000L, json);

    List<JsonObject> events = new ArrayList<>();
    JsonParser.parseString(json.toString())
        .getAsJsonObject()
        .getAsJsonArray("traceEvents")
        .forEach(e -> events.add(e.getAsJsonObject()));
    JsonObject name =
        events.stream()
            .filter(e -> e.get("name").getAsString().equals("process_name"))
            .filter(e -> e.get("pid").getAsInt() == 1001)
            .findFirst()
            .orElseThrow(() -> new AssertionError(json));
    assertTrue(
        name.getAsJsonObject("args").get("name").getAsString().contains("pid 200 (fork)"),
        name.toString());
    JsonObject slice =
        events.stream()
            .filter(e -> e.get("pid").getAsInt() == 1001 && e.get("ph").getAsString().equals("X"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(json));
    // 100 ms on the child's clock, which started 100 ms after the program's.
    assertEquals(200_000.0, slice.get("ts").getAsDouble(), 0.5, slice.toString());
    assertEquals(150_000.0, slice.get("dur").getAsDouble(), 0.5, slice.toString());
  }
}
