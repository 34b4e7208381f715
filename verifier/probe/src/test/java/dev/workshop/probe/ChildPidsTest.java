package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChildPidsTest {
  @Test
  void listsAChildWhileItLivesAndNotOnceItIsGone() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // A JVM that waits on its standard input: it lives until the test closes it.
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                WaitForStdin.class.getName())
            .redirectErrorStream(true)
            .start();
    try {
      List<Long> now = new ChildPids().now();
      assertTrue(now.contains(child.pid()), "a running child is listed");
      assertEquals(now.size(), new HashSet<>(now).size(), "each pid once: " + now);
    } finally {
      child.getOutputStream().close();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertFalse(new ChildPids().now().contains(child.pid()), "a child that ended and was reaped");
  }

  /** Reads standard input to its end. */
  public static final class WaitForStdin {
    public static void main(String[] args) throws Exception {
      System.in.readAllBytes();
    }
  }
}
