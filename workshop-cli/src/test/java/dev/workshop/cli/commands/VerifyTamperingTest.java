package dev.workshop.cli.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workshop.cli.Cli;
import dev.workshop.cli.ExitCode;
import dev.workshop.exercises.Catalogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A solution that reaches for the workshop's own state through the real {@code workshop verify}:
 * the progress file, or the workshop process itself. Progress stays as it was, and nothing of the
 * run outlives it.
 */
class VerifyTamperingTest {
  @TempDir Path home;
  @TempDir Path work;

  /** CALL ME MAYBE's reference solution, with {@code extra} run when the class is first used. */
  private Path solutionWith(String extra) throws Exception {
    String reference = Catalogue.load().byId("call-me-maybe").orElseThrow().solution("Delay.java");
    Path dir = Files.createDirectories(work.resolve("myaddon"));
    Files.writeString(
        dir.resolve("Delay.java"),
        reference.replace(
            "public class Delay {", "public class Delay {\n  static {\n" + extra + "\n  }\n"));
    return dir;
  }

  private static String javaString(Object o) {
    return "\"" + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Test
  void aSolutionThatWritesTheProgressFileFailsAndTheFileIsPutBack() throws Exception {
    Cli cli = new Cli(home);
    cli.run("select", "3");
    Path progress = home.resolve("progress.properties");
    byte[] before = Files.readAllBytes(progress);
    // A determined attempt: the real path, handed in (the child's own home is a throw-away one).
    Path dir =
        solutionWith(
            """
        try {
          java.nio.file.Files.writeString(java.nio.file.Path.of(%s),
              "current=call-me-maybe\\ncompleted=processes-and-threads,one-loop-one-thread,call-me-maybe\\n");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        """
                .formatted(javaString(progress)));

    Cli.Result r = cli.run("verify", dir.toString());

    assertEquals(ExitCode.FAIL, r.status(), r.toString());
    assertTrue(
        r.out().contains("your program changed the workshop's progress file; it was put back"),
        r.out());
    assertTrue(r.out().contains("[tampered]"), r.out());
    assertFalse(r.out().contains("PASS"), r.out());
    assertArrayEquals(before, Files.readAllBytes(progress), "the progress file is as it was");
    assertFalse(cli.run("list").out().contains("COMPLETED"), "the exercise is not marked done");
  }

  @Test
  void aSolutionThatKillsTheWorkshopLeavesNothingRunningAndProgressUnchanged() throws Exception {
    Cli cli = new Cli(home);
    cli.run("select", "3");
    Path progress = home.resolve("progress.properties");
    byte[] before = Files.readAllBytes(progress);
    Path pidFile = work.resolve("child.pid");
    String marker = "300." + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    Path dir =
        solutionWith(
            """
        try {
          new ProcessBuilder("sleep", %s).start();
          java.nio.file.Files.writeString(java.nio.file.Path.of(%s), Long.toString(ProcessHandle.current().pid()));
          ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
          Thread.sleep(60_000);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
        """
                .formatted(javaString(marker), javaString(pidFile)));

    // The real command line, in a process of its own, as a learner runs it.
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The run's folder, which a killed workshop cannot delete, in this test's folder.
                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.workshop.cli.Main",
                "verify",
                dir.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("workshop.out").toFile());
    pb.environment().put("WORKSHOP_HOME", home.toString());
    pb.environment().put("WORKSHOP_CACHE", work.resolve("cache").toString());
    Process workshop = pb.start();
    workshop.getOutputStream().close();
    assertTrue(workshop.waitFor(60, TimeUnit.SECONDS), "the workshop was killed by its solution");
    assertFalse(
        workshop.exitValue() == 0,
        "it did not finish on its own: "
            + Files.readString(work.resolve("workshop.out"), StandardCharsets.UTF_8));

    assertTrue(
        Files.exists(pidFile),
        "the solution ran: " + Files.readString(work.resolve("workshop.out")));
    long childPid = Long.parseLong(Files.readString(pidFile).strip());
    List<String> left = List.of("?");
    for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < end; ) {
      left =
          ProcessHandle.allProcesses()
              .filter(
                  p ->
                      p.pid() == childPid
                          || p.info().commandLine().orElse("").contains("sleep " + marker))
              .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
              .toList();
      if (left.isEmpty()) break;
      Thread.sleep(50); // a bounded poll
    }
    assertEquals(List.of(), left, "processes of the run outlived the workshop");
    assertArrayEquals(before, Files.readAllBytes(progress), "the progress file is as it was");
  }
}
