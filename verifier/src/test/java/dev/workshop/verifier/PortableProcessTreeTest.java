package dev.workshop.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.probe.Portable;
import dev.workshop.probe.ProcessGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The process-tree path macOS and Windows take (no {@code /proc}, no {@code setsid}), forced on
 * Linux with {@code -Dworkshop.portable=true}: the child JVM is not a group leader, its
 * descendants are ended with it, and a process that left the tree is not (the documented limit).
 */
@Isolated // it forces a system property that every verify reads: no other class runs meanwhile
class PortableProcessTreeTest {
  @TempDir Path root;

  @BeforeEach
  void force() {
    System.setProperty(Portable.PROPERTY, "true");
  }

  @AfterEach
  void unforce() {
    System.clearProperty(Portable.PROPERTY);
  }

  private Verdict verify(String source, long timeoutMs) throws Exception {
    return new Verifier(TestExercise.sharedCache(), Map.of())
        .verify(TestExercise.withTimeout(timeoutMs), TestExercise.solution(root, source), s -> {});
  }

  private static String marker() {
    return "300." + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
  }

  private static List<ProcessHandle> running(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .toList();
  }

  /** Waits, up to 10 s, until no process's command line holds {@code marker}; those left. */
  private static List<ProcessHandle> leftBehind(String marker) throws InterruptedException {
    List<ProcessHandle> left = running(marker);
    for (long end = System.nanoTime() + 10_000_000_000L;
        !left.isEmpty() && System.nanoTime() < end; ) {
      Thread.sleep(50); // a bounded poll, not a synchronisation
      left = running(marker);
    }
    return left;
  }

  @Test
  void noProcessGroupsWhenForced() {
    assertFalse(ProcessGroup.supported());
  }

  @Test
  void theChildsDescendantsEndWithItAtTheTimeout() throws Exception {
    String marker = marker();
    Verdict v =
        verify(
            """
        public class Main {
          public static void main(String[] args) throws Exception {
            System.out.println("pid " + ProcessHandle.current().pid());
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/stat")));
            System.out.println("pgrp " + stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
            new ProcessBuilder("sleep", "%s").start().waitFor();
          }
        }
        """
                .formatted(marker),
            3000);
    Run run = v.runs().get(0);
    assertTrue(run.timedOut(), run.stdout());
    assertNotEquals(run.pid(), run.number("pgrp ").orElseThrow(), "no setsid: " + run.stdout());
    assertEquals(List.of(), leftBehind(marker), "the child's own child outlived the verify");
  }

  @Test
  void aProcessThatLeftTheTreeOutlivesTheVerify() throws Exception {
    String marker = marker();
    try {
      verify(
          """
        public class Main {
          public static void main(String[] args) throws Exception {
            new ProcessBuilder("sh", "-c", "sleep %s >/dev/null 2>&1 &").start().waitFor();
          }
        }
        """
              .formatted(marker),
          5000);
      // Its parent (the shell) exited: no longer a descendant, so the portable path misses it.
      assertFalse(running(marker).isEmpty(), "docs/verifier.md says it outlives the verify");
    } finally {
      running(marker).forEach(ProcessHandle::destroyForcibly);
    }
  }
}
