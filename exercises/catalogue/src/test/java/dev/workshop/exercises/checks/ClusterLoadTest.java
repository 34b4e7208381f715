package dev.workshop.exercises.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workshop.exercises.checks.ClusterLoad.Exchange;
import dev.workshop.exercises.checks.ClusterLoad.Kill;
import dev.workshop.exercises.checks.ClusterLoad.Listen;
import dev.workshop.exercises.checks.ClusterLoad.Log;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What CLUSTER's interaction saw survives its text form, which the recorded runs keep. */
class ClusterLoadTest {

  @Test
  void aLogReadsBackAsItWasWritten() {
    Log log =
        new Log(
            List.of(
                new Listen(1, 201, 41234), new Listen(2, 202, 41234), new Listen(4, 205, 41234)),
            2,
            List.of(
                new Exchange("before", "/", 200, "hello from worker 1\n", 10, 12, ""),
                new Exchange("during", "/", 0, "", 20, 21, "java.net.SocketException: reset\tx"),
                new Exchange("shutdown", "/shutdown", 200, "bye\n", 30, 31, "")),
            Optional.of(new Kill(1, 201, 15, "")),
            30,
            40,
            List.of(205L));
    assertEquals(log, Log.parse(log.text()));
  }

  @Test
  void aLogWithNothingSeenReadsBackEmpty() {
    Log log = new Log(List.of(), 0, List.of(), Optional.empty(), -1, -1, List.of());
    assertEquals(log, Log.parse(log.text()));
  }
}
