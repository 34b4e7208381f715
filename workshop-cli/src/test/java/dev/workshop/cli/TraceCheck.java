package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@code --trace} file against the Chrome Trace Event Format as Perfetto and
 * chrome://tracing read it: a {@code traceEvents} array whose events have a name, a phase
 * ({@code M} metadata, {@code X} complete, {@code C} counter, {@code i} instant, thread-scoped),
 * integer {@code pid} and {@code tid},
 * and, but for metadata, a {@code ts} in microseconds, with a {@code dur} for complete events.
 */
public final class TraceCheck {
  private TraceCheck() {}

  /** The trace's events, after checking every one of them; fails the test on the first fault. */
  public static List<JsonObject> events(Path file) throws IOException {
    JsonObject root =
        JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    JsonArray array = root.getAsJsonArray("traceEvents");
    assertTrue(array != null && !array.isEmpty(), "a traceEvents array with events: " + root);
    List<JsonObject> events = new java.util.ArrayList<>();
    for (JsonElement e : array) {
      JsonObject event = e.getAsJsonObject();
      String ph = event.get("ph").getAsString();
      assertTrue(Set.of("M", "X", "C", "i").contains(ph), "a known phase: " + event);
      if (ph.equals("i")) { // an instant event (a worker's message): scoped to its thread
        assertTrue(
            event.has("s") && event.get("s").getAsString().equals("t"),
            "an instant with a scope: " + event);
      }
      assertFalse(event.get("name").getAsString().isEmpty(), "a name: " + event);
      assertTrue(event.get("pid").getAsJsonPrimitive().isNumber(), "a pid: " + event);
      event.get("pid").getAsInt();
      event.get("tid").getAsInt();
      if (!ph.equals("M")) {
        assertTrue(event.get("ts").getAsDouble() >= 0, "a ts in µs: " + event);
      }
      if (ph.equals("X")) {
        assertTrue(event.get("dur").getAsDouble() >= 0, "a dur in µs: " + event);
      }
      events.add(event);
    }
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.get("ph").getAsString().equals("M")
                        && e.get("name").getAsString().equals("thread_name")
                        && e.getAsJsonObject("args").get("name").getAsString().equals("main")),
        "a track named main");
    return events;
  }
}
