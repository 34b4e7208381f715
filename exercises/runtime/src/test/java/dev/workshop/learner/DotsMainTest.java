package dev.workshop.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class DotsMainTest {
  @Test
  void mainKeepsTickingWhileThePoolSleeps() throws Exception {
    Jvm r = Jvm.run(DotsMain.class, Map.of());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.matches("(?s)\\.+\nslept on pool-\\d+, back on main\n"), r.toString());
  }
}
