package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HotSpot's safepoint counters are read in a JVM started as the verifier starts the solution's
 * (with its {@code --add-exports}): without them no safepoint but a collection is ever forgiven.
 */
class VmClocksTest {
  /** The option of the verifier's {@code Verifier.BASE_OPTIONS} that opens the counters. */
  static final String EXPORT = "--add-exports=java.management/sun.management=ALL-UNNAMED";

  @Test
  void safepointCountersAreReadUnderTheVerifiersOptions() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:+UseSerialGC",
                    "-XX:+PerfDisableSharedMem",
                    EXPORT,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Check.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out;
    try (var in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    assertEquals("safepoints known: true, sync known: true", out);
  }

  /** Runs in the JVM started above. */
  static final class Check {
    public static void main(String[] args) throws IOException {
      VmClocks vm = new VmClocks();
      System.out.println(
          "safepoints known: " + vm.safepointsKnown() + ", sync known: " + vm.safepointSyncKnown());
    }
  }
}
