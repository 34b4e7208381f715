package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How many processors each run's child JVM is told it has: the verifier's count, the exercise's
 * own counts ({@code processors}), and never fewer than the exercise's {@code
 * child.processors.min} (SHARED MEMORY needs two threads truly at once).
 */
class ChildProcessorsTest {
  private static final Verification NONE = judge -> {};

  private static List<RunLauncher.Plan> plans(Map<String, String> properties) {
    return RunLauncher.plans(
        new TestExercise(Duration.ofSeconds(1), properties), NONE, List.of(), false);
  }

  @Test
  void byDefaultTheVerifiersCount() {
    List<RunLauncher.Plan> p = plans(Map.of());
    assertEquals(1, p.size());
    assertEquals(Verifier.CHILD_PROCESSORS, p.get(0).processors());
    assertFalse(p.get(0).named());
  }

  @Test
  void theMinimumRaisesEveryCountBelowIt() {
    List<RunLauncher.Plan> p = plans(Map.of("processors", "1 3", "child.processors.min", "2"));
    assertEquals(List.of(2, 3), p.stream().map(RunLauncher.Plan::processors).toList());
    assertTrue(p.get(0).named());
    assertEquals(256, plans(Map.of("child.processors.min", "300")).get(0).processors());
    assertEquals(
        Math.max(Verifier.CHILD_PROCESSORS, 2),
        plans(Map.of("child.processors.min", "2")).get(0).processors());
  }
}
