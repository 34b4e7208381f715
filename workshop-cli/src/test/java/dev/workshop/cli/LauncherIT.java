package dev.workshop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher script, run as a learner runs it: from another folder, through a symlink. */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "workshop").toAbsolutePath().normalize();

  @TempDir Path home;
  @TempDir Path elsewhere;

  private record Run(int status, String out, String err) {}

  private Run run(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", home.toString());
    env.remove("WORKSHOP_HOME");
    env.remove("XDG_CONFIG_HOME");
    env.put("WORKSHOP_SKIP_BUILD", "1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    Path out = elsewhere.resolve("out.txt");
    Path err = elsewhere.resolve("err.txt");
    Process process =
        builder
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher finished");
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void listWorksFromAnyFolderAndKeepsProgressUnderHome() throws Exception {
    Run select = run(LAUNCHER, "select", "2");
    assertEquals(0, select.status(), select.err());
    assertTrue(
        Files.exists(home.resolve(".config/workshop/progress.properties")),
        "progress is under ~/.config/workshop");
    Run list = run(LAUNCHER, "list");
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("▶  2. "), list.out());
    assertEquals("", list.err(), "no warnings, even from the class-data archive");
  }

  @Test
  void worksThroughASymlinkAndSecondRunUsesTheArchiveSilently() throws Exception {
    Path link = Files.createSymbolicLink(elsewhere.resolve("workshop"), LAUNCHER);
    Run first = run(link, "current");
    assertEquals(0, first.status(), first.err());
    Run second = run(link, "current");
    assertEquals(0, second.status(), second.err());
    assertEquals(first.out(), second.out());
    assertEquals("", second.err());
  }

  @Test
  void menuOutsideATerminalNeverWaitsForKeys() throws Exception {
    Run menu = run(LAUNCHER);
    assertEquals(0, menu.status(), menu.err());
    assertTrue(menu.out().contains("select N"), menu.out());
  }

  @Test
  void aBadCommandExitsTwoWithOneErrorLine() throws Exception {
    Run bad = run(LAUNCHER, "frobnicate");
    assertEquals(2, bad.status());
    assertTrue(bad.err().startsWith("error: "), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
  }

  @Test
  void ctrlCWhileALessonIsInThePagerBelongsToThePager() throws Exception {
    Path started = elsewhere.resolve("pager-started");
    Path paged = elsewhere.resolve("paged.txt");
    Path jar = Path.of("target", "workshop-cli.jar").toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // setsid: a process group of its own, like a shell's foreground job, so that the whole group
    // gets the signal, as it does when Ctrl-C is typed in a terminal.
    ProcessBuilder builder =
        new ProcessBuilder(
                "setsid",
                java,
                "-Dworkshop.tty.out=true",
                "-Dworkshop.rows=5",
                "-jar",
                jar.toString(),
                "print",
                "1")
            .directory(elsewhere.toFile());
    builder.environment().put("WORKSHOP_HOME", home.toString());
    builder
        .environment()
        .put("WORKSHOP_PAGER", "touch '" + started + "'; sleep 5; cat > '" + paged + "'");
    Process workshop =
        builder
            .redirectOutput(elsewhere.resolve("out.txt").toFile())
            .redirectErrorStream(true)
            .start();
    for (int i = 0; i < 1200 && !Files.exists(started) && workshop.isAlive(); i++) {
      Thread.sleep(50);
    }
    assertTrue(
        Files.exists(started),
        "the pager started: " + Files.readString(elsewhere.resolve("out.txt")));
    Process kill =
        new ProcessBuilder("kill", "-INT", "--", "-" + workshop.pid()).inheritIO().start();
    assertEquals(0, kill.waitFor());

    assertTrue(workshop.waitFor(2, TimeUnit.MINUTES));
    assertEquals(
        0,
        workshop.exitValue(),
        "the workshop waited for the pager instead of dying: "
            + Files.readString(elsewhere.resolve("out.txt")));
    assertTrue(Files.readString(paged).contains("Exercise 1 of"), "the pager still got the lesson");
  }
}
