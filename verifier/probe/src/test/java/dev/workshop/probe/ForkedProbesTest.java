package dev.workshop.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a fork's command and standard input change under the probe. */
class ForkedProbesTest {
  private static final List<String> RUNTIME_COMMAND =
      List.of(
          "/jdk/bin/java",
          "-XX:SharedArchiveFile=/cache/child.jsa",
          "-XX:ActiveProcessorCount=4",
          "-Dworkshop.probe.await=true",
          "-cp",
          "/probe.jar:/runtime.jar:/run/classes",
          ForkedProbes.FORK_LAUNCHER,
          "Main$Kid",
          "7");

  @Test
  void aForkRunsUnderTheProbeWithTheClassPathOfTheArchive() {
    ForkedProbes forks = new ForkedProbes("/probe.jar:/runtime.jar");
    forks.go(new GoLine("/run/classes", List.of("Main"), List.of("Host"), 4242, "abc", false));
    assertEquals(
        List.of(
            "/jdk/bin/java",
            "-XX:SharedArchiveFile=/cache/child.jsa",
            "-XX:ActiveProcessorCount=4",
            "-Dworkshop.probe.await=true",
            "-cp",
            "/probe.jar:/runtime.jar", // the solution's classes come woven, from the go line
            Probe.class.getName(),
            ForkedProbes.FORK_LAUNCHER,
            "Main$Kid",
            "7"),
        forks.command(RUNTIME_COMMAND));
    assertEquals("go /run/classes\tMain\tHost\t4242\tabc\tfork", forks.input());
    GoLine back = GoLine.parse(forks.input());
    assertEquals(true, back.forked());
    assertEquals(4242, back.port());
  }

  @Test
  void withoutAGoLineAForkRunsAsTheRuntimeWouldRunIt() {
    ForkedProbes forks = new ForkedProbes("/probe.jar:/runtime.jar");
    assertEquals(RUNTIME_COMMAND, forks.command(RUNTIME_COMMAND));
    assertNull(forks.input());
  }

  @Test
  void aCommandItDoesNotRecogniseIsLeftAlone() {
    ForkedProbes forks = new ForkedProbes("/probe.jar:/runtime.jar");
    forks.go(new GoLine("/run/classes", List.of(), List.of(), 4242, "abc", false));
    List<String> other = List.of("/jdk/bin/java", "-jar", "tool.jar");
    assertEquals(other, forks.command(other));
  }

  @Test
  void anOlderGoLineIsNotAFork() {
    assertEquals(false, GoLine.parse("go /c\tMain\t\t1\tt").forked());
  }
}
